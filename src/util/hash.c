/*
 * util/hash: xxh3 digests and an open-addressing string map.
 * Produces digests and map entries (keys copied, values borrowed).
 * Never reads files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "util/hash.h"
#include "util/xalloc.h"

uint64_t
hash64(const void *p, size_t n)
{
	return XXH3_64bits(p, n);
}

void
hash128_hex(const void *p, size_t n, char out[33])
{
	XXH128_hash_t h = XXH3_128bits(p, n);

	snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.high64,
	    (unsigned long long)h.low64);
}

void
strmap_init(struct strmap *m)
{
	m->v = NULL;
	m->cap = m->n = 0;
}

void
strmap_clear(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->v[i].key);
	free(m->v);
	strmap_init(m);
}

static struct strmap_ent *
slot(struct strmap_ent *v, size_t cap, const char *key, size_t klen,
    uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);

	while (v[i].key != NULL && !(v[i].hash == h && v[i].klen == klen &&
	    memcmp(v[i].key, key, klen) == 0))
		i = (i + 1) & (cap - 1);
	return &v[i];
}

static void
grow(struct strmap *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 64, i;
	struct strmap_ent *nv = xcalloc(ncap, sizeof(*nv));

	for (i = 0; i < m->cap; i++)
		if (m->v[i].key != NULL)
			*slot(nv, ncap, m->v[i].key, m->v[i].klen, m->v[i].hash) =
			    m->v[i];
	free(m->v);
	m->v = nv;
	m->cap = ncap;
}

struct strmap_ent *
strmap_put(struct strmap *m, const char *key, size_t klen, int *created)
{
	uint64_t h = hash64(key, klen);
	struct strmap_ent *e;

	if ((m->n + 1) * 4 > m->cap * 3)
		grow(m);
	e = slot(m->v, m->cap, key, klen, h);
	if (e->key != NULL) {
		if (created)
			*created = 0;
		return e;
	}
	e->key = xstrndup(key, klen);
	e->klen = klen;
	e->hash = h;
	e->val.ptr = NULL;
	m->n++;
	if (created)
		*created = 1;
	return e;
}

struct strmap_ent *
strmap_get(const struct strmap *m, const char *key, size_t klen)
{
	struct strmap_ent *e;

	if (m->cap == 0)
		return NULL;
	e = slot(m->v, m->cap, key, klen, hash64(key, klen));
	return e->key != NULL ? e : NULL;
}
