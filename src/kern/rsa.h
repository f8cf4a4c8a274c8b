/*
 * kern/rsa: representational similarity analysis (Kriegeskorte et al.
 * 2008): dissimilarity matrices of two representations of the same items
 * and their rank correlation, with a seeded permutation test; statistics
 * as rsatoolbox (design/KERNELS.md §f).
 * Reads caller matrices; writes caller-allocated outputs. Never does I/O.
 */
#ifndef VECDOC_KERN_RSA_H
#define VECDOC_KERN_RSA_H

#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"

/* Entries of an n-item RDM vector: the upper triangle without diagonal. */
#define RSA_NPAIRS(n) ((size_t)(n) * ((size_t)(n) - 1) / 2)

/*
 * The RDM vector of the n×dims rows of x: cosine distances 1 − cos(x_i,
 * x_j) for i < j in row-major order (i = 0: j = 1..n−1, then i = 1, ...),
 * RSA_NPAIRS(n) doubles into out (caller-allocated). A zero row gives NaN.
 */
void	 rsa_rdm(const float *x, long n, int dims, double *out);

enum rsa_method {
	RSA_SPEARMAN,	/* Pearson of average ranks */
	RSA_PEARSON,
	RSA_RHO_A,	/* 12 Σ r̃a r̃b / (m³ − m), r̃ centred average ranks */
	RSA_TAU_A	/* (concordant − discordant) / (m(m−1)/2), ties neither */
};

/*
 * Compares two RDM vectors of m entries by "method"; positions where
 * either is NaN are dropped from both first. Returns the statistic, NaN
 * when fewer than 2 positions remain. Allocates scratch it frees.
 */
double	 rsa_compare(const double *a, const double *b, size_t m,
	    enum rsa_method method);

/*
 * Permutation test of the RDM vectors a, b of n items: the items of b are
 * relabelled by "nperm" Fisher–Yates shuffles from rng_seed(seed) (rows
 * and columns together), and p = (1 + #{stat_perm >= stat}) / (1 + nperm),
 * one-sided. Writes the observed statistic to *stat and p to *p. Returns
 * 0, or -1 with "d" filled (n < 3, nperm < 1).
 */
int	 rsa_permutation_test(const double *a, const double *b, long n,
	    enum rsa_method method, long nperm, uint64_t seed, double *stat,
	    double *p, struct diag *d);
/* The same, stopping (-1, "d" says so) once *cancel (may be NULL)
 * becomes non-zero; polled before each permutation. */
int	 rsa_permutation_test_cancel(const double *a, const double *b, long n,
	    enum rsa_method method, long nperm, uint64_t seed,
	    const volatile int *cancel, double *stat, double *p,
	    struct diag *d);

#endif
