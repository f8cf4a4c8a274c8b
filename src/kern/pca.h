/*
 * kern/pca: principal component analysis of the rows of a float32
 * matrix (eigen-decomposition of the ddof-1 covariance), for 2-D word
 * maps and "variance in the top components".
 * Reads caller matrices; writes caller-allocated outputs. Never does I/O.
 */
#ifndef VECDOC_KERN_PCA_H
#define VECDOC_KERN_PCA_H

#include "util/diag.h"

/*
 * Fits k components to the n×dims matrix x: mu[dims] = column means,
 * comp[k×dims] = unit principal directions as rows (largest variance
 * first; each flipped so its largest-magnitude entry is positive, the
 * rule of scikit-learn ≥ 1.5's svd_flip on components), var[k] = their
 * variances (eigenvalues of np.cov, ddof 1, = sklearn's
 * explained_variance_), *total = the sum of all dims variances (so
 * var[i] / *total is explained_variance_ratio_). All caller-allocated;
 * total may be NULL. Returns 0, or -1 with "d" filled (n < 2, k outside
 * 1..dims, LAPACK failure).
 */
int	 pca_fit(const float *x, long n, int dims, int k, float *mu, float *comp,
	    double *var, double *total, struct diag *d);

/*
 * Projects the n×dims rows of x: out[n×k] = (x − mu) compᵀ (SGEMM).
 * out is caller-allocated.
 */
void	 pca_project(const float *x, long n, int dims, const float *mu,
	    const float *comp, int k, float *out);

#endif
