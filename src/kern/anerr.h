/*
 * kern/anerr: the analogy error of an embedding space — how far the
 * offset vector b − a + c lands from the expected answer d — per
 * question and averaged, beside the benchmark's accuracy
 * (kern/analogy_eval answers the questions).
 * Reads a knn_index and an analogy_result; writes caller outputs.
 * Never does I/O.
 */
#ifndef VECDOC_KERN_ANERR_H
#define VECDOC_KERN_ANERR_H

#include "kern/analogy_eval.h"
#include "kern/knn.h"
#include "util/diag.h"

/*
 * ε = ‖(b̂ − â + ĉ) − d̂‖ for the question "a : b :: c : d" in
 * questions-words.txt order (Athens Greece Baghdad Iraq: the answer is
 * b − a + c), every vector first scaled to unit length (in double), so
 * 0 <= ε <= 4 and spaces of different scale compare. (The lesson's
 * ‖(w_a − w_b + w_c) − w_d‖ is the same with its a, b named the other
 * way round.) Accumulated in double. Returns NaN when a vector is zero.
 */
double	 anerr_one(const float *a, const float *b, const float *c,
	    const float *d, int dims);

/* Mean analogy error and accuracy over the evaluated questions. */
struct anerr_summary {
	long	 n;		/* questions with all four words (res->nitem) */
	long	 nzero;		/* of them skipped for a zero vector */
	double	 mean;		/* mean ε over n − nzero questions */
	long	 ncorrect, nincorrect;
	double	 mean_correct;	/* mean ε of correctly answered ones; NaN
				   (and ncorrect 0) when there are none */
	double	 mean_incorrect;	/* likewise */
	double	 accuracy;	/* correct / (correct + incorrect), gensim's */
	/*
	 * Chance level: ε of four words drawn independently from the words
	 * of the evaluated questions (each distinct row once, zero rows
	 * left out) has E[ε²] = 4 − 4‖ū‖², ū their mean unit vector, so
	 * chance = 2 √(1 − ‖ū‖²) (an RMS). An anisotropic space (all vectors
	 * in a narrow cone) has a small chance ε: compare mean / chance
	 * across spaces, not mean alone.
	 */
	long	 nwords;	/* distinct rows in the questions */
	double	 mean_sq;	/* ‖ū‖²: mean cosine of independent draws */
	double	 chance;
};

/*
 * ε of every question of "res" (analogy_eval over the same index "ix"),
 * written to eps[res->nitem] when eps is not NULL, and to
 * sec_mean[res->nsec] the mean per section (NaN for a section without
 * evaluated questions) when sec_mean is not NULL; the summary to *out.
 * Returns 0, or -1 with "d" filled when no question was evaluated (every
 * question had a word out of vocabulary).
 */
int	 anerr_eval(const struct knn_index *ix, const struct analogy_result *res,
	    double *eps, double *sec_mean, struct anerr_summary *out,
	    struct diag *d);

#endif
