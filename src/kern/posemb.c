/*
 * kern/posemb: cosines between positions and their mean by distance;
 * logits, cosines, softmax and top-k of a vector read through a matrix.
 * Pure numerics in double precision, in a fixed order (no threads), so
 * results are the same bytes on every run. Never allocates or prints.
 */
#include <math.h>
#include <stddef.h>

#include "kern/posemb.h"

/* Dot product of two double vectors with four running sums (a fixed
 * order, so the result never depends on anything but the inputs). */
static double
ddot4(const double *a, const double *b, int n)
{
	double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
	int j = 0;

	for (; j + 4 <= n; j += 4) {
		s0 += a[j] * b[j];
		s1 += a[j + 1] * b[j + 1];
		s2 += a[j + 2] * b[j + 2];
		s3 += a[j + 3] * b[j + 3];
	}
	for (; j < n; j++)
		s0 += a[j] * b[j];
	return (s0 + s1) + (s2 + s3);
}

void
posemb_cosines(const float *x, long n, int dims, double *unit, double *g)
{
	long i, j;
	int c;

	for (i = 0; i < n; i++) {
		const float *r = x + (size_t)i * (size_t)dims;
		double *u = unit + (size_t)i * (size_t)dims, s = 0;

		for (c = 0; c < dims; c++)
			s += (double)r[c] * r[c];
		s = sqrt(s);
		for (c = 0; c < dims; c++)
			u[c] = s > 0 ? r[c] / s : NAN;
	}
	for (i = 0; i < n; i++) {
		const double *a = unit + (size_t)i * (size_t)dims;

		for (j = i; j < n; j++) {
			double v = ddot4(a, unit + (size_t)j * (size_t)dims,
			    dims);

			g[(size_t)i * (size_t)n + (size_t)j] = v;
			g[(size_t)j * (size_t)n + (size_t)i] = v;
		}
	}
}

void
posemb_by_distance(const double *g, long n, double *mean, double *lo,
    double *hi)
{
	long i, k;

	for (k = 0; k < n; k++) {
		double s = 0, mn = INFINITY, mx = -INFINITY;
		long cnt = 0;

		for (i = 0; i + k < n; i++) {
			double v = g[(size_t)i * (size_t)n + (size_t)(i + k)];

			if (isnan(v))
				continue;
			s += v;
			cnt++;
			if (v < mn)
				mn = v;
			if (v > mx)
				mx = v;
		}
		mean[k] = cnt > 0 ? s / (double)cnt : NAN;
		if (lo)
			lo[k] = cnt > 0 ? mn : NAN;
		if (hi)
			hi[k] = cnt > 0 ? mx : NAN;
	}
}

void
posemb_read_out(const float *m, long rows, int dims, const double *v,
    double *logit, double *cosine)
{
	double vn = 0;
	long i;
	int c;

	for (c = 0; c < dims; c++)
		vn += v[c] * v[c];
	vn = sqrt(vn);
	for (i = 0; i < rows; i++) {
		const float *r = m + (size_t)i * (size_t)dims;
		double dot = 0, rn = 0;

		for (c = 0; c < dims; c++) {
			dot += (double)r[c] * v[c];
			rn += (double)r[c] * r[c];
		}
		logit[i] = dot;
		rn = sqrt(rn);
		cosine[i] = rn > 0 && vn > 0 ? dot / (rn * vn) : NAN;
	}
}

double
posemb_softmax(const double *logit, long n, double t, double *p)
{
	double mx = -INFINITY, z = 0, h = 0;
	long i;

	for (i = 0; i < n; i++)
		if (logit[i] > mx)
			mx = logit[i];
	for (i = 0; i < n; i++) {
		p[i] = exp((logit[i] - mx) / t);
		z += p[i];
	}
	for (i = 0; i < n; i++) {
		p[i] /= z;
		if (p[i] > 0)
			h -= p[i] * log(p[i]);
	}
	return h;
}

long
posemb_topk(const double *s, long n, long k, const unsigned char *skip,
    long *top)
{
	long i, m = 0, j;

	if (k <= 0)
		return 0;
	/* Insertion into a sorted list of at most k: k is small (≤ 100). */
	for (i = 0; i < n; i++) {
		if (isnan(s[i]) || (skip && skip[i]))
			continue;
		if (m == k && !(s[i] > s[top[m - 1]]))
			continue;
		j = m < k ? m++ : m - 1;
		while (j > 0 && s[i] > s[top[j - 1]]) {
			top[j] = top[j - 1];
			j--;
		}
		top[j] = i;
	}
	return m;
}
