/*
 * render/chart: charts as data and their SVG and JSON forms.
 * Reads a struct chart a directive filled; produces SVG markup and JSON.
 * Never computes statistics; never emits unescaped text.
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
	free(c);
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

/* Placeholder drawing until the SVG renderer lands. */
void
chart_render(const struct chart *c, struct buf *out)
{
	(void)c;
	buf_puts(out, "<figure class=\"vd-chart\"></figure>\n");
}

void
chart_json(const struct chart *c, struct jw *w)
{
	jw_obj_begin(w);
	jw_key(w, "name");
	jw_str(w, c->name);
	jw_obj_end(w);
}
