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
	DX_OPT_PIECES,
	{ .name = NULL }
};

/*
 * The analogy error of token space s (tokenizer tk, index six): every
 * word of the file looked up as {analogy-eval} looks it up (dx_evalspace:
 * a word of several pieces is an extra row, made by :pieces: "pol", that
 * is never an answer), the answers the space's pieces. Fills *r; the
 * note on the words split into pieces to *split (owned, or NULL).
 */
static int
ae_token_space(struct dctx *ctx, const struct space *s,
    const struct tokenizer *tk, const struct knn_index *six,
    enum tokspace_pieces pol, const struct buf *q, const char *fname,
    long restrict_rows, struct xspace_analogy *r, char **split)
{
	struct dx_evalspace es;
	struct analogy_eval_opts eo;
	struct analogy_result pass;
	struct diag dg;
	int rc = -1;

	*split = NULL;
	memset(r, 0, sizeof(*r));
	dx_evalspace_init(&es, s, tk, pol, six);
	memset(&eo, 0, sizeof(eo));
	eo.method = ANALOGY_COSADD;
	/* first pass: every word of the file resolved and remembered */
	if (analogy_eval(six, q->data, q->len, fname, dx_evalspace_collect,
	    &es, &eo, &pass, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	analogy_result_clear(&pass);
	dx_evalspace_build(&es);
	/* 0 means every row; never past the pieces */
	if (restrict_rows <= 0 || restrict_rows > es.base)
		restrict_rows = es.base;
	if (xspace_analogy_lookup(es.ix, dx_evalspace_lookup, &es, NULL,
	    q->data, q->len, fname, restrict_rows, r, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	*split = dx_evalspace_note(&es);
	rc = 0;
out:
	dx_evalspace_clear(&es);
	return rc;
}

/* Appends part to the note *note ("; " between), once. */
static void
note_add(char **note, const char *part)
{
	char *p;

	if (*note != NULL && strstr(*note, part) != NULL)
		return;
	p = *note == NULL ? xstrdup(part) : xasprintf("%s; %s", *note, part);
	free(*note);
	*note = p;
}

/*
 * The :pieces: policy for :spaces: (ntok of them token spaces): set on
 * no token space, or "all", is an error located at the option.
 */
static int
ae_pieces(struct dctx *ctx, const struct directive *d, size_t ntok,
    enum tokspace_pieces *pol)
{
	const struct dopt *so = directive_opt(d, "spaces"),
	    *po = directive_opt(d, "pieces");
	struct buf b = BUF_INIT;
	size_t k;

	if (ntok > 0 || !po->set || so->nwords == 1)
		return dx_pieces(ctx, d, ntok > 0, so->nwords > 0 ?
		    so->words[0] : "", pol);
	for (k = 0; k < so->nwords; k++)
		buf_printf(&b, "%s'%s'", k ? ", " : "", so->words[k]);
	dctx_error_at(ctx, po->line > 0 ? po : NULL, ":pieces: applies to "
	    "token spaces (rows: tokens); none of %s is one", buf_str(&b));
	buf_clear(&b);
	return -1;
}

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
	enum tokspace_pieces pol;
	struct buf q = BUF_INIT;
	struct table *t;
	char *tnote = NULL, *split, part[512];
	size_t k, ntok = 0;
	int rc = -1;

	if (path == NULL || fs_read(path, &q, &dg) < 0)
		return dctx_error_at(ctx, fo->set ? fo : NULL, "%s", dg.msg);
	for (k = 0; k < so->nwords; k++)
		ntok += dx_token_space(ctx, so->words[k]) != NULL;
	if (ae_pieces(ctx, d, ntok, &pol) < 0)
		goto out;
	t = result_add_table(res, "analogy-error", "Analogy error "
	    "ε = ‖(a − b + c) − d‖ per space", 9, cols);
	for (k = 0; k < so->nwords; k++) {
		struct xspace_analogy r;
		const struct space *s;
		const struct tokenizer *tk = dx_token_space(ctx,
		    so->words[k]);
		const struct knn_index *ix = NULL;
		size_t row;

		s = dx_space_named(ctx, so, so->words[k], tk != NULL ? &ix :
		    NULL, res);
		if (s == NULL)
			goto out;
		if (tk != NULL) {
			if (ae_token_space(ctx, s, tk, ix, pol, &q, fo->text,
			    directive_opt(d, "restrict")->i, &r, &split) < 0)
				goto out;
			snprintf(part, sizeof(part), "%s is a token space: "
			    "answers are its pieces, never a question word's "
			    "own row, and a question is skipped when the "
			    "tokenizer does not know a word or the answer is "
			    "not one piece", so->words[k]);
			note_add(&tnote, part);
			if (split != NULL)
				note_add(&tnote, split);
			free(split);
		} else if (xspace_analogy_run(s, q.data, q.len, fo->text,
		    directive_opt(d, "restrict")->i, &r, &dg) < 0) {
			dctx_error(ctx, "%s", dg.msg);
			goto out;
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
	if (tnote != NULL)
		note_add(&t->note, tnote);
	rc = 0;
out:
	free(tnote);
	buf_clear(&q);
	return rc;
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
	"%s is a token space: answers are its pieces, never a question "
	    "word's own row, and a question is skipped when the tokenizer "
	    "does not know a word or the answer is not one piece",
	DX_EVALSPACE_STRINGS,
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
	.version = 2,	/* 2: token spaces look words up by :pieces: */
	.strings = analogy_error_strings,
	.example = "```{analogy-error}\n:spaces: glove-wiki-100d, "
	    "glove-twitter-25d\n"
	    ":file: questions-words\n```",
};
