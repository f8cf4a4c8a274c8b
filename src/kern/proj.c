/*
 * kern/proj: PCA through kern/pca; truncated SVD by the eigenvectors of
 * the double-precision Gram matrix xᵀx (DSYRK over float blocks).
 * Reads caller matrices; writes caller outputs; frees its scratch.
 * Never does I/O or keeps state.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

#include "kern/linalg.h"
#include "kern/pca.h"
#include "kern/proj.h"
#include "util/xalloc.h"

#define PROJ_BLOCK 2048

/* np.var (ddof 0) of column c of the n × k matrix m, in double. */
static double
col_var(const float *m, long n, int k, int c)
{
	double mean = 0, v = 0;
	long i;

	for (i = 0; i < n; i++)
		mean += m[(size_t)i * k + c];
	mean /= n;
	for (i = 0; i < n; i++) {
		double t = m[(size_t)i * k + c] - mean;

		v += t * t;
	}
	return v / n;
}

int
proj_linear(const float *x, long n, int dims, int k, int centred,
    float *out, float *comp, double *ratio, struct diag *d)
{
	double *gram, *ev, total = 0;
	float *cp, *zero;
	long i0, i;
	int a, b, rc = -1;

	if (k < 1 || k > dims)
		return diag_fail(d, NULL, 0, 0, "projection: %d components "
		    "asked of %d dimensions", k, dims);
	if (n < 2)
		return diag_fail(d, NULL, 0, 0, "projection: needs at least 2 "
		    "words (got %ld)", n);
	cp = xmalloc((size_t)k * dims * sizeof(float));
	zero = xcalloc((size_t)dims, sizeof(float));
	if (centred) {
		double *var = xmalloc((size_t)k * sizeof(double)), tot;
		float *mu = xmalloc((size_t)dims * sizeof(float));

		rc = pca_fit(x, n, dims, k, mu, cp, var, &tot, d);
		if (rc == 0) {
			pca_project(x, n, dims, mu, cp, k, out);
			for (a = 0; ratio != NULL && a < k; a++)
				ratio[a] = tot > 0 ? var[a] / tot : 0;
		}
		free(var);
		free(mu);
		goto out;
	}
	gram = xcalloc((size_t)dims * dims, sizeof(double));
	ev = xmalloc((size_t)dims * sizeof(double));
	{
		double *db = xmalloc((size_t)PROJ_BLOCK * dims * sizeof(double));

		for (i0 = 0; i0 < n; i0 += PROJ_BLOCK) {
			int nb = (int)(n - i0 < PROJ_BLOCK ? n - i0 : PROJ_BLOCK);

			for (i = 0; i < (long)nb * dims; i++)
				db[i] = x[(size_t)i0 * dims + i];
			cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, dims,
			    nb, 1.0, db, dims, 1.0, gram, dims);
		}
		free(db);
	}
	for (a = 0; a < dims; a++)
		for (b = 0; b < a; b++)
			gram[(size_t)a * dims + b] = gram[(size_t)b * dims + a];
	rc = linalg_eigh(gram, dims, ev, d);
	if (rc == 0) {
		for (a = 0; a < k; a++)
			for (b = 0; b < dims; b++)
				cp[(size_t)a * dims + b] =
				    (float)gram[(size_t)b * dims + a];
		pca_project(x, n, dims, zero, cp, k, out);
		/* svd_flip on U: the largest |projection| positive */
		for (a = 0; a < k; a++) {
			float big = 0;

			for (i = 0; i < n; i++)
				if (fabsf(out[(size_t)i * k + a]) > fabsf(big))
					big = out[(size_t)i * k + a];
			if (big < 0) {
				for (i = 0; i < n; i++)
					out[(size_t)i * k + a] = -out[(size_t)i *
					    k + a];
				for (b = 0; b < dims; b++)
					cp[(size_t)a * dims + b] = -cp[(size_t)a *
					    dims + b];
			}
		}
		for (b = 0; b < dims; b++) {
			double mean = 0, v = 0;

			for (i = 0; i < n; i++)
				mean += x[(size_t)i * dims + b];
			mean /= n;
			for (i = 0; i < n; i++) {
				double t = x[(size_t)i * dims + b] - mean;

				v += t * t;
			}
			total += v / n;
		}
		for (a = 0; ratio != NULL && a < k; a++)
			ratio[a] = total > 0 ? col_var(out, n, k, a) / total : 0;
	}
	free(gram);
	free(ev);
out:
	if (rc == 0 && comp != NULL)
		memcpy(comp, cp, (size_t)k * dims * sizeof(float));
	free(cp);
	free(zero);
	return rc;
}
