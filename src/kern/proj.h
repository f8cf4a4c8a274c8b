/*
 * kern/proj: linear 2-D (or k-D) projections of word vectors with their
 * explained variance: PCA (centred) or truncated SVD (not centred), as
 * scikit-learn's PCA and TruncatedSVD report them; the course compares
 * both.
 * Reads a caller matrix; writes caller-allocated outputs. Never does I/O.
 */
#ifndef VECDOC_KERN_PROJ_H
#define VECDOC_KERN_PROJ_H

#include "util/diag.h"

/*
 * Projects the n × dims rows of x on k directions: out[n × k] (float),
 * comp[k × dims] the unit directions (largest first), ratio[k] the share
 * of the total variance each projection column carries.
 * centred != 0: PCA (kern/pca: eigenvectors of np.cov; ratio =
 *   sklearn's explained_variance_ratio_; sign: largest-magnitude
 *   component entry positive).
 * centred == 0: TruncatedSVD: directions = top right singular vectors
 *   of x itself (eigenvectors of xᵀx, double), ratio = np.var of each
 *   projection column (ddof 0) / Σ np.var of x's columns, as sklearn's
 *   TruncatedSVD.explained_variance_ratio_ (the first column mostly
 *   carries the mean, so its ratio is small); sign as sklearn's
 *   svd_flip on U: the largest-magnitude projection is positive.
 * All outputs caller-allocated; comp and ratio may be NULL.
 * Returns 0, or -1 with "d" filled (n < 2, k outside 1..dims, LAPACK).
 */
int	 proj_linear(const float *x, long n, int dims, int k, int centred,
	    float *out, float *comp, double *ratio, struct diag *d);

#endif
