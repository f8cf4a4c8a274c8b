/*
 * Unit tests for src/kern: each kernel on a matrix small enough to check
 * by hand (a 3×2 or 5×2 matrix), with the expected numbers worked out in
 * the comments.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "kern/analogy.h"
#include "kern/analogy_eval.h"
#include "kern/contrastive.h"
#include "kern/dbscan.h"
#include "kern/geometry.h"
#include "kern/knn.h"
#include "kern/linalg.h"
#include "kern/norm.h"
#include "kern/okvocab.h"
#include "kern/pca.h"
#include "kern/posemb.h"
#include "kern/procrustes.h"
#include "kern/randcos.h"
#include "kern/rng.h"
#include "kern/rsa.h"
#include "kern/semchange.h"
#include "kern/similarity.h"
#include "kern/stats.h"
#include "kern/topk.h"
#include "kern/wordpairs.h"

/*
 * Five rows in the plane:
 *   0 (3,4)   norm 5     1 (1,0)   norm 1    2 (0,2)   norm 2
 *   3 (-1,0)  norm 1     4 (0,0)   zero row
 */
static const float M5[] = { 3, 4, 1, 0, 0, 2, -1, 0, 0, 0 };

static void
test_norm(void)
{
	float n[5], c[4];
	float x[] = { 3, 4 };

	rows_l2norm(M5, 5, 2, n);
	CHECK_NEAR(n[0], 5.0, 0);
	CHECK_NEAR(n[2], 2.0, 0);
	CHECK_NEAR(n[4], 0.0, 0);
	CHECK_NEAR(vec_norm_numpy(x, 2), 5.0, 0);
	/* cos((3,4),(1,0)) = 3/5; (1,0)-(0,2): 0; (0,2)-(-1,0): 0; (-1,0)-(0,0): NaN */
	cosine_pairs(M5, 5, 2, c);
	CHECK_NEAR(c[0], 0.6, 1e-7);
	CHECK_NEAR(c[1], 0.0, 0);
	CHECK(isnan(c[3]));
	rows_normalize(x, 1, 2);
	CHECK_NEAR(x[0], 0.6, 1e-7);
	CHECK_NEAR(x[1], 0.8, 1e-7);
}

static void
test_knn_cosine(void)
{
	struct knn_index ix;
	struct knn_opts o;
	struct diag d;
	float q[] = { 1, 1, 2, 0 }, s[6];
	long id[6];

	knn_index_init(&ix, M5, 5, 2);
	CHECK_NEAR(ix.norm[0], 5.0, 0);
	CHECK(isnan(ix.inv_norm[4]));
	memset(&o, 0, sizeof(o));
	/*
	 * q0 = (1,1)/√2: cos with row0 = 7/(5√2) = 0.98995, row1 = row2 =
	 * 0.70711 (tie: lower id first), row3 = -0.70711; row4 never.
	 */
	CHECK_INT(knn_search(&ix, q, 2, 3, &o, id, s, &d), 0);
	CHECK_INT(id[0], 0);
	CHECK_INT(id[1], 1);
	CHECK_INT(id[2], 2);
	CHECK_NEAR(s[0], 7 / (5 * sqrt(2)), 1e-6);
	CHECK_NEAR(s[1], sqrt(0.5), 1e-6);
	/* q1 = (2,0): row1 1, row0 0.6, then row2 0 */
	CHECK_INT(id[3], 1);
	CHECK_INT(id[4], 0);
	CHECK_INT(id[5], 2);
	CHECK_NEAR(s[3], 1.0, 1e-7);
	CHECK_NEAR(s[4], 0.6, 1e-7);

	/* k larger than the rows that qualify: row4 (zero) is never returned */
	{
		long id5[5];
		float s5[5];

		CHECK_INT(knn_search(&ix, q, 1, 5, &o, id5, s5, &d), 0);
		CHECK_INT(id5[3], 3);
		CHECK_INT(id5[4], -1);
		CHECK(isnan(s5[4]));
	}
	/* restrict to the first 2 rows, exclude row 0 */
	{
		long ex = 0;

		o.restrict_rows = 2;
		o.exclude = &ex;
		o.nexclude = 1;
		CHECK_INT(knn_search(&ix, q, 1, 2, &o, id, s, &d), 0);
		CHECK_INT(id[0], 1);
		CHECK_INT(id[1], -1);
	}
	/* per-query exclusion: query 0 drops row 1, query 1 drops row 1 too */
	{
		long qex[] = { 1, -1, 1, 0 };

		memset(&o, 0, sizeof(o));
		o.qexclude = qex;
		o.qexclude_n = 2;
		CHECK_INT(knn_search(&ix, q, 2, 2, &o, id, s, &d), 0);
		CHECK_INT(id[0], 0);
		CHECK_INT(id[1], 2);
		CHECK_INT(id[2], 2);
		CHECK_INT(id[3], 3);
	}
	CHECK_INT(knn_search(&ix, q, 1, 0, &o, id, s, &d), -1);
	CHECK_STR(d.msg, "knn: k must be at least 1 (got 0)");
	o.qexclude = NULL;
	CHECK_INT(knn_search(&ix, q, 1, 1, &o, id, s, &d), -1);
	CHECK_STR(d.msg, "knn: exclusion list missing");
	knn_index_clear(&ix);
	knn_index_clear(&ix);
}

static void
test_knn_dot_euclid(void)
{
	struct knn_index ix;
	struct knn_opts o;
	struct diag d;
	float q[] = { 0, 1 }, s[3];
	long id[3];

	knn_index_init(&ix, M5, 5, 2);
	memset(&o, 0, sizeof(o));
	/* dot with (0,1): row0 4, row2 2, then rows 1, 3, 4 all 0 -> row1 */
	o.metric = KNN_DOT;
	CHECK_INT(knn_search(&ix, q, 1, 3, &o, id, s, &d), 0);
	CHECK_INT(id[0], 0);
	CHECK_INT(id[1], 2);
	CHECK_INT(id[2], 1);
	CHECK_NEAR(s[0], 4.0, 0);
	/* distance from (0,1): row4 1, row2 1 (tie -> 2 first), row1 √2 */
	o.metric = KNN_EUCLIDEAN;
	CHECK_INT(knn_search(&ix, q, 1, 3, &o, id, s, &d), 0);
	CHECK_INT(id[0], 2);
	CHECK_INT(id[1], 4);
	CHECK_INT(id[2], 1);
	CHECK_NEAR(s[0], 1.0, 1e-7);
	CHECK_NEAR(s[2], sqrt(2.0), 1e-6);
	knn_index_clear(&ix);
}

/* Many rows and queries: blocks of rows and queries give the brute-force answer. */
static void
test_knn_blocks(void)
{
	enum { R = 3000, D = 7, Q = 300, K = 4 };
	float *m = malloc(sizeof(float) * R * D), *q = malloc(sizeof(float) * Q * D);
	long *id = malloc(sizeof(long) * Q * K);
	float *s = malloc(sizeof(float) * Q * K);
	struct knn_index ix;
	struct knn_opts o;
	struct diag d;
	struct rng r;
	int i, j, bad = 0;

	rng_seed(&r, 7);
	for (i = 0; i < R * D; i++)
		m[i] = (float)rng_gauss(&r);
	for (i = 0; i < Q * D; i++)
		q[i] = (float)rng_gauss(&r);
	/* duplicate rows 5 and 2500 into 2999: exact ties */
	memcpy(m + 2999 * D, m + 5 * D, sizeof(float) * D);
	memcpy(m + 2500 * D, m + 5 * D, sizeof(float) * D);
	memcpy(q, m + 5 * D, sizeof(float) * D);
	knn_index_init(&ix, m, R, D);
	memset(&o, 0, sizeof(o));
	o.metric = KNN_DOT;
	CHECK_INT(knn_search(&ix, q, Q, K, &o, id, s, &d), 0);
	CHECK_INT(id[0], 5);
	CHECK_INT(id[1], 2500);
	CHECK_INT(id[2], 2999);
	for (i = 0; i < Q; i++) {
		/* brute force in double: the best K by the same order */
		double best[K];
		long bid[K];
		int n = 0, t;

		for (j = 0; j < R; j++) {
			double v = 0;

			for (t = 0; t < D; t++)
				v += (double)q[i * D + t] * m[j * D + t];
			for (t = n; t > 0 && v > best[t - 1]; t--)
				if (t < K) {
					best[t] = best[t - 1];
					bid[t] = bid[t - 1];
				}
			if (t < K) {
				best[t] = v;
				bid[t] = j;
				if (n < K)
					n++;
			}
		}
		for (t = 0; t < K; t++)
			if (id[i * K + t] != bid[t] && fabs(best[t] - s[i * K + t]) > 1e-4)
				bad++;
	}
	CHECK_INT(bad, 0);
	knn_index_clear(&ix);
	free(m);
	free(q);
	free(id);
	free(s);
}

/* Threads split the rows; the merged answer is the single-thread one. */
static void
test_knn_threads(void)
{
	enum { R = 100000, D = 4, Q = 40, K = 7 };
	float *m = malloc(sizeof(float) * R * D), *q = malloc(sizeof(float) * Q * D);
	long *id1 = malloc(sizeof(long) * Q * K), *id3 = malloc(sizeof(long) * Q * K);
	float *s1 = malloc(sizeof(float) * Q * K), *s3 = malloc(sizeof(float) * Q * K);
	struct knn_index ix;
	struct knn_opts o;
	struct diag d;
	struct rng r;
	int i, same = 1, metric;

	rng_seed(&r, 11);
	for (i = 0; i < R * D; i++)
		m[i] = (float)(int)(rng_gauss(&r) * 3);	/* many exact ties */
	for (i = 0; i < Q * D; i++)
		q[i] = (float)rng_gauss(&r);
	knn_index_init(&ix, m, R, D);
	for (metric = KNN_COSINE; metric <= KNN_EUCLIDEAN; metric++) {
		memset(&o, 0, sizeof(o));
		o.metric = (enum knn_metric)metric;
		o.threads = 1;
		CHECK_INT(knn_search(&ix, q, Q, K, &o, id1, s1, &d), 0);
		o.threads = 3;
		CHECK_INT(knn_search(&ix, q, Q, K, &o, id3, s3, &d), 0);
		for (i = 0; i < Q * K; i++)
			if (id1[i] != id3[i] || s1[i] != s3[i])
				same = 0;
		/* one query runs SGEMV over each thread's rows */
		o.threads = 1;
		CHECK_INT(knn_search(&ix, q, 1, K, &o, id1, s1, &d), 0);
		o.threads = 3;
		CHECK_INT(knn_search(&ix, q, 1, K, &o, id3, s3, &d), 0);
		for (i = 0; i < K; i++)
			if (id1[i] != id3[i] || s1[i] != s3[i])
				same = 0;
	}
	CHECK(same);
	knn_index_clear(&ix);
	free(m);
	free(q);
	free(id1);
	free(id3);
	free(s1);
	free(s3);
}

static void
test_topk(void)
{
	float hs[3], s[3];
	long hi[3], id[3];
	struct topk t;

	topk_init(&t, hs, hi, 3);
	topk_push(&t, 0.5f, 9);
	topk_push(&t, NAN, 1);
	topk_push(&t, 0.7f, 4);
	topk_push(&t, 0.5f, 2);
	topk_push(&t, 0.1f, 0);
	topk_push(&t, 0.5f, 1);
	CHECK_INT(topk_drain(&t, id, s), 3);
	CHECK_INT(id[0], 4);
	CHECK_INT(id[1], 1);
	CHECK_INT(id[2], 2);
	CHECK_NEAR(s[2], 0.5, 0);
}

static void
test_stats(void)
{
	double x[] = { 1, 2, 3, 4 }, y[] = { 2, 4, 6, 9 }, r[6], p;
	double t[] = { 10, 20, 20, NAN, 5, 20 };
	long cnt[4];
	struct histogram h = { 0, 1, 4, cnt, 0, 0, 0, 0 };
	double hv[] = { 0, 0.25, 0.5, 0.99, 1, 1.5, -0.1, NAN };

	CHECK_NEAR(stats_mean(x, 4), 2.5, 0);
	CHECK_NEAR(stats_var(x, 4, 0), 1.25, 1e-15);
	CHECK_NEAR(stats_var(x, 4, 1), 5.0 / 3, 1e-15);
	CHECK(isnan(stats_var(x, 1, 1)));
	/* ranks: 5 ->1, 10 ->2, the three 20s share 3,4,5 -> 4, NaN last (6) */
	stats_rank(t, 6, r);
	CHECK_NEAR(r[0], 2, 0);
	CHECK_NEAR(r[1], 4, 0);
	CHECK_NEAR(r[2], 4, 0);
	CHECK_NEAR(r[3], 6, 0);
	CHECK_NEAR(r[4], 1, 0);
	/* Pearson of x and y: cov 5.5/3, sd 1.2910, 2.9861 -> 0.99146 (scipy) */
	CHECK_NEAR(stats_pearson(x, y, 4, &p), 0.9943767126843688, 1e-12);
	CHECK_NEAR(p, 0.00562328731563122, 1e-12);
	CHECK_NEAR(stats_spearman(x, y, 4, &p), 1.0, 1e-15);
	CHECK_NEAR(p, 0.0, 1e-12);
	CHECK(isnan(stats_pearson(x, x, 1, NULL)));
	/* t = 2, df = 10: two-sided p 0.07338803 (scipy.stats.t.sf(2,10)*2) */
	CHECK_NEAR(stats_t_pvalue(2.0, 10.0), 0.073388034770740, 1e-10);
	CHECK_NEAR(stats_betainc(2, 3, 0.4), 0.5248, 1e-12);
	/* histogram over [0,1] in 4 bins: 0 | 0.25 | 0.5 | 0.99,1 ; 1 above, 1 below, 1 NaN */
	histogram_add(&h, hv, 8);
	CHECK_INT(cnt[0], 1);
	CHECK_INT(cnt[1], 1);
	CHECK_INT(cnt[2], 1);
	CHECK_INT(cnt[3], 2);
	CHECK_INT(h.above, 1);
	CHECK_INT(h.below, 1);
	CHECK_INT(h.nan, 1);
	CHECK_INT(h.total, 8);
}

static void
test_rng(void)
{
	struct rng a, b;
	long v[10];
	double s = 0, ss = 0;
	int i, same = 1, hit[10] = { 0 };

	rng_seed(&a, 42);
	rng_seed(&b, 42);
	for (i = 0; i < 100; i++)
		if (rng_next(&a) != rng_next(&b))
			same = 0;
	CHECK(same);
	/* splitmix64(0) first output, the published reference value */
	rng_seed(&a, 0);
	CHECK(a.s[0] == 0xe220a8397b1dcdafULL);
	for (i = 0; i < 100000; i++) {
		double g = rng_gauss(&a);

		s += g;
		ss += g * g;
	}
	CHECK_NEAR(s / 100000, 0.0, 0.02);
	CHECK_NEAR(ss / 100000, 1.0, 0.02);
	for (i = 0; i < 10; i++)
		v[i] = i;
	rng_shuffle(&a, v, 10);
	for (i = 0; i < 10; i++)
		hit[v[i]]++;
	for (i = 0; i < 10; i++)
		CHECK_INT(hit[i], 1);
	for (i = 0; i < 1000; i++)
		CHECK(rng_below(&a, 7) < 7);
}

/*
 * Analogy rows (unit after normalising):
 *   0 man (1,0)  1 king (1,1)  2 woman (0,1)  3 queen (0,2)  4 apple (1,-1)
 *   5 Queen (0,3)
 * b + c - a = king + woman - man = (1/√2 - 1, 1/√2 + 1)/3 → unit
 * (-0.1464, 0.9893)·…: queen/Queen 0.9893, king 0.5959 (excluded)...
 */
static const float MA[] = { 1, 0, 1, 1, 0, 1, 0, 2, 1, -1, 0, 3 };

static void
test_analogy(void)
{
	struct knn_index ix;
	struct diag d;
	long pos[] = { 1, 2 }, neg[] = { 0 }, id[3];
	float s[3], m[2];

	knn_index_init(&ix, MA, 6, 2);
	analogy_mean(&ix, pos, 2, neg, 1, m);
	CHECK_NEAR(m[0], (sqrt(0.5) - 1) / sqrt(pow(sqrt(0.5) - 1, 2) + pow(sqrt(0.5) + 1, 2)), 1e-6);
	CHECK_INT(analogy_cosadd(&ix, pos, 2, neg, 1, 0, 3, id, s, &d), 0);
	/* queen (3) and Queen (5) tie: lower row first; then apple (cos <0) */
	CHECK_INT(id[0], 3);
	CHECK_INT(id[1], 5);
	CHECK_INT(id[2], 4);
	CHECK_NEAR(s[0], m[1], 1e-6);
	/* explicit weights ±1 are 3CosAdd; weight 2 on woman tilts the mean */
	{
		long in[] = { 1, 2, 0 }, wid[3];
		float w[] = { 1, 1, -1 }, ws[3], w2[] = { 1, 2, -1 }, m2[2];

		CHECK_INT(analogy_similar(&ix, in, w, 3, 0, 3, wid, ws, &d), 0);
		CHECK_INT(wid[0], id[0]);
		CHECK_NEAR(ws[0], s[0], 0);
		/* (king/√2·1 + woman·2 − man)/4 = (0.7071−1, 0.7071+2)/4 → unit */
		analogy_mean_weighted(&ix, in, w2, 3, m2);
		CHECK_NEAR(m2[1] / m2[0], (sqrt(0.5) + 2) / (sqrt(0.5) - 1), 1e-4);
	}
	/* restrict to the first 4 rows: only queen remains */
	CHECK_INT(analogy_cosadd(&ix, pos, 2, neg, 1, 4, 3, id, s, &d), 0);
	CHECK_INT(id[0], 3);
	CHECK_INT(id[1], -1);
	/*
	 * 3CosMul for queen: cos(king,queen)=1/√2, cos(woman,queen)=1,
	 * cos(man,queen)=0: ((1+.7071)/2 · 1) / (0.5 + 1e-6) = 1.70710
	 */
	CHECK_INT(analogy_cosmul(&ix, pos, 2, neg, 1, 0, 2, id, s, &d), 0);
	CHECK_INT(id[0], 3);
	CHECK_INT(id[1], 5);
	CHECK_NEAR(s[0], (1 + sqrt(0.5)) / 2 / (0.5 + 1e-6), 1e-5);
	/*
	 * The vector forms on the rows themselves (b, c, then a) give the
	 * row forms' answers bit for bit; a mean of two rows as an input
	 * works, and every excluded row stays out.
	 */
	{
		float in[6], w[] = { 1, 1, -1 }, vs[3], rs[3];
		long vid[3], rid[3], ex[] = { 1, 2, 0 }, ex2[] = { 1, 2, 0, 3 };
		int j, same = 1;

		memcpy(in, MA + 2, 4 * sizeof(float));
		memcpy(in + 4, MA, 2 * sizeof(float));
		CHECK_INT(analogy_cosadd(&ix, pos, 2, neg, 1, 0, 3, rid, rs, &d), 0);
		CHECK_INT(analogy_cosadd_vec(&ix, in, w, 3, ex, 3, 0, 3, vid, vs,
		    &d), 0);
		for (j = 0; j < 3; j++)
			if (vid[j] != rid[j] || memcmp(&vs[j], &rs[j],
			    sizeof(float)) != 0)
				same = 0;
		CHECK(same);
		CHECK_INT(analogy_cosmul(&ix, pos, 2, neg, 1, 0, 3, rid, rs, &d), 0);
		CHECK_INT(analogy_cosmul_vec(&ix, in, 2, in + 4, 1, ex, 3, 0, 3,
		    vid, vs, &d), 0);
		for (j = 0, same = 1; j < 3; j++)
			if (vid[j] != rid[j] || memcmp(&vs[j], &rs[j],
			    sizeof(float)) != 0)
				same = 0;
		CHECK(same);
		/* b = mean(king, woman) = (0.5, 1): queen and Queen tie on
		 * the y axis; with queen excluded too, Queen answers */
		in[0] = 0.5f;
		in[1] = 1;
		CHECK_INT(analogy_cosadd_vec(&ix, in, w, 3, ex2, 4, 0, 2, vid, vs,
		    &d), 0);
		CHECK_INT(vid[0], 5);
		CHECK_INT(analogy_cosmul_vec(&ix, in, 2, in + 4, 1, ex2, 4, 0, 2,
		    vid, vs, &d), 0);
		CHECK_INT(vid[0], 5);
	}
	/* the batched 3CosMul agrees with the single one, question by question */
	{
		long abc[] = { 0, 1, 2, 2, 3, 0, 4, 0, 5 }, bid[6], one[2];
		float bs[6], os[2];
		int q, j, same = 1;

		CHECK_INT(analogy_cosmul_batch(&ix, abc, 3, 0, 2, bid, bs, &d), 0);
		for (q = 0; q < 3; q++) {
			long p2[2] = { abc[3 * q + 1], abc[3 * q + 2] }, n1 = abc[3 * q];

			CHECK_INT(analogy_cosmul(&ix, p2, 2, &n1, 1, 0, 2, one, os, &d), 0);
			for (j = 0; j < 2; j++)
				if (one[j] != bid[2 * q + j] || fabs(os[j] - bs[2 * q + j]) > 1e-6)
					same = 0;
		}
		CHECK(same);
		CHECK_INT(bid[0], 3);
	}
	CHECK_INT(analogy_cosadd(&ix, pos, 2, neg, 1, 0, 3, id, s, &d), 0);
	neg[0] = 6;
	CHECK_INT(analogy_cosadd(&ix, pos, 2, neg, 1, 0, 3, id, s, &d), -1);
	CHECK_STR(d.msg, "analogy: row 6 outside the matrix (6 rows)");
	knn_index_clear(&ix);
}

static void
test_okvocab(void)
{
	static const char *const w[] = { "man", "king", "woman", "queen", "apple",
	    "Queen", "straße", "STRASSE" };
	struct okvocab ov;
	struct buf b = BUF_INIT;

	text_upper("straße ǆ é", strlen("straße ǆ é"), &b);
	CHECK_STR(buf_str(&b), "STRASSE Ǆ É");
	buf_clear(&b);
	okvocab_init(&ov, w, 8, 0, 1);
	CHECK_INT(okvocab_lookup(&ov, "QUEEN", 5), 3);
	CHECK_INT(okvocab_lookup(&ov, "Queen", 5), 3);
	CHECK_INT(okvocab_lookup(&ov, "strasse", 7), 6);
	CHECK_INT(okvocab_lookup(&ov, "pear", 4), -1);
	CHECK_INT(ov.canon[5], 3);
	CHECK_INT(ov.canon[7], 6);
	okvocab_clear(&ov);
	okvocab_init(&ov, w, 8, 5, 0);
	CHECK_INT(okvocab_lookup(&ov, "Queen", 5), -1);
	CHECK_INT(okvocab_lookup(&ov, "queen", 5), 3);
	okvocab_clear(&ov);
}

/* Records the fractions a kernel reports (util/progress.h). */
struct fracs {
	double	 v[8];
	int	 n;
};

static void
record_frac(void *ctx, double done)
{
	struct fracs *f = ctx;

	if (f->n < 8)
		f->v[f->n] = done;
	f->n++;
}

/* rows 0, 1, 2 for man, king, woman; 9 (past a 6-row index) for ghost */
static long
ghost_lookup(void *ctx, const char *w, size_t len)
{
	static const char *const k[] = { "man", "king", "woman", "ghost" };
	long i;

	(void)ctx;
	for (i = 0; i < 4; i++)
		if (strlen(k[i]) == len && memcmp(k[i], w, len) == 0)
			return i < 3 ? i : 9;
	return -1;
}

static void
test_analogy_eval(void)
{
	static const char *const w[] = { "man", "king", "woman", "queen", "apple",
	    "Queen" };
	static const char text[] =
	    ": family\n"
	    "man king woman queen\n"	/* queen: correct */
	    "Man King Woman Apple\n"	/* queen predicted: wrong */
	    "man king woman\n"		/* 3 words: skipped, uncounted */
	    "man king woman pear\n"	/* OOV */
	    ":  other stuff \r\n"
	    "woman queen man king\n";	/* queen+man-woman: king */
	struct knn_index ix;
	struct okvocab ov;
	struct analogy_result r;
	struct analogy_eval_opts o = { .batch = 2, .method = ANALOGY_COSADD };
	struct diag d;

	knn_index_init(&ix, MA, 6, 2);
	okvocab_init(&ov, w, 6, 0, 1);
	o.canon = ov.canon;
	CHECK_INT(analogy_eval(&ix, text, sizeof(text) - 1, "q.txt", okvocab_lookup,
	    &ov, &o, &r, &d), 0);
	CHECK_INT(r.nsec, 2);
	CHECK_STR(r.sec[0].name, "family");
	CHECK_STR(r.sec[1].name, "other stuff");
	CHECK_INT(r.sec[0].correct, 1);
	CHECK_INT(r.sec[0].incorrect, 1);
	CHECK_INT(r.sec[1].correct, 1);
	CHECK_INT(r.quadruplets, 4);
	CHECK_INT(r.skipped, 1);
	CHECK_INT(r.oov, 1);
	CHECK_INT(r.correct, 2);
	CHECK_INT(r.incorrect, 1);
	CHECK_INT(r.nitem, 3);
	CHECK_INT(r.item[0].predicted, 3);
	CHECK_INT(r.item[2].predicted, 1);
	CHECK_INT(r.item[2].line, 7);
	analogy_result_clear(&r);
	{
		/* Progress: the fraction of questions answered after each
		 * batch of 2 (3 questions: 2/3, then all). */
		struct fracs f = { { 0 }, 0 };
		struct progress p = { record_frac, &f };

		o.progress = &p;
		CHECK_INT(analogy_eval(&ix, text, sizeof(text) - 1, "q.txt",
		    okvocab_lookup, &ov, &o, &r, &d), 0);
		CHECK_INT(f.n, 2);
		CHECK(f.v[0] == 2.0 / 3.0);
		CHECK(f.v[1] == 1.0);
		CHECK_INT(r.correct, 2);
		analogy_result_clear(&r);
		o.progress = NULL;
	}
	/* 3CosMul answers the same three questions the same way here */
	o.method = ANALOGY_COSMUL;
	CHECK_INT(analogy_eval(&ix, text, sizeof(text) - 1, "q.txt", okvocab_lookup,
	    &ov, &o, &r, &d), 0);
	CHECK_INT(r.correct, 2);
	CHECK_INT(r.item[0].predicted, 3);
	CHECK_INT(r.item[2].predicted, 1);
	analogy_result_clear(&r);
	o.method = (enum analogy_method)7;
	CHECK_INT(analogy_eval(&ix, text, sizeof(text) - 1, "q.txt", okvocab_lookup,
	    &ov, &o, &r, &d), -1);
	CHECK_STR(d.msg, "analogy: unknown method 7");
	o.method = ANALOGY_COSADD;
	/* Queen's upper case is QUEEN = an input: skipped, the next one counts */
	CHECK_INT(analogy_eval(&ix, ": x\nman king queen woman\n", 25, "q.txt",
	    okvocab_lookup, &ov, &o, &r, &d), 0);
	CHECK_INT(r.nitem, 1);
	CHECK_INT(r.item[0].predicted, 2);
	CHECK_INT(r.correct, 1);
	analogy_result_clear(&r);
	CHECK_INT(analogy_eval(&ix, "man king woman queen\n", 21, "q.txt",
	    okvocab_lookup, &ov, &o, &r, &d), -1);
	CHECK_STR(d.file, "q.txt");
	CHECK_INT(d.line, 1);
	CHECK_INT(analogy_eval(&ix, ": a\nman \xff king woman\n", 22, "q.txt",
	    okvocab_lookup, &ov, &o, &r, &d), -1);
	CHECK_STR(d.msg, "invalid UTF-8");
	CHECK_INT(d.line, 2);
	okvocab_clear(&ov);
	/* Candidates are the first 4 rows; apple (row 4) may be a question
	 * word (a token space's word of several pieces is such a row) but
	 * never an answer: its question is skipped with the unknown ones. */
	okvocab_init(&ov, w, 6, 0, 0);
	o.canon = NULL;
	o.restrict_rows = 4;
	CHECK_INT(analogy_eval(&ix, ": x\nman king woman queen\n"
	    "man king woman apple\napple king woman queen\n", 69, "q.txt",
	    okvocab_lookup, &ov, &o, &r, &d), 0);
	CHECK_INT(r.nitem, 2);
	CHECK_INT(r.oov, 1);
	CHECK_INT(r.oov_answer, 1);
	CHECK_INT(r.item[1].a, 4);
	CHECK_INT(r.item[1].line, 4);
	CHECK(r.item[1].predicted >= 0 && r.item[1].predicted < 4);
	analogy_result_clear(&r);
	/* a row past the index is the lookup's bug, said so */
	CHECK_INT(analogy_eval(&ix, ": x\nman king woman ghost\n", 25,
	    "q.txt", ghost_lookup, NULL, &o, &r, &d), -1);
	CHECK_STR(d.msg, "lookup returned a row outside the index");
	okvocab_clear(&ov);
	knn_index_clear(&ix);
}

static void
test_split(void)
{
	size_t f[4][2];

	CHECK_INT(text_split_ws("  a\xc2\xa0" "bc\t d\n", 11, f, 4), 3);
	CHECK_INT(f[0][0], 2);
	CHECK_INT(f[1][0], 5);
	CHECK_INT(f[1][1], 2);
	CHECK_INT(text_split_ws("", 0, f, 4), 0);
}

static void
test_wordpairs(void)
{
	static const char *const w[] = { "man", "king", "woman", "queen", "apple",
	    "Queen" };
	static const char text[] =
	    "# comment\n"
	    "man\tking\t5\n"		/* cos 0.7071 */
	    "woman\tqueen\t9.5\n"	/* cos 1 */
	    "man\twoman\t 1 \n"		/* cos 0 */
	    "king\tapple\t2\n"		/* cos 0 */
	    "man\tpear\t3\n"		/* OOV */
	    "man king 3\n"		/* malformed */
	    "a\tb\tc\td\n";		/* malformed */
	struct knn_index ix;
	struct okvocab ov;
	struct wordpairs_result r;
	struct diag d;
	double g[] = { 5, 9.5, 1, 2 }, m[] = { sqrt(0.5), 1, 0, 0 };

	knn_index_init(&ix, MA, 6, 2);
	okvocab_init(&ov, w, 6, 0, 1);
	CHECK_INT(wordpairs_eval(&ix, text, sizeof(text) - 1, "p.tsv",
	    okvocab_lookup, &ov, &r, &d), 0);
	CHECK_INT(r.npair, 4);
	CHECK_INT(r.oov, 1);
	CHECK_INT(r.skipped, 2);
	CHECK_NEAR(r.oov_ratio, 20.0, 1e-12);
	CHECK_NEAR(r.pair[0].model, sqrt(0.5), 1e-7);
	CHECK_NEAR(r.pearson, stats_pearson(g, m, 4, NULL), 1e-7);
	/* ranks gold 3,4,1,2 model 3,4,1.5,1.5: Spearman 0.9486833 */
	CHECK_NEAR(r.spearman, 0.9486832980505138, 1e-12);
	wordpairs_result_clear(&r);
	CHECK_INT(wordpairs_eval(&ix, "# x\n", 4, "p.tsv", okvocab_lookup, &ov, &r, &d), -1);
	okvocab_clear(&ov);
	knn_index_clear(&ix);
}

static void
test_linalg(void)
{
	double a[] = { 2, 1, 1, 2 }, w[2], mu[2], cov[4];
	float b[] = { 3, 0, 0, -2 }, s[2], u[4], vt[4];
	float x[] = { 0, 0, 2, 0, 0, 2, 2, 2 };
	struct diag d;

	/* [[2,1],[1,2]]: eigenvalues 3 and 1, vectors (1,1)/√2, (1,-1)/√2 */
	CHECK_INT(linalg_eigh(a, 2, w, &d), 0);
	CHECK_NEAR(w[0], 3, 1e-12);
	CHECK_NEAR(w[1], 1, 1e-12);
	CHECK_NEAR(a[0], sqrt(0.5), 1e-12);
	CHECK_NEAR(a[2], sqrt(0.5), 1e-12);
	CHECK_NEAR(a[1], sqrt(0.5), 1e-12);
	CHECK_NEAR(a[3], -sqrt(0.5), 1e-12);
	CHECK_INT(linalg_svd(b, 2, 2, s, u, vt, &d), 0);
	CHECK_NEAR(s[0], 3, 1e-6);
	CHECK_NEAR(s[1], 2, 1e-6);
	/* rows (0,0) (2,0) (0,2) (2,2): mean (1,1), var 4/3, cov 0 */
	CHECK_INT(linalg_cov(x, 4, 2, 1, mu, cov, &d), 0);
	CHECK_NEAR(mu[0], 1, 0);
	CHECK_NEAR(cov[0], 4.0 / 3, 1e-12);
	CHECK_NEAR(cov[1], 0, 1e-12);
	CHECK_NEAR(cov[3], 4.0 / 3, 1e-12);
	CHECK_INT(linalg_cov(x, 1, 2, 1, mu, cov, &d), -1);
}

/* rows (1,0) (-1,0) (0,2) (0,-2): mean 0, cov diag(2/3, 8/3) */
static const float MW[] = { 1, 0, -1, 0, 0, 2, 0, -2 };

static void
test_whiten(void)
{
	float mu[2], w[4], y[8], x[8];
	struct diag d;

	CHECK_INT(whiten_fit(MW, 4, 2, 0, mu, w, &d), 0);
	CHECK_NEAR(mu[0], 0, 0);
	/* first column: e_y / sqrt(8/3); second: e_x / sqrt(2/3) */
	CHECK_NEAR(w[0], 0, 1e-7);
	CHECK_NEAR(w[2], 1 / sqrt(8.0 / 3), 1e-6);
	CHECK_NEAR(w[1], 1 / sqrt(2.0 / 3), 1e-6);
	whiten_apply(MW, 4, 2, mu, w, 2, y);
	CHECK_NEAR(y[0], 0, 1e-7);	/* (1,0) -> (0,1) */
	CHECK_NEAR(y[1], 1, 1e-7);
	CHECK_NEAR(y[4], 1, 1e-7);	/* (0,2) -> (1,0) */
	CHECK_NEAR(y[6], -1, 1e-7);
	/* k = 1 keeps the y axis only: (1,0) becomes the zero vector */
	CHECK_INT(whiten_fit(MW, 4, 2, 1, mu, w, &d), 0);
	whiten_apply(MW, 4, 2, mu, w, 1, y);
	CHECK_NEAR(y[0], 0, 0);
	CHECK_NEAR(y[2], 1, 1e-7);
	CHECK_NEAR(y[3], -1, 1e-7);
	CHECK_INT(whiten_fit(MW, 4, 2, 3, mu, w, &d), -1);
	CHECK_STR(d.msg, "whitening: k = 3 outside 1..2");
	/* all-but-the-top with 1 direction removes the y axis */
	memcpy(x, MW, sizeof(x));
	x[0] = 2;	/* mean now (0.25, 0) */
	CHECK_INT(geometry_abtt(x, 4, 2, 1, &d), 0);
	CHECK_NEAR(x[0], 1.75, 1e-6);
	CHECK_NEAR(x[1], 0, 1e-6);
	CHECK_NEAR(x[4], -0.25, 1e-6);
	CHECK_NEAR(x[5], 0, 1e-6);
}

static void
test_anisotropy(void)
{
	float same[] = { 1, 0, 2, 0, 3, 0 }, opp[] = { 1, 0, -1, 0 };
	struct anisotropy a;
	struct diag d;
	double pc[2];

	/* collinear rows: mean (2,0), average norm 2, every pair cos 1 */
	CHECK_INT(geometry_anisotropy(same, 3, 2, 100, 1, 0, NULL, &a, &d), 0);
	CHECK_NEAR(a.mean_norm, 2, 1e-12);
	CHECK_NEAR(a.mean_ratio, 1, 1e-12);
	CHECK_NEAR(a.mean_cos, 1, 1e-12);
	CHECK_INT(a.npairs, 100);
	/* opposite rows: mean 0, every pair cos -1, all variance on PC 1 */
	CHECK_INT(geometry_anisotropy(opp, 2, 2, 10, 1, 2, pc, &a, &d), 0);
	CHECK_NEAR(a.mean_ratio, 0, 0);
	CHECK_NEAR(a.mean_cos, -1, 1e-12);
	CHECK_NEAR(a.sd_cos, 0, 1e-12);
	CHECK_NEAR(pc[0], 1, 1e-12);
	CHECK_NEAR(pc[1], 0, 1e-12);
	CHECK_INT(geometry_anisotropy(opp, 2, 2, 10, 1, 3, pc, &a, &d), -1);
}

static void
test_contrastive(void)
{
	double s[] = { 1, 0 }, p[2], neg0 = 0, big = 1000, z = 0;
	double x[] = { 1000, 1000 }, q[3];
	float qv[] = { 1, 0 }, pos[] = { 2, 0 }, negs[] = { 0, 1, -1, 0 };

	contrastive_softmax(s, 2, 1.0, p);
	CHECK_NEAR(p[0], exp(1) / (exp(1) + 1), 1e-15);
	CHECK_NEAR(p[0] + p[1], 1, 1e-15);
	/* InfoNCE: log(e + 1) - 1 = 0.313262; τ = 0.5: log(e² + 1) − 2 */
	CHECK_NEAR(contrastive_infonce(1, &neg0, 1, 1.0), log(exp(1) + 1) - 1, 1e-15);
	CHECK_NEAR(contrastive_infonce(1, &neg0, 1, 0.5), log(exp(2) + 1) - 2, 1e-15);
	CHECK_NEAR(contrastive_infonce(1, NULL, 0, 0.5), 0, 0);
	/* no overflow: scores / τ = 1e5 */
	CHECK_NEAR(contrastive_infonce(1000, &z, 1, 0.01), 0, 0);
	CHECK_NEAR(contrastive_infonce(0, &big, 1, 0.01), 1e5, 1e-9);
	CHECK_NEAR(contrastive_logsumexp(x, 2), 1000 + log(2), 1e-12);
	CHECK(isnan(contrastive_infonce(1, &neg0, 1, 0.0)));
	contrastive_softmax(s, 2, -1.0, p);
	CHECK(isnan(p[0]));
	contrastive_scores(qv, pos, negs, 2, 2, q);
	CHECK_NEAR(q[0], 1, 0);
	CHECK_NEAR(q[1], 0, 0);
	CHECK_NEAR(q[2], -1, 0);
}

static void
test_randcos(void)
{
	struct randcos_result r, r2;
	struct diag d;
	double c[50], c2[50];
	int i, same = 1;

	/* in one dimension every cosine is ±1 */
	CHECK_INT(randcos_sample(1, 50, 3, c, &r, &d), 0);
	for (i = 0; i < 50; i++)
		CHECK_NEAR(fabs(c[i]), 1, 1e-15);
	CHECK_INT(randcos_sample(1, 50, 3, c2, &r2, &d), 0);
	for (i = 0; i < 50; i++)
		if (c[i] != c2[i])
			same = 0;
	CHECK(same);
	/* d = 100: variance 1/d within sampling error (sd of var·d ≈ 0.02) */
	CHECK_INT(randcos_sample(100, 20000, 3, NULL, &r, &d), 0);
	CHECK_NEAR(r.var_times_dim, 1.0, 0.06);
	CHECK_NEAR(r.mean, 0.0, 0.005);
	CHECK_INT(randcos_sample(0, 10, 3, NULL, &r, &d), -1);
	{
		int dims[] = { 1, 100 };
		struct randcos_result t[2];

		CHECK_INT(randcos_table(dims, 2, 50, 3, t, &d), 0);
		CHECK_INT(t[1].dim, 100);
		CHECK_NEAR(t[0].var, r2.var, 0);	/* same seed, same sample */
	}
}

static void
test_pca(void)
{
	float mu[2], comp[4], out[8];
	double var[2], tot;
	struct diag d;

	/* MW: variance 8/3 along y, 2/3 along x */
	CHECK_INT(pca_fit(MW, 4, 2, 2, mu, comp, var, &tot, &d), 0);
	CHECK_NEAR(var[0], 8.0 / 3, 1e-12);
	CHECK_NEAR(var[1], 2.0 / 3, 1e-12);
	CHECK_NEAR(tot, 10.0 / 3, 1e-12);
	CHECK_NEAR(comp[0], 0, 1e-7);
	CHECK_NEAR(comp[1], 1, 1e-7);
	CHECK_NEAR(comp[2], 1, 1e-7);
	pca_project(MW, 4, 2, mu, comp, 2, out);
	CHECK_NEAR(out[0], 0, 1e-7);	/* (1,0) -> (0, 1) */
	CHECK_NEAR(out[1], 1, 1e-7);
	CHECK_NEAR(out[4], 2, 1e-7);	/* (0,2) -> (2, 0) */
	CHECK_NEAR(out[6], -2, 1e-7);
	CHECK_INT(pca_fit(MW, 4, 2, 3, mu, comp, var, &tot, &d), -1);
	CHECK_STR(d.msg, "pca: 3 components asked of 2 dimensions");
}

static void
test_procrustes(void)
{
	/* base B; other O = B rotated by +90°: (x,y) -> (-y,x) */
	float b[] = { 1, 0, 0, 1, 1, 1 }, o[] = { 0, 1, -1, 0, -1, 1 };
	float r[4], out[6];
	struct diag d;
	int i;

	CHECK_INT(procrustes_fit(o, b, 3, 2, r, &d), 0);
	/* R rotates back by -90°: (x,y) -> (y,-x), i.e. R = [[0,-1],[1,0]] */
	CHECK_NEAR(r[0], 0, 1e-6);
	CHECK_NEAR(r[1], -1, 1e-6);
	CHECK_NEAR(r[2], 1, 1e-6);
	CHECK_NEAR(r[3], 0, 1e-6);
	procrustes_apply(o, 3, 2, r, out);
	for (i = 0; i < 6; i++)
		CHECK_NEAR(out[i], b[i], 1e-6);
}

static void
test_rsa(void)
{
	float x[] = { 1, 0, 0, 1, 1, 1 };
	double rdm[3], a[] = { 1, 2, 3, 4 }, b[] = { 1, 3, 2, 4 };
	double tx[] = { 1, 1, 2 }, ty[] = { 1, 2, 3 }, nb[] = { 1, NAN, 2, 4 };
	double ra[10], rb[10], stat, p;
	struct diag d;
	struct rng r;
	int i;

	/* (1,0)-(0,1): 1; (1,0)-(1,1) and (0,1)-(1,1): 1 - 1/√2 */
	rsa_rdm(x, 3, 2, rdm);
	CHECK_NEAR(rdm[0], 1, 1e-15);
	CHECK_NEAR(rdm[1], 1 - sqrt(0.5), 1e-7);
	CHECK_NEAR(rdm[2], 1 - sqrt(0.5), 1e-7);
	/* tau-a: 6 pairs, one discordant -> (5-1)/6; ties count as neither */
	CHECK_NEAR(stats_tau_a(a, b, 4), 4.0 / 6, 1e-15);
	CHECK_NEAR(stats_tau_a(tx, ty, 3), 2.0 / 3, 1e-15);
	CHECK_NEAR(rsa_compare(a, b, 4, RSA_TAU_A), 4.0 / 6, 1e-15);
	/* Spearman of 1234 vs 1324: 1 - 6·2/(4·15) = 0.8; rho-a of equal ranks is 1 */
	CHECK_NEAR(rsa_compare(a, b, 4, RSA_SPEARMAN), 0.8, 1e-15);
	CHECK_NEAR(rsa_compare(a, a, 4, RSA_RHO_A), 1.0, 1e-15);
	/* NaN dropped jointly: (1,1) (3,2) (4,4) -> Pearson of 1,3,4 vs 1,2,4 */
	CHECK_NEAR(rsa_compare(a, nb, 4, RSA_PEARSON),
	    rsa_compare((double[]){ 1, 3, 4 }, (double[]){ 1, 2, 4 }, 3, RSA_PEARSON), 1e-15);
	/* 5 items, identical random RDMs: only the identity scores 1 */
	rng_seed(&r, 5);
	for (i = 0; i < 10; i++)
		ra[i] = rb[i] = rng_uniform(&r);
	CHECK_INT(rsa_permutation_test(ra, rb, 5, RSA_SPEARMAN, 999, 1, &stat, &p, &d), 0);
	CHECK_NEAR(stat, 1, 1e-12);
	CHECK(p >= 0.001 && p < 0.05);
	CHECK_INT(rsa_permutation_test(ra, rb, 5, RSA_TAU_A, 199, 1, &stat, &p, &d), 0);
	CHECK(p >= 0.005 && p < 0.1);
	CHECK_INT(rsa_permutation_test(ra, rb, 2, RSA_TAU_A, 199, 1, &stat, &p, &d), -1);
}

/*
 * kern/posemb on M5 (rows (3,4), (1,0), (0,2), (-1,0), (0,0)).
 * Cosines: cos(0,1) = 3/5, cos(0,2) = 4/5, cos(1,3) = -1, the zero row
 * NaN. By distance over rows 0..3: k = 1: (0.6 + 0 + 0) / 3 = 0.2;
 * k = 2: (0.8 - 1) / 2 = -0.1; k = 3: -0.6.
 * Read-out of v = (1, 1): logits 7, 1, 2, -1, 0; cosines 7/(5√2),
 * 1/√2, 1/√2, -1/√2, NaN. Softmax at t = 1 of (7, 1, 2, -1, 0): e^0 /
 * (1 + e^-6 + e^-5 + e^-8 + e^-7).
 */
static void
test_posemb(void)
{
	double unit[10], g[25], mean[5], lo[5], hi[5], v[2] = { 1, 1 };
	double lg[5], cs[5], p[5], z, h;
	long top[5];
	unsigned char skip[5] = { 1, 0, 0, 0, 0 };

	posemb_cosines(M5, 4, 2, unit, g);
	CHECK_NEAR(g[0 * 4 + 1], 0.6, 1e-12);
	CHECK_NEAR(g[1 * 4 + 0], 0.6, 1e-12);
	CHECK_NEAR(g[0 * 4 + 2], 0.8, 1e-12);
	CHECK_NEAR(g[1 * 4 + 3], -1, 1e-12);
	CHECK_NEAR(g[2 * 4 + 2], 1, 1e-12);
	posemb_by_distance(g, 4, mean, lo, hi);
	CHECK_NEAR(mean[0], 1, 1e-12);
	CHECK_NEAR(mean[1], 0.2, 1e-12);
	CHECK_NEAR(lo[1], 0, 1e-12);
	CHECK_NEAR(hi[1], 0.6, 1e-12);
	CHECK_NEAR(mean[2], -0.1, 1e-12);
	CHECK_NEAR(mean[3], -0.6, 1e-12);
	posemb_cosines(M5, 5, 2, unit, g);
	CHECK(isnan(g[4 * 5 + 0]) && isnan(g[0 * 5 + 4]) && isnan(g[24]));
	posemb_by_distance(g, 5, mean, NULL, NULL);
	CHECK(isnan(mean[4]));		/* (0, 4): the zero row */

	posemb_read_out(M5, 5, 2, v, lg, cs);
	CHECK_NEAR(lg[0], 7, 0);
	CHECK_NEAR(lg[3], -1, 0);
	CHECK_NEAR(cs[0], 7 / (5 * sqrt(2)), 1e-15);
	CHECK_NEAR(cs[3], -1 / sqrt(2), 1e-15);
	CHECK(isnan(cs[4]));
	h = posemb_softmax(lg, 5, 1, p);
	z = 1 + exp(-6) + exp(-5) + exp(-8) + exp(-7);
	CHECK_NEAR(p[0], 1 / z, 1e-15);
	CHECK_NEAR(p[2], exp(-5) / z, 1e-15);
	CHECK(h > 0 && h < log(5));
	/* A huge logit does not overflow; t = 0.5 sharpens. */
	lg[1] = 1e6;
	posemb_softmax(lg, 5, 0.5, p);
	CHECK_NEAR(p[1], 1, 0);
	CHECK(p[0] == 0);

	/* Top-k: NaN never chosen, ties to the lower index, skips. */
	CHECK_INT(posemb_topk(cs, 5, 3, NULL, top), 3);
	CHECK_INT(top[0], 0);
	CHECK_INT(top[1], 1);		/* cs[1] == cs[2]: lower index */
	CHECK_INT(top[2], 2);
	CHECK_INT(posemb_topk(cs, 5, 3, skip, top), 3);
	CHECK_INT(top[0], 1);
	CHECK_INT(top[2], 3);
	CHECK_INT(posemb_topk(cs, 5, 5, NULL, top), 4);	/* NaN left out */
	CHECK_INT(posemb_topk(cs, 5, 0, NULL, top), 0);
}

static void
test_similarity(void)
{
	static const char *const w2[] = { "woman", "man" };
	struct knn_index ix;
	long a[] = { 1 }, b[] = { 3, 2 }, m[] = { 0 }, wm[] = { 2 };
	long odd[] = { 0, 2, 3 }, tie[] = { 2, 0 };
	float sc[3];

	knn_index_init(&ix, MA, 6, 2);
	/* raw mean of queen (0,2) and woman (0,1) is (0,1.5): cos with king 1/√2 */
	CHECK_NEAR(similarity_sets(&ix, a, 1, b, 2), sqrt(0.5), 1e-7);
	CHECK_NEAR(similarity_sets(&ix, m, 1, wm, 1), 0, 0);
	CHECK(isnan(similarity_sets(&ix, m, 0, wm, 1)));
	/* man, woman, queen: unit mean (1,2)/√5; man scores 0.447, odd one */
	CHECK_INT(similarity_odd_one_out(&ix, odd, 3, NULL, sc), 0);
	CHECK_NEAR(sc[0], 1 / sqrt(5), 1e-7);
	CHECK_NEAR(sc[2], 2 / sqrt(5), 1e-7);
	/* woman and man tie: the smaller word wins, as Python's sort */
	CHECK_INT(similarity_odd_one_out(&ix, tie, 2, w2, NULL), 1);
	CHECK_INT(similarity_odd_one_out(&ix, tie, 2, NULL, NULL), 0);
	/* from man: king and apple at 0.293 (tie: not closer), the rest at 1 */
	CHECK_INT(similarity_rank(&ix, 0, 1), 1);
	CHECK_INT(similarity_rank(&ix, 0, 4), 1);
	CHECK_INT(similarity_rank(&ix, 0, 2), 3);
	knn_index_clear(&ix);
}

/* Random bytes through both benchmark parsers: a result or a located error, never a crash. */
static void
test_parsers_garbage(void)
{
	static const char *const w[] = { "man", "king", "woman", "queen", "apple",
	    "Queen" };
	static const char alphabet[] = "man king\twoman queen: #\n\r 1.5e\xc2\xa0\xff";
	struct knn_index ix;
	struct okvocab ov;
	struct analogy_result ar;
	struct wordpairs_result wr;
	struct analogy_eval_opts o = { .batch = 0, .method = ANALOGY_COSADD };
	struct diag d;
	struct rng r;
	char text[300];
	int it, bad = 0;

	knn_index_init(&ix, MA, 6, 2);
	okvocab_init(&ov, w, 6, 0, 1);
	o.canon = ov.canon;
	rng_seed(&r, 99);
	for (it = 0; it < 2000; it++) {
		size_t n = (size_t)rng_below(&r, sizeof(text)), i;
		int rc;

		for (i = 0; i < n; i++)
			text[i] = it % 2 ? (char)rng_below(&r, 256) :
			    alphabet[rng_below(&r, sizeof(alphabet) - 1)];
		if (it % 3 == 0 && n > 3)
			memcpy(text, ": s\n", 4);
		rc = analogy_eval(&ix, text, n, "g.txt", okvocab_lookup, &ov, &o, &ar, &d);
		if (rc == 0) {
			if ((size_t)(ar.correct + ar.incorrect) != ar.nitem ||
			    ar.quadruplets != (long)ar.nitem + ar.oov)
				bad++;
			analogy_result_clear(&ar);
		} else if (rc != -1 || d.line < 1)
			bad++;
		rc = wordpairs_eval(&ix, text, n, "g.tsv", okvocab_lookup, &ov, &wr, &d);
		if (rc == 0)
			wordpairs_result_clear(&wr);
		else if (rc != -1)
			bad++;
	}
	CHECK_INT(bad, 0);
	okvocab_clear(&ov);
	knn_index_clear(&ix);
}

static void
test_semchange(void)
{
	/* word 1 moves next to word 0 in b, word 2 moves away */
	static const float a[] = { 1, 0, 0, 1, 1, 1, -1, 0 };
	static const float b[] = { 1, 0, 1, 1, 0, 1, -1, 0 };
	struct knn_index ia, ib;
	struct diag d;
	double ch;
	long nb[4];
	int n;

	knn_index_init(&ia, a, 4, 2);
	knn_index_init(&ib, b, 4, 2);
	/*
	 * k = 1: a's nearest to row 0 is row 2, b's is row 1; N = {2, 1};
	 * s_a = (0.707, 0), s_b = (0, 0.707): orthogonal, change 1.
	 */
	CHECK_INT(semchange_local(&ia, &ib, 0, 1, &ch, nb, &n, &d), 0);
	CHECK_INT(n, 2);
	CHECK_INT(nb[0], 2);
	CHECK_INT(nb[1], 1);
	CHECK_NEAR(ch, 1, 1e-12);
	CHECK_INT(semchange_local(&ia, &ia, 0, 2, &ch, NULL, NULL, &d), 0);
	CHECK_NEAR(ch, 0, 1e-12);
	CHECK_INT(semchange_local(&ia, &ib, 4, 1, &ch, NULL, NULL, &d), -1);
	CHECK_STR(d.msg, "semantic change: row 4 or k 1 out of range");
	knn_index_clear(&ia);
	knn_index_clear(&ib);
}

/* Unit vectors at the given angles (degrees) into x[2n]. */
static void
angles(const double *deg, int n, float *x)
{
	int i;

	for (i = 0; i < n; i++) {
		x[2 * i] = (float)cos(deg[i] * M_PI / 180);
		x[2 * i + 1] = (float)sin(deg[i] * M_PI / 180);
	}
}

static void
test_dbscan(void)
{
	/* eps = 0.006 is between 1 − cos 6° (0.00548) and 1 − cos 7° (0.00745) */
	static const double a1[] = { 0, 5, 10, 90, 95, 180 };
	static const double a2[] = { 6, -2, -1, 0, 12, 13, 14 };
	float x[14];
	long lab[7];
	struct diag d;

	angles(a1, 6, x);
	/* min_samples 2: {0,5,10} chain through 5°, {90,95}, 180° alone */
	CHECK_INT(dbscan_cosine(x, 6, 2, 0.006, 2, lab, &d), 2);
	CHECK_INT(lab[0], 0);
	CHECK_INT(lab[2], 0);
	CHECK_INT(lab[3], 1);
	CHECK_INT(lab[4], 1);
	CHECK_INT(lab[5], -1);
	/* min_samples 3: only 5° is core; 0° and 10° are its border points */
	CHECK_INT(dbscan_cosine(x, 6, 2, 0.006, 3, lab, &d), 1);
	CHECK_INT(lab[0], 0);
	CHECK_INT(lab[2], 0);
	CHECK_INT(lab[3], -1);
	/*
	 * 6° is a border point of both 0° (core, found first) and 12° (core):
	 * it takes the first cluster; -2° and -1° are not core but join 0°'s.
	 */
	angles(a2, 7, x);
	CHECK_INT(dbscan_cosine(x, 7, 2, 0.006, 4, lab, &d), 2);
	CHECK_INT(lab[0], 0);
	CHECK_INT(lab[1], 0);
	CHECK_INT(lab[3], 0);
	CHECK_INT(lab[4], 1);
	CHECK_INT(lab[6], 1);
	CHECK_INT(dbscan_cosine(x, 7, 2, -1, 4, lab, &d), -1);
}

/* 70k rows: the batched 3CosMul splits rows over threads; same answers as one by one. */
static void
test_cosmul_threads(void)
{
	enum { R = 70000, D = 8, Q = 20, K = 5 };
	float *m = malloc(sizeof(float) * R * D), bs[Q * K], os[K];
	long abc[Q * 3], bid[Q * K], one[K];
	struct knn_index ix;
	struct diag d;
	struct rng r;
	int i, j, bad = 0;

	rng_seed(&r, 21);
	for (i = 0; i < R * D; i++)
		m[i] = (float)rng_gauss(&r);
	for (i = 0; i < Q * 3; i++)
		abc[i] = (long)rng_below(&r, R);
	knn_index_init(&ix, m, R, D);
	CHECK_INT(analogy_cosmul_batch(&ix, abc, Q, 0, K, bid, bs, &d), 0);
	for (i = 0; i < Q; i++) {
		long p2[2] = { abc[3 * i + 1], abc[3 * i + 2] }, n1 = abc[3 * i];

		CHECK_INT(analogy_cosmul(&ix, p2, 2, &n1, 1, 0, K, one, os, &d), 0);
		for (j = 0; j < K; j++)
			if (one[j] != bid[i * K + j] || fabs(os[j] - bs[i * K + j]) > 1e-5 * fabs(os[j]))
				bad++;
	}
	CHECK_INT(bad, 0);
	knn_index_clear(&ix);
	free(m);
}

int
main(void)
{
	RUN(test_norm);
	RUN(test_knn_cosine);
	RUN(test_knn_dot_euclid);
	RUN(test_knn_blocks);
	RUN(test_knn_threads);
	RUN(test_topk);
	RUN(test_stats);
	RUN(test_rng);
	RUN(test_analogy);
	RUN(test_okvocab);
	RUN(test_analogy_eval);
	RUN(test_split);
	RUN(test_wordpairs);
	RUN(test_linalg);
	RUN(test_whiten);
	RUN(test_anisotropy);
	RUN(test_contrastive);
	RUN(test_randcos);
	RUN(test_pca);
	RUN(test_procrustes);
	RUN(test_rsa);
	RUN(test_posemb);
	RUN(test_similarity);
	RUN(test_semchange);
	RUN(test_cosmul_threads);
	RUN(test_dbscan);
	RUN(test_parsers_garbage);
	return test_end("test_kern");
}
