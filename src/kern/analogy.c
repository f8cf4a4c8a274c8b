/*
 * kern/analogy: 3CosAdd and 3CosMul with gensim 4.x's float32 arithmetic,
 * so that near-ties resolve as they do in gensim.
 * Reads a knn_index; writes caller outputs; frees its own scratch.
 * Never does I/O or keeps state.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

#include "kern/analogy.h"
#include "kern/topk.h"
#include "util/xalloc.h"

/* Block of rows scored at once by 3CosMul. */
#define COSMUL_RB 4096

void
analogy_mean(const struct knn_index *ix, const long *pos, int npos,
    const long *neg, int nneg, float *out)
{
	const int dims = ix->dims;
	int i, j;

	/* mean = zeros(float32); mean += w * (v / norm) per key, in order */
	memset(out, 0, (size_t)dims * sizeof(float));
	for (i = 0; i < npos + nneg; i++) {
		long id = i < npos ? pos[i] : neg[i - npos];
		const float *v = ix->m + (size_t)id * dims;
		float n = ix->norm[id];

		for (j = 0; j < dims; j++) {
			float u = v[j] / n;

			out[j] = i < npos ? out[j] + u : out[j] + -u;
		}
	}
	if (npos + nneg > 0)
		for (j = 0; j < dims; j++)
			out[j] = out[j] / (float)(npos + nneg);
	analogy_unitvec(out, dims);
}

void
analogy_unitvec(float *v, int n)
{
	double *t = xmalloc((size_t)n * sizeof(double)), nrm;
	int j;

	/*
	 * matutils.unitvec: blas_nrm2 and blas_scal are scipy's dnrm2 and
	 * dscal, so the float32 vector is scaled in double and rounded back
	 * (.astype(float32)).
	 */
	for (j = 0; j < n; j++)
		t[j] = v[j];
	nrm = cblas_dnrm2(n, t, 1);
	if (nrm > 0.0) {
		cblas_dscal(n, 1.0 / nrm, t, 1);
		for (j = 0; j < n; j++)
			v[j] = (float)t[j];
	}
	free(t);
}

static int
check_ids(const struct knn_index *ix, const long *v, int n, int k,
    struct diag *d)
{
	int i;

	if (k < 1)
		return diag_fail(d, NULL, 0, 0, "analogy: k must be at least 1 (got %d)", k);
	for (i = 0; i < n; i++)
		if (v[i] < 0 || v[i] >= ix->rows)
			return diag_fail(d, NULL, 0, 0,
			    "analogy: row %ld outside the matrix (%ld rows)",
			    v[i], ix->rows);
	return 0;
}

int
analogy_cosadd(const struct knn_index *ix, const long *pos, int npos,
    const long *neg, int nneg, long restrict_rows, int k, long *ids,
    float *scores, struct diag *d)
{
	struct knn_opts o;
	long *ex;
	float *q;
	int rc, i;

	if (npos < 0 || nneg < 0 || npos + nneg == 0)
		return diag_fail(d, NULL, 0, 0, "analogy: no input words");
	if (check_ids(ix, pos, npos, k, d) < 0 || check_ids(ix, neg, nneg, k, d) < 0)
		return -1;
	ex = xmalloc((size_t)(npos + nneg) * sizeof(long));
	for (i = 0; i < npos + nneg; i++)
		ex[i] = i < npos ? pos[i] : neg[i - npos];
	q = xmalloc((size_t)ix->dims * sizeof(float));
	analogy_mean(ix, pos, npos, neg, nneg, q);
	memset(&o, 0, sizeof(o));
	o.metric = KNN_COSINE;
	o.restrict_rows = restrict_rows;
	o.qexclude = ex;
	o.qexclude_n = npos + nneg;
	o.unit_queries = 1;
	rc = knn_search(ix, q, 1, k, &o, ids, scores, d);
	free(ex);
	free(q);
	return rc;
}

int
analogy_cosmul(const struct knn_index *ix, const long *pos, int npos,
    const long *neg, int nneg, long restrict_rows, int k, long *ids,
    float *scores, struct diag *d)
{
	const int dims = ix->dims, nin = npos + nneg;
	long rows = ix->rows, r0;
	float *u, *c, *hs;
	long *hi;
	struct topk t;
	int i, j;

	if (npos < 1 || nneg < 0)
		return diag_fail(d, NULL, 0, 0,
		    "analogy: 3CosMul needs at least one positive word");
	if (check_ids(ix, pos, npos, k, d) < 0 || check_ids(ix, neg, nneg, k, d) < 0)
		return -1;
	if (restrict_rows > 0 && restrict_rows < rows)
		rows = restrict_rows;
	for (i = 0; i < k; i++) {
		ids[i] = -1;
		scores[i] = NAN;
	}
	/* unit input vectors, get_vector(norm=True): v / norm in float32 */
	u = xmalloc((size_t)nin * dims * sizeof(float));
	for (i = 0; i < nin; i++) {
		long id = i < npos ? pos[i] : neg[i - npos];

		for (j = 0; j < dims; j++)
			u[(size_t)i * dims + j] = ix->m[(size_t)id * dims + j] /
			    ix->norm[id];
	}
	c = xmalloc((size_t)nin * COSMUL_RB * sizeof(float));
	hs = xmalloc((size_t)k * sizeof(float));
	hi = xmalloc((size_t)k * sizeof(long));
	topk_init(&t, hs, hi, k);
	for (r0 = 0; r0 < rows; r0 += COSMUL_RB) {
		int nrb = (int)(rows - r0 < COSMUL_RB ? rows - r0 : COSMUL_RB);

		cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, nin, nrb,
		    dims, 1.f, u, dims, ix->m + (size_t)r0 * dims, dims, 0.f,
		    c, nrb);
		for (j = 0; j < nrb; j++) {
			long id = r0 + j;
			float inv = ix->inv_norm[id], p = 1.f, n = 1.f, s;
			int skip = 0;

			for (i = 0; i < nin; i++)
				if ((i < npos ? pos[i] : neg[i - npos]) == id)
					skip = 1;
			if (skip)
				continue;
			for (i = 0; i < npos; i++) {
				float dist = (1.f + c[(size_t)i * nrb + j] * inv) / 2.f;

				p = i == 0 ? dist : p * dist;
			}
			for (i = 0; i < nneg; i++) {
				float dist = (1.f + c[(size_t)(npos + i) * nrb + j] * inv) / 2.f;

				n = i == 0 ? dist : n * dist;
			}
			/* np.prod([]) is 1.0, and 1.0 + 1e-6 rounds as 1.f + 1e-6f */
			s = p / (n + 1e-6f);
			topk_push(&t, s, id);
		}
	}
	topk_drain(&t, ids, scores);
	free(u);
	free(c);
	free(hs);
	free(hi);
	return 0;
}
