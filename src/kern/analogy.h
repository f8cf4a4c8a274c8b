/*
 * kern/analogy: word analogies by vector offset, 3CosAdd and 3CosMul,
 * with gensim 4.x semantics (KeyedVectors.most_similar and
 * most_similar_cosmul; see design/KERNELS.md §a).
 * Reads a knn_index; writes caller-allocated ids/scores. Never does I/O.
 */
#ifndef VECDOC_KERN_ANALOGY_H
#define VECDOC_KERN_ANALOGY_H

#include "kern/knn.h"
#include "util/diag.h"

/*
 * gensim's get_mean_vector(pre_normalize=True, post_normalize=True) for
 * weights +1 (pos) and −1 (neg): every input row divided by its float32
 * norm, summed in argument order (pos then neg) in float32, divided by
 * Σ|w| = npos + nneg, then scaled to unit length by analogy_unitvec. Writes ix->dims floats to "out". Row ids
 * must be valid (0 <= id < ix->rows).
 */
void	 analogy_mean(const struct knn_index *ix, const long *pos, int npos,
	    const long *neg, int nneg, float *out);

/*
 * gensim's get_mean_vector with explicit weights (most_similar's
 * (key, weight) pairs): Σ w_i · (row_i / norm_i) in float32, in order,
 * divided by Σ|w_i| (summed in double), then made unit by
 * analogy_unitvec. analogy_mean is this with +1 for pos, −1 for neg.
 */
void	 analogy_mean_weighted(const struct knn_index *ix, const long *ids,
	    const float *weights, int n, float *out);

/*
 * gensim's most_similar(positive/negative with weights, topn=k,
 * restrict_vocab): cosine of analogy_mean_weighted(in, weights) with
 * rows [0, restrict_rows) (0 = all), the input rows excluded; k best into
 * ids/scores as analogy_cosadd. Returns 0, or -1 with "d" filled.
 */
int	 analogy_similar(const struct knn_index *ix, const long *in,
	    const float *weights, int n, long restrict_rows, int k, long *ids,
	    float *scores, struct diag *d);

/*
 * gensim's matutils.unitvec of a float32 vector, in place: converted to
 * double, divided by BLAS dnrm2 through dscal, rounded back to float32
 * (scipy's blas_nrm2/blas_scal are the double routines). Zero vectors are
 * left alone.
 */
void	 analogy_unitvec(float *v, int n);

/*
 * 3CosAdd (Mikolov et al. 2013) as gensim's most_similar(positive=pos,
 * negative=neg, topn=k, restrict_vocab): cosine of analogy_mean with
 * rows [0, restrict_rows) (0 = all), input rows excluded, k best into
 * ids[k] / scores[k] (caller-allocated; unfilled: -1 / NaN); ties by
 * lower row id. For "a : b :: c : ?" pass pos = {b, c}, neg = {a}.
 * Returns 0, or -1 with "d" filled for bad ids or k < 1.
 */
int	 analogy_cosadd(const struct knn_index *ix, const long *pos, int npos,
	    const long *neg, int nneg, long restrict_rows, int k, long *ids,
	    float *scores, struct diag *d);

/*
 * 3CosMul (Levy & Goldberg 2014, eq. 4, cosines shifted to [0, 1] as in
 * their footnote 7) as gensim's most_similar_cosmul: for each row r,
 *   Π_pos (1 + cos(p, r))/2  /  (Π_neg (1 + cos(n, r))/2 + 1e-6)
 * in float32, products in argument order; input rows excluded; k best
 * into ids/scores as analogy_cosadd. gensim accepts restrict_vocab here
 * but ignores it: pass restrict_rows = 0 to match gensim.
 * Returns 0, or -1 with "d" filled.
 */
int	 analogy_cosmul(const struct knn_index *ix, const long *pos, int npos,
	    const long *neg, int nneg, long restrict_rows, int k, long *ids,
	    float *scores, struct diag *d);

/*
 * analogy_cosadd and analogy_cosmul for input vectors that need not be
 * rows (a word made of the mean of a token space's pieces): in holds n
 * vectors of dims floats with weights (+1 positive, −1 negative;
 * 3CosMul: pos then neg), norms computed as the index computes a row's,
 * and the rows ex[nex] (entries < 0 ignored) are never returned. With
 * rows as the vectors and ex the same rows, the results are those of
 * analogy_cosadd / analogy_cosmul bit for bit.
 */
int	 analogy_cosadd_vec(const struct knn_index *ix, const float *in,
	    const float *weights, int n, const long *ex, int nex,
	    long restrict_rows, int k, long *ids, float *scores,
	    struct diag *d);
int	 analogy_cosmul_vec(const struct knn_index *ix, const float *pos,
	    int npos, const float *neg, int nneg, const long *ex, int nex,
	    long restrict_rows, int k, long *ids, float *scores,
	    struct diag *d);

/*
 * 3CosMul for many "a : b :: c : ?" questions at once: abc[nq × 3] holds
 * rows a, b, c per question; each question's k best rows of
 * [0, restrict_rows) (0 = all) by analogy_cosmul's score, its own a, b, c
 * excluded, go to ids[nq × k] / scores[nq × k] (caller-allocated;
 * unfilled: -1 / NaN). Cosines come from SGEMM blocks times the cached
 * inverse norms (gensim divides; the two differ in the last float32
 * bit). One worker thread per online CPU scans a share of the rows
 * (results do not depend on their number; run OpenBLAS single-threaded).
 * Returns 0, or -1 with "d" filled for bad ids or k < 1.
 */
int	 analogy_cosmul_batch(const struct knn_index *ix, const long *abc,
	    long nq, long restrict_rows, int k, long *ids, float *scores,
	    struct diag *d);

#endif
