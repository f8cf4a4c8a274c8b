/*
 * kern/linalg: dsyevd / sgesdd / dsyrk wrappers with sorted, sign-fixed
 * outputs. Reads caller matrices; writes caller outputs.
 * Never prints or keeps state.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>
#include <lapacke.h>

#include "kern/linalg.h"
#include "util/xalloc.h"

#define COV_BLOCK 2048

int
linalg_eigh(double *a, int n, double *w, struct diag *d)
{
	lapack_int info;
	int i, j;

	if (n < 1)
		return diag_fail(d, NULL, 0, 0, "eigh: empty matrix");
	info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, 'V', 'U', n, a, n, w);
	if (info != 0)
		return diag_fail(d, NULL, 0, 0, "eigh: LAPACK dsyevd failed (info %d)",
		    (int)info);
	/* reverse to descending order: swap column j with n-1-j */
	for (j = 0; j < n / 2; j++) {
		double t = w[j];

		w[j] = w[n - 1 - j];
		w[n - 1 - j] = t;
		for (i = 0; i < n; i++) {
			t = a[(size_t)i * n + j];
			a[(size_t)i * n + j] = a[(size_t)i * n + n - 1 - j];
			a[(size_t)i * n + n - 1 - j] = t;
		}
	}
	for (j = 0; j < n; j++) {
		int big = 0;

		for (i = 1; i < n; i++)
			if (fabs(a[(size_t)i * n + j]) > fabs(a[(size_t)big * n + j]))
				big = i;
		if (a[(size_t)big * n + j] < 0)
			for (i = 0; i < n; i++)
				a[(size_t)i * n + j] = -a[(size_t)i * n + j];
	}
	return 0;
}

int
linalg_svd(float *a, int m, int n, float *s, float *u, float *vt,
    struct diag *d)
{
	lapack_int info;
	int r = m < n ? m : n;

	if (m < 1 || n < 1)
		return diag_fail(d, NULL, 0, 0, "svd: empty matrix");
	if (u == NULL || vt == NULL)
		info = LAPACKE_sgesdd(LAPACK_ROW_MAJOR, 'N', m, n, a, n, s,
		    NULL, 1, NULL, 1);
	else
		info = LAPACKE_sgesdd(LAPACK_ROW_MAJOR, 'S', m, n, a, n, s,
		    u, r, vt, n);
	if (info != 0)
		return diag_fail(d, NULL, 0, 0, "svd: LAPACK sgesdd failed (info %d)",
		    (int)info);
	return 0;
}

void
linalg_colmean(const float *x, long n, int dims, double *mu)
{
	long i;
	int j;

	memset(mu, 0, (size_t)dims * sizeof(double));
	for (i = 0; i < n; i++)
		for (j = 0; j < dims; j++)
			mu[j] += x[(size_t)i * dims + j];
	for (j = 0; j < dims; j++)
		mu[j] /= (double)n;
}

int
linalg_cov(const float *x, long n, int dims, int ddof, double *mu,
    double *cov, struct diag *d)
{
	double *m, *blk;
	long i0, i;
	int j, k;

	if (n <= ddof || dims < 1)
		return diag_fail(d, NULL, 0, 0,
		    "covariance: needs more than %d rows (got %ld)", ddof, n);
	m = mu != NULL ? mu : xmalloc((size_t)dims * sizeof(double));
	linalg_colmean(x, n, dims, m);
	blk = xmalloc((size_t)COV_BLOCK * dims * sizeof(double));
	memset(cov, 0, (size_t)dims * dims * sizeof(double));
	for (i0 = 0; i0 < n; i0 += COV_BLOCK) {
		int nb = (int)(n - i0 < COV_BLOCK ? n - i0 : COV_BLOCK);

		for (i = 0; i < nb; i++)
			for (j = 0; j < dims; j++)
				blk[(size_t)i * dims + j] =
				    (double)x[(size_t)(i0 + i) * dims + j] - m[j];
		cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, dims, nb,
		    1.0, blk, dims, 1.0, cov, dims);
	}
	for (j = 0; j < dims; j++)
		for (k = j; k < dims; k++) {
			double v = cov[(size_t)j * dims + k] / (double)(n - ddof);

			cov[(size_t)j * dims + k] = v;
			cov[(size_t)k * dims + j] = v;
		}
	free(blk);
	if (m != mu)
		free(m);
	return 0;
}
