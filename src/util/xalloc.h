/*
 * util/xalloc: allocation wrappers.
 * Reads nothing, produces heap memory; never returns NULL: running out of
 * memory aborts with a message (the one place outside main.c that exits).
 */
#ifndef VECDOC_XALLOC_H
#define VECDOC_XALLOC_H

#include <stddef.h>

void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t size);
void	*xrealloc(void *p, size_t n);
/* xreallocarray: p resized to n * size bytes, with overflow checked. */
void	*xreallocarray(void *p, size_t n, size_t size);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);
/* Formatted, heap-allocated string; caller frees. */
char	*xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
