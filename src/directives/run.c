/*
 * directives/run: one directive block from text to result.
 * Reads the block and the declared data's names; runs the directive's spec;
 * translates the result's labels. Never prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/directive.h"
#include "data/data.h"
#include "data/model.h"
#include "directives/rcache.h"
#include "directives/claim.h"
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
	const struct model_decl *md;
	const char *h;
	size_t n;

	if (sec != NULL && ynode_index(sec, name) >= 0)
		return 1;
	/* A model's spaces (NAME, NAME@SEED, NAME/eK) are spaces too. */
	if (type == OPT_SPACE && data_space_decl(dr->data, name) != NULL)
		return 1;
	if (type == OPT_SPACE && (md = data_model(dr->data, name)) != NULL) {
		snprintf(hint, hintsz, " (model '%s' gives %s, %s@SEED for "
		    "each of its seeds and %s/eK for each of its snapshots)",
		    md->name, md->name, md->name, md->name);
		return 0;
	}
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

/*
 * Matches text against pattern, where each "%s" of the pattern stands for
 * any non-empty run of text; the runs go to cap[] (at most ncap, as
 * offsets and lengths). Returns the number of runs, or -1.
 */
static int
pattern_match(const char *pat, const char *text, size_t *off, size_t *len,
    int ncap, int k, const char *text0)
{
	const char *t;
	int r;

	for (;;) {
		if (pat[0] == '%' && pat[1] == 's') {
			if (k == ncap || *text == '\0')
				return -1;
			/* Shortest run first: the literal after it decides. */
			for (t = text + 1; ; t++) {
				off[k] = (size_t)(text - text0);
				len[k] = (size_t)(t - text);
				r = pattern_match(pat + 2, t, off, len, ncap, k + 1,
				    text0);
				if (r >= 0)
					return r;
				if (*t == '\0')
					return -1;
			}
		}
		if (*pat == '\0')
			return *text == '\0' ? k : -1;
		if (*pat != *text)
			return -1;
		pat++;
		text++;
	}
}

static int translate_one(char **, const struct strmap *,
	    const char *const *);

/*
 * The translation of s into out: its exact entry; else, when s is parts
 * joined by "; " (a directive's note and the pieces a token space used,
 * say), a head and a last part that both translate, trying the last
 * "; " first; else the first pattern of the directive's strings that
 * matches it, with the runs filled in (in order). 1 when one did.
 */
static int
translate_text(const char *s, const struct strmap *i18n,
    const char *const *pats, struct buf *out)
{
	const char *t, *sep;
	char *head, *tail;
	struct buf hb = BUF_INIT;
	size_t at;

	if ((t = result_word(i18n, s)) != NULL) {
		buf_puts(out, t);
		return 1;
	}
	for (at = strlen(s); at > 0; at--) {
		int ok = 0;

		sep = s + at - 1;
		if (sep[0] != ';' || sep[1] != ' ')
			continue;
		/* the last part first: it alone decides most splits */
		if ((t = result_word(i18n, sep + 2)) != NULL)
			tail = xstrdup(t);
		else {
			tail = xstrdup(sep + 2);
			if (!translate_one(&tail, i18n, pats)) {
				free(tail);
				continue;
			}
		}
		head = xstrndup(s, (size_t)(sep - s));
		buf_reset(&hb);
		if (translate_text(head, i18n, pats, &hb)) {
			buf_printf(out, "%s; %s", buf_str(&hb), tail);
			ok = 1;
		}
		free(head);
		free(tail);
		if (ok) {
			buf_clear(&hb);
			return 1;
		}
	}
	buf_clear(&hb);
	tail = xstrdup(s);
	if (translate_one(&tail, i18n, pats)) {
		buf_puts(out, tail);
		free(tail);
		return 1;
	}
	free(tail);
	return 0;
}

/* The translation of *s (translate_text), or *s as it is. */
static void
translate(char **s, const struct strmap *i18n, const char *const *pats)
{
	struct buf b = BUF_INIT;

	if (*s == NULL || i18n == NULL)
		return;
	if (translate_text(*s, i18n, pats, &b)) {
		free(*s);
		*s = xstrdup(buf_str(&b));
	}
	buf_clear(&b);
}

/* *s by the first pattern of pats that matches it; 1 when one did. */
static int
translate_one(char **s, const struct strmap *i18n, const char *const *pats)
{
	const char *t, *f;
	size_t off[8], len[8];
	struct buf b = BUF_INIT;
	int n, k;

	for (; pats != NULL && *pats != NULL; pats++) {
		if (strstr(*pats, "%s") == NULL ||
		    (n = pattern_match(*pats, *s, off, len, 8, 0, *s)) < 0 ||
		    (t = result_word(i18n, *pats)) == NULL)
			continue;
		for (f = t, k = 0; *f != '\0'; f++)
			if (f[0] == '%' && f[1] == 's' && k < n) {
				buf_put(&b, *s + off[k], len[k]);
				k++;
				f++;
			} else
				buf_putc(&b, *f);
		free(*s);
		*s = xstrdup(buf_str(&b));
		buf_clear(&b);
		return 1;
	}
	return 0;
}

/* 1 if s is one of the directive's own strings (exactly, not a pattern)
 * and the site's language has a translation for it. */
static int
own_label(const char *s, const struct strmap *i18n, const char *const *pats)
{
	for (; pats != NULL && *pats != NULL; pats++)
		if (strcmp(*pats, s) == 0)
			return result_word(i18n, s) != NULL;
	return 0;
}

/*
 * The text cells of a table column that holds labels the directive
 * wrote ("vocabulary", "yes", "rare"), in the site's language. A column
 * counts as labels only when every text cell in it is one of the
 * directive's strings with a translation: a column of data words
 * ("the", "king", "yes" from a sentence) always holds some word that is
 * not, and stays as the data spell it.
 */
static void
translate_label_cols(struct table *t, const struct strmap *i18n,
    const char *const *pats)
{
	size_t i, j, ntext;
	struct cell *c;

	for (j = 0; j < t->ncols; j++) {
		ntext = 0;
		for (i = 0; i < t->nrows; i++) {
			c = &t->cells[i * t->ncols + j];
			if (c->kind != CELL_TEXT || c->text == NULL ||
			    c->text[0] == '\0')
				continue;
			if (!own_label(c->text, i18n, pats))
				break;
			ntext++;
		}
		if (i < t->nrows || ntext == 0)
			continue;
		for (i = 0; i < t->nrows; i++) {
			c = &t->cells[i * t->ncols + j];
			if (c->kind == CELL_TEXT && c->text != NULL &&
			    c->text[0] != '\0')
				translate(&c->text, i18n, NULL);
		}
	}
}

/* Captions, notes, column names, chart titles, axis labels and series
 * names of a result in the site's language (`vecdoc run` keeps the
 * English ones), and the columns of labels the directive wrote itself
 * (translate_label_cols). Texts with numbers or names in them are
 * translated by the directive's patterns (spec->strings with %s). */
void
drun_translate(struct result *r, const struct strmap *i18n)
{
	const struct directive_spec *sp = r->directive ?
	    directive_find(r->directive) : NULL;
	const char *const *pats = sp ? sp->strings : NULL;
	size_t i, j;

	if (i18n == NULL)
		return;
	for (i = 0; i < r->nitems; i++) {
		struct item *it = &r->items[i];

		if (it->table != NULL) {
			translate(&it->table->caption, i18n, pats);
			translate(&it->table->note, i18n, pats);
			translate_label_cols(it->table, i18n, pats);
			for (j = 0; j < it->table->ncols; j++)
				translate(&it->table->cols[j], i18n, pats);
		}
		if (it->chart != NULL) {
			translate(&it->chart->title, i18n, pats);
			translate(&it->chart->xlabel, i18n, pats);
			translate(&it->chart->ylabel, i18n, pats);
			for (j = 0; j < it->chart->nseries; j++)
				translate(&it->chart->series[j].name, i18n,
				    pats);
		}
	}
}

void
drun_init(struct drun *dr)
{
	strmap_init(&dr->ordinals);
	strmap_init(&dr->pages);
	dr->claims = NULL;
	dr->nclaims = 0;
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
	for (i = 0; i < dr->pages.cap; i++)
		if (dr->pages.v[i].key != NULL) {
			values_clear(dr->pages.v[i].val.ptr);
			free(dr->pages.v[i].val.ptr);
		}
	strmap_clear(&dr->pages);
	for (i = 0; i < dr->nclaims; i++) {
		free(dr->claims[i].file);
		free(dr->claims[i].text);
		free(dr->claims[i].values);
	}
	free(dr->claims);
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
	if (dr->nstatus > 1)
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

/*
 * Runs d within its work budget: the estimate is checked before any
 * kernel starts, and a watchdog stops a run that outlives its deadline.
 */
static int
run_guarded(struct drun *dr, const struct directive *d, struct dctx *dc,
    struct result *r)
{
	struct budget b = dr->budget;
	struct work_estimate we;
	struct watchdog *wd;
	size_t n0;
	int rc;

	if (b.ops <= 0) {
		struct diaglist quiet;

		diaglist_init(&quiet);
		budget_config(&b, dr->cfg, "vecdoc.yml", &quiet);
		diaglist_clear(&quiet);
	}
	if (budget_check(dc, d, &b, &we) != 0)
		return -1;
	wd = watchdog_start(budget_deadline(&b, &we));
	dc->cancel = watchdog_flag(wd);
	n0 = dc->diags->n;
	data_hold_hook(watchdog_hold, wd);
	rc = d->spec->run(dc, d, r) != 0 ? -1 : 0;
	data_hold_hook(NULL, NULL);
	if (watchdog_stop(wd)) {
		char e[48], t[32];

		/* The kernel's own "stopped" message says less than this. */
		while (dc->diags->n > n0) {
			dc->diags->n--;
			if (dc->diags->v[dc->diags->n].level == DIAG_ERROR)
				dc->diags->nerrors--;
			else if (dc->diags->v[dc->diags->n].level == DIAG_WARNING)
				dc->diags->nwarnings--;
		}
		snprintf(t, sizeof(t), "%.3g", budget_deadline(&b, &we));
		dctx_error(dc, "{%s} was stopped: still running after %s s, "
		    "its time limit (budget: seconds: %g, plus %g × its "
		    "estimate of ≈ %s operations at 10⁹ a second: %s); lower "
		    "%s, or raise budget:", d->name, t, b.seconds,
		    BUDGET_GRACE, budget_fmt(we.ops, e, sizeof(e)),
		    we.why[0] ? we.why : "no option drives it",
		    we.lower ? we.lower : "the sizes");
		rc = -1;
	}
	return rc;
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
		return run_guarded(dr, d, dc, r);
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
	rc = run_guarded(dr, d, dc, r);
	data_trace_end();
	if (rc == 0 && dc->diags->nerrors == errs)
		rcache_put(dr->cache, dr->data, key, tr.keys, tr.n, dc->diags,
		    from, dc->line, r);
	data_trace_clear(&tr);
	free(key);
	return rc;
}

/* The values of page "file", created on first use; call with the lock. */
static struct values *
page_values(struct drun *dr, const char *file)
{
	int created;
	struct strmap_ent *e = strmap_put(&dr->pages, file, strlen(file),
	    &created);

	if (created) {
		e->val.ptr = xmalloc(sizeof(struct values));
		values_init(e->val.ptr);
	}
	return e->val.ptr;
}

const struct values *
drun_values(struct drun *dr, const char *file)
{
	struct strmap_ent *e;

	pthread_mutex_lock(&dr->lock);
	e = strmap_get(&dr->pages, file, strlen(file));
	pthread_mutex_unlock(&dr->lock);
	return e ? e->val.ptr : NULL;
}

/* A result given ":name:" adds its values to its page's (its id is the
 * target of the {val} links: "vd-r-NAME"). */
static void
name_result(struct drun *dr, const struct directive *d, struct dctx *dc,
    struct result *r)
{
	struct values *v;
	char *probe = xasprintf("%s.", d->valname);
	size_t i, n = strlen(probe);
	int taken = 0;

	pthread_mutex_lock(&dr->lock);
	v = page_values(dr, dc->file);
	for (i = 0; i < v->npaths && !taken; i++)
		taken = strncmp(v->paths[i], probe, n) == 0;
	if (!taken)
		values_add_result(v, d->valname, r);
	pthread_mutex_unlock(&dr->lock);
	if (taken)
		diaglist_add(dc->diags, DIAG_ERROR, dc->file, d->valname_line,
		    dc->col, "result name '%s' is used twice on this page",
		    d->valname);
	free(r->id);
	r->id = xasprintf("vd-r-%s", d->valname);
	free(probe);
}

int
drun_role(void *ctx, const char *role, const char *content, const char *file,
    long line, int col, struct diaglist *diags, struct buf *html)
{
	struct drun *dr = ctx;
	const struct values *v;
	struct values none;
	struct buf msg = BUF_INIT;
	size_t at, off = strlen(role) + 3;	/* "{role}`" */
	int rc;

	/* `vecdoc cache status` runs no directive: there are no values */
	if (dr->status_only)
		return 0;
	values_init(&none);
	pthread_mutex_lock(&dr->lock);
	v = page_values(dr, file);
	pthread_mutex_unlock(&dr->lock);
	if (strcmp(role, "val") == 0) {
		const char *colon = strrchr(content, ':');
		char *path = colon ? xstrndup(content, (size_t)(colon - content)) :
		    xstrdup(content);
		const struct value *x = values_get(v, path);
		char *name = xstrndup(path, strcspn(path, "."));

		if (x == NULL) {
			const char *h = values_suggest(v, path);

			diaglist_add(diags, DIAG_ERROR, file, line, col + (int)off,
			    h ? "unknown value '%s' (did you mean '%s'?)" :
			    "unknown value '%s'%s (no result on this page has a "
			    ":name: that gives it)", path, h ? h : "");
			rc = -1;
		} else {
			buf_printf(html, "<a class=\"vd-val\" href=\"#vd-r-");
			buf_put_html(html, name, strlen(name));
			buf_puts(html, "\" title=\"");
			buf_put_html(html, path, strlen(path));
			buf_puts(html, "\">");
			if (values_format(x, colon ? colon + 1 : NULL, dr->lang,
			    &msg) != 0) {
				diaglist_add(diags, DIAG_ERROR, file, line,
				    col + (int)off + (int)(colon - content) + 1,
				    "unknown format '%s' (use .2f, .1%%, d or ,)",
				    colon + 1);
				rc = -1;
			} else {
				buf_put_html(html, msg.data ? msg.data : "", msg.len);
				buf_puts(html, "</a>");
				rc = 0;
			}
		}
		free(name);
		free(path);
		buf_clear(&msg);
		return rc;
	}
	rc = claim_eval(content, strlen(content), v, dr->lang, &msg, &at);
	if (rc != 1) {
		diaglist_add(diags, DIAG_ERROR, file, line, col + (int)(off + at),
		    "%s", buf_str(&msg));
		buf_clear(&msg);
		return -1;
	}
	if (strcmp(role, "claim-text") == 0) {
		buf_puts(html, "<span class=\"vd-claim\" title=\"");
		buf_put_html(html, buf_str(&msg), msg.len);
		buf_puts(html, "\">");
		buf_put_html(html, content, strlen(content));
		buf_puts(html, "</span>");
	}
	pthread_mutex_lock(&dr->lock);
	dr->claims = xreallocarray(dr->claims, dr->nclaims + 1,
	    sizeof(*dr->claims));
	dr->claims[dr->nclaims].file = xstrdup(file);
	dr->claims[dr->nclaims].line = line;
	dr->claims[dr->nclaims].col = col;
	dr->claims[dr->nclaims].text = xstrdup(content);
	dr->claims[dr->nclaims].values = buf_detach(&msg);
	dr->nclaims++;
	pthread_mutex_unlock(&dr->lock);
	values_clear(&none);
	return 0;
}

static int
claim_cmp(const void *a, const void *b)
{
	const struct drun_claim *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

void
drun_claims_report(struct drun *dr, struct buf *out)
{
	size_t i;

	if (dr->nclaims > 1)
		qsort(dr->claims, dr->nclaims, sizeof(*dr->claims), claim_cmp);
	for (i = 0; i < dr->nclaims; i++)
		buf_printf(out, "%s:%ld:%d: %s  [%s]\n", dr->claims[i].file,
		    dr->claims[i].line, dr->claims[i].col, dr->claims[i].text,
		    dr->claims[i].values);
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
	else if (rc == 0) {
		if (d->valname != NULL && !dr->status_only)
			name_result(dr, d, &dc, r);
		if (dr->cache == NULL || !dr->status_only)
			drun_translate(r, dr->i18n);
	}
	directive_free(d);
	return rc;
}

int
drun_estimate(struct drun *dr, const char *info, const char *lit, size_t len,
    const char *file, long line, int col, struct diaglist *diags,
    struct work_estimate *we)
{
	struct directive *d;
	struct dctx dc;
	int rc;

	memset(we, 0, sizeof(*we));
	d = directive_parse(info, lit, len, file, line, col, names_ok, dr, diags);
	if (d == NULL)
		return -1;
	memset(&dc, 0, sizeof(dc));
	dc.file = file;
	dc.line = line;
	dc.col = col;
	dc.diags = diags;
	dc.data = dr->data;
	rc = d->spec->estimate(&dc, d, we) != 0 ? -1 : 0;
	directive_free(d);
	return rc;
}

int
drun_example(const struct directive_spec *sp, char **info, char **lit)
{
	const char *ex = sp->example, *nl, *end;

	*info = *lit = NULL;
	if (ex == NULL || strncmp(ex, "```", 3) != 0 ||
	    (nl = strchr(ex, '\n')) == NULL)
		return -1;
	end = strstr(nl + 1, "\n```");
	if (end == NULL) {
		if (strncmp(nl + 1, "```", 3) != 0)
			return -1;
		end = nl;
	}
	*info = xstrndup(ex + 3, (size_t)(nl - ex - 3));
	*lit = xstrndup(nl + 1, end > nl ? (size_t)(end - nl) : 0);
	return 0;
}
