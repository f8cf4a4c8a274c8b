/*
 * kern/rsa: RDMs, their comparison (Spearman, Pearson, rho-a, tau-a) and
 * a seeded permutation test. Reads caller arrays; writes caller outputs;
 * frees its scratch. Never does I/O or keeps state.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kern/norm.h"
#include "kern/rng.h"
#include "kern/rsa.h"
#include "kern/stats.h"
#include "util/xalloc.h"

void
rsa_rdm(const float *x, long n, int dims, double *out)
{
	size_t t = 0;
	long i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			out[t++] = 1.0 - vec_cosine(x + (size_t)i * dims,
			    x + (size_t)j * dims, dims);
}

static double
rho_a_ranks(const double *ra, const double *rb, size_t m)
{
	double mean = ((double)m + 1.0) / 2.0, s = 0.0, md = (double)m;
	size_t i;

	for (i = 0; i < m; i++)
		s += (ra[i] - mean) * (rb[i] - mean);
	return 12.0 * s / (md * md * md - md);
}

double
rsa_compare(const double *a, const double *b, size_t m, enum rsa_method method)
{
	double *x = xmalloc((m + 1) * sizeof(double));
	double *y = xmalloc((m + 1) * sizeof(double));
	double *rx = NULL, *ry = NULL, r = NAN;
	size_t i, k = 0;

	for (i = 0; i < m; i++)
		if (!isnan(a[i]) && !isnan(b[i])) {
			x[k] = a[i];
			y[k++] = b[i];
		}
	if (k >= 2) {
		switch (method) {
		case RSA_PEARSON:
			r = stats_pearson(x, y, k, NULL);
			break;
		case RSA_SPEARMAN:
			r = stats_spearman(x, y, k, NULL);
			break;
		case RSA_RHO_A:
			rx = xmalloc(k * sizeof(double));
			ry = xmalloc(k * sizeof(double));
			stats_rank(x, k, rx);
			stats_rank(y, k, ry);
			r = rho_a_ranks(rx, ry, k);
			break;
		case RSA_TAU_A:
			r = stats_tau_a(x, y, k);
			break;
		}
	}
	free(x);
	free(y);
	free(rx);
	free(ry);
	return r;
}

/* Position of pair (i, j), i < j, in an n-item RDM vector. */
static size_t
pair_index(long n, long i, long j)
{
	if (i > j) {
		long t = i;

		i = j;
		j = t;
	}
	return (size_t)i * (size_t)n - (size_t)i * ((size_t)i + 1) / 2 +
	    (size_t)(j - i - 1);
}

int
rsa_permutation_test(const double *a, const double *b, long n,
    enum rsa_method method, long nperm, uint64_t seed, double *stat,
    double *p, struct diag *d)
{
	return rsa_permutation_test_cancel(a, b, n, method, nperm, seed, NULL,
	    stat, p, d);
}

int
rsa_permutation_test_cancel(const double *a, const double *b, long n,
    enum rsa_method method, long nperm, uint64_t seed,
    const volatile int *cancel, double *stat, double *p, struct diag *d)
{
	size_t m = RSA_NPAIRS(n), t;
	struct rng r;
	long *perm, i, j, it, ge = 0;
	double *bp, *ra = NULL, *rb = NULL, obs;
	const double *use_a = a, *use_b = b;
	int fast = method != RSA_TAU_A;

	if (n < 3 || nperm < 1)
		return diag_fail(d, NULL, 0, 0, "rsa: a permutation test needs at "
		    "least 3 items and 1 permutation (got %ld, %ld)", n, nperm);
	for (t = 0; t < m && fast; t++)
		if (isnan(a[t]) || isnan(b[t]))
			fast = 0;	/* NaN positions move: recompute fully */
	obs = rsa_compare(a, b, m, method);
	perm = xmalloc((size_t)n * sizeof(long));
	bp = xmalloc(m * sizeof(double));
	if (fast && method != RSA_PEARSON) {
		/* ranks are permutation-invariant: rank once, permute ranks */
		ra = xmalloc(m * sizeof(double));
		rb = xmalloc(m * sizeof(double));
		stats_rank(a, m, ra);
		stats_rank(b, m, rb);
		use_a = ra;
		use_b = rb;
	}
	rng_seed(&r, seed);
	for (i = 0; i < n; i++)
		perm[i] = i;
	for (it = 0; it < nperm; it++) {
		double s;

		if (cancel != NULL && *cancel)
			break;
		rng_shuffle(&r, perm, n);
		t = 0;
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++)
				bp[t++] = use_b[pair_index(n, perm[i], perm[j])];
		if (!fast)
			s = rsa_compare(a, bp, m, method);
		else if (method == RSA_RHO_A)
			s = rho_a_ranks(use_a, bp, m);
		else
			s = stats_pearson(use_a, bp, m, NULL);
		if (s >= obs)
			ge++;
	}
	*stat = obs;
	*p = (1.0 + (double)ge) / (1.0 + (double)nperm);
	free(perm);
	if (it < nperm) {
		free(bp);
		free(ra);
		free(rb);
		return diag_fail(d, NULL, 0, 0, "rsa: stopped after %ld of %ld "
		    "permutations", it, nperm);
	}
	free(bp);
	free(ra);
	free(rb);
	return 0;
}
