/*
 * kern/randcos: cosine distribution of seeded random Gaussian vectors.
 * Reads only the seed; writes caller outputs.
 * Never uses the clock or global random state.
 */
#include <math.h>
#include <stdlib.h>

#include "kern/randcos.h"
#include "kern/rng.h"
#include "util/xalloc.h"

int
randcos_sample(int dim, long npairs, uint64_t seed, double *cos_out,
    struct randcos_result *res, struct diag *d)
{
	return randcos_sample_cancel(dim, npairs, seed, cos_out, res, NULL, d);
}

int
randcos_sample_cancel(int dim, long npairs, uint64_t seed, double *cos_out,
    struct randcos_result *res, const volatile int *cancel, struct diag *d)
{
	struct rng r;
	double *a, *b, s = 0.0, ss = 0.0, mx = 0.0;
	long i;
	int j;

	if (dim < 1 || npairs < 1)
		return diag_fail(d, NULL, 0, 0,
		    "random cosines: need dim >= 1 and pairs >= 1 (got %d, %ld)",
		    dim, npairs);
	a = xmalloc((size_t)dim * sizeof(double));
	b = xmalloc((size_t)dim * sizeof(double));
	rng_seed(&r, seed);
	for (i = 0; i < npairs; i++) {
		double ab = 0.0, aa = 0.0, bb = 0.0, c;

		if ((i & 15) == 0 && cancel != NULL && *cancel) {
			free(a);
			free(b);
			return diag_fail(d, NULL, 0, 0, "random cosines: "
			    "stopped after %ld of %ld pairs", i, npairs);
		}
		for (j = 0; j < dim; j++)
			a[j] = rng_gauss(&r);
		for (j = 0; j < dim; j++)
			b[j] = rng_gauss(&r);
		for (j = 0; j < dim; j++) {
			ab += a[j] * b[j];
			aa += a[j] * a[j];
			bb += b[j] * b[j];
		}
		c = ab / sqrt(aa * bb);
		if (cos_out != NULL)
			cos_out[i] = c;
		s += c;
		ss += c * c;
		if (fabs(c) > mx)
			mx = fabs(c);
	}
	res->dim = dim;
	res->n = npairs;
	res->mean = s / (double)npairs;
	res->var = ss / (double)npairs - res->mean * res->mean;
	if (res->var < 0)
		res->var = 0;
	res->var_times_dim = res->var * dim;
	res->max_abs = mx;
	free(a);
	free(b);
	return 0;
}

int
randcos_table(const int *dims, int n, long npairs, uint64_t seed,
    struct randcos_result *res, struct diag *d)
{
	int i;

	for (i = 0; i < n; i++)
		if (randcos_sample(dims[i], npairs, seed, NULL, &res[i], d) < 0)
			return -1;
	return 0;
}
