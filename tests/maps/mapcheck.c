/*
 * tests/maps/mapcheck: a test and benchmark driver that runs one map
 * kernel (t-SNE, DBSCAN, similarity graph, semantic axis) on a raw
 * float32 matrix written by tests/maps/crosscheck.py or tests/bench and
 * prints the results (and its own wall-clock time) for the Python side
 * to compare with scikit-learn and networkx. Reads files named on the
 * command line; prints to stdout. Never part of vecdoc itself (noinst).
 *
 *   mapcheck tsne MAT DIMS METHOD WORKERS OUT [PERPLEXITY [ITERS]]
 *        METHOD auto|exact|fft|dense; OUT = n × 2 float64;
 *        prints "kl K", "iters N", "secs S", "secs_affinity S"
 *   mapcheck dbscan MAT DIMS cosine|euclidean EPS MIN_SAMPLES [WORKERS]
 *        one label per line, then "secs S"
 *   mapcheck graph MAT DIMS threshold|knn T|K SEED WORKERS EDGES
 *        EDGES = "a b w" lines; prints nodes, edges, components,
 *        clustering, communities, modularity, layout_same (1 when 1 and
 *        WORKERS workers give the same bytes), edge_ratio (mean edge
 *        length / mean distance of all pairs in the layout), secs_*;
 *        then one "comm I C" line per node
 *   mapcheck proj MAT DIMS K centred|uncentred OUT   ratios; OUT = n × K float32
 *   mapcheck axis MAT DIMS POS NEG QUERY    ids comma-separated; prints
 *        the axis projections of QUERY, pair_acc, side_acc
 *   mapcheck preserve MAT DIMS Y K          Y = n × 2 float64; the share
 *        of k nearest neighbours kept
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kern/axis.h"
#include "kern/dbscan.h"
#include "kern/graph.h"
#include "kern/proj.h"
#include "kern/tsne.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static struct buf matbuf = BUF_INIT;

static void
die(const struct diag *d)
{
	diag_print(stderr, d);
	exit(2);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static const float *
load_mat(const char *path, int dims, long *rows)
{
	struct diag d;

	if (fs_read(path, &matbuf, &d) < 0)
		die(&d);
	*rows = (long)(matbuf.len / sizeof(float) / (size_t)dims);
	return (const float *)matbuf.data;
}

static int
progress(void *arg, int iter, double kl)
{
	if (arg != NULL)
		fprintf(stderr, "iter %d kl %.6f\n", iter, kl);
	return 0;
}

static int
cmd_tsne(int argc, char **argv)
{
	struct tsne_opts o;
	struct tsne_info info;
	struct diag d;
	const float *x;
	double *y, t0;
	long n;
	int dims;
	FILE *fp;

	if (argc < 5)
		return 1;
	dims = atoi(argv[1]);
	x = load_mat(argv[0], dims, &n);
	tsne_opts_default(&o);
	if (strcmp(argv[2], "exact") == 0)
		o.method = TSNE_KNN_EXACT;
	else if (strcmp(argv[2], "fft") == 0)
		o.method = TSNE_KNN_FFT;
	else if (strcmp(argv[2], "dense") == 0)
		o.method = TSNE_DENSE;
	o.workers = atoi(argv[3]);
	if (argc > 5)
		o.perplexity = atof(argv[5]);
	if (argc > 6)
		o.max_iter = atoi(argv[6]);
	if (getenv("MAPCHECK_INIT") != NULL) {
		struct buf ib = BUF_INIT;

		if (fs_read(getenv("MAPCHECK_INIT"), &ib, &d) < 0)
			die(&d);
		o.init_y = (const double *)ib.data;	/* leaked: a test driver */
	}
	if (getenv("MAPCHECK_BPU") != NULL)
		o.boxes_per_unit = atof(getenv("MAPCHECK_BPU"));
	if (getenv("MAPCHECK_EXAG") != NULL)
		o.exaggeration_iter = atoi(getenv("MAPCHECK_EXAG"));
	o.progress = progress;
	o.progress_arg = getenv("MAPCHECK_VERBOSE");
	y = xmalloc((size_t)n * 2 * sizeof(double));
	t0 = now();
	if (tsne_run(x, n, dims, &o, y, &info, &d) < 0)
		die(&d);
	printf("kl %.6f\niters %d\nsecs %.3f\nsecs_affinity %.3f\n", info.kl,
	    info.iters, now() - t0, info.secs_affinity);
	fp = fopen(argv[4], "wb");
	if (fp == NULL || fwrite(y, sizeof(double), (size_t)n * 2, fp) !=
	    (size_t)n * 2 || fclose(fp) != 0) {
		perror(argv[4]);
		return 2;
	}
	free(y);
	return 0;
}

static int
cmd_dbscan(int argc, char **argv)
{
	struct diag d;
	const float *x;
	long n, i, *lab;
	int dims;
	double t0, t1;

	if (argc < 5)
		return 1;
	dims = atoi(argv[1]);
	x = load_mat(argv[0], dims, &n);
	lab = xmalloc((size_t)n * sizeof(long));
	t0 = now();
	if (dbscan(x, n, dims, strcmp(argv[2], "euclidean") == 0 ?
	    DBSCAN_EUCLIDEAN : DBSCAN_COSINE, atof(argv[3]), atoi(argv[4]),
	    argc > 5 ? atoi(argv[5]) : 1, lab, &d) < 0)
		die(&d);
	t1 = now();
	for (i = 0; i < n; i++)
		printf("%ld\n", lab[i]);
	printf("secs %.4f\n", t1 - t0);
	free(lab);
	return 0;
}

static int
cmd_graph(int argc, char **argv)
{
	struct graph g;
	struct diag d;
	const float *x;
	long n, i, p, *comp, *comm, nc;
	double t0, t1, t2, t3, t4, q, *cc, avg, *pos, *pos1, el = 0, al = 0;
	int dims, workers, same;
	unsigned long long seed;
	FILE *fp;

	if (argc < 7)
		return 1;
	dims = atoi(argv[1]);
	x = load_mat(argv[0], dims, &n);
	seed = strtoull(argv[4], NULL, 10);
	workers = atoi(argv[5]);
	t0 = now();
	if ((strcmp(argv[2], "knn") == 0 ? graph_mutual_knn(x, n, dims,
	    atoi(argv[3]), workers, &g, &d) : graph_threshold(x, n, dims,
	    atof(argv[3]), &g, &d)) < 0)
		die(&d);
	t1 = now();
	comp = xmalloc((size_t)n * sizeof(long));
	comm = xmalloc((size_t)n * sizeof(long));
	cc = xmalloc((size_t)n * sizeof(double));
	pos = xmalloc((size_t)n * 2 * sizeof(double));
	pos1 = xmalloc((size_t)n * 2 * sizeof(double));
	printf("nodes %ld\nedges %ld\ncomponents %ld\n", n, g.nedges,
	    graph_components(&g, comp));
	avg = graph_clustering(&g, cc);
	printf("clustering %.12f\n", avg);
	t2 = now();
	nc = graph_louvain(&g, 1.0, seed, getenv("LOUVAIN_TRIES") ? atoi(getenv("LOUVAIN_TRIES")) : 8, comm, &q);
	t3 = now();
	graph_layout_fr(&g, 50, seed, workers, pos);
	t4 = now();
	graph_layout_fr(&g, 50, seed, 1, pos1);
	same = memcmp(pos, pos1, (size_t)n * 2 * sizeof(double)) == 0;
	for (i = 0; i < n; i++) {
		long j;

		for (p = g.ptr[i]; p < g.ptr[i + 1]; p++) {
			j = g.adj[p];
			el += hypot(pos[2 * i] - pos[2 * j], pos[2 * i + 1] -
			    pos[2 * j + 1]);
		}
		for (j = i + 1; j < n; j++)
			al += hypot(pos[2 * i] - pos[2 * j], pos[2 * i + 1] -
			    pos[2 * j + 1]);
	}
	el = g.nedges > 0 ? el / (2.0 * g.nedges) : 0;
	al /= (double)n * (n - 1) / 2;
	printf("communities %ld\nmodularity %.12f\nlayout_same %d\n"
	    "edge_ratio %.4f\nsecs_build %.4f\nsecs_louvain %.4f\n"
	    "secs_layout %.4f\n", nc, q, same, el / al, t1 - t0, t3 - t2,
	    t4 - t3);
	for (i = 0; i < n; i++)
		printf("comm %ld %ld\n", i, comm[i]);
	fp = fopen(argv[6], "w");
	if (fp == NULL) {
		perror(argv[6]);
		return 2;
	}
	for (i = 0; i < n; i++)
		for (p = g.ptr[i]; p < g.ptr[i + 1]; p++)
			if (g.adj[p] > i)
				fprintf(fp, "%ld %ld %.9g\n", i, g.adj[p], g.w[p]);
	fclose(fp);
	graph_clear(&g);
	free(comp);
	free(comm);
	free(cc);
	free(pos);
	free(pos1);
	return 0;
}

static int
cmd_proj(int argc, char **argv)
{
	struct diag d;
	const float *x;
	float *out;
	double *ratio;
	long n;
	int dims, k, i;
	FILE *fp;

	if (argc < 5)
		return 1;
	dims = atoi(argv[1]);
	k = atoi(argv[2]);
	x = load_mat(argv[0], dims, &n);
	out = xmalloc((size_t)n * (k > 0 ? k : 1) * sizeof(float));
	ratio = xmalloc((size_t)(k > 0 ? k : 1) * sizeof(double));
	if (proj_linear(x, n, dims, k, strcmp(argv[3], "centred") == 0, out,
	    NULL, ratio, &d) < 0)
		die(&d);
	for (i = 0; i < k; i++)
		printf("%.9f\n", ratio[i]);
	fp = fopen(argv[4], "wb");
	if (fp == NULL || fwrite(out, sizeof(float), (size_t)n * k, fp) !=
	    (size_t)n * k || fclose(fp) != 0) {
		perror(argv[4]);
		return 2;
	}
	free(out);
	free(ratio);
	return 0;
}

/* Comma-separated ids into a new array; *n gets the count. */
static long *
parse_ids(const char *s, int *n)
{
	long *v = NULL;
	char *end;

	*n = 0;
	while (*s) {
		v = xreallocarray(v, (size_t)*n + 1, sizeof(long));
		v[(*n)++] = strtol(s, &end, 10);
		s = *end == ',' ? end + 1 : end;
		if (end == s && *s)
			break;
	}
	return v;
}

static int
cmd_axis(int argc, char **argv)
{
	struct diag d;
	const float *x;
	long n, *pos, *neg, *qry;
	int dims, np, nn, nq, i;
	double *ax, *pr, pa, sa;

	if (argc < 5)
		return 1;
	dims = atoi(argv[1]);
	x = load_mat(argv[0], dims, &n);
	pos = parse_ids(argv[2], &np);
	neg = parse_ids(argv[3], &nn);
	qry = parse_ids(argv[4], &nq);
	ax = xmalloc((size_t)dims * sizeof(double));
	pr = xmalloc((size_t)(nq > 0 ? nq : 1) * sizeof(double));
	if (axis_build(x, n, dims, pos, np, neg, nn, AXIS_MEAN_DIFF, ax, NULL,
	    &d) < 0)
		die(&d);
	axis_project(x, dims, ax, qry, nq, pr);
	for (i = 0; i < nq; i++)
		printf("%.9f\n", pr[i]);
	if (axis_holdout(x, n, dims, pos, np, neg, nn, AXIS_MEAN_DIFF, &pa,
	    &sa, &d) < 0)
		die(&d);
	printf("pair_acc %.6f\nside_acc %.6f\n", pa, sa);
	free(pos);
	free(neg);
	free(qry);
	free(ax);
	free(pr);
	return 0;
}

static int
cmd_preserve(int argc, char **argv)
{
	struct diag d;
	struct buf yb = BUF_INIT;
	const float *x;
	long n;
	int dims;
	double r;

	if (argc < 4)
		return 1;
	dims = atoi(argv[1]);
	x = load_mat(argv[0], dims, &n);
	if (fs_read(argv[2], &yb, &d) < 0)
		die(&d);
	r = tsne_knn_preservation(x, n, dims, (const double *)yb.data,
	    atoi(argv[3]), 2, &d);
	if (r < 0)
		die(&d);
	printf("%.6f\n", r);
	buf_clear(&yb);
	return 0;
}

int
main(int argc, char **argv)
{
	int rc = 1;

	if (argc >= 2 && strcmp(argv[1], "tsne") == 0)
		rc = cmd_tsne(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "dbscan") == 0)
		rc = cmd_dbscan(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "graph") == 0)
		rc = cmd_graph(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "proj") == 0)
		rc = cmd_proj(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "axis") == 0)
		rc = cmd_axis(argc - 2, argv + 2);
	else if (argc >= 2 && strcmp(argv[1], "preserve") == 0)
		rc = cmd_preserve(argc - 2, argv + 2);
	if (rc == 1)
		fprintf(stderr, "usage: see the header of tests/maps/mapcheck.c\n");
	buf_clear(&matbuf);
	return rc;
}
