/*
 * corpus/spectrum: the singular-value spectrum of a dense square matrix
 * (a co-occurrence or PPMI block) and how flat it is: normalised
 * spectrum, top-k shares, spectral entropy and effective rank (Roy &
 * Vetterli 2007).
 * Reads a caller matrix (overwritten by LAPACK); produces owned arrays
 * in struct spectrum. Never does I/O.
 */
#ifndef VECDOC_CORPUS_SPECTRUM_H
#define VECDOC_CORPUS_SPECTRUM_H

#include "util/diag.h"

/*
 * All n singular values of the n × n row-major double matrix "a"
 * (destroyed), descending, into sv[n] (caller-allocated): values only,
 * in double, by LAPACKE_dgesdd (jobz 'N'; numpy.linalg.svd's driver);
 * when "symmetric" is set (plain PPMI and count blocks are), by
 * LAPACKE_dsyevd (jobz 'N') as the absolute eigenvalues — the same
 * numbers, about 4× faster (2000 × 2000 on one thread: 0.5 s against
 * 2.0 s). kern/linalg has only float SVD and eigenvectors, hence the
 * direct calls. Returns 0, or -1 with "d" filled (n < 1, LAPACK error).
 */
int	 spectrum_singular(double *a, int n, int symmetric, double *sv,
	    struct diag *d);

/*
 * A spectrum and its flatness. With p_i = σ_i / Σσ (the normalised
 * spectrum): entropy H = −Σ p_i log2 p_i bits, norm_entropy = H / log2 n
 * (1 = perfectly flat, 0 = rank one), erank = 2^H (the effective rank of
 * Roy & Vetterli). top_share = Σ_{i<k} σ_i / Σσ and top_energy =
 * Σ_{i<k} σ_i² / Σσ² (the share of ‖A‖_F² in the top k).
 */
struct spectrum {
	int	 n;
	double	*sv;		/* n singular values, descending (owned) */
	double	*norm;		/* n values p_i (owned) */
	int	 k;		/* the k of the top shares */
	double	 sum, sumsq;	/* Σσ, Σσ² (= ‖A‖_F²) */
	double	 top_share, top_energy;
	double	 entropy, norm_entropy, erank;
	int	 rank;		/* σ_i > n · eps · σ_1 (numpy's matrix_rank) */
};

/*
 * spectrum_singular of "a" (destroyed) and the flatness measures for
 * top-k shares (k clamped to 1..n) into *out (free with
 * spectrum_clear). Returns 0, or -1 with "d" filled: LAPACK failed, or
 * the matrix is all zeros (the normalised spectrum is undefined).
 */
int	 spectrum_compute(double *a, int n, int symmetric, int k,
	    struct spectrum *out, struct diag *d);
/* Frees out's arrays; accepts a zeroed or cleared struct. */
void	 spectrum_clear(struct spectrum *out);

#endif
