/*
 * kern/axis: pole means and pair-difference PCA in double precision;
 * projections as cosines; the leave-one-pair-out check.
 * Reads caller matrices; writes caller outputs; frees its scratch.
 * Never does I/O or keeps state.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kern/axis.h"
#include "kern/linalg.h"
#include "util/xalloc.h"

/* Row r of x scaled to unit length into out[dims] (zeros for a zero row). */
static void
unit_row(const float *x, int dims, long r, double *out)
{
	double s = 0;
	int c;

	for (c = 0; c < dims; c++) {
		out[c] = x[(size_t)r * dims + c];
		s += out[c] * out[c];
	}
	s = s > 0 ? 1 / sqrt(s) : 0;
	for (c = 0; c < dims; c++)
		out[c] *= s;
}

int
axis_build(const float *x, long n, int dims, const long *pos, int npos,
    const long *neg, int nneg, enum axis_kind kind, double *axis,
    double *len, struct diag *d)
{
	double *u, *mp, *mn, l = 0;
	int i, j, c, rc = 0;

	if (npos < 1 || nneg < 1)
		return diag_fail(d, NULL, 0, 0, "axis: the %s pole has no "
		    "words", npos < 1 ? "first" : "second");
	for (i = 0; i < npos; i++)
		for (j = 0; j < nneg; j++)
			if (pos[i] == neg[j])
				return diag_fail(d, NULL, 0, 0, "axis: word %ld "
				    "is in both poles", pos[i]);
	for (i = 0; i < npos + nneg; i++) {
		long r = i < npos ? pos[i] : neg[i - npos];

		if (r < 0 || r >= n)
			return diag_fail(d, NULL, 0, 0, "axis: row %ld out of "
			    "range", r);
	}
	if (kind == AXIS_PAIR_PCA && npos != nneg)
		return diag_fail(d, NULL, 0, 0, "axis: pair PCA needs as many "
		    "words in each pole (got %d and %d)", npos, nneg);
	u = xmalloc((size_t)dims * sizeof(double));
	mp = xcalloc((size_t)dims, sizeof(double));
	mn = xcalloc((size_t)dims, sizeof(double));
	for (i = 0; i < npos; i++) {
		unit_row(x, dims, pos[i], u);
		for (c = 0; c < dims; c++)
			mp[c] += u[c] / npos;
	}
	for (i = 0; i < nneg; i++) {
		unit_row(x, dims, neg[i], u);
		for (c = 0; c < dims; c++)
			mn[c] += u[c] / nneg;
	}
	for (c = 0; c < dims; c++) {
		axis[c] = mp[c] - mn[c];
		l += axis[c] * axis[c];
	}
	l = sqrt(l);
	if (!(l > 1e-9)) {
		rc = diag_fail(d, NULL, 0, 0, "axis: the two poles have the "
		    "same mean (an axis of zero length)");
		goto out;
	}
	if (len != NULL)
		*len = l;
	for (c = 0; c < dims; c++)
		axis[c] /= l;
	if (kind == AXIS_PAIR_PCA) {
		/* top eigenvector of Σ dᵢdᵢᵀ over the pair differences */
		double *g = xcalloc((size_t)dims * dims, sizeof(double));
		double *ev = xmalloc((size_t)dims * sizeof(double));
		double *dv = xmalloc((size_t)dims * sizeof(double)), dot = 0;
		int a, b;

		for (i = 0; i < npos; i++) {
			unit_row(x, dims, pos[i], dv);
			unit_row(x, dims, neg[i], u);
			for (c = 0; c < dims; c++)
				dv[c] -= u[c];
			for (a = 0; a < dims; a++)
				for (b = 0; b < dims; b++)
					g[(size_t)a * dims + b] += dv[a] * dv[b];
		}
		rc = linalg_eigh(g, dims, ev, d);
		if (rc == 0) {
			for (c = 0; c < dims; c++)
				dot += g[(size_t)c * dims] * axis[c];
			for (c = 0; c < dims; c++)
				axis[c] = (dot < 0 ? -1 : 1) * g[(size_t)c * dims];
		}
		free(g);
		free(ev);
		free(dv);
	}
out:
	free(u);
	free(mp);
	free(mn);
	return rc;
}

void
axis_project(const float *x, int dims, const double *axis, const long *ids,
    long nids, double *out)
{
	double *u = xmalloc((size_t)dims * sizeof(double));
	long i;
	int c;

	for (i = 0; i < nids; i++) {
		double s = 0;

		unit_row(x, dims, ids[i], u);
		for (c = 0; c < dims; c++)
			s += u[c] * axis[c];
		out[i] = s;
	}
	free(u);
}

int
axis_holdout(const float *x, long n, int dims, const long *pos, int npos,
    const long *neg, int nneg, enum axis_kind kind, double *pair_acc,
    double *side_acc, struct diag *d)
{
	int np = npos < nneg ? npos : nneg, i, j, okpair = 0, okside = 0;
	long *p2 = xmalloc((size_t)npos * sizeof(long));
	long *n2 = xmalloc((size_t)nneg * sizeof(long));
	double *ax = xmalloc((size_t)dims * sizeof(double));
	double *pp = xmalloc((size_t)(npos + nneg) * sizeof(double));
	int rc = 0;

	if (np < 2) {
		rc = diag_fail(d, NULL, 0, 0, "axis: the held-out check needs "
		    "at least 2 pole pairs (got %d)", np);
		goto out;
	}
	for (i = 0; i < np; i++) {
		int a = 0, b = 0;
		double mp = 0, mn = 0, mid, hp, hn;

		for (j = 0; j < npos; j++)
			if (j != i)
				p2[a++] = pos[j];
		for (j = 0; j < nneg; j++)
			if (j != i)
				n2[b++] = neg[j];
		if (axis_build(x, n, dims, p2, a, n2, b, kind, ax, NULL, d) < 0) {
			rc = -1;
			goto out;
		}
		axis_project(x, dims, ax, p2, a, pp);
		axis_project(x, dims, ax, n2, b, pp + a);
		for (j = 0; j < a; j++)
			mp += pp[j] / a;
		for (j = 0; j < b; j++)
			mn += pp[a + j] / b;
		mid = (mp + mn) / 2;
		axis_project(x, dims, ax, &pos[i], 1, &hp);
		axis_project(x, dims, ax, &neg[i], 1, &hn);
		okpair += hp > hn;
		okside += (hp > mid) + (hn < mid);
	}
	*pair_acc = (double)okpair / np;
	*side_acc = (double)okside / (2.0 * np);
out:
	free(p2);
	free(n2);
	free(ax);
	free(pp);
	return rc;
}
