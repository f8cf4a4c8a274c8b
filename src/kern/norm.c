/*
 * kern/norm: row norms (double-accumulated and numpy-exact float32),
 * in-place normalisation, cosines of pairs of rows.
 * Never allocates, prints or keeps state.
 */
#include <math.h>
#include <stddef.h>

#include "kern/norm.h"

void
rows_l2norm(const float *m, long rows, int dims, float *out)
{
	long i;
	int j;

	for (i = 0; i < rows; i++) {
		const float *x = m + (size_t)i * dims;
		double s = 0.0;

		for (j = 0; j < dims; j++)
			s += (double)x[j] * x[j];
		out[i] = (float)sqrt(s);
	}
}

/*
 * numpy's pairwise_sum (numpy/core/src/umath/loops_utils.h.src) applied
 * to the float32 squares of x, with PW_BLOCKSIZE 128.
 */
static float
pairwise_sq(const float *x, long n)
{
	float r[8], res;
	long i;

	if (n < 8) {
		res = 0.f;
		for (i = 0; i < n; i++)
			res += x[i] * x[i];
		return res;
	}
	if (n <= 128) {
		for (i = 0; i < 8; i++)
			r[i] = x[i] * x[i];
		for (i = 8; i < n - (n % 8); i += 8) {
			r[0] += x[i + 0] * x[i + 0];
			r[1] += x[i + 1] * x[i + 1];
			r[2] += x[i + 2] * x[i + 2];
			r[3] += x[i + 3] * x[i + 3];
			r[4] += x[i + 4] * x[i + 4];
			r[5] += x[i + 5] * x[i + 5];
			r[6] += x[i + 6] * x[i + 6];
			r[7] += x[i + 7] * x[i + 7];
		}
		res = ((r[0] + r[1]) + (r[2] + r[3])) +
		    ((r[4] + r[5]) + (r[6] + r[7]));
		for (; i < n; i++)
			res += x[i] * x[i];
		return res;
	} else {
		long n2 = n / 2;

		n2 -= n2 % 8;
		return pairwise_sq(x, n2) + pairwise_sq(x + n2, n - n2);
	}
}

float
vec_norm_numpy(const float *x, long n)
{
	/*
	 * Keep every product and sum in float32: a contracted FMA or a
	 * double accumulator would round differently from numpy.
	 */
	volatile float s = pairwise_sq(x, n);

	return sqrtf(s);
}

void
rows_normalize(float *m, long rows, int dims)
{
	long i;
	int j;

	for (i = 0; i < rows; i++) {
		float *x = m + (size_t)i * dims;
		float nrm = vec_norm_numpy(x, dims);

		if (nrm > 0.f)
			for (j = 0; j < dims; j++)
				x[j] = x[j] / nrm;
	}
}

double
vec_cosine(const float *a, const float *b, int n)
{
	double ab = 0.0, aa = 0.0, bb = 0.0;
	int i;

	for (i = 0; i < n; i++) {
		ab += (double)a[i] * b[i];
		aa += (double)a[i] * a[i];
		bb += (double)b[i] * b[i];
	}
	if (aa == 0.0 || bb == 0.0)
		return NAN;
	return ab / (sqrt(aa) * sqrt(bb));
}

void
cosine_pairs(const float *m, long rows, int dims, float *out)
{
	long i;

	for (i = 0; i + 1 < rows; i++)
		out[i] = (float)vec_cosine(m + (size_t)i * dims,
		    m + (size_t)(i + 1) * dims, dims);
}
