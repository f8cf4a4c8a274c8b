/*
 * data/digest: file content digests with a persistent memo.
 * The memo file is "VDG1", then per entry: path length (u32), path,
 * size, stamp (fs_stat_stamp: mtime and ctime), inode, digest (u64
 * each), then an xxh3 of all that. A file that changed in the last few
 * seconds (fs_stat_racy) is not remembered.
 * A damaged memo is ignored (only costs re-reading the files).
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "data/digest.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/xalloc.h"

struct dg_ent {
	uint64_t	 size, mtime, ino, digest;
	int		 racy;		/* fs_stat_racy when hashed: not saved */
};

struct digests {
	char		*file;
	struct strmap	 map;		/* path -> struct dg_ent * */
	int		 dirty;
	pthread_mutex_t	 lock;
};

static uint64_t
rd64(const unsigned char *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static void
wr64(struct buf *b, uint64_t v)
{
	unsigned char x[8];
	int i;

	for (i = 0; i < 8; i++)
		x[i] = (unsigned char)(v >> (8 * i));
	buf_put(b, x, 8);
}

static void
put(struct digests *g, const char *path, size_t plen, const struct dg_ent *e)
{
	int created;
	struct strmap_ent *m = strmap_put(&g->map, path, plen, &created);

	if (created)
		m->val.ptr = xmalloc(sizeof(struct dg_ent));
	*(struct dg_ent *)m->val.ptr = *e;
}

static void
load(struct digests *g, const unsigned char *p, size_t n)
{
	const unsigned char *end = p + n;
	struct dg_ent e;
	uint32_t len;

	if (n < 12 || memcmp(p, "VDG1", 4) != 0 ||
	    XXH3_64bits(p, n - 8) != rd64(end - 8))
		return;
	p += 4;
	end -= 8;
	while (end - p >= 4) {
		len = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
		    (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
		p += 4;
		if ((size_t)(end - p) < (size_t)len + 32)
			return;
		e.size = rd64(p + len);
		e.mtime = rd64(p + len + 8);
		e.ino = rd64(p + len + 16);
		e.digest = rd64(p + len + 24);
		e.racy = 0;
		put(g, (const char *)p, len, &e);
		p += len + 32;
	}
}

struct digests *
digests_open(const char *file)
{
	struct digests *g = xcalloc(1, sizeof(*g));
	struct buf b = BUF_INIT;
	struct diag d;

	strmap_init(&g->map);
	pthread_mutex_init(&g->lock, NULL);
	if (file != NULL) {
		g->file = xstrdup(file);
		if (fs_read(file, &b, &d) == 0)
			load(g, (const unsigned char *)b.data, b.len);
		buf_clear(&b);
	}
	return g;
}

void
digests_close(struct digests *g)
{
	struct buf b = BUF_INIT;
	struct diag d;
	size_t i;

	if (g == NULL)
		return;
	if (g->file != NULL && g->dirty) {
		char *tmp = xasprintf("%s.%ld.tmp", g->file, (long)getpid());

		buf_put(&b, "VDG1", 4);
		for (i = 0; i < g->map.cap; i++) {
			const struct strmap_ent *m = &g->map.v[i];
			const struct dg_ent *e;
			unsigned char l[4];

			if (m->key == NULL)
				continue;
			e = m->val.ptr;
			if (e->racy)
				continue;
			l[0] = (unsigned char)m->klen;
			l[1] = (unsigned char)(m->klen >> 8);
			l[2] = (unsigned char)(m->klen >> 16);
			l[3] = (unsigned char)(m->klen >> 24);
			buf_put(&b, l, 4);
			buf_put(&b, m->key, m->klen);
			wr64(&b, e->size);
			wr64(&b, e->mtime);
			wr64(&b, e->ino);
			wr64(&b, e->digest);
		}
		wr64(&b, XXH3_64bits(b.data, b.len));
		if (fs_write(tmp, b.data, b.len, &d) != 0 ||
		    rename(tmp, g->file) != 0)
			unlink(tmp);
		free(tmp);
		buf_clear(&b);
	}
	for (i = 0; i < g->map.cap; i++)
		if (g->map.v[i].key != NULL)
			free(g->map.v[i].val.ptr);
	strmap_clear(&g->map);
	pthread_mutex_destroy(&g->lock);
	free(g->file);
	free(g);
}

/* xxh3 of a whole file, streamed. */
static int
hash_file(const char *path, uint64_t *out)
{
	XXH3_state_t *st;
	char *buf;
	ssize_t k;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return -1;
	st = XXH3_createState();
	XXH3_64bits_reset(st);
	buf = xmalloc(1 << 20);
	while ((k = read(fd, buf, 1 << 20)) != 0) {
		if (k < 0) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		XXH3_64bits_update(st, buf, (size_t)k);
	}
	*out = XXH3_64bits_digest(st);
	XXH3_freeState(st);
	free(buf);
	close(fd);
	return rc;
}

int
digests_file(struct digests *g, const char *path, uint64_t *out)
{
	struct stat st;
	struct strmap_ent *m;
	struct dg_ent e;

	*out = 0x6d697373696e6721ULL;	/* "missing!" */
	if (stat(path, &st) != 0)
		return -1;
	e.size = (uint64_t)st.st_size;
	e.mtime = (uint64_t)fs_stat_stamp(&st);
	e.ino = (uint64_t)st.st_ino;
	e.racy = fs_stat_racy(&st);
	pthread_mutex_lock(&g->lock);
	m = strmap_get(&g->map, path, strlen(path));
	if (m != NULL) {
		const struct dg_ent *o = m->val.ptr;

		if (o->size == e.size && o->mtime == e.mtime && o->ino == e.ino) {
			*out = o->digest;
			pthread_mutex_unlock(&g->lock);
			return 0;
		}
	}
	pthread_mutex_unlock(&g->lock);
	if (hash_file(path, &e.digest) != 0)
		return -1;
	pthread_mutex_lock(&g->lock);
	put(g, path, strlen(path), &e);
	g->dirty = 1;
	pthread_mutex_unlock(&g->lock);
	*out = e.digest;
	return 0;
}
