/*
 * kern/axis: semantic axes from two sets of pole words (man, he, his …
 * vs woman, she, her …): the difference of the pole means (SemAxis, An
 * et al. 2018) or the first principal direction of the pair differences
 * (Bolukbasi et al. 2016); projections of words on an axis; and a
 * leave-one-pair-out check of how far the axis can be trusted.
 * Reads a caller matrix and row ids; writes caller-allocated outputs.
 * Never does I/O.
 */
#ifndef VECDOC_KERN_AXIS_H
#define VECDOC_KERN_AXIS_H

#include "util/diag.h"

enum axis_kind {
	AXIS_MEAN_DIFF,	/* mean(pos) − mean(neg) */
	AXIS_PAIR_PCA	/* first principal direction of pos[i] − neg[i] */
};

/*
 * The axis through the poles: rows pos[0..npos) and neg[0..nneg) of the
 * n × dims matrix x, each scaled to unit length first (so that frequent
 * words with long vectors do not dominate). AXIS_PAIR_PCA pairs pos[i]
 * with neg[i] (npos == nneg): the top right singular vector of the
 * difference rows (uncentred; sign chosen to agree with the mean
 * difference). Writes the unit axis[dims] (caller-allocated) and its
 * length before scaling in *len (may be NULL; for AXIS_PAIR_PCA the
 * mean difference's length). Returns 0, or -1 with "d" filled: an empty
 * pole set, a row id out of range, a word in both sets, unequal sets for
 * AXIS_PAIR_PCA, a zero-length axis (the poles' means coincide).
 */
int	 axis_build(const float *x, long n, int dims, const long *pos, int npos,
	    const long *neg, int nneg, enum axis_kind kind, double *axis,
	    double *len, struct diag *d);

/*
 * Projection of rows ids[0..nids) of x on a unit axis: out[i] = cosine
 * of the row with the axis (a zero row projects to 0). Positive values
 * lean to the "pos" pole.
 */
void	 axis_project(const float *x, int dims, const double *axis,
	    const long *ids, long nids, double *out);

/*
 * Held-out check: for each pole pair i (pos[i], neg[i]; i < min(npos,
 * nneg)) the axis is rebuilt without that pair and the pair projected.
 * *pair_acc = share of pairs with proj(pos[i]) > proj(neg[i]);
 * *side_acc = share of the held-out words that fall on their own side of
 * the midpoint between the remaining poles' mean projections.
 * Needs at least 2 pairs. Returns 0, or -1 with "d" filled.
 */
int	 axis_holdout(const float *x, long n, int dims, const long *pos,
	    int npos, const long *neg, int nneg, enum axis_kind kind,
	    double *pair_acc, double *side_acc, struct diag *d);

#endif
