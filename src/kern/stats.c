/*
 * kern/stats: mean, variance, average ranks, Pearson and Spearman with
 * p-values, histogram. Reads caller arrays; writes caller outputs.
 * Never prints or keeps state.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kern/stats.h"
#include "util/xalloc.h"

double
stats_mean(const double *x, size_t n)
{
	double s = 0.0, m;
	size_t i;

	if (n == 0)
		return NAN;
	for (i = 0; i < n; i++)
		s += x[i];
	m = s / (double)n;
	/* second pass corrects the rounding of the first */
	s = 0.0;
	for (i = 0; i < n; i++)
		s += x[i] - m;
	return m + s / (double)n;
}

double
stats_var(const double *x, size_t n, int ddof)
{
	double m, s = 0.0;
	size_t i;

	if (ddof < 0 || n <= (size_t)ddof)
		return NAN;
	m = stats_mean(x, n);
	for (i = 0; i < n; i++)
		s += (x[i] - m) * (x[i] - m);
	return s / (double)(n - (size_t)ddof);
}

/* qsort has no context argument: sort (value, index) pairs instead. */
struct vi {
	double	 v;
	size_t	 i;
};

static int
vi_cmp(const void *a, const void *b)
{
	const struct vi *x = a, *y = b;
	int nx = isnan(x->v), ny = isnan(y->v);

	if (nx || ny) {
		if (nx != ny)
			return nx - ny;
	} else if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

void
stats_rank(const double *x, size_t n, double *out)
{
	struct vi *v;
	size_t i, j, t;

	if (n == 0)
		return;
	v = xmalloc(n * sizeof(*v));
	for (i = 0; i < n; i++) {
		v[i].v = x[i];
		v[i].i = i;
	}
	qsort(v, n, sizeof(*v), vi_cmp);
	for (i = 0; i < n; i = j) {
		double r;

		for (j = i + 1; j < n; j++) {
			if (isnan(v[i].v) && isnan(v[j].v))
				continue;
			if (v[j].v != v[i].v)
				break;
		}
		/* positions i..j-1 hold ranks i+1..j: average (i+1+j)/2 */
		r = ((double)(i + 1) + (double)j) / 2.0;
		for (t = i; t < j; t++)
			out[v[t].i] = r;
	}
	free(v);
}

double
stats_pearson(const double *x, const double *y, size_t n, double *p)
{
	double mx, my, sxy = 0.0, sxx = 0.0, syy = 0.0, r;
	size_t i;

	if (p != NULL)
		*p = NAN;
	if (n < 2)
		return NAN;
	mx = stats_mean(x, n);
	my = stats_mean(y, n);
	for (i = 0; i < n; i++) {
		double dx = x[i] - mx, dy = y[i] - my;

		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	if (sxx == 0.0 || syy == 0.0)
		return NAN;
	r = sxy / (sqrt(sxx) * sqrt(syy));
	/* rounding can push |r| a hair past 1 */
	if (r > 1.0)
		r = 1.0;
	if (r < -1.0)
		r = -1.0;
	if (p != NULL) {
		if (n == 2)
			*p = 1.0;
		else if (fabs(r) == 1.0)
			*p = 0.0;
		else
			*p = stats_t_pvalue(r * sqrt((double)(n - 2) / (1.0 - r * r)),
			    (double)(n - 2));
	}
	return r;
}

double
stats_spearman(const double *x, const double *y, size_t n, double *p)
{
	double *rx, *ry, r;

	if (p != NULL)
		*p = NAN;
	if (n < 2)
		return NAN;
	rx = xmalloc(n * sizeof(double));
	ry = xmalloc(n * sizeof(double));
	stats_rank(x, n, rx);
	stats_rank(y, n, ry);
	r = stats_pearson(rx, ry, n, p);
	free(rx);
	free(ry);
	return r;
}

/* Sort helper for tau-a: indices by (x, y). */
struct xy {
	double	 x, y;
};

static int
xy_cmp(const void *a, const void *b)
{
	const struct xy *p = a, *q = b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	if (p->y != q->y)
		return p->y < q->y ? -1 : 1;
	return 0;
}

/* Merge sort of v[0..n) counting strict inversions (v[i] > v[j], i < j). */
static double
inversions(double *v, double *tmp, size_t n)
{
	size_t h, i, j, k;
	double c;

	if (n < 2)
		return 0.0;
	h = n / 2;
	c = inversions(v, tmp, h) + inversions(v + h, tmp, n - h);
	for (i = 0, j = h, k = 0; i < h || j < n;) {
		if (j >= n || (i < h && v[i] <= v[j]))
			tmp[k++] = v[i++];
		else {
			c += (double)(h - i);
			tmp[k++] = v[j++];
		}
	}
	memcpy(v, tmp, n * sizeof(double));
	return c;
}

static double
tied_pairs(const double *v, size_t n)
{
	double s = 0.0;
	size_t i, j;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && v[j] == v[i]; j++)
			;
		s += (double)(j - i) * (double)(j - i - 1) / 2.0;
	}
	return s;
}

double
stats_tau_a(const double *x, const double *y, size_t m)
{
	struct xy *p;
	double *v, *tmp, n0, n1, n2, n3 = 0.0, sw;
	size_t i, j;

	if (m < 2)
		return NAN;
	p = xmalloc(m * sizeof(*p));
	v = xmalloc(m * sizeof(double));
	tmp = xmalloc(m * sizeof(double));
	for (i = 0; i < m; i++) {
		p[i].x = x[i];
		p[i].y = y[i];
	}
	qsort(p, m, sizeof(*p), xy_cmp);
	for (i = 0; i < m; i++)
		v[i] = p[i].x;
	n1 = tied_pairs(v, m);
	for (i = 0; i < m; i = j) {
		for (j = i + 1; j < m && p[j].x == p[i].x && p[j].y == p[i].y; j++)
			;
		n3 += (double)(j - i) * (double)(j - i - 1) / 2.0;
	}
	for (i = 0; i < m; i++)
		v[i] = p[i].y;
	sw = inversions(v, tmp, m);
	n2 = tied_pairs(v, m);	/* v is sorted now */
	n0 = (double)m * (double)(m - 1) / 2.0;
	free(p);
	free(v);
	free(tmp);
	return (n0 - n1 - n2 + n3 - 2.0 * sw) / n0;
}

/* Continued fraction of the incomplete beta (NR "betacf"). */
static double
betacf(double a, double b, double x)
{
	const double tiny = 1e-300, eps = 1e-16;
	double qab = a + b, qap = a + 1.0, qam = a - 1.0;
	double c = 1.0, dd = 1.0 - qab * x / qap, h;
	int m;

	if (fabs(dd) < tiny)
		dd = tiny;
	dd = 1.0 / dd;
	h = dd;
	for (m = 1; m <= 10000; m++) {
		int m2 = 2 * m;
		double aa = m * (b - m) * x / ((qam + m2) * (a + m2)), del;

		dd = 1.0 + aa * dd;
		if (fabs(dd) < tiny)
			dd = tiny;
		c = 1.0 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		dd = 1.0 / dd;
		h *= dd * c;
		aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
		dd = 1.0 + aa * dd;
		if (fabs(dd) < tiny)
			dd = tiny;
		c = 1.0 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		dd = 1.0 / dd;
		del = dd * c;
		h *= del;
		if (fabs(del - 1.0) < eps)
			break;
	}
	return h;
}

double
stats_betainc(double a, double b, double x)
{
	double lbt;

	if (x <= 0.0)
		return 0.0;
	if (x >= 1.0)
		return 1.0;
	lbt = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x);
	if (x < (a + 1.0) / (a + b + 2.0))
		return exp(lbt) * betacf(a, b, x) / a;
	return 1.0 - exp(lbt) * betacf(b, a, 1.0 - x) / b;
}

double
stats_t_pvalue(double t, double df)
{
	if (isnan(t) || df <= 0.0)
		return NAN;
	if (isinf(t))
		return 0.0;
	/* P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2) */
	return stats_betainc(df / 2.0, 0.5, df / (df + t * t));
}

/* np.linspace(lo, hi, nbins + 1)[i]: i·step + lo, the last edge exactly hi. */
static double
edge(const struct histogram *h, long i)
{
	if (i >= h->nbins)
		return h->hi;
	return (double)i * ((h->hi - h->lo) / h->nbins) + h->lo;
}

void
histogram_add(struct histogram *h, const double *x, size_t n)
{
	size_t i;

	if (h->total == 0) {
		memset(h->count, 0, (size_t)h->nbins * sizeof(long));
		h->below = h->above = h->nan = 0;
	}
	for (i = 0; i < n; i++) {
		double v = x[i];
		long b;

		h->total++;
		if (isnan(v)) {
			h->nan++;
			continue;
		}
		if (v < h->lo) {
			h->below++;
			continue;
		}
		if (v > h->hi) {
			h->above++;
			continue;
		}
		if (!(h->hi > h->lo)) {
			h->count[0]++;
			continue;
		}
		/* numpy's _histogram: scaled index, then corrected by the edges */
		b = (long)((v - h->lo) / (h->hi - h->lo) * h->nbins);
		if (b >= h->nbins)
			b = h->nbins - 1;
		if (v < edge(h, b))
			b--;
		else if (b != h->nbins - 1 && v >= edge(h, b + 1))
			b++;
		h->count[b]++;
	}
}
