/*
 * kern/procrustes: orthogonal Procrustes alignment of one embedding
 * space onto another, as histwords (Hamilton et al. 2016,
 * smart_procrustes_align_gensim; design/KERNELS.md §f).
 * Reads caller matrices; writes caller-allocated outputs. Never does I/O.
 */
#ifndef VECDOC_KERN_PROCRUSTES_H
#define VECDOC_KERN_PROCRUSTES_H

#include "util/diag.h"

/*
 * The rotation R (dims×dims, row-major, caller-allocated) minimising
 * ‖O·R − B‖_F over orthogonal R, for the n×dims matrices "other" O and
 * "base" B whose rows are the same words in the same order (the caller
 * intersects the vocabularies and, as histwords, L2-normalises rows):
 * M = OᵀB (double), SVD M = UΣVᵀ, R = UVᵀ. No centring, no scaling.
 * Returns 0, or -1 with "d" filled (n < 1, LAPACK failure).
 */
int	 procrustes_fit(const float *other, const float *base, long n, int dims,
	    float *r, struct diag *d);

/*
 * out[n×dims] = x · R for the n×dims rows of x (SGEMM); histwords then
 * re-normalises rows (rows_normalize in kern/norm.h). out must not alias x.
 */
void	 procrustes_apply(const float *x, long n, int dims, const float *r,
	    float *out);

#endif
