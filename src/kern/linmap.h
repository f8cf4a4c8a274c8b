/*
 * kern/linmap: a linear map W from one embedding space to another,
 * learned by ridge least squares on the vectors of shared words (Mikolov,
 * Le & Sutskever 2013, "Exploiting similarities among languages for
 * machine translation"), with its translation precision@1/@5 and the
 * per-word residuals. Spaces may differ in dimension (d1 ≠ d2).
 * Reads caller matrices; writes caller-allocated outputs. Never does I/O.
 */
#ifndef VECDOC_KERN_LINMAP_H
#define VECDOC_KERN_LINMAP_H

#include "kern/knn.h"
#include "util/diag.h"

/* Precision is reported at 1 and at LINMAP_TOPK. */
#define LINMAP_TOPK 5

/*
 * W = argmin ‖X W − Y‖²_F + lambda ‖W‖²_F = (XᵀX + lambda I)⁻¹ XᵀY for
 * the n × d1 rows of x and the n × d2 rows of y (row i of both: the same
 * word), written to w[d1 × d2] (row-major, caller-allocated). The normal
 * equations are formed in double (DSYRK, DGEMM) and solved by Cholesky
 * (LAPACKE_dposv) — numpy.linalg.solve(XᵀX + λI, XᵀY) gives the same W.
 * No centring, no bias column (as Mikolov et al.). Returns 0, or -1 with
 * "d" filled: n < 1, lambda < 0, or XᵀX + λI not positive definite
 * (with lambda = 0: fewer independent words than d1 dimensions).
 */
int	 linmap_fit(const float *x, const float *y, long n, int d1, int d2,
	    double lambda, float *w, struct diag *d);

/* out[n × d2] = x[n × d1] · w[d1 × d2] (SGEMM); out must not alias x. */
void	 linmap_apply(const float *x, long n, int d1, int d2, const float *w,
	    float *out);

/* res[i] = ‖xw_i − y_i‖ (Euclidean, accumulated in double) for the
 * n × d2 rows of xw and y; res is caller-allocated. */
void	 linmap_residuals(const float *xw, const float *y, long n, int d2,
	    double *res);

/* Translation precision of mapped vectors. */
struct linmap_eval {
	long	 n;		/* queries */
	long	 hit1, hitk;	/* gold at rank 1 / within LINMAP_TOPK */
	double	 p1, pk;	/* hit1 / n, hitk / n */
};

/*
 * For each of the n mapped vectors xw[n × target->dims], its
 * LINMAP_TOPK nearest rows of "target" by cosine (knn_search; ties by the
 * lower row) and whether gold[i] (a row of target) is first / among
 * them. The candidates are every row of "target": index the whole target
 * vocabulary (as Mikolov et al.) or only the shared words, as the caller
 * chooses. pred[n × LINMAP_TOPK] receives the ranked rows when not NULL.
 * Returns 0, or -1 with "d" filled (n < 1, dims mismatch).
 */
int	 linmap_precision(const struct knn_index *target, const float *xw,
	    long n, int dims, const long *gold, long *pred,
	    struct linmap_eval *out, struct diag *d);

#endif
