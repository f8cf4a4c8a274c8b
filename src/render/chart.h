/*
 * render/chart.h: charts as data (bar, histogram, line, scatter, heatmap)
 * that a directive fills and the renderer draws as accessible SVG (and
 * `vecdoc run` serialises as JSON).
 * Owns every string and array it holds; never computes statistics.
 */
#ifndef VECDOC_CHART_H
#define VECDOC_CHART_H

#include <stddef.h>

#include "util/buf.h"

enum chart_kind {
	CHART_BAR,	/* one bar per label, in order (e.g. per-token values) */
	CHART_HIST,	/* bins with edges; several series = small multiples */
	CHART_LINE,	/* lines through (x, y) points, one per series */
	CHART_SCATTER,	/* points (x, y), optional labels, identity line */
	CHART_HEATMAP,	/* a labelled matrix of values (similarity matrices) */
	CHART_MAP,	/* a word map: SCATTER with one series per group, a
			 * legend, and labels placed so they never overlap */
	CHART_GRAPH	/* nodes (points of all series; series = community)
			 * and weighted edges between them, no axes */
};

/* One named series. BAR: labels[i] + y[i] (NaN: no value, marked).
 * HIST: x has n + 1 bin edges, y has n counts (or densities).
 * LINE/SCATTER: x[i], y[i] (NaN points are skipped); labels optional. */
struct chart_series {
	char		*name;
	size_t		 n;
	double		*x;
	double		*y;
	char		**labels;	/* NULL or n strings (NULL entries ok) */
};

struct chart {
	enum chart_kind	 kind;
	char		*name;		/* stable key (JSON, element id part) */
	char		*title;		/* shown above, and the SVG <title> */
	char		*desc;		/* the SVG <desc> for screen readers */
	char		*xlabel, *ylabel;
	int		 logx, logy;	/* log10 axes (LINE, SCATTER) */
	int		 identity;	/* SCATTER: draw y = x */
	int		 zero_line;	/* draw y = 0 (BAR, LINE) */
	double		 ymin, ymax;	/* fixed y range when ymin < ymax */
	struct chart_series *series;
	size_t		 nseries;
	/* HEATMAP */
	size_t		 rows, cols;
	char		**rowlabels, **collabels;
	double		*cells;		/* rows * cols, row-major, NaN allowed */
	double		 vmin, vmax;	/* colour scale range */
	int		 diverging;	/* 1: diverging palette centred on 0 */
	int		 annotate;	/* print values in cells */
	/* Added after the first version (keep at the end). */
	char		*id;		/* element id; NULL: "vd-chart-<name>" */
	/* GRAPH: edges between nodes numbered across the series in order
	 * (series 0's points first); weights set the edge opacity. */
	size_t		 nedges;
	long		*edge_a, *edge_b;
	double		*edge_w;
	/* MAP, GRAPH: what the desc and the drawing report */
	size_t		 labels_shown, labels_dropped;	/* after chart_render */
};

/* A new empty chart (free with chart_free). Strings are copied. */
struct chart *chart_new(enum chart_kind kind, const char *name,
	    const char *title);
void	 chart_free(struct chart *c);
/* Sets axis labels (copied; NULL keeps none). */
void	 chart_axes(struct chart *c, const char *xlabel, const char *ylabel);
/* Sets the <desc> text (copied). */
void	 chart_desc(struct chart *c, const char *desc);
/* Adds a series of n points; x, y are allocated zeroed (HIST: x gets
 * n + 1 entries), labels is NULL until chart_series_label is called.
 * The series array may move: a pointer returned earlier is stale after
 * the next call (use &c->series[i] instead). */
struct chart_series *chart_add_series(struct chart *c, const char *name,
	    size_t n);
/* Sets label i of s (copied; allocates the label array on first use). */
void	 chart_series_label(struct chart_series *s, size_t i, const char *l);
/* HEATMAP: sets the matrix size and allocates labels and cells (NaN). */
void	 chart_matrix(struct chart *c, size_t rows, size_t cols);

/* GRAPH: adds an edge between nodes a and b (global indices) of
 * weight w. */
void	 chart_add_edge(struct chart *c, long a, long b, double w);

/*
 * The numbers behind a chart as CSV (RFC 4180, header row first):
 * SCATTER, MAP, LINE: series,label,x,y; BAR: series,label,y;
 * HIST: series,bin_lo,bin_hi,y; HEATMAP: row,col,value;
 * GRAPH: the nodes as node,community,label,x,y then a blank line and
 * the edges as source,target,weight. NaN is an empty field.
 */
void	 chart_csv(const struct chart *c, struct buf *out);

/* Draws c as a complete <figure class="vd-chart"> with an inline <svg>
 * (role="img", <title>, <desc>, labelled axes with readable ticks,
 * colours from CSS classes so light and dark themes both work) appended
 * to out. Deterministic: the same chart gives the same bytes. */
void	 chart_render(const struct chart *c, struct buf *out);
/* Writes c as one JSON value (an object) through w. */
struct jw;
void	 chart_json(const struct chart *c, struct jw *w);

/*
 * Colour classes shared by charts and token heatmaps: a quantized
 * perceptually ordered palette of CHART_NCLASS steps. Returns the class
 * index 0..CHART_NCLASS-1 of value t in [0, 1] (clamped; NaN: -1).
 * The theme's CSS defines .vd-seq-0 ... .vd-seq-N and .vd-div-0 ...
 * (background and a contrasting text colour); chart_class_name writes
 * "vd-seq-K" or "vd-div-K" into out.
 */
#define CHART_NCLASS 11
int	 chart_class(double t);
void	 chart_class_name(int diverging, int k, char *out, size_t outsz);

/*
 * Sets the id of the chart's <figure> (copied; NULL: back to the default
 * "vd-chart-<name>"). Use it when a page holds two charts of one name.
 * Characters other than ASCII letters, digits, '-' and '_' become '-';
 * the <title> and <desc> get the ids ID-title and ID-desc.
 */
void	 chart_set_id(struct chart *c, const char *id);
/*
 * Palette class of value v for a heatmap with colour range [vmin, vmax]:
 * sequential t = (v - vmin) / (vmax - vmin) (0.5 when the range is
 * empty); diverging t = 0.5 + v / (2 max(|vmin|, |vmax|)), so that 0 is
 * the neutral middle class. Returns 0..CHART_NCLASS-1, or -1 for NaN and
 * infinities. Token heatmaps use it too, so both colour alike.
 */
int	 chart_value_class(double v, double vmin, double vmax, int diverging);

#endif
