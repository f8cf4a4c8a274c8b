/*
 * store/w2vbin: word2vec binary (word2vec.c, gensim binary=True): "N D\n"
 * then per row the word up to ' ' (a leading '\n' is dropped) and D
 * little-endian float32. Reads a file or memory; produces a space.
 * Never reads past the end: a truncated row is an error at its offset.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "util/xalloc.h"

struct space *
w2vbin_parse(const char *name, const unsigned char *p, size_t n, struct diag *d)
{
	size_t i = 0, ws, wend, rowb;
	long rows, r, k;
	int dims;
	char hdr[64];
	struct space *s;
	struct wordbuf wb;
	float *row;

	if (n == 0) {
		diag_fail(d, name, 0, 0, "empty file");
		return NULL;
	}
	while (i < n && i < sizeof(hdr) - 1 && p[i] != '\n')
		i++;
	if (i >= n || p[i] != '\n') {
		diag_fail(d, name, 1, 0, "expected a header line \"ROWS DIMS\"");
		return NULL;
	}
	memcpy(hdr, p, i);
	hdr[i] = '\0';
	if (sscanf(hdr, "%ld %d", &rows, &dims) != 2 || rows <= 0 || dims <= 0 ||
	    dims > 1000000 || rows > (long)(n / ((size_t)dims * 4 + 2)) + 1) {
		if (sscanf(hdr, "%ld %d", &rows, &dims) == 2 && rows > 0 &&
		    dims > 0 && dims <= 1000000)
			diag_fail_at(d, name, (long long)n, "truncated: header "
			    "says %ld rows of %d floats, the file has only %zu "
			    "bytes", rows, dims, n);
		else
			diag_fail(d, name, 1, 0, "bad header \"%.40s\" "
			    "(expected \"ROWS DIMS\")", hdr);
		return NULL;
	}
	i++;
	s = store_new(name, "word2vec-bin");
	s->dims = dims;
	snprintf(s->dtype, sizeof(s->dtype), "<f4");
	if (store_mat_reserve(s, rows, dims, d) < 0) {
		space_free(s);
		return NULL;
	}
	rowb = (size_t)dims * 4;
	wordbuf_init(&wb);
	for (r = 0; r < rows; r++) {
		while (i < n && p[i] == '\n')
			i++;
		ws = i;
		while (i < n && p[i] != ' ' && i - ws < 10000)
			i++;
		if (i >= n) {
			diag_fail_at(d, name, (long long)ws, "truncated: row %ld "
			    "of %ld has no vector", r, rows);
			goto fail;
		}
		if (p[i] != ' ') {
			diag_fail_at(d, name, (long long)ws, "row %ld: no space "
			    "after the word within 10000 bytes", r);
			goto fail;
		}
		wordbuf_add(&wb, (const char *)p + ws, i - ws);
		wend = i;
		i++;
		if (n - i < rowb) {
			diag_fail_at(d, name, (long long)n, "truncated: row %ld "
			    "needs %zu bytes of vector at byte %zu, %zu left",
			    r, rowb, i, n - i);
			goto fail;
		}
		row = s->mat + (size_t)r * (size_t)dims;
		memcpy(row, p + i, rowb);
		for (k = 0; k < dims; k++)
			if (!isfinite(row[k])) {
				diag_fail_at(d, name, (long long)(i + 4 * (size_t)k),
				    "row %ld (\"%.*s\"): component %ld is not "
				    "finite", r, (int)(wend - ws > 40 ? 40 : wend - ws),
				    (const char *)p + ws, k + 1);
				goto fail;
			}
		i += rowb;
	}
	while (i < n && (p[i] == '\n' || p[i] == ' '))
		i++;
	if (i < n) {
		diag_fail_at(d, name, (long long)i, "%zu bytes after the %ld "
		    "rows the header announced", n - i, rows);
		goto fail;
	}
	s->rows = rows;
	wordbuf_give(&wb, s);
	if (store_finish(s, -1, d) < 0) {
		space_free(s);
		return NULL;
	}
	return s;
fail:
	wordbuf_clear(&wb);
	space_free(s);
	return NULL;
}

/* Maps a whole file read-only (n = 0 gives NULL and no error). */
static const unsigned char *
map_file(const char *path, size_t *n, struct diag *d)
{
	struct stat st;
	void *m;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		diag_fail(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0) {
		close(fd);
		diag_fail(d, path, 0, 0, "cannot stat: %s", strerror(errno));
		return NULL;
	}
	*n = (size_t)st.st_size;
	if (*n == 0) {
		close(fd);
		return (const unsigned char *)"";
	}
	m = mmap(NULL, *n, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED) {
		diag_fail(d, path, 0, 0, "cannot map: %s", strerror(errno));
		return NULL;
	}
	return m;
}

const unsigned char *
store_map(const char *path, size_t *n, struct diag *d)
{
	return map_file(path, n, d);
}

void
store_unmap(const unsigned char *p, size_t n)
{
	if (n > 0)
		munmap((void *)(uintptr_t)p, n);
}

struct space *
w2vbin_read(const char *path, struct diag *d)
{
	size_t n;
	const unsigned char *p = map_file(path, &n, d);
	struct space *s;

	if (p == NULL)
		return NULL;
	s = w2vbin_parse(path, p, n, d);
	store_unmap(p, n);
	return s;
}

int
space_write_w2vbin(const struct space *s, const char *path, struct diag *d)
{
	struct afile f;
	char tmp[64];
	long i;
	size_t len;
	const char *w;
	int n;

	for (i = 0; i < s->rows; i++) {
		w = space_word(s, i, &len);
		if (memchr(w, ' ', len) != NULL || len == 0)
			return diag_fail(d, path, 0, 0, "token \"%.80s\" (row %ld) "
			    "%s: word2vec binary cannot hold it", w, i,
			    len ? "contains a space" : "is empty");
	}
	if (afile_open(&f, path, d) < 0)
		return -1;
	n = snprintf(tmp, sizeof(tmp), "%ld %d\n", s->rows, s->dims);
	afile_write(&f, tmp, (size_t)n);
	for (i = 0; i < s->rows; i++) {
		w = space_word(s, i, &len);
		afile_write(&f, w, len);
		afile_write(&f, " ", 1);
		afile_write(&f, space_row(s, i), (size_t)s->dims * 4);
		afile_write(&f, "\n", 1);
	}
	return afile_commit(&f, d);
}
