/*
 * directives/rcache: the directive result cache (see rcache.h).
 * One file, .vecdoc-cache/results.bin: "VRC1", the build generation,
 * the entries, the locations of the last build, then an xxh3 of it all.
 * Entries unused for RC_KEEP builds are dropped when it is written.
 * Every operation holds one mutex: lookups are cheap next to kernels.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/data.h"
#include "directives/directive.h"
#include "directives/rcache.h"
#include "render/result_io.h"
#include "util/bytes.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/xalloc.h"

#define RC_MAGIC	"VRC1"
#define RC_KEEP		8

struct rc_diag {
	int		 level;
	long		 dline;		/* line relative to the directive */
	int		 col;
	char		*msg;
};

struct rc_entry {
	char		*key;
	char		**inputs;
	uint64_t	*digests;
	size_t		 ninputs;
	struct rc_diag	*diags;
	size_t		 ndiags;
	unsigned char	*blob;
	size_t		 bloblen;
	unsigned char	*old;		/* the blob this build replaced */
	size_t		 oldlen;
	uint64_t	 gen;		/* last build that used it */
};

struct rc_loc {
	char		*file;
	int		 ordinal;
	long		 line;
	char		*name;
	char		*key;
};

struct rcache {
	char		*file;
	uint64_t	 gen;
	struct rc_entry	**v;
	size_t		 n;
	struct strmap	 idx;		/* key -> index + 1 */
	struct rc_loc	*prev, *cur;
	size_t		 nprev, ncur;
	pthread_mutex_t	 lock;
};

static void
entry_free(struct rc_entry *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->ninputs; i++)
		free(e->inputs[i]);
	for (i = 0; i < e->ndiags; i++)
		free(e->diags[i].msg);
	free(e->inputs);
	free(e->digests);
	free(e->diags);
	free(e->blob);
	free(e->old);
	free(e->key);
	free(e);
}

static void
locs_free(struct rc_loc *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].file);
		free(v[i].name);
		free(v[i].key);
	}
	free(v);
}

static void
add_entry(struct rcache *rc, struct rc_entry *e)
{
	int created;
	struct strmap_ent *m = strmap_put(&rc->idx, e->key, strlen(e->key),
	    &created);

	if (!created) {
		entry_free(rc->v[m->val.num - 1]);
		rc->v[m->val.num - 1] = e;
		return;
	}
	rc->v = xreallocarray(rc->v, rc->n + 1, sizeof(*rc->v));
	rc->v[rc->n++] = e;
	m->val.num = (long)rc->n;
}

static struct rc_entry *
find(const struct rcache *rc, const char *key)
{
	struct strmap_ent *m = strmap_get(&rc->idx, key, strlen(key));

	return m ? rc->v[m->val.num - 1] : NULL;
}

static void
load(struct rcache *rc, const unsigned char *p, size_t n)
{
	struct brd r;
	size_t k, i, j;

	if (n < 12 || memcmp(p, RC_MAGIC, 4) != 0 ||
	    hash64(p, n - 8) != (brd_init(&r, p + n - 8, 8), brd_u64(&r)))
		return;
	brd_init(&r, p + 4, n - 12);
	rc->gen = brd_u64(&r);
	k = brd_count(&r, 8);
	for (i = 0; i < k && !r.bad; i++) {
		struct rc_entry *e = xcalloc(1, sizeof(*e));
		const void *blob;

		e->key = brd_str(&r);
		e->gen = brd_u64(&r);
		e->ninputs = brd_count(&r, 12);
		e->inputs = xcalloc(e->ninputs + 1, sizeof(char *));
		e->digests = xcalloc(e->ninputs + 1, sizeof(uint64_t));
		for (j = 0; j < e->ninputs; j++) {
			e->inputs[j] = brd_str(&r);
			e->digests[j] = brd_u64(&r);
		}
		e->ndiags = brd_count(&r, 28);
		e->diags = xcalloc(e->ndiags + 1, sizeof(*e->diags));
		for (j = 0; j < e->ndiags; j++) {
			e->diags[j].level = (int)brd_u64(&r);
			e->diags[j].dline = (long)(int64_t)brd_u64(&r);
			e->diags[j].col = (int)brd_u64(&r);
			e->diags[j].msg = brd_str(&r);
		}
		blob = brd_blob(&r, &e->bloblen);
		if (r.bad || e->key == NULL) {
			entry_free(e);
			break;
		}
		e->blob = xmalloc(e->bloblen + 1);
		memcpy(e->blob, blob, e->bloblen);
		add_entry(rc, e);
	}
	k = brd_count(&r, 20);
	rc->prev = xcalloc(k + 1, sizeof(*rc->prev));
	for (i = 0; i < k && !r.bad; i++) {
		struct rc_loc *l = &rc->prev[i];

		l->file = brd_str(&r);
		l->ordinal = (int)brd_u64(&r);
		l->line = (long)brd_u64(&r);
		l->name = brd_str(&r);
		l->key = brd_str(&r);
		rc->nprev = i + 1;
		if (l->file == NULL || l->name == NULL || l->key == NULL)
			r.bad = 1;
	}
	if (r.bad) {
		/* damaged: start empty (costs one full run of every kernel) */
		for (i = 0; i < rc->n; i++)
			entry_free(rc->v[i]);
		free(rc->v);
		rc->v = NULL;
		rc->n = 0;
		strmap_clear(&rc->idx);
		strmap_init(&rc->idx);
		locs_free(rc->prev, rc->nprev);
		rc->prev = NULL;
		rc->nprev = 0;
		rc->gen = 0;
	}
}

struct rcache *
rcache_open(const char *file)
{
	struct rcache *rc = xcalloc(1, sizeof(*rc));
	struct buf b = BUF_INIT;
	struct diag d;

	strmap_init(&rc->idx);
	pthread_mutex_init(&rc->lock, NULL);
	if (file != NULL) {
		rc->file = xstrdup(file);
		if (fs_read(file, &b, &d) == 0)
			load(rc, (const unsigned char *)b.data, b.len);
		buf_clear(&b);
	}
	rc->gen++;
	return rc;
}

/* The locations to keep: this build's, and the last build's of pages
 * this build did not run (pages taken whole from the page cache). */
static int
loc_kept(const struct rcache *rc, const struct rc_loc *l)
{
	size_t i;

	for (i = 0; i < rc->ncur; i++)
		if (strcmp(rc->cur[i].file, l->file) == 0)
			return 0;
	return 1;
}

static void
put_loc(struct buf *b, const struct rc_loc *l)
{
	bytes_str(b, l->file);
	bytes_u64(b, (uint64_t)l->ordinal);
	bytes_u64(b, (uint64_t)l->line);
	bytes_str(b, l->name);
	bytes_str(b, l->key);
}

static void
save(struct rcache *rc)
{
	struct buf b = BUF_INIT;
	struct diag d;
	size_t i, j, n = 0;
	char *tmp, *dir;

	buf_put(&b, RC_MAGIC, 4);
	bytes_u64(&b, rc->gen);
	for (i = 0; i < rc->n; i++)
		if (rc->gen - rc->v[i]->gen < RC_KEEP)
			n++;
	bytes_u64(&b, n);
	for (i = 0; i < rc->n; i++) {
		const struct rc_entry *e = rc->v[i];

		if (rc->gen - e->gen >= RC_KEEP)
			continue;
		bytes_str(&b, e->key);
		bytes_u64(&b, e->gen);
		bytes_u64(&b, e->ninputs);
		for (j = 0; j < e->ninputs; j++) {
			bytes_str(&b, e->inputs[j]);
			bytes_u64(&b, e->digests[j]);
		}
		bytes_u64(&b, e->ndiags);
		for (j = 0; j < e->ndiags; j++) {
			bytes_u64(&b, (uint64_t)e->diags[j].level);
			bytes_u64(&b, (uint64_t)(int64_t)e->diags[j].dline);
			bytes_u64(&b, (uint64_t)e->diags[j].col);
			bytes_str(&b, e->diags[j].msg);
		}
		bytes_blob(&b, e->blob, e->bloblen);
	}
	n = rc->ncur;
	for (i = 0; i < rc->nprev; i++)
		n += loc_kept(rc, &rc->prev[i]);
	bytes_u64(&b, n);
	for (i = 0; i < rc->nprev; i++)
		if (loc_kept(rc, &rc->prev[i]))
			put_loc(&b, &rc->prev[i]);
	for (i = 0; i < rc->ncur; i++)
		put_loc(&b, &rc->cur[i]);
	bytes_u64(&b, hash64(b.data, b.len));
	dir = fs_dirname(rc->file);
	tmp = xasprintf("%s.%ld.tmp", rc->file, (long)getpid());
	if (fs_mkdirs(dir, &d) != 0 || fs_write(tmp, b.data, b.len, &d) != 0 ||
	    rename(tmp, rc->file) != 0)
		unlink(tmp);	/* a cache that cannot be written costs time only */
	free(tmp);
	free(dir);
	buf_clear(&b);
}

void
rcache_close(struct rcache *rc, int dosave)
{
	size_t i;

	if (rc == NULL)
		return;
	if (dosave && rc->file != NULL)
		save(rc);
	for (i = 0; i < rc->n; i++)
		entry_free(rc->v[i]);
	free(rc->v);
	strmap_clear(&rc->idx);
	locs_free(rc->prev, rc->nprev);
	locs_free(rc->cur, rc->ncur);
	pthread_mutex_destroy(&rc->lock);
	free(rc->file);
	free(rc);
}

char *
rcache_key(const struct directive *d, int version, uint64_t salt)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_printf(&b, "{%s}\nversion %d\nstrings %016llx\n", d->name, version,
	    (unsigned long long)salt);
	if (d->arg != NULL)
		buf_printf(&b, "argument %s\n", d->arg);
	for (i = 0; i < d->nopts; i++)
		if (d->opts[i].text != NULL)
			buf_printf(&b, ":%s: %s\n", d->opts[i].spec->name,
			    d->opts[i].text);
	buf_puts(&b, "body\n");
	buf_put(&b, d->body, d->bodylen);
	return buf_detach(&b);
}

/* The first input of e whose digest changed, or NULL when none did. */
static const char *
changed_input(const struct rc_entry *e, struct data *dt)
{
	uint64_t h;
	size_t i;

	for (i = 0; i < e->ninputs; i++) {
		data_item_digest(dt, e->inputs[i], &h);
		if (h != e->digests[i])
			return e->inputs[i];
	}
	return NULL;
}

int
rcache_get(struct rcache *rc, struct data *dt, const char *key,
    const char *file, long line, struct diaglist *diags, struct result *r)
{
	struct rc_entry *e;
	struct result tmp;
	size_t i;
	int hit = 0;

	pthread_mutex_lock(&rc->lock);
	e = find(rc, key);
	if (e != NULL && changed_input(e, dt) == NULL &&
	    result_load(&tmp, e->blob, e->bloblen) == 0) {
		result_clear(r);
		*r = tmp;
		for (i = 0; i < e->ndiags; i++)
			diaglist_add(diags, (enum diag_level)e->diags[i].level,
			    file, line + e->diags[i].dline, e->diags[i].col, "%s",
			    e->diags[i].msg);
		e->gen = rc->gen;
		hit = 1;
	}
	pthread_mutex_unlock(&rc->lock);
	return hit;
}

void
rcache_put(struct rcache *rc, struct data *dt, const char *key,
    char *const *inputs, size_t ninputs, const struct diaglist *diags,
    size_t from, long line, const struct result *r)
{
	struct rc_entry *e = xcalloc(1, sizeof(*e)), *old;
	struct buf b = BUF_INIT;
	size_t i;

	e->key = xstrdup(key);
	e->ninputs = ninputs;
	e->inputs = xcalloc(ninputs + 1, sizeof(char *));
	e->digests = xcalloc(ninputs + 1, sizeof(uint64_t));
	for (i = 0; i < ninputs; i++) {
		e->inputs[i] = xstrdup(inputs[i]);
		data_item_digest(dt, inputs[i], &e->digests[i]);
	}
	e->ndiags = diags->n > from ? diags->n - from : 0;
	e->diags = xcalloc(e->ndiags + 1, sizeof(*e->diags));
	for (i = 0; i < e->ndiags; i++) {
		const struct diag *d = &diags->v[from + i];

		e->diags[i].level = (int)d->level;
		e->diags[i].dline = d->line - line;
		e->diags[i].col = d->col;
		e->diags[i].msg = xstrdup(d->msg);
	}
	result_save(r, &b);
	e->bloblen = b.len;
	e->blob = (unsigned char *)buf_detach(&b);
	pthread_mutex_lock(&rc->lock);
	e->gen = rc->gen;
	if ((old = find(rc, key)) != NULL && old->old == NULL) {
		/* the same directive on changed data: keep what it said */
		e->old = old->blob;
		e->oldlen = old->bloblen;
		old->blob = NULL;
	} else if (old != NULL) {
		e->old = old->old;
		e->oldlen = old->oldlen;
		old->old = NULL;
	}
	add_entry(rc, e);
	pthread_mutex_unlock(&rc->lock);
}

void
rcache_locate(struct rcache *rc, const char *file, int ordinal, long line,
    const char *name, const char *key)
{
	struct rc_loc *l;

	pthread_mutex_lock(&rc->lock);
	rc->cur = xreallocarray(rc->cur, rc->ncur + 1, sizeof(*rc->cur));
	l = &rc->cur[rc->ncur++];
	l->file = xstrdup(file);
	l->ordinal = ordinal;
	l->line = line;
	l->name = xstrdup(name);
	l->key = xstrdup(key);
	pthread_mutex_unlock(&rc->lock);
}

static const struct rc_loc *
prev_loc(const struct rcache *rc, const char *file, int ordinal)
{
	size_t i;

	for (i = 0; i < rc->nprev; i++)
		if (rc->prev[i].ordinal == ordinal &&
		    strcmp(rc->prev[i].file, file) == 0)
			return &rc->prev[i];
	return NULL;
}

/* The key lines (options, body, version) that differ between a and b. */
static void
key_diff(const char *a, const char *b, struct buf *out)
{
	const char *ba = strstr(a, "\nbody\n"), *bb = strstr(b, "\nbody\n");
	const char *p, *e;
	int n = 0;

	/* each line of b's header missing from a's names what changed */
	for (p = b; bb != NULL && p < bb; p = e + 1) {
		char word[128];
		size_t len;
		const char *q;

		e = strchr(p, '\n');
		len = (size_t)(e - p);
		for (q = a; ba != NULL && q < ba; q = strchr(q, '\n') + 1)
			if (strncmp(q, p, len) == 0 && q[len] == '\n')
				break;
		if (ba != NULL && q < ba)
			continue;
		if (sscanf(p, ":%127[^:]:", word) == 1)
			buf_printf(out, "%soption :%s:", n++ ? ", " : "", word);
		else if (sscanf(p, "%127s", word) == 1)
			buf_printf(out, "%s%s", n++ ? ", " : "", word);
	}
	if (ba != NULL && bb != NULL && strcmp(ba, bb) != 0)
		buf_printf(out, "%sbody", n++ ? ", " : "");
	if (n == 0)
		buf_puts(out, "options");
}

char *
rcache_why_stale(struct rcache *rc, struct data *dt, const char *file,
    int ordinal, const char *key)
{
	const struct rc_loc *pl;
	struct rc_entry *e;
	const char *in;
	struct buf b = BUF_INIT;

	pthread_mutex_lock(&rc->lock);
	if ((e = find(rc, key)) != NULL) {
		in = changed_input(e, dt);
		if (in != NULL)
			buf_printf(&b, "data changed: %s %s", in[0] == 's' ?
			    "space" : in[0] == 'c' ? "corpus" : in[0] == 't' ?
			    "tokenizer" : "file", in + 2);
	} else if ((pl = prev_loc(rc, file, ordinal)) == NULL)
		buf_puts(&b, "never built");
	else if (strncmp(pl->key, key, strcspn(key, "\n")) != 0 ||
	    key[strcspn(key, "\n")] != '\n')
		buf_printf(&b, "a different directive ({%s} before)", pl->name);
	else {
		buf_puts(&b, "changed: ");
		key_diff(pl->key, key, &b);
	}
	pthread_mutex_unlock(&rc->lock);
	return b.len ? buf_detach(&b) : NULL;
}

/* What differs between two results: table cells first, else "output". */
static size_t
result_diff(const struct result *a, const struct result *b, struct buf *out)
{
	size_t i, r, c, n = 0;
	char va[128], vb[128];

	for (i = 0; i < a->nitems && i < b->nitems; i++) {
		const struct table *ta = a->items[i].table, *tb = b->items[i].table;

		if (ta == NULL || tb == NULL || ta->ncols != tb->ncols)
			continue;
		for (r = 0; r < ta->nrows && r < tb->nrows; r++)
			for (c = 0; c < ta->ncols; c++) {
				cell_format(&ta->cells[r * ta->ncols + c], va, sizeof(va));
				cell_format(&tb->cells[r * tb->ncols + c], vb, sizeof(vb));
				if (strcmp(va, vb) == 0)
					continue;
				if (n < 8) {
					cell_format(&tb->cells[r * tb->ncols], vb,
					    sizeof(vb));
					buf_printf(out, "%s  %s[%s, %s]: ", n ? "\n" : "",
					    ta->name, vb, ta->cols[c]);
					cell_format(&ta->cells[r * ta->ncols + c], va,
					    sizeof(va));
					cell_format(&tb->cells[r * tb->ncols + c], vb,
					    sizeof(vb));
					buf_printf(out, "%s → %s", va, vb);
				}
				n++;
			}
		if (ta->nrows != tb->nrows) {
			buf_printf(out, "%s  %s: %zu rows → %zu rows", n ? "\n" : "",
			    ta->name, ta->nrows, tb->nrows);
			n++;
		}
	}
	if (n > 8)
		buf_printf(out, "\n  … and %zu more cells", n - 8);
	if (n == 0) {
		buf_puts(out, "  charts or text changed (no table cell did)");
		n = 1;
	}
	return n;
}

static int
loc_cmp(const void *a, const void *b)
{
	const struct rc_loc *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	return c != 0 ? c : (x->ordinal > y->ordinal) - (x->ordinal < y->ordinal);
}

size_t
rcache_review(struct rcache *rc, struct buf *out)
{
	size_t i, changed = 0;

	pthread_mutex_lock(&rc->lock);
	/* pages finish in any order: report in page and directive order */
	if (rc->ncur > 1)
		qsort(rc->cur, rc->ncur, sizeof(*rc->cur), loc_cmp);
	for (i = 0; i < rc->ncur; i++) {
		const struct rc_loc *l = &rc->cur[i];
		const struct rc_loc *pl = prev_loc(rc, l->file, l->ordinal);
		const struct rc_entry *e = find(rc, l->key), *pe;
		const unsigned char *old = NULL;
		size_t oldlen = 0;
		struct result a, b;

		if (e == NULL || e->blob == NULL || pl == NULL ||
		    strcmp(pl->name, l->name) != 0)
			continue;
		if (strcmp(pl->key, l->key) == 0) {
			old = e->old;
			oldlen = e->oldlen;
		} else if ((pe = find(rc, pl->key)) != NULL && pe->blob != NULL) {
			old = pe->blob;
			oldlen = pe->bloblen;
		}
		if (old == NULL || (oldlen == e->bloblen &&
		    memcmp(old, e->blob, oldlen) == 0))
			continue;
		if (result_load(&a, old, oldlen) != 0)
			continue;
		if (result_load(&b, e->blob, e->bloblen) == 0) {
			buf_printf(out, "%s:%ld: {%s}:\n", l->file, l->line, l->name);
			result_diff(&a, &b, out);
			buf_putc(out, '\n');
			changed++;
		}
		result_clear(&a);
		result_clear(&b);
	}
	pthread_mutex_unlock(&rc->lock);
	return changed;
}
