/*
 * kern/randcos: cosines between random Gaussian vectors, the baseline
 * against which "similar" is judged: for d-dimensional isotropic vectors
 * the cosine has mean 0 and variance exactly 1/d.
 * Reads nothing but its seed; writes caller-allocated outputs.
 */
#ifndef VECDOC_KERN_RANDCOS_H
#define VECDOC_KERN_RANDCOS_H

#include <stdint.h>

#include "util/diag.h"

struct randcos_result {
	int	 dim;
	long	 n;		/* pairs */
	double	 mean;
	double	 var;		/* ddof 0 */
	double	 var_times_dim;	/* var · d: ≈ 1 when var ≈ 1/d */
	double	 max_abs;	/* largest |cos| seen */
};

/*
 * Draws "npairs" pairs of vectors with N(0,1) components (rng_gauss of
 * rng_seed(seed): xoshiro256** + Box–Muller, so the same seed gives the
 * same numbers everywhere) in "dim" dimensions and their cosines.
 * Each dimension restarts the generator from "seed", so a dimension's
 * sample does not depend on which others are asked for.
 * cos_out[npairs] (caller-allocated, may be NULL) receives the cosines.
 * Returns 0, or -1 with "d" filled (dim < 1, npairs < 1).
 */
int	 randcos_sample(int dim, long npairs, uint64_t seed, double *cos_out,
	    struct randcos_result *res, struct diag *d);
/*
 * randcos_sample that stops when *cancel (polled every 16 pairs; may
 * be NULL) becomes non-zero: returns -1 with "d" saying it was stopped.
 */
int	 randcos_sample_cancel(int dim, long npairs, uint64_t seed,
	    double *cos_out, struct randcos_result *res,
	    const volatile int *cancel, struct diag *d);

/*
 * randcos_sample for each of dims[0..n) (each from the same seed),
 * results into res[n] (caller-allocated); cosines are not kept. Returns
 * 0, or -1 with "d" filled at the first bad dimension.
 */
int	 randcos_table(const int *dims, int n, long npairs, uint64_t seed,
	    struct randcos_result *res, struct diag *d);

#endif
