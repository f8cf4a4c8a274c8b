/*
 * render/result: building and serialising directive results.
 * Produces result items, their JSON and CSV forms.
 * Never formats numbers through the locale; never computes statistics.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/html.h"
#include "render/result.h"
#include "util/json.h"
#include "util/xalloc.h"

void
result_init(struct result *r, const char *directive)
{
	memset(r, 0, sizeof(*r));
	r->directive = xstrdup(directive ? directive : "");
}

static void
table_free(struct table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i].text);
	free(t->cols);
	free(t->numeric);
	free(t->cells);
	free(t->name);
	free(t->caption);
	free(t->note);
	for (i = 0; i < t->nscalars; i++)
		free(t->skeys[i]);
	free(t->skeys);
	free(t->svals);
	free(t);
}

void
result_clear(struct result *r)
{
	size_t i, j;

	for (i = 0; i < r->nitems; i++) {
		struct item *it = &r->items[i];

		free(it->html);
		table_free(it->table);
		if (it->series) {
			if (it->series->labels)
				for (j = 0; j < it->series->n; j++)
					free(it->series->labels[j]);
			free(it->series->labels);
			free(it->series->name);
			free(it->series->x);
			free(it->series->y);
			free(it->series);
		}
		if (it->tokens) {
			struct tokheat *h = it->tokens->heat;

			if (h != NULL) {
				for (j = 0; j < it->tokens->n; j++) {
					free(h->cls[j]);
					free(h->shown[j]);
					free(h->tip[j]);
				}
				free(h->cls);
				free(h->shown);
				free(h->tip);
				free(h->start);
				free(h->end);
				free(h->text);
				free(h->measure);
				free(h->bar_label);
				free(h->bar_lo);
				free(h->bar_hi);
				free(h->missing_head);
				free(h->missing);
				free(h);
			}
			for (j = 0; j < it->tokens->n; j++)
				free(it->tokens->tokens[j]);
			free(it->tokens->tokens);
			free(it->tokens->values);
			free(it->tokens);
		}
		chart_free(it->chart);
	}
	free(r->items);
	free(r->directive);
	free(r->provenance);
	free(r->id);
	memset(r, 0, sizeof(*r));
}

static struct item *
add_item(struct result *r, enum item_kind kind)
{
	struct item *it;

	r->items = xreallocarray(r->items, r->nitems + 1, sizeof(*r->items));
	it = &r->items[r->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	return it;
}

void
result_add_html(struct result *r, const char *html, size_t len)
{
	add_item(r, ITEM_HTML)->html = xstrndup(html, len);
}

void
result_add_markdown(struct result *r, const char *md, size_t len, long line)
{
	struct item *it = add_item(r, ITEM_MARKDOWN);

	it->html = xstrndup(md, len);
	it->line = line;
}

struct table *
result_add_table(struct result *r, const char *name, const char *caption,
    size_t ncols, const char *const *cols)
{
	struct table *t = xcalloc(1, sizeof(*t));
	size_t i;

	t->name = xstrdup(name);
	t->caption = caption ? xstrdup(caption) : NULL;
	t->ncols = ncols;
	t->cols = xcalloc(ncols, sizeof(char *));
	t->numeric = xcalloc(ncols, sizeof(int));
	for (i = 0; i < ncols; i++)
		t->cols[i] = xstrdup(cols[i]);
	add_item(r, ITEM_TABLE)->table = t;
	return t;
}

struct series *
result_add_series(struct result *r, const char *name, size_t n)
{
	struct series *s = xcalloc(1, sizeof(*s));

	s->name = xstrdup(name);
	s->n = n;
	s->y = xcalloc(n, sizeof(double));
	add_item(r, ITEM_SERIES)->series = s;
	return s;
}

struct tokvals *
result_add_tokens(struct result *r, size_t n)
{
	struct tokvals *t = xcalloc(1, sizeof(*t));

	t->n = n;
	t->tokens = xcalloc(n, sizeof(char *));
	t->values = xcalloc(n, sizeof(double));
	add_item(r, ITEM_TOKENS)->tokens = t;
	return t;
}

struct tokheat *
tokvals_heat(struct tokvals *t, const char *text, size_t len)
{
	struct tokheat *h = xcalloc(1, sizeof(*h));

	h->text = xstrndup(text, len);
	h->len = len;
	h->start = xcalloc(t->n + 1, sizeof(size_t));
	h->end = xcalloc(t->n + 1, sizeof(size_t));
	h->cls = xcalloc(t->n + 1, sizeof(char *));
	h->shown = xcalloc(t->n + 1, sizeof(char *));
	h->tip = xcalloc(t->n + 1, sizeof(char *));
	t->heat = h;
	return h;
}

struct chart *
result_add_chart(struct result *r, enum chart_kind kind, const char *name,
    const char *title)
{
	struct chart *c = chart_new(kind, name, title);

	add_item(r, ITEM_CHART)->chart = c;
	return c;
}

size_t
table_add_row(struct table *t)
{
	size_t i;

	t->cells = xreallocarray(t->cells, (t->nrows + 1) * t->ncols,
	    sizeof(*t->cells));
	for (i = 0; i < t->ncols; i++) {
		memset(&t->cells[t->nrows * t->ncols + i], 0, sizeof(struct cell));
		t->cells[t->nrows * t->ncols + i].kind = CELL_EMPTY;
	}
	return t->nrows++;
}

static struct cell *
cell_at(struct table *t, size_t row, size_t col)
{
	struct cell *c = &t->cells[row * t->ncols + col];

	free(c->text);
	c->text = NULL;
	return c;
}

void
table_set_text(struct table *t, size_t row, size_t col, const char *s)
{
	struct cell *c = cell_at(t, row, col);

	c->kind = CELL_TEXT;
	c->text = xstrdup(s);
}

void
table_set_int(struct table *t, size_t row, size_t col, long long v)
{
	struct cell *c = cell_at(t, row, col);

	c->kind = CELL_INT;
	c->num = (double)v;
	t->numeric[col] = 1;
}

void
table_set_num(struct table *t, size_t row, size_t col, double v, int prec)
{
	struct cell *c = cell_at(t, row, col);

	c->kind = CELL_NUM;
	c->num = v;
	c->prec = prec;
	t->numeric[col] = 1;
}

void
table_set_scalar(struct table *t, const char *key, double v, int prec)
{
	struct cell *c;
	size_t i;

	for (i = 0; i < t->nscalars; i++)
		if (strcmp(t->skeys[i], key) == 0)
			break;
	if (i == t->nscalars) {
		t->skeys = xreallocarray(t->skeys, t->nscalars + 1,
		    sizeof(char *));
		t->svals = xreallocarray(t->svals, t->nscalars + 1,
		    sizeof(struct cell));
		t->skeys[i] = xstrdup(key);
		t->nscalars++;
	}
	c = &t->svals[i];
	memset(c, 0, sizeof(*c));
	c->kind = prec < 0 ? CELL_INT : CELL_NUM;
	c->num = prec < 0 ? (double)llround(v) : v;
	c->prec = prec < 0 ? 0 : prec;
}

void
cell_format(const struct cell *c, char *out, size_t outsz)
{
	switch (c->kind) {
	case CELL_TEXT:
		snprintf(out, outsz, "%s", c->text);
		break;
	case CELL_INT:
		snprintf(out, outsz, "%lld", (long long)c->num);
		break;
	case CELL_NUM:
		if (isnan(c->num))
			snprintf(out, outsz, "\xE2\x80\x94");	/* em dash */
		else
			fmt_fixed(out, outsz, c->num, c->prec);
		break;
	default:
		if (outsz > 0)
			out[0] = '\0';
	}
}

static void
json_cell(struct jw *w, const struct cell *c)
{
	switch (c->kind) {
	case CELL_TEXT: jw_str(w, c->text); break;
	case CELL_INT: jw_int(w, (long long)c->num); break;
	case CELL_NUM: jw_num(w, c->num); break;
	default: jw_null(w); break;
	}
}

void
result_json(const struct result *r, struct buf *out, int pretty)
{
	struct jw w;
	size_t i, j, k;

	jw_init(&w, out, pretty);
	jw_obj_begin(&w);
	jw_key(&w, "directive");
	jw_str(&w, r->directive);
	if (r->provenance) {
		jw_key(&w, "provenance");
		jw_str(&w, r->provenance);
	}
	jw_key(&w, "items");
	jw_arr_begin(&w);
	for (i = 0; i < r->nitems; i++) {
		const struct item *it = &r->items[i];

		jw_obj_begin(&w);
		switch (it->kind) {
		case ITEM_HTML:
			jw_key(&w, "html");
			jw_str(&w, it->html);
			break;
		case ITEM_MARKDOWN:
			jw_key(&w, "markdown");
			jw_str(&w, it->html);
			break;
		case ITEM_TABLE:
			jw_key(&w, "table");
			jw_str(&w, it->table->name);
			jw_key(&w, "columns");
			jw_arr_begin(&w);
			for (j = 0; j < it->table->ncols; j++)
				jw_str(&w, it->table->cols[j]);
			jw_arr_end(&w);
			jw_key(&w, "rows");
			jw_arr_begin(&w);
			for (j = 0; j < it->table->nrows; j++) {
				jw_arr_begin(&w);
				for (k = 0; k < it->table->ncols; k++)
					json_cell(&w, &it->table->cells[j *
					    it->table->ncols + k]);
				jw_arr_end(&w);
			}
			jw_arr_end(&w);
			if (it->table->nscalars > 0) {
				jw_key(&w, "scalars");
				jw_obj_begin(&w);
				for (j = 0; j < it->table->nscalars; j++) {
					jw_key(&w, it->table->skeys[j]);
					json_cell(&w, &it->table->svals[j]);
				}
				jw_obj_end(&w);
			}
			break;
		case ITEM_SERIES:
			jw_key(&w, "series");
			jw_str(&w, it->series->name);
			if (it->series->labels) {
				jw_key(&w, "labels");
				jw_arr_begin(&w);
				for (j = 0; j < it->series->n; j++)
					jw_str(&w, it->series->labels[j] ?
					    it->series->labels[j] : "");
				jw_arr_end(&w);
			}
			if (it->series->x) {
				jw_key(&w, "x");
				jw_arr_begin(&w);
				for (j = 0; j < it->series->n; j++)
					jw_num(&w, it->series->x[j]);
				jw_arr_end(&w);
			}
			jw_key(&w, "y");
			jw_arr_begin(&w);
			for (j = 0; j < it->series->n; j++)
				jw_num(&w, it->series->y[j]);
			jw_arr_end(&w);
			break;
		case ITEM_CHART:
			jw_key(&w, "chart");
			chart_json(it->chart, &w);
			break;
		case ITEM_TOKENS:
			if (it->tokens->heat != NULL) {
				/* The heatmap as a page shows it, then its
				 * values (as a Markdown item's HTML is shown). */
				struct buf h = BUF_INIT;

				tokheat_render(it->tokens, &h);
				jw_key(&w, "html");
				jw_str(&w, buf_str(&h));
				buf_clear(&h);
				jw_obj_end(&w);
				jw_obj_begin(&w);
			}
			jw_key(&w, "tokens");
			jw_arr_begin(&w);
			for (j = 0; j < it->tokens->n; j++)
				jw_str(&w, it->tokens->tokens[j]);
			jw_arr_end(&w);
			jw_key(&w, "values");
			jw_arr_begin(&w);
			for (j = 0; j < it->tokens->n; j++)
				jw_num(&w, it->tokens->values[j]);
			jw_arr_end(&w);
			break;
		}
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	buf_putc(out, '\n');
}

static void
csv_field(struct buf *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

void
table_csv(const struct table *t, struct buf *out)
{
	size_t i, j;
	char tmp[64];
	const struct cell *c;

	for (j = 0; j < t->ncols; j++) {
		if (j)
			buf_putc(out, ',');
		csv_field(out, t->cols[j]);
	}
	buf_puts(out, "\r\n");
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++) {
			if (j)
				buf_putc(out, ',');
			c = &t->cells[i * t->ncols + j];
			if (c->kind == CELL_TEXT)
				csv_field(out, c->text);
			else if (c->kind == CELL_NUM) {
				/* Full precision in data downloads. */
				if (isnan(c->num))
					buf_puts(out, "NaN");
				else {
					for (int p = 1; p <= 17; p++) {
						snprintf(tmp, sizeof(tmp), "%.*g", p, c->num);
						if (strtod(tmp, NULL) == c->num)
							break;
					}
					buf_puts(out, tmp);
				}
			} else if (c->kind == CELL_INT)
				buf_printf(out, "%lld", (long long)c->num);
		}
		buf_puts(out, "\r\n");
	}
}
