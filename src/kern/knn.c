/*
 * kern/knn: exact top-k search by blocked SGEMM (OpenBLAS) and a k-heap
 * per query. Reads the caller's matrix and queries; writes the caller's
 * id/score arrays and frees its own scratch. Never holds more than one
 * block of queries × rows scores, never prints, never keeps state.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

#include "kern/knn.h"
#include "kern/norm.h"
#include "kern/topk.h"
#include "util/xalloc.h"

/*
 * Block shape: KNN_QB queries × KNN_RB rows of scores (1 MiB) stay in
 * cache while the heaps scan them; the rows block (KNN_RB × dims floats)
 * is reused by every query of the block.
 */
#define KNN_QB	256
#define KNN_RB	1024

void
knn_index_init(struct knn_index *ix, const float *m, long rows, int dims)
{
	long i;

	ix->m = m;
	ix->rows = rows;
	ix->dims = dims;
	ix->norm = xmalloc(((size_t)rows + 1) * sizeof(float));
	ix->inv_norm = xmalloc(((size_t)rows + 1) * sizeof(float));
	ix->sq_norm = xmalloc(((size_t)rows + 1) * sizeof(float));
	for (i = 0; i < rows; i++) {
		float n = vec_norm_numpy(m + (size_t)i * dims, dims);

		ix->norm[i] = n;
		ix->inv_norm[i] = n > 0.f ? 1.f / n : NAN;
		ix->sq_norm[i] = n * n;
	}
}

void
knn_index_clear(struct knn_index *ix)
{
	if (ix == NULL)
		return;
	free(ix->norm);
	free(ix->inv_norm);
	free(ix->sq_norm);
	ix->norm = ix->inv_norm = ix->sq_norm = NULL;
	ix->m = NULL;
	ix->rows = 0;
}

/*
 * A bound safely under x for screening: x less 2^-20 of its magnitude
 * (8 float32 ulps) and the smallest normal, so that rounding of the
 * screening product never hides a row whose exact score beats x.
 */
static inline float
below(float x)
{
	return x - fabsf(x) * 0x1p-20f - FLT_MIN;
}

/* Sort helper for the final order: best first. */
struct cand {
	double	 s;
	long	 id;
};

static int
cand_cmp_desc(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->s != y->s)
		return x->s > y->s ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static int
cand_cmp_asc(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static int
excluded(const long *qex, int nqex, long id)
{
	int i;

	for (i = 0; i < nqex; i++)
		if (qex[i] == id)
			return 1;
	return 0;
}

int
knn_search(const struct knn_index *ix, const float *queries, long nq,
    int k, const struct knn_opts *opt, long *ids, float *scores,
    struct diag *d)
{
	static const struct knn_opts defaults;
	const int dims = ix->dims;
	long rows, q0, r0, i;
	float *qbuf = NULL, *cblk = NULL, *hs = NULL;
	long *hi = NULL;
	struct topk *tk = NULL;
	unsigned char *mask = NULL;
	struct cand *cs = NULL;
	int rc = -1;

	if (opt == NULL)
		opt = &defaults;
	if (k < 1)
		return diag_fail(d, NULL, 0, 0, "knn: k must be at least 1 (got %d)", k);
	if (nq < 0 || dims < 1 || ix->rows < 0)
		return diag_fail(d, NULL, 0, 0, "knn: bad shape (%ld queries, %d dims)",
		    nq, dims);
	if (opt->metric != KNN_COSINE && opt->metric != KNN_DOT &&
	    opt->metric != KNN_EUCLIDEAN)
		return diag_fail(d, NULL, 0, 0, "knn: unknown metric %d", (int)opt->metric);
	rows = ix->rows;
	if (opt->restrict_rows > 0 && opt->restrict_rows < rows)
		rows = opt->restrict_rows;
	for (i = 0; i < nq * k; i++) {
		ids[i] = -1;
		scores[i] = NAN;
	}
	if (nq == 0 || rows == 0)
		return 0;

	if (opt->nexclude > 0) {
		mask = xcalloc((size_t)rows, 1);
		for (i = 0; i < (long)opt->nexclude; i++)
			if (opt->exclude[i] >= 0 && opt->exclude[i] < rows)
				mask[opt->exclude[i]] = 1;
	}
	qbuf = xmalloc((size_t)KNN_QB * dims * sizeof(float));
	cblk = xmalloc((size_t)KNN_QB * KNN_RB * sizeof(float));
	hs = xmalloc((size_t)KNN_QB * k * sizeof(float));
	hi = xmalloc((size_t)KNN_QB * k * sizeof(long));
	tk = xmalloc((size_t)KNN_QB * sizeof(*tk));
	cs = xmalloc((size_t)k * sizeof(struct cand));

	for (q0 = 0; q0 < nq; q0 += KNN_QB) {
		int nqb = (int)(nq - q0 < KNN_QB ? nq - q0 : KNN_QB);
		int q;

		memcpy(qbuf, queries + (size_t)q0 * dims,
		    (size_t)nqb * dims * sizeof(float));
		if (opt->metric == KNN_COSINE && !opt->unit_queries) {
			for (q = 0; q < nqb; q++) {
				float *x = qbuf + (size_t)q * dims;
				float n = vec_norm_numpy(x, dims);
				int j;

				/* A zero query has no direction: every score NaN. */
				for (j = 0; j < dims; j++)
					x[j] = n > 0.f ? x[j] / n : NAN;
			}
		}
		for (q = 0; q < nqb; q++)
			topk_init(&tk[q], hs + (size_t)q * k, hi + (size_t)q * k, k);

		for (r0 = 0; r0 < rows; r0 += KNN_RB) {
			int nrb = (int)(rows - r0 < KNN_RB ? rows - r0 : KNN_RB);
			const float *mb = ix->m + (size_t)r0 * dims;

			if (nqb == 1)
				cblas_sgemv(CblasRowMajor, CblasNoTrans, nrb, dims,
				    1.f, mb, dims, qbuf, 1, 0.f, cblk, 1);
			else
				cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
				    nqb, nrb, dims, 1.f, qbuf, dims, mb, dims,
				    0.f, cblk, nrb);

			for (q = 0; q < nqb; q++) {
				const float *c = cblk + (size_t)q * nrb;
				struct topk *t = &tk[q];
				const long *qex = opt->qexclude_n > 0 ?
				    opt->qexclude + (size_t)(q0 + q) * opt->qexclude_n : NULL;
				int j = 0;
				float lo = t->n == k ? below(t->s[0]) : -INFINITY;

				/*
				 * Rows arrive in increasing id order, so a candidate
				 * equal to the heap's worst is never better: only a
				 * strictly higher score enters a full heap.
				 */
				for (; j < nrb; j++) {
					long id = r0 + j;
					float s;

					switch (opt->metric) {
					case KNN_COSINE:
						/*
						 * gensim divides by the norm; a product with
						 * the cached inverse is within a few ulps of
						 * it and cheap, so it screens, and only rows
						 * that may enter pay for the exact quotient.
						 */
						if (!(c[j] * ix->inv_norm[id] >= lo))
							continue;
						s = c[j] / ix->norm[id];
						break;
					case KNN_DOT:
						s = c[j];
						break;
					default:
						s = 2.f * c[j] - ix->sq_norm[id];
						break;
					}
					if (t->n == k && !(s > t->s[0]))
						continue;
					if (mask != NULL && mask[id])
						continue;
					if (qex != NULL && excluded(qex, opt->qexclude_n, id))
						continue;
					topk_push(t, s, id);
					if (t->n == k)
						lo = below(t->s[0]);
				}
			}
		}

		for (q = 0; q < nqb; q++) {
			const float *qv = queries + (size_t)(q0 + q) * dims;
			long *oi = ids + (size_t)(q0 + q) * k;
			float *os = scores + (size_t)(q0 + q) * k;
			int n = tk[q].n, j;

			for (j = 0; j < n; j++) {
				cs[j].id = tk[q].id[j];
				cs[j].s = tk[q].s[j];
				if (opt->metric == KNN_EUCLIDEAN) {
					const float *x = ix->m + (size_t)cs[j].id * dims;
					double s = 0.0;
					int t;

					for (t = 0; t < dims; t++) {
						double df = (double)qv[t] - x[t];

						s += df * df;
					}
					cs[j].s = sqrt(s);
				}
			}
			qsort(cs, (size_t)n, sizeof(*cs),
			    opt->metric == KNN_EUCLIDEAN ? cand_cmp_asc : cand_cmp_desc);
			for (j = 0; j < n; j++) {
				oi[j] = cs[j].id;
				os[j] = (float)cs[j].s;
			}
		}
	}
	rc = 0;
	free(mask);
	free(qbuf);
	free(cblk);
	free(hs);
	free(hi);
	free(tk);
	free(cs);
	return rc;
}
