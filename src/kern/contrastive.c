/*
 * kern/contrastive: temperature softmax, log-sum-exp and InfoNCE.
 * Reads caller arrays; writes caller outputs.
 * Never allocates, prints or keeps state.
 */
#include <math.h>
#include <stddef.h>

#include "kern/contrastive.h"
#include "kern/norm.h"

double
contrastive_logsumexp(const double *x, int n)
{
	double m = -INFINITY, s = 0.0;
	int i;

	for (i = 0; i < n; i++)
		if (x[i] > m)
			m = x[i];
	if (n == 0 || isinf(m))
		return m;
	for (i = 0; i < n; i++)
		s += exp(x[i] - m);
	return m + log(s);
}

void
contrastive_softmax(const double *s, int n, double tau, double *p)
{
	double m = -INFINITY, z = 0.0;
	int i;

	if (!(tau > 0.0)) {
		for (i = 0; i < n; i++)
			p[i] = NAN;
		return;
	}
	for (i = 0; i < n; i++)
		if (s[i] / tau > m)
			m = s[i] / tau;
	for (i = 0; i < n; i++) {
		p[i] = exp(s[i] / tau - m);
		z += p[i];
	}
	for (i = 0; i < n; i++)
		p[i] /= z;
}

double
contrastive_infonce(double pos, const double *neg, int nneg, double tau)
{
	double m = pos / tau, s;
	int i;

	if (!(tau > 0.0))
		return NAN;
	for (i = 0; i < nneg; i++)
		if (neg[i] / tau > m)
			m = neg[i] / tau;
	s = exp(pos / tau - m);
	for (i = 0; i < nneg; i++)
		s += exp(neg[i] / tau - m);
	return m + log(s) - pos / tau;
}

void
contrastive_scores(const float *q, const float *pos, const float *neg,
    int nneg, int dims, double *out)
{
	int i;

	out[0] = vec_cosine(q, pos, dims);
	for (i = 0; i < nneg; i++)
		out[1 + i] = vec_cosine(q, neg + (size_t)i * dims, dims);
}
