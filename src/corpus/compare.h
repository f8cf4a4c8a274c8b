/*
 * corpus/compare: two word-frequency distributions P (corpus a) and Q
 * (corpus b) over one aligned vocabulary (struct corpus_union): KL
 * divergence both ways, Jensen–Shannon divergence, mutual information
 * between word and domain, and weighted log-odds with an informative
 * Dirichlet prior ("Fightin' Words", Monroe, Colaresi & Quinn 2008).
 * Reads caller count arrays; writes caller outputs. Never does I/O.
 * All information quantities are in bits (log base 2).
 */
#ifndef VECDOC_CORPUS_COMPARE_H
#define VECDOC_CORPUS_COMPARE_H

#include <stddef.h>

#include "util/diag.h"

/* Default additive smoothing of compare_kl: a hundredth of an occurrence
 * added to every word of the union vocabulary. KL is dominated by the
 * words one corpus lacks, so its value depends on this choice: always
 * report it with the number. */
#define COMPARE_KL_ALPHA 0.01
/* Default α0 of compare_logodds: the prior is the pooled distribution
 * worth this many pseudo-tokens. */
#define COMPARE_LOGODDS_ALPHA0 1000.0

/*
 * KL(P‖Q) = Σ_w P(w) log2(P(w) / Q(w)) over the n aligned words, both
 * distributions smoothed additively: P(w) = (p[w] + alpha) /
 * (Σp + alpha·n), the same for Q (scipy.stats.entropy(P, Q, base=2) of
 * the smoothed vectors). alpha = 0 is allowed when every word with
 * p[w] > 0 has q[w] > 0. Call again with p, q swapped for KL(Q‖P).
 * Writes *kl. Returns 0, or -1 with "d" filled: an empty side, alpha < 0,
 * or (alpha = 0) a word of P absent from Q — KL would be infinite.
 */
int	 compare_kl(const long *p, const long *q, size_t n, double alpha,
	    double *kl, struct diag *d);

/*
 * Jensen–Shannon divergence of the unsmoothed relative frequencies:
 * JS = ½ KL(P‖M) + ½ KL(Q‖M), M = (P + Q)/2, in bits, so 0 <= JS <= 1
 * (scipy.spatial.distance.jensenshannon(P, Q, base=2) is its square
 * root). Writes *js. Returns 0, or -1 with "d" filled for an empty side.
 */
int	 compare_js(const long *p, const long *q, size_t n, double *js,
	    struct diag *d);

/*
 * Mutual information I(W; D) between the word W and the domain
 * D ∈ {a, b} under the empirical joint distribution of all tokens of
 * both corpora: P(w, d) = count_d(w) / (N_a + N_b), so P(D = a) is a's
 * share of the tokens. I = Σ P(w,d) log2(P(w,d) / (P(w) P(d))), in bits,
 * 0 <= I <= H(D) <= 1. (With equal-size corpora I equals JS; in general
 * it is the JS divergence weighted by the corpus shares.) Writes *mi,
 * and H(D) to *hd when hd is not NULL. Returns 0, or -1 with "d" filled
 * for an empty side.
 */
int	 compare_mi(const long *p, const long *q, size_t n, double *mi,
	    double *hd, struct diag *d);

/*
 * Weighted log-odds ratio with an informative Dirichlet prior (Monroe et
 * al. 2008, §3.5.1, eq. 16–22): the prior is the pooled distribution,
 * a_w = alpha0 · (p[w] + q[w]) / (N_p + N_q); then
 *   δ_w = ln((p_w + a_w) / (N_p + alpha0 − p_w − a_w))
 *       − ln((q_w + a_w) / (N_q + alpha0 − q_w − a_w)),
 *   σ²_w ≈ 1/(p_w + a_w) + 1/(q_w + a_w),   z_w = δ_w / σ_w.
 * Positive z: characteristic of P (corpus a). Writes delta[n] and z[n]
 * (caller-allocated; delta may be NULL). Words absent from both get
 * z = 0 (they carry no evidence). Returns 0, or -1 with "d" filled for
 * alpha0 <= 0 or an empty side.
 */
int	 compare_logodds(const long *p, const long *q, size_t n, double alpha0,
	    double *delta, double *z, struct diag *d);

/*
 * The k words with the largest z (side > 0) or the smallest z (side < 0)
 * written to ids[k] (caller-allocated), best first, ties by the lower
 * index; only words with z > 0 (side > 0) or z < 0 (side < 0) qualify.
 * Returns how many were written (<= k).
 */
size_t	 compare_topk(const double *z, size_t n, size_t k, int side, long *ids);

#endif
