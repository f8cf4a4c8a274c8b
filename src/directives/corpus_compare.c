/*
 * directives/corpus_compare: {corpus-compare} — how far apart two corpora's
 * word distributions are (KL both ways, Jensen–Shannon, mutual information)
 * and the most characteristic words of each (weighted log-odds).
 * Reads two declared corpora; produces tables.
 * Never smooths silently: the smoothing is in the notes.
 */
#include <lapacke.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/compare.h"
#include "corpus/cooc.h"
#include "corpus/corpus.h"
#include "corpus/freq.h"
#include "corpus/spectrum.h"
#include "corpus/xspace.h"
#include "directives/common.h"
#include "directives/registry.h"
#include "kern/knn.h"
#include "kern/procrustes.h"
#include "kern/rsa.h"
#include "kern/semchange.h"
#include "data/data.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static const struct opt_spec cmp_opts[] = {
	{
		.name = "a",
		.type = OPT_CORPUS,
		.required = 1,
		.doc = "the first corpus",
	},
	{
		.name = "b",
		.type = OPT_CORPUS,
		.required = 1,
		.doc = "the second corpus",
	},
	{
		.name = "alpha",
		.type = OPT_FLOAT,
		.def = "0.01",
		.max = 1000,
		.doc = "additive smoothing of KL (added to every word's count)",
	},
	{
		.name = "prior",
		.type = OPT_FLOAT,
		.def = "1000",
		.min = 0.001,
		.max = 1e12,
		.doc = "α0 of the log-odds Dirichlet prior (pooled "
		    "distribution scaled)",
	},
	{
		.name = "top",
		.type = OPT_INT,
		.def = "15",
		.min = 1,
		.max = 200,
		.doc = "characteristic words listed per side",
	},
	{ .name = NULL }
};

static int
cmp_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "measure", "value", "note" };
	const struct corpus *a, *b;
	struct corpus_union u;
	double kab, kba, js, mi, hd, *z = NULL, alpha = directive_opt(d,
	    "alpha")->f;
	size_t top = (size_t)directive_opt(d, "top")->i, k, n, row;
	long *ids = NULL;
	struct diag dg;
	struct table *t, *w;
	char note[128];
	int side, rc = -1;
	char label[300];

	if ((a = dx_corpus(ctx, d, "a", dx_text(d, "a"), res)) == NULL ||
	    (b = dx_corpus(ctx, d, "b", dx_text(d, "b"), res)) == NULL)
		return -1;
	corpus_union_init(&u, a, b);
	if (compare_kl(u.ca, u.cb, u.n, alpha, &kab, &dg) < 0 ||
	    compare_kl(u.cb, u.ca, u.n, alpha, &kba, &dg) < 0 ||
	    compare_js(u.ca, u.cb, u.n, &js, &dg) < 0 ||
	    compare_mi(u.ca, u.cb, u.n, &mi, &hd, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	t = result_add_table(res, "corpus-compare", "How far apart the two "
	    "word distributions are", 3, cols);
	snprintf(note, sizeof(note), "bits, smoothing %g per word", alpha);
	row = table_add_row(t);
	snprintf(label, sizeof(label), "KL(%s ‖ %s)", dx_text(d, "a"),
	    dx_text(d, "b"));
	table_set_text(t, row, 0, label);
	table_set_num(t, row, 1, kab, 4);
	table_set_text(t, row, 2, note);
	row = table_add_row(t);
	snprintf(label, sizeof(label), "KL(%s ‖ %s)", dx_text(d, "b"),
	    dx_text(d, "a"));
	table_set_text(t, row, 0, label);
	table_set_num(t, row, 1, kba, 4);
	table_set_text(t, row, 2, note);
	row = table_add_row(t);
	table_set_text(t, row, 0, "Jensen–Shannon");
	table_set_num(t, row, 1, js, 4);
	table_set_text(t, row, 2, "bits, 0 to 1, no smoothing");
	row = table_add_row(t);
	table_set_text(t, row, 0, "I(word; corpus)");
	table_set_num(t, row, 1, mi, 4);
	snprintf(note, sizeof(note), "bits, of H(corpus) = %.4f", hd);
	table_set_text(t, row, 2, note);
	row = table_add_row(t);
	table_set_text(t, row, 0, "shared types");
	table_set_int(t, row, 1, (long long)u.nshared);
	snprintf(note, sizeof(note), "of %zu in the union", u.n);
	table_set_scalar(t, "h-corpus", hd, 4);
	table_set_scalar(t, "union-types", (double)u.n, -1);
	table_set_scalar(t, "alpha", alpha, 4);
	table_set_text(t, row, 2, note);
	z = xcalloc(u.n + 1, sizeof(double));
	ids = xcalloc(top, sizeof(long));
	if (compare_logodds(u.ca, u.cb, u.n, directive_opt(d, "prior")->f,
	    NULL, z, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	{
		const char *wcols[] = { "#", dx_text(d, "a"), "z",
		    dx_text(d, "b"), "z" };

		w = result_add_table(res, "corpus-compare-words", "Most "
		    "characteristic words (weighted log-odds, informative "
		    "Dirichlet prior)", 5, wcols);
	}
	for (k = 0; k < top; k++)
		table_set_int(w, table_add_row(w), 0, (long long)k + 1);
	for (side = 0; side < 2; side++) {
		n = compare_topk(z, u.n, top, side == 0 ? 1 : -1, ids);
		for (k = 0; k < n; k++) {
			table_set_text(w, k, 1 + 2 * (size_t)side,
			    u.word[ids[k]]);
			table_set_num(w, k, 2 + 2 * (size_t)side, z[ids[k]], 1);
		}
	}
	w->note = xasprintf("z-scores of the log-odds ratio with the pooled "
	    "counts as prior (Monroe et al. 2008); positive: characteristic "
	    "of %s", dx_text(d, "a"));
	rc = 0;
out:
	corpus_union_clear(&u);
	free(z);
	free(ids);
	return rc;
}

static int
corpus_compare_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *a = directive_opt(d, "a"), *b = directive_opt(d, "b");
	double ta, na, tb, nb;

	if (dx_corpus_size(ctx, a, a->text, &ta, &na) != 0 ||
	    dx_corpus_size(ctx, b, b->text, &tb, &nb) != 0)
		return -1;
	/* A union of the vocabularies, then sorts for the top words. */
	we->ops = (na + nb) * 40;
	we->bytes = (na + nb) * 48;
	dx_why(we->why, sizeof(we->why), "%.0f + %.0f types (`:a:`, `:b:`)",
	    na, nb);
	we->lower = "the corpora";
	we->at = a;
	return 0;
}

static const char *const corpus_compare_strings[] = {
	"measure",
	"value",
	"note",
	"How far apart the two word distributions are",
	"#",
	"z",
	"Most characteristic words (weighted log-odds, informative "
	    "Dirichlet prior)",
	"z-scores of the log-odds ratio with the pooled counts as "
	    "prior (Monroe et al. 2008); positive: characteristic of %s",
	NULL
};

static const struct scalar_doc corpus_compare_scalars[] = {
	{ "h-corpus", "corpus-compare",
	    "H(corpus) in bits, the bound of the mutual information" },
	{ "union-types", "corpus-compare",
	    "types in the union of the two vocabularies" },
	{ "alpha", "corpus-compare",
	    "additive smoothing of KL (:alpha:)" },
	{ NULL, NULL, NULL }
};

const struct directive_spec directive_corpus_compare = {
	.name = "corpus-compare",
	.summary = "KL both ways, Jensen–Shannon, mutual information and the "
	    "most "
	    "characteristic words of two corpora",
	.opts = cmp_opts,
	.body = BODY_NONE,
	.run = cmp_run,
	.estimate = corpus_compare_estimate,
	.version = 2,
	.strings = corpus_compare_strings,
	.example = "```{corpus-compare}\n:a: wikipedia\n:b: twitter\n```",
	.scalars = corpus_compare_scalars,
};
