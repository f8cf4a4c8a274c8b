/*
 * render/chart_svg: draws a struct chart as an accessible inline SVG figure.
 * Reads the chart's data; produces a libxml2 tree serialised into a buf.
 * Never emits text from data without escaping, never a coordinate that
 * is not a finite number with at most 2 decimals, never an inline colour.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/chart.h"
#include "render/chart_axis.h"
#include "render/xml.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define VB_W		640.0	/* viewBox width of x-y charts */
#define PLOT_H		260.0	/* plot-area height of x-y charts */
#define CHARW		7.0	/* px per column of 12px text (generous) */
#define NSERIES_CLS	8	/* vd-s0 .. vd-s7 */
#define MAX_PTLABELS	60	/* scatter: point labels drawn at most */
#define MAX_MARKERS	100	/* line: markers only on short series */
#define MAX_BARLABELS	40	/* bar: labels shown at most (bars all drawn) */
#define LABEL_COLS	16	/* rotated category labels, in columns */
#define LEGEND_COLS	24
#define NLIST		5	/* missing-value labels listed in <desc> */

struct frame {
	double		 W, H;
	double		 x0, x1, y0, y1;	/* plot area, y0 on top */
	struct chart_ticks tx, ty;
};

struct draw {
	const struct chart *c;
	char		 id[128];
	xmlNodePtr	 svg;
	xmlNodePtr	 plot;		/* clipped data group */
	struct buf	 d;		/* generated description */
	size_t		 nonfinite;	/* infinite values drawn as missing */
	size_t		 nonpos;	/* values <= 0 left off a log axis */
	size_t		 outside;	/* values beyond a fixed range */
	double		 W, H;		/* the viewBox the drawing needed */
};

/* ---- small element helpers ---- */

static void
attr_num(xmlNodePtr n, const char *name, double v)
{
	char b[40];

	chart_fmt_coord(v, b, sizeof(b));
	html_attr(n, name, b);
}

static void
buf_coord(struct buf *b, double v)
{
	char t[40];

	chart_fmt_coord(v, t, sizeof(t));
	buf_puts(b, t);
}

static xmlNodePtr
line_el(xmlNodePtr p, const char *cls, double x1, double y1, double x2,
    double y2)
{
	xmlNodePtr n = html_el(p, "line", cls);

	attr_num(n, "x1", x1);
	attr_num(n, "y1", y1);
	attr_num(n, "x2", x2);
	attr_num(n, "y2", y2);
	return n;
}

static xmlNodePtr
rect_el(xmlNodePtr p, const char *cls, double x, double y, double w,
    double h)
{
	xmlNodePtr n = html_el(p, "rect", cls);

	if (w < 0) {
		x += w;
		w = -w;
	}
	if (h < 0) {
		y += h;
		h = -h;
	}
	attr_num(n, "x", x);
	attr_num(n, "y", y);
	attr_num(n, "width", w);
	attr_num(n, "height", h);
	return n;
}

/* A <title> child (native tooltip) with the cleaned, uncut text. */
static void
tip_add(xmlNodePtr n, const char *s)
{
	char *t = chart_text_clean(s, 0, NULL);

	html_el_text(n, "title", NULL, t);
	free(t);
}

/* Text at (x, y); cut to maxcols columns (0: never) with the full text
 * kept in a <title> when cut. */
static xmlNodePtr
text_el(xmlNodePtr p, const char *cls, double x, double y,
    const char *anchor, const char *s, size_t maxcols)
{
	xmlNodePtr n = html_el(p, "text", cls);
	char *t;
	int cut;

	attr_num(n, "x", x);
	attr_num(n, "y", y);
	if (anchor != NULL)
		html_attr(n, "text-anchor", anchor);
	t = chart_text_clean(s, maxcols, &cut);
	html_text(n, t);
	free(t);
	if (cut)
		tip_add(n, s);
	return n;
}

static void
rotate_attr(xmlNodePtr n, double deg, double x, double y)
{
	char a[40], b[40], c[40];

	chart_fmt_coord(deg, a, sizeof(a));
	chart_fmt_coord(x, b, sizeof(b));
	chart_fmt_coord(y, c, sizeof(c));
	html_attrf(n, "transform", "rotate(%s %s %s)", a, b, c);
}

/* A tick label; the part after '^' becomes a raised <tspan>. */
static void
tick_text(xmlNodePtr p, double x, double y, const char *anchor,
    const char *label)
{
	xmlNodePtr n = html_el(p, "text", "vd-tick"), sp;
	const char *hat = strchr(label, '^');

	attr_num(n, "x", x);
	attr_num(n, "y", y);
	html_attr(n, "text-anchor", anchor);
	if (hat == NULL) {
		html_text(n, label);
		return;
	}
	html_textn(n, label, (size_t)(hat - label));
	sp = html_el_text(n, "tspan", "vd-sup", hat + 1);
	html_attr(sp, "dy", "-6");
}

/* Width in px of a tick label ('^' and the raised part narrower). */
static double
tick_width(const char *label)
{
	const char *hat = strchr(label, '^');

	if (hat == NULL)
		return (double)chart_text_width(label) * CHARW;
	return (double)(chart_text_width(label) - 1) * CHARW * 0.85;
}

static void
series_class(char *out, size_t outsz, const char *base, size_t k)
{
	snprintf(out, outsz, "%s vd-s%zu", base, k % NSERIES_CLS);
}

/* ---- scales ---- */

static double
ax_of(const struct chart_ticks *t, double v)
{
	return t->log ? log10(v) : v;
}

static double
map_x(const struct frame *f, double v)
{
	double u = ax_of(&f->tx, v);

	return f->x0 + (u - f->tx.lo) / (f->tx.hi - f->tx.lo) * (f->x1 - f->x0);
}

static double
map_y(const struct frame *f, double v)
{
	double u = ax_of(&f->ty, v);

	return f->y1 - (u - f->ty.lo) / (f->ty.hi - f->ty.lo) * (f->y1 - f->y0);
}

/* Is v drawable on an axis (finite; positive on a log axis)? Counts
 * what is left off. */
static int
val_ok(struct draw *D, int log, double v, int count)
{
	if (isnan(v))
		return 0;
	if (isinf(v)) {
		if (count)
			D->nonfinite++;
		return 0;
	}
	if (log && v <= 0) {
		if (count)
			D->nonpos++;
		return 0;
	}
	return 1;
}

/* Left margin that fits the y tick labels and the rotated y title. */
static double
left_margin(const struct chart *c, const struct chart_ticks *ty)
{
	char lab[64];
	double w = 0;
	int i;

	for (i = 0; i < ty->n; i++) {
		chart_tick_label(ty, i, lab, sizeof(lab));
		w = fmax(w, tick_width(lab));
	}
	return (c->ylabel ? 24 : 6) + w + 10;
}

/* ---- legend ---- */

/* Height of the legend row(s) for the series, laid out from x0 to xmax;
 * draws it when g is not NULL. */
static double
legend_layout(const struct chart *c, xmlNodePtr g, double x0, double xmax,
    double y, int as_line)
{
	double x = x0, w, h = 18;
	char cls[64];
	size_t k;

	for (k = 0; k < c->nseries; k++) {
		const char *name = c->series[k].name[0] ? c->series[k].name :
		    "(unnamed)";
		size_t cols = chart_text_width(name);

		if (cols > LEGEND_COLS)
			cols = LEGEND_COLS;
		w = 18 + (double)cols * CHARW + 14;
		if (x > x0 && x + w > xmax) {
			x = x0;
			y += 18;
			h += 18;
		}
		if (g != NULL) {
			xmlNodePtr it = html_el(g, "g", "vd-legend-item");

			if (as_line) {
				series_class(cls, sizeof(cls), "vd-line", k);
				line_el(it, cls, x, y - 4, x + 14, y - 4);
			} else {
				series_class(cls, sizeof(cls), "vd-swatch", k);
				rect_el(it, cls, x, y - 10, 12, 12);
			}
			text_el(it, "vd-legend-text", x + 18, y, "start", name,
			    LEGEND_COLS);
		}
		x += w;
	}
	return h;
}

/* Top margin: room for the legend when there are several series. */
static double
legend_top(const struct chart *c, const struct frame *f)
{
	if (c->nseries < 2)
		return 12;
	return 12 + legend_layout(c, NULL, f->x0, f->x1, 0, 0);
}

static void
legend_draw(struct draw *D, const struct frame *f, int as_line)
{
	if (D->c->nseries < 2)
		return;
	legend_layout(D->c, html_el(D->svg, "g", "vd-legend"), f->x0, f->x1,
	    20, as_line);
}

/* ---- axes ---- */

/* Grid, axis lines, tick labels and axis titles; xnum 0 for a
 * categorical x axis (the caller labels it). */
static void
axes_draw(struct draw *D, const struct frame *f, int xnum)
{
	const struct chart *c = D->c;
	xmlNodePtr grid = html_el(D->svg, "g", "vd-grid");
	xmlNodePtr ax = html_el(D->svg, "g", "vd-axis");
	xmlNodePtr lab = html_el(D->svg, "g", "vd-ticks");
	char s[64];
	double p, tw = 0, yx;
	int i;

	html_attr(grid, "stroke", "currentColor");
	html_attr(ax, "stroke", "currentColor");
	for (i = 0; i < f->ty.n; i++) {
		if (f->ty.v[i] < f->ty.lo - 1e-9 * fabs(f->ty.hi - f->ty.lo) ||
		    f->ty.v[i] > f->ty.hi + 1e-9 * fabs(f->ty.hi - f->ty.lo))
			continue;
		p = f->y1 - (f->ty.v[i] - f->ty.lo) / (f->ty.hi - f->ty.lo) *
		    (f->y1 - f->y0);
		line_el(grid, NULL, f->x0, p, f->x1, p);
		chart_tick_label(&f->ty, i, s, sizeof(s));
		tick_text(lab, f->x0 - 6, p + 4, "end", s);
		tw = fmax(tw, tick_width(s));
	}
	for (i = 0; xnum && i < f->tx.n; i++) {
		if (f->tx.v[i] < f->tx.lo - 1e-9 * fabs(f->tx.hi - f->tx.lo) ||
		    f->tx.v[i] > f->tx.hi + 1e-9 * fabs(f->tx.hi - f->tx.lo))
			continue;
		p = f->x0 + (f->tx.v[i] - f->tx.lo) / (f->tx.hi - f->tx.lo) *
		    (f->x1 - f->x0);
		line_el(grid, NULL, p, f->y0, p, f->y1);
		line_el(ax, NULL, p, f->y1, p, f->y1 + 4);
		chart_tick_label(&f->tx, i, s, sizeof(s));
		tick_text(lab, p, f->y1 + 17, "middle", s);
	}
	line_el(ax, NULL, f->x0, f->y0, f->x0, f->y1);
	line_el(ax, NULL, f->x0, f->y1, f->x1, f->y1);
	if (c->xlabel != NULL)
		text_el(D->svg, "vd-axis-title", (f->x0 + f->x1) / 2, f->H - 8,
		    "middle", c->xlabel, 80);
	if (c->ylabel != NULL) {
		/* Beside the tick labels, not at the far edge. */
		xmlNodePtr t;

		yx = fmax(16, f->x0 - 6 - tw - 12);
		t = text_el(D->svg, "vd-axis-title", yx, (f->y0 + f->y1) / 2,
		    "middle", c->ylabel, 48);
		rotate_attr(t, -90, yx, (f->y0 + f->y1) / 2);
	}
}

/* The clipped group the data goes in (clip id ID-clip). */
static void
plot_open(struct draw *D, const struct frame *f)
{
	xmlNodePtr defs = html_el(D->svg, "defs", NULL);
	xmlNodePtr cp = html_el(defs, "clipPath", NULL);

	html_attrf(cp, "id", "%s-clip", D->id);
	rect_el(cp, NULL, f->x0 - 4, f->y0 - 4, f->x1 - f->x0 + 8,
	    f->y1 - f->y0 + 8);
	D->plot = html_el(D->svg, "g", "vd-data");
	html_attrf(D->plot, "clip-path", "url(#%s-clip)", D->id);
}

static void
empty_note(struct draw *D, const struct frame *f)
{
	text_el(D->svg, "vd-empty", (f->x0 + f->x1) / 2, (f->y0 + f->y1) / 2,
	    "middle", "no data", 0);
}

static void
hline_zero(struct draw *D, const struct frame *f)
{
	double p;

	if (f->ty.log || !(f->ty.lo < 0 && f->ty.hi > 0))
		return;
	p = map_y(f, 0);
	line_el(D->svg, "vd-zero", f->x0, p, f->x1, p);
}

static void
desc_range(struct buf *d, const char *axis, double lo, double hi)
{
	char a[40], b[40];

	chart_fmt_value(lo, a, sizeof(a));
	chart_fmt_value(hi, b, sizeof(b));
	buf_printf(d, "; %s from %s to %s", axis, a, b);
}

static void
desc_series_names(struct buf *d, const struct chart *c)
{
	size_t k;

	if (c->nseries < 2)
		return;
	buf_puts(d, " (");
	for (k = 0; k < c->nseries && k < 8; k++) {
		char *t = chart_text_clean(c->series[k].name, 40, NULL);

		buf_printf(d, "%s%s", k ? ", " : "", t);
		free(t);
	}
	if (c->nseries > 8)
		buf_puts(d, ", …");
	buf_puts(d, ")");
}

/* The label of category i: its series label, else its 1-based index. */
static const char *
bar_label(const struct chart *c, size_t i, char *tmp, size_t tmpsz)
{
	size_t k;

	for (k = 0; k < c->nseries; k++)
		if (c->series[k].labels != NULL && i < c->series[k].n &&
		    c->series[k].labels[i] != NULL)
			return c->series[k].labels[i];
	snprintf(tmp, tmpsz, "%zu", i + 1);
	return tmp;
}

/* ---- BAR ---- */

static void
bar_draw(struct draw *D)
{
	const struct chart *c = D->c;
	struct frame f;
	size_t n = 0, i, k, ns = c->nseries, nnan = 0, every, listed = 0;
	double lo = 0, hi = 0, band, bw, base, maxw = 0, labh, mt, mb;
	double ext[2] = { NAN, NAN };
	const char *extl[2] = { NULL, NULL };
	char tmp[32], cls[64], v[40], lbuf[32];
	struct buf tt = BUF_INIT, miss = BUF_INIT;
	int rotate, any = 0;
	xmlNodePtr g;

	memset(&f, 0, sizeof(f));
	for (k = 0; k < ns; k++)
		if (c->series[k].n > n)
			n = c->series[k].n;
	for (k = 0; k < ns; k++)
		for (i = 0; i < c->series[k].n; i++) {
			double y = c->series[k].y[i];

			if (!val_ok(D, 0, y, 1)) {
				nnan++;
				if (listed < NLIST) {
					char *t = chart_text_clean(bar_label(c,
					    i, lbuf, sizeof(lbuf)), 24, NULL);

					buf_printf(&miss, "%s%s",
					    listed ? ", " : "", t);
					free(t);
				}
				listed++;
				continue;
			}
			any = 1;
			lo = fmin(lo, y);
			hi = fmax(hi, y);
			if (isnan(ext[0]) || y < ext[0]) {
				ext[0] = y;
				extl[0] = bar_label(c, i, tmp, sizeof(tmp));
				extl[0] = extl[0] == tmp ? NULL : extl[0];
			}
			if (isnan(ext[1]) || y > ext[1]) {
				ext[1] = y;
				extl[1] = bar_label(c, i, tmp, sizeof(tmp));
				extl[1] = extl[1] == tmp ? NULL : extl[1];
			}
		}
	if (c->ymin < c->ymax)
		chart_ticks_linear(c->ymin, c->ymax, 5, 0, &f.ty);
	else
		chart_ticks_linear(lo, hi, 5, 1, &f.ty);
	f.W = VB_W;
	f.x0 = left_margin(c, &f.ty);
	f.x1 = f.W - 12;
	band = n ? (f.x1 - f.x0) / (double)n : f.x1 - f.x0;
	for (i = 0; i < n; i++)
		maxw = fmax(maxw, (double)chart_text_width(bar_label(c, i, tmp,
		    sizeof(tmp))));
	rotate = n > 12 || maxw * CHARW > band - 4;
	if (rotate) {
		/* A label rotated -45° about its end reaches 0.71 of its
		 * width to the left: the first one must stay in view. */
		labh = fmin(maxw, LABEL_COLS) * CHARW * 0.71 + 16;
		f.x0 = fmax(f.x0, labh - 16 - band / 2);
		band = n ? (f.x1 - f.x0) / (double)n : f.x1 - f.x0;
	} else
		labh = 20;
	every = n > MAX_BARLABELS ? (n + MAX_BARLABELS - 1) / MAX_BARLABELS : 1;
	mt = legend_top(c, &f);
	mb = labh + (c->xlabel ? 22 : 4);
	f.y0 = mt;
	f.y1 = mt + PLOT_H;
	f.H = f.y1 + mb;
	axes_draw(D, &f, 0);
	legend_draw(D, &f, 0);
	plot_open(D, &f);
	base = fmin(fmax(0, f.ty.lo), f.ty.hi);
	bw = ns ? band * 0.8 / (double)ns : band;
	for (k = 0; k < ns; k++) {
		const struct chart_series *s = &c->series[k];

		series_class(cls, sizeof(cls), "vd-bar", k);
		for (i = 0; i < s->n; i++) {
			const char *l = bar_label(c, i, tmp, sizeof(tmp));
			double x = f.x0 + (double)i * band + band * 0.1 +
			    (double)k * bw, y = s->y[i], yc;
			xmlNodePtr r;

			buf_reset(&tt);
			if (ns > 1)
				buf_printf(&tt, "%s · ", s->name);
			if (!isfinite(y)) {
				r = text_el(D->plot, "vd-nan", x + bw / 2,
				    map_y(&f, base) - 3, "middle", "×", 0);
				buf_printf(&tt, "%s: %s", l, isnan(y) ?
				    "no value" : "not finite");
				tip_add(r, buf_str(&tt));
				continue;
			}
			if (y < f.ty.lo || y > f.ty.hi)
				D->outside++;
			yc = fmin(fmax(y, f.ty.lo), f.ty.hi);
			r = rect_el(D->plot, cls, x, map_y(&f, base), bw,
			    map_y(&f, yc) - map_y(&f, base));
			chart_fmt_value(y, v, sizeof(v));
			buf_printf(&tt, "%s: %s", l, v);
			tip_add(r, buf_str(&tt));
		}
	}
	if (f.ty.lo < 0 && f.ty.hi > 0)
		hline_zero(D, &f);
	g = html_el(D->svg, "g", "vd-xlabels");
	for (i = 0; i < n; i += every) {
		double cx = f.x0 + ((double)i + 0.5) * band;
		const char *l = bar_label(c, i, tmp, sizeof(tmp));

		if (rotate) {
			xmlNodePtr t = text_el(g, "vd-tick", cx + 4, f.y1 + 12,
			    "end", l, LABEL_COLS);

			rotate_attr(t, -45, cx + 4, f.y1 + 12);
		} else
			text_el(g, "vd-tick", cx, f.y1 + 16, "middle", l,
			    (size_t)fmax(1, (band - 4) / CHARW));
	}
	if (!any)
		empty_note(D, &f);
	buf_printf(&D->d, "Bar chart of %zu bar%s", n, n == 1 ? "" : "s");
	if (ns > 1) {
		buf_printf(&D->d, " in %zu series", ns);
		desc_series_names(&D->d, c);
	}
	if (any) {
		char *a = chart_text_clean(extl[0], 24, NULL);
		char *b = chart_text_clean(extl[1], 24, NULL);

		chart_fmt_value(ext[0], v, sizeof(v));
		buf_printf(&D->d, "; values from %s%s%s%s", v,
		    extl[0] ? " (" : "", a, extl[0] ? ")" : "");
		chart_fmt_value(ext[1], v, sizeof(v));
		buf_printf(&D->d, " to %s%s%s%s", v, extl[1] ? " (" : "", b,
		    extl[1] ? ")" : "");
		free(a);
		free(b);
	}
	if (every > 1)
		buf_printf(&D->d, "; every %zu%s label shown", every,
		    every == 2 ? "nd" : every == 3 ? "rd" : "th");
	if (nnan > 0) {
		buf_printf(&D->d, "; %zu bar%s without a value (marked ×): %s",
		    nnan, nnan == 1 ? "" : "s", buf_str(&miss));
		if (listed > NLIST)
			buf_puts(&D->d, ", …");
	}
	buf_puts(&D->d, ".");
	D->W = f.W;
	D->H = f.H;
	buf_clear(&tt);
	buf_clear(&miss);
}

/* ---- HIST ---- */

static void
hist_draw(struct draw *D)
{
	const struct chart *c = D->c;
	struct frame f;
	size_t i, k, ns = c->nseries, nbins = 0;
	double xlo = INFINITY, xhi = -INFINITY, ymax = 0, top = NAN;
	const char *topname = NULL;
	char cls[64], a[40], b[40], v[40];
	struct buf tt = BUF_INIT;
	int any = 0;

	memset(&f, 0, sizeof(f));
	for (k = 0; k < ns; k++) {
		const struct chart_series *s = &c->series[k];

		for (i = 0; i <= s->n; i++)
			if (val_ok(D, 0, s->x[i], 1)) {
				xlo = fmin(xlo, s->x[i]);
				xhi = fmax(xhi, s->x[i]);
			}
		for (i = 0; i < s->n; i++) {
			if (!val_ok(D, 0, s->y[i], 1))
				continue;
			any = 1;
			ymax = fmax(ymax, s->y[i]);
			if (isnan(top) || s->y[i] > top) {
				top = s->y[i];
				topname = s->name;
			}
		}
		nbins += s->n;
	}
	if (!(xlo < xhi)) {
		xlo = xlo <= xhi ? xlo - 0.5 : 0;
		xhi = xlo + 1;
	}
	chart_ticks_linear(xlo, xhi, 6, 0, &f.tx);
	if (c->ymin < c->ymax)
		chart_ticks_linear(c->ymin, c->ymax, 5, 0, &f.ty);
	else
		chart_ticks_linear(0, ymax > 0 ? ymax : 1, 5, 1, &f.ty);
	f.W = VB_W;
	f.x0 = left_margin(c, &f.ty);
	f.x1 = f.W - 20;
	f.y0 = legend_top(c, &f);
	f.y1 = f.y0 + PLOT_H;
	f.H = f.y1 + (c->xlabel ? 46 : 26);
	axes_draw(D, &f, 1);
	legend_draw(D, &f, 0);
	plot_open(D, &f);
	for (k = 0; k < ns; k++) {
		const struct chart_series *s = &c->series[k];
		double base = map_y(&f, fmax(0, f.ty.lo));

		series_class(cls, sizeof(cls), "vd-hist", k);
		for (i = 0; i < s->n; i++) {
			double x0 = s->x[i], x1 = s->x[i + 1], y = s->y[i];
			xmlNodePtr r;

			if (!isfinite(x0) || !isfinite(x1) || !isfinite(y))
				continue;
			if (y > f.ty.hi)
				D->outside++;
			r = rect_el(D->plot, cls, map_x(&f, x0),
			    map_y(&f, fmin(y, f.ty.hi)),
			    map_x(&f, x1) - map_x(&f, x0),
			    base - map_y(&f, fmin(y, f.ty.hi)));
			chart_fmt_value(fmin(x0, x1), a, sizeof(a));
			chart_fmt_value(fmax(x0, x1), b, sizeof(b));
			chart_fmt_value(y, v, sizeof(v));
			buf_reset(&tt);
			if (ns > 1)
				buf_printf(&tt, "%s · ", s->name);
			buf_printf(&tt, "[%s, %s%s: %s", a, b,
			    i + 1 == s->n ? "]" : ")", v);
			tip_add(r, buf_str(&tt));
		}
	}
	if (!any)
		empty_note(D, &f);
	buf_printf(&D->d, "Histogram of %zu bin%s", nbins,
	    nbins == 1 ? "" : "s");
	if (ns > 1) {
		buf_printf(&D->d, " in %zu overlaid series", ns);
		desc_series_names(&D->d, c);
	}
	if (any) {
		desc_range(&D->d, "x", xlo, xhi);
		chart_fmt_value(top, v, sizeof(v));
		buf_printf(&D->d, "; highest bin %s", v);
		if (ns > 1 && topname != NULL) {
			char *t = chart_text_clean(topname, 40, NULL);

			buf_printf(&D->d, " (%s)", t);
			free(t);
		}
	}
	buf_puts(&D->d, ".");
	D->W = f.W;
	D->H = f.H;
	buf_clear(&tt);
}

/* ---- label placement (MAP, GRAPH) ---- */

/*
 * Word maps label hundreds of points. Labels are placed one at a time in
 * the order of the points (callers put the most important words first):
 * each tries eight spots around its point (right, upper right, lower
 * right, left, upper left, lower left, above, below) and takes the first
 * that stays inside the plot and overlaps no label placed before, first
 * also avoiding every other point, then allowing points under it. A
 * label with no free spot is dropped (it stays in the point's tooltip).
 * Boxes are found through a grid of cells, so the pass is fast and,
 * like everything here, deterministic.
 */
#define PL_CELL		32.0
#define PL_CHARW	6.6	/* px per column of the 11px label font */
#define PL_H		12.0
#define MAX_MAPLABELS	400

struct pl_box {
	double	 x0, y0, x1, y1;
};

struct pl_grid {
	double	 x0, y0;
	int	 nx, ny;
	size_t	*n, *cap;
	size_t **v;
};

static void
pl_grid_init(struct pl_grid *g, const struct frame *f)
{
	size_t nc;

	g->x0 = f->x0 - PL_CELL;
	g->y0 = f->y0 - PL_CELL;
	g->nx = (int)((f->x1 - f->x0) / PL_CELL) + 3;
	g->ny = (int)((f->y1 - f->y0) / PL_CELL) + 3;
	nc = (size_t)g->nx * g->ny;
	g->n = xcalloc(nc, sizeof(size_t));
	g->cap = xcalloc(nc, sizeof(size_t));
	g->v = xcalloc(nc, sizeof(size_t *));
}

static void
pl_grid_free(struct pl_grid *g)
{
	size_t i;

	for (i = 0; i < (size_t)g->nx * g->ny; i++)
		free(g->v[i]);
	free(g->v);
	free(g->n);
	free(g->cap);
}

/* The cell range a box covers, clamped to the grid. */
static void
pl_cells(const struct pl_grid *g, const struct pl_box *b, int *cx0, int *cy0,
    int *cx1, int *cy1)
{
	*cx0 = (int)floor((b->x0 - g->x0) / PL_CELL);
	*cy0 = (int)floor((b->y0 - g->y0) / PL_CELL);
	*cx1 = (int)floor((b->x1 - g->x0) / PL_CELL);
	*cy1 = (int)floor((b->y1 - g->y0) / PL_CELL);
	*cx0 = *cx0 < 0 ? 0 : *cx0 >= g->nx ? g->nx - 1 : *cx0;
	*cx1 = *cx1 < 0 ? 0 : *cx1 >= g->nx ? g->nx - 1 : *cx1;
	*cy0 = *cy0 < 0 ? 0 : *cy0 >= g->ny ? g->ny - 1 : *cy0;
	*cy1 = *cy1 < 0 ? 0 : *cy1 >= g->ny ? g->ny - 1 : *cy1;
}

static void
pl_grid_add(struct pl_grid *g, const struct pl_box *b, size_t id)
{
	int cx0, cy0, cx1, cy1, x, y;

	pl_cells(g, b, &cx0, &cy0, &cx1, &cy1);
	for (y = cy0; y <= cy1; y++)
		for (x = cx0; x <= cx1; x++) {
			size_t c = (size_t)y * g->nx + x;

			if (g->n[c] == g->cap[c]) {
				g->cap[c] = g->cap[c] ? 2 * g->cap[c] : 4;
				g->v[c] = xreallocarray(g->v[c], g->cap[c],
				    sizeof(size_t));
			}
			g->v[c][g->n[c]++] = id;
		}
}

static int
pl_overlap(const struct pl_box *a, const struct pl_box *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 &&
	    b->y0 < a->y1;
}

/* Does box b overlap any box of "boxes" listed in g (except "self")? */
static int
pl_hits(const struct pl_grid *g, const struct pl_box *boxes,
    const struct pl_box *b, size_t self)
{
	int cx0, cy0, cx1, cy1, x, y;
	size_t i;

	pl_cells(g, b, &cx0, &cy0, &cx1, &cy1);
	for (y = cy0; y <= cy1; y++)
		for (x = cx0; x <= cx1; x++) {
			size_t c = (size_t)y * g->nx + x;

			for (i = 0; i < g->n[c]; i++)
				if (g->v[c][i] != self &&
				    pl_overlap(&boxes[g->v[c][i]], b))
					return 1;
		}
	return 0;
}

/* Candidate spot k (0..7) for a label w px wide at a point (x, y) of
 * radius r. */
static void
pl_spot(int k, double x, double y, double r, double w, struct pl_box *b)
{
	static const double dx[] = { 1, 1, 1, -1, -1, -1, 0, 0 };
	static const double dy[] = { 0, -1, 1, 0, -1, 1, -1, 1 };
	double gap = r + 2;

	if (dx[k] > 0)
		b->x0 = x + gap;
	else if (dx[k] < 0)
		b->x0 = x - gap - w;
	else
		b->x0 = x - w / 2;
	if (dy[k] == 0)
		b->y0 = y - PL_H / 2;
	else if (dy[k] < 0)
		b->y0 = y - (dx[k] != 0 ? r : gap) - PL_H;
	else
		b->y0 = y + (dx[k] != 0 ? r : gap);
	b->x1 = b->x0 + w;
	b->y1 = b->y0 + PL_H;
}

/*
 * Places the labels of all drawable points of all series (x, y through
 * the frame's scales, or the caller's pixel arrays px/py when not NULL,
 * numbered across the series) and draws them into D->plot. Records the
 * counts in the chart (labels_shown, labels_dropped).
 */
static void
labels_place_xy(struct draw *D, const struct frame *f, double r,
    const double *px, const double *py)
{
	struct chart *c = (struct chart *)D->c;	/* the counters only */
	struct pl_grid lg, pg;
	struct pl_box *lab = NULL, *pts;
	size_t npts = 0, nlab = 0, k, i, node, tot = 0;
	xmlNodePtr g;

	c->labels_shown = c->labels_dropped = 0;
	for (k = 0; k < c->nseries; k++)
		tot += c->series[k].n;
	pts = xcalloc(tot ? tot : 1, sizeof(struct pl_box));
	pl_grid_init(&lg, f);
	pl_grid_init(&pg, f);
	/* every point, as its circle's box; NaN points are far away */
	for (k = 0, node = 0; k < c->nseries; k++)
		for (i = 0; i < c->series[k].n; i++, node++) {
			double x = px ? px[node] : map_x(f, c->series[k].x[i]);
			double y = py ? py[node] : map_y(f, c->series[k].y[i]);

			if (!isfinite(x) || !isfinite(y)) {
				x = y = -1e9;
			}
			pts[node].x0 = x - r;
			pts[node].x1 = x + r;
			pts[node].y0 = y - r;
			pts[node].y1 = y + r;
			if (x > -1e8)
				pl_grid_add(&pg, &pts[node], node);
			npts++;
		}
	g = html_el(D->plot, "g", "vd-ptlabels");
	for (k = 0, node = 0; k < c->nseries; k++) {
		const struct chart_series *s = &c->series[k];

		for (i = 0; i < s->n; i++, node++) {
			const char *l = s->labels ? s->labels[i] : NULL;
			double x = (pts[node].x0 + pts[node].x1) / 2;
			double y = (pts[node].y0 + pts[node].y1) / 2, w;
			struct pl_box b;
			int spot = -1, pass, q;
			char *t;

			if (l == NULL || l[0] == '\0' || x < -1e8)
				continue;
			t = chart_text_clean(l, 20, NULL);
			w = (double)chart_text_width(t) * PL_CHARW + 2;
			for (pass = 0; pass < 2 && spot < 0; pass++)
				for (q = 0; q < 8; q++) {
					pl_spot(q, x, y, r, w, &b);
					if (b.x0 < f->x0 || b.x1 > f->x1 ||
					    b.y0 < f->y0 || b.y1 > f->y1)
						continue;
					if (pl_hits(&lg, lab, &b, (size_t)-1))
						continue;
					if (pass == 0 && pl_hits(&pg, pts, &b,
					    node))
						continue;
					spot = q;
					break;
				}
			if (spot < 0 || nlab >= MAX_MAPLABELS) {
				c->labels_dropped++;
				free(t);
				continue;
			}
			lab = xreallocarray(lab, nlab + 1, sizeof(*lab));
			lab[nlab] = b;
			pl_grid_add(&lg, &b, nlab);
			nlab++;
			text_el(g, "vd-ptlabel", b.x0 + 1, b.y1 - 2.5, "start",
			    t, 0);
			free(t);
			c->labels_shown++;
		}
	}
	(void)npts;
	pl_grid_free(&lg);
	pl_grid_free(&pg);
	free(lab);
	free(pts);
}

static void
labels_place(struct draw *D, const struct frame *f, double r)
{
	labels_place_xy(D, f, r, NULL, NULL);
}

/* ---- GRAPH ---- */

#define NEDGE_CLS	5	/* vd-edge-w0 .. w4, fainter to stronger */
#define MAX_EDGES	6000	/* strongest edges drawn; all in JSON/CSV */

static int
edge_cmp(const void *a, const void *b, void *arg)
{
	const double *w = arg;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (w[x] != w[y])
		return w[x] > w[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

static void
graph_draw(struct draw *D)
{
	const struct chart *c = D->c;
	struct frame f;
	size_t k, i, node, tot = 0, ndrawn = 0, e;
	double *px, *py, xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY;
	double yhi = -INFINITY, wlo = INFINITY, whi = -INFINITY, r, sx, sy;
	double side;
	size_t *order;
	long *deg;
	xmlNodePtr eg;

	memset(&f, 0, sizeof(f));
	for (k = 0; k < c->nseries; k++)
		tot += c->series[k].n;
	f.W = VB_W;
	f.x0 = 12;
	f.x1 = f.W - 12;
	f.y0 = legend_top(c, &f);
	px = xcalloc(tot ? tot : 1, sizeof(double));
	py = xcalloc(tot ? tot : 1, sizeof(double));
	deg = xcalloc(tot ? tot : 1, sizeof(long));
	for (k = 0; k < c->nseries; k++)
		for (i = 0; i < c->series[k].n; i++) {
			double x = c->series[k].x[i], y = c->series[k].y[i];

			if (!isfinite(x) || !isfinite(y))
				continue;
			xlo = fmin(xlo, x);
			xhi = fmax(xhi, x);
			ylo = fmin(ylo, y);
			yhi = fmax(yhi, y);
		}
	if (!(xlo <= xhi)) {
		xlo = ylo = -1;
		xhi = yhi = 1;
	}
	/* one scale for both axes (a layout has no preferred direction) */
	/* one scale for both axes (a layout has no preferred direction);
	 * the plot is as tall as the layout needs, at most 420 */
	side = fmax(xhi - xlo, 1e-12);
	sx = (f.x1 - f.x0 - 40) / side;
	if ((yhi - ylo) * sx > 380)
		sx = 380 / fmax(yhi - ylo, 1e-12);
	sy = sx;
	f.y1 = f.y0 + fmax(120, (yhi - ylo) * sy + 40);
	f.H = f.y1 + 12;
	legend_draw(D, &f, 0);
	plot_open(D, &f);
	for (k = 0, node = 0; k < c->nseries; k++)
		for (i = 0; i < c->series[k].n; i++, node++) {
			double x = c->series[k].x[i], y = c->series[k].y[i];

			px[node] = isfinite(x) ? (f.x0 + f.x1) / 2 + (x - (xlo +
			    xhi) / 2) * sx : NAN;
			py[node] = isfinite(y) ? (f.y0 + f.y1) / 2 - (y - (ylo +
			    yhi) / 2) * sy : NAN;
		}
	for (e = 0; e < c->nedges; e++) {
		wlo = fmin(wlo, c->edge_w[e]);
		whi = fmax(whi, c->edge_w[e]);
		if (c->edge_a[e] >= 0 && (size_t)c->edge_a[e] < tot &&
		    c->edge_b[e] >= 0 && (size_t)c->edge_b[e] < tot) {
			deg[c->edge_a[e]]++;
			deg[c->edge_b[e]]++;
		}
	}
	/* edges under the nodes, the strongest MAX_EDGES of them */
	order = xmalloc((c->nedges ? c->nedges : 1) * sizeof(size_t));
	for (e = 0; e < c->nedges; e++)
		order[e] = e;
	qsort_r(order, c->nedges, sizeof(size_t), edge_cmp, c->edge_w);
	eg = html_el(D->plot, "g", "vd-edges");
	html_attr(eg, "stroke", "currentColor");
	for (e = 0; e < c->nedges && ndrawn < MAX_EDGES; e++) {
		size_t q = order[e];
		long a = c->edge_a[q], b = c->edge_b[q];
		int cls;
		char cn[40];

		if (a < 0 || b < 0 || (size_t)a >= tot || (size_t)b >= tot ||
		    !isfinite(px[a]) || !isfinite(px[b]) ||
		    !isfinite(py[a]) || !isfinite(py[b]))
			continue;
		cls = whi > wlo ? (int)floor((c->edge_w[q] - wlo) / (whi - wlo) *
		    NEDGE_CLS) : NEDGE_CLS - 1;
		if (cls >= NEDGE_CLS)
			cls = NEDGE_CLS - 1;
		if (cls < 0)
			cls = 0;
		snprintf(cn, sizeof(cn), "vd-edge vd-edge-w%d", cls);
		line_el(eg, cn, px[a], py[a], px[b], py[b]);
		ndrawn++;
	}
	r = tot > 1000 ? 2.5 : 4;
	for (k = 0, node = 0; k < c->nseries; k++) {
		const struct chart_series *s = &c->series[k];
		xmlNodePtr g = html_el(D->plot, "g", NULL);
		char cls[64];

		html_attrf(g, "class", "vd-series vd-s%zu", k % NSERIES_CLS);
		series_class(cls, sizeof(cls), "vd-dot vd-node", k);
		for (i = 0; i < s->n; i++, node++) {
			xmlNodePtr p;
			struct buf t = BUF_INIT;

			if (!isfinite(px[node]) || !isfinite(py[node]))
				continue;
			p = html_el(g, "circle", cls);
			attr_num(p, "cx", px[node]);
			attr_num(p, "cy", py[node]);
			attr_num(p, "r", r);
			if (s->labels != NULL && s->labels[i] != NULL)
				buf_printf(&t, "%s · ", s->labels[i]);
			buf_printf(&t, "%s · %ld edge%s", s->name, deg[node],
			    deg[node] == 1 ? "" : "s");
			tip_add(p, buf_str(&t));
			buf_clear(&t);
		}
	}
	labels_place_xy(D, &f, r, px, py);
	if (tot == 0)
		empty_note(D, &f);
	else if (c->nedges == 0)
		text_el(D->svg, "vd-empty", (f.x0 + f.x1) / 2, f.y0 + 14,
		    "middle", "no edges at this threshold", 0);
	buf_printf(&D->d, "Graph of %zu node%s and %zu edge%s", tot,
	    tot == 1 ? "" : "s", c->nedges, c->nedges == 1 ? "" : "s");
	if (c->nseries > 1) {
		buf_printf(&D->d, " in %zu communities", c->nseries);
		desc_series_names(&D->d, c);
	}
	if (c->nedges == 0 && tot > 0)
		buf_puts(&D->d, "; no edges at this threshold");
	if (ndrawn < c->nedges)
		buf_printf(&D->d, "; the %zu strongest edges drawn", ndrawn);
	if (c->labels_dropped > 0)
		buf_printf(&D->d, "; %zu of %zu node labels shown (the others "
		    "would overlap; every label is in its node's tooltip)",
		    c->labels_shown, c->labels_shown + c->labels_dropped);
	buf_puts(&D->d, ".");
	free(order);
	free(px);
	free(py);
	free(deg);
	D->W = f.W;
	D->H = f.H;
}

/* ---- LINE and SCATTER ---- */

struct extent {
	double	 xlo, xhi, ylo, yhi;
	size_t	 n;		/* drawable points */
	size_t	 total;
};

static void
extent_get(struct draw *D, struct extent *e)
{
	const struct chart *c = D->c;
	size_t i, k;

	e->xlo = e->ylo = INFINITY;
	e->xhi = e->yhi = -INFINITY;
	e->n = e->total = 0;
	for (k = 0; k < c->nseries; k++) {
		const struct chart_series *s = &c->series[k];

		for (i = 0; i < s->n; i++) {
			int okx = val_ok(D, c->logx, s->x[i], 1);
			int oky = val_ok(D, c->logy, s->y[i], 1);

			e->total++;
			if (!okx || !oky)
				continue;
			e->n++;
			e->xlo = fmin(e->xlo, s->x[i]);
			e->xhi = fmax(e->xhi, s->x[i]);
			e->ylo = fmin(e->ylo, s->y[i]);
			e->yhi = fmax(e->yhi, s->y[i]);
		}
	}
}

static void
ticks_for(int log, double lo, double hi, int target, int expand,
    struct chart_ticks *t)
{
	if (log)
		chart_ticks_log(lo, hi, expand, t);
	else
		chart_ticks_linear(lo, hi, target, expand, t);
}

/* Tooltip of a point: "series · label: (x, y)". */
static void
point_tip(xmlNodePtr n, const struct chart *c, const struct chart_series *s,
    size_t i)
{
	struct buf t = BUF_INIT;
	char a[40], b[40];

	if (c->nseries > 1)
		buf_printf(&t, "%s · ", s->name);
	if (s->labels != NULL && s->labels[i] != NULL)
		buf_printf(&t, "%s: ", s->labels[i]);
	chart_fmt_value(s->x[i], a, sizeof(a));
	chart_fmt_value(s->y[i], b, sizeof(b));
	buf_printf(&t, "(%s, %s)", a, b);
	tip_add(n, buf_str(&t));
	buf_clear(&t);
}

static void
xy_draw(struct draw *D)
{
	const struct chart *c = D->c;
	int scatter = c->kind == CHART_SCATTER || c->kind == CHART_MAP;
	int ident = scatter && c->identity && c->logx == c->logy;
	struct frame f;
	struct extent e;
	size_t i, k, ns = c->nseries, nlab = 0, wantlab = 0;
	char cls[64];
	double r;

	memset(&f, 0, sizeof(f));
	extent_get(D, &e);
	if (e.n == 0) {
		e.xlo = e.ylo = c->logx ? 1 : 0;
		e.xhi = e.yhi = c->logx ? 10 : 1;
		if (c->logy != c->logx) {
			e.ylo = c->logy ? 1 : 0;
			e.yhi = c->logy ? 10 : 1;
		}
	}
	if (ident) {
		double lo = fmin(e.xlo, e.ylo), hi = fmax(e.xhi, e.yhi);

		if (c->ymin < c->ymax && (!c->logy || c->ymin > 0)) {
			lo = c->ymin;
			hi = c->ymax;
		}
		ticks_for(c->logx, lo, hi, 6, !(c->ymin < c->ymax), &f.tx);
		f.ty = f.tx;
	} else {
		ticks_for(c->logx, e.xlo, e.xhi, 7, 1, &f.tx);
		if (c->ymin < c->ymax && (!c->logy || c->ymin > 0))
			ticks_for(c->logy, c->ymin, c->ymax, 5, 0, &f.ty);
		else
			ticks_for(c->logy, e.ylo, e.yhi, 5, 1, &f.ty);
	}
	f.W = VB_W;
	f.x0 = left_margin(c, &f.ty);
	f.x1 = f.W - 24;
	if (ident) {
		f.x1 = f.x0 + PLOT_H;
		f.W = f.x1 + 24;
	}
	f.y0 = legend_top(c, &f);
	f.y1 = f.y0 + PLOT_H;
	f.H = f.y1 + (c->xlabel ? 46 : 26);
	axes_draw(D, &f, 1);
	legend_draw(D, &f, !scatter);
	plot_open(D, &f);
	if (!scatter && c->zero_line)
		hline_zero(D, &f);
	if (ident) {
		double lo = f.tx.log ? pow(10, f.tx.lo) : f.tx.lo;
		double hi = f.tx.log ? pow(10, f.tx.hi) : f.tx.hi;

		line_el(D->plot, "vd-identity", map_x(&f, lo), map_y(&f, lo),
		    map_x(&f, hi), map_y(&f, hi));
	}
	if (scatter && c->zero_line)
		hline_zero(D, &f);
	r = e.n > 1000 ? 2 : 3;
	for (k = 0; k < ns; k++) {
		const struct chart_series *s = &c->series[k];
		xmlNodePtr g = html_el(D->plot, "g", NULL);

		html_attrf(g, "class", "vd-series vd-s%zu", k % NSERIES_CLS);
		if (!scatter) {
			struct buf d = BUF_INIT;
			int up = 1;

			for (i = 0; i < s->n; i++) {
				if (!val_ok(D, c->logx, s->x[i], 0) ||
				    !val_ok(D, c->logy, s->y[i], 0)) {
					up = 1;
					continue;
				}
				buf_puts(&d, up ? (d.len ? " M" : "M") : " L");
				buf_coord(&d, map_x(&f, s->x[i]));
				buf_putc(&d, ',');
				buf_coord(&d, map_y(&f, s->y[i]));
				up = 0;
			}
			if (d.len > 0) {
				series_class(cls, sizeof(cls), "vd-line", k);
				html_attr(html_el(g, "path", cls), "d",
				    buf_str(&d));
			}
			buf_clear(&d);
			if (s->n > MAX_MARKERS)
				continue;
		}
		series_class(cls, sizeof(cls), scatter ? "vd-dot" : "vd-pt", k);
		for (i = 0; i < s->n; i++) {
			xmlNodePtr p;

			if (!val_ok(D, c->logx, s->x[i], 0) ||
			    !val_ok(D, c->logy, s->y[i], 0))
				continue;
			p = html_el(g, "circle", cls);
			attr_num(p, "cx", map_x(&f, s->x[i]));
			attr_num(p, "cy", map_y(&f, s->y[i]));
			attr_num(p, "r", scatter ? r : 2.5);
			point_tip(p, c, s, i);
		}
	}
	if (c->kind == CHART_MAP) {
		labels_place(D, &f, r);
		wantlab = c->labels_shown + c->labels_dropped;
		nlab = c->labels_shown;
	}
	/* Point labels last, above every point, at most MAX_PTLABELS. */
	for (k = 0; c->kind == CHART_SCATTER && k < ns; k++) {
		const struct chart_series *s = &c->series[k];

		for (i = 0; s->labels != NULL && i < s->n; i++) {
			if (s->labels[i] == NULL || s->labels[i][0] == '\0' ||
			    !val_ok(D, c->logx, s->x[i], 0) ||
			    !val_ok(D, c->logy, s->y[i], 0))
				continue;
			wantlab++;
			if (nlab >= MAX_PTLABELS)
				continue;
			text_el(D->plot, "vd-ptlabel", map_x(&f, s->x[i]) + 5,
			    map_y(&f, s->y[i]) - 5, "start", s->labels[i], 20);
			nlab++;
		}
	}
	if (e.n == 0)
		empty_note(D, &f);
	if (scatter)
		buf_printf(&D->d, "Scatter plot of %zu point%s", e.n,
		    e.n == 1 ? "" : "s");
	else
		buf_printf(&D->d, "Line chart of %zu point%s", e.n,
		    e.n == 1 ? "" : "s");
	if (ns > 1) {
		buf_printf(&D->d, " in %zu series", ns);
		desc_series_names(&D->d, c);
	}
	if (e.n > 0) {
		desc_range(&D->d, c->xlabel ? c->xlabel : "x", e.xlo, e.xhi);
		desc_range(&D->d, c->ylabel ? c->ylabel : "y", e.ylo, e.yhi);
	}
	if (c->logx || c->logy)
		buf_printf(&D->d, "; %s on a log scale", c->logx && c->logy ?
		    "both axes" : c->logx ? "x" : "y");
	if (ident)
		buf_puts(&D->d, "; dashed line y = x");
	if (wantlab > nlab)
		buf_printf(&D->d, "; %zu of %zu point labels shown%s", nlab,
		    wantlab, c->kind == CHART_MAP ? " (the others would "
		    "overlap; every label is in its point's tooltip)" : "");
	if (e.total > e.n && e.total - e.n > D->nonfinite + D->nonpos)
		buf_printf(&D->d, "; %zu point%s without a value",
		    e.total - e.n - D->nonfinite - D->nonpos,
		    e.total - e.n - D->nonfinite - D->nonpos == 1 ? "" : "s");
	buf_puts(&D->d, ".");
	D->W = f.W;
	D->H = f.H;
}

/* ---- HEATMAP ---- */

/* Value printed in a cell: 2 decimals for small magnitudes. */
static void
cell_fmt(double v, double maxabs, char *out, size_t outsz)
{
	if (maxabs < 10) {
		snprintf(out, outsz, "%.2f", v);
		if (out[0] == '-' && strtod(out, NULL) == 0)
			memmove(out, out + 1, strlen(out));
	} else
		chart_fmt_value(v, out, outsz);
}

static void
heatmap_draw(struct draw *D)
{
	const struct chart *c = D->c;
	size_t R = c->cells ? c->rows : 0, C = c->cells ? c->cols : 0;
	size_t i, j, nnan = 0, every_r, every_c, big;
	double cell, rlw = 0, clw = 0, ml, mt, vmin = c->vmin, vmax = c->vmax;
	double dlo = INFINITY, dhi = -INFINITY, maxabs = 0, lx, ly, lh, x, y;
	char tmp[96], cls[32], v[40];
	struct buf tt = BUF_INIT;
	int rot, ann;
	xmlNodePtr g, gl;

	for (i = 0; i < R * C; i++) {
		if (!val_ok(D, 0, c->cells[i], 1)) {
			nnan++;
			continue;
		}
		dlo = fmin(dlo, c->cells[i]);
		dhi = fmax(dhi, c->cells[i]);
	}
	if (!(vmin < vmax) || !isfinite(vmin) || !isfinite(vmax)) {
		vmin = dlo <= dhi ? dlo : 0;
		vmax = dlo <= dhi ? dhi : 1;
	}
	if (c->diverging) {
		double m = fmax(fabs(vmin), fabs(vmax));

		vmin = m > 0 ? -m : -1;
		vmax = m > 0 ? m : 1;
	}
	maxabs = fmax(fabs(vmin), fabs(vmax));
	big = R > C ? R : C;
	cell = big ? floor(480.0 / (double)big) : 40;
	cell = fmin(fmax(cell, 4), 40);
	for (i = 0; i < R; i++) {
		const char *l = c->rowlabels && c->rowlabels[i] ?
		    c->rowlabels[i] : "";

		rlw = fmax(rlw, fmin((double)chart_text_width(l), 18) * CHARW);
	}
	for (j = 0; j < C; j++) {
		const char *l = c->collabels && c->collabels[j] ?
		    c->collabels[j] : "";

		clw = fmax(clw, fmin((double)chart_text_width(l), 18) * CHARW);
	}
	every_r = cell >= 14 ? 1 : (size_t)ceil(14 / cell);
	every_c = every_r;
	rot = clw + 10 > cell;
	ann = c->annotate && cell >= 28;
	ml = rlw + 10 + (c->ylabel ? 22 : 0);
	mt = (rot ? clw * 0.71 + 14 : 22);
	D->W = ml + (double)C * cell + 16 + 12 + 8 +
	    fmax(fmax(chart_text_width("-0.00") * CHARW, 40), 0) + 40;
	lh = fmin(fmax((double)R * cell, 110), 240);
	D->H = mt + fmax((double)R * cell, lh) + (c->xlabel ? 36 : 12);
	g = html_el(D->svg, "g", "vd-cells");
	for (i = 0; i < R; i++)
		for (j = 0; j < C; j++) {
			double val = c->cells[i * C + j];
			int k = chart_value_class(val, vmin, vmax,
			    c->diverging);
			xmlNodePtr r;

			x = ml + (double)j * cell;
			y = mt + (double)i * cell;
			buf_reset(&tt);
			buf_printf(&tt, "%s × %s: ", c->rowlabels &&
			    c->rowlabels[i] ? c->rowlabels[i] : "",
			    c->collabels && c->collabels[j] ?
			    c->collabels[j] : "");
			if (k < 0) {
				r = rect_el(g, "vd-cell vd-nan-cell", x, y,
				    cell, cell);
				buf_puts(&tt, isnan(val) ? "no value" :
				    "not finite");
				tip_add(r, buf_str(&tt));
				if (cell >= 10)
					text_el(g, "vd-nan", x + cell / 2,
					    y + cell / 2 + 4, "middle", "×", 0);
				continue;
			}
			chart_class_name(c->diverging, k, cls, sizeof(cls));
			snprintf(tmp, sizeof(tmp), "vd-cell %s", cls);
			r = rect_el(g, tmp, x, y, cell, cell);
			chart_fmt_value(val, v, sizeof(v));
			buf_puts(&tt, v);
			tip_add(r, buf_str(&tt));
			if (ann) {
				cell_fmt(val, maxabs, v, sizeof(v));
				snprintf(tmp, sizeof(tmp), "vd-cell-val %s",
				    cls);
				text_el(g, tmp, x + cell / 2, y + cell / 2 + 4,
				    "middle", v, (size_t)(cell / 6));
			}
		}
	gl = html_el(D->svg, "g", "vd-heat-labels");
	for (i = 0; i < R; i += every_r)
		text_el(gl, "vd-tick", ml - 6, mt + ((double)i + 0.5) * cell + 4,
		    "end", c->rowlabels && c->rowlabels[i] ? c->rowlabels[i] :
		    "", 18);
	for (j = 0; j < C; j += every_c) {
		const char *l = c->collabels && c->collabels[j] ?
		    c->collabels[j] : "";

		x = ml + ((double)j + 0.5) * cell;
		if (rot) {
			xmlNodePtr t = text_el(gl, "vd-tick", x - 2, mt - 6,
			    "start", l, 18);

			rotate_attr(t, -45, x - 2, mt - 6);
		} else
			text_el(gl, "vd-tick", x, mt - 8, "middle", l, 18);
	}
	if (c->xlabel != NULL)
		text_el(D->svg, "vd-axis-title", ml + (double)C * cell / 2,
		    D->H - 10, "middle", c->xlabel, 60);
	if (c->ylabel != NULL) {
		xmlNodePtr t = text_el(D->svg, "vd-axis-title", 16,
		    mt + (double)R * cell / 2, "middle", c->ylabel, 40);

		rotate_attr(t, -90, 16, mt + (double)R * cell / 2);
	}
	/* Colour legend: CHART_NCLASS steps, high values on top. */
	lx = ml + (double)C * cell + 16;
	ly = mt;
	g = html_el(D->svg, "g", "vd-colorbar");
	for (i = 0; i < CHART_NCLASS; i++) {
		chart_class_name(c->diverging, (int)(CHART_NCLASS - 1 - i), cls,
		    sizeof(cls));
		rect_el(g, cls, lx, ly + (double)i * lh / CHART_NCLASS, 12,
		    lh / CHART_NCLASS);
	}
	rect_el(g, "vd-colorbar-frame", lx, ly, 12, lh);
	chart_fmt_value(vmax, v, sizeof(v));
	text_el(g, "vd-tick", lx + 16, ly + 9, "start", v, 0);
	chart_fmt_value(vmin, v, sizeof(v));
	text_el(g, "vd-tick", lx + 16, ly + lh, "start", v, 0);
	if (c->diverging)
		text_el(g, "vd-tick", lx + 16, ly + lh / 2 + 4, "start", "0", 0);
	buf_printf(&D->d, "Heatmap of %zu row%s × %zu column%s", R,
	    R == 1 ? "" : "s", C, C == 1 ? "" : "s");
	if (dlo <= dhi)
		desc_range(&D->d, "values", dlo, dhi);
	else
		buf_puts(&D->d, "; no data");
	{
		char a[40], b[40];

		chart_fmt_value(vmin, a, sizeof(a));
		chart_fmt_value(vmax, b, sizeof(b));
		buf_printf(&D->d, "; colour scale from %s to %s%s", a, b,
		    c->diverging ? ", diverging around 0" : "");
	}
	if (nnan > 0)
		buf_printf(&D->d, "; %zu cell%s without a value (marked ×)",
		    nnan, nnan == 1 ? "" : "s");
	if (every_r > 1)
		buf_printf(&D->d, "; every %zuth row and column labelled",
		    every_r);
	buf_puts(&D->d, ".");
	buf_clear(&tt);
}

/* ---- the figure ---- */

/* A newline before every element inside a container, so that the SVG
 * reads (and diffs) one element per line; never inside <text>. */
static void
lines_add(xmlNodePtr n)
{
	xmlNodePtr k, next;

	for (k = n->children; k != NULL; k = next) {
		next = k->next;
		if (k->type != XML_ELEMENT_NODE)
			continue;
		xmlAddPrevSibling(k, xmlNewText(BAD_CAST "\n"));
		if (strcmp((const char *)k->name, "g") == 0 ||
		    strcmp((const char *)k->name, "defs") == 0 ||
		    strcmp((const char *)k->name, "clipPath") == 0)
			lines_add(k);
	}
}

static const char *
kind_class(enum chart_kind k)
{
	switch (k) {
	case CHART_BAR:
		return "vd-chart vd-chart-bar";
	case CHART_HIST:
		return "vd-chart vd-chart-hist";
	case CHART_LINE:
		return "vd-chart vd-chart-line";
	case CHART_SCATTER:
		return "vd-chart vd-chart-scatter";
	case CHART_HEATMAP:
		return "vd-chart vd-chart-heatmap";
	case CHART_MAP:
		return "vd-chart vd-chart-scatter vd-chart-map";
	case CHART_GRAPH:
		return "vd-chart vd-chart-graph";
	}
	return "vd-chart";
}

/* The element id: c->id, or "vd-chart-" + name; only [A-Za-z0-9_-]. */
static void
chart_id(const struct chart *c, char *out, size_t outsz)
{
	char *p;

	if (c->id != NULL && c->id[0] != '\0')
		snprintf(out, outsz, "%s", c->id);
	else
		snprintf(out, outsz, "vd-chart-%s", c->name ? c->name : "");
	for (p = out; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			*p = '-';
	/* Ids never start with a digit or '-' (CSS selectors stay simple). */
	if (!((out[0] >= 'a' && out[0] <= 'z') || (out[0] >= 'A' &&
	    out[0] <= 'Z')) && strlen(out) + 3 < outsz) {
		memmove(out + 3, out, strlen(out) + 1);
		memcpy(out, "vd-", 3);
	}
}

void
chart_render(const struct chart *c, struct buf *out)
{
	struct draw D;
	xmlNodePtr fig, svg, title, desc;
	const char *ttl = c->title && c->title[0] ? c->title : c->name;
	char *t;

	memset(&D, 0, sizeof(D));
	D.c = c;
	chart_id(c, D.id, sizeof(D.id));
	fig = html_el(NULL, "figure", kind_class(c->kind));
	html_attr(fig, "id", D.id);
	svg = html_el(fig, "svg", "vd-chart-svg");
	xmlSetNs(svg, xmlNewNs(svg, BAD_CAST "http://www.w3.org/2000/svg",
	    NULL));
	D.svg = svg;
	t = chart_text_clean(ttl, 0, NULL);
	title = html_el_text(svg, "title", NULL, t);
	free(t);
	html_attrf(title, "id", "%s-title", D.id);
	desc = html_el(svg, "desc", NULL);
	html_attrf(desc, "id", "%s-desc", D.id);
	switch (c->kind) {
	case CHART_BAR:
		bar_draw(&D);
		break;
	case CHART_HIST:
		hist_draw(&D);
		break;
	case CHART_LINE:
	case CHART_SCATTER:
	case CHART_MAP:
		xy_draw(&D);
		break;
	case CHART_HEATMAP:
		heatmap_draw(&D);
		break;
	case CHART_GRAPH:
		graph_draw(&D);
		break;
	}
	if (c->desc != NULL && c->desc[0] != '\0') {
		/* The author's words replace the generated summary; the
		 * caveats about what could not be drawn stay. */
		buf_reset(&D.d);
		buf_puts(&D.d, c->desc);
	}
	if (D.nonfinite > 0)
		buf_printf(&D.d, " %zu infinite value%s drawn as missing.",
		    D.nonfinite, D.nonfinite == 1 ? "" : "s");
	if (D.nonpos > 0)
		buf_printf(&D.d, " %zu value%s ≤ 0 left off the log scale.",
		    D.nonpos, D.nonpos == 1 ? "" : "s");
	if (D.outside > 0)
		buf_printf(&D.d, " %zu value%s beyond the fixed range, cut "
		    "at its edge.", D.outside, D.outside == 1 ? "" : "s");
	t = chart_text_clean(buf_str(&D.d), 0, NULL);
	html_text(desc, t);
	free(t);
	html_attrf(svg, "viewBox", "0 0 %d %d", (int)ceil(D.W),
	    (int)ceil(D.H));
	html_attrf(svg, "width", "%d", (int)ceil(D.W));
	html_attrf(svg, "height", "%d", (int)ceil(D.H));
	lines_add(svg);
	xmlAddChild(svg, xmlNewText(BAD_CAST "\n"));
	html_attr(svg, "role", "img");
	html_attrf(svg, "aria-labelledby", "%s-title", D.id);
	html_attrf(svg, "aria-describedby", "%s-desc", D.id);
	if (c->title != NULL && c->title[0] != '\0') {
		t = chart_text_clean(c->title, 0, NULL);
		html_el_text(fig, "figcaption", NULL, t);
		free(t);
	}
	html_flush(fig, out);
	buf_putc(out, '\n');
	buf_clear(&D.d);
}
