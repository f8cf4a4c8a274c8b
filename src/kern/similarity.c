/*
 * kern/similarity: n_similarity, doesnt_match and rank with gensim's
 * float32 arithmetic. Reads a knn_index; frees its own scratch.
 * Never does I/O or keeps state.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cblas.h>

#include "kern/analogy.h"
#include "kern/similarity.h"
#include "util/xalloc.h"

#define RANK_BLOCK 8192

/* get_mean_vector(keys, pre_normalize=False): float32 sum / count. */
static void
raw_mean(const struct knn_index *ix, const long *ids, int n, float *out)
{
	const int dims = ix->dims;
	int i, j;

	memset(out, 0, (size_t)dims * sizeof(float));
	for (i = 0; i < n; i++)
		for (j = 0; j < dims; j++)
			out[j] = out[j] + ix->m[(size_t)ids[i] * dims + j];
	for (j = 0; j < dims; j++)
		out[j] = out[j] / (float)n;
}

float
similarity_sets(const struct knn_index *ix, const long *a, int na,
    const long *b, int nb)
{
	const int dims = ix->dims;
	float *u, s;

	if (na < 1 || nb < 1)
		return NAN;
	u = xmalloc(2 * (size_t)dims * sizeof(float));
	raw_mean(ix, a, na, u);
	raw_mean(ix, b, nb, u + dims);
	analogy_unitvec(u, dims);
	analogy_unitvec(u + dims, dims);
	s = cblas_sdot(dims, u, 1, u + dims, 1);
	free(u);
	return s;
}

int
similarity_odd_one_out(const struct knn_index *ix, const long *ids, int n,
    const char *const *words, float *scores)
{
	const int dims = ix->dims;
	float *v, *mean, *dots;
	int i, j, best = 0;

	if (n < 1)
		return -1;
	v = xmalloc((size_t)n * dims * sizeof(float));
	mean = xcalloc((size_t)dims, sizeof(float));
	dots = xmalloc((size_t)n * sizeof(float));
	/* vectors = get_vector(w, norm=True); mean of them, unit */
	for (i = 0; i < n; i++)
		for (j = 0; j < dims; j++)
			v[(size_t)i * dims + j] = ix->m[(size_t)ids[i] * dims + j] /
			    ix->norm[ids[i]];
	for (i = 0; i < n; i++)
		for (j = 0; j < dims; j++)
			mean[j] = mean[j] + v[(size_t)i * dims + j];
	for (j = 0; j < dims; j++)
		mean[j] = mean[j] / (float)n;
	analogy_unitvec(mean, dims);
	cblas_sgemv(CblasRowMajor, CblasNoTrans, n, dims, 1.f, v, dims, mean, 1,
	    0.f, dots, 1);
	for (i = 1; i < n; i++)
		if (dots[i] < dots[best] || (dots[i] == dots[best] &&
		    words != NULL && strcmp(words[i], words[best]) < 0))
			best = i;
	if (scores != NULL)
		memcpy(scores, dots, (size_t)n * sizeof(float));
	free(v);
	free(mean);
	free(dots);
	return best;
}

long
similarity_rank(const struct knn_index *ix, long a, long b)
{
	const int dims = ix->dims;
	const float *va = ix->m + (size_t)a * dims;
	float *c = xmalloc((size_t)RANK_BLOCK * sizeof(float));
	float na = ix->norm[a], db;
	long r0, closer = 0;

	/*
	 * b's own distance comes from the same SGEMV block arithmetic as
	 * every other row's, as gensim reads it from one distances() array.
	 */
	r0 = b - b % RANK_BLOCK;
	{
		int n = (int)(ix->rows - r0 < RANK_BLOCK ? ix->rows - r0 : RANK_BLOCK);

		cblas_sgemv(CblasRowMajor, CblasNoTrans, n, dims, 1.f,
		    ix->m + (size_t)r0 * dims, dims, va, 1, 0.f, c, 1);
		db = 1.f - c[b - r0] / (na * ix->norm[b]);
	}
	for (r0 = 0; r0 < ix->rows; r0 += RANK_BLOCK) {
		int n = (int)(ix->rows - r0 < RANK_BLOCK ? ix->rows - r0 : RANK_BLOCK), j;

		cblas_sgemv(CblasRowMajor, CblasNoTrans, n, dims, 1.f,
		    ix->m + (size_t)r0 * dims, dims, va, 1, 0.f, c, 1);
		for (j = 0; j < n; j++) {
			float dist = 1.f - c[j] / (na * ix->norm[r0 + j]);

			if (r0 + j != a && dist < db)
				closer++;
		}
	}
	free(c);
	return closer + 1;
}
