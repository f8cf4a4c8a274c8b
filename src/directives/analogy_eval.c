/*
 * directives/analogy_eval: {analogy-eval} — accuracy on an analogy
 * benchmark per section, as gensim's evaluate_word_analogies (restricted
 * vocabulary, case-insensitive lookups).
 * Reads a declared space and question file; produces a table and chart.
 * Never counts a question with an unknown word as wrong.
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

/* :method:, in the order of enum aeval_method. */
static const char *const methods[] = { "3cosadd", "3cosmul", NULL };
enum aeval_method { AEVAL_3COSADD, AEVAL_3COSMUL };

static const struct opt_spec aeval_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	{
		.name = "file",
		.type = OPT_FILE,
		.required = 1,
		.doc = "the questions (files: entry), e.g. questions-words",
	},
	{
		.name = "restrict",
		.type = OPT_INT,
		.def = "300000",
		.max = 100000000,
		.doc = "use only the first N rows, as gensim's "
		    "restrict_vocab; 0: all",
	},
	{
		.name = "method",
		.type = OPT_ENUM,
		.def = "3cosadd",
		.choices = methods,
		.doc = "3cosadd (gensim's default) or 3cosmul",
	},
	{
		.name = "chart",
		.type = OPT_BOOL,
		.def = "true",
		.doc = "draw the per-section accuracy as a bar chart",
	},
	{
		.name = "exclude",
		.type = OPT_BOOL,
		.def = "true",
		.doc = "exclude the question words a, b, c from the answers "
		    "(gensim); false (3cosadd only): the nearest word answers, "
		    "and a column counts the answers that are a question word",
	},
	DX_OPT_PIECES,
	{ .name = NULL }
};

static int
aeval_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "section", "correct",
	    "incorrect", "questions", "accuracy %",
	    "answers that are a question word" };
	const struct knn_index *ix;
	const struct space *s;
	long restrict_rows = directive_opt(d, "restrict")->i;
	struct analogy_eval_opts o;
	struct analogy_result r;
	long *inq = NULL;
	struct okvocab ov;
	struct dx_evalspace es;
	const struct tokenizer *tk;
	enum tokspace_pieces pol;
	vocab_lookup_fn lookup = okvocab_lookup;
	void *lctx = &ov;
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
	tk = dx_token_space(ctx, dx_text(d, "space"));
	if (dx_pieces(ctx, d, tk != NULL, dx_text(d, "space"), &pol) < 0)
		return -1;
	if ((path = dx_read_file(ctx, d, "file", &q)) == NULL)
		return -1;
	memset(&ov, 0, sizeof(ov));
	memset(&es, 0, sizeof(es));
	words = NULL;
	memset(&o, 0, sizeof(o));
	o.restrict_rows = restrict_rows;
	o.cancel = ctx->cancel;
	o.progress = ctx->progress;
	if (tk == NULL) {
		words = dx_space_words(s);
		okvocab_init(&ov, words, space_rows(s), restrict_rows, 1);
		o.canon = ov.canon;
	} else {
		/* a token space: words as the tokenizer splits them, a word
		 * of several pieces one extra row that is never an answer */
		dx_evalspace_init(&es, s, tk, pol, ix);
		if (analogy_eval(ix, q.data, q.len, dx_text(d, "file"),
		    dx_evalspace_collect, &es, &o, &r, &dg) < 0) {
			dctx_error(ctx, "%s", dg.msg);
			goto out;
		}
		analogy_result_clear(&r);
		dx_evalspace_build(&es);
		if (o.restrict_rows <= 0 || o.restrict_rows > es.base)
			o.restrict_rows = es.base;
		ix = es.ix;
		lookup = dx_evalspace_lookup;
		lctx = &es;
	}
	o.method = directive_opt(d, "method")->i == AEVAL_3COSMUL ?
	    ANALOGY_COSMUL : ANALOGY_COSADD;
	o.keep_inputs = !directive_opt(d, "exclude")->b;
	if (o.keep_inputs && o.method != ANALOGY_COSADD) {
		dctx_error_at(ctx, directive_opt(d, "exclude"), ":exclude: "
		    "false needs :method: 3cosadd (3CosMul always excludes the "
		    "question words)");
		goto out;
	}
	if (analogy_eval(ix, q.data, q.len, dx_text(d, "file"),
	    lookup, lctx, &o, &r, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	snprintf(caption, sizeof(caption), "Analogy accuracy (%s, %s)",
	    o.method == ANALOGY_COSMUL ? "3CosMul" : "3CosAdd",
	    dx_text(d, "file"));
	t = result_add_table(res, "analogy-eval", caption,
	    o.keep_inputs ? 6 : 5, cols);
	if (o.keep_inputs) {
		/* per section, then the total: answers that are a, b or c */
		inq = xcalloc(r.nsec + 1, sizeof(long));
		for (i = 0; i < r.nitem; i++) {
			const struct analogy_item *it = &r.item[i];
			long pc = it->predicted < 0 ? -1 : o.canon != NULL ?
			    o.canon[it->predicted] : it->predicted;

			if (pc >= 0 && (pc == it->a || pc == it->b ||
			    pc == it->c)) {
				inq[it->section]++;
				inq[r.nsec]++;
			}
		}
	}
	for (i = 0; i < r.nsec; i++) {
		long n = r.sec[i].correct + r.sec[i].incorrect;

		row = table_add_row(t);
		if (inq != NULL)
			table_set_int(t, row, 5, inq[i]);
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
	if (inq != NULL)
		table_set_int(t, row, 5, inq[r.nsec]);
	if (tk == NULL) {
		snprintf(note, sizeof(note), "%ld questions in the file; %ld "
		    "skipped because a word is outside the first %ld rows; "
		    "%ld lines not of four words ignored; case-insensitive "
		    "lookups (the most frequent variant wins), as gensim's "
		    "evaluate_word_analogies", r.quadruplets, r.oov,
		    restrict_rows ? restrict_rows : space_rows(s), r.skipped);
		t->note = xstrdup(note);
	} else {
		char *sn = dx_evalspace_note(&es);

		snprintf(note, sizeof(note), "%ld questions in the file; %ld "
		    "skipped because the tokenizer does not know a word or "
		    "the answer is not one piece of the first %ld rows; %ld "
		    "lines not of four words ignored; answers are pieces, the "
		    "question words' own rows left out", r.quadruplets, r.oov,
		    o.restrict_rows, r.skipped);
		t->note = sn != NULL ? xasprintf("%s; %s", note, sn) :
		    xstrdup(note);
		free(sn);
	}
	table_set_scalar(t, "questions-in-file", (double)r.quadruplets, -1);
	table_set_scalar(t, "skipped-oov", (double)r.oov, -1);
	table_set_scalar(t, "lines-ignored", (double)r.skipped, -1);
	table_set_scalar(t, "rows", (double)(tk != NULL ? o.restrict_rows :
	    restrict_rows ? restrict_rows : space_rows(s)), -1);
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
	free(inq);
	okvocab_clear(&ov);
	dx_evalspace_clear(&es);
	free(words);
	buf_clear(&q);
	return rc;
}

static int
analogy_eval_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *fo = directive_opt(d, "file");
	double q, rows, dims, r, per;

	if (dx_file_lines(ctx, fo, fo->text, &q) != 0 ||
	    dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	r = dx_restricted(rows, directive_opt(d, "restrict")->i);
	per = directive_opt(d, "method")->i == AEVAL_3COSMUL ? 3 : 1;
	we->ops = q * r * dims * per / DX_VEC;
	we->bytes = r * dims * 4;
	dx_why(we->why, sizeof(we->why), "%.0f questions (`:file: %s`) × "
	    "%.0f rows (`:restrict:`) × %.0f dimensions%s", q, fo->text, r,
	    dims, per > 1 ? " × 3 (3CosMul)" : "");
	we->lower = ":restrict:";
	we->at = directive_opt(d, "restrict");
	return 0;
}

static const char *const analogy_eval_strings[] = {
	"answers that are a question word",
	"section",
	"correct",
	"incorrect",
	"questions",
	"accuracy %",
	"Analogy accuracy (%s, %s)",
	"Accuracy per section",
	"accuracy",
	"accuracy (%)",
	"%s questions in the file; %s skipped because a word is "
	    "outside the first %s rows; %s lines not of four words "
	    "ignored; case-insensitive lookups (the most frequent "
	    "variant wins), as gensim's evaluate_word_analogies",
	"%s questions in the file; %s skipped because the tokenizer does "
	    "not know a word or the answer is not one piece of the first %s "
	    "rows; %s lines not of four words ignored; answers are pieces, "
	    "the question words' own rows left out",
	DX_EVALSPACE_STRINGS,
	NULL
};

static const struct scalar_doc analogy_eval_scalars[] = {
	{ "questions-in-file", "analogy-eval",
	    "questions in the file" },
	{ "skipped-oov", "analogy-eval",
	    "questions skipped because a word is outside the first rows" },
	{ "lines-ignored", "analogy-eval",
	    "lines not of four words" },
	{ "rows", "analogy-eval",
	    "rows searched (:restrict:, or all)" },
	{ NULL, NULL, NULL }
};

const struct directive_spec directive_analogy_eval = {
	.name = "analogy-eval",
	.summary = "accuracy on an analogy benchmark per section (gensim "
	    "evaluate_word_analogies)",
	.opts = aeval_opts,
	.body = BODY_NONE,
	.run = aeval_run,
	.estimate = analogy_eval_estimate,
	.version = 3,
	.strings = analogy_eval_strings,
	.example = "```{analogy-eval}\n:space: glove-wiki-100d\n:file: "
	    "questions-words\n```",
	.scalars = analogy_eval_scalars,
};
