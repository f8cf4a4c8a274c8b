/*
 * directives/run: one directive block from text to result.
 * Reads the block and the declared data's names; runs the directive's
 * spec; translates the result's labels. Never prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/directive.h"
#include "data/data.h"
#include "directives/rcache.h"
#include "directives/run.h"
#include "util/hash.h"
#include "util/progress.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* Declared data names (spaces:, corpora:, files:) for option checks. */
static int
names_ok(void *ctx, enum opt_type type, const char *name, char *hint,
    size_t hintsz)
{
	const struct drun *dr = ctx;
	const char *key = type == OPT_SPACE ? "spaces" :
	    type == OPT_CORPUS ? "corpora" : "files";
	const struct ynode *sec = dr->cfg ? ynode_get(dr->cfg, key) : NULL;
	const char *h;
	size_t n;

	if (sec != NULL && ynode_index(sec, name) >= 0)
		return 1;
	if (sec == NULL || sec->kind != YNODE_MAP || sec->n == 0) {
		snprintf(hint, hintsz, " (vecdoc.yml declares no %s)", key);
		return 0;
	}
	n = sec->n;
	h = diag_suggest(name, (const char *const *)sec->keys, n);
	if (h != NULL)
		snprintf(hint, hintsz, " (did you mean '%s'?)", h);
	else {
		struct buf b = BUF_INIT;

		for (size_t i = 0; i < n && i < 12; i++) {
			buf_puts(&b, i ? ", " : "");
			buf_puts(&b, sec->keys[i]);
		}
		snprintf(hint, hintsz, " (declared %s: %s)", key, buf_str(&b));
		buf_clear(&b);
	}
	return 0;
}

/* The page language's wording of a result label (theme i18n "results:",
 * keyed by the English text), or NULL. */
static const char *
result_word(const struct strmap *i18n, const char *en)
{
	struct strmap_ent *e;
	char key[512];
	int n;

	if (i18n == NULL || en == NULL)
		return NULL;
	n = snprintf(key, sizeof(key), "result:%s", en);
	if (n < 0 || (size_t)n >= sizeof(key))
		return NULL;
	e = strmap_get(i18n, key, (size_t)n);
	return e ? e->val.ptr : NULL;
}

static void
translate(char **s, const struct strmap *i18n)
{
	const char *t = result_word(i18n, *s);

	if (t != NULL) {
		free(*s);
		*s = xstrdup(t);
	}
}

/* Captions, column names, chart titles and axis labels of a result in
 * the site's language (`vecdoc run` keeps the English ones). */
void
drun_translate(struct result *r, const struct strmap *i18n)
{
	size_t i, j;

	for (i = 0; i < r->nitems; i++) {
		struct item *it = &r->items[i];

		if (it->table != NULL) {
			translate(&it->table->caption, i18n);
			for (j = 0; j < it->table->ncols; j++)
				translate(&it->table->cols[j], i18n);
		}
		if (it->chart != NULL) {
			translate(&it->chart->title, i18n);
			translate(&it->chart->xlabel, i18n);
			translate(&it->chart->ylabel, i18n);
			for (j = 0; j < it->chart->nseries; j++)
				translate(&it->chart->series[j].name, i18n);
		}
	}
}

void
drun_init(struct drun *dr)
{
	strmap_init(&dr->ordinals);
	dr->status = NULL;
	dr->nstatus = 0;
	pthread_mutex_init(&dr->lock, NULL);
}

void
drun_clear(struct drun *dr)
{
	size_t i;

	for (i = 0; i < dr->nstatus; i++) {
		free(dr->status[i].file);
		free(dr->status[i].name);
		free(dr->status[i].why);
	}
	free(dr->status);
	strmap_clear(&dr->ordinals);
	pthread_mutex_destroy(&dr->lock);
}

static int
status_cmp(const void *a, const void *b)
{
	const struct drun_status *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	return c != 0 ? c : (x->ordinal > y->ordinal) - (x->ordinal < y->ordinal);
}

void
drun_status_sort(struct drun *dr)
{
	qsort(dr->status, dr->nstatus, sizeof(*dr->status), status_cmp);
}

uint64_t
drun_strings_digest(const struct strmap *i18n)
{
	uint64_t h = 0;
	size_t i;

	/* order-independent: the map's layout is not part of the key */
	for (i = 0; i18n != NULL && i < i18n->cap; i++)
		if (i18n->v[i].key != NULL) {
			const char *v = i18n->v[i].val.ptr;
			uint64_t k = hash64(i18n->v[i].key, i18n->v[i].klen);

			h += k * 0x9e3779b97f4a7c15ULL ^
			    hash64(v ? v : "", v ? strlen(v) : 0);
		}
	return h;
}

/* The number of this directive among those of its page (0, 1, ...). */
static int
ordinal(struct drun *dr, const char *file)
{
	struct strmap_ent *e;
	int created, n;

	pthread_mutex_lock(&dr->lock);
	e = strmap_put(&dr->ordinals, file, strlen(file), &created);
	n = (int)e->val.num++;
	pthread_mutex_unlock(&dr->lock);
	return n;
}

/* Runs d, through the result cache when there is one. */
static int
run_cached(struct drun *dr, const struct directive *d, struct dctx *dc,
    struct result *r)
{
	struct data_trace tr;
	char *key;
	size_t from = dc->diags->n, errs = dc->diags->nerrors;
	int rc, n = ordinal(dr, dc->file);

	if (dr->cache == NULL)
		return d->spec->run(dc, d, r) != 0 ? -1 : 0;
	key = rcache_key(d, d->spec->version,
	    drun_strings_digest(dr->i18n) ^ (uint64_t)dr->strict);
	if (dr->status_only) {
		struct drun_status st;

		st.file = xstrdup(dc->file);
		st.line = dc->line;
		st.ordinal = n;
		st.name = xstrdup(d->name);
		st.why = rcache_why_stale(dr->cache, dr->data, dc->file, n, key);
		pthread_mutex_lock(&dr->lock);
		dr->status = xreallocarray(dr->status, dr->nstatus + 1,
		    sizeof(*dr->status));
		dr->status[dr->nstatus++] = st;
		pthread_mutex_unlock(&dr->lock);
		free(key);
		return 0;
	}
	rcache_locate(dr->cache, dc->file, n, dc->line, d->name, key);
	if (rcache_get(dr->cache, dr->data, key, dc->file, dc->line, dc->diags,
	    r)) {
		free(key);
		return 0;
	}
	data_trace_begin(&tr);
	rc = d->spec->run(dc, d, r) != 0 ? -1 : 0;
	data_trace_end();
	if (rc == 0 && dc->diags->nerrors == errs)
		rcache_put(dr->cache, dr->data, key, tr.keys, tr.n, dc->diags,
		    from, dc->line, r);
	data_trace_clear(&tr);
	free(key);
	return rc;
}

/* One running directive's progress, handed to its kernel. */
struct dprog {
	struct drun	*dr;
	const char	*file;
	const char	*name;
};

static void
dprog_report(void *ctx, double done)
{
	struct dprog *p = ctx;

	p->dr->notify(p->dr->notify_ctx, p->file, p->name, done);
}

/*
 * --allow-missing-data: the errors directive d left in diags since
 * "from" (its data is not fetched) give way to a marked box in r and one
 * warning naming the first of them. Returns 0: the page goes on.
 */
static int
placeholder(struct drun *dr, const struct directive *d,
    struct diaglist *diags, size_t from, const char *file, long line,
    int col, struct result *r)
{
	struct strmap_ent *e;
	struct buf b = BUF_INIT;
	char why[1024] = "";
	const char *title = "Data not fetched", *hint = "run";
	size_t i;

	for (i = from; i < diags->n; i++) {
		if (diags->v[i].level == DIAG_ERROR) {
			if (why[0] == '\0')
				snprintf(why, sizeof(why), "%s", diags->v[i].msg);
			diags->nerrors--;
		} else if (diags->v[i].level == DIAG_WARNING)
			diags->nwarnings--;
	}
	diags->n = from;
	if (dr->i18n != NULL) {
		if ((e = strmap_get(dr->i18n, "data_not_fetched", 16)) != NULL)
			title = e->val.ptr;
		if ((e = strmap_get(dr->i18n, "data_not_fetched_hint", 21)) !=
		    NULL)
			hint = e->val.ptr;
	}
	result_clear(r);
	result_init(r, d->name);
	buf_puts(&b, "<div class=\"vd-missing\" role=\"note\"><p><strong>");
	buf_put_html(&b, title, strlen(title));
	buf_puts(&b, "</strong> · {");
	buf_put_html(&b, d->name, strlen(d->name));
	buf_puts(&b, "}: ");
	buf_put_html(&b, hint, strlen(hint));
	buf_puts(&b, " <code>vecdoc fetch</code>.</p><p class=\"vd-missing-why\">");
	buf_put_html(&b, why, strlen(why));
	buf_puts(&b, "</p></div>");
	result_add_html(r, b.data, b.len);
	buf_clear(&b);
	diaglist_add(diags, DIAG_WARNING, file, line, col, DRUN_PLACEHOLDER
	    " for {%s}, shown as a placeholder: %s", d->name, why);
	return 0;
}

int
drun_block(void *ctx, const char *info, const char *lit, size_t len,
    const char *file, long line, int col, struct diaglist *diags,
    struct result *r)
{
	struct drun *dr = ctx;
	struct directive *d;
	struct dctx dc;
	struct dprog dp;
	struct progress prog;
	size_t from;
	int rc;

	d = directive_parse(info, lit, len, file, line, col, names_ok, dr, diags);
	if (d == NULL)
		return -1;
	free(r->directive);
	r->directive = xstrdup(d->name);
	memset(&dc, 0, sizeof(dc));
	dc.file = file;
	dc.line = line;
	dc.col = col;
	dc.diags = diags;
	dc.data = dr->data;
	dc.strict = dr->strict;
	dc.i18n = dr->i18n;
	if (dr->notify != NULL && !dr->status_only) {
		dp.dr = dr;
		dp.file = file;
		dp.name = d->name;
		prog.fn = dprog_report;
		prog.ctx = &dp;
		dc.progress = &prog;
		dr->notify(dr->notify_ctx, file, d->name, -1);
	}
	data_missing_take();
	from = diags->n;
	rc = run_cached(dr, d, &dc, r);
	if (rc != 0 && data_missing_take() && dr->allow_missing &&
	    !dr->status_only)
		rc = placeholder(dr, d, diags, from, file, line, col, r);
	else if (rc == 0 && (dr->cache == NULL || !dr->status_only))
		drun_translate(r, dr->i18n);
	directive_free(d);
	return rc;
}
