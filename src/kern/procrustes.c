/*
 * kern/procrustes: R = UVᵀ from the SVD of OᵀB (dgesdd, double).
 * Reads caller matrices; writes caller outputs; frees its scratch.
 * Never does I/O or keeps state.
 */
#include <stdlib.h>
#include <string.h>

#include <cblas.h>
#include <lapacke.h>

#include "kern/procrustes.h"
#include "util/xalloc.h"

#define PROC_BLOCK 4096

int
procrustes_fit(const float *other, const float *base, long n, int dims,
    float *r, struct diag *d)
{
	size_t dd = (size_t)dims * dims;
	double *m, *u, *vt, *s, *ob, *bb;
	long i0, i;
	int j, rc = 0;
	lapack_int info;

	if (n < 1 || dims < 1)
		return diag_fail(d, NULL, 0, 0, "procrustes: empty matrices");
	m = xcalloc(dd, sizeof(double));
	u = xmalloc(dd * sizeof(double));
	vt = xmalloc(dd * sizeof(double));
	s = xmalloc((size_t)dims * sizeof(double));
	ob = xmalloc((size_t)PROC_BLOCK * dims * sizeof(double));
	bb = xmalloc((size_t)PROC_BLOCK * dims * sizeof(double));
	/* M = Oᵀ B accumulated over blocks of rows, in double */
	for (i0 = 0; i0 < n; i0 += PROC_BLOCK) {
		int nb = (int)(n - i0 < PROC_BLOCK ? n - i0 : PROC_BLOCK);

		for (i = 0; i < nb; i++)
			for (j = 0; j < dims; j++) {
				ob[(size_t)i * dims + j] = other[(size_t)(i0 + i) * dims + j];
				bb[(size_t)i * dims + j] = base[(size_t)(i0 + i) * dims + j];
			}
		cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, dims, dims, nb,
		    1.0, ob, dims, bb, dims, 1.0, m, dims);
	}
	info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'A', dims, dims, m, dims, s,
	    u, dims, vt, dims);
	if (info != 0)
		rc = diag_fail(d, NULL, 0, 0, "procrustes: LAPACK dgesdd failed "
		    "(info %d)", (int)info);
	else {
		/* R = U Vᵀ */
		cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, dims, dims,
		    dims, 1.0, u, dims, vt, dims, 0.0, m, dims);
		for (j = 0; j < (int)dd; j++)
			r[j] = (float)m[j];
	}
	free(m);
	free(u);
	free(vt);
	free(s);
	free(ob);
	free(bb);
	return rc;
}

void
procrustes_apply(const float *x, long n, int dims, const float *r, float *out)
{
	long i0;

	/* blocks keep the row count inside BLAS's int */
	for (i0 = 0; i0 < n; i0 += 1L << 20) {
		int nb = (int)(n - i0 < (1L << 20) ? n - i0 : (1L << 20));

		cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, nb, dims,
		    dims, 1.f, x + (size_t)i0 * dims, dims, r, dims, 0.f,
		    out + (size_t)i0 * dims, dims);
	}
}
