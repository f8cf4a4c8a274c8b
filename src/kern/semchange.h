/*
 * kern/semchange: semantic change of a word between two embedding spaces
 * by the local-neighbourhood measure of Hamilton, Leskovec & Jurafsky,
 * EMNLP 2016 (design/KERNELS.md §f) — no alignment needed.
 * Reads two knn_index over row-aligned vocabularies; writes numbers.
 * Never does I/O.
 */
#ifndef VECDOC_KERN_SEMCHANGE_H
#define VECDOC_KERN_SEMCHANGE_H

#include "kern/knn.h"
#include "util/diag.h"

/*
 * Row w's change between spaces "a" and "b", whose row i is the same
 * word in both (the caller intersects vocabularies): N = the union of
 * w's k nearest rows by cosine in a and in b (w itself excluded; first
 * a's in rank order, then b's not already in), s_a(j) = cos(a_w, a_j),
 * s_b(j) = cos(b_w, b_j) for j ∈ N, and change = 1 − cos(s_a, s_b).
 * Writes *change; when nbr is not NULL it receives N (up to 2k row ids,
 * caller-allocated) and *nnbr its size. Returns 0, or -1 with "d"
 * filled (row counts or w out of range, k < 1).
 */
int	 semchange_local(const struct knn_index *a, const struct knn_index *b,
	    long w, int k, double *change, long *nbr, int *nnbr, struct diag *d);

#endif
