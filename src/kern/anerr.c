/*
 * kern/anerr: analogy error ε = ‖b̂ − â + ĉ − d̂‖ on unit vectors, per
 * question, per section and averaged.
 * Reads rows through a knn_index; writes caller-allocated outputs.
 * Never allocates beyond small scratch; never prints.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kern/anerr.h"
#include "util/xalloc.h"

static double
norm2(const float *v, int n)
{
	double s = 0;
	int i;

	for (i = 0; i < n; i++)
		s += (double)v[i] * (double)v[i];
	return sqrt(s);
}

double
anerr_one(const float *a, const float *b, const float *c, const float *d,
    int dims)
{
	double na = norm2(a, dims), nb = norm2(b, dims), nc = norm2(c, dims),
	    nd = norm2(d, dims), s = 0;
	int i;

	if (na == 0 || nb == 0 || nc == 0 || nd == 0)
		return NAN;
	for (i = 0; i < dims; i++) {
		double t = b[i] / nb - a[i] / na + c[i] / nc - d[i] / nd;

		s += t * t;
	}
	return sqrt(s);
}

/* The chance level of anerr_summary: ū over the distinct, non-zero rows
 * of the questions' words. */
static void
chance(const struct knn_index *ix, const struct analogy_result *res,
    struct anerr_summary *out)
{
	unsigned char *seen = xcalloc((size_t)ix->rows + 1, 1);
	double *sum = xcalloc((size_t)ix->dims + 1, sizeof(*sum)), s2 = 0;
	size_t i;
	int j, k;

	for (i = 0; i < res->nitem; i++) {
		const struct analogy_item *it = &res->item[i];
		long r[4] = { it->a, it->b, it->c, it->expected };

		for (k = 0; k < 4; k++) {
			const float *v = ix->m + (size_t)r[k] * ix->dims;
			double nv;

			if (seen[r[k]])
				continue;
			seen[r[k]] = 1;
			if ((nv = norm2(v, ix->dims)) == 0)
				continue;
			for (j = 0; j < ix->dims; j++)
				sum[j] += v[j] / nv;
			out->nwords++;
		}
	}
	for (j = 0; j < ix->dims; j++)
		s2 += sum[j] * sum[j];
	if (out->nwords > 0) {
		out->mean_sq = s2 / ((double)out->nwords * (double)out->nwords);
		out->chance = 2 * sqrt(out->mean_sq < 1 ? 1 - out->mean_sq : 0);
	}
	free(seen);
	free(sum);
}

int
anerr_eval(const struct knn_index *ix, const struct analogy_result *res,
    double *eps, double *sec_mean, struct anerr_summary *out,
    struct diag *d)
{
	double sum = 0, sc = 0, si = 0, *ssum = NULL;
	long *scnt = NULL, used = 0;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (res->nitem == 0) {
		diag_fail(d, NULL, 0, 0, "analogy error: no question has all "
		    "four words in the vocabulary (%ld skipped as out of "
		    "vocabulary)", res->oov);
		return -1;
	}
	if (sec_mean) {
		ssum = xcalloc(res->nsec + 1, sizeof(*ssum));
		scnt = xcalloc(res->nsec + 1, sizeof(*scnt));
	}
	out->n = (long)res->nitem;
	for (i = 0; i < res->nitem; i++) {
		const struct analogy_item *it = &res->item[i];
		const float *m = ix->m;
		size_t dm = (size_t)ix->dims;
		double e = anerr_one(m + it->a * dm, m + it->b * dm,
		    m + it->c * dm, m + it->expected * dm, ix->dims);

		if (eps)
			eps[i] = e;
		if (isnan(e)) {
			out->nzero++;
			continue;
		}
		used++;
		sum += e;
		if (it->correct) {
			out->ncorrect++;
			sc += e;
		} else {
			out->nincorrect++;
			si += e;
		}
		if (sec_mean && it->section >= 0 && (size_t)it->section < res->nsec) {
			ssum[it->section] += e;
			scnt[it->section]++;
		}
	}
	out->mean = used ? sum / (double)used : NAN;
	out->mean_correct = out->ncorrect ? sc / (double)out->ncorrect : NAN;
	out->mean_incorrect = out->nincorrect ? si / (double)out->nincorrect :
	    NAN;
	out->accuracy = res->correct + res->incorrect > 0 ?
	    (double)res->correct / (double)(res->correct + res->incorrect) : 0;
	chance(ix, res, out);
	if (sec_mean) {
		for (i = 0; i < res->nsec; i++)
			sec_mean[i] = scnt[i] ? ssum[i] / (double)scnt[i] : NAN;
		free(ssum);
		free(scnt);
	}
	if (used == 0)
		return diag_fail(d, NULL, 0, 0, "analogy error: every evaluated "
		    "question involves a zero vector");
	return 0;
}
