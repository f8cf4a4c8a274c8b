/*
 * directives/common: spaces, word lookups and word lists for the
 * analysis directives. Reads the build's data handle (store/data.h).
 * Never prints; every problem becomes a located error in ctx.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "kern/knn.h"
#include "data/data.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const struct dopt *
located(const struct dopt *o)
{
	return o != NULL && o->set && o->line > 0 ? o : NULL;
}

void
dx_provenance(struct result *res, const char *line)
{
	char *p;

	if (res->provenance == NULL) {
		res->provenance = xstrdup(line);
		return;
	}
	if (strstr(res->provenance, line) != NULL)
		return;
	p = xasprintf("%s; %s", res->provenance, line);
	free(res->provenance);
	res->provenance = p;
}

const struct space *
dx_space_named(struct dctx *ctx, const struct dopt *o, const char *name,
    const struct knn_index **ix, struct result *res)
{
	const struct space *s;
	struct diag dg;
	char prov[512];

	memset(&dg, 0, sizeof(dg));
	s = data_space(ctx->data, name, &dg);
	if (s != NULL && ix != NULL)
		*ix = data_index(ctx->data, name, &dg);
	if (s == NULL || (ix != NULL && *ix == NULL)) {
		dctx_error_at(ctx, located(o), "%s", dg.msg);
		return NULL;
	}
	if (res != NULL) {
		data_provenance(ctx->data, s, prov, sizeof(prov));
		dx_provenance(res, prov);
	}
	return s;
}

const struct space *
dx_space(struct dctx *ctx, const struct directive *d, const char *opt,
    const struct knn_index **ix, struct result *res)
{
	const struct dopt *o = directive_opt(d, opt);

	if (o->text == NULL || o->text[0] == '\0') {
		dctx_error_at(ctx, located(o), "option ':%s:' needs a space "
		    "declared in vecdoc.yml", opt);
		return NULL;
	}
	return dx_space_named(ctx, o, o->text, ix, res);
}

long
dx_find(const struct space *s, const char *w)
{
	long r = space_find(s, w, strlen(w));

	return r >= 0 ? r : space_find_ci(s, w, strlen(w));
}

int
dx_rows(struct dctx *ctx, const struct dopt *o, const struct space *s,
    const char *spacename, char *const *words, size_t n, long *rows)
{
	struct buf b = BUF_INIT;
	size_t i, bad = 0;

	for (i = 0; i < n; i++) {
		rows[i] = dx_find(s, words[i]);
		if (rows[i] < 0) {
			buf_printf(&b, "%s'%s'", bad ? ", " : "", words[i]);
			bad++;
		}
	}
	if (bad > 0) {
		dctx_error_at(ctx, located(o), "%s not in space '%s' "
		    "(%ld words): %s", bad == 1 ? "word" : "words", spacename,
		    space_rows(s), buf_str(&b));
		buf_clear(&b);
		return -1;
	}
	buf_clear(&b);
	return 0;
}

static char **
split_words(const char *s, size_t len, size_t *n)
{
	char **v = NULL;
	size_t i = 0, j, cap = 0;

	*n = 0;
	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\t' ||
		    s[i] == '\n' || s[i] == '\r' || s[i] == ','))
			i++;
		j = i;
		while (j < len && !(s[j] == ' ' || s[j] == '\t' ||
		    s[j] == '\n' || s[j] == '\r' || s[j] == ','))
			j++;
		if (j > i) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 16;
				v = xreallocarray(v, cap, sizeof(char *));
			}
			v[(*n)++] = xstrndup(s + i, j - i);
		}
		i = j;
	}
	return v;
}

char **
dx_words(const struct directive *d, const char *opt, size_t *n)
{
	const struct dopt *o = opt ? directive_opt(d, opt) : NULL;
	char **v;
	size_t i;

	if (o != NULL && o->set && o->nwords > 0) {
		v = xcalloc(o->nwords, sizeof(char *));
		for (i = 0; i < o->nwords; i++)
			v[i] = xstrdup(o->words[i]);
		*n = o->nwords;
		return v;
	}
	if (o != NULL && o->set && o->text != NULL)
		return split_words(o->text, strlen(o->text), n);
	return split_words(d->body ? d->body : "", d->bodylen, n);
}

void
dx_free_words(char **w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

const char *
dx_text(const struct directive *d, const char *opt)
{
	const struct dopt *o = directive_opt(d, opt);

	return o->text ? o->text : "";
}

char **
dx_lines(const struct directive *d, size_t *n, long **lines)
{
	const char *s = d->body ? d->body : "", *e = s + d->bodylen, *p, *q;
	char **v = NULL;
	size_t cap = 0;
	long line = d->body_line;

	*n = 0;
	*lines = NULL;
	for (p = s; p < e; p = q + 1, line++) {
		const char *a, *b;

		q = memchr(p, '\n', (size_t)(e - p));
		if (q == NULL)
			q = e;
		a = p;
		b = q;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' ||
		    b[-1] == '\r'))
			b--;
		if (b == a)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			v = xreallocarray(v, cap, sizeof(char *));
			*lines = xreallocarray(*lines, cap, sizeof(long));
		}
		(*lines)[*n] = line;
		v[(*n)++] = xstrndup(a, (size_t)(b - a));
	}
	return v;
}
