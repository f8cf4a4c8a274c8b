/*
 * kern/pca: PCA by dsyevd of the covariance; projection by SGEMM.
 * Reads caller matrices; writes caller outputs; frees its scratch.
 * Never does I/O or keeps state.
 */
#include <stdlib.h>

#include <cblas.h>

#include "kern/linalg.h"
#include "kern/pca.h"
#include "util/xalloc.h"

#define PCA_BLOCK 4096

int
pca_fit(const float *x, long n, int dims, int k, float *mu, float *comp,
    double *var, double *total, struct diag *d)
{
	double *cov, *ev, *m, tot = 0.0;
	int i, j, rc;

	if (k < 1 || k > dims)
		return diag_fail(d, NULL, 0, 0, "pca: %d components asked of %d "
		    "dimensions", k, dims);
	if (n < 2)
		return diag_fail(d, NULL, 0, 0, "pca: needs at least 2 rows (got %ld)", n);
	cov = xmalloc((size_t)dims * dims * sizeof(double));
	ev = xmalloc((size_t)dims * sizeof(double));
	m = xmalloc((size_t)dims * sizeof(double));
	rc = linalg_cov(x, n, dims, 1, m, cov, d);
	if (rc == 0)
		rc = linalg_eigh(cov, dims, ev, d);
	if (rc == 0) {
		for (j = 0; j < dims; j++) {
			mu[j] = (float)m[j];
			tot += ev[j] > 0 ? ev[j] : 0.0;
		}
		for (i = 0; i < k; i++) {
			var[i] = ev[i] > 0 ? ev[i] : 0.0;
			for (j = 0; j < dims; j++)
				comp[(size_t)i * dims + j] = (float)cov[(size_t)j * dims + i];
		}
		if (total != NULL)
			*total = tot;
	}
	free(cov);
	free(ev);
	free(m);
	return rc;
}

void
pca_project(const float *x, long n, int dims, const float *mu,
    const float *comp, int k, float *out)
{
	float *blk = xmalloc((size_t)PCA_BLOCK * dims * sizeof(float));
	long i0, i;
	int j;

	for (i0 = 0; i0 < n; i0 += PCA_BLOCK) {
		int nb = (int)(n - i0 < PCA_BLOCK ? n - i0 : PCA_BLOCK);

		for (i = 0; i < nb; i++)
			for (j = 0; j < dims; j++)
				blk[(size_t)i * dims + j] =
				    x[(size_t)(i0 + i) * dims + j] - mu[j];
		cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, nb, k, dims,
		    1.f, blk, dims, comp, dims, 0.f, out + (size_t)i0 * k, k);
	}
	free(blk);
}
