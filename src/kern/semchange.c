/*
 * kern/semchange: Hamilton et al. (2016) local-neighbourhood change,
 * 1 − cos of the two second-order similarity vectors.
 * Reads two knn_index; writes caller outputs; frees its scratch.
 * Never does I/O or keeps state.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kern/norm.h"
#include "kern/semchange.h"
#include "util/xalloc.h"

int
semchange_local(const struct knn_index *a, const struct knn_index *b,
    long w, int k, double *change, long *nbr, int *nnbr, struct diag *d)
{
	struct knn_opts o;
	long *ids, *u;
	float *sc;
	double *sa, *sb, ab = 0.0, aa = 0.0, bb = 0.0;
	int n = 0, i, j;

	if (a->rows != b->rows || a->dims < 1 || b->dims < 1)
		return diag_fail(d, NULL, 0, 0, "semantic change: the spaces must "
		    "have the same rows (%ld vs %ld)", a->rows, b->rows);
	if (w < 0 || w >= a->rows || k < 1)
		return diag_fail(d, NULL, 0, 0, "semantic change: row %ld or k %d "
		    "out of range", w, k);
	ids = xmalloc((size_t)k * sizeof(long));
	u = xmalloc(2 * (size_t)k * sizeof(long));
	sc = xmalloc((size_t)k * sizeof(float));
	memset(&o, 0, sizeof(o));
	o.metric = KNN_COSINE;
	o.exclude = &w;
	o.nexclude = 1;
	for (i = 0; i < 2; i++) {
		const struct knn_index *x = i == 0 ? a : b;

		if (knn_search(x, x->m + (size_t)w * x->dims, 1, k, &o, ids, sc, d) < 0)
			goto fail;
		for (j = 0; j < k && ids[j] >= 0; j++) {
			int t, dup = 0;

			for (t = 0; t < n; t++)
				if (u[t] == ids[j])
					dup = 1;
			if (!dup)
				u[n++] = ids[j];
		}
	}
	sa = xmalloc(((size_t)n + 1) * sizeof(double));
	sb = xmalloc(((size_t)n + 1) * sizeof(double));
	for (j = 0; j < n; j++) {
		sa[j] = vec_cosine(a->m + (size_t)w * a->dims, a->m + (size_t)u[j] * a->dims,
		    a->dims);
		sb[j] = vec_cosine(b->m + (size_t)w * b->dims, b->m + (size_t)u[j] * b->dims,
		    b->dims);
		ab += sa[j] * sb[j];
		aa += sa[j] * sa[j];
		bb += sb[j] * sb[j];
	}
	*change = aa > 0 && bb > 0 ? 1.0 - ab / (sqrt(aa) * sqrt(bb)) : NAN;
	if (nbr != NULL)
		memcpy(nbr, u, (size_t)n * sizeof(long));
	if (nnbr != NULL)
		*nnbr = n;
	free(sa);
	free(sb);
	free(ids);
	free(u);
	free(sc);
	return 0;
fail:
	free(ids);
	free(u);
	free(sc);
	return -1;
}
