/*
 * directives/run: one directive block from text to result.
 * Reads the block and the declared data's names; runs the directive's spec;
 * translates the result's labels. Never prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/directive.h"
#include "directives/run.h"
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

/* The translation of *s: its exact entry, else the first pattern of the
 * directive's strings that matches it, with the runs filled in (in
 * order). */
static void
translate(char **s, const struct strmap *i18n, const char *const *pats)
{
	const char *t, *f;
	size_t off[8], len[8];
	struct buf b = BUF_INIT;
	int n, k;

	if (*s == NULL || i18n == NULL)
		return;
	if ((t = result_word(i18n, *s)) != NULL) {
		free(*s);
		*s = xstrdup(t);
		return;
	}
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
		return;
	}
}

/* Captions, notes, column names, chart titles, axis labels and series
 * names of a result in the site's language (`vecdoc run` keeps the
 * English ones). Texts with numbers or names in them are translated by
 * the directive's patterns (spec->strings with %s). */
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

int
drun_block(void *ctx, const char *info, const char *lit, size_t len,
    const char *file, long line, int col, struct diaglist *diags,
    struct result *r)
{
	struct drun *dr = ctx;
	struct directive *d;
	struct dctx dc;
	struct budget b = dr->budget;
	struct work_estimate we;
	struct watchdog *wd;
	size_t n0;
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
	if (b.ops <= 0) {
		struct diaglist quiet;

		diaglist_init(&quiet);
		budget_config(&b, dr->cfg, "vecdoc.yml", &quiet);
		diaglist_clear(&quiet);
	}
	if (budget_check(&dc, d, &b, &we) != 0) {
		directive_free(d);
		return -1;
	}
	wd = watchdog_start(budget_deadline(&b, &we));
	dc.cancel = watchdog_flag(wd);
	n0 = diags->n;
	rc = d->spec->run(&dc, d, r) != 0 ? -1 : 0;
	if (watchdog_stop(wd)) {
		char e[48], t[32];

		/* The kernel's own "stopped" message says less than this. */
		while (diags->n > n0) {
			diags->n--;
			if (diags->v[diags->n].level == DIAG_ERROR)
				diags->nerrors--;
			else if (diags->v[diags->n].level == DIAG_WARNING)
				diags->nwarnings--;
		}
		snprintf(t, sizeof(t), "%.3g", budget_deadline(&b, &we));
		dctx_error(&dc, "{%s} was stopped: still running after %s s, "
		    "its time limit (budget: seconds: %g, plus %g × its "
		    "estimate of ≈ %s operations at 10⁹ a second: %s); lower "
		    "%s, or raise budget:", d->name, t, b.seconds,
		    BUDGET_GRACE, budget_fmt(we.ops, e, sizeof(e)),
		    we.why[0] ? we.why : "no option drives it",
		    we.lower ? we.lower : "the sizes");
		rc = -1;
	}
	drun_translate(r, dr->i18n);
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
