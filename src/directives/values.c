/*
 * directives/values: named values of results, and their formatting.
 * Reads results; produces a path map. Never runs anything.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/values.h"
#include "util/diag.h"
#include "util/text.h"
#include "util/xalloc.h"

void
values_init(struct values *v)
{
	strmap_init(&v->map);
	v->paths = NULL;
	v->npaths = 0;
}

static void
value_free(struct value *x)
{
	size_t i;

	if (x == NULL)
		return;
	for (i = 0; i < x->n; i++)
		free(x->list[i]);
	free(x->list);
	free(x->text);
	free(x);
}

void
values_clear(struct values *v)
{
	size_t i;

	for (i = 0; i < v->npaths; i++) {
		struct strmap_ent *e = strmap_get(&v->map, v->paths[i],
		    strlen(v->paths[i]));

		value_free(e ? e->val.ptr : NULL);
		free(v->paths[i]);
	}
	free(v->paths);
	strmap_clear(&v->map);
	values_init(v);
}

char *
values_key(const char *s)
{
	char *f = text_fold(s, strlen(s)), *p;
	struct buf b = BUF_INIT;
	int dash = 0;

	for (p = f; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_') {
			if (dash && b.len > 0)
				buf_putc(&b, '-');
			dash = 0;
			buf_putc(&b, (char)c);
		} else
			dash = 1;
	}
	free(f);
	return buf_detach(&b);
}

/* Adds x under path unless the path is taken (first wins). */
static void
put(struct values *v, const char *path, struct value *x)
{
	int created;
	struct strmap_ent *e = strmap_put(&v->map, path, strlen(path), &created);

	if (!created) {
		value_free(x);
		return;
	}
	e->val.ptr = x;
	v->paths = xreallocarray(v->paths, v->npaths + 1, sizeof(char *));
	v->paths[v->npaths++] = xstrdup(path);
}

static struct value *
cell_value(const struct cell *c)
{
	struct value *x;

	if (c->kind == CELL_EMPTY || (c->kind == CELL_NUM && isnan(c->num)))
		return NULL;
	x = xcalloc(1, sizeof(*x));
	if (c->kind == CELL_TEXT) {
		x->kind = VAL_TEXT;
		x->text = xstrdup(c->text ? c->text : "");
	} else {
		x->kind = VAL_NUM;
		x->num = c->num;
		x->prec = c->kind == CELL_INT ? -1 : c->prec;
	}
	return x;
}

static struct value *
value_copy(const struct value *a)
{
	struct value *x = xcalloc(1, sizeof(*x));
	size_t i;

	*x = *a;
	x->text = a->text ? xstrdup(a->text) : NULL;
	if (a->list != NULL) {
		x->list = xcalloc(a->n + 1, sizeof(char *));
		for (i = 0; i < a->n; i++)
			x->list[i] = xstrdup(a->list[i]);
	}
	return x;
}

/* 1 if key k (maybe already suffixed "-N") has the folded title base. */
static int
key_base_is(const char *k, const char *base)
{
	size_t n = strlen(base);

	if (strcmp(k, base) == 0)
		return 1;
	if (strncmp(k, base, n) != 0 || k[n] != '-' || k[n + 1] == '\0')
		return 0;
	return strspn(k + n + 1, "0123456789") == strlen(k + n + 1);
}

/* The table's documented scalars: NAME.KEY (first table wins) and
 * NAME.TABLE.KEY. */
static void
add_scalars(struct values *v, const char *name, const struct table *t)
{
	char *tk = values_key(t->name), *path;
	size_t i;

	for (i = 0; i < t->nscalars; i++) {
		struct value *x = cell_value(&t->svals[i]);

		if (x == NULL)
			continue;
		path = xasprintf("%s.%s", name, t->skeys[i]);
		put(v, path, value_copy(x));
		free(path);
		path = xasprintf("%s.%s.%s", name, tk, t->skeys[i]);
		put(v, path, x);
		free(path);
	}
	free(tk);
}

static void
add_table(struct values *v, const char *name, const struct table *t,
    int single)
{
	char *tk = values_key(t->name), **ck, *path;
	char buf[256];
	size_t r, c;

	ck = xcalloc(t->ncols + 1, sizeof(char *));
	for (c = 0; c < t->ncols; c++) {
		size_t k, seen = 1;

		ck[c] = values_key(t->cols[c]);
		/* the second column of a title is TITLE-2, the third -3 */
		for (k = 0; k < c && ck[c][0] != '\0'; k++)
			seen += key_base_is(ck[k], ck[c]);
		if (seen > 1) {
			char *m = xasprintf("%s-%zu", ck[c], seen);

			free(ck[c]);
			ck[c] = m;
		}
	}
	for (r = 0; r < t->nrows; r++) {
		char *rk;

		cell_format(&t->cells[r * t->ncols], buf, sizeof(buf));
		rk = values_key(buf);
		for (c = 0; c < t->ncols; c++) {
			struct value *x;

			if (ck[c][0] == '\0')	/* an untitled column (ranks) */
				continue;
			if ((x = cell_value(&t->cells[r * t->ncols + c])) == NULL)
				continue;
			if (single) {
				path = xasprintf("%s.%s.%s", name, rk, ck[c]);
				put(v, path, value_copy(x));
				free(path);
			}
			path = xasprintf("%s.%s.%s.%s", name, tk, rk, ck[c]);
			put(v, path, x);
			free(path);
		}
		free(rk);
	}
	for (c = 0; c < t->ncols; c++) {
		struct value *x;

		if (ck[c][0] == '\0')
			continue;
		x = xcalloc(1, sizeof(*x));
		x->kind = VAL_LIST;
		x->list = xcalloc(t->nrows + 1, sizeof(char *));
		for (r = 0; r < t->nrows; r++) {
			cell_format(&t->cells[r * t->ncols + c], buf, sizeof(buf));
			x->list[x->n++] = xstrdup(buf);
		}
		if (single) {
			path = xasprintf("%s.%s", name, ck[c]);
			put(v, path, value_copy(x));
			free(path);
		}
		path = xasprintf("%s.%s.%s", name, tk, ck[c]);
		put(v, path, x);
		free(path);
	}
	for (c = 0; c < t->ncols; c++)
		free(ck[c]);
	free(ck);
	free(tk);
}

void
values_add_result(struct values *v, const char *name, const struct result *r)
{
	size_t i, ntables = 0;

	for (i = 0; i < r->nitems; i++)
		ntables += r->items[i].table != NULL;
	/* scalars first: they win over a column list of the same name */
	for (i = 0; i < r->nitems; i++)
		if (r->items[i].table != NULL)
			add_scalars(v, name, r->items[i].table);
	for (i = 0; i < r->nitems; i++)
		if (r->items[i].table != NULL)
			add_table(v, name, r->items[i].table, ntables == 1);
}

const struct value *
values_get(const struct values *v, const char *path)
{
	struct strmap_ent *e = strmap_get(&v->map, path, strlen(path));

	return e ? e->val.ptr : NULL;
}

const char *
values_suggest(const struct values *v, const char *path)
{
	return diag_suggest(path, (const char *const *)v->paths, v->npaths);
}

/* Digits of |x| with "dec" decimals, grouped, with the language's marks. */
static void
put_number(double x, int dec, int group, const char *lang, struct buf *out)
{
	char tmp[64], *dot;
	const char *dmark = ".", *gmark = ",";
	size_t ilen, i;

	if (lang != NULL && strcmp(lang, "vi") == 0) {
		dmark = ",";
		gmark = ".";
	}
	if (isnan(x)) {
		buf_puts(out, "\xE2\x80\x94");
		return;
	}
	snprintf(tmp, sizeof(tmp), "%.*f", dec < 0 ? 0 : dec, fabs(x));
	/* -0.000 is 0 */
	if (x < 0 && strspn(tmp, "0.") != strlen(tmp))
		buf_puts(out, "\xE2\x88\x92");	/* minus sign */
	dot = strchr(tmp, '.');
	ilen = dot ? (size_t)(dot - tmp) : strlen(tmp);
	for (i = 0; i < ilen; i++) {
		if (group && i > 0 && (ilen - i) % 3 == 0)
			buf_puts(out, gmark);
		buf_putc(out, tmp[i]);
	}
	if (dot != NULL) {
		buf_puts(out, dmark);
		buf_puts(out, dot + 1);
	}
}

int
values_format(const struct value *x, const char *fmt, const char *lang,
    struct buf *out)
{
	int dec = x->prec, pct = 0, group = 0;
	const char *p = fmt;
	size_t i;

	if (p != NULL && *p != '\0') {
		if (*p == ',') {
			group = 1;
			p++;
		}
		if (*p == '.') {
			char *end;
			long n = strtol(p + 1, &end, 10);

			if (end == p + 1 || n < 0 || n > 12)
				return -1;
			dec = (int)n;
			p = end;
			if (*p == '%') {
				pct = 1;
				p++;
			} else if (*p == 'f')
				p++;
			else
				return -1;
		} else if (*p == 'd') {
			dec = -1;
			p++;
		} else if (*p == '%') {
			pct = 1;
			dec = 0;
			p++;
		}
		if (*p != '\0')
			return -1;
	}
	switch (x->kind) {
	case VAL_TEXT:
		buf_puts(out, x->text);
		return 0;
	case VAL_BOOL:
		buf_puts(out, x->num != 0 ? "true" : "false");
		return 0;
	case VAL_LIST:
		for (i = 0; i < x->n; i++) {
			buf_puts(out, i ? ", " : "");
			buf_puts(out, x->list[i]);
		}
		return 0;
	case VAL_NUM:
		break;
	}
	if (dec < 0) {
		/* whole numbers are grouped from 10 000 up, or when asked */
		put_number(round(x->num), 0, group || fabs(x->num) >= 10000, lang,
		    out);
		return 0;
	}
	put_number(pct ? 100 * x->num : x->num, dec, group, lang, out);
	if (pct)
		buf_puts(out, "%");
	return 0;
}
