/*
 * kern/posemb: numbers about position embeddings and about reading a
 * vector back through an embedding matrix — cosines between positions,
 * their mean by distance, logits, cosines and softmax over every row.
 * Reads caller matrices; writes caller-allocated outputs. Never does I/O.
 */
#ifndef VECDOC_KERN_POSEMB_H
#define VECDOC_KERN_POSEMB_H

/*
 * Cosines between the n rows of x (n × dims, row-major) written to
 * g[n × n] (symmetric, 1 on the diagonal for non-zero rows), in double
 * precision on rows normalised in double. A row of norm zero gives NaN
 * in its row and column. Scratch: unit[n × dims] doubles, caller's.
 */
void	 posemb_cosines(const float *x, long n, int dims, double *unit,
	    double *g);

/*
 * For each distance k = 0 .. n−1: mean[k], lo[k], hi[k] = the mean,
 * smallest and largest of g[i][i+k] over i = 0 .. n−1−k (NaN cells
 * skipped; NaN when none is left). Any of lo, hi may be NULL.
 */
void	 posemb_by_distance(const double *g, long n, double *mean, double *lo,
	    double *hi);

/*
 * Reading vector v (dims floats) through the rows of m (rows × dims):
 * logit[i] = m_i · v and cosine[i] = logit[i] / (‖m_i‖ ‖v‖), both in
 * double (cosine NaN for a zero row or v = 0). The tied output layer of
 * GPT-2 computes exactly these logits from the final hidden state.
 */
void	 posemb_read_out(const float *m, long rows, int dims, const double *v,
	    double *logit, double *cosine);

/*
 * Softmax of logit[0..n) at temperature t > 0 into p[0..n): exp((l_i −
 * max) / t) / Σ, summed in double (the max subtracted first so that no
 * exponential overflows). Returns the entropy of p in nats.
 */
double	 posemb_softmax(const double *logit, long n, double t, double *p);

/*
 * Indices of the k largest values of s[0..n) (NaN never chosen) into
 * top[0..k), largest first, ties to the lower index; returns how many
 * were found (fewer than k when s has fewer non-NaN values). Rows with
 * skip[i] != 0 (skip may be NULL) are passed over.
 */
long	 posemb_topk(const double *s, long n, long k, const unsigned char *skip,
	    long *top);

#endif
