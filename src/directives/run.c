/*
 * directives/run: one directive block from text to result.
 * Reads the block and the declared data's names; runs the directive's
 * spec; translates the result's labels. Never prints.
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

int
drun_block(void *ctx, const char *info, const char *lit, size_t len,
    const char *file, long line, int col, struct diaglist *diags,
    struct result *r)
{
	struct drun *dr = ctx;
	struct directive *d;
	struct dctx dc;
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
	rc = d->spec->run(&dc, d, r) != 0 ? -1 : 0;
	drun_translate(r, dr->i18n);
	directive_free(d);
	return rc;
}
