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
#include "render/html.h"
#include "util/buf.h"
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


/* ---- drawing --------------------------------------------------------- */

#define W	640.0
#define H	360.0
#define NSER	8		/* series colour classes vd-s0 .. vd-s7 */

struct frame {
	double	 x0, x1, y0, y1;	/* data range (log10 of it on log axes) */
	double	 l, r, t, b;		/* plot area in pixels */
	int	 logx, logy;
};

static double
fx(const struct frame *f, double x)
{
	if (f->logx)
		x = log10(x);
	return f->l + (x - f->x0) / (f->x1 - f->x0) * (f->r - f->l);
}

static double
fy(const struct frame *f, double y)
{
	if (f->logy)
		y = log10(y);
	return f->b - (y - f->y0) / (f->y1 - f->y0) * (f->b - f->t);
}

/* A usable value: finite, and positive on a log axis. */
static int
ok(double v, int logaxis)
{
	return isfinite(v) && (!logaxis || v > 0);
}

/* The 1-2-5 step for about "want" intervals over span. */
static double
nice_step(double span, int want)
{
	double raw = span / want, mag = pow(10, floor(log10(raw))), f = raw / mag;

	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/* Decimals a tick label needs for step. */
static int
step_decimals(double step)
{
	int d = (int)-floor(log10(step) + 1e-9);

	return d < 0 ? 0 : d > 8 ? 8 : d;
}

static void
fmt_tick(char *out, size_t n, double v, int dec)
{
	if (fabs(v) < 1e-12)
		v = 0;
	fmt_fixed(out, n, v, dec);
}

/* Label of 10^e on a log axis: 1, 10, 100, 1k ... 100M, else 1e9. */
static void
fmt_pow10(char *out, size_t n, int e)
{
	static const char *const big[] = { "1", "10", "100", "1k", "10k",
	    "100k", "1M", "10M", "100M" };

	if (e >= 0 && e <= 8)
		snprintf(out, n, "%s", big[e]);
	else if (e < 0 && e >= -3)
		fmt_fixed(out, n, pow(10, e), -e);
	else
		snprintf(out, n, "1e%d", e);
}

static xmlNodePtr
el(xmlNodePtr parent, const char *tag, const char *cls)
{
	return html_el(parent, tag, cls);
}

static void
attr_num(xmlNodePtr n, const char *name, double v)
{
	char tmp[32];

	fmt_fixed(tmp, sizeof(tmp), fabs(v) < 0.005 ? 0 : v, 2);
	html_attr(n, name, tmp);
}

static xmlNodePtr
line(xmlNodePtr g, const char *cls, double x1, double y1, double x2,
    double y2)
{
	xmlNodePtr n = el(g, "line", cls);

	attr_num(n, "x1", x1);
	attr_num(n, "y1", y1);
	attr_num(n, "x2", x2);
	attr_num(n, "y2", y2);
	return n;
}

static xmlNodePtr
text(xmlNodePtr g, const char *cls, double x, double y, const char *anchor,
    const char *s)
{
	xmlNodePtr n = el(g, "text", cls);

	attr_num(n, "x", x);
	attr_num(n, "y", y);
	if (anchor)
		html_attr(n, "text-anchor", anchor);
	html_text(n, s);
	return n;
}

/* A label shortened to max characters (UTF-8 aware) with an ellipsis. */
static void
shorten(const char *s, size_t max, char *out, size_t outsz)
{
	size_t i = 0, chars = 0, o = 0;

	while (s[i] && chars < max) {
		size_t k = 1;

		while (s[i + k] && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k++;
		if (o + k + 4 >= outsz)
			break;
		memcpy(out + o, s + i, k);
		o += k;
		i += k;
		chars++;
	}
	if (s[i]) {
		memcpy(out + o, "…", 3);
		o += 3;
	}
	out[o] = '\0';
}

/* Data range of the series (x or y), over usable values. */
static void
range(const struct chart *c, int wantx, int logaxis, double *lo, double *hi)
{
	size_t i, k;

	*lo = INFINITY;
	*hi = -INFINITY;
	for (k = 0; k < c->nseries; k++) {
		const struct chart_series *s = &c->series[k];
		size_t n = wantx && c->kind == CHART_HIST ? s->n + 1 : s->n;
		const double *v = wantx ? s->x : s->y;

		for (i = 0; i < n; i++)
			if (ok(v[i], logaxis)) {
				*lo = v[i] < *lo ? v[i] : *lo;
				*hi = v[i] > *hi ? v[i] : *hi;
			}
	}
}

/* Widens [lo, hi] to nice bounds (linear) or whole decades (log). */
static void
nice_range(double *lo, double *hi, int logaxis, int zero)
{
	double step;

	if (!(*lo <= *hi)) {
		*lo = logaxis ? 1 : 0;
		*hi = logaxis ? 10 : 1;
	}
	if (logaxis) {
		*lo = floor(log10(*lo));
		*hi = ceil(log10(*hi));
		if (*hi <= *lo)
			*hi = *lo + 1;
		return;
	}
	if (zero) {
		if (*lo > 0)
			*lo = 0;
		if (*hi < 0)
			*hi = 0;
	}
	if (*hi - *lo < 1e-12) {
		double pad = fabs(*lo) > 0 ? fabs(*lo) * 0.1 : 1;

		*lo -= pad;
		*hi += pad;
	}
	step = nice_step(*hi - *lo, 5);
	*lo = floor(*lo / step + 1e-9) * step;
	*hi = ceil(*hi / step - 1e-9) * step;
}

static void
axis_y(xmlNodePtr g, const struct frame *f, const char *label)
{
	char tmp[48];
	double v, step;
	int dec, e;

	if (f->logy) {
		for (e = (int)f->y0; e <= (int)f->y1; e++) {
			double y = fy(f, pow(10, e));

			line(g, "vd-grid", f->l, y, f->r, y);
			fmt_pow10(tmp, sizeof(tmp), e);
			text(g, "vd-tick", f->l - 6, y + 4, "end", tmp);
		}
	} else {
		step = nice_step(f->y1 - f->y0, 5);
		dec = step_decimals(step);
		for (v = f->y0; v <= f->y1 + step * 1e-6; v += step) {
			double y = fy(f, v);

			line(g, "vd-grid", f->l, y, f->r, y);
			fmt_tick(tmp, sizeof(tmp), v, dec);
			text(g, "vd-tick", f->l - 6, y + 4, "end", tmp);
		}
	}
	if (label) {
		xmlNodePtr t = text(g, "vd-axis-label", 0, 0, "middle", label);
		char tr[64];

		snprintf(tr, sizeof(tr), "translate(14 %.2f) rotate(-90)",
		    (f->t + f->b) / 2);
		html_attr(t, "transform", tr);
		xmlUnsetProp(t, BAD_CAST "x");
		xmlUnsetProp(t, BAD_CAST "y");
	}
}

static void
axis_x(xmlNodePtr g, const struct frame *f, const char *label)
{
	char tmp[48];
	double v, step;
	int dec, e;

	if (f->logx) {
		for (e = (int)f->x0; e <= (int)f->x1; e++) {
			double x = fx(f, pow(10, e));

			line(g, "vd-grid", x, f->t, x, f->b);
			fmt_pow10(tmp, sizeof(tmp), e);
			text(g, "vd-tick", x, f->b + 16, "middle", tmp);
		}
	} else {
		step = nice_step(f->x1 - f->x0, 6);
		dec = step_decimals(step);
		for (v = f->x0; v <= f->x1 + step * 1e-6; v += step) {
			double x = fx(f, v);

			line(g, "vd-grid", x, f->t, x, f->b);
			fmt_tick(tmp, sizeof(tmp), v, dec);
			text(g, "vd-tick", x, f->b + 16, "middle", tmp);
		}
	}
	line(g, "vd-axis", f->l, f->b, f->r, f->b);
	if (label)
		text(g, "vd-axis-label", (f->l + f->r) / 2, H - 8, "middle",
		    label);
}

static void
legend(xmlNodePtr g, const struct chart *c, double x, double y)
{
	size_t k;
	char cls[32];

	if (c->nseries < 2)
		return;
	for (k = 0; k < c->nseries; k++) {
		xmlNodePtr r;
		char nm[48];

		snprintf(cls, sizeof(cls), "vd-key vd-s%zu", k % NSER);
		r = el(g, "rect", cls);
		attr_num(r, "x", x);
		attr_num(r, "y", y + 16.0 * (double)k - 9);
		html_attr(r, "width", "10");
		html_attr(r, "height", "10");
		shorten(c->series[k].name, 22, nm, sizeof(nm));
		text(g, "vd-legend", x + 14, y + 16.0 * (double)k, "start", nm);
	}
}

static void
draw_bar(xmlNodePtr svg, const struct chart *c, struct frame *f,
    struct buf *desc)
{
	const struct chart_series *s = c->nseries ? &c->series[0] : NULL;
	size_t n = s ? s->n : 0, i, every, nnan = 0, maxlab = 0;
	double lo, hi, bw;
	xmlNodePtr g;
	char tmp[64], lab[64];

	range(c, 0, 0, &lo, &hi);
	if (c->ymin < c->ymax) {
		lo = c->ymin;
		hi = c->ymax;
	}
	nice_range(&lo, &hi, 0, 1);
	f->y0 = lo;
	f->y1 = hi;
	for (i = 0; s && s->labels && i < n; i++)
		if (s->labels[i] && strlen(s->labels[i]) > maxlab)
			maxlab = strlen(s->labels[i]);
	if (n > 12 || maxlab > 6)
		f->b = H - 30 - (maxlab > 14 ? 14 : (double)maxlab) * 4.5 - 10;
	axis_y(el(svg, "g", "vd-axes"), f, c->ylabel);
	g = el(svg, "g", "vd-marks");
	bw = n ? (f->r - f->l) / (double)n : 0;
	every = n > 40 ? (n + 39) / 40 : 1;
	for (i = 0; i < n; i++) {
		double x = f->l + bw * (double)i, y0 = fy(f, 0 < lo ? lo : 0 > hi ?
		    hi : 0), y;
		const char *l = s->labels && s->labels[i] ? s->labels[i] : "";
		xmlNodePtr r, t;

		if (!isfinite(s->y[i])) {
			nnan++;
			t = text(g, "vd-nan", x + bw / 2, y0 - 3, "middle", "×");
			snprintf(tmp, sizeof(tmp), "no value");
			html_el_text(t, "title", NULL, l[0] ? l : tmp);
		} else {
			double v = s->y[i] < lo ? lo : s->y[i] > hi ? hi : s->y[i];

			y = fy(f, v);
			r = el(g, "rect", "vd-bar vd-s0");
			attr_num(r, "x", x + bw * 0.1);
			attr_num(r, "y", y < y0 ? y : y0);
			attr_num(r, "width", bw * 0.8 > 0.5 ? bw * 0.8 : 0.5);
			attr_num(r, "height", fabs(y0 - y));
			fmt_tick(tmp, sizeof(tmp), s->y[i], 4);
			{
				char tip[320];

				snprintf(tip, sizeof(tip), "%s: %s", l, tmp);
				html_el_text(r, "title", NULL, tip);
			}
		}
		if (i % every == 0 && l[0]) {
			double lx = x + bw / 2, ly = f->b + 12;

			shorten(l, 14, lab, sizeof(lab));
			if (n > 12 || maxlab > 6) {
				char tr[96];

				t = text(g, "vd-tick", 0, 0, "end", lab);
				xmlUnsetProp(t, BAD_CAST "x");
				xmlUnsetProp(t, BAD_CAST "y");
				snprintf(tr, sizeof(tr), "translate(%.2f %.2f) "
				    "rotate(-45)", lx + 3, ly);
				html_attr(t, "transform", tr);
			} else
				text(g, "vd-tick", lx, ly + 4, "middle", lab);
		}
	}
	if (lo < 0 && hi > 0)
		line(g, "vd-zero", f->l, fy(f, 0), f->r, fy(f, 0));
	line(g, "vd-axis", f->l, f->b, f->r, f->b);
	if (c->xlabel)
		text(el(svg, "g", "vd-axes"), "vd-axis-label", (f->l + f->r) / 2,
		    H - 6, "middle", c->xlabel);
	buf_printf(desc, "Bar chart of %zu values", n);
	if (nnan)
		buf_printf(desc, " (%zu without a value, marked ×)", nnan);
	buf_printf(desc, "; axis from %g to %g.", lo, hi);
}

static void
draw_xy(xmlNodePtr svg, const struct chart *c, struct frame *f,
    struct buf *desc)
{
	double xlo, xhi, ylo, yhi;
	size_t k, i, npts = 0, nbad = 0;
	xmlNodePtr g;
	char cls[48];
	int hist = c->kind == CHART_HIST, scatter = c->kind == CHART_SCATTER;

	range(c, 1, f->logx, &xlo, &xhi);
	range(c, 0, f->logy, &ylo, &yhi);
	if (c->ymin < c->ymax) {
		ylo = c->ymin;
		yhi = c->ymax;
	}
	if (scatter && c->identity && xlo <= xhi && ylo <= yhi) {
		xlo = ylo = xlo < ylo ? xlo : ylo;
		xhi = yhi = xhi > yhi ? xhi : yhi;
	}
	nice_range(&xlo, &xhi, f->logx, 0);
	nice_range(&ylo, &yhi, f->logy, hist || c->zero_line);
	f->x0 = xlo;
	f->x1 = xhi;
	f->y0 = ylo;
	f->y1 = yhi;
	if (c->nseries > 1)
		f->r = W - 130;
	g = el(svg, "g", "vd-axes");
	axis_y(g, f, c->ylabel);
	axis_x(g, f, c->xlabel);
	g = el(svg, "g", "vd-marks");
	if (scatter && c->identity) {
		double a = f->logx ? pow(10, xlo) : xlo, b = f->logx ?
		    pow(10, xhi) : xhi;

		line(g, "vd-identity", fx(f, a), fy(f, a), fx(f, b), fy(f, b));
	}
	if (c->zero_line && !f->logy && ylo < 0 && yhi > 0)
		line(g, "vd-zero", f->l, fy(f, 0), f->r, fy(f, 0));
	for (k = 0; k < c->nseries; k++) {
		const struct chart_series *s = &c->series[k];
		struct buf pts = BUF_INIT;
		xmlNodePtr sg;

		snprintf(cls, sizeof(cls), "vd-series vd-s%zu", k % NSER);
		sg = el(g, "g", cls);
		html_el_text(sg, "title", NULL, s->name);
		if (hist) {
			for (i = 0; i < s->n; i++) {
				double y;

				if (!ok(s->x[i], f->logx) || !ok(s->x[i + 1],
				    f->logx) || !isfinite(s->y[i])) {
					nbad++;
					continue;
				}
				y = fy(f, s->y[i] < ylo ? ylo : s->y[i]);
				buf_printf(&pts, "%s%.2f,%.2f %.2f,%.2f",
				    pts.len ? " " : "", fx(f, s->x[i]), y,
				    fx(f, s->x[i + 1]), y);
				npts++;
			}
			if (pts.len) {
				struct buf area = BUF_INIT;
				xmlNodePtr pl;

				buf_printf(&area, "%.2f,%.2f %s %.2f,%.2f",
				    fx(f, s->x[0]), f->b, buf_str(&pts),
				    fx(f, s->x[s->n]), f->b);
				pl = el(sg, "polygon", "vd-area");
				html_attr(pl, "points", buf_str(&area));
				pl = el(sg, "polyline", "vd-line");
				html_attr(pl, "points", buf_str(&pts));
				buf_clear(&area);
			}
			buf_clear(&pts);
			continue;
		}
		for (i = 0; i < s->n; i++) {
			double x, y;

			if (!ok(s->x[i], f->logx) || !ok(s->y[i], f->logy)) {
				nbad++;
				if (!scatter && pts.len) {
					html_attr(el(sg, "polyline", "vd-line"),
					    "points", buf_str(&pts));
					buf_reset(&pts);
				}
				continue;
			}
			x = fx(f, s->x[i]);
			y = fy(f, s->y[i]);
			npts++;
			if (!scatter)
				buf_printf(&pts, "%s%.2f,%.2f", pts.len ? " " :
				    "", x, y);
			{
				xmlNodePtr dot = el(sg, "circle", "vd-dot");
				char tip[256], a[32], b[32];

				attr_num(dot, "cx", x);
				attr_num(dot, "cy", y);
				html_attr(dot, "r", scatter ? "3" : "2.5");
				fmt_tick(a, sizeof(a), s->x[i], 4);
				fmt_tick(b, sizeof(b), s->y[i], 4);
				snprintf(tip, sizeof(tip), "%s%s(%s, %s)",
				    s->labels && s->labels[i] ? s->labels[i] :
				    "", s->labels && s->labels[i] ? " " : "",
				    a, b);
				html_el_text(dot, "title", NULL, tip);
			}
			if (scatter && s->labels && s->labels[i] && s->n <= 60) {
				char lab[64];

				shorten(s->labels[i], 16, lab, sizeof(lab));
				text(sg, "vd-point-label", x + 5, y - 4, "start",
				    lab);
			}
		}
		if (!scatter && pts.len)
			html_attr(el(sg, "polyline", "vd-line"), "points",
			    buf_str(&pts));
		buf_clear(&pts);
	}
	legend(el(svg, "g", "vd-legend-box"), c, W - 120, f->t + 10);
	buf_printf(desc, "%s with %zu series and %zu %s", hist ? "Histogram" :
	    scatter ? "Scatter plot" : "Line chart", c->nseries, npts,
	    hist ? "bins" : "points");
	if (nbad)
		buf_printf(desc, " (%zu values left out: not finite%s)", nbad,
		    f->logx || f->logy ? " or not positive on a log axis" : "");
	buf_printf(desc, "; x from %s%g to %s%g, y from %s%g to %s%g.",
	    f->logx ? "10^" : "", xlo, f->logx ? "10^" : "", xhi,
	    f->logy ? "10^" : "", ylo, f->logy ? "10^" : "", yhi);
}

static void
draw_heatmap(xmlNodePtr svg, const struct chart *c, double *w, double *h,
    struct buf *desc)
{
	size_t i, j, maxl = 0, nnan = 0;
	double cell, left, top, lo = c->vmin, hi = c->vmax, m;
	xmlNodePtr g = el(svg, "g", "vd-marks"), lg;
	char lab[64], cls[48], tmp[32];

	for (i = 0; i < c->rows; i++)
		if (c->rowlabels[i] && strlen(c->rowlabels[i]) > maxl)
			maxl = strlen(c->rowlabels[i]);
	for (j = 0; j < c->cols; j++)
		if (c->collabels[j] && strlen(c->collabels[j]) > maxl)
			maxl = strlen(c->collabels[j]);
	if (maxl > 16)
		maxl = 16;
	cell = c->cols ? 480.0 / (double)(c->cols > c->rows ? c->cols :
	    c->rows) : 20;
	cell = cell < 14 ? 14 : cell > 44 ? 44 : cell;
	left = 12 + 7.0 * (double)maxl;
	top = 12 + 5.5 * (double)maxl;
	*w = left + cell * (double)c->cols + 90;
	*h = top + cell * (double)c->rows + 20;
	if (!(lo < hi)) {
		lo = INFINITY;
		hi = -INFINITY;
		for (i = 0; i < c->rows * c->cols; i++)
			if (isfinite(c->cells[i])) {
				lo = c->cells[i] < lo ? c->cells[i] : lo;
				hi = c->cells[i] > hi ? c->cells[i] : hi;
			}
		if (!(lo < hi)) {
			lo = isfinite(lo) ? lo - 1 : 0;
			hi = isfinite(hi) ? hi + 1 : 1;
		}
	}
	m = fabs(lo) > fabs(hi) ? fabs(lo) : fabs(hi);
	for (i = 0; i < c->rows; i++) {
		shorten(c->rowlabels[i] ? c->rowlabels[i] : "", 16, lab,
		    sizeof(lab));
		text(g, "vd-tick", left - 5, top + cell * ((double)i + 0.5) + 4,
		    "end", lab);
		for (j = 0; j < c->cols; j++) {
			double v = c->cells[i * c->cols + j], t;
			int k;
			xmlNodePtr r;
			char tip[320];

			t = c->diverging ? 0.5 + v / (2 * (m > 0 ? m : 1)) :
			    (v - lo) / (hi - lo);
			k = isfinite(v) ? chart_class(t) : -1;
			if (k < 0) {
				nnan++;
				snprintf(cls, sizeof(cls), "vd-cell vd-cell-nan");
			} else {
				char pc[24];

				chart_class_name(c->diverging, k, pc, sizeof(pc));
				snprintf(cls, sizeof(cls), "vd-cell %s", pc);
			}
			r = el(g, "rect", cls);
			attr_num(r, "x", left + cell * (double)j);
			attr_num(r, "y", top + cell * (double)i);
			attr_num(r, "width", cell);
			attr_num(r, "height", cell);
			if (isfinite(v))
				fmt_fixed(tmp, sizeof(tmp), v, 3);
			else
				snprintf(tmp, sizeof(tmp), "no value");
			snprintf(tip, sizeof(tip), "%s × %s: %s",
			    c->rowlabels[i] ? c->rowlabels[i] : "",
			    c->collabels[j] ? c->collabels[j] : "", tmp);
			html_el_text(r, "title", NULL, tip);
			if (c->annotate && isfinite(v) && cell >= 24) {
				/* white text where it contrasts better
				 * (the theme's palette classes agree) */
				int dark = c->diverging ? (k <= 1 || k >= 9) :
				    k <= 4;

				fmt_fixed(tmp, sizeof(tmp), v, 2);
				text(g, dark ? "vd-cell-text vd-on-dark" :
				    "vd-cell-text", left + cell * ((double)j +
				    0.5), top + cell * ((double)i + 0.5) + 4,
				    "middle", tmp);
			}
		}
	}
	for (j = 0; j < c->cols; j++) {
		xmlNodePtr t;
		char tr[96];

		shorten(c->collabels[j] ? c->collabels[j] : "", 16, lab,
		    sizeof(lab));
		t = text(g, "vd-tick", 0, 0, "start", lab);
		xmlUnsetProp(t, BAD_CAST "x");
		xmlUnsetProp(t, BAD_CAST "y");
		snprintf(tr, sizeof(tr), "translate(%.2f %.2f) rotate(-45)",
		    left + cell * ((double)j + 0.5), top - 6);
		html_attr(t, "transform", tr);
	}
	/* colour legend: CHART_NCLASS swatches, low at the bottom */
	lg = el(svg, "g", "vd-colorkey");
	for (i = 0; i < CHART_NCLASS; i++) {
		xmlNodePtr r;
		double sh = cell * (double)c->rows / CHART_NCLASS;
		char pc[24];

		chart_class_name(c->diverging, (int)(CHART_NCLASS - 1 - i), pc,
		    sizeof(pc));
		snprintf(cls, sizeof(cls), "vd-cell %s", pc);
		r = el(lg, "rect", cls);
		attr_num(r, "x", *w - 70);
		attr_num(r, "y", top + sh * (double)i);
		html_attr(r, "width", "14");
		attr_num(r, "height", sh + 0.5);
	}
	fmt_fixed(tmp, sizeof(tmp), c->diverging ? m : hi, 2);
	text(lg, "vd-tick", *w - 50, top + 8, "start", tmp);
	fmt_fixed(tmp, sizeof(tmp), c->diverging ? -m : lo, 2);
	text(lg, "vd-tick", *w - 50, top + cell * (double)c->rows, "start",
	    tmp);
	buf_printf(desc, "Heatmap of %zu × %zu values", c->rows, c->cols);
	if (nnan)
		buf_printf(desc, " (%zu without a value)", nnan);
	buf_printf(desc, ", colour scale from %g to %g.", c->diverging ? -m :
	    lo, c->diverging ? m : hi);
}

/* Element id: "vd-chart-" + the name with unsafe characters as '-'. */
static void
chart_id(const struct chart *c, char *out, size_t n)
{
	size_t i, o = (size_t)snprintf(out, n, "vd-chart-");

	for (i = 0; c->name[i] && o + 1 < n; i++) {
		unsigned char ch = (unsigned char)c->name[i];

		out[o++] = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ?
		    (char)ch : '-';
	}
	out[o] = '\0';
}

void
chart_render(const struct chart *c, struct buf *out)
{
	static const char *const kinds[] = { "bar", "hist", "line", "scatter",
	    "heatmap" };
	xmlNodePtr fig, svg, t;
	struct frame f;
	struct buf desc = BUF_INIT;
	double w = W, h = H;
	char id[128], tid[160], did[160], vb[64];

	chart_id(c, id, sizeof(id));
	snprintf(tid, sizeof(tid), "%s-t", id);
	snprintf(did, sizeof(did), "%s-d", id);
	fig = html_el(NULL, "figure", NULL);
	html_attrf(fig, "class", "vd-chart vd-chart-%s", kinds[c->kind]);
	html_attr(fig, "id", id);
	svg = html_el(fig, "svg", "vd-svg");
	html_attr(svg, "xmlns", "http://www.w3.org/2000/svg");
	html_attr(svg, "role", "img");
	html_attrf(svg, "aria-labelledby", "%s %s", tid, did);
	t = html_el_text(svg, "title", NULL, c->title);
	html_attr(t, "id", tid);
	t = html_el(svg, "desc", NULL);
	html_attr(t, "id", did);
	memset(&f, 0, sizeof(f));
	f.l = 64;
	f.r = W - 16;
	f.t = 14;
	f.b = H - 46;
	f.logx = c->logx && c->kind != CHART_BAR && c->kind != CHART_HEATMAP;
	f.logy = c->logy && c->kind != CHART_BAR && c->kind != CHART_HEATMAP;
	switch (c->kind) {
	case CHART_BAR:
		draw_bar(svg, c, &f, &desc);
		break;
	case CHART_HEATMAP:
		draw_heatmap(svg, c, &w, &h, &desc);
		break;
	default:
		draw_xy(svg, c, &f, &desc);
		break;
	}
	html_text(t, c->desc ? c->desc : buf_str(&desc));
	snprintf(vb, sizeof(vb), "0 0 %.0f %.0f", w, h);
	html_attr(svg, "viewBox", vb);
	html_attrf(svg, "style", "max-width:%.0fpx", w);
	if (c->title && c->title[0])
		html_el_text(fig, "figcaption", NULL, c->title);
	html_flush(fig, out);
	buf_putc(out, '\n');
	buf_clear(&desc);
}

static void
json_nums(struct jw *w, const char *key, const double *v, size_t n)
{
	size_t i;

	jw_key(w, key);
	jw_arr_begin(w);
	for (i = 0; i < n; i++)
		jw_num(w, v[i]);
	jw_arr_end(w);
}

static void
json_strs(struct jw *w, const char *key, char *const *v, size_t n)
{
	size_t i;

	jw_key(w, key);
	jw_arr_begin(w);
	for (i = 0; i < n; i++)
		if (v && v[i])
			jw_str(w, v[i]);
		else
			jw_null(w);
	jw_arr_end(w);
}

void
chart_json(const struct chart *c, struct jw *w)
{
	static const char *const kinds[] = { "bar", "hist", "line", "scatter",
	    "heatmap" };
	size_t k;

	jw_obj_begin(w);
	jw_key(w, "kind");
	jw_str(w, kinds[c->kind]);
	jw_key(w, "name");
	jw_str(w, c->name);
	jw_key(w, "title");
	jw_str(w, c->title);
	if (c->xlabel) {
		jw_key(w, "xlabel");
		jw_str(w, c->xlabel);
	}
	if (c->ylabel) {
		jw_key(w, "ylabel");
		jw_str(w, c->ylabel);
	}
	if (c->logx) {
		jw_key(w, "logx");
		jw_bool(w, 1);
	}
	if (c->logy) {
		jw_key(w, "logy");
		jw_bool(w, 1);
	}
	if (c->kind == CHART_HEATMAP) {
		jw_key(w, "rows");
		jw_int(w, (long long)c->rows);
		jw_key(w, "cols");
		jw_int(w, (long long)c->cols);
		json_strs(w, "rowlabels", c->rowlabels, c->rows);
		json_strs(w, "collabels", c->collabels, c->cols);
		json_nums(w, "cells", c->cells, c->rows * c->cols);
		jw_key(w, "diverging");
		jw_bool(w, c->diverging);
	} else {
		jw_key(w, "series");
		jw_arr_begin(w);
		for (k = 0; k < c->nseries; k++) {
			const struct chart_series *s = &c->series[k];

			jw_obj_begin(w);
			jw_key(w, "name");
			jw_str(w, s->name);
			if (s->labels)
				json_strs(w, "labels", s->labels, s->n);
			if (c->kind != CHART_BAR)
				json_nums(w, "x", s->x, c->kind == CHART_HIST ?
				    s->n + 1 : s->n);
			json_nums(w, "y", s->y, s->n);
			jw_obj_end(w);
		}
		jw_arr_end(w);
	}
	jw_obj_end(w);
}
