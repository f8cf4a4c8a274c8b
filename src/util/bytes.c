/*
 * util/bytes: the binary caches' encoding (see bytes.h).
 */
#include <string.h>

#include "util/bytes.h"
#include "util/xalloc.h"

void
bytes_u32(struct buf *b, uint32_t v)
{
	unsigned char x[4];
	int i;

	for (i = 0; i < 4; i++)
		x[i] = (unsigned char)(v >> (8 * i));
	buf_put(b, x, 4);
}

void
bytes_u64(struct buf *b, uint64_t v)
{
	unsigned char x[8];
	int i;

	for (i = 0; i < 8; i++)
		x[i] = (unsigned char)(v >> (8 * i));
	buf_put(b, x, 8);
}

void
bytes_f64(struct buf *b, double v)
{
	uint64_t u;

	memcpy(&u, &v, 8);
	bytes_u64(b, u);
}

void
bytes_str(struct buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	bytes_u32(b, s ? (uint32_t)n : BYTES_NULL);
	if (s)
		buf_put(b, s, n);
}

void
bytes_blob(struct buf *b, const void *p, size_t n)
{
	bytes_u64(b, n);
	buf_put(b, p, n);
}

void
brd_init(struct brd *r, const void *p, size_t n)
{
	r->p = p;
	r->end = r->p + n;
	r->bad = 0;
}

uint32_t
brd_u32(struct brd *r)
{
	uint32_t v = 0;
	int i;

	if (r->bad || r->end - r->p < 4) {
		r->bad = 1;
		return 0;
	}
	for (i = 0; i < 4; i++)
		v |= (uint32_t)r->p[i] << (8 * i);
	r->p += 4;
	return v;
}

uint64_t
brd_u64(struct brd *r)
{
	uint64_t v = 0;
	int i;

	if (r->bad || r->end - r->p < 8) {
		r->bad = 1;
		return 0;
	}
	for (i = 0; i < 8; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += 8;
	return v;
}

double
brd_f64(struct brd *r)
{
	uint64_t u = brd_u64(r);
	double v;

	memcpy(&v, &u, 8);
	return v;
}

size_t
brd_count(struct brd *r, size_t unit)
{
	uint64_t n = brd_u64(r);

	if (r->bad || (unit > 0 && n > (uint64_t)(r->end - r->p) / unit)) {
		r->bad = 1;
		return 0;
	}
	return (size_t)n;
}

char *
brd_str(struct brd *r)
{
	uint32_t n = brd_u32(r);
	char *s;

	if (r->bad || n == BYTES_NULL)
		return NULL;
	/* C strings: a NUL inside is damage */
	if ((size_t)(r->end - r->p) < n || memchr(r->p, '\0', n) != NULL) {
		r->bad = 1;
		return NULL;
	}
	s = xstrndup((const char *)r->p, n);
	r->p += n;
	return s;
}

const void *
brd_blob(struct brd *r, size_t *n)
{
	size_t k = brd_count(r, 1);
	const void *p = r->p;

	*n = 0;
	if (r->bad)
		return NULL;
	r->p += k;
	*n = k;
	return p;
}
