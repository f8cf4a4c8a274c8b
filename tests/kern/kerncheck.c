/*
 * tests/kern/kerncheck: a test driver that runs one kernel on a raw
 * float32 matrix (and a word list) written by tests/kern/crosscheck.py
 * and prints the results for the Python side to compare with numpy,
 * scipy and gensim. Reads files named on the command line; prints to
 * stdout. Never part of vecdoc itself (noinst).
 *
 *   kerncheck knn MAT DIMS QUERIES METRIC K [RESTRICT]   q rank id score
 *   kerncheck cosadd|cosmul MAT DIMS VOCAB K A B C        id word score
 *   kerncheck analogy MAT DIMS VOCAB QUESTIONS RESTRICT  sections, total
 *   kerncheck pairs MAT DIMS VOCAB PAIRS                 pearson, spearman, oov
 *   kerncheck whiten MAT DIMS K OUT | abtt MAT DIMS NDIR OUT
 *   kerncheck aniso MAT DIMS NPAIRS SEED NPC
 *   kerncheck spearman FILE                               (two columns)
 *   kerncheck randcos DIM NPAIRS SEED
 *   kerncheck pca MAT DIMS K OUT                        var ratios; OUT = projections
 *   kerncheck procrustes OTHER BASE DIMS OUT            OUT = R
 *   kerncheck rsa MAT1 DIMS1 MAT2 DIMS2 METHOD NPERM SEED
 *   kerncheck sim MAT DIMS VOCAB W1,W2.. W3,W4..       n_similarity, doesnt_match
 *                                                       (of the first list), rank(W1, W3)
 *   kerncheck semchange A B DIMS K ROW...               row change n neighbours...
 *   kerncheck dbscan MAT DIMS EPS MIN_SAMPLES           one label per line
 *   kerncheck similar MAT DIMS VOCAB K WORD:WEIGHT...   id word score
 *   kerncheck hist FILE LO HI NBINS                     counts, below, above, nan
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kern/analogy.h"
#include "kern/analogy_eval.h"
#include "kern/dbscan.h"
#include "kern/geometry.h"
#include "kern/knn.h"
#include "kern/okvocab.h"
#include "kern/pca.h"
#include "kern/procrustes.h"
#include "kern/randcos.h"
#include "kern/rsa.h"
#include "kern/semchange.h"
#include "kern/similarity.h"
#include "kern/stats.h"
#include "kern/wordpairs.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static struct buf matbuf = BUF_INIT, vocbuf = BUF_INIT;
static char **words;
static long nwords;

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

static void
load_vocab(const char *path)
{
	struct diag d;
	char *p, *nl;
	size_t cap = 0;

	if (fs_read(path, &vocbuf, &d) < 0)
		die(&d);
	for (p = vocbuf.data; p != NULL && *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			break;
		*nl = '\0';
		if ((size_t)nwords == cap) {
			cap = cap ? 2 * cap : 1024;
			words = xreallocarray(words, cap, sizeof(char *));
		}
		words[nwords++] = p;
	}
}

static long
find_word(const char *w)
{
	long i;

	for (i = 0; i < nwords; i++)
		if (strcmp(words[i], w) == 0)
			return i;
	fprintf(stderr, "kerncheck: no word %s\n", w);
	exit(2);
}

static int
cmd_knn(int argc, char **argv)
{
	int dims = atoi(argv[2]), k = atoi(argv[5]);
	long rows, nq, i, j;
	const float *m = load_mat(argv[1], dims, &rows);
	struct buf qb = BUF_INIT;
	struct knn_index ix;
	struct knn_opts o;
	struct diag d;
	long *ids;
	float *sc;
	double t0;

	if (fs_read(argv[3], &qb, &d) < 0)
		die(&d);
	nq = (long)(qb.len / sizeof(float) / (size_t)dims);
	memset(&o, 0, sizeof(o));
	o.metric = strcmp(argv[4], "dot") == 0 ? KNN_DOT :
	    strcmp(argv[4], "euclidean") == 0 ? KNN_EUCLIDEAN : KNN_COSINE;
	o.restrict_rows = argc > 6 ? atol(argv[6]) : 0;
	if (getenv("KERNCHECK_THREADS") != NULL)
		o.threads = atoi(getenv("KERNCHECK_THREADS"));
	ids = xmalloc((size_t)nq * k * sizeof(long));
	sc = xmalloc((size_t)nq * k * sizeof(float));
	t0 = now();
	knn_index_init(&ix, m, rows, dims);
	fprintf(stderr, "index %.4f s\n", now() - t0);
	t0 = now();
	if (knn_search(&ix, (const float *)qb.data, nq, k, &o, ids, sc, &d) < 0)
		die(&d);
	fprintf(stderr, "search %.4f s\n", now() - t0);
	if (getenv("KERNCHECK_QUIET") == NULL)
		for (i = 0; i < nq; i++)
			for (j = 0; j < k; j++)
				printf("%ld %ld %ld %.9g\n", i, j, ids[i * k + j],
				    sc[i * k + j]);
	/* single-query latency: median of 21 runs over the first queries */
	if (getenv("KERNCHECK_LATENCY") != NULL) {
		double best[21];
		int r;

		for (r = 0; r < 21; r++) {
			t0 = now();
			knn_search(&ix, (const float *)qb.data + (size_t)(r % nq) * dims,
			    1, k, &o, ids, sc, &d);
			best[r] = now() - t0;
		}
		for (r = 1; r < 21; r++) {
			double v = best[r];
			int s = r;

			for (; s > 0 && best[s - 1] > v; s--)
				best[s] = best[s - 1];
			best[s] = v;
		}
		fprintf(stderr, "one query %.6f s\n", best[10]);
	}
	knn_index_clear(&ix);
	buf_clear(&qb);
	free(ids);
	free(sc);
	return 0;
}

static int
cmd_analogy1(int argc, char **argv)
{
	int dims = atoi(argv[2]), k = atoi(argv[4]), i;
	long rows;
	const float *m = load_mat(argv[1], dims, &rows);
	struct knn_index ix;
	struct diag d;
	long pos[2], neg[1], ids[64];
	float sc[64];

	load_vocab(argv[3]);
	neg[0] = find_word(argv[5]);
	pos[0] = find_word(argv[6]);
	pos[1] = find_word(argv[7]);
	knn_index_init(&ix, m, rows, dims);
	if (k > 64)
		k = 64;
	if ((strcmp(argv[0], "cosmul") == 0 ?
	    analogy_cosmul(&ix, pos, 2, neg, 1, 0, k, ids, sc, &d) :
	    analogy_cosadd(&ix, pos, 2, neg, 1, 0, k, ids, sc, &d)) < 0)
		die(&d);
	for (i = 0; i < k; i++)
		printf("%ld %s %.9g\n", ids[i], ids[i] >= 0 ? words[ids[i]] : "-", sc[i]);
	knn_index_clear(&ix);
	return 0;
}

static int
cmd_analogy(int argc, char **argv)
{
	int dims = atoi(argv[2]);
	long rows, restrict_rows = atol(argv[5]);
	const float *m = load_mat(argv[1], dims, &rows);
	struct analogy_eval_opts o;
	struct analogy_result r;
	struct knn_index ix;
	struct okvocab ov;
	struct buf q = BUF_INIT;
	struct diag d;
	size_t i;
	double t0;

	load_vocab(argv[3]);
	if (fs_read(argv[4], &q, &d) < 0)
		die(&d);
	t0 = now();
	knn_index_init(&ix, m, rows, dims);
	okvocab_init(&ov, (const char *const *)words, nwords, restrict_rows, 1);
	fprintf(stderr, "index+vocab %.4f s\n", now() - t0);
	memset(&o, 0, sizeof(o));
	o.restrict_rows = restrict_rows;
	o.canon = ov.canon;
	if (getenv("KERNCHECK_METHOD") != NULL &&
	    strcmp(getenv("KERNCHECK_METHOD"), "cosmul") == 0)
		o.method = ANALOGY_COSMUL;
	t0 = now();
	if (analogy_eval(&ix, q.data, q.len, argv[4], okvocab_lookup, &ov, &o,
	    &r, &d) < 0)
		die(&d);
	fprintf(stderr, "analogy %.4f s\n", now() - t0);
	for (i = 0; i < r.nsec; i++)
		printf("section\t%s\t%ld\t%ld\n", r.sec[i].name, r.sec[i].correct,
		    r.sec[i].incorrect);
	printf("total\t%ld\t%ld\t%ld\t%ld\n", r.correct, r.incorrect, r.oov,
	    r.quadruplets);
	if (getenv("KERNCHECK_ITEMS") != NULL)
		for (i = 0; i < r.nitem; i++)
			printf("item\t%ld\t%s\t%d\n", r.item[i].line,
			    r.item[i].predicted >= 0 ? words[r.item[i].predicted] : "-",
			    r.item[i].correct);
	analogy_result_clear(&r);
	okvocab_clear(&ov);
	knn_index_clear(&ix);
	buf_clear(&q);
	return 0;
}

static int
cmd_pairs(int argc, char **argv)
{
	int dims = atoi(argv[2]);
	long rows;
	const float *m = load_mat(argv[1], dims, &rows);
	struct wordpairs_result r;
	struct knn_index ix;
	struct okvocab ov;
	struct buf q = BUF_INIT;
	struct diag d;

	load_vocab(argv[3]);
	if (fs_read(argv[4], &q, &d) < 0)
		die(&d);
	knn_index_init(&ix, m, rows, dims);
	okvocab_init(&ov, (const char *const *)words, nwords, 300000, 1);
	if (wordpairs_eval(&ix, q.data, q.len, argv[4], okvocab_lookup, &ov, &r, &d) < 0)
		die(&d);
	printf("pearson %.12g %.12g\n", r.pearson, r.pearson_p);
	printf("spearman %.12g %.12g\n", r.spearman, r.spearman_p);
	printf("oov %.12g %zu %ld\n", r.oov_ratio, r.npair, r.oov);
	wordpairs_result_clear(&r);
	okvocab_clear(&ov);
	knn_index_clear(&ix);
	buf_clear(&q);
	return 0;
}

static int
cmd_whiten(int argc, char **argv)
{
	int dims = atoi(argv[2]), k = atoi(argv[3]);
	long rows;
	const float *m = load_mat(argv[1], dims, &rows);
	struct diag d;
	float *mu, *w, *y;

	if (k == 0)
		k = dims;
	mu = xmalloc((size_t)dims * sizeof(float));
	w = xmalloc((size_t)dims * k * sizeof(float));
	y = xmalloc((size_t)rows * k * sizeof(float));
	if (whiten_fit(m, rows, dims, k, mu, w, &d) < 0)
		die(&d);
	whiten_apply(m, rows, dims, mu, w, k, y);
	if (fs_write(argv[4], y, (size_t)rows * k * sizeof(float), &d) < 0)
		die(&d);
	free(mu);
	free(w);
	free(y);
	return 0;
}

static int
cmd_abtt(int argc, char **argv)
{
	int dims = atoi(argv[2]), nd = atoi(argv[3]);
	long rows;
	const float *m = load_mat(argv[1], dims, &rows);
	struct diag d;
	float *x = xmalloc((size_t)rows * dims * sizeof(float));

	memcpy(x, m, (size_t)rows * dims * sizeof(float));
	if (geometry_abtt(x, rows, dims, nd, &d) < 0)
		die(&d);
	if (fs_write(argv[4], x, (size_t)rows * dims * sizeof(float), &d) < 0)
		die(&d);
	free(x);
	return 0;
}

static int
cmd_aniso(int argc, char **argv)
{
	int dims = atoi(argv[2]), npc = atoi(argv[5]), i;
	long rows;
	const float *m = load_mat(argv[1], dims, &rows);
	struct anisotropy a;
	struct diag d;
	double *pc = xmalloc(((size_t)npc + 1) * sizeof(double));

	if (geometry_anisotropy(m, rows, dims, atol(argv[3]),
	    strtoull(argv[4], NULL, 10), npc, pc, &a, &d) < 0)
		die(&d);
	printf("mean_norm %.12g\navg_norm %.12g\nratio %.12g\nmean_cos %.12g\n"
	    "sd_cos %.12g\nnpairs %ld\n", a.mean_norm, a.avg_norm, a.mean_ratio,
	    a.mean_cos, a.sd_cos, a.npairs);
	for (i = 0; i < npc; i++)
		printf("pc %d %.12g\n", i, pc[i]);
	free(pc);
	return 0;
}

static int
cmd_spearman(int argc, char **argv)
{
	struct buf b = BUF_INIT;
	struct diag d;
	double *x = NULL, *y = NULL, p1, p2, r1, r2;
	size_t n = 0, cap = 0;
	char *p, *e;

	if (fs_read(argv[1], &b, &d) < 0)
		die(&d);
	for (p = b.data; p != NULL && *p != '\0';) {
		double a = strtod(p, &e), c;

		if (e == p)
			break;
		c = strtod(e, &p);
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			x = xreallocarray(x, cap, sizeof(double));
			y = xreallocarray(y, cap, sizeof(double));
		}
		x[n] = a;
		y[n++] = c;
	}
	r1 = stats_spearman(x, y, n, &p1);
	r2 = stats_pearson(x, y, n, &p2);
	printf("spearman %.15g %.15g\npearson %.15g %.15g\n", r1, p1, r2, p2);
	free(x);
	free(y);
	buf_clear(&b);
	return 0;
}

static int
cmd_randcos(int argc, char **argv)
{
	struct randcos_result r;
	struct diag d;

	if (randcos_sample(atoi(argv[1]), atol(argv[2]), strtoull(argv[3], NULL, 10),
	    NULL, &r, &d) < 0)
		die(&d);
	printf("%d %ld %.9g %.9g %.9g %.9g\n", r.dim, r.n, r.mean, r.var,
	    r.var_times_dim, r.max_abs);
	return 0;
}

static int
cmd_pca(int argc, char **argv)
{
	int dims = atoi(argv[2]), k = atoi(argv[3]), i;
	long rows;
	const float *m = load_mat(argv[1], dims, &rows);
	float *mu = xmalloc((size_t)dims * sizeof(float));
	float *comp = xmalloc((size_t)k * dims * sizeof(float));
	float *out = xmalloc((size_t)rows * k * sizeof(float));
	double *var = xmalloc((size_t)k * sizeof(double)), tot;
	struct diag d;

	if (pca_fit(m, rows, dims, k, mu, comp, var, &tot, &d) < 0)
		die(&d);
	for (i = 0; i < k; i++)
		printf("ratio %d %.15g\n", i, var[i] / tot);
	pca_project(m, rows, dims, mu, comp, k, out);
	if (fs_write(argv[4], out, (size_t)rows * k * sizeof(float), &d) < 0)
		die(&d);
	free(mu);
	free(comp);
	free(out);
	free(var);
	return 0;
}

static int
cmd_procrustes(int argc, char **argv)
{
	int dims = atoi(argv[3]);
	long rows, rows2;
	struct buf ob = BUF_INIT;
	struct diag d;
	const float *b;
	float *r = xmalloc((size_t)dims * dims * sizeof(float));

	if (fs_read(argv[1], &ob, &d) < 0)
		die(&d);
	b = load_mat(argv[2], dims, &rows);
	rows2 = (long)(ob.len / sizeof(float) / (size_t)dims);
	if (rows2 != rows) {
		fprintf(stderr, "kerncheck: row counts differ\n");
		return 2;
	}
	if (procrustes_fit((const float *)ob.data, b, rows, dims, r, &d) < 0)
		die(&d);
	if (fs_write(argv[4], r, (size_t)dims * dims * sizeof(float), &d) < 0)
		die(&d);
	free(r);
	buf_clear(&ob);
	return 0;
}

static int
cmd_rsa(int argc, char **argv)
{
	int d1 = atoi(argv[2]), d2 = atoi(argv[4]);
	long n1, n2;
	struct buf m2 = BUF_INIT;
	struct diag d;
	const float *m1 = load_mat(argv[1], d1, &n1);
	double *a, *b, stat, p;
	enum rsa_method meth = strcmp(argv[5], "pearson") == 0 ? RSA_PEARSON :
	    strcmp(argv[5], "rho-a") == 0 ? RSA_RHO_A :
	    strcmp(argv[5], "tau-a") == 0 ? RSA_TAU_A : RSA_SPEARMAN;

	if (fs_read(argv[3], &m2, &d) < 0)
		die(&d);
	n2 = (long)(m2.len / sizeof(float) / (size_t)d2);
	if (n1 != n2) {
		fprintf(stderr, "kerncheck: item counts differ\n");
		return 2;
	}
	a = xmalloc(RSA_NPAIRS(n1) * sizeof(double));
	b = xmalloc(RSA_NPAIRS(n1) * sizeof(double));
	rsa_rdm(m1, n1, d1, a);
	rsa_rdm((const float *)m2.data, n2, d2, b);
	if (rsa_permutation_test(a, b, n1, meth, atol(argv[6]),
	    strtoull(argv[7], NULL, 10), &stat, &p, &d) < 0)
		die(&d);
	printf("stat %.15g\np %.15g\nrdm0 %.15g\n", stat, p, a[0]);
	free(a);
	free(b);
	buf_clear(&m2);
	return 0;
}

static int
word_list(char *s, long *ids, const char **names, int max)
{
	int n = 0;
	char *t;

	for (t = strtok(s, ","); t != NULL && n < max; t = strtok(NULL, ",")) {
		names[n] = t;
		ids[n++] = find_word(t);
	}
	return n;
}

static int
cmd_sim(int argc, char **argv)
{
	int dims = atoi(argv[2]), na, nb;
	long rows, a[32], b[32];
	const char *wa[32], *wb[32];
	const float *m = load_mat(argv[1], dims, &rows);
	struct knn_index ix;

	load_vocab(argv[3]);
	na = word_list(argv[4], a, wa, 32);
	nb = word_list(argv[5], b, wb, 32);
	knn_index_init(&ix, m, rows, dims);
	printf("n_similarity %.9g\n", similarity_sets(&ix, a, na, b, nb));
	printf("doesnt_match %s\n", wa[similarity_odd_one_out(&ix, a, na, wa, NULL)]);
	printf("rank %ld\n", similarity_rank(&ix, a[0], b[0]));
	knn_index_clear(&ix);
	return 0;
}

static int
cmd_semchange(int argc, char **argv)
{
	int dims = atoi(argv[3]), k = atoi(argv[4]), i, j, n;
	long rows, rows2;
	struct buf bb = BUF_INIT;
	struct knn_index ia, ib;
	struct diag d;
	const float *a;
	long *nb;
	double ch;

	a = load_mat(argv[1], dims, &rows);
	if (fs_read(argv[2], &bb, &d) < 0)
		die(&d);
	rows2 = (long)(bb.len / sizeof(float) / (size_t)dims);
	knn_index_init(&ia, a, rows, dims);
	knn_index_init(&ib, (const float *)bb.data, rows2, dims);
	nb = xmalloc(2 * (size_t)k * sizeof(long));
	for (i = 5; i < argc; i++) {
		long w = atol(argv[i]);

		if (semchange_local(&ia, &ib, w, k, &ch, nb, &n, &d) < 0)
			die(&d);
		printf("%ld %.12g %d", w, ch, n);
		for (j = 0; j < n; j++)
			printf(" %ld", nb[j]);
		printf("\n");
	}
	free(nb);
	knn_index_clear(&ia);
	knn_index_clear(&ib);
	buf_clear(&bb);
	return 0;
}

static int
cmd_dbscan(int argc, char **argv)
{
	int dims = atoi(argv[2]);
	long rows, i, nc;
	const float *m = load_mat(argv[1], dims, &rows);
	long *lab = xmalloc(((size_t)rows + 1) * sizeof(long));
	struct diag d;

	nc = dbscan_cosine(m, rows, dims, atof(argv[3]), atoi(argv[4]), lab, &d);
	if (nc < 0)
		die(&d);
	printf("clusters %ld\n", nc);
	for (i = 0; i < rows; i++)
		printf("%ld\n", lab[i]);
	free(lab);
	return 0;
}

static int
cmd_similar(int argc, char **argv)
{
	int dims = atoi(argv[2]), k = atoi(argv[4]), n = argc - 5, i;
	long rows;
	const float *m = load_mat(argv[1], dims, &rows);
	struct knn_index ix;
	struct diag d;
	long in[32], ids[64];
	float w[32], sc[64];

	load_vocab(argv[3]);
	if (n > 32)
		n = 32;
	if (k > 64)
		k = 64;
	for (i = 0; i < n; i++) {
		char *c = strrchr(argv[5 + i], ':');

		w[i] = c != NULL ? strtof(c + 1, NULL) : 1.f;
		if (c != NULL)
			*c = '\0';
		in[i] = find_word(argv[5 + i]);
	}
	knn_index_init(&ix, m, rows, dims);
	if (analogy_similar(&ix, in, w, n, 0, k, ids, sc, &d) < 0)
		die(&d);
	for (i = 0; i < k; i++)
		printf("%ld %s %.9g\n", ids[i], ids[i] >= 0 ? words[ids[i]] : "-", sc[i]);
	knn_index_clear(&ix);
	return 0;
}

static int
cmd_hist(int argc, char **argv)
{
	struct buf b = BUF_INIT;
	struct histogram h;
	struct diag d;
	double *x = NULL;
	size_t n = 0, cap = 0;
	char *p, *e;
	int i;

	if (fs_read(argv[1], &b, &d) < 0)
		die(&d);
	for (p = b.data; p != NULL && *p != '\0'; p = e) {
		double v = strtod(p, &e);

		if (e == p)
			break;
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			x = xreallocarray(x, cap, sizeof(double));
		}
		x[n++] = v;
	}
	memset(&h, 0, sizeof(h));
	h.lo = atof(argv[2]);
	h.hi = atof(argv[3]);
	h.nbins = atoi(argv[4]);
	h.count = xmalloc((size_t)h.nbins * sizeof(long));
	histogram_add(&h, x, n);
	for (i = 0; i < h.nbins; i++)
		printf("%ld ", h.count[i]);
	printf("\n%ld %ld %ld\n", h.below, h.above, h.nan);
	free(h.count);
	free(x);
	buf_clear(&b);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int nargs;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "knn", 5, cmd_knn }, { "cosadd", 7, cmd_analogy1 },
		{ "cosmul", 7, cmd_analogy1 }, { "analogy", 5, cmd_analogy },
		{ "pairs", 4, cmd_pairs }, { "whiten", 4, cmd_whiten },
		{ "abtt", 4, cmd_abtt }, { "aniso", 5, cmd_aniso },
		{ "spearman", 1, cmd_spearman }, { "randcos", 3, cmd_randcos },
		{ "pca", 4, cmd_pca }, { "procrustes", 4, cmd_procrustes },
		{ "rsa", 7, cmd_rsa }, { "sim", 5, cmd_sim },
		{ "semchange", 5, cmd_semchange }, { "dbscan", 4, cmd_dbscan },
		{ "similar", 5, cmd_similar }, { "hist", 4, cmd_hist },
	};
	size_t i;
	int rc;

	for (i = 0; argc > 1 && i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0) {
			if (argc - 2 < cmds[i].nargs) {
				fprintf(stderr, "kerncheck %s: needs %d arguments\n",
				    cmds[i].name, cmds[i].nargs);
				return 2;
			}
			rc = cmds[i].fn(argc - 1, argv + 1);
			buf_clear(&matbuf);
			buf_clear(&vocbuf);
			free(words);
			return rc;
		}
	fprintf(stderr, "usage: kerncheck knn|cosadd|cosmul|analogy|pairs|whiten|"
	    "abtt|aniso|spearman|randcos|pca|procrustes|rsa|sim|semchange|dbscan|similar|hist ...\n");
	return 2;
}
