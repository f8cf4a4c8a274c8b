/*
 * render/result_io: results to bytes and back (util/bytes encoding:
 * numbers as their IEEE bits, strings with a length, counts as 64-bit
 * words). The reader bounds every count by the bytes left, so a damaged
 * entry fails cleanly.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/result_io.h"
#include "util/bytes.h"
#include "util/xalloc.h"

#define RIO_MAGIC	"VDR2"	/* 2: tables carry scalars */

static void
put_f64s(struct buf *b, const double *v, size_t n)
{
	size_t i;

	bytes_u64(b, v != NULL);
	for (i = 0; v && i < n; i++)
		bytes_f64(b, v[i]);
}

static void
put_strs(struct buf *b, char *const *v, size_t n)
{
	size_t i;

	bytes_u64(b, v != NULL);
	for (i = 0; v && i < n; i++)
		bytes_str(b, v[i]);
}

static void
save_chart(struct buf *b, const struct chart *c)
{
	size_t i;

	bytes_u64(b, (uint64_t)c->kind);
	bytes_str(b, c->name);
	bytes_str(b, c->title);
	bytes_str(b, c->desc);
	bytes_str(b, c->xlabel);
	bytes_str(b, c->ylabel);
	bytes_u64(b, (uint64_t)c->logx);
	bytes_u64(b, (uint64_t)c->logy);
	bytes_u64(b, (uint64_t)c->identity);
	bytes_u64(b, (uint64_t)c->zero_line);
	bytes_f64(b, c->ymin);
	bytes_f64(b, c->ymax);
	bytes_u64(b, c->nseries);
	for (i = 0; i < c->nseries; i++) {
		const struct chart_series *s = &c->series[i];

		bytes_str(b, s->name);
		bytes_u64(b, s->n);
		/* chart series hold n + 1 values (histogram bin edges) */
		put_f64s(b, s->x, s->n + 1);
		put_f64s(b, s->y, s->n + 1);
		put_strs(b, s->labels, s->n);
	}
	bytes_u64(b, c->rows);
	bytes_u64(b, c->cols);
	put_strs(b, c->rowlabels, c->rows);
	put_strs(b, c->collabels, c->cols);
	put_f64s(b, c->cells, c->rows * c->cols);
	bytes_f64(b, c->vmin);
	bytes_f64(b, c->vmax);
	bytes_u64(b, (uint64_t)c->diverging);
	bytes_u64(b, (uint64_t)c->annotate);
	bytes_str(b, c->id);
	/* GRAPH: its edges (node indices across the series) */
	bytes_u64(b, c->nedges);
	for (i = 0; i < c->nedges; i++) {
		bytes_u64(b, (uint64_t)c->edge_a[i]);
		bytes_u64(b, (uint64_t)c->edge_b[i]);
		bytes_f64(b, c->edge_w[i]);
	}
}

static void
save_heat(struct buf *b, const struct tokheat *h, size_t n)
{
	size_t i;

	bytes_blob(b, h->text, h->len);
	for (i = 0; i < n; i++) {
		bytes_u64(b, h->start[i]);
		bytes_u64(b, h->end[i]);
		bytes_str(b, h->cls[i]);
		bytes_str(b, h->shown[i]);
		bytes_str(b, h->tip[i]);
	}
	bytes_str(b, h->measure);
	bytes_u64(b, (uint64_t)h->show_values);
	bytes_u64(b, (uint64_t)h->colorbar);
	bytes_u64(b, (uint64_t)h->diverging);
	bytes_str(b, h->bar_label);
	bytes_str(b, h->bar_lo);
	bytes_str(b, h->bar_hi);
	bytes_str(b, h->missing_head);
	bytes_str(b, h->missing);
}

void
result_save(const struct result *r, struct buf *b)
{
	size_t i, j;

	buf_put(b, RIO_MAGIC, 4);
	bytes_str(b, r->directive);
	bytes_str(b, r->provenance);
	bytes_u64(b, r->nitems);
	for (i = 0; i < r->nitems; i++) {
		const struct item *it = &r->items[i];

		bytes_u64(b, (uint64_t)it->kind);
		bytes_str(b, it->html);
		bytes_u64(b, (uint64_t)it->line);
		bytes_u64(b, it->table != NULL);
		if (it->table != NULL) {
			const struct table *t = it->table;

			bytes_str(b, t->name);
			bytes_str(b, t->caption);
			bytes_str(b, t->note);
			bytes_u64(b, t->ncols);
			bytes_u64(b, t->nrows);
			for (j = 0; j < t->ncols; j++) {
				bytes_str(b, t->cols[j]);
				bytes_u64(b, t->numeric ? (uint64_t)t->numeric[j] : 0);
			}
			for (j = 0; j < t->nrows * t->ncols; j++) {
				bytes_u64(b, (uint64_t)t->cells[j].kind);
				bytes_str(b, t->cells[j].text);
				bytes_f64(b, t->cells[j].num);
				bytes_u64(b, (uint64_t)(int64_t)t->cells[j].prec);
			}
			bytes_u64(b, t->nscalars);
			for (j = 0; j < t->nscalars; j++) {
				bytes_str(b, t->skeys[j]);
				bytes_u64(b, (uint64_t)t->svals[j].kind);
				bytes_f64(b, t->svals[j].num);
				bytes_u64(b, (uint64_t)(int64_t)t->svals[j].prec);
			}
		}
		bytes_u64(b, it->series != NULL);
		if (it->series != NULL) {
			bytes_str(b, it->series->name);
			bytes_u64(b, it->series->n);
			put_f64s(b, it->series->x, it->series->n);
			put_f64s(b, it->series->y, it->series->n);
			put_strs(b, it->series->labels, it->series->n);
		}
		bytes_u64(b, it->tokens != NULL);
		if (it->tokens != NULL) {
			bytes_u64(b, it->tokens->n);
			put_strs(b, it->tokens->tokens, it->tokens->n);
			put_f64s(b, it->tokens->values, it->tokens->n);
			bytes_u64(b, it->tokens->heat != NULL);
			if (it->tokens->heat != NULL)
				save_heat(b, it->tokens->heat, it->tokens->n);
		}
		bytes_u64(b, it->chart != NULL);
		if (it->chart != NULL)
			save_chart(b, it->chart);
	}
}

/* An int written as a 64-bit word: anything out of range is damage. */
static int
get_int(struct brd *r)
{
	int64_t v = (int64_t)brd_u64(r);

	if (v < INT32_MIN || v > INT32_MAX)
		r->bad = 1;
	return r->bad ? 0 : (int)v;
}

/* A string every writer gives (names, column titles, text cells): NULL
 * is damage, so that renderers never meet one. */
static char *
get_req(struct brd *r)
{
	char *v = brd_str(r);

	if (v == NULL)
		r->bad = 1;
	return v;
}

/* 1 when v is NULL (absent) or has no NULL among its n strings. */
static int
all_set(char **v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		if (v[i] == NULL)
			return 0;
	return 1;
}

/* A value from 0 to max (an enum): anything else is damage. */
static unsigned
get_small(struct brd *r, unsigned max)
{
	uint64_t v = brd_u64(r);

	if (v > max)
		r->bad = 1;
	return r->bad ? 0 : (unsigned)v;
}

/* A presence flag: 0 or 1, anything else is damage. */
static int
get_flag(struct brd *r)
{
	uint64_t v = brd_u64(r);

	if (v > 1)
		r->bad = 1;
	return r->bad ? 0 : (int)v;
}

static double *
get_f64s(struct brd *r, size_t n)
{
	double *v;
	size_t i;

	if (get_flag(r) == 0 || r->bad)
		return NULL;
	if (n > (size_t)(r->end - r->p) / 8) {
		r->bad = 1;
		return NULL;
	}
	v = xcalloc(n + 1, sizeof(double));
	for (i = 0; i < n; i++)
		v[i] = brd_f64(r);
	return v;
}

static char **
get_strs(struct brd *r, size_t n)
{
	char **v;
	size_t i;

	if (get_flag(r) == 0 || r->bad)
		return NULL;
	if (n > (size_t)(r->end - r->p) / 4) {
		r->bad = 1;
		return NULL;
	}
	v = xcalloc(n + 1, sizeof(char *));
	for (i = 0; i < n && !r->bad; i++)
		v[i] = brd_str(r);
	return v;
}

static struct chart *
load_chart(struct brd *r)
{
	struct chart *c = xcalloc(1, sizeof(*c));
	size_t i, n;

	c->kind = (enum chart_kind)get_small(r, CHART_GRAPH);
	c->name = get_req(r);
	c->title = brd_str(r);
	c->desc = brd_str(r);
	c->xlabel = brd_str(r);
	c->ylabel = brd_str(r);
	c->logx = get_int(r);
	c->logy = get_int(r);
	c->identity = get_int(r);
	c->zero_line = get_int(r);
	c->ymin = brd_f64(r);
	c->ymax = brd_f64(r);
	n = brd_count(r, 4 + 8 + 8 + 8 + 8);
	c->series = xcalloc(n + 1, sizeof(*c->series));
	for (i = 0; i < n && !r->bad; i++) {
		struct chart_series *s = &c->series[i];

		c->nseries = i + 1;
		s->name = get_req(r);
		s->n = brd_count(r, 0);
		s->x = get_f64s(r, s->n + 1);
		s->y = get_f64s(r, s->n + 1);
		s->labels = get_strs(r, s->n);
		if (s->y == NULL)
			r->bad = 1;
	}
	c->rows = brd_count(r, 0);
	c->cols = brd_count(r, 0);
	if (c->cols > 0 && c->rows > (size_t)(r->end - r->p) / c->cols)
		r->bad = 1;
	if (r->bad) {
		c->rows = c->cols = 0;
		return c;
	}
	c->rowlabels = get_strs(r, c->rows);
	c->collabels = get_strs(r, c->cols);
	c->cells = get_f64s(r, c->rows * c->cols);
	c->vmin = brd_f64(r);
	c->vmax = brd_f64(r);
	c->diverging = get_int(r);
	c->annotate = get_int(r);
	c->id = brd_str(r);
	n = brd_count(r, 24);
	if (!r->bad && n > 0) {
		size_t npts = 0;

		for (i = 0; i < c->nseries; i++)
			npts += c->series[i].n;
		c->edge_a = xcalloc(n, sizeof(long));
		c->edge_b = xcalloc(n, sizeof(long));
		c->edge_w = xcalloc(n, sizeof(double));
		c->nedges = n;
		for (i = 0; i < n; i++) {
			uint64_t a = brd_u64(r), b = brd_u64(r);

			/* edges join drawn nodes only */
			if (a >= npts || b >= npts)
				r->bad = 1;
			c->edge_a[i] = r->bad ? 0 : (long)a;
			c->edge_b[i] = r->bad ? 0 : (long)b;
			c->edge_w[i] = brd_f64(r);
		}
	}
	return c;
}

/* A token heatmap: every range inside the text, every string there. */
static struct tokheat *
load_heat(struct brd *r, struct tokvals *t)
{
	struct tokheat *h;
	const void *text;
	size_t len, i, n = t->n;

	text = brd_blob(r, &len);
	/* the text is a C string too: a NUL inside is damage */
	if (r->bad || n > (size_t)(r->end - r->p) / 28 ||
	    memchr(text, '\0', len) != NULL) {
		r->bad = 1;
		return NULL;
	}
	h = tokvals_heat(t, text, len);
	for (i = 0; i < n && !r->bad; i++) {
		h->start[i] = brd_count(r, 0);
		h->end[i] = brd_count(r, 0);
		if (h->start[i] > len || h->end[i] > len)
			r->bad = 1;
		h->cls[i] = get_req(r);
		h->shown[i] = get_req(r);
		h->tip[i] = get_req(r);
	}
	h->measure = brd_str(r);
	h->show_values = get_flag(r);
	h->colorbar = get_flag(r);
	h->diverging = get_flag(r);
	h->bar_label = brd_str(r);
	h->bar_lo = brd_str(r);
	h->bar_hi = brd_str(r);
	h->missing_head = brd_str(r);
	h->missing = brd_str(r);
	if (h->colorbar && (h->bar_label == NULL || h->bar_lo == NULL ||
	    h->bar_hi == NULL))
		r->bad = 1;
	if (h->missing != NULL && h->missing_head == NULL)
		r->bad = 1;
	return h;
}

int
result_load(struct result *res, const void *p, size_t n)
{
	struct brd r;
	size_t i, j, k;

	brd_init(&r, p, n);
	result_init(res, NULL);
	if (n < 4 || memcmp(p, RIO_MAGIC, 4) != 0)
		return -1;
	r.p += 4;
	free(res->directive);
	res->directive = get_req(&r);
	if (res->directive == NULL)
		res->directive = xstrdup("");
	res->provenance = brd_str(&r);
	k = brd_count(&r, 8 + 4 + 8 * 5);
	res->items = xcalloc(k + 1, sizeof(*res->items));
	for (i = 0; i < k && !r.bad; i++) {
		struct item *it = &res->items[i];

		res->nitems = i + 1;
		it->kind = (enum item_kind)get_small(&r, ITEM_CHART);
		it->html = brd_str(&r);
		if ((it->kind == ITEM_HTML || it->kind == ITEM_MARKDOWN) &&
		    it->html == NULL)
			r.bad = 1;
		it->line = (long)(int64_t)brd_u64(&r);
		if (get_flag(&r) != 0 && !r.bad) {
			struct table *t = xcalloc(1, sizeof(*t));
			size_t nc, nr;

			it->table = t;
			t->name = get_req(&r);
			t->caption = brd_str(&r);
			t->note = brd_str(&r);
			nc = brd_count(&r, 12);
			nr = brd_count(&r, 0);
			if (nc > 0 && nr > (size_t)(r.end - r.p) / nc / 24)
				r.bad = 1;
			if (r.bad)
				break;
			t->cols = xcalloc(nc + 1, sizeof(char *));
			t->numeric = xcalloc(nc + 1, sizeof(int));
			t->cells = xcalloc(nr * nc + 1, sizeof(struct cell));
			t->ncols = nc;
			t->nrows = nr;
			for (j = 0; j < nc; j++) {
				t->cols[j] = get_req(&r);
				t->numeric[j] = get_int(&r);
			}
			for (j = 0; j < nr * nc && !r.bad; j++) {
				t->cells[j].kind = (enum cell_kind)get_small(&r,
				    CELL_EMPTY);
				t->cells[j].text = brd_str(&r);
				if (t->cells[j].kind == CELL_TEXT &&
				    t->cells[j].text == NULL)
					r.bad = 1;
				t->cells[j].num = brd_f64(&r);
				t->cells[j].prec = get_int(&r);
				/* whole numbers are printed through long long */
				if (t->cells[j].kind == CELL_INT &&
				    !(fabs(t->cells[j].num) < 9e18))
					r.bad = 1;
			}
			if (r.bad)
				break;
			/* scalars: a key, a kind, a number, a precision */
			t->nscalars = brd_count(&r, 8 + 8 + 8 + 8);
			t->skeys = xcalloc(t->nscalars + 1, sizeof(char *));
			t->svals = xcalloc(t->nscalars + 1, sizeof(struct cell));
			for (j = 0; j < t->nscalars && !r.bad; j++) {
				t->skeys[j] = get_req(&r);
				t->svals[j].kind = (enum cell_kind)get_small(&r,
				    CELL_EMPTY);
				t->svals[j].num = brd_f64(&r);
				t->svals[j].prec = get_int(&r);
				if ((t->svals[j].kind != CELL_INT &&
				    t->svals[j].kind != CELL_NUM) ||
				    (t->svals[j].kind == CELL_INT &&
				    !(fabs(t->svals[j].num) < 9e18)))
					r.bad = 1;
			}
		}
		if (get_flag(&r) != 0 && !r.bad) {
			struct series *s = xcalloc(1, sizeof(*s));

			it->series = s;
			s->name = get_req(&r);
			s->n = brd_count(&r, 0);
			s->x = get_f64s(&r, s->n);
			s->y = get_f64s(&r, s->n);
			s->labels = get_strs(&r, s->n);
			if (s->y == NULL)
				r.bad = 1;
		}
		if (get_flag(&r) != 0 && !r.bad) {
			struct tokvals *t = xcalloc(1, sizeof(*t));

			it->tokens = t;
			t->n = brd_count(&r, 4 + 8);
			t->tokens = get_strs(&r, t->n);
			if (!all_set(t->tokens, t->n))
				r.bad = 1;
			t->values = get_f64s(&r, t->n);
			if (t->tokens == NULL) {
				t->tokens = xcalloc(1, sizeof(char *));
				t->n = 0;
				r.bad = 1;
			}
			if (t->values == NULL)
				r.bad = 1;
			if (get_flag(&r) != 0 && !r.bad)
				t->heat = load_heat(&r, t);
		}
		if (get_flag(&r) != 0 && !r.bad)
			it->chart = load_chart(&r);
		/* an item carries what its kind says it does */
		if ((it->kind == ITEM_TABLE && it->table == NULL) ||
		    (it->kind == ITEM_SERIES && it->series == NULL) ||
		    (it->kind == ITEM_TOKENS && it->tokens == NULL) ||
		    (it->kind == ITEM_CHART && it->chart == NULL))
			r.bad = 1;
	}
	if (r.bad || r.p != r.end) {
		result_clear(res);
		result_init(res, NULL);
		return -1;
	}
	return 0;
}
