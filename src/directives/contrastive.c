/*
 * directives/contrastive: {contrastive} — a softmax over cosines with a
 * temperature and the InfoNCE loss of one query, positive and negatives.
 * Reads one declared space; produces tables and a line chart.
 * Never hides a temperature: each :tau: is a column.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/contrastive.h"
#include "kern/geometry.h"
#include "kern/knn.h"
#include "kern/norm.h"
#include "kern/rng.h"
#include "kern/stats.h"
#include "store/space.h"
#include "util/xalloc.h"

static const struct opt_spec contr_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	{
		.name = "query",
		.type = OPT_STRING,
		.required = 1,
		.doc = "the anchor word",
	},
	{
		.name = "positive",
		.type = OPT_STRING,
		.required = 1,
		.doc = "the word that should win",
	},
	{
		.name = "negatives",
		.type = OPT_WORDS,
		.required = 1,
		.doc = "the competing words",
	},
	{
		.name = "tau",
		.type = OPT_WORDS,
		.def = "0.05, 0.1, 0.5, 1, 2",
		.doc = "temperatures τ (positive numbers)",
	},
	DX_OPT_PIECES,
	{ .name = NULL }
};

static int
contr_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	const struct dopt *to = directive_opt(d, "tau"),
	    *no = directive_opt(d, "negatives");
	const struct space *s;
	size_t nn = no->nwords, nt = to->nwords, i, k, row;
	char **words = NULL;
	struct dx_wvec wv;
	double *tau = NULL, *sc = NULL, *p = NULL;
	struct table *t, *tp;
	struct chart *c;
	const char **cols = NULL;
	int rc = -1, dims;

	memset(&wv, 0, sizeof(wv));
	tau = xcalloc(nt + 1, sizeof(double));
	for (i = 0; i < nt; i++) {
		char *end;

		tau[i] = strtod(to->words[i], &end);
		if (*end != '\0' || !(tau[i] > 0) || !isfinite(tau[i])) {
			dctx_error_at(ctx, to, "option ':tau:' needs positive "
			    "numbers, not '%s'", to->words[i]);
			goto out;
		}
	}
	if ((s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		goto out;
	dims = space_dims(s);
	words = xcalloc(nn + 2, sizeof(char *));
	words[0] = directive_opt(d, "query")->text;
	words[1] = directive_opt(d, "positive")->text;
	for (i = 0; i < nn; i++)
		words[i + 2] = no->words[i];
	if (dx_word_vectors(ctx, d, NULL, s, dx_text(d, "space"), words,
	    nn + 2, &wv) < 0)
		goto out;
	/* scores: cosine of the query with the positive, then negatives */
	sc = xcalloc(nn + 1, sizeof(double));
	p = xcalloc(nn + 1, sizeof(double));
	for (i = 0; i < nn + 1; i++)
		sc[i] = vec_cosine(wv.v, wv.v + (i + 1) * (size_t)dims, dims);
	{
		static const char *const c1[] = { "τ", "p(positive)",
		    "InfoNCE loss", "entropy (bits)" };

		t = result_add_table(res, "contrastive", "Softmax over cosines "
		    "at each temperature", 4, c1);
	}
	cols = xcalloc(nt + 3, sizeof(char *));
	cols[0] = "candidate";
	cols[1] = "cosine";
	for (i = 0; i < nt; i++)
		cols[i + 2] = to->words[i];
	tp = result_add_table(res, "contrastive-probabilities",
	    "Probability of each candidate (columns: τ)", nt + 2, cols);
	for (i = 0; i < nn + 1; i++) {
		row = table_add_row(tp);
		table_set_text(tp, row, 0, words[i + 1]);
		table_set_num(tp, row, 1, sc[i], 4);
	}
	c = result_add_chart(res, CHART_LINE, "contrastive-chart",
	    "Probability of each candidate against the temperature");
	chart_axes(c, "temperature τ", "softmax probability");
	c->logx = 1;
	c->ymin = 0;
	c->ymax = 1;
	for (i = 0; i < nn + 1 && i < 8; i++)
		chart_add_series(c, words[i + 1], nt);
	for (k = 0; k < nt; k++) {
		double h = 0;

		contrastive_softmax(sc, (int)nn + 1, tau[k], p);
		row = table_add_row(t);
		table_set_num(t, row, 0, tau[k], 3);
		table_set_num(t, row, 1, p[0], 4);
		table_set_num(t, row, 2, contrastive_infonce(sc[0], sc + 1,
		    (int)nn, tau[k]), 4);
		for (i = 0; i < nn + 1; i++) {
			if (p[i] > 0)
				h -= p[i] * log2(p[i]);
			table_set_num(tp, i, k + 2, p[i], 4);
			if (i < 8) {
				c->series[i].x[k] = tau[k];
				c->series[i].y[k] = p[i];
			}
		}
		table_set_num(t, row, 3, h, 3);
	}
	t->note = xstrdup("p = softmax(cos / τ) over the positive and the "
	    "negatives; loss = −log p(positive) (InfoNCE with this one "
	    "query)");
	dx_wvec_note(&wv, &t->note);
	rc = 0;
out:
	free(words);
	dx_wvec_free(&wv);
	free(tau);
	free(sc);
	free(p);
	free(cols);
	return rc;
}

static int
contrastive_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, n = (double)directive_opt(d, "negatives")->nwords,
	    nt = (double)directive_opt(d, "tau")->nwords;

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	we->ops = (n + 2) * dims + (n + 1) * nt * 20;
	we->bytes = (n + 2) * dims * 8;
	dx_why(we->why, sizeof(we->why), "%.0f words (`:negatives:`) × %.0f "
	    "dimensions", n + 2, dims);
	we->lower = ":negatives:";
	we->at = directive_opt(d, "negatives");
	return 0;
}

static const char *const contrastive_strings[] = {
	"τ",
	"p(positive)",
	"InfoNCE loss",
	"entropy (bits)",
	"Softmax over cosines at each temperature",
	"Probability of each candidate (columns: τ)",
	"candidate",
	"cosine",
	"Probability of each candidate against the temperature",
	"temperature τ",
	"softmax probability",
	"p = softmax(cos / τ) over the positive and the negatives; "
	    "loss = −log p(positive) (InfoNCE with this one query)",
	DX_PIECES_STRINGS,
	NULL
};

const struct directive_spec directive_contrastive = {
	.name = "contrastive",
	.summary = "softmax over cosines with a temperature and the InfoNCE "
	    "loss",
	.opts = contr_opts,
	.body = BODY_NONE,
	.run = contr_run,
	.estimate = contrastive_estimate,
	.version = 1,
	.strings = contrastive_strings,
	.example = "```{contrastive}\n:space: glove-wiki-100d\n:query: cat\n"
	    ":positive: dog\n:negatives: car, tree, music\n:tau: 0.05, 0.1, 1\n```",
};
