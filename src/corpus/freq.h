/*
 * corpus/freq: statistics of one word-frequency distribution — type and
 * token counts, hapax share, unigram entropy, Zipf's law fitted by least
 * squares on the rank–frequency curve and by the discrete power-law MLE
 * of Clauset, Shalizi & Newman (2009).
 * Reads caller count arrays; writes caller structs. Never does I/O.
 */
#ifndef VECDOC_CORPUS_FREQ_H
#define VECDOC_CORPUS_FREQ_H

#include <stddef.h>

#include "util/diag.h"

/* Summary of counts c[0..n) (any order; zero counts are ignored). */
struct freq_summary {
	long	 types;		/* words with a count > 0 */
	long	 tokens;	/* Σ counts */
	long	 hapax;		/* words seen once */
	double	 hapax_types;	/* hapax / types */
	double	 hapax_tokens;	/* hapax / tokens */
	double	 entropy;	/* H = −Σ p log2 p, bits, p = c / tokens */
	double	 max_entropy;	/* log2 types (a uniform distribution) */
	double	 norm_entropy;	/* entropy / max_entropy; 0 for one type */
	double	 perplexity;	/* 2^H */
};

/*
 * Fills *out for the counts c[0..n). Entropy is the plug-in (maximum-
 * likelihood) estimate, summed in double. One distinct word gives
 * entropy 0 and norm_entropy 0. Returns 0, or -1 with "d" filled when
 * there are no tokens (the counts in *out are still set, the rest 0)
 * or a count is negative.
 */
int	 freq_summary(const long *c, size_t n, struct freq_summary *out,
	    struct diag *d);

/*
 * Least-squares Zipf fit on the log–log rank–frequency curve:
 * log10 f(r) = intercept − alpha · log10 r over ranks r1..r2 (1-based,
 * one point per rank, the counts c[] in rank order, i.e. descending, as
 * struct corpus keeps them), as numpy.polyfit(log r, log f, 1).
 */
struct zipf_ls {
	long	 r1, r2;	/* the window actually used */
	long	 npoints;
	double	 alpha;		/* −slope */
	double	 intercept;	/* log10 of the fitted f(1) */
	double	 r2_fit;	/* coefficient of determination (Pearson r²) */
};

/*
 * Fits counts c[0..n) (descending, > 0) over ranks [r1, r2]; r2 = 0 or
 * r2 > n means up to rank n. Returns 0, or -1 with "d" filled when the
 * window holds fewer than 2 ranks (e.g. one distinct word: Zipf's law
 * is undefined), r1 < 1, or the counts are not descending and positive.
 */
int	 zipf_ls_fit(const long *c, size_t n, long r1, long r2,
	    struct zipf_ls *out, struct diag *d);

/*
 * Discrete power-law fit of the word frequencies (Clauset, Shalizi &
 * Newman 2009, §3 and appendix B): the counts x >= xmin are modelled as
 * P(x) = x^−alpha / ζ(alpha, xmin) (Hurwitz zeta), alpha maximising the
 * log-likelihood L = −n ln ζ(alpha, xmin) − alpha Σ ln x (Brent's method
 * on (1, 50], to 1e-10). Note that this alpha is the exponent of the
 * frequency distribution; the Zipf rank exponent it implies is
 * s = 1 / (alpha − 1) (Clauset et al. find alpha = 1.95 for Moby Dick).
 * With xmin = 0, xmin is chosen as they do: each distinct count leaving
 * at least "min_tail" words at or above it (and not all equal) is tried,
 * and the one minimising the Kolmogorov–Smirnov distance
 *   D = max over distinct tail values x of |S(x) − F(x)|,
 *   S(x) = #(tail <= x) / n,  F(x) = 1 − ζ(alpha, x + 1) / ζ(alpha, xmin)
 * wins (the smaller xmin on ties); plfit and the powerlaw package
 * compare at the data values the same way.
 */
struct zipf_mle {
	double	 alpha;		/* frequency exponent */
	double	 sigma;		/* standard error (alpha − 1) / sqrt(n) */
	double	 s;		/* implied rank exponent 1 / (alpha − 1) */
	long	 xmin;		/* used (given or chosen) */
	long	 ntail;		/* words with count >= xmin */
	double	 ks;		/* D at the fit */
	double	 loglik;	/* L at the fit (natural log) */
	long	 ncandidates;	/* xmin values tried (1 when given) */
};

/*
 * Fits counts c[0..n) (any order; zeros ignored) with the given xmin
 * (> 0), or choosing it (xmin = 0; min_tail <= 0 means 50). Returns 0,
 * or -1 with "d" filled when the MLE does not exist: fewer than 2 counts
 * >= xmin, or all of them equal xmin (the likelihood grows without bound
 * as alpha → ∞), or no xmin candidate qualifies.
 */
int	 zipf_mle_fit(const long *c, size_t n, long xmin, long min_tail,
	    struct zipf_mle *out, struct diag *d);

/*
 * Ranks for a log–log rank–frequency chart: up to maxpts distinct ranks
 * in 1..n spaced evenly in log r (round(n^(k/(maxpts−1))), duplicates
 * removed, 1 and n always included), ascending, into ranks[maxpts]
 * (caller-allocated). Returns how many were written (0 when n or maxpts
 * is 0; 1 when n = 1 or maxpts = 1).
 */
size_t	 freq_logranks(size_t n, size_t maxpts, long *ranks);

/*
 * Hurwitz zeta ζ(s, q) = Σ_{k>=0} (k + q)^−s for s > 1, q > 0, by
 * Euler–Maclaurin summation (direct terms until k + q >= 10, then the
 * integral, half-term and 12 Bernoulli corrections), relative error
 * ~1e-15 — scipy.special.zeta(s, q) agrees to that. NaN outside the
 * domain.
 */
double	 freq_hurwitz_zeta(double s, double q);

#endif
