/*
 * corpus/cooc: windowed co-occurrence counts (CSR built by two counting-
 * sort passes, no hashing), PPMI and dense blocks.
 * Reads token ids; writes owned CSR arrays and caller-allocated blocks.
 * Never does I/O; never keeps state between calls.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/cooc.h"
#include "util/xalloc.h"

int
cooc_count(const uint32_t *tok, const size_t *doc, size_t ndocs,
    size_t ntypes, int window, int harmonic, size_t nrows, struct cooc *out,
    struct diag *d)
{
	size_t *start = NULL, *pos = NULL, e, i, k, r, nnz;
	uint32_t *r1 = NULL, *c2 = NULL;
	unsigned char *d1 = NULL, *d2 = NULL;
	double inv[256];
	size_t di;

	memset(out, 0, sizeof(*out));
	if (window < 1 || window > 255)
		return diag_fail(d, NULL, 0, 0, "cooccurrence: the window must "
		    "be 1..255 tokens (got %d)", window);
	if (nrows == 0 || nrows > ntypes)
		nrows = ntypes;
	out->nrows = nrows;
	out->ntypes = ntypes;
	out->window = window;
	out->harmonic = harmonic;
	out->marg = xcalloc(ntypes + 1, sizeof(*out->marg));
	out->rowptr = xcalloc(nrows + 1, sizeof(*out->rowptr));
	for (k = 1; k < 256; k++)
		inv[k] = harmonic ? 1.0 / (double)k : 1.0;
	/* pass 1: marginals over all contexts; entries per kept row */
	start = xcalloc(nrows + 2, sizeof(*start));
	for (di = 0; di < ndocs; di++) {
		size_t s = doc[di], t = doc[di + 1];

		for (i = s; i < t; i++) {
			uint32_t a = tok[i];

			if (a >= ntypes) {
				cooc_clear(out);
				free(start);
				return diag_fail(d, NULL, 0, 0, "cooccurrence: "
				    "token %zu has id %u, outside the vocabulary "
				    "of %zu", i, a, ntypes);
			}
			for (k = 1; k <= (size_t)window && i + k < t; k++) {
				uint32_t b = tok[i + k];

				if (b >= ntypes)
					continue;	/* reported at its turn */
				out->marg[a] += inv[k];
				out->marg[b] += inv[k];
				if (a < nrows && b < nrows) {
					start[a + 1]++;
					start[b + 1]++;
				}
			}
		}
	}
	for (i = 0; i < ntypes; i++)
		out->total += out->marg[i];
	for (r = 0; r < nrows; r++)
		start[r + 1] += start[r];
	e = start[nrows];
	/* pass 2: entries into column buckets (row ids in text order) */
	r1 = xcalloc(e + 1, sizeof(*r1));
	if (harmonic)
		d1 = xcalloc(e + 1, 1);
	pos = xcalloc(nrows + 1, sizeof(*pos));
	memcpy(pos, start, nrows * sizeof(*pos));
	for (di = 0; di < ndocs; di++) {
		size_t s = doc[di], t = doc[di + 1];

		for (i = s; i < t; i++) {
			uint32_t a = tok[i];

			if (a >= nrows)
				continue;
			for (k = 1; k <= (size_t)window && i + k < t; k++) {
				uint32_t b = tok[i + k];

				if (b >= nrows)
					continue;
				/* entry (a, b) in column b, entry (b, a) in
				 * column a (a == b: two entries, X(a, a) += 2) */
				if (d1)
					d1[pos[b]] = (unsigned char)k;
				r1[pos[b]++] = a;
				if (d1)
					d1[pos[a]] = (unsigned char)k;
				r1[pos[a]++] = b;
			}
		}
	}
	/* pass 3: scatter by row, visiting columns in ascending order, so
	 * that every row's columns come out sorted (X is symmetric, so the
	 * bucket sizes are the row sizes) */
	c2 = xcalloc(e + 1, sizeof(*c2));
	if (harmonic)
		d2 = xcalloc(e + 1, 1);
	memcpy(pos, start, nrows * sizeof(*pos));
	for (r = 0; r < nrows; r++)
		for (k = start[r]; k < start[r + 1]; k++) {
			uint32_t row = r1[k];

			if (d2)
				d2[pos[row]] = d1[k];
			c2[pos[row]++] = (uint32_t)r;
		}
	free(r1);
	free(d1);
	r1 = NULL;
	d1 = NULL;
	/* pass 4: merge equal columns */
	nnz = 0;
	for (r = 0; r < nrows; r++)
		for (k = start[r]; k < start[r + 1]; k++)
			if (k == start[r] || c2[k] != c2[k - 1])
				nnz++;
	out->nnz = nnz;
	out->col = xcalloc(nnz + 1, sizeof(*out->col));
	out->val = xcalloc(nnz + 1, sizeof(*out->val));
	nnz = 0;
	for (r = 0; r < nrows; r++) {
		out->rowptr[r] = nnz;
		for (k = start[r]; k < start[r + 1]; k++) {
			double w = d2 ? inv[d2[k]] : 1.0;

			if (k == start[r] || c2[k] != c2[k - 1]) {
				out->col[nnz] = c2[k];
				out->val[nnz++] = w;
			} else
				out->val[nnz - 1] += w;
		}
	}
	out->rowptr[nrows] = nnz;
	free(c2);
	free(d2);
	free(pos);
	free(start);
	return 0;
}

void
cooc_clear(struct cooc *x)
{
	free(x->rowptr);
	free(x->col);
	free(x->val);
	free(x->marg);
	memset(x, 0, sizeof(*x));
}

double
cooc_get(const struct cooc *x, size_t w, size_t c)
{
	size_t lo, hi;

	if (w >= x->nrows || c >= x->nrows)
		return 0;
	lo = x->rowptr[w];
	hi = x->rowptr[w + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (x->col[mid] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->rowptr[w + 1] && x->col[lo] == c ? x->val[lo] : 0;
}

double
cooc_cds_norm(const struct cooc *x, double cds)
{
	double z = 0;
	size_t i;

	if (cds == 1)
		return x->total;
	for (i = 0; i < x->ntypes; i++)
		if (x->marg[i] > 0)
			z += pow(x->marg[i], cds);
	return z;
}

static double
ppmi_of(double xwc, double mw, double mc_cds, double z)
{
	double v;

	if (xwc <= 0 || mw <= 0 || mc_cds <= 0)
		return 0;
	v = log(xwc * z / (mw * mc_cds));
	return v > 0 ? v : 0;
}

double
cooc_ppmi(const struct cooc *x, size_t w, size_t c, double cds, double z)
{
	double mc;

	if (w >= x->nrows || c >= x->nrows)
		return 0;
	mc = cds == 1 ? x->marg[c] : pow(x->marg[c], cds);
	return ppmi_of(cooc_get(x, w, c), x->marg[w], mc, z);
}

int
cooc_dense(const struct cooc *x, size_t n, enum cooc_value what, double cds,
    double *out, struct diag *d)
{
	double *mc = NULL, z = 0;
	size_t r, k;

	if (n == 0 || n > x->nrows)
		return diag_fail(d, NULL, 0, 0, "cooccurrence: a %zu × %zu block "
		    "of a matrix with %zu rows", n, n, x->nrows);
	memset(out, 0, n * n * sizeof(*out));
	if (what == COOC_PPMI) {
		mc = xcalloc(n, sizeof(*mc));
		for (k = 0; k < n; k++)
			mc[k] = cds == 1 ? x->marg[k] : pow(x->marg[k], cds);
		z = cooc_cds_norm(x, cds);
	}
	for (r = 0; r < n; r++) {
		double *row = out + r * n;

		for (k = x->rowptr[r]; k < x->rowptr[r + 1]; k++) {
			uint32_t c = x->col[k];

			if (c >= n)
				break;
			switch (what) {
			case COOC_COUNTS:
				row[c] = x->val[k];
				break;
			case COOC_LOG1P:
				row[c] = log1p(x->val[k]);
				break;
			case COOC_PPMI:
				row[c] = ppmi_of(x->val[k], x->marg[r], mc[c], z);
				break;
			}
		}
	}
	free(mc);
	return 0;
}
