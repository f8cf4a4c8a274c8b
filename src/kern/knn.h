/*
 * kern/knn: exact k-nearest neighbours of query vectors among the rows
 * of a float32 matrix, by cosine, dot product or Euclidean distance;
 * cosine scores as gensim's most_similar (design/KERNELS.md §a).
 * Reads the caller's matrix; writes caller-allocated id/score arrays.
 * Never materialises the whole queries × rows score matrix, never does I/O.
 */
#ifndef VECDOC_KERN_KNN_H
#define VECDOC_KERN_KNN_H

#include <stddef.h>

#include "util/diag.h"

enum knn_metric {
	KNN_COSINE,	/* score = cos(q, row), higher is nearer */
	KNN_DOT,	/* score = q · row, higher is nearer */
	KNN_EUCLIDEAN	/* score = ‖q − row‖, lower is nearer */
};

/*
 * A matrix and its cached row norms. "m" is borrowed (rows × dims,
 * row-major) and must outlive the index; the norm arrays are owned.
 * norm[i] is numpy's float32 np.linalg.norm of row i (what gensim keeps
 * in KeyedVectors.norms); inv_norm[i] = 1/norm[i] (NaN for a zero row,
 * so such rows never rank by cosine); sq_norm[i] = ‖row i‖² in float32.
 */
struct knn_index {
	const float	*m;
	long		 rows;
	int		 dims;
	float		*norm;
	float		*inv_norm;
	float		*sq_norm;
};

/* Fills "ix" for matrix "m" (borrowed); computes the norms. Free with knn_index_clear. */
void	 knn_index_init(struct knn_index *ix, const float *m, long rows, int dims);
/* Frees the norm arrays; accepts a zeroed or already cleared index. */
void	 knn_index_clear(struct knn_index *ix);

/*
 * Options of a search; zero-initialise for "cosine, all rows, nothing
 * excluded".
 * restrict_rows: search rows [0, restrict_rows) only (gensim's
 *   restrict_vocab); 0 or more than rows means all rows.
 * exclude/nexclude: row ids never returned for any query.
 * qexclude/qexclude_n: an nq × qexclude_n array of row ids never
 *   returned for the matching query (e.g. an analogy's question words);
 *   entries < 0 are ignored.
 * unit_queries: for KNN_COSINE, the queries are already unit length
 *   (skips normalising them; gensim's most_similar passes a unit mean).
 * threads: at most this many workers (0: as many as the process's
 *   thread budget lends, util/par.h), each multiplying and scanning
 *   whole tiles of 16384 rows at fixed positions, so that results are
 *   bit-identical for any number of workers. Each worker calls
 *   SGEMM itself, so OPENBLAS_NUM_THREADS=1 (vecdoc's setting for
 *   reproducible output) avoids oversubscribing the cores: measured
 *   0.39–0.46 s against 0.46–0.65 s with OpenBLAS threads as well.
 */
struct knn_opts {
	enum knn_metric	 metric;
	long		 restrict_rows;
	const long	*exclude;
	size_t		 nexclude;
	const long	*qexclude;
	int		 qexclude_n;
	int		 unit_queries;
	int		 threads;
};

/*
 * The k nearest rows of each of the "nq" queries (nq × ix->dims floats,
 * row-major). Writes ids[nq × k] and scores[nq × k] (caller-allocated),
 * nearest first; ties are broken by the lower row id, so results are
 * deterministic. Positions left when fewer than k rows qualify get id
 * -1 and score NaN. Cosine scores are q·row / (‖q‖ ‖row‖) in float32
 * (gensim's most_similar divides by its float32 norms the same way);
 * Euclidean scores are recomputed exactly for the k winners.
 * Works through blocks of queries × rows with SGEMM (a vectorised dot
 * loop for a lone query) and keeps a k-heap per query and thread; the heaps are merged
 * in the same total order. Returns 0, or -1 with "d" filled for bad
 * arguments.
 */
int	 knn_search(const struct knn_index *ix, const float *queries, long nq,
	    int k, const struct knn_opts *opt, long *ids, float *scores,
	    struct diag *d);

#endif
