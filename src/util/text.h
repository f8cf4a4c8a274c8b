/*
 * util/text.h: small UTF-8 text helpers shared by several layers.
 */
#ifndef VECDOC_TEXT_H
#define VECDOC_TEXT_H

#include <stddef.h>

#include "util/buf.h"

/* Lowercased, diacritics removed (NFD, marks dropped, đ -> d); heap. */
char	*text_fold(const char *s, size_t len);

/*
 * Appends Python's str.upper() of s (len bytes of UTF-8) to "out":
 * utf8proc's simple upper-case mapping plus the unconditional multi-
 * character mappings that matter for word lists (ß→SS, ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ,
 * ŉ→ʼN). Other SpecialCasing.txt expansions (Greek with ypogegrammeni,
 * Armenian ligatures) keep their single-character mapping. Invalid UTF-8
 * bytes are copied unchanged.
 */
void	 text_upper(const char *s, size_t len, struct buf *out);

/* Python's str.isspace() for the code point at s (n bytes left): its
 * length in bytes, or 0 when it is not white space. */
size_t	 text_ws_len(const char *s, size_t n);

/*
 * Splits a line (len bytes of UTF-8) on runs of Python str.split()
 * whitespace, storing at most "max" fields as (start, length) pairs in
 * f[]; returns the number of fields found (may exceed max).
 */
int	 text_split_ws(const char *s, size_t len, size_t (*f)[2], int max);

#endif
