/*
 * store/space: the public face of an embedding space — its size, rows,
 * words, exact and case-folded lookups, information and warnings.
 * Reads only the space; the readers and store/open.c make it.
 */#include <sys/mman.h>
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <utf8proc.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "store/config.h"
#include "store/store.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/par.h"
#include "util/xalloc.h"

void
space_free(struct space *s)
{
	if (s == NULL)
		return;
	if (s->map)
		munmap(s->map, s->maplen);
	if (s->matmem)
		munmap(s->matmem, s->matcap);
	free(s->blobmem);
	free(s->woffmem);
	free(s->tabmem);
	free(s->name);
	free(s->path);
	free(s->format);
	free(s->source);
	diaglist_clear(&s->warn);
	free(s);
}

long
space_rows(const struct space *s)
{
	return s->rows;
}

int
space_dims(const struct space *s)
{
	return s->dims;
}

const float *
space_row(const struct space *s, long i)
{
	return s->mat + (size_t)i * (size_t)s->dims;
}

const char *
space_word(const struct space *s, long i, size_t *len)
{
	size_t l;
	const char *w = word_at(s, i, &l);

	if (len)
		*len = l;
	return w;
}

long
space_find(const struct space *s, const char *w, size_t len)
{
	uint32_t mask = s->nslots - 1, h, k;
	size_t l2;
	const char *w2;
	long r;

	h = (uint32_t)store_hash(w, len) & mask;
	for (k = 0; k < s->nslots; k++, h = (h + 1) & mask) {
		if (s->tab[h] == 0)
			return -1;
		r = (long)s->tab[h] - 1;
		if (r >= s->rows)
			return -1;
		w2 = word_at(s, r, &l2);
		if (l2 == len && memcmp(w, w2, len) == 0)
			return r;
	}
	return -1;
}

long
space_find_ci(const struct space *s, const char *w, size_t len)
{
	uint32_t mask = s->nslots - 1, h, k;
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t l2;
	const char *w2;
	long r, found = -1;

	store_fold(w, len, &a);
	h = (uint32_t)store_hash(buf_str(&a), a.len) & mask;
	for (k = 0; k < s->nslots; k++, h = (h + 1) & mask) {
		if (s->tabci[h] == 0)
			break;
		r = (long)s->tabci[h] - 1;
		if (r >= s->rows)
			break;
		w2 = word_at(s, r, &l2);
		store_fold(w2, l2, &b);
		if (a.len == b.len && memcmp(buf_str(&a), buf_str(&b), a.len) == 0) {
			found = r;
			break;
		}
	}
	buf_clear(&a);
	buf_clear(&b);
	return found;
}

size_t
space_lookup(const struct space *s, const char *const *words, size_t n,
    int ci, long *ids, const char **oov, size_t oovcap)
{
	size_t i, noov = 0;

	for (i = 0; i < n; i++) {
		size_t len = strlen(words[i]);

		ids[i] = ci ? space_find_ci(s, words[i], len) :
		    space_find(s, words[i], len);
		if (ids[i] < 0) {
			if (oov && noov < oovcap)
				oov[noov] = words[i];
			noov++;
		}
	}
	return noov;
}

void
space_get_info(const struct space *s, struct space_info *out)
{
	memset(out, 0, sizeof(*out));
	out->name = s->name;
	out->path = s->path;
	out->format = s->format;
	memcpy(out->digest, s->digest, sizeof(out->digest));
	out->rows = s->rows;
	out->dims = s->dims;
	out->source = s->source;
	out->cache = s->cache;
	out->duplicates = s->ndup;
	out->t_read = s->t_read;
	out->t_digest = s->t_digest;
	out->dtype = s->dtype[0] ? s->dtype : "float32";
}

const struct diag *
space_warnings(const struct space *s, size_t *n)
{
	*n = s->warn.n;
	return s->warn.v;
}
