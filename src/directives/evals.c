/*
 * directives/evals: {analogy-eval} — accuracy on a questions-words.txt
 * style benchmark with gensim's evaluate_word_analogies semantics
 * (restrict_vocab, case-insensitive, most frequent variant wins, skipped
 * questions counted apart) — and {word-pairs-eval} — Pearson and Spearman
 * against human similarity judgements (SimLex-999, WordSim-353) as
 * gensim's evaluate_word_pairs.
 * Reads a space and declared files; produces tables and charts.
 * Never drops a question without counting it.
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

static const char *const methods[] = { "3cosadd", "3cosmul", NULL };

static const struct opt_spec aeval_opts[] = {
	{ "space", OPT_SPACE, NULL, 1, 0, 0, NULL, "the embedding space" },
	{ "file", OPT_FILE, NULL, 1, 0, 0, NULL,
	  "the questions (files: entry), e.g. questions-words" },
	{ "restrict", OPT_INT, "300000", 0, 0, 100000000, NULL,
	  "use only the first N rows, as gensim's restrict_vocab; 0: all" },
	{ "method", OPT_ENUM, "3cosadd", 0, 0, 0, methods,
	  "3cosadd (gensim's default) or 3cosmul" },
	{ "chart", OPT_BOOL, "true", 0, 0, 0, NULL,
	  "draw the per-section accuracy as a bar chart" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
};

/* The words of s as an array of pointers (borrowed from s). */
static const char **
space_words(const struct space *s)
{
	long n = space_rows(s), i;
	const char **w = xcalloc((size_t)n + 1, sizeof(char *));

	for (i = 0; i < n; i++)
		w[i] = space_word(s, i, NULL);
	return w;
}

/* Reads the declared file named by option "opt". */
static const char *
read_file_opt(struct dctx *ctx, const struct directive *d, const char *opt,
    struct buf *b)
{
	const struct dopt *o = directive_opt(d, opt);
	struct diag dg;
	const char *path = data_file(ctx->data, o->text, &dg);

	if (path == NULL || fs_read(path, b, &dg) < 0) {
		dctx_error_at(ctx, o->set ? o : NULL, "%s", dg.msg);
		return NULL;
	}
	return path;
}

static int
aeval_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "section", "correct",
	    "incorrect", "questions", "accuracy %" };
	const struct knn_index *ix;
	const struct space *s;
	long restrict_rows = directive_opt(d, "restrict")->i;
	struct analogy_eval_opts o;
	struct analogy_result r;
	struct okvocab ov;
	struct buf q = BUF_INIT;
	struct diag dg;
	const char **words;
	const char *path;
	struct table *t;
	size_t i, row;
	int rc = -1;
	char caption[256], note[512];

	if ((s = dx_space(ctx, d, "space", &ix, res)) == NULL)
		return -1;
	if ((path = read_file_opt(ctx, d, "file", &q)) == NULL)
		return -1;
	words = space_words(s);
	okvocab_init(&ov, words, space_rows(s), restrict_rows, 1);
	memset(&o, 0, sizeof(o));
	o.restrict_rows = restrict_rows;
	o.canon = ov.canon;
	o.method = strcmp(dx_text(d, "method"), "3cosmul") == 0 ?
	    ANALOGY_COSMUL : ANALOGY_COSADD;
	o.progress = ctx->progress;
	if (analogy_eval(ix, q.data, q.len, dx_text(d, "file"),
	    okvocab_lookup, &ov, &o, &r, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	snprintf(caption, sizeof(caption), "Analogy accuracy (%s, %s)",
	    o.method == ANALOGY_COSMUL ? "3CosMul" : "3CosAdd",
	    dx_text(d, "file"));
	t = result_add_table(res, "analogy-eval", caption, 5, cols);
	for (i = 0; i < r.nsec; i++) {
		long n = r.sec[i].correct + r.sec[i].incorrect;

		row = table_add_row(t);
		table_set_text(t, row, 0, r.sec[i].name);
		table_set_int(t, row, 1, r.sec[i].correct);
		table_set_int(t, row, 2, r.sec[i].incorrect);
		table_set_int(t, row, 3, n);
		table_set_num(t, row, 4, n ? 100.0 * (double)r.sec[i].correct /
		    (double)n : NAN, 1);
	}
	row = table_add_row(t);
	table_set_text(t, row, 0, "total");
	table_set_int(t, row, 1, r.correct);
	table_set_int(t, row, 2, r.incorrect);
	table_set_int(t, row, 3, r.correct + r.incorrect);
	table_set_num(t, row, 4, r.correct + r.incorrect ? 100.0 *
	    (double)r.correct / (double)(r.correct + r.incorrect) : NAN, 2);
	snprintf(note, sizeof(note), "%ld questions in the file; %ld skipped "
	    "because a word is outside the first %ld rows; %ld lines not "
	    "of four words ignored; case-insensitive lookups (the most "
	    "frequent variant wins), as gensim's evaluate_word_analogies",
	    r.quadruplets, r.oov, restrict_rows ? restrict_rows :
	    space_rows(s), r.skipped);
	t->note = xstrdup(note);
	if (directive_opt(d, "chart")->b && r.nsec > 0) {
		struct chart *c = result_add_chart(res, CHART_BAR,
		    "analogy-eval-chart", "Accuracy per section");
		struct chart_series *sr = chart_add_series(c, "accuracy",
		    r.nsec);

		chart_axes(c, "section", "accuracy (%)");
		c->ymin = 0;
		c->ymax = 100;
		for (i = 0; i < r.nsec; i++) {
			long n = r.sec[i].correct + r.sec[i].incorrect;

			chart_series_label(sr, i, r.sec[i].name);
			sr->y[i] = n ? 100.0 * (double)r.sec[i].correct /
			    (double)n : NAN;
		}
	}
	analogy_result_clear(&r);
	rc = 0;
out:
	okvocab_clear(&ov);
	free(words);
	buf_clear(&q);
	return rc;
}

const struct directive_spec directive_analogy_eval = {
	"analogy-eval",
	"accuracy on an analogy benchmark per section (gensim "
	"evaluate_word_analogies)",
	aeval_opts, BODY_NONE, NULL, 0, NULL, aeval_run,
	"```{analogy-eval}\n:space: glove-wiki-100d\n:file: questions-words\n```"
};

/* ---- {word-pairs-eval} ------------------------------------------------- */

static const struct opt_spec pairs_opts[] = {
	{ "space", OPT_SPACE, NULL, 1, 0, 0, NULL, "the embedding space" },
	{ "files", OPT_WORDS, NULL, 1, 0, 0, NULL,
	  "one or more word-pair sets (files: entries), e.g. simlex999, "
	  "wordsim353" },
	{ "chart", OPT_BOOL, "true", 0, 0, 0, NULL,
	  "scatter of human scores against cosines for each set" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
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
	const char **words;
	struct table *t;
	size_t f, i, row;
	int rc = -1;

	if ((s = dx_space(ctx, d, "space", &ix, res)) == NULL)
		return -1;
	words = space_words(s);
	okvocab_init(&ov, words, space_rows(s), 300000, 1);
	t = result_add_table(res, "word-pairs-eval",
	    "Cosine similarity against human judgements", 7, cols);
	for (f = 0; f < fo->nwords; f++) {
		struct wordpairs_result r;
		struct buf q = BUF_INIT;
		struct diag dg;
		const char *path = data_file(ctx->data, fo->words[f], &dg);

		if (path == NULL || fs_read(path, &q, &dg) < 0 ||
		    wordpairs_eval(ix, q.data, q.len, fo->words[f],
		    okvocab_lookup, &ov, &r, &dg) < 0) {
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
	t->note = xstrdup("pairs with a word outside the first 300,000 rows "
	    "are skipped (OOV %), case-insensitive lookups; p-values as "
	    "scipy.stats");
	rc = 0;
out:
	okvocab_clear(&ov);
	free(words);
	return rc;
}

const struct directive_spec directive_word_pairs_eval = {
	"word-pairs-eval",
	"Pearson and Spearman of cosines against human similarity scores "
	"(gensim evaluate_word_pairs)",
	pairs_opts, BODY_NONE, NULL, 0, NULL, pairs_run,
	"```{word-pairs-eval}\n:space: glove-wiki-100d\n:files: simlex999, "
	"wordsim353\n```"
};
