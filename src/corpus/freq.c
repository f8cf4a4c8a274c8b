/*
 * corpus/freq: frequency-distribution statistics and Zipf fits.
 * Reads count arrays; writes caller structs (scratch is freed here).
 * Never prints, never returns NaN for a result it calls valid.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/freq.h"
#include "kern/stats.h"
#include "util/xalloc.h"

int
freq_summary(const long *c, size_t n, struct freq_summary *out,
    struct diag *d)
{
	size_t i;
	double h = 0, tot;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		if (c[i] < 0)
			return diag_fail(d, NULL, 0, 0, "frequencies: negative "
			    "count %ld at %zu", c[i], i);
		if (c[i] == 0)
			continue;
		out->types++;
		out->tokens += c[i];
		if (c[i] == 1)
			out->hapax++;
	}
	if (out->tokens == 0)
		return diag_fail(d, NULL, 0, 0, "frequencies: the corpus has no "
		    "tokens (entropy and shares are undefined)");
	tot = (double)out->tokens;
	for (i = 0; i < n; i++)
		if (c[i] > 0) {
			double p = (double)c[i] / tot;

			h -= p * log2(p);
		}
	out->entropy = h > 0 ? h : 0;	/* one type: exactly 0, never -0 */
	out->max_entropy = log2((double)out->types);
	out->norm_entropy = out->types > 1 ? out->entropy / out->max_entropy : 0;
	out->perplexity = exp2(out->entropy);
	out->hapax_types = (double)out->hapax / (double)out->types;
	out->hapax_tokens = (double)out->hapax / tot;
	return 0;
}

int
zipf_ls_fit(const long *c, size_t n, long r1, long r2, struct zipf_ls *out,
    struct diag *d)
{
	double *x, *y, mx = 0, my = 0, sxx = 0, sxy = 0, r;
	long i, m;

	memset(out, 0, sizeof(*out));
	if (r1 < 1)
		return diag_fail(d, NULL, 0, 0, "zipf: the rank window starts at "
		    "%ld (ranks start at 1)", r1);
	if (r2 <= 0 || (size_t)r2 > n)
		r2 = (long)n;
	out->r1 = r1;
	out->r2 = r2;
	if (r2 - r1 + 1 < 2)
		return diag_fail(d, NULL, 0, 0, "zipf: the rank window [%ld, %ld] "
		    "holds fewer than 2 ranks (%zu distinct words): Zipf's law "
		    "cannot be fitted", r1, r2, n);
	for (i = r1 - 1; i < r2; i++) {
		if (c[i] <= 0 || (i > 0 && c[i] > c[i - 1]))
			return diag_fail(d, NULL, 0, 0, "zipf: counts must be "
			    "positive and in rank order (descending); rank %ld "
			    "has %ld", i + 1, c[i]);
	}
	m = r2 - r1 + 1;
	x = xcalloc((size_t)m, sizeof(*x));
	y = xcalloc((size_t)m, sizeof(*y));
	for (i = 0; i < m; i++) {
		x[i] = log10((double)(r1 + i));
		y[i] = log10((double)c[r1 - 1 + i]);
	}
	mx = stats_mean(x, (size_t)m);
	my = stats_mean(y, (size_t)m);
	for (i = 0; i < m; i++) {
		sxx += (x[i] - mx) * (x[i] - mx);
		sxy += (x[i] - mx) * (y[i] - my);
	}
	out->npoints = m;
	out->alpha = -sxy / sxx;
	out->intercept = my + out->alpha * mx;
	r = stats_pearson(x, y, (size_t)m, NULL);
	/* constant counts: a flat line fits exactly (alpha 0) */
	out->r2_fit = isnan(r) ? 1.0 : r * r;
	free(x);
	free(y);
	return 0;
}

size_t
freq_logranks(size_t n, size_t maxpts, long *ranks)
{
	size_t k, m = 0;

	if (n == 0 || maxpts == 0)
		return 0;
	if (n == 1 || maxpts == 1) {
		ranks[0] = 1;
		return 1;
	}
	for (k = 0; k < maxpts; k++) {
		long r = k + 1 == maxpts ? (long)n : lround(pow((double)n,
		    (double)k / (double)(maxpts - 1)));

		if (r < 1)
			r = 1;
		if (m == 0 || r > ranks[m - 1])
			ranks[m++] = r;
	}
	return m;
}

/* ------------------------------------------------------------ Hurwitz zeta */

/* B_2j / (2j)! for j = 1..12. */
static const double bern_fact[12] = {
	1.0 / 12,			/* B2 = 1/6 over 2! */
	-1.0 / 720,			/* B4 = -1/30 over 4! */
	1.0 / 30240,
	-1.0 / 1209600,
	1.0 / 47900160,
	-691.0 / 1307674368000.0,
	1.0 / 74724249600.0,
	-3617.0 / 10670622842880000.0,
	43867.0 / 5109094217170944000.0,
	-174611.0 / 802857662698291200000.0,
	77683.0 / 14101100039391805440000.0,
	-236364091.0 / 1693824136731743669452800000.0
};

double
freq_hurwitz_zeta(double s, double q)
{
	double sum = 0, a = q, fac, t, big;
	int j;

	if (!(s > 1) || !(q > 0))
		return NAN;
	/* direct terms until the tail's expansion converges fast */
	big = 10 + s;
	while (a < big) {
		sum += pow(a, -s);
		a += 1;
	}
	t = pow(a, -s);
	sum += a * t / (s - 1) + 0.5 * t;
	fac = s * t / a;		/* s · a^(−s−1) */
	for (j = 0; j < 12; j++) {
		double term = bern_fact[j] * fac;

		sum += term;
		if (fabs(term) < 1e-17 * sum)
			break;
		fac *= (s + 2 * j + 1) * (s + 2 * j + 2) / (a * a);
	}
	return sum;
}

/* ------------------------------------------------------------ power law */

/* Per-sample negative log-likelihood of alpha for tail xmin with mean
 * log value ml. */
static double
nll(double alpha, double xmin, double ml)
{
	return log(freq_hurwitz_zeta(alpha, xmin)) + alpha * ml;
}

#define ALPHA_LO 1.0000001
#define ALPHA_HI 50.0

/* Brent's minimisation (Brent 1973, "localmin") of nll on [lo, hi]. */
static double
brent_min(double xmin, double ml, double lo, double hi, double tol)
{
	const double cgold = 0.3819660112501051;
	double a = lo, b = hi, x, w, v, fx, fw, fv, e = 0, dd = 0;
	int it;

	x = w = v = a + cgold * (b - a);
	fx = fw = fv = nll(x, xmin, ml);
	for (it = 0; it < 200; it++) {
		double xm = 0.5 * (a + b), tol1 = tol * fabs(x) + 1e-12,
		    tol2 = 2 * tol1, u, fu;

		if (fabs(x - xm) <= tol2 - 0.5 * (b - a))
			break;
		if (fabs(e) > tol1) {
			double r = (x - w) * (fx - fv), q = (x - v) * (fx - fw),
			    p = (x - v) * q - (x - w) * r, etemp;

			q = 2 * (q - r);
			if (q > 0)
				p = -p;
			q = fabs(q);
			etemp = e;
			e = dd;
			if (fabs(p) >= fabs(0.5 * q * etemp) || p <= q * (a - x) ||
			    p >= q * (b - x)) {
				e = x >= xm ? a - x : b - x;
				dd = cgold * e;
			} else {
				dd = p / q;
				u = x + dd;
				if (u - a < tol2 || b - u < tol2)
					dd = xm - x >= 0 ? tol1 : -tol1;
			}
		} else {
			e = x >= xm ? a - x : b - x;
			dd = cgold * e;
		}
		u = fabs(dd) >= tol1 ? x + dd : x + (dd >= 0 ? tol1 : -tol1);
		fu = nll(u, xmin, ml);
		if (fu <= fx) {
			if (u >= x)
				a = x;
			else
				b = x;
			v = w; fv = fw;
			w = x; fw = fx;
			x = u; fx = fu;
		} else {
			if (u < x)
				a = u;
			else
				b = u;
			if (fu <= fw || w == x) {
				v = w; fv = fw;
				w = u; fw = fu;
			} else if (fu <= fv || v == x || v == w) {
				v = u; fv = fu;
			}
		}
	}
	return x;
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* Fits the tail v[k..m) (ascending, all >= x0) with xmin = x0;
 * sl = Σ ln v[k..m). Fills everything but ncandidates. */
static void
fit_tail(const long *v, size_t m, size_t k, long x0, double sl,
    struct zipf_mle *r)
{
	double n = (double)(m - k), xmin = (double)x0, ml = sl / n, z0, dmax = 0;
	size_t i;

	r->alpha = brent_min(xmin, ml, ALPHA_LO, ALPHA_HI, 1e-10);
	r->xmin = x0;
	r->ntail = (long)(m - k);
	z0 = freq_hurwitz_zeta(r->alpha, xmin);
	r->loglik = -n * (log(z0) + r->alpha * ml);
	/* KS at each distinct value x: S(x) = #(<= x)/n, F(x) = 1 − ζ(a,x+1)/ζ(a,xmin) */
	for (i = k; i < m; i++) {
		double s, f;

		if (i + 1 < m && v[i + 1] == v[i])
			continue;
		s = (double)(i + 1 - k) / n;
		f = 1 - freq_hurwitz_zeta(r->alpha, (double)v[i] + 1) / z0;
		if (fabs(s - f) > dmax)
			dmax = fabs(s - f);
	}
	r->ks = dmax;
	r->sigma = (r->alpha - 1) / sqrt(n);
	r->s = 1 / (r->alpha - 1);
}

int
zipf_mle_fit(const long *c, size_t n, long xmin, long min_tail,
    struct zipf_mle *out, struct diag *d)
{
	long *v;
	double *suf;
	size_t m = 0, i, k;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (min_tail <= 0)
		min_tail = 50;
	v = xcalloc(n + 1, sizeof(*v));
	for (i = 0; i < n; i++)
		if (c[i] > 0)
			v[m++] = c[i];
	qsort(v, m, sizeof(*v), cmp_long);
	suf = xcalloc(m + 1, sizeof(*suf));
	for (i = m; i-- > 0; )
		suf[i] = suf[i + 1] + log((double)v[i]);
	if (xmin > 0) {
		for (k = 0; k < m && v[k] < xmin; k++)
			;
		if (m - k < 2 || v[m - 1] == xmin) {
			rc = diag_fail(d, NULL, 0, 0, "zipf: the power-law MLE "
			    "does not exist for xmin = %ld: %zu count(s) >= xmin%s",
			    xmin, m - k, m - k >= 2 ? ", all equal to xmin (the "
			    "likelihood grows without bound)" : "");
			goto out;
		}
		fit_tail(v, m, k, xmin, suf[k], out);
		out->ncandidates = 1;
		goto out;
	}
	for (k = 0; k < m; k++) {
		struct zipf_mle r;

		if (k > 0 && v[k] == v[k - 1])
			continue;
		if ((long)(m - k) < min_tail || (long)(m - k) < 2)
			break;
		if (v[m - 1] == v[k])
			break;		/* all equal: no finite MLE */
		memset(&r, 0, sizeof(r));
		fit_tail(v, m, k, v[k], suf[k], &r);
		r.ncandidates = ++out->ncandidates;
		if (out->ncandidates == 1 || r.ks < out->ks)
			*out = r;
		out->ncandidates = r.ncandidates;
	}
	if (out->ncandidates == 0)
		rc = diag_fail(d, NULL, 0, 0, "zipf: no xmin leaves at least %ld "
		    "words with unequal counts (%zu distinct words): the "
		    "power-law MLE is undefined", min_tail < 2 ? 2 : min_tail,
		    m);
out:
	free(v);
	free(suf);
	return rc;
}
