/*
 * site/cache: reusable pages of earlier builds, and their file on disk.
 * Reads and writes .vecdoc-cache/pages.bin; produces build_cache values.
 * Never trusts the file: every length is checked against what is left,
 * and a checksum covers the whole of it.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "site/cache.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/xalloc.h"

struct build_cache *
build_cache_new(void)
{
	struct build_cache *c = xcalloc(1, sizeof(*c));

	strmap_init(&c->pages);
	return c;
}

void
cpage_free(struct cpage *cp)
{
	size_t i;

	if (cp == NULL)
		return;
	for (i = 0; i < cp->nfiles && !cp->borrowed; i++) {
		free(cp->files[i].path);
		free(cp->files[i].data);
	}
	free(cp->files);
	free(cp->title);
	free(cp->description);
	for (i = 0; i < cp->nheads && !cp->borrowed; i++) {
		free(cp->heads[i].id);
		free(cp->heads[i].text);
	}
	free(cp->heads);
	if (!cp->borrowed) {
		free(cp->doc);
		free(cp->text);
	}
	for (i = 0; i < cp->ntargets && !cp->borrowed; i++)
		free(cp->targets[i]);
	free(cp->targets);
	diaglist_clear(&cp->warnings);
	free(cp);
}

void
cache_reset(struct build_cache *c)
{
	size_t i;

	for (i = 0; i < c->pages.cap; i++)
		if (c->pages.v[i].key)
			cpage_free(c->pages.v[i].val.ptr);
	strmap_clear(&c->pages);
	free(c->searchjs);
	c->searchjs = NULL;
	if (c->blob != NULL)
		munmap(c->blob, c->bloblen);
	c->blob = NULL;
	c->bloblen = 0;
	c->searchsig = 0;
	c->binsig = 0;
	c->valid = 0;
}

void
build_cache_free(struct build_cache *c)
{
	if (c == NULL)
		return;
	cache_reset(c);
	free(c);
}


/*
 * The file: "vecdoc-pages 4\n", navsig, envsig, searchsig, binsig and the search
 * index (a string, empty for none), the number of pages, then
 * per page its source path and what struct cpage holds (the description
 * as a flag and a string) (strings as a 64-bit length and the bytes; the
 * strings of a page also end in a NUL, so a loaded cache lends them out
 * of the file's bytes instead of copying 30 MB for a 1,000-page site), and last an xxh3 of everything
 * before.
 * Numbers are little-endian 64-bit.
 */
#define CACHE_MAGIC	"vecdoc-pages 4\n"

static void
put_u64(struct buf *b, uint64_t v)
{
	unsigned char x[8];
	int i;

	for (i = 0; i < 8; i++)
		x[i] = (unsigned char)(v >> (8 * i));
	buf_put(b, x, 8);
}

static void
put_str(struct buf *b, const char *s, size_t n)
{
	put_u64(b, n);
	buf_put(b, s, n);
}

/* n bytes followed by a NUL (not counted in their length). */
static void
put_strzn(struct buf *b, const char *s, size_t n)
{
	put_str(b, s, n);
	buf_putc(b, '\0');
}

static void
put_strz(struct buf *b, const char *s)
{
	put_strzn(b, s, strlen(s));
}

int
cache_save(const struct build_cache *c, const char *path)
{
	struct buf b = BUF_INIT;
	struct diag d;
	char *dir, *tmp;
	size_t i, k, n = 0;
	int rc;

	buf_puts(&b, CACHE_MAGIC);
	put_u64(&b, c->navsig);
	put_u64(&b, c->envsig);
	put_u64(&b, c->searchsig);
	put_u64(&b, c->binsig);
	put_str(&b, c->searchjs ? c->searchjs : "",
	    c->searchjs ? strlen(c->searchjs) : 0);
	for (i = 0; i < c->pages.cap; i++)
		n += c->pages.v[i].key != NULL;
	put_u64(&b, n);
	for (i = 0; i < c->pages.cap; i++) {
		const struct strmap_ent *e = &c->pages.v[i];
		const struct cpage *cp = e->val.ptr;

		if (e->key == NULL)
			continue;
		put_str(&b, e->key, e->klen);
		put_u64(&b, cp->hash);
		put_u64(&b, (uint64_t)cp->scanned);
		put_str(&b, cp->title ? cp->title : "",
		    cp->title ? strlen(cp->title) : 0);
		put_u64(&b, cp->description != NULL);
		put_str(&b, cp->description ? cp->description : "",
		    cp->description ? strlen(cp->description) : 0);
		put_u64(&b, (uint64_t)cp->weight);
		put_u64(&b, (uint64_t)cp->draft);
		put_u64(&b, (uint64_t)cp->body_off);
		put_u64(&b, (uint64_t)cp->body_line);
		put_strz(&b, cp->doc);
		put_u64(&b, cp->nfiles);
		for (k = 0; k < cp->nfiles; k++) {
			put_strz(&b, cp->files[k].path);
			put_strzn(&b, cp->files[k].data, cp->files[k].len);
		}
		put_u64(&b, cp->nheads);
		for (k = 0; k < cp->nheads; k++) {
			put_u64(&b, (uint64_t)cp->heads[k].level);
			put_strz(&b, cp->heads[k].id);
			put_strz(&b, cp->heads[k].text);
		}
		put_strz(&b, cp->text);
		put_u64(&b, cp->ntargets);
		for (k = 0; k < cp->ntargets; k++)
			put_strz(&b, cp->targets[k]);
		put_u64(&b, cp->warnings.n);
		for (k = 0; k < cp->warnings.n; k++) {
			const struct diag *w = &cp->warnings.v[k];

			put_str(&b, w->file, strlen(w->file));
			put_u64(&b, (uint64_t)w->line);
			put_u64(&b, (uint64_t)w->col);
			put_str(&b, w->msg, strlen(w->msg));
		}
	}
	put_u64(&b, hash64(b.data, b.len));
	dir = fs_dirname(path);
	tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	rc = fs_mkdirs(dir, &d) == 0 && fs_write(tmp, b.data, b.len, &d) == 0 &&
	    rename(tmp, path) == 0 ? 0 : -1;
	if (rc != 0)
		unlink(tmp);
	free(dir);
	free(tmp);
	buf_clear(&b);
	return rc;
}

/* A cursor over the file's bytes; "bad" sticks once anything is short. */
struct rd {
	const unsigned char *p, *e;
	int		 bad;
};

static uint64_t
get_u64(struct rd *r)
{
	uint64_t v = 0;
	int i;

	if (r->bad || r->e - r->p < 8) {
		r->bad = 1;
		return 0;
	}
	for (i = 0; i < 8; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += 8;
	return v;
}

/* A count of items of at least "least" bytes each that can still fit. */
static size_t
get_count(struct rd *r, size_t least)
{
	uint64_t n = get_u64(r);

	if (r->bad || n > (uint64_t)(r->e - r->p) / least) {
		r->bad = 1;
		return 0;
	}
	return (size_t)n;
}

/* A string as a new NUL-terminated copy (its length in *len). */
static char *
get_str(struct rd *r, size_t *len)
{
	uint64_t n = get_u64(r);
	char *s;

	if (r->bad || n > (uint64_t)(r->e - r->p)) {
		r->bad = 1;
		return xstrdup("");
	}
	s = xmalloc((size_t)n + 1);
	memcpy(s, r->p, (size_t)n);
	s[n] = '\0';
	r->p += n;
	if (len)
		*len = (size_t)n;
	return s;
}

/* A string written by put_strz, lent from the bytes being read. */
static char *
get_strzn(struct rd *r, size_t *len)
{
	uint64_t n = get_u64(r);
	char *s;

	if (len != NULL)
		*len = 0;
	if (r->bad || n >= (uint64_t)(r->e - r->p) || r->p[n] != '\0') {
		r->bad = 1;
		return (char *)"";
	}
	s = (char *)(uintptr_t)r->p;
	r->p += n + 1;
	if (len != NULL)
		*len = (size_t)n;
	return s;
}

static char *
get_strz(struct rd *r)
{
	return get_strzn(r, NULL);
}

/* Into a fixed array (truncated to fit). */
static void
get_fixed(struct rd *r, char *out, size_t outsz)
{
	char *s = get_str(r, NULL);

	snprintf(out, outsz, "%s", s);
	free(s);
}

static struct cpage *
get_page(struct rd *r)
{
	struct cpage *cp = xcalloc(1, sizeof(*cp));
	size_t k, n;

	diaglist_init(&cp->warnings);
	cp->borrowed = 1;
	cp->hash = get_u64(r);
	cp->scanned = get_u64(r) == 1;
	cp->title = get_str(r, NULL);
	n = get_u64(r);
	cp->description = get_str(r, NULL);
	if (n != 1) {
		free(cp->description);
		cp->description = NULL;
	}
	cp->weight = (long)get_u64(r);
	cp->draft = get_u64(r) == 1;
	cp->body_off = (size_t)get_u64(r);
	cp->body_line = (long)get_u64(r);
	cp->doc = get_strz(r);
	cp->nfiles = get_count(r, 16);
	cp->files = xcalloc(cp->nfiles + 1, sizeof(*cp->files));
	for (k = 0; k < cp->nfiles; k++) {
		cp->files[k].path = get_strz(r);
		cp->files[k].data = get_strzn(r, &cp->files[k].len);
	}
	cp->nheads = get_count(r, 26);
	cp->heads = xcalloc(cp->nheads + 1, sizeof(*cp->heads));
	for (k = 0; k < cp->nheads; k++) {
		cp->heads[k].level = (int)get_u64(r);
		cp->heads[k].id = get_strz(r);
		cp->heads[k].text = get_strz(r);
	}
	cp->text = get_strz(r);
	cp->ntargets = get_count(r, 9);
	cp->targets = xcalloc(cp->ntargets + 1, sizeof(char *));
	for (k = 0; k < cp->ntargets; k++)
		cp->targets[k] = get_strz(r);
	n = get_count(r, 32);
	for (k = 0; k < n && !r->bad; k++) {
		struct diag w;

		memset(&w, 0, sizeof(w));
		w.level = DIAG_WARNING;
		get_fixed(r, w.file, sizeof(w.file));
		w.line = (long)get_u64(r);
		w.col = (int)get_u64(r);
		get_fixed(r, w.msg, sizeof(w.msg));
		diaglist_push(&cp->warnings, &w);
	}
	return cp;
}

/*
 * The file mapped privately rather than read: its pages come straight
 * from the kernel's page cache (a read would copy tens of megabytes into
 * fresh memory, and first touches of fresh memory are what this build
 * spends most on when every page is reused). Private and writable, so a
 * borrowed string written by mistake never reaches the file. NULL when
 * the file is absent, empty or cannot be mapped.
 */
static char *
map_file(const char *path, size_t *len)
{
	struct stat st;
	void *p;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uint64_t)st.st_size > (uint64_t)SIZE_MAX) {
		close(fd);
		return NULL;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	return p;
}

static struct build_cache *cache_parse(char *, size_t);

struct build_cache *
cache_load(const char *path)
{
	size_t len = 0;
	char *map = map_file(path, &len);

	if (map == NULL)
		return build_cache_new();
	return cache_parse(map, len);
}

struct build_cache *
cache_load_mem(const void *p, size_t len)
{
	char *map;

	if (len == 0 || (map = mmap(NULL, len, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)) == MAP_FAILED)
		return build_cache_new();
	memcpy(map, p, len);
	return cache_parse(map, len);
}

/* The cache in map (len bytes, mapped: the cache takes it). */
static struct build_cache *
cache_parse(char *map, size_t len)
{
	struct build_cache *c = build_cache_new();
	struct rd r;
	size_t i, n, mlen = strlen(CACHE_MAGIC), klen = 0;
	uint64_t sum;

	c->blob = map;		/* pages' documents and texts lie in it */
	c->bloblen = len;
	if (len < mlen + 32 || memcmp(map, CACHE_MAGIC, mlen) != 0)
		goto bad;
	r.p = (const unsigned char *)map + len - 8;
	r.e = r.p + 8;
	r.bad = 0;
	sum = get_u64(&r);
	if (sum != hash64(map, len - 8))
		goto bad;
	r.p = (const unsigned char *)map + mlen;
	r.e = (const unsigned char *)map + len - 8;
	c->navsig = get_u64(&r);
	c->envsig = get_u64(&r);
	c->searchsig = get_u64(&r);
	c->binsig = get_u64(&r);
	c->searchjs = get_str(&r, &klen);
	if (klen == 0) {
		free(c->searchjs);
		c->searchjs = NULL;
	}
	n = get_count(&r, 64);
	for (i = 0; i < n && !r.bad; i++) {
		char *key = get_str(&r, &klen);
		struct cpage *cp = get_page(&r);
		int created;
		struct strmap_ent *e;

		if (r.bad) {
			free(key);
			cpage_free(cp);
			break;
		}
		e = strmap_put(&c->pages, key, klen, &created);
		if (!created)
			cpage_free(e->val.ptr);
		e->val.ptr = cp;
		free(key);
	}
	if (r.bad || r.p != r.e)
		cache_reset(c);
	else
		c->valid = 1;
	return c;
bad:
	cache_reset(c);
	return c;
}
