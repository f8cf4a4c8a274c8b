/*
 * util/bytes: little-endian words, doubles and length-prefixed strings
 * into a buffer, and a bounded reader that never reads past its end (a
 * short or damaged input sets "bad" and yields zeros and NULLs). The
 * binary caches (results, file digests) are written with these.
 */
#ifndef VECDOC_BYTES_H
#define VECDOC_BYTES_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define BYTES_NULL 0xffffffffu	/* string length of a NULL string */

void	 bytes_u32(struct buf *b, uint32_t v);
void	 bytes_u64(struct buf *b, uint64_t v);
void	 bytes_f64(struct buf *b, double v);
/* A string as u32 length + bytes; NULL as BYTES_NULL. */
void	 bytes_str(struct buf *b, const char *s);
/* Raw bytes as u64 length + bytes. */
void	 bytes_blob(struct buf *b, const void *p, size_t n);

struct brd {
	const unsigned char	*p, *end;
	int			 bad;
};

void	 brd_init(struct brd *r, const void *p, size_t n);
uint32_t brd_u32(struct brd *r);
uint64_t brd_u64(struct brd *r);
double	 brd_f64(struct brd *r);
/* A u64 count of things at least "unit" bytes each: bad when the bytes
 * left cannot hold that many (so allocations stay bounded by the input). */
size_t	 brd_count(struct brd *r, size_t unit);
/* A heap copy of a bytes_str string (NULL for a NULL string or bad; a
 * NUL byte inside makes it bad). */
char	*brd_str(struct brd *r);
/* A bytes_blob: points into the input (not copied); *n its length. */
const void *brd_blob(struct brd *r, size_t *n);

#endif
