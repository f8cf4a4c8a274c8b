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
#include "kern/norm.h"
#include "kern/topk.h"
#include "util/par.h"
#include "util/xalloc.h"

/* Block of rows scored at once by 3CosMul. */
#define COSMUL_RB 4096
/* Questions per chunk and rows per block of the batched 3CosMul. */
#define COSMUL_QB 2048
#define COSMUL_BRB 512
/*
 * Workers take whole tiles of COSMUL_TILE rows at fixed positions, so the
 * SGEMM shapes (and so every score) never depend on the worker count.
 */
#define COSMUL_TILE 16384
#define COSMUL_MAX_THREADS 64

/*
 * gensim's get_mean_vector of n vectors vec[i] with norms nrm[i]:
 * mean = zeros(float32); mean += w * (v / norm) per key, in order (NumPy
 * 1.x casts the float64 weight to float32 for a float32 array);
 * total_weight += |w| in double; mean / total_weight.
 */
static void
mean_of(const float *const *vec, const float *nrm, const float *weights,
    int n, int dims, float *out)
{
	double total = 0.0;
	int i, j;

	memset(out, 0, (size_t)dims * sizeof(float));
	for (i = 0; i < n; i++) {
		const float *v = vec[i];
		float w = weights[i];

		for (j = 0; j < dims; j++)
			out[j] = out[j] + w * (v[j] / nrm[i]);
		total += fabs((double)weights[i]);
	}
	if (total > 0.0)
		for (j = 0; j < dims; j++)
			out[j] = out[j] / (float)total;
	analogy_unitvec(out, dims);
}

void
analogy_mean_weighted(const struct knn_index *ix, const long *ids,
    const float *weights, int n, float *out)
{
	const float **vec = xmalloc(((size_t)n + 1) * sizeof(float *));
	float *nrm = xmalloc(((size_t)n + 1) * sizeof(float));
	int i;

	for (i = 0; i < n; i++) {
		vec[i] = ix->m + (size_t)ids[i] * ix->dims;
		nrm[i] = ix->norm[ids[i]];
	}
	mean_of(vec, nrm, weights, n, ix->dims, out);
	free(vec);
	free(nrm);
}

void
analogy_mean(const struct knn_index *ix, const long *pos, int npos,
    const long *neg, int nneg, float *out)
{
	long *ids = xmalloc(((size_t)npos + nneg + 1) * sizeof(long));
	float *w = xmalloc(((size_t)npos + nneg + 1) * sizeof(float));
	int i;

	for (i = 0; i < npos + nneg; i++) {
		ids[i] = i < npos ? pos[i] : neg[i - npos];
		w[i] = i < npos ? 1.f : -1.f;
	}
	analogy_mean_weighted(ix, ids, w, npos + nneg, out);
	free(ids);
	free(w);
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
check_ids(const struct knn_index *ix, const long *v, long n, int k,
    struct diag *d)
{
	long i;

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
analogy_similar(const struct knn_index *ix, const long *in, const float *weights,
    int n, long restrict_rows, int k, long *ids, float *scores, struct diag *d)
{
	struct knn_opts o;
	float *q;
	int rc;

	if (n < 1)
		return diag_fail(d, NULL, 0, 0, "analogy: no input words");
	if (check_ids(ix, in, n, k, d) < 0)
		return -1;
	q = xmalloc((size_t)ix->dims * sizeof(float));
	analogy_mean_weighted(ix, in, weights, n, q);
	memset(&o, 0, sizeof(o));
	o.metric = KNN_COSINE;
	o.restrict_rows = restrict_rows;
	o.qexclude = in;
	o.qexclude_n = n;
	o.unit_queries = 1;
	rc = knn_search(ix, q, 1, k, &o, ids, scores, d);
	free(q);
	return rc;
}

int
analogy_cosadd(const struct knn_index *ix, const long *pos, int npos,
    const long *neg, int nneg, long restrict_rows, int k, long *ids,
    float *scores, struct diag *d)
{
	long *in;
	float *w;
	int rc, i;

	if (npos < 0 || nneg < 0 || npos + nneg == 0)
		return diag_fail(d, NULL, 0, 0, "analogy: no input words");
	in = xmalloc((size_t)(npos + nneg) * sizeof(long));
	w = xmalloc((size_t)(npos + nneg) * sizeof(float));
	for (i = 0; i < npos + nneg; i++) {
		in[i] = i < npos ? pos[i] : neg[i - npos];
		w[i] = i < npos ? 1.f : -1.f;
	}
	rc = analogy_similar(ix, in, w, npos + nneg, restrict_rows, k, ids,
	    scores, d);
	free(in);
	free(w);
	return rc;
}

/*
 * 3CosMul of the unit inputs u (npos then nneg rows of dims floats) over
 * rows [0, restrict_rows), the rows ex[nex] (< 0: none) excluded; k best
 * into ids/scores. Takes u.
 */
static void
cosmul_units(const struct knn_index *ix, float *u, int npos, int nneg,
    const long *ex, int nex, long restrict_rows, int k, long *ids,
    float *scores)
{
	const int dims = ix->dims, nin = npos + nneg;
	long rows = ix->rows, r0;
	float *c, *hs;
	long *hi;
	struct topk t;
	int i;

	if (restrict_rows > 0 && restrict_rows < rows)
		rows = restrict_rows;
	for (i = 0; i < k; i++) {
		ids[i] = -1;
		scores[i] = NAN;
	}
	c = xmalloc((size_t)nin * COSMUL_RB * sizeof(float));
	hs = xmalloc((size_t)k * sizeof(float));
	hi = xmalloc((size_t)k * sizeof(long));
	topk_init(&t, hs, hi, k);
	for (r0 = 0; r0 < rows; r0 += COSMUL_RB) {
		int nrb = (int)(rows - r0 < COSMUL_RB ? rows - r0 : COSMUL_RB), j;

		cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, nin, nrb,
		    dims, 1.f, u, dims, ix->m + (size_t)r0 * dims, dims, 0.f,
		    c, nrb);
		for (j = 0; j < nrb; j++) {
			long id = r0 + j;
			float inv = ix->inv_norm[id], p = 1.f, n = 1.f, s;
			int skip = 0;

			for (i = 0; i < nex; i++)
				if (ex[i] == id)
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
}

int
analogy_cosmul(const struct knn_index *ix, const long *pos, int npos,
    const long *neg, int nneg, long restrict_rows, int k, long *ids,
    float *scores, struct diag *d)
{
	const int dims = ix->dims, nin = npos + nneg;
	float *u;
	long *ex;
	int i, j;

	if (npos < 1 || nneg < 0)
		return diag_fail(d, NULL, 0, 0,
		    "analogy: 3CosMul needs at least one positive word");
	if (check_ids(ix, pos, npos, k, d) < 0 || check_ids(ix, neg, nneg, k, d) < 0)
		return -1;
	/* unit input vectors, get_vector(norm=True): v / norm in float32 */
	u = xmalloc((size_t)nin * dims * sizeof(float));
	ex = xmalloc((size_t)nin * sizeof(long));
	for (i = 0; i < nin; i++) {
		long id = i < npos ? pos[i] : neg[i - npos];

		ex[i] = id;
		for (j = 0; j < dims; j++)
			u[(size_t)i * dims + j] = ix->m[(size_t)id * dims + j] /
			    ix->norm[id];
	}
	cosmul_units(ix, u, npos, nneg, ex, nin, restrict_rows, k, ids, scores);
	free(ex);
	return 0;
}

int
analogy_cosadd_vec(const struct knn_index *ix, const float *in,
    const float *weights, int n, const long *ex, int nex, long restrict_rows,
    int k, long *ids, float *scores, struct diag *d)
{
	const float **vec;
	float *nrm, *q;
	struct knn_opts o;
	int i, rc;

	if (n < 1)
		return diag_fail(d, NULL, 0, 0, "analogy: no input words");
	if (k < 1)
		return diag_fail(d, NULL, 0, 0, "analogy: k must be at least 1 (got %d)", k);
	vec = xmalloc((size_t)n * sizeof(float *));
	nrm = xmalloc((size_t)n * sizeof(float));
	q = xmalloc((size_t)ix->dims * sizeof(float));
	for (i = 0; i < n; i++) {
		vec[i] = in + (size_t)i * ix->dims;
		nrm[i] = vec_norm_numpy(vec[i], ix->dims);
	}
	mean_of(vec, nrm, weights, n, ix->dims, q);
	memset(&o, 0, sizeof(o));
	o.metric = KNN_COSINE;
	o.restrict_rows = restrict_rows;
	o.qexclude = ex;
	o.qexclude_n = nex;
	o.unit_queries = 1;
	rc = knn_search(ix, q, 1, k, &o, ids, scores, d);
	free(vec);
	free(nrm);
	free(q);
	return rc;
}

int
analogy_cosmul_vec(const struct knn_index *ix, const float *pos, int npos,
    const float *neg, int nneg, const long *ex, int nex, long restrict_rows,
    int k, long *ids, float *scores, struct diag *d)
{
	const int dims = ix->dims, nin = npos + nneg;
	float *u;
	int i, j;

	if (npos < 1 || nneg < 0)
		return diag_fail(d, NULL, 0, 0,
		    "analogy: 3CosMul needs at least one positive word");
	if (k < 1)
		return diag_fail(d, NULL, 0, 0, "analogy: k must be at least 1 (got %d)", k);
	u = xmalloc((size_t)nin * dims * sizeof(float));
	for (i = 0; i < nin; i++) {
		const float *v = i < npos ? pos + (size_t)i * dims :
		    neg + (size_t)(i - npos) * dims;
		float nrm = vec_norm_numpy(v, dims);

		for (j = 0; j < dims; j++)
			u[(size_t)i * dims + j] = v[j] / nrm;
	}
	cosmul_units(ix, u, npos, nneg, ex, nex, restrict_rows, k, ids, scores);
	return 0;
}

/*
 * 3CosMul scores of one question for n rows: ca, cb, cc are the dots of
 * unit a, b, c with the rows, inv the rows' inverse norms. The AVX2
 * version does the same float32 operations in the same order (halving is
 * exact either way), so both give the same bits.
 */
static void
cosmul_scores_c(const float *ca, const float *cb, const float *cc,
    const float *inv, int j, int n, float *out)
{
	for (; j < n; j++) {
		float pa = (1.f + ca[j] * inv[j]) / 2.f;
		float pb = (1.f + cb[j] * inv[j]) / 2.f;
		float pc = (1.f + cc[j] * inv[j]) / 2.f;

		out[j] = pb * pc / (pa + 1e-6f);
	}
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(VECDOC_NO_SIMD)
#include <immintrin.h>

__attribute__((target("avx2")))
static void
cosmul_scores_avx2(const float *ca, const float *cb, const float *cc,
    const float *inv, int n, float *out)
{
	const __m256 one = _mm256_set1_ps(1.f), half = _mm256_set1_ps(0.5f);
	const __m256 eps = _mm256_set1_ps(1e-6f);
	int j;

	for (j = 0; j + 8 <= n; j += 8) {
		__m256 v = _mm256_loadu_ps(inv + j);
		__m256 pa = _mm256_mul_ps(_mm256_add_ps(one,
		    _mm256_mul_ps(_mm256_loadu_ps(ca + j), v)), half);
		__m256 pb = _mm256_mul_ps(_mm256_add_ps(one,
		    _mm256_mul_ps(_mm256_loadu_ps(cb + j), v)), half);
		__m256 pc = _mm256_mul_ps(_mm256_add_ps(one,
		    _mm256_mul_ps(_mm256_loadu_ps(cc + j), v)), half);

		_mm256_storeu_ps(out + j, _mm256_div_ps(_mm256_mul_ps(pb, pc),
		    _mm256_add_ps(pa, eps)));
	}
	cosmul_scores_c(ca, cb, cc, inv, j, n, out);
}
#define COSMUL_X86 1
#endif

static void
cosmul_scores(const float *ca, const float *cb, const float *cc,
    const float *inv, int n, float *out)
{
#ifdef COSMUL_X86
	if (__builtin_cpu_supports("avx2")) {
		cosmul_scores_avx2(ca, cb, cc, inv, n, out);
		return;
	}
#endif
	cosmul_scores_c(ca, cb, cc, inv, 0, n, out);
}

static int
long_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* One worker's state during a 3CosMul chunk: scratch and a heap per question. */
struct cosmul_work {
	const struct knn_index	*ix;
	const long		*abc;	/* the chunk's questions, 3 rows each */
	const long		*slot;	/* their cosine rows among the distinct words */
	const float		*u;	/* nu unit vectors */
	int			 nu, nqb, k;
	float			*c;	/* nu × COSMUL_BRB cosines */
	float			*s;	/* COSMUL_BRB scores */
	float			*hs;
	long			*hi;
	struct topk		*tk;
};

struct cosmul_chunk {
	struct cosmul_work	*w;
	long			 rows;
};

static void
cosmul_tile(struct cosmul_work *w, long r_begin, long r_end)
{
	const int dims = w->ix->dims, k = w->k;
	float *c = w->c, *s = w->s;
	long r0;
	int q, j;

	for (r0 = r_begin; r0 < r_end; r0 += COSMUL_BRB) {
		int nrb = (int)(r_end - r0 < COSMUL_BRB ? r_end - r0 : COSMUL_BRB);

		cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, w->nu, nrb,
		    dims, 1.f, w->u, dims, w->ix->m + (size_t)r0 * dims, dims, 0.f,
		    c, nrb);
		for (q = 0; q < w->nqb; q++) {
			const long *x = w->abc + (size_t)q * 3;
			const long *sl = w->slot + (size_t)q * 3;
			struct topk *t = &w->tk[q];

			cosmul_scores(c + (size_t)sl[0] * nrb, c + (size_t)sl[1] * nrb,
			    c + (size_t)sl[2] * nrb, w->ix->inv_norm + r0, nrb, s);
			for (j = 0; j < nrb; j++) {
				long id = r0 + j;

				if (t->n == k && !(s[j] > t->s[0]))
					continue;
				if (id == x[0] || id == x[1] || id == x[2])
					continue;
				topk_push(t, s[j], id);
			}
		}
	}
}

static void
cosmul_task(void *arg, long task, int worker)
{
	struct cosmul_chunk *ch = arg;
	long r_begin = task * COSMUL_TILE, r_end = r_begin + COSMUL_TILE;

	cosmul_tile(&ch->w[worker], r_begin, r_end < ch->rows ? r_end : ch->rows);
}

int
analogy_cosmul_batch(const struct knn_index *ix, const long *abc, long nq,
    long restrict_rows, int k, long *ids, float *scores, struct diag *d)
{
	const int dims = ix->dims;
	struct cosmul_work w[COSMUL_MAX_THREADS];
	struct cosmul_chunk ch;
	long rows = ix->rows, q0, i, nt, ntiles;
	long *uid, *slot, *mi;
	float *u, *ms;
	struct topk merged;
	int j, t;

	if (nq < 0 || check_ids(ix, abc, nq * 3, k, d) < 0)
		return -1;
	if (restrict_rows > 0 && restrict_rows < rows)
		rows = restrict_rows;
	for (i = 0; i < nq * k; i++) {
		ids[i] = -1;
		scores[i] = NAN;
	}
	ntiles = (rows + COSMUL_TILE - 1) / COSMUL_TILE;
	nt = par_max_workers(ntiles, COSMUL_MAX_THREADS);
	uid = xmalloc((size_t)3 * COSMUL_QB * sizeof(long));
	slot = xmalloc((size_t)3 * COSMUL_QB * sizeof(long));
	u = xmalloc((size_t)3 * COSMUL_QB * dims * sizeof(float));
	ms = xmalloc((size_t)k * sizeof(float));
	mi = xmalloc((size_t)k * sizeof(long));
	for (t = 0; t < nt; t++) {
		w[t].ix = ix;
		w[t].slot = slot;
		w[t].u = u;
		w[t].k = k;
		w[t].c = NULL;
		w[t].s = xmalloc((size_t)COSMUL_BRB * sizeof(float));
		w[t].hs = xmalloc((size_t)COSMUL_QB * k * sizeof(float));
		w[t].hi = xmalloc((size_t)COSMUL_QB * k * sizeof(long));
		w[t].tk = xmalloc((size_t)COSMUL_QB * sizeof(struct topk));
	}
	for (q0 = 0; q0 < nq; q0 += COSMUL_QB) {
		int nqb = (int)(nq - q0 < COSMUL_QB ? nq - q0 : COSMUL_QB), q, nu = 0;

		/*
		 * Benchmarks reuse their words: one cosine row per distinct
		 * word of the chunk, shared by every question that uses it.
		 */
		memcpy(uid, abc + (size_t)q0 * 3, (size_t)3 * nqb * sizeof(long));
		qsort(uid, (size_t)3 * nqb, sizeof(long), long_cmp);
		for (q = 0; q < 3 * nqb; q++)
			if (nu == 0 || uid[nu - 1] != uid[q])
				uid[nu++] = uid[q];
		for (q = 0; q < 3 * nqb; q++)
			slot[q] = (long *)bsearch(&abc[(size_t)q0 * 3 + q], uid,
			    (size_t)nu, sizeof(long), long_cmp) - uid;
		/* get_vector(norm=True): v / norm in float32 */
		for (q = 0; q < nu; q++)
			for (j = 0; j < dims; j++)
				u[(size_t)q * dims + j] =
				    ix->m[(size_t)uid[q] * dims + j] / ix->norm[uid[q]];
		for (t = 0; t < nt; t++) {
			w[t].abc = abc + (size_t)q0 * 3;
			w[t].nu = nu;
			w[t].nqb = nqb;
			w[t].c = xrealloc(w[t].c, (size_t)nu * COSMUL_BRB * sizeof(float));
			for (q = 0; q < nqb; q++)
				topk_init(&w[t].tk[q], w[t].hs + (size_t)q * k,
				    w[t].hi + (size_t)q * k, k);
		}
		ch.w = w;
		ch.rows = rows;
		par_for(ntiles, (int)nt, cosmul_task, &ch);
		/* merge in the same total order: thread count never shows */
		for (q = 0; q < nqb; q++) {
			topk_init(&merged, ms, mi, k);
			for (t = 0; t < nt; t++)
				for (j = 0; j < w[t].tk[q].n; j++)
					topk_push(&merged, w[t].tk[q].s[j], w[t].tk[q].id[j]);
			topk_drain(&merged, ids + (size_t)(q0 + q) * k,
			    scores + (size_t)(q0 + q) * k);
		}
	}
	for (t = 0; t < nt; t++) {
		free(w[t].c);
		free(w[t].s);
		free(w[t].hs);
		free(w[t].hi);
		free(w[t].tk);
	}
	free(uid);
	free(slot);
	free(u);
	free(ms);
	free(mi);
	return 0;
}
