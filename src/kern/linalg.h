/*
 * kern/linalg: LAPACKE wrappers for the decompositions the kernels need
 * (symmetric eigen-decomposition, thin SVD, covariance).
 * Reads caller matrices; writes caller-allocated outputs.
 * Never prints; allocates only LAPACK workspace, which it frees.
 */
#ifndef VECDOC_KERN_LINALG_H
#define VECDOC_KERN_LINALG_H

#include "util/diag.h"

/*
 * Eigen-decomposition of the symmetric n×n row-major matrix "a" (double;
 * only needs to be symmetric, both triangles are read as LAPACK's upper)
 * by LAPACKE_dsyevd. On return a's columns are the unit eigenvectors and
 * w[n] (caller-allocated) the eigenvalues, both in DESCENDING eigenvalue
 * order (LAPACK gives ascending; PCA wants the largest first). Each
 * eigenvector's sign is fixed so that its largest-magnitude component is
 * positive (sklearn's svd_flip rule), making results reproducible.
 * Double precision: covariance spectra span many decades.
 * Returns 0, or -1 with "d" filled when LAPACK reports an error.
 */
int	 linalg_eigh(double *a, int n, double *w, struct diag *d);

/*
 * Thin SVD of the m×n row-major float matrix "a" (overwritten) by
 * LAPACKE_sgesdd: a = U diag(s) Vᵀ with r = min(m, n); writes s[r]
 * (descending), u[m×r] and vt[r×n] (caller-allocated; pass both NULL
 * for singular values only). Returns 0, or -1 with "d" filled.
 */
int	 linalg_svd(float *a, int m, int n, float *s, float *u, float *vt,
	    struct diag *d);

/*
 * Column means mu[dims] and covariance cov[dims×dims] (row-major, double)
 * of the n×dims float matrix x, with denominator n − ddof (np.cov uses
 * ddof = 1). Centred blocks are accumulated by DSYRK in double.
 * mu may be NULL. Returns 0, or -1 with "d" filled when n <= ddof.
 */
int	 linalg_cov(const float *x, long n, int dims, int ddof, double *mu,
	    double *cov, struct diag *d);

/* Column means of the n×dims matrix x into mu[dims] (double accumulation). */
void	 linalg_colmean(const float *x, long n, int dims, double *mu);

#endif
