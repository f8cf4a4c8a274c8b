/*
 * kern/linmap: ridge least-squares maps between spaces (normal
 * equations in double, Cholesky), their residuals and precision@k.
 * Reads caller matrices; writes caller-allocated outputs.
 * Never prints; allocates only scratch that it frees.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>
#include <lapacke.h>

#include "kern/linmap.h"
#include "util/xalloc.h"

int
linmap_fit(const float *x, const float *y, long n, int d1, int d2,
    double lambda, float *w, struct diag *d)
{
	double *xd, *yd, *a, *b;
	size_t i;
	lapack_int info;
	int j, rc = 0;

	if (n < 1 || d1 < 1 || d2 < 1)
		return diag_fail(d, NULL, 0, 0, "linear map: no training pairs");
	if (!(lambda >= 0))
		return diag_fail(d, NULL, 0, 0, "linear map: the ridge lambda "
		    "must be >= 0");
	xd = xcalloc((size_t)n * (size_t)d1, sizeof(*xd));
	yd = xcalloc((size_t)n * (size_t)d2, sizeof(*yd));
	a = xcalloc((size_t)d1 * (size_t)d1, sizeof(*a));
	b = xcalloc((size_t)d1 * (size_t)d2, sizeof(*b));
	for (i = 0; i < (size_t)n * (size_t)d1; i++)
		xd[i] = x[i];
	for (i = 0; i < (size_t)n * (size_t)d2; i++)
		yd[i] = y[i];
	/* A = XᵀX (upper triangle), B = XᵀY */
	cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, d1, (int)n, 1.0, xd,
	    d1, 0.0, a, d1);
	cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, d1, d2, (int)n,
	    1.0, xd, d1, yd, d2, 0.0, b, d2);
	for (j = 0; j < d1; j++)
		a[(size_t)j * d1 + j] += lambda;
	info = LAPACKE_dposv(LAPACK_ROW_MAJOR, 'U', d1, d2, a, d1, b, d2);
	if (info > 0)
		rc = diag_fail(d, NULL, 0, 0, "linear map: XᵀX + λI is not "
		    "positive definite (%ld training words for %d dimensions, "
		    "lambda %g): use lambda > 0 or more words", n, d1, lambda);
	else if (info < 0)
		rc = diag_fail(d, NULL, 0, 0, "linear map: LAPACK dposv failed "
		    "(info %d)", (int)info);
	else
		for (i = 0; i < (size_t)d1 * (size_t)d2; i++)
			w[i] = (float)b[i];
	free(xd);
	free(yd);
	free(a);
	free(b);
	return rc;
}

void
linmap_apply(const float *x, long n, int d1, int d2, const float *w,
    float *out)
{
	if (n < 1)
		return;
	cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, d2, d1,
	    1.0f, x, d1, w, d2, 0.0f, out, d2);
}

void
linmap_residuals(const float *xw, const float *y, long n, int d2, double *res)
{
	long i;
	int j;

	for (i = 0; i < n; i++) {
		double s = 0;

		for (j = 0; j < d2; j++) {
			double t = (double)xw[(size_t)i * d2 + j] -
			    (double)y[(size_t)i * d2 + j];

			s += t * t;
		}
		res[i] = sqrt(s);
	}
}

int
linmap_precision(const struct knn_index *target, const float *xw, long n,
    int dims, const long *gold, long *pred, struct linmap_eval *out,
    struct diag *d)
{
	struct knn_opts o;
	long *ids, i;
	float *sc;
	int k = LINMAP_TOPK, j, rc;

	memset(out, 0, sizeof(*out));
	if (n < 1)
		return diag_fail(d, NULL, 0, 0, "linear map: no test words");
	if (dims != target->dims)
		return diag_fail(d, NULL, 0, 0, "linear map: mapped vectors have "
		    "%d dimensions, the target space %d", dims, target->dims);
	memset(&o, 0, sizeof(o));
	o.metric = KNN_COSINE;
	ids = xcalloc((size_t)n * k, sizeof(*ids));
	sc = xcalloc((size_t)n * k, sizeof(*sc));
	rc = knn_search(target, xw, n, k, &o, ids, sc, d);
	if (rc == 0) {
		out->n = n;
		for (i = 0; i < n; i++) {
			for (j = 0; j < k; j++)
				if (ids[(size_t)i * k + j] == gold[i]) {
					if (j == 0)
						out->hit1++;
					out->hitk++;
					break;
				}
		}
		out->p1 = (double)out->hit1 / (double)n;
		out->pk = (double)out->hitk / (double)n;
		if (pred)
			memcpy(pred, ids, (size_t)n * k * sizeof(*ids));
	}
	free(ids);
	free(sc);
	return rc;
}
