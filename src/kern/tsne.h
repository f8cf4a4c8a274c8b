/*
 * kern/tsne: t-distributed stochastic neighbour embedding (van der Maaten
 * & Hinton 2008) of the rows of a float32 matrix into the plane, with
 * scikit-learn's TSNE semantics (design/KERNELS.md §e).
 * Reads a caller matrix; writes caller-allocated coordinates. Never does
 * I/O; its only threads are the "workers" it is told to start.
 */
#ifndef VECDOC_KERN_TSNE_H
#define VECDOC_KERN_TSNE_H

#include <stdint.h>

#include "util/diag.h"

enum tsne_metric {
	TSNE_EUCLIDEAN,	/* affinities from squared Euclidean distances */
	TSNE_COSINE	/* from cosine distances 1 − cos (not squared) */
};

enum tsne_method {
	TSNE_AUTO,	/* TSNE_KNN_EXACT below TSNE_EXACT_MAX_N points, else TSNE_KNN_FFT */
	TSNE_KNN_EXACT,	/* sparse P (sklearn's barnes_hut P), exact O(N²) gradient */
	TSNE_KNN_FFT,	/* sparse P, FFT-interpolated repulsion (FIt-SNE) */
	TSNE_DENSE	/* sklearn's method="exact": dense P, exact gradient */
};

#define TSNE_EXACT_MAX_N	1000
#define TSNE_DENSE_MAX_N	5000

/*
 * Called every 50 iterations (when the KL divergence is computed, as
 * scikit-learn's n_iter_check) and after the last one, with the 1-based
 * iteration count and KL (of the exaggerated P during early
 * exaggeration, as scikit-learn reports it). A non-zero return stops the
 * run: tsne_run then fails with "cancelled".
 */
typedef int (*tsne_progress_fn)(void *arg, int iter, double kl);

/*
 * Options; tsne_opts_default fills scikit-learn ≥ 1.2's defaults.
 * learning_rate <= 0 means "auto" = max(N / early_exaggeration / 4, 50).
 * init_random: Gaussian start of std 1e-4 drawn from "seed" (kern/rng,
 * not numpy's stream); otherwise PCA, scaled so that the first
 * coordinate has std 1e-4 (both columns divided by the same factor).
 * workers: threads used (the caller counts as one); results are the
 * same bytes for any value.
 */
struct tsne_opts {
	double		 perplexity;		/* 30 */
	double		 early_exaggeration;	/* 12 */
	int		 exaggeration_iter;	/* 250, momentum 0.5 */
	int		 max_iter;		/* 1000 in all, momentum 0.8 after */
	double		 learning_rate;		/* <= 0: auto */
	int		 n_iter_without_progress; /* 300 */
	double		 min_grad_norm;		/* 1e-7 */
	enum tsne_metric metric;
	enum tsne_method method;
	int		 init_random;
	const double	*init_y;		/* n × 2 start; NULL: init_random or PCA */
	uint64_t	 seed;
	int		 workers;		/* 1 */
	double		 boxes_per_unit;	/* FFT grid: 0.7 (FIt-SNE: 1,
						 * with a coarser stencil); more
						 * is finer and slower (∝ its
						 * square) */
	tsne_progress_fn progress;		/* NULL: none */
	void		*progress_arg;
};

/* What a run did. */
struct tsne_info {
	double		 kl;		/* final KL divergence (sklearn's kl_divergence_) */
	int		 iters;		/* iterations run (sklearn's n_iter_ + 1) */
	double		 learning_rate;	/* the rate used ("auto" resolved) */
	int		 neighbours;	/* k of the sparse P (n − 1 for TSNE_DENSE) */
	enum tsne_method method;	/* the method used (AUTO resolved) */
	double		 secs_affinity;	/* time spent on P (wall clock, for reports) */
};

void	 tsne_opts_default(struct tsne_opts *o);

/*
 * Embeds the n rows of x (n × dims, row-major) in the plane: writes
 * y[n × 2] (caller-allocated, row-major) and fills *info (may be NULL).
 *
 * P: the k = min(n − 1, ⌊3·perplexity + 1⌋) nearest neighbours of each
 * row (exact, ties by lower index), σᵢ by scikit-learn's binary search on
 * β = 1/(2σᵢ²) (natural-log entropy, tolerance 1e-5, 100 steps), then
 * P = (P + Pᵀ) / ΣP. TSNE_DENSE uses every other row instead of the k
 * nearest and clips P at DBL_EPSILON as sklearn's method="exact".
 * Optimisation: scikit-learn's _gradient_descent (gains +0.2 / ×0.8,
 * min gain 0.01, update and gains reset between the two phases, stop
 * after n_iter_without_progress checks without a better KL or when the
 * gain-scaled gradient norm falls to min_grad_norm), in double precision
 * (sklearn iterates in float32). Gradient 4(Σⱼ pᵢⱼwᵢⱼ(yᵢ−yⱼ) − Σⱼ wᵢⱼ²(yᵢ−yⱼ)/Z)
 * with wᵢⱼ = 1/(1+‖yᵢ−yⱼ‖²), Z = Σ_{i≠j} wᵢⱼ; the repulsive sums are
 * exact (O(N²)) or, for TSNE_KNN_FFT, interpolated on an equispaced grid
 * (3 Lagrange nodes per box, boxes of width ≤ 1 and at least 50 per axis)
 * and convolved by FFT as in FIt-SNE (Linderman et al. 2019); on that
 * path the attractive sums are taken in single precision (as the
 * grid's) except at the KL checks, where they are double.
 *
 * The FFT path's grid: boxes of width 1/boxes_per_unit (1/0.7 by default;
 * 50 boxes across while the map is small), 3 equispaced nodes each, as
 * FIt-SNE's (whose boxes are 1 wide); each
 * point spreads its unit charge on (and reads its potentials from) the
 * 4 × 4 nodes around it by cubic Lagrange weights (FIt-SNE: the 3 × 3
 * nodes of its box, quadratic); Z from the spectrum by Parseval; the
 * forces from the kernels dx/(1+d²)², dy/(1+d²)² (FIt-SNE expands
 * (1+d²) and cancels large terms); each point's own interpolated self
 * term taken off exactly.
 *
 * Returns 0, or -1 with "d" filled: fewer than 4 rows, perplexity <= 0
 * or >= n, a non-finite value in x, identical rows (PCA start),
 * TSNE_DENSE above TSNE_DENSE_MAX_N rows, a diverged optimisation,
 * cancelled by the progress callback. Never writes a NaN into y.
 */
int	 tsne_run(const float *x, long n, int dims, const struct tsne_opts *o,
	    double *y, struct tsne_info *info, struct diag *d);

/*
 * Share of each point's k nearest neighbours in x (Euclidean) that are
 * also among its k nearest in the embedding y (n × 2 doubles): the
 * neighbourhood preservation reported beside a map. Returns a value in
 * [0, 1], or -1 with "d" filled (k outside 1..n−1).
 */
double	 tsne_knn_preservation(const float *x, long n, int dims,
	    const double *y, int k, int workers, struct diag *d);

#endif
