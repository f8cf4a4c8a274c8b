/*
 * md/slug.h: heading anchors and search keys with Vietnamese diacritics
 * folded ("Độ tương tự côsin" -> "do-tuong-tu-cosin").
 * Produces heap strings. Never depends on the locale.
 */
#ifndef VECDOC_SLUG_H
#define VECDOC_SLUG_H

#include <stddef.h>

#include "util/text.h"

/* A slug: folded, runs of non-alphanumerics to one '-', trimmed; never
 * empty ("section" when nothing is left). Heap. */
char	*slugify(const char *s, size_t len);

#endif
