/*
 * corpus/xspace: shared vocabulary, linear maps and analogy error across
 * embedding spaces, glued from store/space and the kern/ kernels.
 * Reads loaded spaces and question text; produces owned results.
 * Never opens files, never prints.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus/xspace.h"
#include "kern/knn.h"
#include "kern/norm.h"
#include "kern/okvocab.h"
#include "kern/rng.h"
#include "util/xalloc.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int
xspace_shared(const struct space *a, const struct space *b, int ci,
    struct xspace_pairs *out, struct diag *d)
{
	long na = space_rows(a), nb = space_rows(b), i;
	unsigned char *used;

	memset(out, 0, sizeof(*out));
	out->ida = xcalloc((size_t)na + 1, sizeof(*out->ida));
	out->idb = xcalloc((size_t)na + 1, sizeof(*out->idb));
	used = xcalloc((size_t)nb + 1, 1);
	for (i = 0; i < na; i++) {
		size_t len;
		const char *w = space_word(a, i, &len);
		long j = ci ? space_find_ci(b, w, len) : space_find(b, w, len);

		if (j < 0 || used[j])
			continue;
		used[j] = 1;
		out->ida[out->n] = i;
		out->idb[out->n] = j;
		out->n++;
	}
	free(used);
	if (out->n == 0) {
		xspace_pairs_clear(out);
		diag_fail(d, NULL, 0, 0, "the two spaces share no word%s",
		    ci ? "" : " (compared exactly; try case-insensitive)");
		return -1;
	}
	return 0;
}

void
xspace_pairs_clear(struct xspace_pairs *p)
{
	free(p->ida);
	free(p->idb);
	memset(p, 0, sizeof(*p));
}

void
xspace_linmap_defaults(struct xspace_linmap_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->lambda = 1.0;
	o->test_frac = 0.2;
	o->seed = 1;
	o->candidates = XSPACE_CAND_ALL;
}

static int
cmp_long(const void *pa, const void *pb)
{
	long a = *(const long *)pa, b = *(const long *)pb;

	return a < b ? -1 : a > b;
}

/* Copies rows ids[idx[0..n)] of space s (dims floats each) into out. */
static void
gather(const struct space *s, const long *ids, const long *idx, long n,
    float *out)
{
	int dims = space_dims(s);
	long i;

	for (i = 0; i < n; i++)
		memcpy(out + (size_t)i * dims, space_row(s, ids[idx[i]]),
		    (size_t)dims * sizeof(float));
}

int
xspace_linmap(const struct space *a, const struct space *b,
    const struct xspace_linmap_opts *o, struct xspace_linmap_result *r,
    struct diag *d)
{
	struct rng rng;
	struct knn_index ix;
	float *xtr = NULL, *ytr = NULL, *xte = NULL, *yte = NULL, *xw = NULL,
	    *cand = NULL;
	long *perm = NULL, *gold = NULL, n, i;
	double *rtr = NULL, t0;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	memset(&ix, 0, sizeof(ix));
	if (xspace_shared(a, b, o->ci, &r->pairs, d) < 0)
		return -1;
	if (o->max_pairs > 0 && r->pairs.n > o->max_pairs)
		r->pairs.n = o->max_pairs;
	n = r->pairs.n;
	if (n < 3) {
		diag_fail(d, NULL, 0, 0, "linear map: the spaces share only %ld "
		    "word%s; a train/test split needs at least 3", n,
		    n == 1 ? "" : "s");
		goto out;
	}
	if (!(o->test_frac > 0 && o->test_frac < 1)) {
		diag_fail(d, NULL, 0, 0, "linear map: test fraction %g is not "
		    "between 0 and 1", o->test_frac);
		goto out;
	}
	r->d1 = space_dims(a);
	r->d2 = space_dims(b);
	perm = xcalloc((size_t)n, sizeof(*perm));
	for (i = 0; i < n; i++)
		perm[i] = i;
	rng_seed(&rng, o->seed);
	rng_shuffle(&rng, perm, n);
	r->ntest = lround(o->test_frac * (double)n);
	if (r->ntest < 1)
		r->ntest = 1;
	if (r->ntest > n - 2)
		r->ntest = n - 2;
	r->ntrain = n - r->ntest;
	r->test = xcalloc((size_t)r->ntest, sizeof(*r->test));
	r->train = xcalloc((size_t)r->ntrain, sizeof(*r->train));
	memcpy(r->test, perm, (size_t)r->ntest * sizeof(*perm));
	memcpy(r->train, perm + r->ntest, (size_t)r->ntrain * sizeof(*perm));
	qsort(r->test, (size_t)r->ntest, sizeof(*r->test), cmp_long);
	qsort(r->train, (size_t)r->ntrain, sizeof(*r->train), cmp_long);

	xtr = xcalloc((size_t)r->ntrain * r->d1, sizeof(float));
	ytr = xcalloc((size_t)r->ntrain * r->d2, sizeof(float));
	xte = xcalloc((size_t)r->ntest * r->d1, sizeof(float));
	yte = xcalloc((size_t)r->ntest * r->d2, sizeof(float));
	gather(a, r->pairs.ida, r->train, r->ntrain, xtr);
	gather(b, r->pairs.idb, r->train, r->ntrain, ytr);
	gather(a, r->pairs.ida, r->test, r->ntest, xte);
	gather(b, r->pairs.idb, r->test, r->ntest, yte);
	if (o->normalize) {
		rows_normalize(xtr, r->ntrain, r->d1);
		rows_normalize(ytr, r->ntrain, r->d2);
		rows_normalize(xte, r->ntest, r->d1);
		rows_normalize(yte, r->ntest, r->d2);
	}
	t0 = now();
	r->w = xcalloc((size_t)r->d1 * r->d2, sizeof(*r->w));
	if (linmap_fit(xtr, ytr, r->ntrain, r->d1, r->d2, o->lambda, r->w,
	    d) < 0)
		goto out;
	r->t_fit = now() - t0;

	t0 = now();
	/* residuals, train then test (xw reused) */
	xw = xcalloc((size_t)(r->ntrain > r->ntest ? r->ntrain : r->ntest) *
	    r->d2, sizeof(float));
	rtr = xcalloc((size_t)r->ntrain, sizeof(*rtr));
	linmap_apply(xtr, r->ntrain, r->d1, r->d2, r->w, xw);
	linmap_residuals(xw, ytr, r->ntrain, r->d2, rtr);
	for (i = 0; i < r->ntrain; i++)
		r->mean_resid_train += rtr[i];
	r->mean_resid_train /= (double)r->ntrain;
	r->resid = xcalloc((size_t)r->ntest, sizeof(*r->resid));
	linmap_apply(xte, r->ntest, r->d1, r->d2, r->w, xw);
	linmap_residuals(xw, yte, r->ntest, r->d2, r->resid);
	for (i = 0; i < r->ntest; i++) {
		double s = 0;
		int j;

		r->mean_resid += r->resid[i];
		for (j = 0; j < r->d2; j++)
			s += (double)yte[(size_t)i * r->d2 + j] *
			    yte[(size_t)i * r->d2 + j];
		r->mean_norm_y += sqrt(s);
	}
	r->mean_resid /= (double)r->ntest;
	r->mean_norm_y /= (double)r->ntest;

	/* precision: candidates are b's rows, or the shared words only */
	gold = xcalloc((size_t)r->ntest, sizeof(*gold));
	r->pred = xcalloc((size_t)r->ntest * LINMAP_TOPK, sizeof(*r->pred));
	if (o->candidates == XSPACE_CAND_ALL) {
		knn_index_init(&ix, space_row(b, 0), space_rows(b), r->d2);
		for (i = 0; i < r->ntest; i++)
			gold[i] = r->pairs.idb[r->test[i]];
	} else {
		long *all = xcalloc((size_t)n, sizeof(*all));

		for (i = 0; i < n; i++)
			all[i] = i;
		cand = xcalloc((size_t)n * r->d2, sizeof(float));
		gather(b, r->pairs.idb, all, n, cand);
		free(all);
		knn_index_init(&ix, cand, n, r->d2);
		for (i = 0; i < r->ntest; i++)
			gold[i] = r->test[i];
	}
	if (linmap_precision(&ix, xw, r->ntest, r->d2, gold, r->pred, &r->eval,
	    d) < 0)
		goto out;
	if (o->candidates == XSPACE_CAND_SHARED)	/* report rows of b */
		for (i = 0; i < r->ntest * LINMAP_TOPK; i++)
			if (r->pred[i] >= 0)
				r->pred[i] = r->pairs.idb[r->pred[i]];
	r->t_eval = now() - t0;
	rc = 0;
out:
	knn_index_clear(&ix);
	free(perm);
	free(gold);
	free(xtr);
	free(ytr);
	free(xte);
	free(yte);
	free(xw);
	free(rtr);
	free(cand);
	if (rc < 0)
		xspace_linmap_clear(r);
	return rc;
}

void
xspace_linmap_clear(struct xspace_linmap_result *r)
{
	xspace_pairs_clear(&r->pairs);
	free(r->train);
	free(r->test);
	free(r->w);
	free(r->pred);
	free(r->resid);
	memset(r, 0, sizeof(*r));
}

int
xspace_analogy_lookup(const struct knn_index *ix, vocab_lookup_fn lookup,
    void *lctx, const long *canon, const char *text, size_t len,
    const char *fname, long restrict_rows, struct xspace_analogy *r,
    struct diag *d)
{
	struct analogy_eval_opts eo;
	double t0 = now();

	memset(r, 0, sizeof(*r));
	memset(&eo, 0, sizeof(eo));
	eo.restrict_rows = restrict_rows;
	eo.canon = canon;
	eo.method = ANALOGY_COSADD;
	if (analogy_eval(ix, text, len, fname, lookup, lctx, &eo, &r->res,
	    d) < 0)
		goto fail;
	r->eps = xcalloc(r->res.nitem + 1, sizeof(*r->eps));
	r->sec_mean = xcalloc(r->res.nsec + 1, sizeof(*r->sec_mean));
	if (anerr_eval(ix, &r->res, r->eps, r->sec_mean, &r->sum, d) < 0)
		goto fail;
	r->t_eval = now() - t0;
	return 0;
fail:
	xspace_analogy_clear(r);
	return -1;
}

int
xspace_analogy_run(const struct space *s, const char *text, size_t len,
    const char *fname, long restrict_rows, struct xspace_analogy *r,
    struct diag *d)
{
	struct knn_index ix;
	struct okvocab ov;
	const char **words;
	long rows = space_rows(s), i;
	double t0 = now();
	int rc;

	if (restrict_rows <= 0 || restrict_rows > rows)
		restrict_rows = rows;	/* 0: every row */
	words = xcalloc((size_t)rows + 1, sizeof(*words));
	for (i = 0; i < rows; i++)
		words[i] = space_word(s, i, NULL);
	okvocab_init(&ov, words, rows, restrict_rows, 1);
	knn_index_init(&ix, space_row(s, 0), rows, space_dims(s));
	rc = xspace_analogy_lookup(&ix, okvocab_lookup, &ov, ov.canon, text,
	    len, fname, restrict_rows, r, d);
	if (rc == 0)		/* the vocabulary's set-up counts too */
		r->t_eval = now() - t0;
	knn_index_clear(&ix);
	okvocab_clear(&ov);
	free(words);
	return rc;
}

void
xspace_analogy_clear(struct xspace_analogy *r)
{
	analogy_result_clear(&r->res);
	free(r->eps);
	free(r->sec_mean);
	memset(r, 0, sizeof(*r));
}
