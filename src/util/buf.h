/*
 * util/buf: a growable byte buffer, always NUL-terminated.
 * Produces heap memory owned by the buffer (buf_clear frees it).
 * Never fails: growth goes through xrealloc.
 */
#ifndef VECDOC_BUF_H
#define VECDOC_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;	/* NUL-terminated once anything was put, else NULL */
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT { NULL, 0, 0 }

void	 buf_init(struct buf *b);
void	 buf_clear(struct buf *b);		/* frees; b reusable */
void	 buf_reset(struct buf *b);		/* len = 0, keeps memory */
void	 buf_grow(struct buf *b, size_t extra);
void	 buf_put(struct buf *b, const void *p, size_t n);
void	 buf_puts(struct buf *b, const char *s);
void	 buf_putc(struct buf *b, int c);
void	 buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* HTML-escape s (& < > " ') into b; control characters XML forbids
 * become U+FFFD. */
void	 buf_put_html(struct buf *b, const char *s, size_t n);
/* The data as a C string ("" when empty); stays owned by b. */
const char *buf_str(const struct buf *b);
/* Hands the data to the caller (who frees it); b becomes empty. */
char	*buf_detach(struct buf *b);

#endif
