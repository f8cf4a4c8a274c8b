/*
 * store/npy: NumPy .npy arrays (format 1.0, 2.0, 3.0) of <f4 <f8 <f2 >f4
 * (and >f8 >f2), C or Fortran order, with a separate vocabulary file.
 * Reads a file or memory; produces a space (rows = shape[0]).
 * Never accepts object arrays or a shape that disagrees with the size.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/xalloc.h"

float
store_half(uint16_t h)
{
	uint32_t sign = (uint32_t)(h >> 15) << 31, e = (h >> 10) & 31, m = h & 1023;
	uint32_t bits;
	float f;

	if (e == 0) {
		f = ldexpf((float)m, -24);
		return sign ? -f : f;
	}
	if (e == 31)
		bits = sign | 0x7f800000u | (m << 13);
	else
		bits = sign | ((e + 112) << 23) | (m << 13);
	memcpy(&f, &bits, 4);
	return f;
}

float
store_bf16(uint16_t h)
{
	uint32_t bits = (uint32_t)h << 16;
	float f;

	memcpy(&f, &bits, 4);
	return f;
}

/* The value after 'key': in a Python dict literal, or NULL. */
static const char *
dict_find(const char *h, const char *key)
{
	char pat[32];
	const char *p;

	snprintf(pat, sizeof(pat), "'%s'", key);
	if ((p = strstr(h, pat)) == NULL) {
		snprintf(pat, sizeof(pat), "\"%s\"", key);
		if ((p = strstr(h, pat)) == NULL)
			return NULL;
	}
	p += strlen(pat);
	while (*p == ' ')
		p++;
	if (*p != ':')
		return NULL;
	p++;
	while (*p == ' ')
		p++;
	return p;
}

struct space *
npy_parse(const char *name, const unsigned char *p, size_t n,
    struct wordbuf *vocab, const char *vocabname, struct diag *d)
{
	size_t hl, pre, isz, i, k, nel;
	char *h = NULL, descr[16];
	const char *v;
	int major, fortran, be, ndim = 0;
	long shape[3] = { 1, 1, 1 }, rows, dims;
	struct space *s = NULL;
	char kind;

	if (n < 10 || memcmp(p, "\x93NUMPY", 6) != 0) {
		diag_fail_at(d, name, 0, "not a .npy file (bad magic)");
		return NULL;
	}
	major = p[6];
	if (major == 1) {
		hl = (size_t)p[8] | (size_t)p[9] << 8;
		pre = 10;
	} else if (major == 2 || major == 3) {
		if (n < 12) {
			diag_fail_at(d, name, (long long)n, "truncated .npy header");
			return NULL;
		}
		hl = (size_t)p[8] | (size_t)p[9] << 8 | (size_t)p[10] << 16 |
		    (size_t)p[11] << 24;
		pre = 12;
	} else {
		diag_fail_at(d, name, 6, "unsupported .npy version %d.%d",
		    major, p[7]);
		return NULL;
	}
	if (hl > n - pre) {
		diag_fail_at(d, name, 8, "header length %zu exceeds the file "
		    "(%zu bytes)", hl, n);
		return NULL;
	}
	h = xstrndup((const char *)p + pre, hl);
	if (strlen(h) != hl) {
		diag_fail_at(d, name, (long long)pre, "NUL byte in the header");
		goto out;
	}
	if ((v = dict_find(h, "descr")) == NULL || (*v != '\'' && *v != '"')) {
		diag_fail_at(d, name, (long long)pre, "header has no 'descr'");
		goto out;
	}
	for (i = 0, v++; *v && *v != '\'' && *v != '"' && i < sizeof(descr) - 1;)
		descr[i++] = *v++;
	descr[i] = '\0';
	if (descr[0] == '|' && descr[1] == 'O') {
		diag_fail_at(d, name, (long long)pre, "object arrays (dtype "
		    "'|O') hold Python objects, not numbers: not supported");
		goto out;
	}
	if (strlen(descr) != 3 || (descr[0] != '<' && descr[0] != '>' &&
	    descr[0] != '=') || descr[1] != 'f' ||
	    (descr[2] != '2' && descr[2] != '4' && descr[2] != '8')) {
		diag_fail_at(d, name, (long long)pre, "unsupported dtype '%s' "
		    "(supported: <f2 <f4 <f8 and big-endian)", descr);
		goto out;
	}
	be = descr[0] == '>';
	kind = descr[2];
	isz = (size_t)(kind - '0');
	if ((v = dict_find(h, "fortran_order")) == NULL ||
	    (strncmp(v, "True", 4) != 0 && strncmp(v, "False", 5) != 0)) {
		diag_fail_at(d, name, (long long)pre, "header has no "
		    "'fortran_order'");
		goto out;
	}
	fortran = *v == 'T';
	if ((v = dict_find(h, "shape")) == NULL || *v != '(') {
		diag_fail_at(d, name, (long long)pre, "header has no 'shape'");
		goto out;
	}
	for (v++;;) {
		while (*v == ' ' || *v == ',')
			v++;
		if (*v == ')')
			break;
		if (!isdigit((unsigned char)*v) || ndim == 3) {
			diag_fail_at(d, name, (long long)pre, "bad shape in the "
			    "header (expected 1 or 2 dimensions)");
			goto out;
		}
		shape[ndim] = strtol(v, (char **)&v, 10);
		if (shape[ndim] < 0 || shape[ndim] > (1L << 40)) {
			diag_fail_at(d, name, (long long)pre, "bad shape");
			goto out;
		}
		ndim++;
	}
	if (ndim > 2) {
		diag_fail_at(d, name, (long long)pre, "a %d-dimensional array "
		    "is not a matrix", ndim);
		goto out;
	}
	rows = ndim == 2 ? shape[0] : 1;
	dims = ndim == 2 ? shape[1] : ndim == 1 ? shape[0] : 1;
	if (rows == 0 || dims == 0 || dims > 1000000 || rows >= (1L << 31)) {
		diag_fail_at(d, name, (long long)pre, "shape (%ld, %ld) holds "
		    "no usable matrix", rows, dims);
		goto out;
	}
	nel = (size_t)rows * (size_t)dims;
	if ((n - pre - hl) / isz < nel || (n - pre - hl) / isz / (size_t)dims <
	    (size_t)rows) {
		diag_fail_at(d, name, (long long)n, "truncated: shape (%ld, %ld) "
		    "needs %zu bytes of data, %zu present", rows, dims,
		    nel * isz, n - pre - hl);
		goto out;
	}
	if (vocab->positions && vocab->n == 0)
		wordbuf_number(vocab, rows);
	if (vocab->n != (size_t)rows) {
		diag_fail(d, vocabname ? vocabname : name, 0, 0, "vocabulary "
		    "has %zu tokens but the array has %ld rows", vocab->n, rows);
		goto out;
	}
	s = store_new(name, "npy");
	s->dims = (int)dims;
	snprintf(s->dtype, sizeof(s->dtype), "%.8s%s", descr,
	    fortran ? " fortran" : "");
	if (store_mat_reserve(s, rows, (int)dims, d) < 0)
		goto fail;
	{
		const unsigned char *data = p + pre + hl;

		for (i = 0; i < nel; i++) {
			const unsigned char *e = data + i * isz;
			unsigned char b[8];
			float f;

			for (k = 0; k < isz; k++)
				b[k] = be ? e[isz - 1 - k] : e[k];
			if (isz == 4)
				memcpy(&f, b, 4);
			else if (isz == 2)
				f = store_half((uint16_t)(b[0] | b[1] << 8));
			else {
				double x;

				memcpy(&x, b, 8);
				f = (float)x;
			}
			if (!isfinite(f)) {
				diag_fail_at(d, name, (long long)(pre + hl + i * isz),
				    "row %zu, component %zu is not finite%s",
				    fortran ? i % (size_t)rows : i / (size_t)dims,
				    (fortran ? i / (size_t)rows : i % (size_t)dims) + 1,
				    isz == 8 ? " (or beyond float32)" : "");
				goto fail;
			}
			if (fortran)
				s->mat[(i % (size_t)rows) * (size_t)dims +
				    i / (size_t)rows] = f;
			else
				s->mat[i] = f;
		}
	}
	s->rows = rows;
	wordbuf_give(vocab, s);
	if (store_finish(s, -1, d) < 0)
		goto fail;
	goto out;
fail:
	space_free(s);
	s = NULL;
out:
	free(h);
	return s;
}

struct space *
npy_read(const char *path, const char *vocab, int positions, struct diag *d)
{
	size_t n;
	const unsigned char *p;
	struct space *s;
	struct wordbuf wb;

	if (vocab == NULL && !positions) {
		diag_fail(d, path, 0, 0, "a .npy array needs a vocabulary file "
		    "(vocab: in vecdoc.yml, --vocab for the commands) or "
		    "rows: positions");
		return NULL;
	}
	wordbuf_init(&wb);
	wb.positions = vocab == NULL;
	if (vocab != NULL && vocab_read(vocab, &wb, d) < 0)
		return NULL;
	if ((p = store_map(path, &n, d)) == NULL) {
		wordbuf_clear(&wb);
		return NULL;
	}
	s = npy_parse(path, p, n, &wb, vocab, d);
	wordbuf_clear(&wb);
	store_unmap(p, n);
	return s;
}
