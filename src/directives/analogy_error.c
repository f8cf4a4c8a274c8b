/*
 * directives/analogy_error: {analogy-error} — the analogy error ε = ‖(a − b
 * + c) − d‖ on unit vectors, and accuracy, per space, against its chance
 * level.
 * Reads declared spaces and a question file; produces a table.
 * Never mixes question sets silently: each space's counts are shown.
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

static const struct opt_spec ae_opts[] = {
	{
		.name = "spaces",
		.type = OPT_WORDS,
		.required = 1,
		.doc = "the spaces to compare",
	},
	{
		.name = "file",
		.type = OPT_FILE,
		.required = 1,
		.doc = "the analogy questions (files: entry)",
	},
	{
		.name = "restrict",
		.type = OPT_INT,
		.def = "300000",
		.max = 100000000,
		.doc = "use only the first N rows of each space; 0: all",
	},
	{ .name = NULL }
};

static int
ae_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "space", "questions answered",
	    "skipped (unknown words)", "accuracy %", "mean ε", "mean ε right",
	    "mean ε wrong", "chance ε", "mean ε / chance" };
	const struct dopt *so = directive_opt(d, "spaces"), *fo =
	    directive_opt(d, "file");
	struct diag dg;
	const char *path = data_file(ctx->data, fo->text, &dg);
	struct buf q = BUF_INIT;
	struct table *t;
	size_t k;

	if (path == NULL || fs_read(path, &q, &dg) < 0)
		return dctx_error_at(ctx, fo->set ? fo : NULL, "%s", dg.msg);
	t = result_add_table(res, "analogy-error", "Analogy error "
	    "ε = ‖(a − b + c) − d‖ per space", 9, cols);
	for (k = 0; k < so->nwords; k++) {
		struct xspace_analogy r;
		const struct space *s;
		size_t row;

		s = dx_space_named(ctx, so, so->words[k], NULL, res);
		if (s == NULL) {
			buf_clear(&q);
			return -1;
		}
		if (xspace_analogy_run(s, q.data, q.len, fo->text,
		    directive_opt(d, "restrict")->i, &r, &dg) < 0) {
			buf_clear(&q);
			return dctx_error(ctx, "%s", dg.msg);
		}
		row = table_add_row(t);
		table_set_text(t, row, 0, so->words[k]);
		table_set_int(t, row, 1, r.sum.n);
		table_set_int(t, row, 2, r.res.oov);
		table_set_num(t, row, 3, 100 * r.sum.accuracy, 2);
		table_set_num(t, row, 4, r.sum.mean, 4);
		table_set_num(t, row, 5, r.sum.mean_correct, 4);
		table_set_num(t, row, 6, r.sum.mean_incorrect, 4);
		table_set_num(t, row, 7, r.sum.chance, 4);
		table_set_num(t, row, 8, r.sum.chance > 0 ? r.sum.mean /
		    r.sum.chance : NAN, 4);
		xspace_analogy_clear(&r);
	}
	t->note = xstrdup("ε on unit-length vectors; chance ε = 2√(1 − ‖ū‖²), "
	    "the expected ε of four random words of the space (ū its mean "
	    "unit vector); each space answers the questions whose four words "
	    "it knows, so the question sets differ (see the counts)");
	buf_clear(&q);
	return 0;
}

static int
analogy_error_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *so = directive_opt(d, "spaces"),
	    *fo = directive_opt(d, "file");
	double q, rows, dims, r, sum = 0, big = 0;
	size_t k;

	if (dx_file_lines(ctx, fo, fo->text, &q) != 0)
		return -1;
	for (k = 0; k < so->nwords; k++) {
		if (dx_space_size_named(ctx, so, so->words[k], &rows, &dims)
		    != 0)
			return -1;
		r = dx_restricted(rows, directive_opt(d, "restrict")->i);
		sum += r * dims;
		if (r * dims * 4 > big)
			big = r * dims * 4;
	}
	/* Every question scores every kept row of every space. */
	we->ops = q * sum / DX_VEC;
	we->bytes = big;
	dx_why(we->why, sizeof(we->why), "%.0f questions (`:file: %s`) × "
	    "%.0f rows × dimensions over %zu spaces (`:restrict:`)", q,
	    fo->text, sum, so->nwords);
	we->lower = ":restrict: or :spaces:";
	we->at = directive_opt(d, "restrict");
	return 0;
}

static const char *const analogy_error_strings[] = {
	"space",
	"questions answered",
	"skipped (unknown words)",
	"accuracy %",
	"mean ε",
	"mean ε right",
	"mean ε wrong",
	"chance ε",
	"mean ε / chance",
	"Analogy error ε = ‖(a − b + c) − d‖ per space",
	"ε on unit-length vectors; chance ε = 2√(1 − ‖ū‖²), the "
	    "expected ε of four random words of the space (ū its mean "
	    "unit vector); each space answers the questions whose four "
	    "words it knows, so the question sets differ (see the counts)",
	NULL
};

const struct directive_spec directive_analogy_error = {
	.name = "analogy-error",
	.summary = "analogy error ε = ‖(a − b + c) − d‖ and accuracy, per "
	    "space",
	.opts = ae_opts,
	.body = BODY_NONE,
	.run = ae_run,
	.estimate = analogy_error_estimate,
	.version = 1,
	.strings = analogy_error_strings,
	.example = "```{analogy-error}\n:spaces: glove-wiki-100d, "
	    "glove-twitter-25d\n"
	    ":file: questions-words\n```",
};
