/*
 * directives/translation: {translation} — a linear map from space a to
 * space b (Mikolov, Le & Sutskever 2013) fitted by least squares on the
 * vectors of shared words, and judged on held-out words: precision@1 and
 * @5 of the mapped vector's nearest neighbours in b, by frequency band,
 * against a map fitted on shuffled pairs, and the held-out words that do
 * not translate.
 * Reads two declared spaces; produces three tables.
 * Never fits on a word it tests: the split is a seeded shuffle.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/xspace.h"
#include "directives/common.h"
#include "directives/registry.h"
#include "kern/knn.h"
#include "kern/linmap.h"
#include "kern/rng.h"
#include "store/space.h"
#include "util/xalloc.h"

static const char *const tr_candidates[] = { "all", "shared", NULL };

enum { CAND_ALL, CAND_SHARED };

/* Frequency bands of the test words (by their row in a). */
#define TR_BANDS 4

static const struct opt_spec tr_opts[] = {
	{
		.name = "a",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the source space",
	},
	{
		.name = "b",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the target space",
	},
	{
		.name = "top",
		.type = OPT_INT,
		.def = "5000",
		.min = 20,
		.max = 100000,
		.doc = "the most frequent words of a that b also has (exact "
		    "spelling): the pool split into training and test words",
	},
	{
		.name = "test",
		.type = OPT_INT,
		.def = "500",
		.min = 10,
		.max = 50000,
		.doc = "held-out words (the rest of the pool trains the map)",
	},
	{
		.name = "lambda",
		.type = OPT_FLOAT,
		.def = "0",
		.min = 0,
		.max = 1e6,
		.doc = "ridge penalty λ‖W‖² (0: plain least squares)",
	},
	{
		.name = "candidates",
		.type = OPT_ENUM,
		.def = "all",
		.choices = tr_candidates,
		.doc = "where translations are looked for: every word of b, or "
		    "only the pool's words",
	},
	{
		.name = "examples",
		.type = OPT_INT,
		.def = "12",
		.min = 0,
		.max = 200,
		.doc = "failed test words shown (the most frequent first)",
	},
	{
		.name = "seed",
		.type = OPT_INT,
		.def = "42",
		.max = 2147483647,
		.doc = "seed of the train/test split and of the shuffled pairs",
	},
	{ .name = NULL }
};

/* Rows of m (n × dims) gathered by the index list idx[0..k) into a new
 * matrix. */
static float *
tr_take(const float *m, int dims, const long *idx, long k)
{
	float *out = xcalloc((size_t)k * (size_t)dims + 1, sizeof(float));
	long i;

	for (i = 0; i < k; i++)
		memcpy(out + (size_t)i * dims, m + (size_t)idx[i] * dims,
		    (size_t)dims * sizeof(float));
	return out;
}

static int
tr_cmp_long(const void *x, const void *y)
{
	long a = *(const long *)x, b = *(const long *)y;

	return (a > b) - (a < b);
}

static int
translation_run(struct dctx *ctx, const struct directive *d,
    struct result *res)
{
	static const char *const cols[] = { "map", "train words",
	    "test words", "precision@1", "precision@5", "train precision@1" };
	static const char *const bcols[] = { "band", "rows of a", "words",
	    "precision@1", "precision@5" };
	static const char *const fcols[] = { "word", "row of a", "translated as",
	    "top 5", "rank-1 cosine" };
	const struct space *a, *b;
	const struct knn_index *ixb;
	struct knn_index shix;
	const struct knn_index *target;
	long n = 0, ntest = directive_opt(d, "test")->i, ntrain, i, j;
	long *ra = NULL, *rb = NULL, *order = NULL, *gold = NULL, *pred = NULL,
	    *trgold = NULL, *trpred = NULL, *shuf = NULL;
	double lambda = directive_opt(d, "lambda")->f;
	int cand = (int)directive_opt(d, "candidates")->i, da, db, pass,
	    rc = -1, nex = (int)directive_opt(d, "examples")->i;
	uint64_t seed = (uint64_t)directive_opt(d, "seed")->i;
	char **names = NULL;
	float *ma = NULL, *mb = NULL, *xtr = NULL, *ytr = NULL, *xte = NULL,
	    *w = NULL, *xw = NULL, *xwtr = NULL, *tscore = NULL;
	struct linmap_eval ev, evtr;
	struct table *t, *bt, *ft;
	struct diag dg;
	struct rng rg;
	size_t row;

	memset(&shix, 0, sizeof(shix));
	if ((a = dx_space(ctx, d, "a", NULL, res)) == NULL ||
	    (b = dx_space(ctx, d, "b", &ixb, res)) == NULL)
		return -1;
	da = space_dims(a);
	db = space_dims(b);
	{
		struct xspace_pairs pr;
		long top = directive_opt(d, "top")->i;

		if (xspace_shared(a, b, 0, &pr, &dg) < 0) {
			dctx_error(ctx, "%s", dg.msg);
			goto out;
		}
		n = pr.n < top ? pr.n : top;
		ra = xcalloc((size_t)n + 1, sizeof(long));
		rb = xcalloc((size_t)n + 1, sizeof(long));
		names = xcalloc((size_t)n + 1, sizeof(char *));
		for (i = 0; i < n; i++) {
			ra[i] = pr.ida[i];
			rb[i] = pr.idb[i];
			names[i] = xstrdup(space_word(a, ra[i], NULL));
		}
		xspace_pairs_clear(&pr);
	}
	if (ntest >= n) {
		dctx_error_at(ctx, directive_opt(d, "test"), "option ':test:' "
		    "(%ld) must be below the %ld words the two spaces share "
		    "among the first :top:", ntest, n);
		goto out;
	}
	ntrain = n - ntest;
	ma = dx_gather(a, ra, (size_t)n);
	mb = dx_gather(b, rb, (size_t)n);
	/* The split: a seeded shuffle of the pool; the first :test: words
	 * are held out, then put back in a's row order for the tables. */
	order = xcalloc((size_t)n, sizeof(long));
	for (i = 0; i < n; i++)
		order[i] = i;
	rng_seed(&rg, seed);
	rng_shuffle(&rg, order, n);
	qsort(order, (size_t)ntest, sizeof(long), tr_cmp_long);
	qsort(order + ntest, (size_t)ntrain, sizeof(long), tr_cmp_long);
	xtr = tr_take(ma, da, order + ntest, ntrain);
	xte = tr_take(ma, da, order, ntest);
	if (cand == CAND_SHARED) {
		knn_index_init(&shix, mb, n, db);
		target = &shix;
	} else
		target = ixb;
	gold = xcalloc((size_t)ntest, sizeof(long));
	trgold = xcalloc((size_t)ntrain, sizeof(long));
	for (i = 0; i < ntest; i++)
		gold[i] = cand == CAND_SHARED ? order[i] : rb[order[i]];
	for (i = 0; i < ntrain; i++)
		trgold[i] = cand == CAND_SHARED ? order[ntest + i] :
		    rb[order[ntest + i]];
	pred = xcalloc((size_t)ntest * LINMAP_TOPK, sizeof(long));
	trpred = xcalloc((size_t)ntrain * LINMAP_TOPK, sizeof(long));
	w = xcalloc((size_t)da * (size_t)db, sizeof(float));
	xw = xcalloc((size_t)ntest * (size_t)db, sizeof(float));
	xwtr = xcalloc((size_t)ntrain * (size_t)db, sizeof(float));
	t = result_add_table(res, "translation", "Translation by a linear "
	    "map, on held-out words", 6, cols);
	shuf = xcalloc((size_t)ntrain, sizeof(long));
	/* pass 0: the real pairs; pass 1: b's training vectors given to the
	 * wrong words (a seeded shuffle), the level of chance. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < ntrain; i++)
			shuf[i] = order[ntest + i];
		if (pass == 1) {
			rng_seed(&rg, seed + 1);
			rng_shuffle(&rg, shuf, ntrain);
		}
		ytr = tr_take(mb, db, shuf, ntrain);
		if (linmap_fit(xtr, ytr, ntrain, da, db, lambda, w, &dg) < 0) {
			dctx_error(ctx, "%s", dg.msg);
			goto out;
		}
		free(ytr);
		ytr = NULL;
		linmap_apply(xte, ntest, da, db, w, xw);
		linmap_apply(xtr, ntrain, da, db, w, xwtr);
		if (linmap_precision(target, xw, ntest, db, gold, pass == 0 ?
		    pred : NULL, &ev, &dg) < 0 ||
		    linmap_precision(target, xwtr, ntrain, db, trgold, pass ==
		    0 ? trpred : NULL, &evtr, &dg) < 0) {
			dctx_error(ctx, "%s", dg.msg);
			goto out;
		}
		row = table_add_row(t);
		table_set_text(t, row, 0, pass == 0 ? "fitted" :
		    "shuffled pairs");
		table_set_int(t, row, 1, ntrain);
		table_set_int(t, row, 2, ntest);
		table_set_num(t, row, 3, ev.p1, 4);
		table_set_num(t, row, 4, ev.pk, 4);
		table_set_num(t, row, 5, evtr.p1, 4);
		if (pass == 0) {
			/* keep the real map's rank-1 cosines for the
			 * failure table */
			tscore = xcalloc((size_t)ntest, sizeof(float));
			for (i = 0; i < ntest; i++) {
				const float *v = xw + (size_t)i * db;
				const float *g = target->m + (size_t)pred[i *
				    LINMAP_TOPK] * db;
				double dot = 0, nv = 0;

				if (pred[i * LINMAP_TOPK] < 0) {
					tscore[i] = NAN;
					continue;
				}
				for (j = 0; j < db; j++) {
					dot += (double)v[j] * g[j];
					nv += (double)v[j] * v[j];
				}
				tscore[i] = (float)(dot / sqrt(nv) /
				    target->norm[pred[i * LINMAP_TOPK]]);
			}
		}
	}
	{
		char note[400];

		snprintf(note, sizeof(note), cand == CAND_SHARED ? "%s → %s: "
		    "W fitted by least squares (λ = %g) on %ld shared words, "
		    "tested on %ld others held out (seed %lu); a translation "
		    "is the nearest of the shared words of %s by cosine; the "
		    "second row fits W on shuffled pairs (chance level)" :
		    "%s → %s: W fitted by least squares (λ = %g) on %ld "
		    "shared words, tested on %ld others held out (seed %lu); "
		    "a translation is the nearest of all the words of %s by "
		    "cosine; the second row fits W on shuffled pairs (chance "
		    "level)", dx_text(d, "a"), dx_text(d, "b"), lambda, ntrain,
		    ntest, (unsigned long)seed, dx_text(d, "b"));
		t->note = xstrdup(note);
	}
	/* By frequency band: the test words in a's row order, in quarters. */
	bt = result_add_table(res, "translation-bands", "Precision by "
	    "frequency band of the test words", 5, bcols);
	for (j = 0; j < TR_BANDS; j++) {
		long lo = ntest * j / TR_BANDS, hi = ntest * (j + 1) / TR_BANDS,
		    h1 = 0, h5 = 0, r;
		char num[32], range[64];

		for (i = lo; i < hi; i++) {
			for (r = 0; r < LINMAP_TOPK; r++)
				if (pred[i * LINMAP_TOPK + r] == gold[i]) {
					h5++;
					h1 += r == 0;
					break;
				}
		}
		row = table_add_row(bt);
		snprintf(num, sizeof(num), "%ld", j + 1);
		table_set_text(bt, row, 0, num);
		snprintf(range, sizeof(range), "%ld–%ld", ra[order[lo]] + 1,
		    ra[order[hi - 1]] + 1);
		table_set_text(bt, row, 1, range);
		table_set_int(bt, row, 2, hi - lo);
		table_set_num(bt, row, 3, hi > lo ? (double)h1 / (double)(hi -
		    lo) : NAN, 4);
		table_set_num(bt, row, 4, hi > lo ? (double)h5 / (double)(hi -
		    lo) : NAN, 4);
	}
	bt->note = xstrdup("band 1 holds the most frequent quarter of the "
	    "test words");
	ft = result_add_table(res, "translation-failures", "Test words not "
	    "translated within the top 5", 5, fcols);
	for (i = 0; i < ntest && nex > 0; i++) {
		char top[1200];
		size_t len = 0;
		long r, hit = 0;

		for (r = 0; r < LINMAP_TOPK; r++)
			hit |= pred[i * LINMAP_TOPK + r] == gold[i];
		if (hit)
			continue;
		nex--;
		row = table_add_row(ft);
		table_set_text(ft, row, 0, names[order[i]]);
		table_set_int(ft, row, 1, ra[order[i]] + 1);
		top[0] = '\0';
		for (r = 0; r < LINMAP_TOPK; r++) {
			long p = pred[i * LINMAP_TOPK + r];
			const char *wd;

			if (p < 0)
				continue;
			wd = space_word(b, cand == CAND_SHARED ? rb[p] : p,
			    NULL);
			if (r == 0)
				table_set_text(ft, row, 2, wd);
			len += (size_t)snprintf(top + len, sizeof(top) - len,
			    "%s%s", r ? ", " : "", wd);
			if (len >= sizeof(top))
				len = sizeof(top) - 1;
		}
		table_set_text(ft, row, 3, top);
		table_set_num(ft, row, 4, tscore[i], 4);
	}
	rc = 0;
out:
	knn_index_clear(&shix);
	dx_free_names(names, n);
	free(ra);
	free(rb);
	free(ma);
	free(mb);
	free(order);
	free(gold);
	free(pred);
	free(trgold);
	free(trpred);
	free(shuf);
	free(xtr);
	free(ytr);
	free(xte);
	free(w);
	free(xw);
	free(xwtr);
	free(tscore);
	return rc;
}

static int
translation_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *to = directive_opt(d, "top");
	double ra, da, rb, db, n, cand;

	if (dx_space_size(ctx, d, "a", &ra, &da) != 0 ||
	    dx_space_size(ctx, d, "b", &rb, &db) != 0)
		return -1;
	n = (double)to->i;
	if (n > ra)
		n = ra;
	cand = directive_opt(d, "candidates")->i == CAND_SHARED ? n : rb;
	/* Two fits (XᵀX: n d1², XᵀY: n d1 d2), then every pool word's
	 * mapped vector scanned against the candidates, twice. */
	we->ops = 2 * (n * da * da + n * da * db) + 2 * n * cand * db /
	    DX_VEC;
	we->bytes = n * (da + db) * 4 * 3 + n * 64;
	dx_why(we->why, sizeof(we->why), "%.0f pool words (`:top:`) × %.0f "
	    "candidates × %.0f dimensions", n, cand, db);
	we->lower = ":top: or :candidates: shared";
	we->at = to;
	dx_why(we->mwhy, sizeof(we->mwhy), "%.0f pool words (`:top:`)", n);
	we->mlower = ":top:";
	we->mat = to;
	return 0;
}

static const char *const translation_strings[] = {
	"map",
	"train words",
	"test words",
	"precision@1",
	"precision@5",
	"train precision@1",
	"band",
	"rows of a",
	"words",
	"word",
	"row of a",
	"translated as",
	"top 5",
	"rank-1 cosine",
	"Translation by a linear map, on held-out words",
	"Precision by frequency band of the test words",
	"Test words not translated within the top 5",
	"fitted",
	"shuffled pairs",
	"%s → %s: W fitted by least squares (λ = %s) on %s shared words, "
	    "tested on %s others held out (seed %s); a translation is the "
	    "nearest of the shared words of %s by cosine; the second row fits "
	    "W on shuffled pairs (chance level)",
	"%s → %s: W fitted by least squares (λ = %s) on %s shared words, "
	    "tested on %s others held out (seed %s); a translation is the "
	    "nearest of all the words of %s by cosine; the second row fits W "
	    "on shuffled pairs (chance level)",
	"band 1 holds the most frequent quarter of the test words",
	NULL
};

const struct directive_spec directive_translation = {
	.name = "translation",
	.summary = "a least-squares linear map from one space to another, "
	    "judged by precision@1 and @5 on held-out shared words",
	.opts = tr_opts,
	.body = BODY_NONE,
	.run = translation_run,
	.estimate = translation_estimate,
	.version = 1,
	.strings = translation_strings,
	.example = "```{translation}\n:a: glove-wiki-100d\n:b: "
	    "glove-twitter-25d\n:top: 60\n:test: 20\n:examples: 3\n```",
};
