/*
 * kern/contrastive: softmax over similarity scores with a temperature and
 * the InfoNCE loss (van den Oord et al. 2018; SimCLR's NT-Xent per
 * query), computed with a stable log-sum-exp.
 * Reads caller arrays; writes caller-allocated outputs. Never allocates.
 */
#ifndef VECDOC_KERN_CONTRASTIVE_H
#define VECDOC_KERN_CONTRASTIVE_H

/* log Σ exp(x_i) over x[0..n), shifted by the maximum; −∞ when n == 0. */
double	 contrastive_logsumexp(const double *x, int n);

/*
 * p_i = exp(s_i/τ) / Σ_j exp(s_j/τ) for s[0..n), written to p[n]
 * (caller-allocated; may alias s). Stable for any score range; every p_i
 * is NaN unless tau > 0.
 */
void	 contrastive_softmax(const double *s, int n, double tau, double *p);

/*
 * InfoNCE loss of one query: −log softmax_τ(pos ∪ neg)[pos]
 * = log(exp(pos/τ) + Σ exp(neg_i/τ)) − pos/τ, with the scores usually
 * cosines. Returns the loss (≥ 0; NaN unless tau > 0); nneg may be 0
 * (loss 0).
 */
double	 contrastive_infonce(double pos, const double *neg, int nneg, double tau);

/*
 * Cosines of query q with the positive and with each negative (all
 * "dims" floats; negatives row-major nneg × dims): out[0] = cos(q, pos),
 * out[1 + i] = cos(q, neg_i). Zero vectors give NaN.
 */
void	 contrastive_scores(const float *q, const float *pos, const float *neg,
	    int nneg, int dims, double *out);

#endif
