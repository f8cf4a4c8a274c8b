/*
 * kern/geometry: the shape of an embedding cloud — anisotropy measures
 * and its cures (centring, BERT-whitening, all-but-the-top), as
 * design/KERNELS.md §f describes them.
 * Reads caller matrices; writes caller-allocated outputs (or rewrites a
 * caller matrix in place where the function says so). Never does I/O.
 */
#ifndef VECDOC_KERN_GEOMETRY_H
#define VECDOC_KERN_GEOMETRY_H

#include <stdint.h>

#include "util/diag.h"

struct anisotropy {
	double	 mean_norm;	/* ‖μ‖, μ the mean row */
	double	 avg_norm;	/* mean of the row norms ‖x_i‖ */
	double	 mean_ratio;	/* ‖μ‖ / avg_norm: 0 isotropic, 1 all rows equal */
	long	 npairs;	/* random pairs actually scored */
	double	 mean_cos;	/* mean cosine of random pairs (Ethayarajh 2019) */
	double	 sd_cos;	/* their standard deviation (ddof 0) */
};

/*
 * Anisotropy of the n×dims matrix x: mean vector norm against the
 * average row norm, and the mean cosine between "npairs" random pairs of
 * distinct rows (i, j drawn uniformly with i ≠ j from rng_seed(seed);
 * pairs with a zero row are skipped). When npc > 0, pc_share[npc]
 * (caller-allocated) receives the share of total variance carried by each
 * of the top npc principal components (eigenvalues of the ddof-1
 * covariance divided by their sum); npc must be <= dims.
 * Returns 0, or -1 with "d" filled (n < 2, bad npc).
 */
int	 geometry_anisotropy(const float *x, long n, int dims, long npairs,
	    uint64_t seed, int npc, double *pc_share, struct anisotropy *out,
	    struct diag *d);

/*
 * Subtracts the column mean from every row of x in place; the mean is
 * written to mu[dims] when mu is not NULL.
 */
void	 geometry_center(float *x, long n, int dims, double *mu);

/*
 * BERT-whitening (Su et al. 2021) fit, as their numpy code: μ = mean row,
 * Σ = np.cov(x.T) (ddof 1), Σ = U S Uᵀ (eigen-decomposition, which equals
 * the SVD of the symmetric PSD Σ), W = U · diag(S^−½) keeping the first k
 * columns (largest variance first; k <= dims, 0 = dims). Writes mu[dims]
 * and w[dims × k] (row-major), caller-allocated. Column signs follow
 * linalg_eigh's rule. Components with S <= 1e-12·S_max are set to zero
 * instead of blowing up. Returns 0, or -1 with "d" filled.
 */
int	 whiten_fit(const float *x, long n, int dims, int k, float *mu, float *w,
	    struct diag *d);

/*
 * Applies a whitening: y = (x − μ) W for the n×dims rows of x, then each
 * row of y scaled to unit length (zero rows stay zero). Writes y[n × k]
 * (caller-allocated). Does not allocate beyond a block of scratch.
 */
void	 whiten_apply(const float *x, long n, int dims, const float *mu,
	    const float *w, int k, float *y);

/*
 * All-but-the-top (Mu & Viswanath 2018) in place: centre x, then remove
 * its projections on the top "ndir" principal directions (eigenvectors
 * of the ddof-1 covariance of the centred rows): x̃ − Σ_i (u_iᵀ x̃) u_i.
 * ndir = 0 only centres; the paper suggests ndir ≈ dims/100.
 * Returns 0, or -1 with "d" filled (ndir > dims, n < 2).
 */
int	 geometry_abtt(float *x, long n, int dims, int ndir, struct diag *d);

#endif
