/*
 * corpus/spectrum: singular values by LAPACK (dgesdd / dsyevd, values
 * only) and flatness measures of the spectrum.
 * Reads a caller matrix (destroyed); writes caller or owned arrays.
 * Never prints; an all-zero matrix is an error, not a NaN spectrum.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lapacke.h>

#include "corpus/spectrum.h"
#include "util/xalloc.h"

static int
cmp_desc(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a > b ? -1 : a < b;
}

int
spectrum_singular(double *a, int n, int symmetric, double *sv,
    struct diag *d)
{
	lapack_int info;
	int i;

	if (n < 1)
		return diag_fail(d, NULL, 0, 0, "spectrum: empty matrix");
	if (symmetric) {
		info = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, 'N', 'U', n, a, n, sv);
		if (info != 0)
			return diag_fail(d, NULL, 0, 0, "spectrum: LAPACK dsyevd "
			    "failed (info %d)", (int)info);
		for (i = 0; i < n; i++)
			sv[i] = fabs(sv[i]);
		qsort(sv, (size_t)n, sizeof(*sv), cmp_desc);
		return 0;
	}
	/* jobz 'N' references neither U nor VT, but LAPACKE checks ldu/ldvt */
	info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'N', n, n, a, n, sv, NULL, n,
	    NULL, n);
	if (info != 0)
		return diag_fail(d, NULL, 0, 0, "spectrum: LAPACK dgesdd failed "
		    "(info %d)", (int)info);
	return 0;
}

int
spectrum_compute(double *a, int n, int symmetric, int k,
    struct spectrum *out, struct diag *d)
{
	double tops = 0, tope = 0, h = 0, tol;
	int i;

	memset(out, 0, sizeof(*out));
	if (n < 1)
		return diag_fail(d, NULL, 0, 0, "spectrum: empty matrix");
	out->n = n;
	out->sv = xcalloc((size_t)n, sizeof(*out->sv));
	out->norm = xcalloc((size_t)n, sizeof(*out->norm));
	if (spectrum_singular(a, n, symmetric, out->sv, d) < 0) {
		spectrum_clear(out);
		return -1;
	}
	k = k < 1 ? 1 : k > n ? n : k;
	out->k = k;
	for (i = 0; i < n; i++) {
		out->sum += out->sv[i];
		out->sumsq += out->sv[i] * out->sv[i];
	}
	if (!(out->sum > 0)) {
		spectrum_clear(out);
		return diag_fail(d, NULL, 0, 0, "spectrum: the matrix is all "
		    "zeros (no co-occurrences among these words?)");
	}
	tol = out->sv[0] * n * DBL_EPSILON;
	for (i = 0; i < n; i++) {
		double p = out->sv[i] / out->sum;

		out->norm[i] = p;
		if (p > 0)
			h -= p * log2(p);
		if (i < k) {
			tops += out->sv[i];
			tope += out->sv[i] * out->sv[i];
		}
		if (out->sv[i] > tol)
			out->rank++;
	}
	out->top_share = tops / out->sum;
	out->top_energy = tope / out->sumsq;
	out->entropy = h > 0 ? h : 0;
	out->norm_entropy = n > 1 ? out->entropy / log2((double)n) : 0;
	out->erank = exp2(out->entropy);
	return 0;
}

void
spectrum_clear(struct spectrum *out)
{
	free(out->sv);
	free(out->norm);
	memset(out, 0, sizeof(*out));
}
