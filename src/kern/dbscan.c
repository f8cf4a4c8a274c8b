/*
 * kern/dbscan: cosine DBSCAN — neighbourhoods by blocked SGEMM over unit
 * rows (each pair once: the blocks on and above the diagonal), then
 * scikit-learn's dbscan_inner depth-first expansion.
 * Reads a caller matrix; writes caller labels; frees its scratch.
 * Never does I/O or keeps state.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

#include "kern/dbscan.h"
#include "kern/norm.h"
#include "kern/pool.h"
#include "util/xalloc.h"

#define DB_BLOCK 1024

/*
 * Is the pair (a, b) within eps, given their SGEMM dot product "s"?
 * Euclidean: the float estimate ‖a‖² + ‖b‖² − 2s decides clear cases;
 * pairs near the boundary are measured again in double, as sklearn's
 * euclidean_distances upcasts float32 blocks.
 */
static int
eucl_near(const float *x, int dims, long a, long b, const float *sq, float s,
    double eps)
{
	double e2 = eps * eps, d2 = (double)sq[a] + sq[b] - 2.0 * s, t = 0;
	double slack = 1e-4 * ((double)sq[a] + sq[b]) + 1e-6;
	int c;

	if (a == b)
		return 1;
	if (d2 > e2 + slack)
		return 0;
	if (d2 < e2 - slack)
		return 1;
	for (c = 0; c < dims; c++) {
		double u = (double)x[(size_t)a * dims + c] - x[(size_t)b * dims + c];

		t += u * u;
	}
	return sqrt(t) <= eps;
}

/*
 * One block of rows: the pairs (a, b), a <= b, of its rows a with every
 * row b from the block on, that are within eps (the distance matrix is
 * symmetric: each pair is measured once). Pairs are kept in the order
 * they are found: by block of b, then a, then b.
 */
struct db_pairs {
	long	*p;	/* 2 × n */
	size_t	 n, cap;
};

struct db_ctx {
	const float	*x, *u, *sq;
	long		 n;
	int		 dims, euclid;
	double		 eps;
	struct db_pairs	*pairs;	/* one per block of DB_BLOCK rows */
};

static void
db_block_task(void *arg, long t)
{
	struct db_ctx *c = arg;
	struct db_pairs *pr = &c->pairs[t];
	long i0 = t * DB_BLOCK, j0, n = c->n;
	int ni = (int)(n - i0 < DB_BLOCK ? n - i0 : DB_BLOCK), a, dims = c->dims;
	float *s = xmalloc((size_t)DB_BLOCK * DB_BLOCK * sizeof(float));
	float feps = (float)c->eps;
	/* no cosine distance 1 − s below feps has s under this */
	float lo = 1.f - feps - 1e-3f;

	for (j0 = i0; j0 < n; j0 += DB_BLOCK) {
		int nj = (int)(n - j0 < DB_BLOCK ? n - j0 : DB_BLOCK), b;

		cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, ni, nj,
		    dims, 1.f, c->u + (size_t)i0 * dims, dims,
		    c->u + (size_t)j0 * dims, dims, 0.f, s, nj);
		for (a = 0; a < ni; a++) {
			const float *row = s + (size_t)a * nj;

			for (b = j0 == i0 ? a : 0; b < nj; b++) {
				float dist;

				if (c->euclid) {
					if (!eucl_near(c->x, dims, i0 + a,
					    j0 + b, c->sq, row[b], c->eps))
						continue;
				} else if (i0 + a != j0 + b) {
					if (row[b] < lo)
						continue;
					dist = 1.f - row[b];
					if (dist < 0.f)
						dist = 0.f;
					if (!(dist <= feps))
						continue;
				}	/* sklearn zeroes the diagonal */
				if (pr->n == pr->cap) {
					pr->cap = pr->cap ? 2 * pr->cap : 1024;
					pr->p = xreallocarray(pr->p, pr->cap,
					    2 * sizeof(long));
				}
				pr->p[2 * pr->n] = i0 + a;
				pr->p[2 * pr->n + 1] = j0 + b;
				pr->n++;
			}
		}
	}
	free(s);
}

long
dbscan(const float *x, long n, int dims, enum dbscan_metric metric,
    double eps, int min_samples, int workers, long *labels, struct diag *d)
{
	struct db_ctx ctx;
	struct pool par;
	float *sq = NULL, *u;
	size_t *start, *fill, nn = 0, m;
	long *nb = NULL, *stack, i, j, t, nt, nclusters = 0;
	unsigned char *core;
	int euclid = metric == DBSCAN_EUCLIDEAN;

	if (!(eps > 0.0) || min_samples < 1 || dims < 1)
		return diag_fail(d, NULL, 0, 0, "dbscan: needs eps > 0 and "
		    "min_samples >= 1 (got %g, %d)", eps, min_samples);
	if (n <= 0)
		return 0;
	u = xmalloc((size_t)n * dims * sizeof(float));
	memcpy(u, x, (size_t)n * dims * sizeof(float));
	if (euclid) {
		sq = xmalloc((size_t)n * sizeof(float));
		for (i = 0; i < n; i++) {
			double q = 0;
			int c;

			for (c = 0; c < dims; c++)
				q += (double)x[(size_t)i * dims + c] *
				    x[(size_t)i * dims + c];
			sq[i] = (float)q;
		}
	} else
		rows_normalize(u, n, dims);
	start = xmalloc(((size_t)n + 1) * sizeof(size_t));
	core = xmalloc((size_t)n);

	/* neighbourhoods in CSR form, a block of rows per task; the blocks
	 * are joined in order, so workers never change the result */
	nt = (n + DB_BLOCK - 1) / DB_BLOCK;
	ctx.x = x;
	ctx.u = u;
	ctx.sq = sq;
	ctx.n = n;
	ctx.dims = dims;
	ctx.euclid = euclid;
	ctx.eps = eps;
	ctx.pairs = xcalloc((size_t)nt, sizeof(struct db_pairs));
	pool_init(&par, workers);
	pool_run(&par, nt, db_block_task, &ctx);
	pool_clear(&par);
	/*
	 * CSR from the pairs, each counted for both rows. Read in block
	 * order, a row's neighbours arrive in increasing order: first the
	 * earlier rows that found it (earlier blocks, then its own block's
	 * rows before it), then itself, then the later rows it found.
	 */
	fill = xcalloc((size_t)n + 1, sizeof(size_t));
	for (t = 0; t < nt; t++)
		for (m = 0; m < ctx.pairs[t].n; m++) {
			long a = ctx.pairs[t].p[2 * m], b = ctx.pairs[t].p[2 * m + 1];

			fill[a]++;
			if (b != a)
				fill[b]++;
		}
	for (i = 0; i < n; i++) {
		start[i] = nn;
		nn += fill[i];
		core[i] = fill[i] >= (size_t)min_samples;
		fill[i] = start[i];
	}
	nb = xmalloc((nn + 1) * sizeof(long));
	for (t = 0; t < nt; t++) {
		for (m = 0; m < ctx.pairs[t].n; m++) {
			long a = ctx.pairs[t].p[2 * m], b = ctx.pairs[t].p[2 * m + 1];

			nb[fill[a]++] = b;
			if (b != a)
				nb[fill[b]++] = a;
		}
		free(ctx.pairs[t].p);
	}
	free(ctx.pairs);
	free(fill);
	start[n] = nn;

	/* sklearn's dbscan_inner: depth-first from each unlabelled core point */
	stack = xmalloc(((size_t)nn + 1) * sizeof(long));
	for (i = 0; i < n; i++)
		labels[i] = -1;
	for (i = 0; i < n; i++) {
		size_t top = 0;
		long p = i;

		if (labels[i] != -1 || !core[i])
			continue;
		for (;;) {
			if (labels[p] == -1) {
				labels[p] = nclusters;
				if (core[p])
					for (j = (long)start[p]; j < (long)start[p + 1]; j++)
						if (labels[nb[j]] == -1)
							stack[top++] = nb[j];
			}
			if (top == 0)
				break;
			p = stack[--top];
		}
		nclusters++;
	}
	free(u);
	free(sq);
	free(start);
	free(core);
	free(nb);
	free(stack);
	return nclusters;
}

long
dbscan_cosine(const float *x, long n, int dims, double eps, int min_samples,
    long *labels, struct diag *d)
{
	return dbscan(x, n, dims, DBSCAN_COSINE, eps, min_samples, 1, labels,
	    d);
}

long
dbscan_euclidean(const float *x, long n, int dims, double eps,
    int min_samples, long *labels, struct diag *d)
{
	return dbscan(x, n, dims, DBSCAN_EUCLIDEAN, eps, min_samples, 1,
	    labels, d);
}

/* Index of v in the sorted distinct values u[0..nu), by bisection. */
static long
ari_find(const long *u, long nu, long v)
{
	long lo = 0, hi = nu - 1;

	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;

		if (u[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
ari_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* Sorted distinct values of v[0..n) into a new array; *nu their count. */
static long *
ari_levels(const long *v, long n, long *nu)
{
	long *u = xmalloc((size_t)n * sizeof(long)), i, m = 0;

	memcpy(u, v, (size_t)n * sizeof(long));
	qsort(u, (size_t)n, sizeof(long), ari_cmp);
	for (i = 0; i < n; i++)
		if (m == 0 || u[m - 1] != u[i])
			u[m++] = u[i];
	*nu = m;
	return u;
}

double
dbscan_adjusted_rand(const long *a, const long *b, long n)
{
	long na, nb, *ua, *ub, i, j;
	double *tab, sij = 0, sa = 0, sb = 0, pairs, expct, maxi, ari;

	if (n < 2)
		return 1.0;
	ua = ari_levels(a, n, &na);
	ub = ari_levels(b, n, &nb);
	/* sklearn's special cases: both one cluster, or both singletons. */
	if ((na == 1 && nb == 1) || (na == n && nb == n)) {
		free(ua);
		free(ub);
		return 1.0;
	}
	tab = xcalloc((size_t)na * (size_t)nb, sizeof(double));
	for (i = 0; i < n; i++)
		tab[ari_find(ua, na, a[i]) * nb + ari_find(ub, nb, b[i])] += 1;
	for (i = 0; i < na; i++) {
		double r = 0;

		for (j = 0; j < nb; j++) {
			double c = tab[i * nb + j];

			r += c;
			sij += c * (c - 1) / 2;
		}
		sa += r * (r - 1) / 2;
	}
	for (j = 0; j < nb; j++) {
		double c = 0;

		for (i = 0; i < na; i++)
			c += tab[i * nb + j];
		sb += c * (c - 1) / 2;
	}
	pairs = (double)n * (double)(n - 1) / 2;
	expct = sa * sb / pairs;
	maxi = (sa + sb) / 2;
	ari = maxi == expct ? 1.0 : (sij - expct) / (maxi - expct);
	free(tab);
	free(ua);
	free(ub);
	return ari;
}
