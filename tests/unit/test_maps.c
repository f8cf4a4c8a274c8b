/*
 * Unit tests for the map kernels (kern/tsne, kern/graph, kern/axis,
 * kern/proj, kern/dbscan's Euclidean form): inputs small enough to
 * check by hand, with the expected numbers worked out in the comments.
 * The cross-checks against scikit-learn and networkx on real GloVe
 * vectors are in tests/maps/suite.sh.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "kern/axis.h"
#include "kern/dbscan.h"
#include "kern/graph.h"
#include "kern/proj.h"
#include "kern/rng.h"
#include "kern/tsne.h"
#include "util/xalloc.h"

/* Two tight clusters of n/2 points each in 5-d, around ±e1. */
static float *
two_blobs(long n, uint64_t seed)
{
	float *x = xmalloc((size_t)n * 5 * sizeof(float));
	struct rng r;
	long i;
	int c;

	rng_seed(&r, seed);
	for (i = 0; i < n; i++)
		for (c = 0; c < 5; c++)
			x[i * 5 + c] = (float)((c == 0 ? (i < n / 2 ? 3 : -3) :
			    0) + 0.3 * rng_gauss(&r));
	return x;
}

/* Share of points whose nearest neighbour in the map is of their own
 * cluster (the first n/2 points are one cluster). */
static double
separation(const double *y, long n)
{
	long i, j, ok = 0;

	for (i = 0; i < n; i++) {
		double best = INFINITY;
		long bj = -1;

		for (j = 0; j < n; j++) {
			double d = hypot(y[2 * i] - y[2 * j], y[2 * i + 1] -
			    y[2 * j + 1]);

			if (j != i && d < best) {
				best = d;
				bj = j;
			}
		}
		ok += (bj < n / 2) == (i < n / 2);
	}
	return (double)ok / n;
}

static void
test_tsne_blobs(void)
{
	static const enum tsne_method m[] = { TSNE_KNN_EXACT, TSNE_KNN_FFT,
	    TSNE_DENSE };
	struct tsne_opts o;
	struct tsne_info info;
	struct diag d;
	float *x = two_blobs(60, 7);
	double *y1 = xmalloc(120 * sizeof(double));
	double *y2 = xmalloc(120 * sizeof(double));
	int k;

	for (k = 0; k < 3; k++) {
		tsne_opts_default(&o);
		o.perplexity = 5;
		o.method = m[k];
		o.max_iter = 400;
		o.workers = 1;
		CHECK_INT(tsne_run(x, 60, 5, &o, y1, &info, &d), 0);
		CHECK(info.kl > 0 && info.kl < 2);
		CHECK_INT(info.iters, 400);
		CHECK_INT(info.neighbours, k == 2 ? 59 : 16);	/* ⌊3·5+1⌋ */
		CHECK_NEAR(info.learning_rate, 50, 0);	/* max(60/48, 50) */
		CHECK(separation(y1, 60) == 1);
		/* the same bytes with 3 workers */
		o.workers = 3;
		CHECK_INT(tsne_run(x, 60, 5, &o, y2, &info, &d), 0);
		CHECK(memcmp(y1, y2, 120 * sizeof(double)) == 0);
	}
	free(x);
	free(y1);
	free(y2);
}

/* The FFT path with more than one tile (512 points) stays the same
 * bytes for any worker count and close to the exact gradient's KL.
 * 400 iterations: just after the early exaggeration (250) the KL still
 * falls some 15% in 20 iterations, so a 5% bound there would compare
 * the runs' phase rather than their gradients. */
static void
test_tsne_fft_tiles(void)
{
	struct tsne_opts o;
	struct tsne_info a, b, e;
	struct diag d;
	float *x = two_blobs(1100, 11);
	double *y1 = xmalloc(2200 * sizeof(double));
	double *y2 = xmalloc(2200 * sizeof(double));

	tsne_opts_default(&o);
	o.method = TSNE_KNN_FFT;
	o.max_iter = 400;
	o.workers = 1;
	CHECK_INT(tsne_run(x, 1100, 5, &o, y1, &a, &d), 0);
	o.workers = 2;
	CHECK_INT(tsne_run(x, 1100, 5, &o, y2, &b, &d), 0);
	CHECK(memcmp(y1, y2, 2200 * sizeof(double)) == 0);
	CHECK(a.kl == b.kl);
	o.method = TSNE_KNN_EXACT;
	CHECK_INT(tsne_run(x, 1100, 5, &o, y2, &e, &d), 0);
	CHECK(fabs(a.kl - e.kl) < 0.05 * e.kl);
	CHECK(separation(y1, 1100) == 1);
	free(x);
	free(y1);
	free(y2);
}

static int
stop_at_100(void *arg, int iter, double kl)
{
	int *calls = arg;

	(*calls)++;
	return iter >= 100;
}

static void
test_tsne_bad(void)
{
	struct tsne_opts o;
	struct diag d;
	float x[8] = { 0, 0, 1, 0, 0, 1, 1, 1 };
	float *b = two_blobs(40, 3);
	double y[80];
	int calls = 0;

	tsne_opts_default(&o);
	CHECK_INT(tsne_run(x, 4, 2, &o, y, NULL, &d), -1);
	CHECK_STR(d.msg, "t-SNE: perplexity must be > 0 and less than the "
	    "number of points (got 30 for 4 points)");
	CHECK_INT(tsne_run(x, 3, 2, &o, y, NULL, &d), -1);
	CHECK_STR(d.msg, "t-SNE: needs at least 4 points (got 3)");
	o.perplexity = 2;
	x[5] = NAN;
	CHECK_INT(tsne_run(x, 4, 2, &o, y, NULL, &d), -1);
	CHECK_STR(d.msg, "t-SNE: row 3 has a non-finite value");
	x[5] = 1;
	memset(x, 0, sizeof(x));
	CHECK_INT(tsne_run(x, 4, 2, &o, y, NULL, &d), -1);
	CHECK_STR(d.msg, "t-SNE: the rows do not vary (all 4 are the same "
	    "point)");
	o.perplexity = 5;
	o.progress = stop_at_100;
	o.progress_arg = &calls;
	CHECK_INT(tsne_run(b, 40, 5, &o, y, NULL, &d), -1);
	CHECK_STR(d.msg, "t-SNE: cancelled at iteration 100");
	CHECK_INT(calls, 2);	/* iterations 50 and 100 */
	free(b);
}

/*
 * Two triangles {0,1,2} and {3,4,5} of unit-ish vectors, far apart:
 * cos within a triangle >= 0.98, across ~0. Threshold 0.9 gives 6 edges,
 * 2 components, clustering 1 everywhere; Louvain finds the triangles,
 * modularity 2 × (3w/6w − (6w/12w)²) = 0.5 exactly for equal weights.
 */
static const float TRI[] = {
	1, 0.1f, 0,  1, 0, 0.1f,  1, 0.1f, 0.1f,
	0, 0.1f, 1,  0.1f, 0, 1,  0.1f, 0.1f, 1 };

static void
test_graph_triangles(void)
{
	struct graph g;
	struct diag d;
	long comp[6], comm[6], nc;
	double cc[6], q, pos[12], pos2[12];
	int i;

	CHECK_INT(graph_threshold(TRI, 6, 3, 0.9, &g, &d), 0);
	CHECK_INT(g.nedges, 6);
	CHECK_INT(g.ptr[1] - g.ptr[0], 2);
	CHECK_INT(g.adj[0], 1);
	CHECK_INT(g.adj[1], 2);
	CHECK_INT(graph_components(&g, comp), 2);
	CHECK_INT(comp[0], 0);
	CHECK_INT(comp[2], 0);
	CHECK_INT(comp[3], 1);
	CHECK_NEAR(graph_clustering(&g, cc), 1, 1e-12);
	nc = graph_louvain(&g, 1, 42, 1, comm, &q);
	CHECK_INT(nc, 2);
	CHECK(comm[0] == 0 && comm[1] == 0 && comm[2] == 0);
	CHECK(comm[3] == 1 && comm[4] == 1 && comm[5] == 1);
	CHECK_NEAR(q, 0.5, 0.01);
	CHECK_NEAR(graph_modularity(&g, comm, 1), q, 1e-12);
	graph_layout_fr(&g, 50, 1, 1, pos);
	graph_layout_fr(&g, 50, 1, 3, pos2);
	CHECK(memcmp(pos, pos2, sizeof(pos)) == 0);
	for (i = 0; i < 12; i++)
		CHECK(fabs(pos[i]) <= 1 + 1e-12);
	/* the triangles end up apart: mean inside < mean across */
	{
		double in = 0, out = 0;
		int a, b;

		for (a = 0; a < 6; a++)
			for (b = a + 1; b < 6; b++) {
				double dd = hypot(pos[2 * a] - pos[2 * b],
				    pos[2 * a + 1] - pos[2 * b + 1]);

				if ((a < 3) == (b < 3))
					in += dd / 6;
				else
					out += dd / 9;
			}
		CHECK(in < out);
	}
	graph_clear(&g);
	/* mutual 2-NN: each triangle's members are each other's 2 nearest */
	CHECK_INT(graph_mutual_knn(TRI, 6, 3, 2, 1, &g, &d), 0);
	CHECK_INT(g.nedges, 6);
	graph_clear(&g);
	/* no edges at a threshold nobody reaches: labelled empty result */
	CHECK_INT(graph_threshold(TRI, 6, 3, 1.0, &g, &d), 0);
	CHECK_INT(g.nedges, 0);
	CHECK_INT(graph_components(&g, comp), 6);
	CHECK_INT(graph_louvain(&g, 1, 1, 3, comm, &q), 6);
	CHECK_NEAR(q, 0, 0);
	graph_layout_fr(&g, 10, 1, 1, pos);
	for (i = 0; i < 12; i++)
		CHECK(isfinite(pos[i]));
	graph_clear(&g);
	CHECK_INT(graph_threshold(TRI, 6, 3, 0, &g, &d), -1);
	CHECK_STR(d.msg, "graph: the cosine threshold must be in (0, 1] "
	    "(got 0)");
	CHECK_INT(graph_mutual_knn(TRI, 6, 3, 6, 1, &g, &d), -1);
	CHECK_STR(d.msg, "graph: k must be in 1..5 (got 6)");
}

/*
 * Poles: pos = (1,0,0), (1,0.1,0) ≈ e1, neg = (−1,0,0), (−1,0,0.1):
 * the mean-difference axis is ≈ e1; "x" = (0.5,0,0) projects to
 * cos ≈ +1, "y" = (0,1,0) to ≈ 0.
 */
static void
test_axis(void)
{
	static const float X[] = { 1, 0, 0,  1, 0.1f, 0,  -1, 0, 0,
	    -1, 0, 0.1f,  0.5f, 0, 0,  0, 1, 0,  0, 0, 0 };
	long pos[] = { 0, 1 }, neg[] = { 2, 3 }, ids[] = { 4, 5, 6 };
	double ax[3], len, pr[3], pa, sa;
	struct diag d;

	CHECK_INT(axis_build(X, 7, 3, pos, 2, neg, 2, AXIS_MEAN_DIFF, ax,
	    &len, &d), 0);
	CHECK(ax[0] > 0.99);
	CHECK_NEAR(len, 2, 0.01);
	axis_project(X, 3, ax, ids, 3, pr);
	CHECK(pr[0] > 0.99);
	CHECK(fabs(pr[1]) < 0.03);
	CHECK_NEAR(pr[2], 0, 0);	/* a zero row projects to 0 */
	CHECK_INT(axis_build(X, 7, 3, pos, 2, neg, 2, AXIS_PAIR_PCA, ax,
	    NULL, &d), 0);
	CHECK(ax[0] > 0.99);
	CHECK_INT(axis_holdout(X, 7, 3, pos, 2, neg, 2, AXIS_MEAN_DIFF, &pa,
	    &sa, &d), 0);
	CHECK_NEAR(pa, 1, 0);
	CHECK_NEAR(sa, 1, 0);
	/* bad input */
	neg[1] = 1;
	CHECK_INT(axis_build(X, 7, 3, pos, 2, neg, 2, AXIS_MEAN_DIFF, ax,
	    NULL, &d), -1);
	CHECK_STR(d.msg, "axis: word 1 is in both poles");
	CHECK_INT(axis_build(X, 7, 3, pos, 0, neg, 2, AXIS_MEAN_DIFF, ax,
	    NULL, &d), -1);
	CHECK_STR(d.msg, "axis: the first pole has no words");
	pos[0] = 0;
	neg[0] = 4;	/* (0.5,0,0) and (1,0,0) have the same unit vector */
	CHECK_INT(axis_build(X, 7, 3, pos, 1, neg, 1, AXIS_MEAN_DIFF, ax,
	    NULL, &d), -1);
	CHECK_STR(d.msg, "axis: the two poles have the same mean (an axis "
	    "of zero length)");
	CHECK_INT(axis_holdout(X, 7, 3, pos, 1, neg + 1, 1, AXIS_MEAN_DIFF,
	    &pa, &sa, &d), -1);
	CHECK_STR(d.msg, "axis: the held-out check needs at least 2 pole "
	    "pairs (got 1)");
}

/*
 * Rows (3,0), (0,1), (0,−1), not centred: xᵀx = diag(9, 2), so the
 * first direction is e1 with projections 3, 0, 0 (np.var = 2) and the
 * second e2 with 0, 1, −1 (np.var = 2/3); the columns' variances add to
 * 2 + 2/3, so the ratios are 0.75 and 0.25.
 */
static void
test_proj(void)
{
	static const float X[] = { 3, 0, 0, 1, 0, -1 };
	float out[6], comp[4];
	double ratio[2];
	struct diag d;

	CHECK_INT(proj_linear(X, 3, 2, 2, 0, out, comp, ratio, &d), 0);
	CHECK_NEAR(comp[0], 1, 1e-6);
	CHECK_NEAR(out[0], 3, 1e-6);
	CHECK_NEAR(ratio[0], 0.75, 1e-9);
	CHECK_NEAR(ratio[1], 0.25, 1e-9);
	/* centred: the column means (1, 0) come off first; ratios sum to 1 */
	CHECK_INT(proj_linear(X, 3, 2, 2, 1, out, comp, ratio, &d), 0);
	CHECK_NEAR(ratio[0] + ratio[1], 1, 1e-9);
	CHECK_INT(proj_linear(X, 3, 2, 3, 1, out, NULL, NULL, &d), -1);
	CHECK_STR(d.msg, "projection: 3 components asked of 2 dimensions");
}

/*
 * Euclidean DBSCAN on a line: 0, 0.5, 1, 1.5 (a chain with eps 0.5)
 * and 10, 10.4 and a lone 20. min_samples 2: clusters {0..3}, {4,5},
 * noise {6}. A pair exactly eps apart is a neighbour (<=).
 */
static void
test_dbscan_euclid(void)
{
	static const float X[] = { 0, 0, 0.5f, 0, 1, 0, 1.5f, 0, 10, 0,
	    10.4f, 0, 20, 0 };
	long lab[7];
	struct diag d;

	CHECK_INT(dbscan_euclidean(X, 7, 2, 0.5, 2, lab, &d), 2);
	CHECK(lab[0] == 0 && lab[1] == 0 && lab[2] == 0 && lab[3] == 0);
	CHECK(lab[4] == 1 && lab[5] == 1);
	CHECK_INT(lab[6], -1);
	{
		long lab3[7];

		CHECK_INT(dbscan(X, 7, 2, DBSCAN_EUCLIDEAN, 0.5, 2, 3, lab3, &d),
		    2);
		CHECK(memcmp(lab, lab3, sizeof(lab)) == 0);
	}
	CHECK_INT(dbscan_euclidean(X, 7, 2, 0.49, 2, lab, &d), 1);
	CHECK_INT(lab[0], -1);
	CHECK_INT(dbscan_euclidean(X, 7, 2, 0, 2, lab, &d), -1);
	CHECK_STR(d.msg, "dbscan: needs eps > 0 and min_samples >= 1 (got 0, "
	    "2)");
}

/*
 * Adjusted Rand index by hand: {0,0,0,1,1,1} against {0,0,1,1,2,2}:
 * Σ C(n_ij, 2) = 2, rows 3 + 3 = 6, columns 1 + 1 + 1 = 3, C(6, 2) = 15,
 * expected 6·3/15 = 1.2, maximum 4.5: (2 − 1.2)/(4.5 − 1.2) = 8/33.
 * Renamed labels and noise (−1) as a label change nothing.
 */
static void
test_dbscan_ari(void)
{
	static const long a[] = { 0, 0, 0, 1, 1, 1 }, b[] = { 0, 0, 1, 1, 2, 2 },
	    c[] = { -1, -1, -1, 7, 7, 7 }, one[] = { 3, 3, 3, 3, 3, 3 },
	    sing[] = { 0, 1, 2, 3, 4, 5 };

	CHECK_NEAR(dbscan_adjusted_rand(a, b, 6), 8.0 / 33.0, 1e-15);
	CHECK_NEAR(dbscan_adjusted_rand(b, a, 6), 8.0 / 33.0, 1e-15);
	CHECK_NEAR(dbscan_adjusted_rand(a, c, 6), 1.0, 0);
	CHECK_NEAR(dbscan_adjusted_rand(one, one, 6), 1.0, 0);
	CHECK_NEAR(dbscan_adjusted_rand(sing, sing, 6), 1.0, 0);
	/* one cluster against singletons: no pair agrees beyond chance */
	CHECK_NEAR(dbscan_adjusted_rand(one, sing, 6), 0.0, 1e-15);
	CHECK_NEAR(dbscan_adjusted_rand(a, b, 1), 1.0, 0);
}

int
main(void)
{
	RUN(test_tsne_bad);
	RUN(test_tsne_blobs);
	RUN(test_tsne_fft_tiles);
	RUN(test_graph_triangles);
	RUN(test_axis);
	RUN(test_proj);
	RUN(test_dbscan_euclid);
	RUN(test_dbscan_ari);
	return test_end("test_maps");
}
