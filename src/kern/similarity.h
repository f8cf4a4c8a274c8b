/*
 * kern/similarity: gensim 4.x KeyedVectors helpers over row ids —
 * n_similarity, doesnt_match, rank (design/KERNELS.md §a).
 * Reads a knn_index; returns numbers. Never does I/O.
 */
#ifndef VECDOC_KERN_SIMILARITY_H
#define VECDOC_KERN_SIMILARITY_H

#include "kern/knn.h"

/*
 * gensim n_similarity(ws1, ws2): cosine of the means of the RAW rows a[]
 * and b[] (not normalised first), each mean made unit by analogy_unitvec,
 * then sdot; float32. The caller drops OOV words first, as gensim does
 * silently. Returns NaN when either set is empty (gensim raises).
 */
float	 similarity_sets(const struct knn_index *ix, const long *a, int na,
	    const long *b, int nb);

/*
 * gensim doesnt_match(words): the unit rows' mean, made unit; the row
 * with the lowest dot with it is the odd one out. Returns its position in
 * ids[0..n) (-1 when n < 1). Ties go to the lexicographically smallest
 * word when "words" (words[i] names ids[i]) is given, as Python's sort of
 * (score, word) pairs does; to the first position otherwise. scores[n]
 * (may be NULL) receives each row's dot with the mean.
 */
int	 similarity_odd_one_out(const struct knn_index *ix, const long *ids,
	    int n, const char *const *words, float *scores);

/*
 * gensim rank(a, b): 1 + the number of rows r ≠ a whose cosine distance
 * to a, 1 − a·r / (‖a‖ ‖r‖) in float32, is strictly below b's.
 * Rows a and b must be valid. Returns the rank (1 = b is a's nearest).
 */
long	 similarity_rank(const struct knn_index *ix, long a, long b);

#endif
