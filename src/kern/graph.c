/*
 * kern/graph: building similarity graphs (blocked SGEMM, kNN), and the
 * graph measures, Louvain and Fruchterman–Reingold on them.
 * Reads caller matrices; writes caller outputs and a struct graph's
 * arrays; frees its scratch. Never does I/O or keeps state.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

#include "kern/graph.h"
#include "kern/knn.h"
#include "kern/norm.h"
#include "kern/pool.h"
#include "kern/rng.h"
#include "util/xalloc.h"

#define G_BLOCK	1024
#define G_TILE	128	/* layout: nodes per task */

void
graph_clear(struct graph *g)
{
	free(g->ptr);
	free(g->adj);
	free(g->w);
	memset(g, 0, sizeof(*g));
}

/* An edge list (both directions) to sorted CSR. */
struct elist {
	long	*a, *b;
	double	*w;
	size_t	 n, cap;
};

static void
elist_add(struct elist *e, long a, long b, double w)
{
	if (e->n + 2 > e->cap) {
		e->cap = e->cap ? 2 * e->cap : 1024;
		e->a = xreallocarray(e->a, e->cap, sizeof(long));
		e->b = xreallocarray(e->b, e->cap, sizeof(long));
		e->w = xreallocarray(e->w, e->cap, sizeof(double));
	}
	e->a[e->n] = a;
	e->b[e->n] = b;
	e->w[e->n++] = w;
	e->a[e->n] = b;
	e->b[e->n] = a;
	e->w[e->n++] = w;
}

struct nbw {
	long	 j;
	double	 w;
};

static int
nbw_cmp(const void *x, const void *y)
{
	const struct nbw *a = x, *b = y;

	return a->j < b->j ? -1 : a->j > b->j;
}

static void
elist_csr(struct elist *e, long n, struct graph *g)
{
	long *fill = xcalloc((size_t)n + 1, sizeof(long)), i;
	struct nbw *tmp = xmalloc((e->n ? e->n : 1) * sizeof(struct nbw));
	size_t m;

	g->n = n;
	g->nedges = (long)(e->n / 2);
	g->ptr = xcalloc((size_t)n + 1, sizeof(long));
	for (m = 0; m < e->n; m++)
		g->ptr[e->a[m] + 1]++;
	for (i = 0; i < n; i++)
		g->ptr[i + 1] += g->ptr[i];
	for (i = 0; i < n; i++)
		fill[i] = g->ptr[i];
	for (m = 0; m < e->n; m++) {
		tmp[fill[e->a[m]]].j = e->b[m];
		tmp[fill[e->a[m]]++].w = e->w[m];
	}
	g->adj = xmalloc((e->n ? e->n : 1) * sizeof(long));
	g->w = xmalloc((e->n ? e->n : 1) * sizeof(double));
	for (i = 0; i < n; i++) {
		long lo = g->ptr[i], hi = g->ptr[i + 1], q;

		qsort(tmp + lo, (size_t)(hi - lo), sizeof(struct nbw), nbw_cmp);
		for (q = lo; q < hi; q++) {
			g->adj[q] = tmp[q].j;
			g->w[q] = tmp[q].w;
		}
	}
	free(tmp);
	free(fill);
	free(e->a);
	free(e->b);
	free(e->w);
	memset(e, 0, sizeof(*e));
}

int
graph_threshold(const float *x, long n, int dims, double threshold,
    struct graph *g, struct diag *d)
{
	struct elist e;
	float *u, *s;
	long i0, j0;

	memset(g, 0, sizeof(*g));
	if (!(threshold > 0 && threshold <= 1))
		return diag_fail(d, NULL, 0, 0, "graph: the cosine threshold "
		    "must be in (0, 1] (got %g)", threshold);
	if (n < 1 || dims < 1)
		return diag_fail(d, NULL, 0, 0, "graph: no words");
	memset(&e, 0, sizeof(e));
	u = xmalloc((size_t)n * dims * sizeof(float));
	memcpy(u, x, (size_t)n * dims * sizeof(float));
	rows_normalize(u, n, dims);
	s = xmalloc((size_t)G_BLOCK * G_BLOCK * sizeof(float));
	for (i0 = 0; i0 < n; i0 += G_BLOCK) {
		int ni = (int)(n - i0 < G_BLOCK ? n - i0 : G_BLOCK), a, b;

		for (j0 = i0; j0 < n; j0 += G_BLOCK) {
			int nj = (int)(n - j0 < G_BLOCK ? n - j0 : G_BLOCK);

			cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, ni,
			    nj, dims, 1.f, u + (size_t)i0 * dims, dims,
			    u + (size_t)j0 * dims, dims, 0.f, s, nj);
			for (a = 0; a < ni; a++)
				for (b = 0; b < nj; b++) {
					float c = s[(size_t)a * nj + b];

					if (j0 + b <= i0 + a || !(c >= threshold))
						continue;
					elist_add(&e, i0 + a, j0 + b, c);
				}
		}
	}
	free(u);
	free(s);
	elist_csr(&e, n, g);
	return 0;
}

int
graph_mutual_knn(const float *x, long n, int dims, int k, int workers,
    struct graph *g, struct diag *d)
{
	struct knn_index ix;
	struct knn_opts ko;
	struct elist e;
	long *ids, *self, i;
	float *sc;
	int a, b;

	memset(g, 0, sizeof(*g));
	if (k < 1 || k >= n)
		return diag_fail(d, NULL, 0, 0, "graph: k must be in 1..%ld "
		    "(got %d)", n - 1, k);
	ids = xmalloc((size_t)n * k * sizeof(long));
	sc = xmalloc((size_t)n * k * sizeof(float));
	self = xmalloc((size_t)n * sizeof(long));
	for (i = 0; i < n; i++)
		self[i] = i;
	memset(&ko, 0, sizeof(ko));
	ko.metric = KNN_COSINE;
	ko.qexclude = self;
	ko.qexclude_n = 1;
	ko.threads = workers;
	knn_index_init(&ix, x, n, dims);
	if (knn_search(&ix, x, n, k, &ko, ids, sc, d) < 0) {
		knn_index_clear(&ix);
		free(ids);
		free(sc);
		free(self);
		return -1;
	}
	knn_index_clear(&ix);
	memset(&e, 0, sizeof(e));
	for (i = 0; i < n; i++)
		for (a = 0; a < k; a++) {
			long j = ids[(size_t)i * k + a];

			if (j <= i || !(sc[(size_t)i * k + a] > 0))
				continue;
			for (b = 0; b < k; b++)
				if (ids[(size_t)j * k + b] == i)
					break;
			if (b < k)
				elist_add(&e, i, j, sc[(size_t)i * k + a]);
		}
	free(ids);
	free(sc);
	free(self);
	elist_csr(&e, n, g);
	return 0;
}

long
graph_components(const struct graph *g, long *comp)
{
	long *stack = xmalloc(((size_t)g->n + 1) * sizeof(long)), i, nc = 0;

	for (i = 0; i < g->n; i++)
		comp[i] = -1;
	for (i = 0; i < g->n; i++) {
		size_t top = 0;

		if (comp[i] != -1)
			continue;
		comp[i] = nc;
		stack[top++] = i;
		while (top > 0) {
			long p = stack[--top], q;

			for (q = g->ptr[p]; q < g->ptr[p + 1]; q++)
				if (comp[g->adj[q]] == -1) {
					comp[g->adj[q]] = nc;
					stack[top++] = g->adj[q];
				}
		}
		nc++;
	}
	free(stack);
	return nc;
}

double
graph_clustering(const struct graph *g, double *cc)
{
	unsigned char *mark = xcalloc((size_t)g->n + 1, 1);
	double sum = 0;
	long i, p, q;

	for (i = 0; i < g->n; i++) {
		long deg = g->ptr[i + 1] - g->ptr[i], tri = 0;

		for (p = g->ptr[i]; p < g->ptr[i + 1]; p++)
			mark[g->adj[p]] = 1;
		/* each triangle i-j-l is seen from j and from l */
		for (p = g->ptr[i]; p < g->ptr[i + 1]; p++) {
			long j = g->adj[p];

			for (q = g->ptr[j]; q < g->ptr[j + 1]; q++)
				tri += mark[g->adj[q]];
		}
		for (p = g->ptr[i]; p < g->ptr[i + 1]; p++)
			mark[g->adj[p]] = 0;
		cc[i] = deg < 2 ? 0 : (double)tri / ((double)deg * (deg - 1));
		sum += cc[i];
	}
	free(mark);
	return g->n > 0 ? sum / g->n : 0;
}

double
graph_modularity(const struct graph *g, const long *comm, double resolution)
{
	double m2 = 0, q = 0, *dc;
	long i, p, nc = 0;

	for (i = 0; i < g->n; i++)
		if (comm[i] + 1 > nc)
			nc = comm[i] + 1;
	dc = xcalloc((size_t)nc + 1, sizeof(double));
	for (i = 0; i < g->n; i++)
		for (p = g->ptr[i]; p < g->ptr[i + 1]; p++) {
			m2 += g->w[p];
			dc[comm[i]] += g->w[p];
			if (comm[g->adj[p]] == comm[i])
				q += g->w[p];
		}
	if (m2 > 0) {
		/* q holds 2 L_c summed; L_c/m = 2 L_c / 2m */
		q /= m2;
		for (i = 0; i < nc; i++)
			q -= resolution * (dc[i] / m2) * (dc[i] / m2);
	} else
		q = 0;
	free(dc);
	return q;
}

/*
 * One Louvain level on a weighted graph given as CSR with self-loop
 * weights "self" (each counted twice in the degree, as networkx does).
 * Moves nodes in the seeded order until a full pass moves none; writes
 * com[]. Returns the number of moves made.
 */
static long
louvain_level(long n, const long *ptr, const long *adj, const double *w,
    const double *self, double m, double resolution, struct rng *r,
    long *com)
{
	double *deg = xcalloc((size_t)n, sizeof(double));
	double *tot = xcalloc((size_t)n, sizeof(double));
	double *wto = xcalloc((size_t)n, sizeof(double));
	long *order = xmalloc((size_t)n * sizeof(long));
	long *seen = xmalloc((size_t)n * sizeof(long)), nseen;
	long i, p, t, moves = 0, improved = 1;

	for (i = 0; i < n; i++) {
		deg[i] = 2 * self[i];
		for (p = ptr[i]; p < ptr[i + 1]; p++)
			deg[i] += w[p];
		com[i] = i;
		tot[i] = deg[i];
		order[i] = i;
	}
	rng_shuffle(r, order, n);
	while (improved) {
		improved = 0;
		for (t = 0; t < n; t++) {
			long u = order[t], best = com[u], c0 = com[u];
			double bestgain = 0, k = deg[u];

			nseen = 0;
			for (p = ptr[u]; p < ptr[u + 1]; p++) {
				long c = com[adj[p]];

				if (adj[p] == u)
					continue;
				if (wto[c] == 0)
					seen[nseen++] = c;
				wto[c] += w[p];
			}
			tot[c0] -= k;
			/* gain of joining c relative to staying alone, as
			 * networkx: 2 w(u,c)/2m... scaled by m */
			{
				double remove = -wto[c0] / m + resolution *
				    tot[c0] * k / (2 * m * m);

				for (i = 0; i < nseen; i++) {
					long c = seen[i];
					double gain = remove + wto[c] / m -
					    resolution * tot[c] * k / (2 * m * m);

					if (gain > bestgain) {
						bestgain = gain;
						best = c;
					}
				}
			}
			tot[best] += k;
			if (best != c0) {
				com[u] = best;
				moves++;
				improved = 1;
			}
			for (i = 0; i < nseen; i++)
				wto[seen[i]] = 0;
		}
	}
	free(deg);
	free(tot);
	free(wto);
	free(order);
	free(seen);
	return moves;
}

/* Renumbers labels 0, 1, ... by their lowest node; returns the count. */
static long
relabel(long n, long *lab)
{
	long *map = xmalloc((size_t)n * sizeof(long)), i, nc = 0;

	for (i = 0; i < n; i++)
		map[i] = -1;
	for (i = 0; i < n; i++) {
		if (map[lab[i]] == -1)
			map[lab[i]] = nc++;
		lab[i] = map[lab[i]];
	}
	free(map);
	return nc;
}

static long
louvain_once(const struct graph *g, double resolution, uint64_t seed,
    long *comm, double *qout)
{
	struct rng r;
	long n = g->n, i, p, nc;
	long *ptr, *adj, *com;
	double *w, *self, m = 0, q, qnew;

	rng_seed(&r, seed);
	for (i = 0; i < g->n; i++)
		comm[i] = i;
	for (p = 0; p < g->ptr[g->n]; p++)
		m += g->w[p];
	m /= 2;
	if (m <= 0) {
		nc = relabel(g->n, comm);
		if (qout != NULL)
			*qout = 0;
		return nc;
	}
	/* level graph: starts as g */
	ptr = xmalloc(((size_t)n + 1) * sizeof(long));
	memcpy(ptr, g->ptr, ((size_t)n + 1) * sizeof(long));
	adj = xmalloc((size_t)(g->ptr[n] ? g->ptr[n] : 1) * sizeof(long));
	memcpy(adj, g->adj, (size_t)g->ptr[n] * sizeof(long));
	w = xmalloc((size_t)(g->ptr[n] ? g->ptr[n] : 1) * sizeof(double));
	memcpy(w, g->w, (size_t)g->ptr[n] * sizeof(double));
	self = xcalloc((size_t)n, sizeof(double));
	com = xmalloc((size_t)n * sizeof(long));
	q = graph_modularity(g, comm, resolution);
	for (;;) {
		struct elist e;
		long moves, *nptr, *nadj, j, outp;
		double *nw, *nself;

		moves = louvain_level(n, ptr, adj, w, self, m, resolution, &r,
		    com);
		if (moves == 0)
			break;
		nc = relabel(n, com);
		/* the candidate partition of the original nodes */
		{
			long *cand = xmalloc((size_t)g->n * sizeof(long));

			for (i = 0; i < g->n; i++)
				cand[i] = com[comm[i]];
			qnew = graph_modularity(g, cand, resolution);
			/* networkx yields each level's partition before it
			 * tests the gain, so the last level is kept */
			memcpy(comm, cand, (size_t)g->n * sizeof(long));
			free(cand);
			if (qnew - q <= 1e-7)
				break;
			q = qnew;
		}
		/* aggregate: one node per community */
		memset(&e, 0, sizeof(e));
		nself = xcalloc((size_t)nc, sizeof(double));
		for (i = 0; i < n; i++) {
			nself[com[i]] += self[i];
			for (p = ptr[i]; p < ptr[i + 1]; p++) {
				j = adj[p];
				if (com[i] == com[j]) {
					if (i < j)
						nself[com[i]] += w[p];
				} else if (i < j)
					elist_add(&e, com[i], com[j], w[p]);
			}
		}
		{
			struct graph ng;

			memset(&ng, 0, sizeof(ng));
			elist_csr(&e, nc, &ng);
			/* merge parallel edges (sorted, so adjacent) */
			nptr = xmalloc(((size_t)nc + 1) * sizeof(long));
			nadj = xmalloc((size_t)(ng.ptr[nc] ? ng.ptr[nc] : 1) *
			    sizeof(long));
			nw = xmalloc((size_t)(ng.ptr[nc] ? ng.ptr[nc] : 1) *
			    sizeof(double));
			outp = 0;
			for (i = 0; i < nc; i++) {
				nptr[i] = outp;
				for (p = ng.ptr[i]; p < ng.ptr[i + 1]; p++) {
					if (outp > nptr[i] &&
					    nadj[outp - 1] == ng.adj[p]) {
						nw[outp - 1] += ng.w[p];
						continue;
					}
					nadj[outp] = ng.adj[p];
					nw[outp++] = ng.w[p];
				}
			}
			nptr[nc] = outp;
			graph_clear(&ng);
		}
		free(ptr);
		free(adj);
		free(w);
		free(self);
		ptr = nptr;
		adj = nadj;
		w = nw;
		self = nself;
		n = nc;
	}
	free(ptr);
	free(adj);
	free(w);
	free(self);
	free(com);
	nc = relabel(g->n, comm);
	if (qout != NULL)
		*qout = graph_modularity(g, comm, resolution);
	return nc;
}

long
graph_louvain(const struct graph *g, double resolution, uint64_t seed,
    int tries, long *comm, double *qout)
{
	long *tmp = xmalloc(((size_t)g->n + 1) * sizeof(long)), nc = 0, c;
	double best = -INFINITY, q;
	int t;

	if (tries < 1)
		tries = 1;
	for (t = 0; t < tries; t++) {
		c = louvain_once(g, resolution, seed + (uint64_t)t, tmp, &q);
		if (q > best) {
			best = q;
			nc = c;
			memcpy(comm, tmp, (size_t)g->n * sizeof(long));
		}
	}
	free(tmp);
	if (qout != NULL)
		*qout = best;
	return nc;
}

struct fr_ctx {
	const struct graph *g;
	const double	*pos;
	double		*disp;
	double		 k;
	long		 n;
};

/* Displacement of the nodes of one tile: repulsion from every node,
 * attraction along edges (networkx's dense formula, A = weights). */
static void
fr_task(void *arg, long t)
{
	struct fr_ctx *c = arg;
	const double *pos = c->pos;
	long i, j, p, hi = (t + 1) * G_TILE < c->n ? (t + 1) * G_TILE : c->n;
	double k2 = c->k * c->k;

	for (i = t * G_TILE; i < hi; i++) {
		double dx = 0, dy = 0, xi = pos[2 * i], yi = pos[2 * i + 1];

		for (j = 0; j < c->n; j++) {
			double ex = xi - pos[2 * j], ey = yi - pos[2 * j + 1];
			double d2 = ex * ex + ey * ey, f;

			if (d2 < 1e-4)
				d2 = 1e-4;	/* distance clipped at 0.01 */
			f = k2 / d2;
			dx += ex * f;
			dy += ey * f;
		}
		for (p = c->g->ptr[i]; p < c->g->ptr[i + 1]; p++) {
			double ex, ey, dd, f;

			j = c->g->adj[p];
			ex = xi - pos[2 * j];
			ey = yi - pos[2 * j + 1];
			dd = sqrt(ex * ex + ey * ey);
			if (dd < 0.01)
				dd = 0.01;
			f = c->g->w[p] * dd / c->k;
			dx -= ex * f;
			dy -= ey * f;
		}
		c->disp[2 * i] = dx;
		c->disp[2 * i + 1] = dy;
	}
}

void
graph_layout_fr(const struct graph *g, int iterations, uint64_t seed,
    int workers, double *pos)
{
	struct fr_ctx c;
	struct pool par;
	struct rng r;
	double t, dt, lo[2] = { INFINITY, INFINITY }, hi[2] = { -INFINITY,
	    -INFINITY }, mean[2] = { 0, 0 }, lim = 0;
	long i, n = g->n, ntiles = (n + G_TILE - 1) / G_TILE;
	int it, a;

	if (n == 0)
		return;
	rng_seed(&r, seed);
	for (i = 0; i < 2 * n; i++)
		pos[i] = rng_uniform(&r);
	if (n == 1) {
		pos[0] = pos[1] = 0;
		return;
	}
	for (i = 0; i < n; i++)
		for (a = 0; a < 2; a++) {
			lo[a] = fmin(lo[a], pos[2 * i + a]);
			hi[a] = fmax(hi[a], pos[2 * i + a]);
		}
	t = fmax(hi[0] - lo[0], hi[1] - lo[1]) * 0.1;
	dt = t / (iterations + 1);
	c.g = g;
	c.pos = pos;
	c.n = n;
	c.k = sqrt(1.0 / n);
	c.disp = xmalloc((size_t)2 * n * sizeof(double));
	pool_init(&par, workers);
	for (it = 0; it < iterations; it++) {
		double moved = 0;

		pool_run(&par, ntiles, fr_task, &c);
		for (i = 0; i < n; i++) {
			double dx = c.disp[2 * i], dy = c.disp[2 * i + 1];
			double len = sqrt(dx * dx + dy * dy);

			if (len < 0.01)
				len = 0.1;
			pos[2 * i] += dx * t / len;
			pos[2 * i + 1] += dy * t / len;
			moved += (dx * t / len) * (dx * t / len) +
			    (dy * t / len) * (dy * t / len);
		}
		t -= dt;
		if (sqrt(moved) / n < 1e-4)
			break;
	}
	pool_clear(&par);
	free(c.disp);
	/* networkx's rescale_layout: centre, then largest |coord| = 1 */
	for (i = 0; i < n; i++)
		for (a = 0; a < 2; a++)
			mean[a] += pos[2 * i + a];
	mean[0] /= n;
	mean[1] /= n;
	for (i = 0; i < n; i++)
		for (a = 0; a < 2; a++) {
			pos[2 * i + a] -= mean[a];
			lim = fmax(lim, fabs(pos[2 * i + a]));
		}
	if (lim > 0)
		for (i = 0; i < 2 * n; i++)
			pos[i] /= lim;
}
