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
#include "util/par.h"
#include "util/xalloc.h"

/*
 * Block shape: KNN_QB queries × KNN_RB rows of scores (2 MiB) stay in
 * cache while the heaps scan them; the rows block (KNN_RB × dims floats)
 * is reused by every query of the block. Measured on 341k×100 with 1000
 * queries (tests/bench/knn.sh): tall query blocks amortise OpenBLAS's
 * packing best. Queries are taken KNN_QCHUNK at a time so that the
 * per-thread heaps stay small.
 */
#define KNN_QB		1024
#define KNN_RB		512
#define KNN_QCHUNK	4096
/*
 * Work is cut into tiles of KNN_TILE rows at fixed positions (multiples
 * of KNN_RB), whatever the number of workers: every SGEMM call has the
 * same shape and the same rows for 1 or 64 workers, so every score is
 * bit-identical (OpenBLAS picks its blocking, and so its float sums,
 * from the shape). Workers only take whole tiles.
 */
#define KNN_TILE	16384
#define KNN_MAX_THREADS	64
/* Queries per task of the last step (merging heaps, exact distances). */
#define KNN_FBLOCK	256

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

/*
 * Screening and single-query dot products, vectorised with AVX2 where
 * the CPU has it (checked at run time; the plain C versions give the same
 * candidates, since screening only skips rows that cannot enter).
 */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(VECDOC_NO_SIMD)
#define KNN_X86 1
#include <immintrin.h>
#endif

enum screen_mode { SCREEN_MUL, SCREEN_PLAIN, SCREEN_EUCLID };

/*
 * The first j' >= j below n whose screening value reaches lo, or n:
 * c[j]·a[j] (cosine; a = 1/norm), c[j] (dot), 2c[j] − a[j] (Euclidean;
 * a = squared norm). NaN values never reach lo.
 */
static int
screen_c(enum screen_mode mode, const float *c, const float *a, int j, int n,
    float lo)
{
	for (; j < n; j++) {
		float v = mode == SCREEN_MUL ? c[j] * a[j] :
		    mode == SCREEN_PLAIN ? c[j] : 2.f * c[j] - a[j];

		if (v >= lo)
			return j;
	}
	return n;
}

static void
dots_c(const float *m, int n, int dims, const float *q, float *out)
{
	int i, j;

	for (i = 0; i < n; i++) {
		const float *x = m + (size_t)i * dims;
		float s = 0.f;

		for (j = 0; j < dims; j++)
			s += x[j] * q[j];
		out[i] = s;
	}
}

#ifdef KNN_X86
__attribute__((target("avx2")))
static int
screen_avx2(enum screen_mode mode, const float *c, const float *a, int j, int n,
    float lo)
{
	const __m256 vlo = _mm256_set1_ps(lo), two = _mm256_set1_ps(2.f);

	for (; j + 8 <= n; j += 8) {
		__m256 v = _mm256_loadu_ps(c + j);
		int hit;

		if (mode == SCREEN_MUL)
			v = _mm256_mul_ps(v, _mm256_loadu_ps(a + j));
		else if (mode == SCREEN_EUCLID)
			v = _mm256_sub_ps(_mm256_mul_ps(two, v), _mm256_loadu_ps(a + j));
		hit = _mm256_movemask_ps(_mm256_cmp_ps(v, vlo, _CMP_GE_OQ));
		if (hit != 0)
			return j + __builtin_ctz((unsigned)hit);
	}
	return screen_c(mode, c, a, j, n, lo);
}

__attribute__((target("avx2,fma")))
static void
dots_avx2(const float *m, int n, int dims, const float *q, float *out)
{
	int i, j;

	for (i = 0; i < n; i++) {
		const float *x = m + (size_t)i * dims;
		__m256 acc = _mm256_setzero_ps();
		__m128 h;
		float s;

		for (j = 0; j + 8 <= dims; j += 8)
			acc = _mm256_fmadd_ps(_mm256_loadu_ps(x + j),
			    _mm256_loadu_ps(q + j), acc);
		h = _mm_add_ps(_mm256_castps256_ps128(acc),
		    _mm256_extractf128_ps(acc, 1));
		h = _mm_add_ps(h, _mm_movehl_ps(h, h));
		h = _mm_add_ss(h, _mm_shuffle_ps(h, h, 1));
		s = _mm_cvtss_f32(h);
		for (; j < dims; j++)
			s += x[j] * q[j];
		out[i] = s;
	}
}
#endif

static int
screen(enum screen_mode mode, const float *c, const float *a, int j, int n,
    float lo)
{
#ifdef KNN_X86
	if (__builtin_cpu_supports("avx2"))
		return screen_avx2(mode, c, a, j, n, lo);
#endif
	return screen_c(mode, c, a, j, n, lo);
}

/*
 * Dot products of n rows of m with q. OpenBLAS's SGEMV is not used here:
 * called from several threads at once it serialises on its own pool.
 */
static void
dots(const float *m, int n, int dims, const float *q, float *out)
{
#ifdef KNN_X86
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
		dots_avx2(m, n, dims, q, out);
		return;
	}
#endif
	dots_c(m, n, dims, q, out);
}

/*
 * One worker's state during a chunk of queries: a k-heap per query and
 * a block of scores. A worker takes tiles in increasing order, so rows
 * reach its heaps in increasing id order.
 */
struct knn_work {
	const struct knn_index	*ix;
	const struct knn_opts	*opt;
	const unsigned char	*mask;	/* global exclusions, or NULL */
	const float		*q;	/* nq × dims, normalised for cosine */
	const long		*qex;	/* the chunk's per-query exclusions */
	long			 nq;
	int			 k;
	float			*c;	/* KNN_QB × KNN_RB scores */
	float			*hs;	/* nq × k heap scores */
	long			*hi;	/* nq × k heap ids */
	struct topk		*tk;	/* nq heaps */
};

/* What every worker of one chunk shares. */
struct knn_chunk {
	struct knn_work		*w;	/* one per worker */
	long			 rows;
};
/*
 * Scans one query's scores c[0..n) for rows r0.. into heap t. Rows
 * arrive in increasing id order, so a candidate equal to the heap's
 * worst is never better: only a strictly higher score enters a full
 * heap. A vectorised screen skips rows under a bound a few ulps below
 * the heap's worst; survivors are scored exactly.
 */
static void
scan(const struct knn_work *w, struct topk *t, const long *qex, const float *c,
    long r0, int n)
{
	const struct knn_index *ix = w->ix;
	const int k = w->k, nqex = w->opt->qexclude_n;
	const enum knn_metric metric = w->opt->metric;
	const enum screen_mode mode = metric == KNN_COSINE ? SCREEN_MUL :
	    metric == KNN_DOT ? SCREEN_PLAIN : SCREEN_EUCLID;
	const float *a = metric == KNN_COSINE ? ix->inv_norm + r0 :
	    metric == KNN_EUCLIDEAN ? ix->sq_norm + r0 : NULL;
	float thr = t->n == k ? t->s[0] : -INFINITY;
	float lo = t->n == k ? below(thr) : -INFINITY;
	int j = 0;

	while ((j = screen(mode, c, a, j, n, lo)) < n) {
		long id = r0 + j;
		float s;

		/*
		 * Cosine: gensim divides by the norm; the screening product
		 * with the cached inverse is within a few ulps of it.
		 */
		s = metric == KNN_COSINE ? c[j] / ix->norm[id] :
		    metric == KNN_DOT ? c[j] : 2.f * c[j] - ix->sq_norm[id];
		j++;
		if (!(s > thr) || isnan(s))
			continue;
		if (w->mask != NULL && w->mask[id])
			continue;
		if (qex != NULL && excluded(qex, nqex, id))
			continue;
		topk_push(t, s, id);
		if (t->n == k) {
			thr = t->s[0];
			lo = below(thr);
		}
	}
}

/* Rows [r_begin, r_end) of one tile against the chunk's queries. */
static void
knn_tile(struct knn_work *w, long r_begin, long r_end)
{
	const int dims = w->ix->dims;
	float *c = w->c;
	long q0, r0;

	for (q0 = 0; q0 < w->nq; q0 += KNN_QB) {
		int nqb = (int)(w->nq - q0 < KNN_QB ? w->nq - q0 : KNN_QB);
		const float *qb = w->q + (size_t)q0 * dims;

		for (r0 = r_begin; r0 < r_end; r0 += KNN_RB) {
			int nrb = (int)(r_end - r0 < KNN_RB ? r_end - r0 : KNN_RB);
			const float *mb = w->ix->m + (size_t)r0 * dims;
			int i;

			if (nqb == 1)
				dots(mb, nrb, dims, qb, c);
			else
				cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
				    nqb, nrb, dims, 1.f, qb, dims, mb, dims, 0.f,
				    c, nrb);
			for (i = 0; i < nqb; i++) {
				const long *qex = w->opt->qexclude_n > 0 ? w->qex +
				    (size_t)(q0 + i) * w->opt->qexclude_n : NULL;

				scan(w, &w->tk[q0 + i], qex, c + (size_t)i * nrb, r0, nrb);
			}
		}
	}
}

static void
knn_task(void *arg, long task, int worker)
{
	struct knn_chunk *ch = arg;
	long r_begin = task * KNN_TILE, r_end = r_begin + KNN_TILE;

	knn_tile(&ch->w[worker], r_begin, r_end < ch->rows ? r_end : ch->rows);
}

/*
 * The other partition, for chunks of at least as many query blocks as
 * workers: task b is the chunk's b-th block of KNN_QB queries against
 * every row, in row order, into heaps of its own (w[0]'s, which no other
 * task touches). The SGEMM shapes and each heap's row order are those
 * of one worker taking every tile, so the answer is the same bit for bit.
 */
static void
knn_qtask(void *arg, long task, int worker)
{
	struct knn_chunk *ch = arg;
	struct knn_work w = ch->w[0];
	long q0 = task * KNN_QB;

	w.c = ch->w[worker].c;
	w.q += (size_t)q0 * w.ix->dims;
	w.nq = w.nq - q0 < KNN_QB ? w.nq - q0 : KNN_QB;
	if (w.qex != NULL)
		w.qex += (size_t)q0 * w.opt->qexclude_n;
	w.tk += q0;
	knn_tile(&w, 0, ch->rows);
}

/*
 * The last step for one block of queries: each query's heaps (one per
 * worker that scanned rows, or one) merged in the heaps' total order,
 * which does not depend on how the rows were shared, and written out
 * best first; Euclidean scores recomputed exactly in double, then sorted
 * by distance (ties by id).
 */
struct knn_fin {
	const struct knn_index	*ix;
	const struct knn_opts	*opt;
	const float		*queries;
	struct knn_work		*w;
	long			*ids;
	float			*scores;
	long			 c0, nq;
	int			 nh, k;
	float			*ms[KNN_MAX_THREADS];	/* k each, per worker */
	long			*mi[KNN_MAX_THREADS];
	struct cand		*cs[KNN_MAX_THREADS];
};

static void
knn_ftask(void *arg, long task, int worker)
{
	struct knn_fin *f = arg;
	const struct knn_index *ix = f->ix;
	const int dims = ix->dims, k = f->k;
	float *ms = f->ms[worker];
	long *mi = f->mi[worker], q, qe;
	struct cand *cs = f->cs[worker];
	struct topk merged;

	qe = (task + 1) * KNN_FBLOCK < f->nq ? (task + 1) * KNN_FBLOCK : f->nq;
	for (q = task * KNN_FBLOCK; q < qe; q++) {
		const float *qv = f->queries + (size_t)(f->c0 + q) * dims;
		long *oi = f->ids + (size_t)(f->c0 + q) * k;
		float *os = f->scores + (size_t)(f->c0 + q) * k;
		int n, j, t;

		if (f->nh == 1)
			n = topk_drain(&f->w[0].tk[q], mi, ms);
		else {
			topk_init(&merged, ms, mi, k);
			for (t = 0; t < f->nh; t++)
				for (j = 0; j < f->w[t].tk[q].n; j++)
					topk_push(&merged, f->w[t].tk[q].s[j],
					    f->w[t].tk[q].id[j]);
			n = topk_drain(&merged, mi, ms);
		}
		for (j = 0; j < n; j++) {
			cs[j].id = mi[j];
			cs[j].s = ms[j];
			if (f->opt->metric == KNN_EUCLIDEAN) {
				const float *x = ix->m + (size_t)cs[j].id * dims;
				double s = 0.0;
				int u;

				for (u = 0; u < dims; u++) {
					double df = (double)qv[u] - x[u];

					s += df * df;
				}
				cs[j].s = sqrt(s);
			}
		}
		if (f->opt->metric == KNN_EUCLIDEAN)
			qsort(cs, (size_t)n, sizeof(*cs), cand_cmp_asc);
		for (j = 0; j < n; j++) {
			oi[j] = cs[j].id;
			os[j] = (float)cs[j].s;
		}
	}
}

int
knn_search(const struct knn_index *ix, const float *queries, long nq,
    int k, const struct knn_opts *opt, long *ids, float *scores,
    struct diag *d)
{
	static const struct knn_opts defaults;
	const int dims = ix->dims;
	struct knn_work w[KNN_MAX_THREADS];
	struct knn_chunk ch;
	long rows, c0, i;
	float *qbuf;
	struct knn_fin fin;
	unsigned char *mask = NULL;
	long ntiles;
	int nt, nmax, nh, t, qchunk;
	long nqb;

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
	if ((opt->qexclude_n > 0 && opt->qexclude == NULL) || opt->qexclude_n < 0 ||
	    (opt->nexclude > 0 && opt->exclude == NULL))
		return diag_fail(d, NULL, 0, 0, "knn: exclusion list missing");
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
	ntiles = (rows + KNN_TILE - 1) / KNN_TILE;
	nt = par_max_workers(ntiles, opt->threads > 0 ? opt->threads :
	    KNN_MAX_THREADS);
	/* fewer row tiles than workers: blocks of queries instead, when
	 * there are enough of them (knn_qtask) */
	nmax = par_max_workers(KNN_MAX_THREADS, opt->threads > 0 ?
	    opt->threads : KNN_MAX_THREADS);
	/* fewer queries per chunk when k is large: at most 2^22 heap entries */
	qchunk = KNN_QCHUNK;
	while (qchunk > 1 && (long)qchunk * k > (1L << 22))
		qchunk /= 2;
	qbuf = xmalloc((size_t)qchunk * dims * sizeof(float));
	for (t = 0; t < nmax; t++) {
		w[t].ix = ix;
		w[t].opt = opt;
		w[t].mask = mask;
		w[t].q = qbuf;
		w[t].k = k;
		w[t].c = xmalloc((size_t)KNN_QB * KNN_RB * sizeof(float));
		if (t >= nt) {		/* scores only: knn_qtask */
			w[t].hs = NULL;
			w[t].hi = NULL;
			w[t].tk = NULL;
			continue;
		}
		w[t].hs = xmalloc((size_t)qchunk * k * sizeof(float));
		w[t].hi = xmalloc((size_t)qchunk * k * sizeof(long));
		w[t].tk = xmalloc((size_t)qchunk * sizeof(struct topk));
	}
	fin.ix = ix;
	fin.opt = opt;
	fin.queries = queries;
	fin.ids = ids;
	fin.scores = scores;
	fin.k = k;
	for (t = 0; t < nmax; t++) {
		fin.ms[t] = xmalloc((size_t)k * sizeof(float));
		fin.mi[t] = xmalloc((size_t)k * sizeof(long));
		fin.cs[t] = xmalloc((size_t)k * sizeof(struct cand));
	}

	for (c0 = 0; c0 < nq; c0 += qchunk) {
		long nqc = nq - c0 < qchunk ? nq - c0 : qchunk, q;

		memcpy(qbuf, queries + (size_t)c0 * dims,
		    (size_t)nqc * dims * sizeof(float));
		if (opt->metric == KNN_COSINE && !opt->unit_queries) {
			for (q = 0; q < nqc; q++) {
				float *x = qbuf + (size_t)q * dims;
				float n = vec_norm_numpy(x, dims);
				int j;

				/* A zero query has no direction: every score NaN. */
				for (j = 0; j < dims; j++)
					x[j] = n > 0.f ? x[j] / n : NAN;
			}
		}
		for (t = 0; t < nt; t++) {
			w[t].nq = nqc;
			w[t].qex = opt->qexclude_n > 0 ?
			    opt->qexclude + (size_t)c0 * opt->qexclude_n : NULL;
			for (q = 0; q < nqc; q++)
				topk_init(&w[t].tk[q], w[t].hs + (size_t)q * k,
				    w[t].hi + (size_t)q * k, k);
		}
		ch.w = w;
		ch.rows = rows;
		nqb = (nqc + KNN_QB - 1) / KNN_QB;
		if (nt < nmax && nqb >= nmax) {
			par_for(nqb, nmax, knn_qtask, &ch);
			nh = 1;
		} else {
			par_for(ntiles, nt, knn_task, &ch);
			nh = nt;
		}

		/* each query's answer from its heaps, blocks of queries in
		 * parallel (each writes its own rows of ids and scores) */
		fin.w = w;
		fin.nh = nh;
		fin.c0 = c0;
		fin.nq = nqc;
		par_for((nqc + KNN_FBLOCK - 1) / KNN_FBLOCK, nmax, knn_ftask,
		    &fin);
	}
	for (t = 0; t < nmax; t++) {
		free(w[t].c);
		free(w[t].hs);
		free(w[t].hi);
		free(w[t].tk);
	}
	free(mask);
	free(qbuf);
	for (t = 0; t < nmax; t++) {
		free(fin.ms[t]);
		free(fin.mi[t]);
		free(fin.cs[t]);
	}
	return 0;
}
