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
 *   mapcheck dbscan MAT DIMS cosine|euclidean EPS MIN_SAMPLES
 *        one label per line, then "secs S"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kern/dbscan.h"
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
	if (dbscan_cosine(x, n, dims, atof(argv[3]), atoi(argv[4]), lab, &d) < 0)
		die(&d);
	t1 = now();
	for (i = 0; i < n; i++)
		printf("%ld\n", lab[i]);
	printf("secs %.4f\n", t1 - t0);
	free(lab);
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
	if (rc == 1)
		fprintf(stderr, "usage: see the header of tests/maps/mapcheck.c\n");
	buf_clear(&matbuf);
	return rc;
}
