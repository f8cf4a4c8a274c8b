/*
 * site/search.h: the offline search index — one entry per page section
 * (page, heading, a short snippet) and an inverted index from folded
 * terms (lowercase, Vietnamese diacritics removed) to sections. Written
 * as a script file (window.VECDOC_SEARCH = ...) so it loads lazily from
 * file:// through a <script> tag.
 * Never stores whole pages: only terms, counts and one snippet a section.
 */
#ifndef VECDOC_SEARCH_H
#define VECDOC_SEARCH_H

#include "site/site.h"

/* Builds the index of every page of s (after the Markdown passes). Heap. */
char	*search_index_js(const struct site *s);
/* Splits folded text into search terms (exposed for tests): calls fn for
 * each term; hyphenated words yield the whole ("t-sne") and each part. */
void	 search_terms(const char *folded, void (*fn)(void *, const char *,
	    size_t), void *ctx);

#endif
