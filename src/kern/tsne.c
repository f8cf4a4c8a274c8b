/*
 * kern/tsne: t-SNE with scikit-learn's affinities and optimiser; the
 * repulsive forces exact or by FFT-accelerated interpolation (FIt-SNE).
 * Reads the caller's matrix; writes the caller's coordinates; frees all
 * of its scratch. Never does I/O; never sums floats in an order that
 * depends on the number of workers (fixed tiles, partial sums added in
 * tile order).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fftw3.h>	/* fftwf_*: single precision */

#include "kern/knn.h"
#include "kern/pool.h"
#include "kern/pca.h"
#include "kern/rng.h"
#include "kern/tsne.h"
#include "util/xalloc.h"

#define TILE		512	/* points per task; never depends on workers */
#define NODES		3	/* grid nodes per box (FIt-SNE's p) */
#define STENCIL		4	/* nodes each point interpolates from, per axis */
#define MIN_BOXES	50	/* FIt-SNE's min_num_intervals */
#define CHECK_EVERY	50	/* sklearn's _N_ITER_CHECK */
#define RTILE		8	/* grid rows per FFT task */
#define CTILE		16	/* spectrum columns per FFT task */

void
tsne_opts_default(struct tsne_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->perplexity = 30;
	o->early_exaggeration = 12;
	o->exaggeration_iter = 250;
	o->max_iter = 1000;
	o->learning_rate = 0;
	o->n_iter_without_progress = 300;
	o->min_grad_norm = 1e-7;
	o->metric = TSNE_EUCLIDEAN;
	o->method = TSNE_AUTO;
	o->workers = 1;
	o->boxes_per_unit = 0.7;
}

static double
now_secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- affinities ---- */

/*
 * sklearn's _binary_search_perplexity for one row: dist[k] are the
 * distances to the row's neighbours (squared Euclidean or cosine), out[k]
 * the conditional probabilities p_{j|i}. β starts at 1 and is doubled,
 * halved or bisected until the entropy (nats) is within 1e-5 of
 * log(perplexity), at most 100 steps.
 */
static void
tsne_row_search(const float *dist, int k, double perplexity, double *out)
{
	double beta = 1, beta_min = -INFINITY, beta_max = INFINITY;
	double want = log(perplexity);
	int step, j;

	for (step = 0; step < 100; step++) {
		double sum = 0, sumd = 0, h;

		for (j = 0; j < k; j++) {
			out[j] = exp(-(double)dist[j] * beta);
			sum += out[j];
		}
		if (sum == 0)
			sum = 1e-8;	/* sklearn's EPSILON_DBL */
		for (j = 0; j < k; j++) {
			out[j] /= sum;
			sumd += (double)dist[j] * out[j];
		}
		h = log(sum) + beta * sumd;
		if (fabs(h - want) <= 1e-5)
			break;
		if (h - want > 0) {
			beta_min = beta;
			beta = beta_max == INFINITY ? beta * 2 :
			    (beta + beta_max) / 2;
		} else {
			beta_max = beta;
			beta = beta_min == -INFINITY ? beta / 2 :
			    (beta + beta_min) / 2;
		}
	}
}

struct aff_ctx {
	long		 n;
	int		 k;
	double		 perplexity;
	float		*dist;		/* n × k */
	double		*cond;		/* n × k */
};

static void
aff_task(void *arg, long t)
{
	struct aff_ctx *a = arg;
	long i, hi = (t + 1) * TILE < a->n ? (t + 1) * TILE : a->n;

	for (i = t * TILE; i < hi; i++)
		tsne_row_search(a->dist + (size_t)i * a->k, a->k, a->perplexity,
		    a->cond + (size_t)i * a->k);
}

/* CSR of the symmetric joint P. */
struct spm {
	long		*ptr;		/* n + 1 */
	int		*col;
	double		*val;
};

struct pent {
	int		 col;
	double		 v;
};

/* Sorts a row's own k entries by column (insertion sort: k is small,
 * and the columns are distinct). */
static void
pent_sort(struct pent *e, int k)
{
	int a, b;

	for (a = 1; a < k; a++) {
		struct pent x = e[a];

		for (b = a; b > 0 && e[b - 1].col > x.col; b--)
			e[b] = e[b - 1];
		e[b] = x;
	}
}

/*
 * P = (C + Cᵀ) / ΣP, C the n × k conditional matrix with neighbour ids
 * nb: each row sorted by column, the (at most two) entries of one column
 * added, as scipy's csr sum. Row i's entries are its own k (distinct
 * columns, sorted here) and Cᵀ's (the rows that chose i, met in
 * increasing order: sorted already), merged. Allocates P's arrays.
 */
static void
sym_build(long n, int k, const long *nb, const double *cond, struct spm *P)
{
	long *cnt = xcalloc((size_t)n + 1, sizeof(long)), i, m, out = 0;
	long *tp = xmalloc(((size_t)n + 1) * sizeof(long)), *fill;
	struct pent *tr, *own = xmalloc((size_t)k * sizeof(struct pent));
	double total = 0;
	int a;

	/* Cᵀ in CSR: tp[] row starts, tr[] (column i, value) */
	for (m = 0; m < n * k; m++)
		cnt[nb[m]]++;
	tp[0] = 0;
	for (i = 0; i < n; i++)
		tp[i + 1] = tp[i] + cnt[i];
	tr = xmalloc(((size_t)tp[n] + 1) * sizeof(struct pent));
	fill = xmalloc(((size_t)n + 1) * sizeof(long));
	memcpy(fill, tp, ((size_t)n + 1) * sizeof(long));
	for (i = 0; i < n; i++)
		for (a = 0; a < k; a++) {
			long j = nb[(size_t)i * k + a];

			tr[fill[j]].col = (int)i;
			tr[fill[j]++].v = cond[(size_t)i * k + a];
		}
	P->ptr = xmalloc(((size_t)n + 1) * sizeof(long));
	P->col = xmalloc(((size_t)n * k + tp[n] + 1) * sizeof(int));
	P->val = xmalloc(((size_t)n * k + tp[n] + 1) * sizeof(double));
	for (i = 0; i < n; i++) {
		long r = tp[i], re = tp[i + 1];

		for (a = 0; a < k; a++) {
			own[a].col = (int)nb[(size_t)i * k + a];
			own[a].v = cond[(size_t)i * k + a];
		}
		pent_sort(own, k);
		P->ptr[i] = out;
		a = 0;
		while (a < k || r < re) {
			if (r >= re || (a < k && own[a].col < tr[r].col)) {
				P->col[out] = own[a].col;
				P->val[out++] = own[a++].v;
			} else if (a >= k || tr[r].col < own[a].col) {
				P->col[out] = tr[r].col;
				P->val[out++] = tr[r++].v;
			} else {	/* both: a + b == b + a */
				P->col[out] = own[a].col;
				P->val[out++] = own[a++].v + tr[r++].v;
			}
		}
	}
	P->ptr[n] = out;
	for (m = 0; m < out; m++)
		total += P->val[m];
	if (total < DBL_EPSILON)
		total = DBL_EPSILON;
	for (m = 0; m < out; m++)
		P->val[m] /= total;
	free(own);
	free(tr);
	free(tp);
	free(fill);
	free(cnt);
}

/* ---- the run ---- */

/*
 * The grid of the FFT path. One charge grid (each point's unit charge
 * spread on its box's nodes) is convolved with three kernels: 1/(1+d²)
 * (its sum is Z) and dx/(1+d²)², dy/(1+d²)² (the repulsive force itself).
 * FIt-SNE convolves four charges (1, y, y², ...) with 1/(1+d²)² and
 * recovers Z and the force by expanding (1 + ‖yᵢ − yⱼ‖²): that cancels
 * terms of size ‖y‖² and loses digits; the odd kernels need none.
 */
struct fftgrid {
	/* [0]: the first coordinate, grid rows; [1]: the second, columns */
	int		 nb[2];		/* boxes per axis */
	int		 nn[2];		/* nodes per axis = NODES · nb */
	int		 M[2];		/* FFT size per axis = 2 nn */
	int		 H;		/* M[1]/2 + 1 columns of a half spectrum */
	int		 Hp;		/* complex row stride: H rounded up to CTILE */
	int		 Mp;		/* real row stride: M[1] rounded up to 16 */
	double		 lo[2], h;	/* box origin per axis and box width */
	float		*gr;		/* M[0] × Mp: the charges (rows < nn[0]) or
					 * a kernel */
	fftwf_complex	*gh;		/* M[0] × Hp: the charges' spectrum */
	float		*kk[3];		/* Hp × M[0] (by column): the kernels'
					 * spectra / (M[0] M[1]), the real part of
					 * the even kernel's, the imaginary part
					 * of the odd ones' (the other parts are
					 * 0) */
	fftwf_complex	*oh[2];		/* M[0] × Hp: the forces' spectra (rows
					 * < nn[0]) */
	fftwf_complex	*sc[2];		/* Hp × M[0]: spectra by column (scratch) */
	float		*out[2];	/* nn[0] × Mp: the force potentials */
	double		*zcol;		/* Parseval's partial sums, per column tile */
	fftwf_plan	 rf, rb;	/* one row: r2c, c2r */
	fftwf_plan	 cf, cb;	/* CTILE contiguous columns of sc, in place:
					 * forward, backward */
	int		 kc;		/* kernel being transformed, −1: the charges */
	double		 ks[1][2 * STENCIL - 1][2 * STENCIL - 1];
					/* 1/(1+d²) at node offsets −3..3 */
	double		 zspec;		/* Σᵢ φ₀(yᵢ), self terms included */
	int		 kvalid;	/* kk[] hold the kernels of this grid */
	int		 cap[2];	/* M the buffers were made for */
};

struct ts {
	long		 n;
	long		 ntiles;
	enum tsne_method method;
	struct pool	 par;
	double		*y, *grad, *upd, *gains;
	double		*attr, *rep;	/* n × 2 each */
	struct spm	 P;		/* sparse P */
	float		*pf;		/* P.val in float (FFT path) */
	float		*yf;		/* y in float (FFT path), n × 2 */
	double		*plp0, *ps0;	/* Σ p log p, Σ p of each tile's rows
					 * (FFT path; P without exaggeration) */
	double		*pd;		/* dense P (TSNE_DENSE), n × n */
	double		 exag;		/* factor on P in this phase */
	int		 want_kl;
	/* per-tile partial sums, added in tile order */
	double		*zpart, *plogp, *plogw, *psum, *gnorm;
	/* FFT interpolation */
	struct fftgrid	 F;
	int		*box;		/* n × 2: first node of the point's box */
	double		*wts;		/* n × 2·STENCIL: weights x…, y… */
	double		 lr, momentum;
	double		 bpu;		/* boxes per unit length */
};

/*
 * Weights of the four grid nodes around a point, at −1, 0, +1, +2 node
 * spacings from the node just below it, for a point t spacings above
 * that node (0 <= t < 1): cubic Lagrange interpolation. FIt-SNE takes
 * the three nodes of the point's box instead, so points near a box edge
 * extrapolate up to 1.5 spacings out; a stencil centred on the point
 * and one degree higher cuts the interpolation error of the sharply
 * peaked kernels about tenfold on the same grid.
 */
static void
lagrange4(double t, double *w)
{
	w[0] = -t * (t - 1) * (t - 2) / 6;
	w[1] = (t + 1) * (t - 1) * (t - 2) / 2;
	w[2] = -(t + 1) * t * (t - 2) / 2;
	w[3] = (t + 1) * t * (t - 1) / 6;
}

/* Is m a product of 2, 3, 5 and 7 (a size FFTW transforms fast)? */
static int
smooth7(int m)
{
	static const int f[] = { 2, 3, 5, 7 };
	int i;

	for (i = 0; i < 4; i++)
		while (m % f[i] == 0)
			m /= f[i];
	return m == 1;
}

static void
fft_free(struct fftgrid *F)
{
	int c;

	if (F->cap[0] == 0)
		return;
	fftwf_destroy_plan(F->rf);
	fftwf_destroy_plan(F->rb);
	fftwf_destroy_plan(F->cf);
	fftwf_destroy_plan(F->cb);
	fftwf_free(F->gr);
	fftwf_free(F->gh);
	for (c = 0; c < 3; c++)
		fftwf_free(F->kk[c]);
	for (c = 0; c < 2; c++) {
		fftwf_free(F->oh[c]);
		fftwf_free(F->sc[c]);
		fftwf_free(F->out[c]);
	}
	free(F->zcol);
	F->cap[0] = F->cap[1] = 0;
	F->kvalid = 0;
}

static void *
fft_alloc(size_t n)
{
	void *p = fftwf_malloc(n);

	if (p == NULL)
		abort();
	memset(p, 0, n);	/* the padding columns stay 0 */
	return p;
}

/*
 * Lays the grid over the current embedding: a rectangle from each
 * axis's smallest coordinate. While the embedding is narrower than
 * MIN_BOXES box widths (1/boxes_per_unit) on both axes: MIN_BOXES boxes
 * across both, as wide as the wider axis needs. Else boxes of exactly
 * that width, on each axis as many as its spread needs plus 10% (a count
 * whose FFT size is 7-smooth): an elongated embedding gets a grid of
 * its own shape, every node as far from the next as on a square grid.
 * With a fixed width the kernels only change with the grid's size, so
 * their transforms are kept (F->kvalid) until the spread outgrows the
 * grid. Plans are made (FFTW_ESTIMATE: no timing, so the same plan every
 * run) only when the size changes.
 */
static void
fft_setup(struct ts *T)
{
	struct fftgrid *F = &T->F;
	double lo[2] = { INFINITY, INFINITY }, hi[2] = { -INFINITY, -INFINITY };
	double width = 1.0 / T->bpu, h, span;
	long i;
	int nb[2], need[2], M[2], c, d;
	size_t rsz, csz;

	for (i = 0; i < T->n; i++)
		for (d = 0; d < 2; d++) {
			lo[d] = fmin(lo[d], T->y[2 * i + d]);
			hi[d] = fmax(hi[d], T->y[2 * i + d]);
		}
	for (d = 0; d < 2; d++)
		if (!(hi[d] - lo[d] > 1e-12)) {
			lo[d] -= 0.5e-12;
			hi[d] += 0.5e-12;
		}
	span = fmax(hi[0] - lo[0], hi[1] - lo[1]);
	if (span <= MIN_BOXES * width) {
		nb[0] = MIN_BOXES;
		while (!smooth7(2 * NODES * nb[0]))
			nb[0]++;
		nb[1] = nb[0];
		/* two node spacings of margin on each side */
		h = span / (nb[0] - 4.0 / NODES);
		F->kvalid = 0;
	} else {
		h = width;
		for (d = 0; d < 2; d++)
			need[d] = (int)ceil((hi[d] - lo[d]) / width +
			    4.0 / NODES);
		if (F->kvalid && F->h == width && F->nb[0] >= need[0] &&
		    F->nb[1] >= need[1]) {
			for (d = 0; d < 2; d++)
				F->lo[d] = lo[d] - 2 * h / NODES;
			return;
		}
		for (d = 0; d < 2; d++) {
			nb[d] = need[d] + need[d] / 10;
			while (!smooth7(2 * NODES * nb[d]))
				nb[d]++;
		}
		F->kvalid = 0;
	}
	for (d = 0; d < 2; d++) {
		F->lo[d] = lo[d] - 2 * h / NODES;
		M[d] = 2 * NODES * nb[d];
		F->nb[d] = nb[d];
		F->nn[d] = NODES * nb[d];
		F->M[d] = M[d];
	}
	F->h = h;
	if (M[0] == F->cap[0] && M[1] == F->cap[1])
		return;
	fft_free(F);
	/*
	 * The 2-D transforms are done as rows, then columns (and back), by
	 * 1-D plans over fixed tiles, so that both workers share them and
	 * so that the rows known to be zero (the charges only fill the
	 * first nn[0] of M[0]) or not needed (only nn[0] rows of potentials
	 * are read) are skipped: a quarter of the work. A column task copies
	 * its CTILE columns out to sc (column by column, contiguous: FFTW's
	 * strided column transforms slow down badly at some sizes), and the
	 * charges' spectrum is multiplied there by the kernels' (kept by
	 * column) and transformed back before the nn[0] rows needed are
	 * copied into oh. Strides are multiples of 64 bytes, so that every
	 * row and column tile has the alignment the plans were made for.
	 */
	F->H = M[1] / 2 + 1;
	F->Hp = (F->H + CTILE - 1) / CTILE * CTILE;
	F->Mp = (M[1] + 15) / 16 * 16;
	rsz = sizeof(float) * (size_t)M[0] * F->Mp;
	csz = sizeof(fftwf_complex) * (size_t)M[0] * F->Hp;
	F->gr = fft_alloc(rsz);
	F->gh = fft_alloc(csz);
	for (c = 0; c < 3; c++)
		F->kk[c] = fft_alloc(sizeof(float) * (size_t)M[0] * F->Hp);
	for (c = 0; c < 2; c++) {
		F->oh[c] = fft_alloc(csz);
		F->sc[c] = fft_alloc(csz);
		F->out[c] = fft_alloc(sizeof(float) * (size_t)F->nn[0] * F->Mp);
	}
	F->zcol = xcalloc((size_t)(F->Hp / CTILE), sizeof(double));
	F->rf = fftwf_plan_many_dft_r2c(1, &M[1], 1, F->gr, NULL, 1, F->Mp,
	    F->gh, NULL, 1, F->Hp, FFTW_ESTIMATE);
	F->rb = fftwf_plan_many_dft_c2r(1, &M[1], 1, F->oh[0], NULL, 1, F->Hp,
	    F->out[0], NULL, 1, F->Mp, FFTW_ESTIMATE | FFTW_DESTROY_INPUT);
	F->cf = fftwf_plan_many_dft(1, &M[0], CTILE, F->sc[0], NULL, 1, M[0],
	    F->sc[0], NULL, 1, M[0], FFTW_FORWARD, FFTW_ESTIMATE);
	F->cb = fftwf_plan_many_dft(1, &M[0], CTILE, F->sc[0], NULL, 1, M[0],
	    F->sc[0], NULL, 1, M[0], FFTW_BACKWARD, FFTW_ESTIMATE);
	if (F->rf == NULL || F->rb == NULL || F->cf == NULL || F->cb == NULL)
		abort();
	F->cap[0] = M[0];
	F->cap[1] = M[1];
}

static long
tile_end(const struct ts *T, long t)
{
	return (t + 1) * TILE < T->n ? (t + 1) * TILE : T->n;
}

/*
 * Attractive forces Σⱼ pᵢⱼ wᵢⱼ (yᵢ − yⱼ) from the sparse P (times the
 * exaggeration) and the KL terms Σ p log p, Σ p log w, Σ p of a tile.
 */
static void
attr_tile(struct ts *T, long t)
{
	long i, e, hi = tile_end(T, t);
	double plp = 0, plw = 0, ps = 0;

	for (i = t * TILE; i < hi; i++) {
		double ax = 0, ay = 0, yx = T->y[2 * i], yy = T->y[2 * i + 1];

		for (e = T->P.ptr[i]; e < T->P.ptr[i + 1]; e++) {
			long j = T->P.col[e];
			double dx = yx - T->y[2 * j], dy = yy - T->y[2 * j + 1];
			double w = 1 / (1 + dx * dx + dy * dy);
			double p = T->P.val[e] * T->exag;

			ax += p * w * dx;
			ay += p * w * dy;
			if (T->want_kl) {
				plp += p * log(p);
				plw += p * log(w);
				ps += p;
			}
		}
		T->attr[2 * i] = ax;
		T->attr[2 * i + 1] = ay;
	}
	T->plogp[t] = plp;
	T->plogw[t] = plw;
	T->psum[t] = ps;
}

/*
 * The FFT path's attractive forces between the KL checks: the same sums
 * in single precision (P, y and the terms as floats, the repulsion
 * beside them is single precision anyway), eight edges at a time in
 * eight fixed lanes added in a fixed order, the exaggeration applied
 * once per point. An edge costs its neighbour's 8 bytes of y (the
 * float copy of a 100,000-point map fits in L2), 8 bytes of P and one
 * division p/(1+d²).
 */
typedef float v4f __attribute__((vector_size(16)));

static void
attr_tile_f(struct ts *T, long t)
{
	const long *ptr = T->P.ptr;
	const int *col = T->P.col;
	const float *pv = T->pf, *y = T->yf;
	long i, e, hi = tile_end(T, t);
	const v4f one = { 1, 1, 1, 1 };

	for (i = t * TILE; i < hi; i++) {
		float yx = y[2 * i], yy = y[2 * i + 1], tx = 0, ty = 0;
		v4f px = { yx, yx, yx, yx }, py = { yy, yy, yy, yy };
		v4f ax0 = { 0, 0, 0, 0 }, ay0 = ax0, ax1 = ax0, ay1 = ax0;
		long end = ptr[i + 1];

		for (e = ptr[i]; e + 8 <= end; e += 8) {
			const int *c = col + e;
			v4f xa = { y[2 * c[0]], y[2 * c[1]], y[2 * c[2]],
			    y[2 * c[3]] };
			v4f ya = { y[2 * c[0] + 1], y[2 * c[1] + 1],
			    y[2 * c[2] + 1], y[2 * c[3] + 1] };
			v4f xb = { y[2 * c[4]], y[2 * c[5]], y[2 * c[6]],
			    y[2 * c[7]] };
			v4f yb = { y[2 * c[4] + 1], y[2 * c[5] + 1],
			    y[2 * c[6] + 1], y[2 * c[7] + 1] };
			v4f pa, pb, dxa, dya, dxb, dyb, wa, wb;

			memcpy(&pa, pv + e, sizeof(pa));
			memcpy(&pb, pv + e + 4, sizeof(pb));
			dxa = px - xa;
			dya = py - ya;
			dxb = px - xb;
			dyb = py - yb;
			wa = pa / (one + dxa * dxa + dya * dya);
			wb = pb / (one + dxb * dxb + dyb * dyb);
			ax0 += wa * dxa;
			ay0 += wa * dya;
			ax1 += wb * dxb;
			ay1 += wb * dyb;
		}
		for (; e < end; e++) {
			long j = col[e];
			float dx = yx - y[2 * j], dy = yy - y[2 * j + 1];
			float w = pv[e] / (1 + dx * dx + dy * dy);

			tx += w * dx;
			ty += w * dy;
		}
		ax0 += ax1;
		ay0 += ay1;
		T->attr[2 * i] = T->exag * (double)(((ax0[0] + ax0[1]) +
		    (ax0[2] + ax0[3])) + tx);
		T->attr[2 * i + 1] = T->exag * (double)(((ay0[0] + ay0[1]) +
		    (ay0[2] + ay0[3])) + ty);
	}
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(VECDOC_NO_SIMD)
/*
 * attr_tile_f with the two 4-lane accumulators as one 8-lane AVX
 * register: lanes 0-3 hold ax0's edges, 4-7 ax1's, and the operations
 * are the same, one by one (no FMA: target avx2 only, so nothing is
 * contracted), so the sums are bit for bit attr_tile_f's.
 */
typedef float v8f __attribute__((vector_size(32)));

__attribute__((target("avx2")))
static void
attr_tile_f8(struct ts *T, long t)
{
	const long *ptr = T->P.ptr;
	const int *col = T->P.col;
	const float *pv = T->pf, *y = T->yf;
	long i, e, hi = tile_end(T, t);
	const v8f one = { 1, 1, 1, 1, 1, 1, 1, 1 };

	for (i = t * TILE; i < hi; i++) {
		float yx = y[2 * i], yy = y[2 * i + 1], tx = 0, ty = 0;
		v8f px = { yx, yx, yx, yx, yx, yx, yx, yx };
		v8f py = { yy, yy, yy, yy, yy, yy, yy, yy };
		v8f ax = { 0, 0, 0, 0, 0, 0, 0, 0 }, ay = ax;
		long end = ptr[i + 1];
		float sx[4], sy[4];
		int l;

		for (e = ptr[i]; e + 8 <= end; e += 8) {
			const int *c = col + e;
			v8f xa = { y[2 * c[0]], y[2 * c[1]], y[2 * c[2]],
			    y[2 * c[3]], y[2 * c[4]], y[2 * c[5]],
			    y[2 * c[6]], y[2 * c[7]] };
			v8f ya = { y[2 * c[0] + 1], y[2 * c[1] + 1],
			    y[2 * c[2] + 1], y[2 * c[3] + 1],
			    y[2 * c[4] + 1], y[2 * c[5] + 1],
			    y[2 * c[6] + 1], y[2 * c[7] + 1] };
			v8f pa, dxa, dya, wa;

			memcpy(&pa, pv + e, sizeof(pa));
			dxa = px - xa;
			dya = py - ya;
			wa = pa / (one + dxa * dxa + dya * dya);
			ax += wa * dxa;
			ay += wa * dya;
		}
		for (; e < end; e++) {
			long j = col[e];
			float dx = yx - y[2 * j], dy = yy - y[2 * j + 1];
			float w = pv[e] / (1 + dx * dx + dy * dy);

			tx += w * dx;
			ty += w * dy;
		}
		for (l = 0; l < 4; l++) {	/* ax0 += ax1 */
			sx[l] = ax[l] + ax[l + 4];
			sy[l] = ay[l] + ay[l + 4];
		}
		T->attr[2 * i] = T->exag * (double)(((sx[0] + sx[1]) +
		    (sx[2] + sx[3])) + tx);
		T->attr[2 * i + 1] = T->exag * (double)(((sy[0] + sy[1]) +
		    (sy[2] + sy[3])) + ty);
	}
}
#define TSNE_AVX2 1
#endif

/*
 * The FFT path's attractive forces at a KL check: attr_tile's sums, but
 * Σ p log p and Σ p (P is fixed) taken from the tile's constants, so
 * only Σ p log w needs a logarithm per edge: with the exaggeration e,
 * Σ ep log(ep) = e Σ p log p + e log e Σ p.
 */
static void
attr_tile_kl(struct ts *T, long t)
{
	long i, e, hi = tile_end(T, t);
	double plw = 0, ex = T->exag;

	for (i = t * TILE; i < hi; i++) {
		double ax = 0, ay = 0, yx = T->y[2 * i], yy = T->y[2 * i + 1];

		for (e = T->P.ptr[i]; e < T->P.ptr[i + 1]; e++) {
			long j = T->P.col[e];
			double dx = yx - T->y[2 * j], dy = yy - T->y[2 * j + 1];
			double w = 1 / (1 + dx * dx + dy * dy);
			double p = T->P.val[e] * ex;

			ax += p * w * dx;
			ay += p * w * dy;
			plw += p * log(w);
		}
		T->attr[2 * i] = ax;
		T->attr[2 * i + 1] = ay;
	}
	T->plogp[t] = ex * T->plp0[t] + ex * log(ex) * T->ps0[t];
	T->plogw[t] = plw;
	T->psum[t] = ex * T->ps0[t];
}

/* Exact gradient terms of a tile: O(N) per point. */
static void
exact_task(void *arg, long t)
{
	struct ts *T = arg;
	long i, j, hi = tile_end(T, t), n = T->n;
	double z = 0, plp = 0, plw = 0, ps = 0;

	if (T->pd == NULL)
		attr_tile(T, t);
	for (i = t * TILE; i < hi; i++) {
		double rx = 0, ry = 0, ax = 0, ay = 0;
		double yx = T->y[2 * i], yy = T->y[2 * i + 1];
		const double *prow = T->pd ? T->pd + (size_t)i * n : NULL;

		for (j = 0; j < n; j++) {
			double dx, dy, w;

			if (j == i)
				continue;
			dx = yx - T->y[2 * j];
			dy = yy - T->y[2 * j + 1];
			w = 1 / (1 + dx * dx + dy * dy);
			z += w;
			rx += w * w * dx;
			ry += w * w * dy;
			if (prow != NULL) {
				double p = prow[j] * T->exag;

				ax += p * w * dx;
				ay += p * w * dy;
				if (T->want_kl) {
					plp += p * log(p);
					plw += p * log(w);
					ps += p;
				}
			}
		}
		T->rep[2 * i] = rx;
		T->rep[2 * i + 1] = ry;
		if (prow != NULL) {
			T->attr[2 * i] = ax;
			T->attr[2 * i + 1] = ay;
		}
	}
	T->zpart[t] = z;
	if (T->pd != NULL) {
		T->plogp[t] = plp;
		T->plogw[t] = plw;
		T->psum[t] = ps;
	}
}

/* FFT path, step 1: attractive forces and each point's box and weights. */
static void
fft_prep_task(void *arg, long t)
{
	struct ts *T = arg;
	struct fftgrid *F = &T->F;
	long i, hi = tile_end(T, t);
	int d;

	if (T->want_kl)
		attr_tile_kl(T, t);	/* in double, with the KL terms */
	else
#ifdef TSNE_AVX2
		if (__builtin_cpu_supports("avx2"))
			attr_tile_f8(T, t);
		else
#endif
			attr_tile_f(T, t);
	for (i = t * TILE; i < hi; i++)
		for (d = 0; d < 2; d++) {
			/* node m sits at lo + (m + 1/2) h / NODES */
			double u = (T->y[2 * i + d] - F->lo[d]) / F->h *
			    NODES - 0.5;
			int m = (int)floor(u);

			if (m < 1)
				m = 1;
			if (m > F->nn[d] - 3)
				m = F->nn[d] - 3;
			T->box[2 * i + d] = m - 1;
			lagrange4(u - m, T->wts + 2 * STENCIL * i + STENCIL * d);
		}
}

/*
 * FFT path, kernel transforms (only when the grid changes), row task t:
 * kernel F->kc sampled at the node offsets in wrap-around order (offset
 * a for a < nn, a − M above; the row and column nn, never reached, are
 * 0), each row transformed.
 */
static void
fft_kern_rows_task(void *arg, long t)
{
	struct ts *T = arg;
	struct fftgrid *F = &T->F;
	double s = F->h / NODES;
	int a, b, M0 = F->M[0], M1 = F->M[1], c = F->kc;
	int hi = (int)(t + 1) * RTILE < M0 ? (int)(t + 1) * RTILE : M0;

	for (a = (int)t * RTILE; a < hi; a++) {
		double dx = (a < F->nn[0] ? a : a - M0) * s;
		float *row = F->gr + (size_t)a * F->Mp;

		for (b = 0; b < M1; b++) {
			double dy = (b < F->nn[1] ? b : b - M1) * s;
			double k1 = 1 / (1 + dx * dx + dy * dy);

			if (a == F->nn[0] || b == F->nn[1])
				row[b] = 0;
			else
				row[b] = (float)(c == 0 ? k1 : c == 1 ?
				    k1 * k1 * dx : k1 * k1 * dy);
		}
		fftwf_execute_dft_r2c(F->rf, row, F->oh[0] + (size_t)a * F->Hp);
	}
}

/*
 * FFT path, step 2 (serial): each point's unit charge spread on the
 * 4 × 4 nodes around it, in point order.
 */
static void
fft_spread(struct ts *T)
{
	struct fftgrid *F = &T->F;
	float *g = F->gr;
	long i;
	int a, b, Mp = F->Mp;

	memset(g, 0, sizeof(float) * (size_t)F->nn[0] * Mp);
	for (i = 0; i < T->n; i++) {
		const double *w = T->wts + 2 * STENCIL * i;
		int bx = T->box[2 * i], by = T->box[2 * i + 1];

		for (a = 0; a < STENCIL; a++)
			for (b = 0; b < STENCIL; b++)
				g[(size_t)(bx + a) * Mp + by + b] +=
				    (float)(w[a] * w[STENCIL + b]);
	}
}

/* Step 3, row task t: the charges' rows transformed (rows nn and
 * above are 0, and so are their transforms: never stored). */
static void
fft_rows_fwd_task(void *arg, long t)
{
	struct ts *T = arg;
	struct fftgrid *F = &T->F;
	int r, nn = F->nn[0], hi = (int)(t + 1) * RTILE < nn ?
	    (int)(t + 1) * RTILE : nn;

	for (r = (int)t * RTILE; r < hi; r++) {
		fftwf_execute_dft_r2c(F->rf, F->gr + (size_t)r * F->Mp,
		    F->gh + (size_t)r * F->Hp);
	}
}

/* Copies columns [c0, c0 + CTILE) of rows [0, rows) of a (row stride
 * Hp) to b by column (stride M). */
static void
cols_out(const struct fftgrid *F, const fftwf_complex *a, size_t c0,
    int rows, fftwf_complex *b)
{
	int r, j;

	for (r = 0; r < rows; r++) {
		const fftwf_complex *s = a + (size_t)r * F->Hp + c0;

		for (j = 0; j < CTILE; j++) {
			b[(size_t)j * F->M[0] + r][0] = s[j][0];
			b[(size_t)j * F->M[0] + r][1] = s[j][1];
		}
	}
}

/* The reverse of cols_out. */
static void
cols_in(const struct fftgrid *F, const fftwf_complex *b, size_t c0,
    int rows, fftwf_complex *a)
{
	int r, j;

	for (r = 0; r < rows; r++) {
		fftwf_complex *d = a + (size_t)r * F->Hp + c0;

		for (j = 0; j < CTILE; j++) {
			d[j][0] = b[(size_t)j * F->M[0] + r][0];
			d[j][1] = b[(size_t)j * F->M[0] + r][1];
		}
	}
}

/*
 * Step 4, column task t: columns [t·CTILE, (t+1)·CTILE) transformed.
 * A kernel's (F->kc >= 0, its rows' transforms in oh[0]): kept divided
 * by M², its real part for the even kernel, its imaginary part for the
 * odd ones (the other part is rounding noise: the samples are exactly
 * even or odd). The charges' (rows' transforms in gh): times the force
 * kernels' spectra (purely imaginary), transformed back, the nn rows
 * needed copied to oh; and Z's part: Σᵢ φ₀(yᵢ) = Σₘ G(m) (K * G)(m) (the
 * same weights spread and gather), by Parseval Σₖ |Ĝₖ|² K̂ₖ / M² over the
 * full spectrum; the half spectrum counts its inner columns twice.
 */
static void
fft_cols_task(void *arg, long t)
{
	struct ts *T = arg;
	struct fftgrid *F = &T->F;
	size_t c0 = (size_t)t * CTILE, off = c0 * F->M[0], m;
	fftwf_complex *s0 = F->sc[0] + off, *s1 = F->sc[1] + off;
	int r, j, M = F->M[0], nn = F->nn[0];
	double z = 0;

	if (F->kc >= 0) {
		double scale = 1.0 / ((double)M * F->M[1]);
		int part = F->kc == 0 ? 0 : 1;
		float *k = F->kk[F->kc] + off;

		cols_out(F, F->oh[0], c0, M, s0);
		fftwf_execute_dft(F->cf, s0, s0);
		for (m = 0; m < (size_t)CTILE * M; m++)
			k[m] = (float)(s0[m][part] * scale);
		return;
	}
	cols_out(F, F->gh, c0, nn, s0);	/* rows nn.. are 0 */
	for (j = 0; j < CTILE; j++)
		memset(s0 + (size_t)j * M + nn, 0, sizeof(fftwf_complex) *
		    (size_t)(M - nn));
	fftwf_execute_dft(F->cf, s0, s0);
	for (j = 0; j < CTILE; j++) {
		size_t col = c0 + j, o = (size_t)j * M;
		const float *k0 = F->kk[0] + off + o, *k1 = F->kk[1] + off + o;
		const float *k2 = F->kk[2] + off + o;
		fftwf_complex *g = s0 + o, *o2 = s1 + o;
		double zc, zl[4] = { 0, 0, 0, 0 };
		double wc = col == 0 || col == (size_t)F->H - 1 ? 1 :
		    col < (size_t)F->H ? 2 : 0;

		/* four running sums (r mod 4), added in a fixed order: one
		 * chain of dependent additions would bound the loop */
		for (r = 0; r < M; r++) {
			float gr = g[r][0], gi = g[r][1];

			zl[r & 3] += (double)((gr * gr + gi * gi) * k0[r]);
			g[r][0] = -gi * k1[r];
			g[r][1] = gr * k1[r];
			o2[r][0] = -gi * k2[r];
			o2[r][1] = gr * k2[r];
		}
		zc = (zl[0] + zl[1]) + (zl[2] + zl[3]);
		if (wc > 0)	/* the padding columns hold 0 */
			z += wc * zc;
	}
	F->zcol[t] = z;
	fftwf_execute_dft(F->cb, s0, s0);
	fftwf_execute_dft(F->cb, s1, s1);
	cols_in(F, s0, c0, nn, F->oh[0]);
	cols_in(F, s1, c0, nn, F->oh[1]);
}

/* Step 5, row task t: the potentials' rows (only the nn read). */
static void
fft_rows_inv_task(void *arg, long t)
{
	struct ts *T = arg;
	struct fftgrid *F = &T->F;
	int r, c, nn = F->nn[0], hi = (int)(t + 1) * RTILE < nn ?
	    (int)(t + 1) * RTILE : nn;

	for (r = (int)t * RTILE; r < hi; r++)
		for (c = 0; c < 2; c++)
			fftwf_execute_dft_c2r(F->rb, F->oh[c] + (size_t)r *
			    F->Hp, F->out[c] + (size_t)r * F->Mp);
}


/* 1/(1+d²) at node offsets −3..3 (what a point's own interpolation
 * weights meet), rounded to float as the grid holds it. */
static void
fft_small_kernels(struct fftgrid *F)
{
	double sp = F->h / NODES;
	int a, b;

	for (a = 1 - STENCIL; a < STENCIL; a++)
		for (b = 1 - STENCIL; b < STENCIL; b++) {
			double dx = a * sp, dy = b * sp;

			F->ks[0][a + STENCIL - 1][b + STENCIL - 1] =
			    (float)(1 / (1 + dx * dx + dy * dy));
		}
}

/* FFT path, step 6: the potentials back at the points; Z's tile part
 * (the self term 1/(1+0) taken off). */
static void
fft_gather_task(void *arg, long t)
{
	struct ts *T = arg;
	struct fftgrid *F = &T->F;
	long i, hi = tile_end(T, t);
	double z = 0;
	int a, c, Mp = F->Mp;

	for (i = t * TILE; i < hi; i++) {
		const double *w = T->wts + 2 * STENCIL * i;
		int bx = T->box[2 * i], by = T->box[2 * i + 1];
		double ax[2 * STENCIL - 1], ay[2 * STENCIL - 1], self = 0;
		int a2;

		for (c = 1; c < 3; c++) {
			const float *o = F->out[c - 1];
			double sum = 0;

			for (a = 0; a < STENCIL; a++) {
				const float *r = o + (size_t)(bx + a) * Mp + by;

				sum += w[a] * (w[STENCIL] * r[0] + w[STENCIL + 1] *
				    r[1] + w[STENCIL + 2] * r[2] + w[STENCIL + 3] *
				    r[3]);
			}
			T->rep[2 * i + c - 1] = sum;
		}
		/*
		 * The point meets itself through the interpolation: Z's sum
		 * (taken from the spectrum) holds an interpolated 1/(1+0)
		 * for each point, off by the kernel's error at distance 0,
		 * the largest there is; it is taken off exactly. Grouping
		 * the weight products by node offset makes it 7 × 7 terms.
		 * The force kernels are odd and the groups symmetric, so
		 * their self terms vanish.
		 */
		memset(ax, 0, sizeof(ax));
		memset(ay, 0, sizeof(ay));
		for (a = 0; a < STENCIL; a++)
			for (a2 = 0; a2 < STENCIL; a2++) {
				ax[a - a2 + STENCIL - 1] += w[a] * w[a2];
				ay[a - a2 + STENCIL - 1] += w[STENCIL + a] *
				    w[STENCIL + a2];
			}
		for (a = 0; a < 2 * STENCIL - 1; a++)
			for (a2 = 0; a2 < 2 * STENCIL - 1; a2++)
				self += ax[a] * ay[a2] * F->ks[0][a][a2];
		z -= self;
	}
	T->zpart[t] = z;	/* Z = zspec + Σ tiles */
}

/* Last step: gradient 4(attr − rep / Z), sklearn's gains and momentum. */
struct upd_ctx {
	struct ts	*T;
	double		 z;
};

static void
update_task(void *arg, long t)
{
	struct upd_ctx *u = arg;
	struct ts *T = u->T;
	long i, hi = tile_end(T, t);
	double gn = 0;

	for (i = 2 * t * TILE; i < 2 * hi; i++) {
		double g = 4 * (T->attr[i] - T->rep[i] / u->z);

		if (T->upd[i] * g < 0)
			T->gains[i] += 0.2;
		else
			T->gains[i] *= 0.8;
		if (T->gains[i] < 0.01)
			T->gains[i] = 0.01;
		g *= T->gains[i];
		gn += g * g;
		T->upd[i] = T->momentum * T->upd[i] - T->lr * g;
		T->y[i] += T->upd[i];
	}
	T->gnorm[t] = gn;
}

/* One gradient step; returns the KL divergence when T->want_kl. */
static double
tsne_step(struct ts *T, double *gnorm)
{
	struct upd_ctx u;
	double z = 0, plp = 0, plw = 0, ps = 0, gn = 0;
	long t;

	if (T->method == TSNE_KNN_FFT) {
		struct fftgrid *F = &T->F;
		long nct, nrt, nmt, m;

		for (m = 0; m < 2 * T->n; m++)
			T->yf[m] = (float)T->y[m];
		fft_setup(T);
		nct = F->Hp / CTILE;
		nrt = (F->nn[0] + RTILE - 1) / RTILE;
		nmt = (F->M[0] + RTILE - 1) / RTILE;
		pool_run(&T->par, T->ntiles, fft_prep_task, T);
		fft_small_kernels(F);
		if (!F->kvalid)
			for (F->kc = 0; F->kc < 3; F->kc++) {
				pool_run(&T->par, nmt, fft_kern_rows_task, T);
				pool_run(&T->par, nct, fft_cols_task, T);
			}
		F->kvalid = 1;
		F->kc = -1;
		fft_spread(T);
		pool_run(&T->par, nrt, fft_rows_fwd_task, T);
		pool_run(&T->par, nct, fft_cols_task, T);
		F->zspec = 0;
		for (t = 0; t < nct; t++)
			F->zspec += F->zcol[t];
		pool_run(&T->par, nrt, fft_rows_inv_task, T);
		pool_run(&T->par, T->ntiles, fft_gather_task, T);
		z = F->zspec;
	} else
		pool_run(&T->par, T->ntiles, exact_task, T);
	for (t = 0; t < T->ntiles; t++) {
		z += T->zpart[t];
		plp += T->plogp[t];
		plw += T->plogw[t];
		ps += T->psum[t];
	}
	if (!(z > DBL_MIN))
		z = DBL_MIN;
	u.T = T;
	u.z = z;
	pool_run(&T->par, T->ntiles, update_task, &u);
	for (t = 0; t < T->ntiles; t++)
		gn += T->gnorm[t];
	*gnorm = sqrt(gn);
	/* KL = Σ p log(p / (w / Z)) = Σ p log p − Σ p log w + (Σ p) log Z */
	return plp - plw + ps * log(z);
}

/* sklearn's _gradient_descent for iterations [it, n_iter). */
static int
tsne_descend(struct ts *T, const struct tsne_opts *o, int it, int n_iter,
    int without_progress, double *kl, int *last, struct diag *d)
{
	double best = DBL_MAX, err = DBL_MAX, gn;
	int i, best_i = it;
	long m;

	for (m = 0; m < 2 * T->n; m++) {
		T->upd[m] = 0;
		T->gains[m] = 1;
	}
	for (i = it; i < n_iter; i++) {
		int check = (i + 1) % CHECK_EVERY == 0;

		T->want_kl = check || i == n_iter - 1;
		err = tsne_step(T, &gn);
		*last = i;
		if (T->want_kl) {
			*kl = err;
			if (o->progress != NULL &&
			    o->progress(o->progress_arg, i + 1, err) != 0)
				return diag_fail(d, NULL, 0, 0,
				    "t-SNE: cancelled at iteration %d", i + 1);
		}
		if (check) {
			if (err < best) {
				best = err;
				best_i = i;
			} else if (i - best_i > without_progress)
				break;
			if (gn <= o->min_grad_norm)
				break;
		}
	}
	return 0;
}

/* The k nearest rows (self excluded) and their t-SNE distances. */
static int
tsne_knn(const float *x, long n, int dims, int k, enum tsne_metric metric,
    int workers, long *ids, float *dist, struct diag *d)
{
	struct knn_index ix;
	struct knn_opts ko;
	long *self = xmalloc((size_t)n * sizeof(long)), i;
	size_t m;
	int rc;

	for (i = 0; i < n; i++)
		self[i] = i;
	memset(&ko, 0, sizeof(ko));
	ko.metric = metric == TSNE_COSINE ? KNN_COSINE : KNN_EUCLIDEAN;
	ko.qexclude = self;
	ko.qexclude_n = 1;
	ko.threads = workers;
	knn_index_init(&ix, x, n, dims);
	rc = knn_search(&ix, x, n, k, &ko, ids, dist, d);
	knn_index_clear(&ix);
	free(self);
	if (rc < 0)
		return -1;
	for (m = 0; m < (size_t)n * k; m++) {
		if (ids[m] < 0)
			return diag_fail(d, NULL, 0, 0, "t-SNE: a row has fewer "
			    "than %d neighbours (zero rows with the cosine "
			    "metric?)", k);
		if (metric == TSNE_COSINE) {
			dist[m] = 1.f - dist[m];
			if (dist[m] < 0.f)
				dist[m] = 0.f;
		} else
			dist[m] = dist[m] * dist[m];	/* sklearn squares */
	}
	return 0;
}

/* Dense P (sklearn's method="exact"), n × n, row-major. */
static double *
dense_p(const float *x, long n, int dims, const struct tsne_opts *o)
{
	double *P = xcalloc((size_t)n * n, sizeof(double)), total = 0;
	float *dist = xmalloc((size_t)n * sizeof(float));
	double *cond = xmalloc((size_t)n * sizeof(double));
	float *u = NULL;
	long i, j;
	int c;

	if (o->metric == TSNE_COSINE) {
		u = xmalloc((size_t)n * dims * sizeof(float));
		for (i = 0; i < n; i++) {
			double s = 0;

			for (c = 0; c < dims; c++)
				s += (double)x[i * dims + c] * x[i * dims + c];
			s = s > 0 ? 1 / sqrt(s) : 0;
			for (c = 0; c < dims; c++)
				u[i * dims + c] = (float)(x[i * dims + c] * s);
		}
	}
	for (i = 0; i < n; i++) {
		long m = 0;

		for (j = 0; j < n; j++) {
			double s = 0;

			if (j == i)
				continue;
			for (c = 0; c < dims; c++) {
				if (u != NULL)
					s += (double)u[i * dims + c] *
					    u[j * dims + c];
				else {
					double t = (double)x[i * dims + c] -
					    x[j * dims + c];

					s += t * t;
				}
			}
			dist[m++] = (float)(u != NULL ? fmax(0, 1 - s) : s);
		}
		tsne_row_search(dist, (int)(n - 1), o->perplexity, cond);
		m = 0;
		for (j = 0; j < n; j++)
			if (j != i)
				P[(size_t)i * n + j] = cond[m++];
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			double v = P[(size_t)i * n + j] + P[(size_t)j * n + i];

			P[(size_t)i * n + j] = P[(size_t)j * n + i] = v;
			total += 2 * v;
		}
	if (total < DBL_EPSILON)
		total = DBL_EPSILON;
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			P[(size_t)i * n + j] = i == j ? 0 :
			    fmax(P[(size_t)i * n + j] / total, DBL_EPSILON);
	free(dist);
	free(cond);
	free(u);
	return P;
}

/* Start: PCA scaled to std(PC1) = 1e-4, or Gaussian(0, 1e-4²). */
static int
tsne_init(const float *x, long n, int dims, const struct tsne_opts *o,
    double *y, struct diag *d)
{
	float *mu, *comp, *proj;
	double var[2], mean = 0, sd = 0;
	long i;

	if (o->init_y != NULL) {
		for (i = 0; i < 2 * n; i++)
			if (!isfinite(o->init_y[i]))
				return diag_fail(d, NULL, 0, 0, "t-SNE: the "
				    "initial layout has a non-finite value");
		memcpy(y, o->init_y, (size_t)2 * n * sizeof(double));
		return 0;
	}
	if (o->init_random) {
		struct rng r;

		rng_seed(&r, o->seed);
		for (i = 0; i < 2 * n; i++)
			y[i] = 1e-4 * rng_gauss(&r);
		return 0;
	}
	if (dims < 2)
		return diag_fail(d, NULL, 0, 0, "t-SNE: PCA initialisation "
		    "needs at least 2 dimensions (got %d)", dims);
	mu = xmalloc((size_t)dims * sizeof(float));
	comp = xmalloc((size_t)2 * dims * sizeof(float));
	proj = xmalloc((size_t)n * 2 * sizeof(float));
	if (pca_fit(x, n, dims, 2, mu, comp, var, NULL, d) < 0) {
		free(mu);
		free(comp);
		free(proj);
		return -1;
	}
	pca_project(x, n, dims, mu, comp, 2, proj);
	for (i = 0; i < n; i++)
		mean += proj[2 * i];
	mean /= n;
	for (i = 0; i < n; i++)
		sd += (proj[2 * i] - mean) * (proj[2 * i] - mean);
	sd = sqrt(sd / n);
	free(mu);
	free(comp);
	if (!(sd > 0)) {
		free(proj);
		return diag_fail(d, NULL, 0, 0, "t-SNE: the rows do not vary "
		    "(all %ld are the same point)", n);
	}
	for (i = 0; i < 2 * n; i++)
		y[i] = proj[i] / sd * 1e-4;
	free(proj);
	return 0;
}

int
tsne_run(const float *x, long n, int dims, const struct tsne_opts *o,
    double *y, struct tsne_info *info, struct diag *d)
{
	struct ts T;
	long i;
	int k, rc = -1, last = 0;
	double kl = NAN, t0;

	if (n < 4)
		return diag_fail(d, NULL, 0, 0, "t-SNE: needs at least 4 "
		    "points (got %ld)", n);
	if (!(o->perplexity > 0) || !(o->perplexity < n))
		return diag_fail(d, NULL, 0, 0, "t-SNE: perplexity must be "
		    "> 0 and less than the number of points (got %g for %ld "
		    "points)", o->perplexity, n);
	if (!(o->early_exaggeration > 0) || o->exaggeration_iter < 0 ||
	    o->max_iter < 1 || o->exaggeration_iter > o->max_iter)
		return diag_fail(d, NULL, 0, 0, "t-SNE: needs early "
		    "exaggeration > 0 and 0 <= exaggeration iterations <= "
		    "iterations");
	if (dims < 1 || n > 0x7fffffffL)
		return diag_fail(d, NULL, 0, 0, "t-SNE: bad shape %ld × %d",
		    n, dims);
	for (i = 0; i < n * dims; i++)
		if (!isfinite(x[i]))
			return diag_fail(d, NULL, 0, 0, "t-SNE: row %ld has a "
			    "non-finite value", i / dims + 1);
	memset(&T, 0, sizeof(T));
	T.n = n;
	T.method = o->method;
	if (T.method == TSNE_AUTO)
		T.method = n <= TSNE_EXACT_MAX_N ? TSNE_KNN_EXACT : TSNE_KNN_FFT;
	if (T.method == TSNE_DENSE && n > TSNE_DENSE_MAX_N)
		return diag_fail(d, NULL, 0, 0, "t-SNE: the dense (exact) "
		    "method is limited to %d points (got %ld)",
		    TSNE_DENSE_MAX_N, n);
	T.ntiles = (n + TILE - 1) / TILE;
	T.bpu = o->boxes_per_unit > 0 ? o->boxes_per_unit : 1;
	T.y = y;
	if (tsne_init(x, n, dims, o, y, d) < 0)
		return -1;

	/* affinities */
	t0 = now_secs();
	k = (int)fmin((double)(n - 1), floor(3 * o->perplexity + 1));
	pool_init(&T.par, o->workers);
	if (T.method == TSNE_DENSE) {
		k = (int)(n - 1);
		T.pd = dense_p(x, n, dims, o);
	} else {
		struct aff_ctx a;
		long *ids = xmalloc((size_t)n * k * sizeof(long));

		a.n = n;
		a.k = k;
		a.perplexity = o->perplexity;
		a.dist = xmalloc((size_t)n * k * sizeof(float));
		a.cond = xmalloc((size_t)n * k * sizeof(double));
		if (tsne_knn(x, n, dims, k, o->metric, o->workers, ids, a.dist,
		    d) < 0) {
			free(ids);
			free(a.dist);
			free(a.cond);
			goto out;
		}
		pool_run(&T.par, T.ntiles, aff_task, &a);
		sym_build(n, k, ids, a.cond, &T.P);
		free(ids);
		free(a.dist);
		free(a.cond);
	}
	if (info != NULL)
		info->secs_affinity = now_secs() - t0;

	T.grad = xcalloc((size_t)2 * n, sizeof(double));
	T.upd = xcalloc((size_t)2 * n, sizeof(double));
	T.gains = xcalloc((size_t)2 * n, sizeof(double));
	T.attr = xcalloc((size_t)2 * n, sizeof(double));
	T.rep = xcalloc((size_t)2 * n, sizeof(double));
	T.zpart = xcalloc((size_t)T.ntiles, sizeof(double));
	T.plogp = xcalloc((size_t)T.ntiles, sizeof(double));
	T.plogw = xcalloc((size_t)T.ntiles, sizeof(double));
	T.psum = xcalloc((size_t)T.ntiles, sizeof(double));
	T.gnorm = xcalloc((size_t)T.ntiles, sizeof(double));
	if (T.method == TSNE_KNN_FFT) {
		long m;

		T.box = xmalloc((size_t)2 * n * sizeof(int));
		T.yf = xmalloc((size_t)2 * n * sizeof(float));
		T.pf = xmalloc((size_t)T.P.ptr[n] * sizeof(float));
		for (m = 0; m < T.P.ptr[n]; m++)
			T.pf[m] = (float)T.P.val[m];
		T.plp0 = xcalloc((size_t)T.ntiles, sizeof(double));
		T.ps0 = xcalloc((size_t)T.ntiles, sizeof(double));
		for (i = 0; i < n; i++)
			for (m = T.P.ptr[i]; m < T.P.ptr[i + 1]; m++) {
				double p = T.P.val[m];

				T.plp0[i / TILE] += p * log(p);
				T.ps0[i / TILE] += p;
			}
		T.wts = xmalloc((size_t)2 * STENCIL * n * sizeof(double));
	}
	T.lr = o->learning_rate > 0 ? o->learning_rate :
	    fmax((double)n / o->early_exaggeration / 4, 50);

	/* sklearn's two phases: exaggerated P with momentum 0.5, then P */
	T.exag = o->early_exaggeration;
	T.momentum = 0.5;
	if (o->exaggeration_iter > 0 && tsne_descend(&T, o, 0,
	    o->exaggeration_iter, o->exaggeration_iter, &kl, &last, d) < 0)
		goto out;
	T.exag = 1;
	T.momentum = 0.8;
	if (o->max_iter > o->exaggeration_iter || last + 1 <
	    o->exaggeration_iter) {
		if (tsne_descend(&T, o, o->exaggeration_iter > 0 ? last + 1 : 0,
		    o->max_iter, o->n_iter_without_progress, &kl, &last, d) < 0)
			goto out;
	}
	for (i = 0; i < 2 * n; i++)
		if (!isfinite(y[i])) {
			diag_fail(d, NULL, 0, 0, "t-SNE: the optimisation "
			    "diverged (learning rate %g too high?)", T.lr);
			goto out;
		}
	if (info != NULL) {
		info->kl = kl;
		info->iters = last + 1;
		info->learning_rate = T.lr;
		info->neighbours = k;
		info->method = T.method;
	}
	rc = 0;
out:
	pool_clear(&T.par);
	fft_free(&T.F);
	free(T.P.ptr);
	free(T.P.col);
	free(T.P.val);
	free(T.pd);
	free(T.grad);
	free(T.upd);
	free(T.gains);
	free(T.attr);
	free(T.rep);
	free(T.zpart);
	free(T.plogp);
	free(T.plogw);
	free(T.psum);
	free(T.gnorm);
	free(T.box);
	free(T.yf);
	free(T.pf);
	free(T.plp0);
	free(T.ps0);
	free(T.wts);
	return rc;
}

double
tsne_knn_preservation(const float *x, long n, int dims, const double *y,
    int k, int workers, struct diag *d)
{
	long *a, *b, i, hits = 0;
	float *sa, *sb, *yf;
	int p, q;

	if (k < 1 || k >= n)
		return diag_fail(d, NULL, 0, 0, "neighbourhood preservation: "
		    "k must be in 1..%ld (got %d)", n - 1, k);
	a = xmalloc((size_t)n * k * sizeof(long));
	b = xmalloc((size_t)n * k * sizeof(long));
	sa = xmalloc((size_t)n * k * sizeof(float));
	sb = xmalloc((size_t)n * k * sizeof(float));
	yf = xmalloc((size_t)n * 2 * sizeof(float));
	for (i = 0; i < 2 * n; i++)
		yf[i] = (float)y[i];
	if (tsne_knn(x, n, dims, k, TSNE_EUCLIDEAN, workers, a, sa, d) < 0 ||
	    tsne_knn(yf, n, 2, k, TSNE_EUCLIDEAN, workers, b, sb, d) < 0) {
		hits = -1;
		goto out;
	}
	for (i = 0; i < n; i++)
		for (p = 0; p < k; p++)
			for (q = 0; q < k; q++)
				if (a[(size_t)i * k + p] == b[(size_t)i * k + q]) {
					hits++;
					break;
				}
out:
	free(a);
	free(b);
	free(sa);
	free(sb);
	free(yf);
	return hits < 0 ? -1 : (double)hits / ((double)n * k);
}
