/*
 * render/chart: charts as data and their SVG and JSON forms.
 * Reads a struct chart a directive filled; produces SVG markup and JSON.
 * Never computes statistics; never emits unescaped text (drawing is in
 * render/chart_svg.c, ticks and formatting in render/chart_axis.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/chart.h"
#include "util/json.h"
#include "util/xalloc.h"

struct chart *
chart_new(enum chart_kind kind, const char *name, const char *title)
{
	struct chart *c = xcalloc(1, sizeof(*c));

	c->kind = kind;
	c->name = xstrdup(name ? name : "chart");
	c->title = xstrdup(title ? title : "");
	return c;
}

static void
series_free(struct chart_series *s)
{
	size_t i;

	if (s->labels)
		for (i = 0; i < s->n; i++)
			free(s->labels[i]);
	free(s->labels);
	free(s->name);
	free(s->x);
	free(s->y);
}

void
chart_free(struct chart *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nseries; i++)
		series_free(&c->series[i]);
	free(c->series);
	for (i = 0; c->rowlabels && i < c->rows; i++)
		free(c->rowlabels[i]);
	for (i = 0; c->collabels && i < c->cols; i++)
		free(c->collabels[i]);
	free(c->rowlabels);
	free(c->collabels);
	free(c->cells);
	free(c->name);
	free(c->title);
	free(c->desc);
	free(c->xlabel);
	free(c->ylabel);
	free(c->id);
	free(c->edge_a);
	free(c->edge_b);
	free(c->edge_w);
	free(c);
}

void
chart_add_edge(struct chart *c, long a, long b, double w)
{
	c->edge_a = xreallocarray(c->edge_a, c->nedges + 1, sizeof(long));
	c->edge_b = xreallocarray(c->edge_b, c->nedges + 1, sizeof(long));
	c->edge_w = xreallocarray(c->edge_w, c->nedges + 1, sizeof(double));
	c->edge_a[c->nedges] = a;
	c->edge_b[c->nedges] = b;
	c->edge_w[c->nedges++] = w;
}

void
chart_axes(struct chart *c, const char *xlabel, const char *ylabel)
{
	free(c->xlabel);
	free(c->ylabel);
	c->xlabel = xlabel ? xstrdup(xlabel) : NULL;
	c->ylabel = ylabel ? xstrdup(ylabel) : NULL;
}

void
chart_desc(struct chart *c, const char *desc)
{
	free(c->desc);
	c->desc = desc ? xstrdup(desc) : NULL;
}

struct chart_series *
chart_add_series(struct chart *c, const char *name, size_t n)
{
	struct chart_series *s;

	c->series = xreallocarray(c->series, c->nseries + 1, sizeof(*s));
	s = &c->series[c->nseries++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name ? name : "");
	s->n = n;
	s->x = xcalloc(n + 1, sizeof(double));
	s->y = xcalloc(n + 1, sizeof(double));
	return s;
}

void
chart_series_label(struct chart_series *s, size_t i, const char *l)
{
	if (i >= s->n)
		return;
	if (s->labels == NULL)
		s->labels = xcalloc(s->n, sizeof(char *));
	free(s->labels[i]);
	s->labels[i] = l ? xstrdup(l) : NULL;
}

void
chart_matrix(struct chart *c, size_t rows, size_t cols)
{
	size_t i;

	c->rows = rows;
	c->cols = cols;
	c->rowlabels = xcalloc(rows, sizeof(char *));
	c->collabels = xcalloc(cols, sizeof(char *));
	c->cells = xcalloc(rows * cols + 1, sizeof(double));
	for (i = 0; i < rows * cols; i++)
		c->cells[i] = NAN;
}

int
chart_class(double t)
{
	int k;

	if (isnan(t))
		return -1;
	if (t < 0)
		t = 0;
	if (t > 1)
		t = 1;
	k = (int)floor(t * CHART_NCLASS);
	return k >= CHART_NCLASS ? CHART_NCLASS - 1 : k;
}

void
chart_class_name(int diverging, int k, char *out, size_t outsz)
{
	snprintf(out, outsz, "vd-%s-%d", diverging ? "div" : "seq", k);
}

void
chart_set_id(struct chart *c, const char *id)
{
	free(c->id);
	c->id = id ? xstrdup(id) : NULL;
}

int
chart_value_class(double v, double vmin, double vmax, int diverging)
{
	double t, m;

	if (!isfinite(v))
		return -1;
	if (diverging) {
		m = fmax(fabs(vmin), fabs(vmax));
		t = m > 0 && isfinite(m) ? 0.5 + v / (2 * m) : 0.5;
	} else if (vmax > vmin && isfinite(vmax - vmin))
		t = (v - vmin) / (vmax - vmin);
	else
		t = 0.5;
	return chart_class(t);
}

static const char *
kind_name(enum chart_kind k)
{
	switch (k) {
	case CHART_BAR:
		return "bar";
	case CHART_HIST:
		return "hist";
	case CHART_LINE:
		return "line";
	case CHART_SCATTER:
		return "scatter";
	case CHART_HEATMAP:
		return "heatmap";
	case CHART_MAP:
		return "map";
	case CHART_GRAPH:
		return "graph";
	}
	return "bar";
}

/* A string or null. */
static void
json_str_or_null(struct jw *w, const char *s)
{
	if (s != NULL)
		jw_str(w, s);
	else
		jw_null(w);
}

/* n numbers; NaN and infinities become null (jw_num does that). */
static void
json_nums(struct jw *w, const double *v, size_t n)
{
	size_t i;

	jw_arr_begin(w);
	for (i = 0; i < n; i++)
		jw_num(w, v[i]);
	jw_arr_end(w);
}

static void
json_strs(struct jw *w, char *const *s, size_t n)
{
	size_t i;

	if (s == NULL) {
		jw_null(w);
		return;
	}
	jw_arr_begin(w);
	for (i = 0; i < n; i++)
		json_str_or_null(w, s[i]);
	jw_arr_end(w);
}

/*
 * The chart as {kind, name, title, desc, xlabel, ylabel, logx, logy,
 * series: [{name, x, y, labels}]} plus, for heatmaps, rows, cols,
 * rowlabels, collabels, cells (row-major), vmin, vmax, diverging.
 * BAR series have no x (null); HIST x holds n + 1 edges.
 */
void
chart_json(const struct chart *c, struct jw *w)
{
	size_t i;

	jw_obj_begin(w);
	jw_key(w, "kind");
	jw_str(w, kind_name(c->kind));
	jw_key(w, "name");
	jw_str(w, c->name);
	jw_key(w, "title");
	jw_str(w, c->title ? c->title : "");
	jw_key(w, "desc");
	json_str_or_null(w, c->desc);
	jw_key(w, "xlabel");
	json_str_or_null(w, c->xlabel);
	jw_key(w, "ylabel");
	json_str_or_null(w, c->ylabel);
	jw_key(w, "logx");
	jw_bool(w, c->logx);
	jw_key(w, "logy");
	jw_bool(w, c->logy);
	if (c->ymin < c->ymax) {
		jw_key(w, "ymin");
		jw_num(w, c->ymin);
		jw_key(w, "ymax");
		jw_num(w, c->ymax);
	}
	jw_key(w, "series");
	jw_arr_begin(w);
	for (i = 0; i < c->nseries; i++) {
		const struct chart_series *s = &c->series[i];

		jw_obj_begin(w);
		jw_key(w, "name");
		jw_str(w, s->name);
		jw_key(w, "x");
		if (c->kind == CHART_BAR)
			jw_null(w);
		else
			json_nums(w, s->x, c->kind == CHART_HIST ? s->n + 1 :
			    s->n);
		jw_key(w, "y");
		json_nums(w, s->y, s->n);
		jw_key(w, "labels");
		json_strs(w, s->labels, s->n);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	if (c->kind == CHART_GRAPH) {
		size_t e;

		jw_key(w, "edges");
		jw_arr_begin(w);
		for (e = 0; e < c->nedges; e++) {
			jw_arr_begin(w);
			jw_int(w, c->edge_a[e]);
			jw_int(w, c->edge_b[e]);
			jw_num(w, c->edge_w[e]);
			jw_arr_end(w);
		}
		jw_arr_end(w);
	}
	if (c->kind == CHART_HEATMAP) {
		jw_key(w, "rows");
		jw_int(w, (long long)c->rows);
		jw_key(w, "cols");
		jw_int(w, (long long)c->cols);
		jw_key(w, "rowlabels");
		json_strs(w, c->rowlabels, c->rows);
		jw_key(w, "collabels");
		json_strs(w, c->collabels, c->cols);
		jw_key(w, "cells");
		if (c->cells != NULL)
			json_nums(w, c->cells, c->rows * c->cols);
		else
			jw_null(w);
		jw_key(w, "vmin");
		jw_num(w, c->vmin);
		jw_key(w, "vmax");
		jw_num(w, c->vmax);
		jw_key(w, "diverging");
		jw_bool(w, c->diverging);
		jw_key(w, "annotate");
		jw_bool(w, c->annotate);
	}
	jw_obj_end(w);
}

/* ---- CSV ---- */

static void
csv_str(struct buf *out, const char *s)
{
	const char *p;

	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	buf_putc(out, '"');
}

/* A number with 17 significant digits (round-trips), empty for NaN. */
static void
csv_num(struct buf *out, double v)
{
	if (isfinite(v))
		buf_printf(out, "%.17g", v);
	else if (isinf(v))
		buf_puts(out, v > 0 ? "inf" : "-inf");
}

void
chart_csv(const struct chart *c, struct buf *out)
{
	size_t k, i, node = 0;

	switch (c->kind) {
	case CHART_HEATMAP:
		buf_puts(out, "row,col,value\r\n");
		for (i = 0; c->cells != NULL && i < c->rows * c->cols; i++) {
			csv_str(out, c->rowlabels ? c->rowlabels[i / c->cols] :
			    NULL);
			buf_putc(out, ',');
			csv_str(out, c->collabels ? c->collabels[i % c->cols] :
			    NULL);
			buf_putc(out, ',');
			csv_num(out, c->cells[i]);
			buf_puts(out, "\r\n");
		}
		return;
	case CHART_GRAPH:
		buf_puts(out, "node,community,label,x,y\r\n");
		for (k = 0; k < c->nseries; k++) {
			const struct chart_series *s = &c->series[k];

			for (i = 0; i < s->n; i++, node++) {
				buf_printf(out, "%zu,", node);
				csv_str(out, s->name);
				buf_putc(out, ',');
				csv_str(out, s->labels ? s->labels[i] : NULL);
				buf_putc(out, ',');
				csv_num(out, s->x[i]);
				buf_putc(out, ',');
				csv_num(out, s->y[i]);
				buf_puts(out, "\r\n");
			}
		}
		buf_puts(out, "\r\nsource,target,weight\r\n");
		for (i = 0; i < c->nedges; i++) {
			buf_printf(out, "%ld,%ld,", c->edge_a[i], c->edge_b[i]);
			csv_num(out, c->edge_w[i]);
			buf_puts(out, "\r\n");
		}
		return;
	case CHART_HIST:
		buf_puts(out, "series,bin_lo,bin_hi,y\r\n");
		break;
	case CHART_BAR:
		buf_puts(out, "series,label,y\r\n");
		break;
	default:
		buf_puts(out, "series,label,x,y\r\n");
		break;
	}
	for (k = 0; k < c->nseries; k++) {
		const struct chart_series *s = &c->series[k];

		for (i = 0; i < s->n; i++) {
			csv_str(out, s->name);
			buf_putc(out, ',');
			if (c->kind == CHART_HIST) {
				csv_num(out, s->x[i]);
				buf_putc(out, ',');
				csv_num(out, s->x[i + 1]);
			} else {
				csv_str(out, s->labels ? s->labels[i] : NULL);
				if (c->kind != CHART_BAR) {
					buf_putc(out, ',');
					csv_num(out, s->x[i]);
				}
			}
			buf_putc(out, ',');
			csv_num(out, s->y[i]);
			buf_puts(out, "\r\n");
		}
	}
}
