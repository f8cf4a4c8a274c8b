/*
 * kern/dbscan: density-based clustering (Ester et al. 1996) of the rows
 * of a float32 matrix under cosine distance, with scikit-learn's
 * DBSCAN(metric="cosine") or default Euclidean semantics (design/KERNELS.md §f).
 * Reads a caller matrix; writes caller-allocated labels. Never does I/O.
 */
#ifndef VECDOC_KERN_DBSCAN_H
#define VECDOC_KERN_DBSCAN_H

#include "util/diag.h"

enum dbscan_metric {
	DBSCAN_COSINE,		/* 1 − cos, sklearn's metric="cosine" */
	DBSCAN_EUCLIDEAN	/* sklearn's default */
};

/*
 * Clusters the n×dims rows of x. Distance = 1 − cos in float32 (rows
 * scaled to unit length first; a zero row is at distance 1 from
 * everything, 0 from itself), clipped to [0, 2]. j is a neighbour of i
 * iff distance <= eps, i itself included; i is a core point iff it has
 * >= min_samples neighbours. Clusters grow by depth-first search from the
 * core points in index order; a border point takes the first cluster
 * that reaches it. Writes labels[n] (caller-allocated): 0, 1, ... in
 * order of discovery, −1 for noise. Neighbour lists are kept in memory
 * (as scikit-learn does): memory grows with the number of close pairs.
 * Returns the number of clusters, or -1 with "d" filled (eps <= 0,
 * min_samples < 1).
 */
long	 dbscan_cosine(const float *x, long n, int dims, double eps,
	    int min_samples, long *labels, struct diag *d);

/*
 * As dbscan_cosine under Euclidean distance (sklearn's default metric):
 * distances from SGEMM, pairs near eps measured again in double; for
 * raw vectors or projected coordinates (t-SNE, PCA) alike.
 */
long	 dbscan_euclidean(const float *x, long n, int dims, double eps,
	    int min_samples, long *labels, struct diag *d);

/*
 * Either metric with "workers" threads (each takes whole blocks of 1024
 * rows; the blocks' neighbour lists are joined in order, so the labels
 * are the same for any worker count). dbscan_cosine and
 * dbscan_euclidean are this with one worker.
 */
long	 dbscan(const float *x, long n, int dims, enum dbscan_metric metric,
	    double eps, int min_samples, int workers, long *labels,
	    struct diag *d);

/*
 * Adjusted Rand index (Hubert & Arabie 1985) between two labellings of
 * n items (any long values; −1, DBSCAN's noise, is one label like any
 * other), as sklearn.metrics.adjusted_rand_score: 1 for identical
 * partitions, about 0 for chance; 1 when both are one cluster or both
 * all singletons. n < 2 gives 1.
 */
double	 dbscan_adjusted_rand(const long *a, const long *b, long n);

#endif
