/*
 * render/chart_axis: nice ticks, number formatting and label measuring.
 * Reads axis ranges and label strings; produces ticks and short text.
 * Never depends on the locale (the C locale is never changed) and never
 * lets a NaN or infinity reach a coordinate.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "render/chart_axis.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* Beyond this magnitude the span of a range may overflow a double. */
#define BIG	1e300

/* Trims trailing zeros (and a bare '.') of a fixed-point number and a
 * "-0" that rounding left. */
static void
trim_zeros(char *s)
{
	char *dot = strchr(s, '.'), *end;

	if (dot != NULL) {
		end = s + strlen(s);
		while (end > dot + 1 && end[-1] == '0')
			*--end = '\0';
		if (end == dot + 1)
			*dot = '\0';
	}
	if (strcmp(s, "-0") == 0)
		memmove(s, s + 1, 2);
}

/* Fixed-point with prec decimals, no "-0". */
static void
fixed(char *out, size_t outsz, double v, int prec)
{
	snprintf(out, outsz, "%.*f", prec, v);
	if (out[0] == '-' && strtod(out, NULL) == 0)
		memmove(out, out + 1, strlen(out));
}

/* Ticks k0..k1, capped (a double too large for an int is no UB here). */
static int
ticks_count(double k0, double k1)
{
	double n = k1 - k0 + 1;

	if (!(n > 0))
		return 0;
	return n > CHART_MAXTICKS ? CHART_MAXTICKS : (int)n;
}

void
chart_ticks_linear(double lo, double hi, int target, int expand,
    struct chart_ticks *t)
{
	double raw, p10, f, k0, k1, m = 1, step, span, maxabs;
	int e, i, j, n;

	memset(t, 0, sizeof(*t));
	if (target < 2)
		target = 2;
	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	if (lo > hi) {
		double tmp = lo;

		lo = hi;
		hi = tmp;
	}
	if (lo < -BIG)
		lo = -BIG;
	if (hi > BIG)
		hi = BIG;
	if (hi - lo <= fabs(hi) * 1e-12 || hi - lo <= fabs(lo) * 1e-12 ||
	    hi - lo < 1e-300) {
		double pad = lo == 0 ? 1 : fabs(lo) * 0.1;

		lo -= pad;
		hi += pad;
	}
	span = hi - lo;
	raw = span / target;
	e = (int)floor(log10(raw));
	p10 = pow(10, e);
	f = raw / p10;
	/* The nearest of 1, 2, 5, 10 (thresholds near the geometric
	 * means), as matplotlib's MaxNLocator roughly does. */
	m = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
	for (j = 0; j < 8; j++) {
		if (m >= 10) {
			m = 1;
			e++;
			p10 = pow(10, e);
		}
		step = m * p10;
		if (expand) {
			k0 = floor(lo / step + 1e-9);
			k1 = ceil(hi / step - 1e-9);
		} else {
			k0 = ceil(lo / step - 1e-9);
			k1 = floor(hi / step + 1e-9);
		}
		if (k1 - k0 + 1 <= CHART_MAXTICKS)
			break;
		m = m == 1 ? 2 : m == 2 ? 5 : 10;
	}
	step = m * p10;
	n = ticks_count(k0, k1);
	for (i = 0; i < n; i++) {
		/* Exact decimal steps: k * m / 10^-e rather than k * 0.1. */
		t->v[i] = e < 0 && e > -300 ? (k0 + i) * m / pow(10, -e) :
		    (k0 + i) * step;
	}
	t->n = n;
	t->step = step;
	t->e = e;
	if (expand && n >= 2) {
		t->lo = t->v[0];
		t->hi = t->v[n - 1];
	} else {
		t->lo = lo;
		t->hi = hi;
	}
	maxabs = fmax(fabs(t->lo), fabs(t->hi));
	if (maxabs >= 1e6 || (maxabs > 0 && maxabs < 1e-3))
		t->expo = (int)floor(log10(maxabs) + 1e-9);
}

void
chart_ticks_log(double lo, double hi, int expand, struct chart_ticks *t)
{
	static const double ds[] = { 1, 2, 5, 10, 20, 50, 100 };
	double a, b, d = 1, k0, k1;
	int i, n;

	memset(t, 0, sizeof(*t));
	t->log = 1;
	if (!(lo > 0) || !(hi > 0) || !isfinite(lo) || !isfinite(hi)) {
		lo = 1;
		hi = 10;
	}
	if (lo > hi) {
		double tmp = lo;

		lo = hi;
		hi = tmp;
	}
	a = log10(lo);
	b = log10(hi);
	if (b - a < 1e-9) {
		a -= 0.5;
		b += 0.5;
	}
	for (i = 0; i < 7; i++) {
		d = ds[i];
		if (expand) {
			k0 = floor(a / d + 1e-9);
			k1 = ceil(b / d - 1e-9);
		} else {
			k0 = ceil(a / d - 1e-9);
			k1 = floor(b / d + 1e-9);
		}
		if (k1 - k0 + 1 <= 11)
			break;
	}
	n = ticks_count(k0, k1);
	for (i = 0; i < n; i++)
		t->v[i] = (k0 + i) * d;
	t->n = n;
	t->step = d;
	if (expand) {
		t->lo = k0 * d;
		t->hi = k1 * d;
		if (t->hi <= t->lo)
			t->hi = t->lo + d;
	} else {
		t->lo = a;
		t->hi = b;
	}
	t->sup = 0;
	for (i = 0; i < n; i++)
		if (t->v[i] < -2 || t->v[i] > 3)
			t->sup = 1;
}

void
chart_tick_label(const struct chart_ticks *t, int i, char *out,
    size_t outsz)
{
	double v;
	int prec;

	if (i < 0 || i >= t->n) {
		snprintf(out, outsz, "?");
		return;
	}
	v = t->v[i];
	if (t->log) {
		int k = (int)lround(v);

		if (t->sup)
			snprintf(out, outsz, "10^%d", k);
		else
			fixed(out, outsz, pow(10, k), k < 0 ? -k : 0);
		return;
	}
	if (t->expo != 0) {
		if (v == 0) {
			snprintf(out, outsz, "0");
			return;
		}
		prec = t->expo - t->e;
		if (prec < 0)
			prec = 0;
		if (prec > 15)
			prec = 15;
		fixed(out, outsz, v / pow(10, t->expo), prec);
		snprintf(out + strlen(out), outsz - strlen(out), "×10^%d",
		    t->expo);
		return;
	}
	prec = t->e < 0 ? -t->e : 0;
	fixed(out, outsz, v, prec);
}

void
chart_fmt_value(double v, char *out, size_t outsz)
{
	double a = fabs(v);
	int mag, prec;

	if (isnan(v)) {
		snprintf(out, outsz, "NaN");
		return;
	}
	if (isinf(v)) {
		snprintf(out, outsz, v > 0 ? "inf" : "-inf");
		return;
	}
	if (v == 0) {
		snprintf(out, outsz, "0");
		return;
	}
	if (a >= 1e-3 && a < 1e7) {
		mag = (int)floor(log10(a));
		prec = 3 - mag;
		if (prec < 0)
			prec = 0;
		snprintf(out, outsz, "%.*f", prec, v);
		trim_zeros(out);
		return;
	}
	{
		char m[40], *ep;
		int ex;

		snprintf(m, sizeof(m), "%.3e", v);
		ep = strchr(m, 'e');
		if (ep == NULL) {
			snprintf(out, outsz, "%s", m);
			return;
		}
		ex = atoi(ep + 1);
		*ep = '\0';
		trim_zeros(m);
		snprintf(out, outsz, "%se%d", m, ex);
	}
}

void
chart_fmt_coord(double v, char *out, size_t outsz)
{
	if (!isfinite(v))
		v = 0;
	if (v > 1e6)
		v = 1e6;
	if (v < -1e6)
		v = -1e6;
	snprintf(out, outsz, "%.2f", v);
	trim_zeros(out);
}

size_t
chart_text_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s), k;
	utf8proc_int32_t cp;
	size_t w = 0;
	int cw;

	while (len > 0) {
		k = utf8proc_iterate(p, len, &cp);
		if (k <= 0) {
			k = 1;
			cp = 0xFFFD;
		}
		cw = utf8proc_charwidth(cp);
		w += cw > 0 ? (size_t)cw : 0;
		p += k;
		len -= k;
	}
	return w;
}

/* Can this code point appear in XML 1.0 text? */
static int
xml_char(utf8proc_int32_t cp)
{
	if (cp == 0x9 || cp == 0xA || cp == 0xD)
		return 1;
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 0;
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp == 0xFFFE || cp == 0xFFFF || cp > 0x10FFFF)
		return 0;
	return 1;
}

char *
chart_text_clean(const char *s, size_t maxcols, int *cut)
{
	struct buf b = BUF_INIT;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
	utf8proc_ssize_t len = (utf8proc_ssize_t)strlen((const char *)p), k;
	utf8proc_int32_t cp;
	utf8proc_uint8_t enc[4];
	size_t w = 0, total;
	int cw;

	if (cut != NULL)
		*cut = 0;
	total = maxcols > 0 ? chart_text_width((const char *)p) : 0;
	buf_puts(&b, "");
	while (len > 0) {
		k = utf8proc_iterate(p, len, &cp);
		if (k <= 0) {
			k = 1;
			cp = 0xFFFD;
		} else if (cp == 0x9 || cp == 0xA || cp == 0xD)
			cp = ' ';
		else if (!xml_char(cp))
			cp = 0xFFFD;
		cw = utf8proc_charwidth(cp);
		if (cw < 0)
			cw = 0;
		if (maxcols > 0 && total > maxcols &&
		    w + (size_t)cw + 1 > maxcols) {
			buf_puts(&b, "…");
			if (cut != NULL)
				*cut = 1;
			break;
		}
		w += (size_t)cw;
		buf_put(&b, enc, (size_t)utf8proc_encode_char(cp, enc));
		p += k;
		len -= k;
	}
	return buf_detach(&b);
}
