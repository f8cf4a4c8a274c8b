/*
 * directives/word_pairs_eval: {word-pairs-eval} — Pearson and Spearman
 * correlations of cosines against human similarity scores, as gensim's
 * evaluate_word_pairs.
 * Reads a declared space and pair files; produces a table and charts.
 * Never drops a pair silently: the OOV share is reported.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/analogy_eval.h"
#include "kern/knn.h"
#include "kern/okvocab.h"
#include "kern/wordpairs.h"
#include "data/data.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static const struct opt_spec pairs_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	{
		.name = "files",
		.type = OPT_WORDS,
		.required = 1,
		.doc = "one or more word-pair sets (files: entries), e.g. "
		    "simlex999, "
		    "wordsim353",
	},
	{
		.name = "chart",
		.type = OPT_BOOL,
		.def = "true",
		.doc = "scatter of human scores against cosines for each set",
	},
	DX_OPT_PIECES,
	{ .name = NULL }
};

static int
pairs_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "dataset", "pairs used",
	    "OOV %", "Pearson r", "p", "Spearman ρ", "p" };
	const struct dopt *fo = directive_opt(d, "files");
	const struct knn_index *ix;
	const struct space *s;
	struct okvocab ov;
	struct dx_evalspace es;
	const struct tokenizer *tk;
	enum tokspace_pieces pol;
	const char **words = NULL;
	char *sn = NULL;
	struct table *t;
	size_t f, i, row;
	int rc = -1;

	if ((s = dx_space(ctx, d, "space", &ix, res)) == NULL)
		return -1;
	tk = dx_token_space(ctx, dx_text(d, "space"));
	if (dx_pieces(ctx, d, tk != NULL, dx_text(d, "space"), &pol) < 0)
		return -1;
	memset(&ov, 0, sizeof(ov));
	memset(&es, 0, sizeof(es));
	if (tk == NULL) {
		words = dx_space_words(s);
		okvocab_init(&ov, words, space_rows(s), 300000, 1);
	} else
		dx_evalspace_init(&es, s, tk, pol, ix);
	t = result_add_table(res, "word-pairs-eval",
	    "Cosine similarity against human judgements", 7, cols);
	for (f = 0; f < fo->nwords; f++) {
		struct wordpairs_result r;
		struct buf q = BUF_INIT;
		struct diag dg;
		const char *path = data_file(ctx->data, fo->words[f], &dg);
		int ok = 0;

		if (path != NULL && fs_read(path, &q, &dg) == 0) {
			if (tk != NULL) {
				/* a token space: every word resolved first
				 * (this pass scores nothing, so its error is
				 * moot), then the pairs scored */
				wordpairs_eval(ix, q.data, q.len, fo->words[f],
				    dx_evalspace_collect, &es, &r, &dg);
				wordpairs_result_clear(&r);
				dx_evalspace_build(&es);
				ok = wordpairs_eval(es.ix, q.data, q.len,
				    fo->words[f], dx_evalspace_lookup, &es, &r,
				    &dg) == 0;
			} else
				ok = wordpairs_eval(ix, q.data, q.len,
				    fo->words[f], okvocab_lookup, &ov, &r,
				    &dg) == 0;
		}
		if (!ok) {
			dctx_error_at(ctx, fo->set ? fo : NULL, "%s", dg.msg);
			buf_clear(&q);
			goto out;
		}
		row = table_add_row(t);
		table_set_text(t, row, 0, fo->words[f]);
		table_set_int(t, row, 1, (long long)r.npair);
		table_set_num(t, row, 2, r.oov_ratio, 1);
		table_set_num(t, row, 3, r.pearson, 4);
		table_set_num(t, row, 4, r.pearson_p, 3);
		table_set_num(t, row, 5, r.spearman, 4);
		table_set_num(t, row, 6, r.spearman_p, 3);
		if (directive_opt(d, "chart")->b && r.npair > 0) {
			char name[64], title[256];
			struct chart *c;
			struct chart_series *sr;

			snprintf(name, sizeof(name), "word-pairs-%zu", f + 1);
			snprintf(title, sizeof(title), "%s: human score against "
			    "cosine (Spearman ρ = %.3f)", fo->words[f],
			    r.spearman);
			c = result_add_chart(res, CHART_SCATTER, name, title);
			chart_axes(c, "human similarity score", "cosine");
			sr = chart_add_series(c, fo->words[f], r.npair);
			for (i = 0; i < r.npair; i++) {
				sr->x[i] = r.pair[i].gold;
				sr->y[i] = r.pair[i].model;
			}
		}
		wordpairs_result_clear(&r);
		buf_clear(&q);
	}
	if (tk == NULL)
		t->note = xstrdup("pairs with a word outside the first "
		    "300,000 rows are skipped (OOV %), case-insensitive "
		    "lookups; p-values as scipy.stats");
	else {
		sn = dx_evalspace_note(&es);
		t->note = xasprintf("pairs with a word the tokenizer does not "
		    "know are skipped (OOV %%), words looked up as the "
		    "tokenizer splits them, p-values as scipy.stats%s%s",
		    sn != NULL ? "; " : "", sn != NULL ? sn : "");
	}
	rc = 0;
out:
	okvocab_clear(&ov);
	dx_evalspace_clear(&es);
	free(sn);
	free(words);
	return rc;
}

static int
word_pairs_eval_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *fo = directive_opt(d, "files");
	double rows, dims, lines, sum = 0;
	size_t k;

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	for (k = 0; k < fo->nwords; k++) {
		if (dx_file_lines(ctx, fo, fo->words[k], &lines) != 0)
			return -1;
		sum += lines;
	}
	/* A cosine per pair, then ranks. */
	we->ops = sum * (dims + 40) + rows;
	we->bytes = rows * 8 + sum * 32;
	dx_why(we->why, sizeof(we->why), "%.0f pairs (`:files:`) × %.0f "
	    "dimensions", sum, dims);
	we->lower = ":files:";
	we->at = fo;
	return 0;
}

static const char *const word_pairs_eval_strings[] = {
	"dataset",
	"pairs used",
	"OOV %",
	"Pearson r",
	"p",
	"Spearman ρ",
	"Cosine similarity against human judgements",
	"%s: human score against cosine (Spearman ρ = %s)",
	"human similarity score",
	"cosine",
	"pairs with a word outside the first 300,000 rows are "
	    "skipped (OOV %), case-insensitive lookups; p-values as "
	    "scipy.stats",
	"pairs with a word the tokenizer does not know are skipped (OOV %), "
	    "words looked up as the tokenizer splits them, p-values as "
	    "scipy.stats",
	DX_EVALSPACE_STRINGS,
	NULL
};

const struct directive_spec directive_word_pairs_eval = {
	.name = "word-pairs-eval",
	.summary = "Pearson and Spearman of cosines against human similarity "
	    "scores "
	    "(gensim evaluate_word_pairs)",
	.opts = pairs_opts,
	.body = BODY_NONE,
	.run = pairs_run,
	.estimate = word_pairs_eval_estimate,
	.version = 1,
	.strings = word_pairs_eval_strings,
	.example = "```{word-pairs-eval}\n:space: glove-wiki-100d\n:files: "
	    "simlex999, "
	    "wordsim353\n```",
};
