/*
 * corpus/compare: divergences, word–domain mutual information and
 * Fightin' Words log-odds between two aligned count vectors.
 * Reads count arrays; writes caller outputs (scratch freed here).
 * Never prints; an undefined quantity is an error, not a NaN.
 */
#include <math.h>
#include <stdlib.h>

#include "corpus/compare.h"
#include "util/xalloc.h"

static long
total(const long *c, size_t n)
{
	long t = 0;
	size_t i;

	for (i = 0; i < n; i++)
		t += c[i];
	return t;
}

static int
sides(const long *p, const long *q, size_t n, long *np, long *nq,
    const char *what, struct diag *d)
{
	*np = total(p, n);
	*nq = total(q, n);
	if (*np <= 0 || *nq <= 0)
		return diag_fail(d, NULL, 0, 0, "%s: corpus %s has no tokens",
		    what, *np <= 0 ? "a (P)" : "b (Q)");
	return 0;
}

int
compare_kl(const long *p, const long *q, size_t n, double alpha, double *kl,
    struct diag *d)
{
	long np, nq;
	double zp, zq, s = 0;
	size_t i;

	*kl = 0;
	if (!(alpha >= 0))
		return diag_fail(d, NULL, 0, 0, "kl: the smoothing alpha must be "
		    ">= 0");
	if (sides(p, q, n, &np, &nq, "kl", d) < 0)
		return -1;
	zp = (double)np + alpha * (double)n;
	zq = (double)nq + alpha * (double)n;
	for (i = 0; i < n; i++) {
		double pp = ((double)p[i] + alpha) / zp,
		    qq = ((double)q[i] + alpha) / zq;

		if (pp == 0)
			continue;
		if (qq == 0)
			return diag_fail(d, NULL, 0, 0, "kl: word %zu occurs in P "
			    "but not in Q, so KL(P||Q) is infinite without "
			    "smoothing (use alpha > 0)", i);
		s += pp * log2(pp / qq);
	}
	*kl = s > 0 ? s : 0;
	return 0;
}

/* Σ x log2 x, with 0 log 0 = 0. */
static double
xlogx(double x)
{
	return x > 0 ? x * log2(x) : 0;
}

int
compare_js(const long *p, const long *q, size_t n, double *js, struct diag *d)
{
	long np, nq;
	double s = 0;
	size_t i;

	*js = 0;
	if (sides(p, q, n, &np, &nq, "js", d) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		double pp = (double)p[i] / (double)np, qq = (double)q[i] /
		    (double)nq, m = 0.5 * (pp + qq);

		/* ½ p log(p/m) + ½ q log(q/m) */
		if (pp > 0)
			s += 0.5 * pp * log2(pp / m);
		if (qq > 0)
			s += 0.5 * qq * log2(qq / m);
	}
	*js = s < 0 ? 0 : s > 1 ? 1 : s;
	return 0;
}

int
compare_mi(const long *p, const long *q, size_t n, double *mi, double *hd,
    struct diag *d)
{
	long np, nq;
	double nt, pa, pb, s = 0;
	size_t i;

	*mi = 0;
	if (sides(p, q, n, &np, &nq, "mi", d) < 0)
		return -1;
	nt = (double)np + (double)nq;
	pa = (double)np / nt;
	pb = (double)nq / nt;
	for (i = 0; i < n; i++) {
		double pw = ((double)p[i] + (double)q[i]) / nt;

		if (p[i] > 0)
			s += (double)p[i] / nt * log2((double)p[i] / nt / (pw * pa));
		if (q[i] > 0)
			s += (double)q[i] / nt * log2((double)q[i] / nt / (pw * pb));
	}
	if (hd)
		*hd = -(xlogx(pa) + xlogx(pb));
	*mi = s > 0 ? s : 0;
	return 0;
}

int
compare_logodds(const long *p, const long *q, size_t n, double alpha0,
    double *delta, double *z, struct diag *d)
{
	long np, nq;
	double nt;
	size_t i;

	if (!(alpha0 > 0))
		return diag_fail(d, NULL, 0, 0, "log-odds: the prior size alpha0 "
		    "must be > 0");
	if (sides(p, q, n, &np, &nq, "log-odds", d) < 0)
		return -1;
	nt = (double)np + (double)nq;
	for (i = 0; i < n; i++) {
		double a = alpha0 * ((double)p[i] + (double)q[i]) / nt,
		    yp = (double)p[i], yq = (double)q[i], dl, var;

		if (a <= 0) {
			if (delta)
				delta[i] = 0;
			z[i] = 0;
			continue;
		}
		dl = log((yp + a) / ((double)np + alpha0 - yp - a)) -
		    log((yq + a) / ((double)nq + alpha0 - yq - a));
		var = 1 / (yp + a) + 1 / (yq + a);
		if (delta)
			delta[i] = dl;
		z[i] = dl / sqrt(var);
	}
	return 0;
}

struct zorder {
	const double	*z;
	int		 side;
};

static int
cmp_z(const void *pa, const void *pb, void *arg)
{
	const struct zorder *o = arg;
	long a = *(const long *)pa, b = *(const long *)pb;
	double za = o->z[a] * o->side, zb = o->z[b] * o->side;

	if (za != zb)
		return za > zb ? -1 : 1;
	return a < b ? -1 : a > b;
}

size_t
compare_topk(const double *z, size_t n, size_t k, int side, long *ids)
{
	struct zorder o;
	long *v;
	size_t i, m = 0;

	v = xcalloc(n + 1, sizeof(*v));
	side = side < 0 ? -1 : 1;
	for (i = 0; i < n; i++)
		if (z[i] * side > 0)
			v[m++] = (long)i;
	o.z = z;
	o.side = side;
	qsort_r(v, m, sizeof(*v), cmp_z, &o);
	if (k > m)
		k = m;
	for (i = 0; i < k; i++)
		ids[i] = v[i];
	free(v);
	return k;
}
