/*
 * directives/cooccurrence: {cooccurrence} — window co-occurrence counts or
 * positive PMI between a few words of a corpus, as a labelled heatmap.
 * Reads one declared corpus; produces a heatmap chart.
 * Never counts across document boundaries.
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

/* :value:, in the order of enum cooc_value_opt. */
static const char *const cooc_values[] = { "counts", "ppmi", NULL };
enum cooc_value_opt { COOC_VALUE_COUNTS, COOC_VALUE_PPMI };

static const struct opt_spec cooc_opts[] = {
	{
		.name = "corpus",
		.type = OPT_CORPUS,
		.required = 1,
		.doc = "the corpus",
	},
	{
		.name = "words",
		.type = OPT_WORDS,
		.doc = "the words (or the body), 2 to 30",
	},
	{
		.name = "window",
		.type = OPT_INT,
		.def = "5",
		.min = 1,
		.max = 50,
		.doc = "symmetric window, words on each side (within a "
		    "document)",
	},
	{
		.name = "value",
		.type = OPT_ENUM,
		.def = "ppmi",
		.choices = cooc_values,
		.doc = "counts, or positive PMI (context distribution "
		    "smoothed by 0.75)",
	},
	{ .name = NULL }
};

static int
cooc_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	const struct corpus *c;
	size_t nw = 0, i, j;
	char **words = dx_words(d, "words", &nw);
	long *ids = NULL;
	struct cooc x;
	struct diag dg;
	struct chart *ch;
	int ppmi = directive_opt(d, "value")->i == COOC_VALUE_PPMI, rc = -1;
	double z;

	memset(&x, 0, sizeof(x));
	if ((c = dx_corpus(ctx, d, "corpus", dx_text(d, "corpus"), res)) ==
	    NULL)
		goto out;
	if (nw < 2 || nw > 30) {
		dctx_error(ctx, "{cooccurrence} needs 2 to 30 words, found %zu",
		    nw);
		goto out;
	}
	ids = xcalloc(nw, sizeof(long));
	for (i = 0; i < nw; i++)
		if ((ids[i] = corpus_find(c, words[i], strlen(words[i]))) < 0) {
			dctx_error_at(ctx, directive_opt(d, "words")->set ?
			    directive_opt(d, "words") : NULL, "word '%s' does "
			    "not occur in corpus '%s'", words[i],
			    dx_text(d, "corpus"));
			goto out;
		}
	if (cooc_count(c->tok, c->doc, c->ndocs, c->ntypes, (int)
	    directive_opt(d, "window")->i, 0, 0, &x, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	z = cooc_cds_norm(&x, 0.75);
	ch = result_add_chart(res, CHART_HEATMAP, "cooccurrence", ppmi ?
	    "Positive PMI between the words" : "Co-occurrence counts");
	chart_matrix(ch, nw, nw);
	ch->annotate = 1;
	for (i = 0; i < nw; i++) {
		ch->rowlabels[i] = xstrdup(words[i]);
		ch->collabels[i] = xstrdup(words[i]);
		for (j = 0; j < nw; j++)
			ch->cells[i * nw + j] = ppmi ? cooc_ppmi(&x,
			    (size_t)ids[i], (size_t)ids[j], 0.75, z) :
			    cooc_get(&x, (size_t)ids[i], (size_t)ids[j]);
	}
	rc = 0;
out:
	cooc_clear(&x);
	dx_free_words(words, nw);
	free(ids);
	return rc;
}

static int
cooccurrence_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *co = directive_opt(d, "corpus");
	double tok, types, w = (double)directive_opt(d, "window")->i, pairs;

	if (dx_corpus_size(ctx, co, co->text, &tok, &types) != 0)
		return -1;
	/* Every token meets 2 × window neighbours; the counts are a sparse
	 * table of at most that many pairs. */
	pairs = tok * 2 * w;
	we->ops = pairs * 4;
	we->bytes = (pairs < types * types ? pairs : types * types) * 16;
	dx_why(we->why, sizeof(we->why), "%.0f tokens (`:corpus: %s`) × 2 × "
	    "`:window: %.0f`", tok, co->text, w);
	we->lower = ":window:";
	we->at = directive_opt(d, "window");
	return 0;
}

static const char *const cooccurrence_strings[] = {
	"Positive PMI between the words",
	"Co-occurrence counts",
	NULL
};

const struct directive_spec directive_cooccurrence = {
	.name = "cooccurrence",
	.summary = "window co-occurrence counts or PPMI between words of a "
	    "corpus",
	.opts = cooc_opts,
	.body = BODY_OPTIONAL,
	.body_doc = "the words (instead of :words:)",
	.run = cooc_run,
	.estimate = cooccurrence_estimate,
	.version = 1,
	.strings = cooccurrence_strings,
	.example = "```{cooccurrence}\n:corpus: wikipedia\n:window: 5\nking "
	    "queen man woman\n```",
};
