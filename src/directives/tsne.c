/*
 * directives/tsne: {tsne} — a t-SNE map of a word list, a space's first
 * rows or named groups (kern/tsne, scikit-learn's semantics): the map,
 * its KL divergence and how many of each word's nearest neighbours
 * survive on the map, and every word's coordinates.
 * Reads one declared space; produces a word map and two tables.
 * Never draws a point it could not place: a bad input is a located error.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "directives/wordset.h"
#include "kern/tsne.h"
#include "store/space.h"
#include "util/par.h"
#include "util/xalloc.h"

static const char *const tsne_metrics[] = { "euclidean", "cosine", NULL };

static const struct opt_spec tsne_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	WORDSET_OPTS,
	WORDSET_TSNE_OPTS,
	{
		.name = "metric",
		.type = OPT_ENUM,
		.def = "euclidean",
		.choices = tsne_metrics,
		.doc = "distances the affinities come from (scikit-learn's "
		    "default: euclidean)",
	},
	{
		.name = "rows",
		.type = OPT_INT,
		.def = "200",
		.min = 0,
		.max = 20000,
		.doc = "at most N words in the coordinate table (the chart's "
		    "data holds them all)",
	},
	{ .name = NULL }
};

static int
tsne_dir_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "space", "words", "perplexity",
	    "neighbours k", "learning rate", "iterations", "KL divergence",
	    "kNN kept %", "kNN k" };
	static const char *const wcols[] = { "word", "group", "x", "y" };
	const char *sname = dx_text(d, "space");
	const struct space *s;
	struct wordset ws;
	struct tsne_info info;
	struct table *t;
	struct chart *c;
	struct diag dg;
	double *xy = NULL, kept;
	float *x;
	char title[128], desc[256];
	size_t i, row, shown, maxrows = (size_t)directive_opt(d, "rows")->i;
	int k, extra, rc = -1;
	char *const empty[] = { (char *)"" };

	if ((s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		return -1;
	if (wordset_get(ctx, d, s, sname, 4, 20000, &ws) < 0)
		return -1;
	xy = xcalloc(2 * ws.n, sizeof(double));
	if (wordset_tsne(ctx, d, s, &ws, directive_opt(d, "metric")->i == 1,
	    xy, &info) < 0)
		goto out;
	k = ws.n - 1 < 10 ? (int)ws.n - 1 : 10;
	x = wordset_matrix(&ws);
	extra = par_reserve(par_budget() - 1);
	kept = tsne_knn_preservation(x, (long)ws.n, space_dims(s), xy, k,
	    1 + extra, &dg);
	par_release(extra);
	free(x);
	if (kept < 0) {
		dctx_error(ctx, "t-SNE: %s", dg.msg);
		goto out;
	}
	snprintf(title, sizeof(title), "t-SNE map (perplexity %g)",
	    directive_opt(d, "perplexity")->f);
	c = wordset_map(res, "tsne", title, &ws, xy, ws.group, ws.ngroups,
	    ws.grouped ? ws.glabels : empty);
	chart_axes(c, "t-SNE 1", "t-SNE 2");
	snprintf(desc, sizeof(desc), "t-SNE map of %zu words of %s; "
	    "distances between clusters on it carry little meaning", ws.n,
	    sname);
	chart_desc(c, desc);
	t = result_add_table(res, "tsne", "t-SNE", 9, cols);
	row = table_add_row(t);
	table_set_text(t, row, 0, sname);
	table_set_int(t, row, 1, (long long)ws.n);
	table_set_num(t, row, 2, directive_opt(d, "perplexity")->f, 1);
	table_set_int(t, row, 3, info.neighbours);
	table_set_num(t, row, 4, info.learning_rate, 1);
	table_set_int(t, row, 5, info.iters);
	table_set_num(t, row, 6, info.kl, 4);
	table_set_num(t, row, 7, 100 * kept, 1);
	table_set_int(t, row, 8, k);
	snprintf(desc, sizeof(desc), "KL divergence as scikit-learn's "
	    "kl_divergence_; kNN kept: share of each word's %d nearest "
	    "neighbours (Euclidean) that are also its nearest on the map", k);
	t->note = xstrdup(desc);
	t = result_add_table(res, "tsne-words", "t-SNE coordinates", 4, wcols);
	shown = ws.n < maxrows ? ws.n : maxrows;
	for (i = 0; i < shown; i++) {
		row = table_add_row(t);
		table_set_text(t, row, 0, ws.words[i]);
		table_set_text(t, row, 1, ws.glabels[ws.group[i]]);
		table_set_num(t, row, 2, xy[2 * i], 3);
		table_set_num(t, row, 3, xy[2 * i + 1], 3);
	}
	wordset_note(&ws, t, shown);
	rc = 0;
out:
	free(xy);
	wordset_clear(&ws);
	return rc;
}

static int
tsne_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, n = (double)wordset_count(d);

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	if (n > rows)
		n = rows;
	we->ops = wordset_tsne_ops(n, dims, directive_opt(d,
	    "perplexity")->f, (double)directive_opt(d, "iterations")->i);
	we->bytes = n * dims * 4 + n * 400;
	dx_why(we->why, sizeof(we->why), "%.0f words (the word list or "
	    "`:top:`) × `:iterations: %ld`", n,
	    directive_opt(d, "iterations")->i);
	we->lower = ":top:, the words or :iterations:";
	we->at = directive_opt(d, "top");
	return 0;
}

static const char *const tsne_strings[] = {
	"space",
	"words",
	"perplexity",
	"neighbours k",
	"learning rate",
	"iterations",
	"KL divergence",
	"kNN kept %",
	"kNN k",
	"word",
	"group",
	"x",
	"y",
	"t-SNE",
	"t-SNE coordinates",
	"t-SNE map (perplexity %s)",
	"t-SNE 1",
	"t-SNE 2",
	"KL divergence as scikit-learn's kl_divergence_; kNN kept: share of "
	    "each word's %s nearest neighbours (Euclidean) that are also its "
	    "nearest on the map",
	WORDSET_STRINGS,
	NULL
};

const struct directive_spec directive_tsne = {
	.name = "tsne",
	.summary = "a t-SNE map of words (a list, a space's first rows or "
	    "named groups), with its KL divergence",
	.opts = tsne_opts,
	.body = BODY_OPTIONAL,
	.body_doc = "the words, or with :groups: one group a line "
	    "(`label: word word …`)",
	.run = tsne_dir_run,
	.estimate = tsne_estimate,
	.version = 4,	/* 2: the FFT path sums attractive forces in float;
			 * 3: its grid is a rectangle from each axis's minimum;
			 * 4: its boxes are 1/0.7 wide */
	.strings = tsne_strings,
	.example = "```{tsne}\n:space: glove-wiki-100d\n:groups:\n"
	    ":perplexity: 5\n"
	    "royalty: king queen prince princess\n"
	    "family: father mother brother sister son daughter\n"
	    "animals: cat dog frog\n"
	    "colours: purple red blue green\n```",
};
