/*
 * directives/analogy: {analogy} — "a : b :: c : ?" answered by 3CosAdd and
 * 3CosMul with gensim's semantics (unit vectors, question words left out, ε
 * = 1e-6 in 3CosMul), top-k of each side by side; a fourth word on a line
 * is the expected answer and its rank is reported.
 * Reads one space; produces one table per question.
 * Never folds case silently: a word found only case-folded is named.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/analogy.h"
#include "kern/knn.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const struct opt_spec analogy_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	{
		.name = "k",
		.type = OPT_INT,
		.def = "5",
		.min = 1,
		.max = 100,
		.doc = "answers per method",
	},
	{
		.name = "restrict",
		.type = OPT_INT,
		.def = "0",
		.max = 100000000,
		.doc = "answer only from the first N rows; 0: all (gensim's "
		    "default)",
	},
	DX_OPT_PIECES,
	DX_OPT_FILTER,
	{ .name = NULL }
};

/* Splits "a : b :: c [: d]" or "a b c [d]" into words. */
static size_t
question_words(char *line, char **w, size_t max)
{
	size_t n = 0;
	char *p = line, *q;

	while (*p && n < max) {
		while (*p == ' ' || *p == '\t' || *p == ':')
			p++;
		if (*p == '\0' || *p == '?')
			break;
		q = p;
		while (*q && *q != ' ' && *q != '\t' && *q != ':')
			q++;
		w[n++] = p;
		if (*q == '\0')
			break;
		*q = '\0';
		p = q + 1;
	}
	return n;
}

/*
 * 3CosAdd and 3CosMul of a question whose words are not all rows (a
 * token space's word made of the mean of its pieces): the same scores on
 * the words' vectors, every piece they used left out of the answers.
 */
static int
analogy_pieces(const struct knn_index *ix, const struct dx_wvec *wv,
    long restrict_rows, int k, long *ida, float *sa, long *idm, float *sm,
    struct diag *dg)
{
	static const float wts[3] = { 1.f, 1.f, -1.f };
	size_t dims = (size_t)wv->dims, j;
	float *in = xmalloc(3 * dims * sizeof(float));
	long ex[3 * TOKSPACE_MAXPIECES];
	int rc;

	/* gensim's order: positive b, c, then negative a */
	memcpy(in, wv->v + dims, 2 * dims * sizeof(float));
	memcpy(in + 2 * dims, wv->v, dims * sizeof(float));
	for (j = 0; j < 3 * TOKSPACE_MAXPIECES; j++)
		ex[j] = wv->used[j];
	rc = analogy_cosadd_vec(ix, in, wts, 3, ex, 3 * TOKSPACE_MAXPIECES,
	    restrict_rows, k, ida, sa, dg);
	if (rc == 0)
		rc = analogy_cosmul_vec(ix, in, 2, in + 2 * dims, 1, ex,
		    3 * TOKSPACE_MAXPIECES, restrict_rows, k, idm, sm, dg);
	free(in);
	return rc;
}

/*
 * The k best answers of 3CosAdd and of 3CosMul to the question whose
 * words wv holds (ids their rows, -1 for a word that is not one): gensim's
 * arithmetic on rows, or analogy_pieces.
 */
static int
answers(const struct knn_index *ix, const struct dx_wvec *wv,
    const long *ids, long restrict_rows, int k, long *ida, float *sa,
    long *idm, float *sm, struct diag *dg)
{
	long pos[2], neg[1];

	if (ids[0] < 0 || ids[1] < 0 || ids[2] < 0)
		return analogy_pieces(ix, wv, restrict_rows, k, ida, sa, idm,
		    sm, dg);
	pos[0] = ids[1];
	pos[1] = ids[2];
	neg[0] = ids[0];
	if (analogy_cosadd(ix, pos, 2, neg, 1, restrict_rows, k, ida, sa,
	    dg) != 0 || analogy_cosmul(ix, pos, 2, neg, 1, restrict_rows, k,
	    idm, sm, dg) != 0)
		return -1;
	return 0;
}

/*
 * answers() keeping only the rows that are words of token space s
 * (:filter: words): asks for more answers until both lists have k words
 * or every candidate row was seen, as {nearest} does.
 */
static int
word_answers(const struct knn_index *ix, const struct space *s,
    const struct tokenizer *tok, const struct dx_wvec *wv, const long *ids,
    long restrict_rows, int k, long *ida, float *sa, long *idm, float *sm,
    struct diag *dg)
{
	long rows = restrict_rows > 0 && restrict_rows < space_rows(s) ?
	    restrict_rows : space_rows(s);
	long kk = (long)k * 8 < 256 ? 256 : (long)k * 8, *ta = NULL,
	    *tm = NULL;
	float *tsa = NULL, *tsm = NULL;
	size_t ga, gm;
	int rc = -1;

	for (;;) {
		if (kk > rows)
			kk = rows;
		ta = xreallocarray(ta, (size_t)kk, sizeof(long));
		tm = xreallocarray(tm, (size_t)kk, sizeof(long));
		tsa = xreallocarray(tsa, (size_t)kk, sizeof(float));
		tsm = xreallocarray(tsm, (size_t)kk, sizeof(float));
		if (answers(ix, wv, ids, restrict_rows, (int)kk, ta, tsa, tm,
		    tsm, dg) != 0)
			goto out;
		ga = dx_keep_words(tok, s, ta, tsa, (size_t)kk, ida, sa,
		    (size_t)k);
		gm = dx_keep_words(tok, s, tm, tsm, (size_t)kk, idm, sm,
		    (size_t)k);
		if ((ga == (size_t)k && gm == (size_t)k) || kk >= rows)
			break;
		kk = kk > rows / 4 ? rows : kk * 4;
	}
	rc = 0;
out:
	free(ta);
	free(tm);
	free(tsa);
	free(tsm);
	return rc;
}

static int
analogy_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "#", "3CosAdd", "score",
	    "3CosMul", "score" };
	const struct knn_index *ix;
	const struct space *s;
	int k = (int)directive_opt(d, "k")->i, rc = -1, filter;
	long restrict_rows = directive_opt(d, "restrict")->i;
	size_t nl = 0, i, r, row;
	long *lines = NULL;
	char **ls = NULL;
	long *ida = NULL, *idm = NULL;
	float *sa = NULL, *sm = NULL;
	struct diag dg;
	/* row names as a reader sees them (token spaces: pieces shown) */
	const struct tokenizer *tok;
	struct buf nb[4] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };

	if ((s = dx_space(ctx, d, "space", &ix, res)) == NULL)
		return -1;
	tok = dx_token_space(ctx, dx_text(d, "space"));
	if ((filter = dx_filter_words(ctx, d, tok, dx_text(d, "space"))) < 0)
		return -1;
	ls = dx_lines(d, &nl, &lines);
	if (nl == 0) {
		dctx_error(ctx, "{analogy} needs questions in its body, one "
		    "per line: \"a : b :: c\" (optionally \": d\", the "
		    "expected answer)");
		goto out;
	}
	ida = xcalloc((size_t)k, sizeof(long));
	idm = xcalloc((size_t)k, sizeof(long));
	sa = xcalloc((size_t)k, sizeof(float));
	sm = xcalloc((size_t)k, sizeof(float));
	for (i = 0; i < nl; i++) {
		char *w[5], name[64], caption[512], *copy = xstrdup(ls[i]);
		size_t nw = question_words(copy, w, 5);
		long ids[4] = { -1, -1, -1, -1 };
		long rank_a = 0, rank_m = 0;
		struct table *t;
		struct dx_wvec wv;
		size_t j;
		int bad = 0;
		long save = ctx->line;

		if (nw < 3 || nw > 4) {
			ctx->line = lines[i];
			ctx->col = 1;
			dctx_error(ctx, "expected \"a : b :: c\" or \"a : b :: "
			    "c : d\", found %zu word%s", nw, nw == 1 ? "" : "s");
			ctx->line = save;
			free(copy);
			goto out;
		}
		ctx->line = lines[i];
		if (dx_word_vectors(ctx, d, NULL, s, dx_text(d, "space"), w, nw,
		    &wv) < 0) {
			ctx->line = save;
			dx_wvec_free(&wv);
			free(copy);
			goto out;
		}
		ctx->line = save;
		for (j = 0; j < nw; j++)
			ids[j] = wv.row[j];
		if (filter)
			bad = word_answers(ix, s, tok, &wv, ids, restrict_rows,
			    k, ida, sa, idm, sm, &dg) != 0;
		else
			bad = answers(ix, &wv, ids, restrict_rows, k, ida, sa,
			    idm, sm, &dg) != 0;
		if (bad) {
			dctx_error(ctx, "%s", dg.msg);
			dx_wvec_free(&wv);
			free(copy);
			goto out;
		}
		snprintf(name, sizeof(name), "analogy-%zu", i + 1);
		snprintf(caption, sizeof(caption), "%s : %s :: %s : ?",
		    wv.tag[0], wv.tag[1], wv.tag[2]);
		t = result_add_table(res, name, caption, 5, cols);
		for (r = 0; r < (size_t)k; r++) {
			row = table_add_row(t);
			table_set_int(t, row, 0, (long long)r + 1);
			if (ida[r] >= 0) {
				table_set_text(t, row, 1, dx_row_name(tok, s,
				    ida[r], &nb[3]));
				table_set_num(t, row, 2, sa[r], 4);
			}
			if (idm[r] >= 0) {
				table_set_text(t, row, 3, dx_row_name(tok, s,
				    idm[r], &nb[3]));
				table_set_num(t, row, 4, sm[r], 4);
			}
			if (nw == 4 && ids[3] >= 0 && ida[r] == ids[3])
				rank_a = (long)r + 1;
			if (nw == 4 && ids[3] >= 0 && idm[r] == ids[3])
				rank_m = (long)r + 1;
		}
		if (nw == 4) {
			char note[256];

			snprintf(note, sizeof(note), "expected '%s': 3CosAdd "
			    "%s%ld, 3CosMul %s%ld", wv.tag[3],
			    rank_a ? "rank " : "not in the top ",
			    rank_a ? rank_a : (long)k,
			    rank_m ? "rank " : "not in the top ",
			    rank_m ? rank_m : (long)k);
			t->note = xstrdup(note);
			table_set_scalar(t, "rank-3cosadd", (double)rank_a, -1);
			table_set_scalar(t, "rank-3cosmul", (double)rank_m, -1);
		}
		dx_wvec_free(&wv);
		free(copy);
	}
	rc = 0;
out:
	for (i = 0; i < 4; i++)
		buf_clear(&nb[i]);
	for (i = 0; i < nl; i++)
		free(ls[i]);
	free(ls);
	free(lines);
	free(ida);
	free(idm);
	free(sa);
	free(sm);
	return rc;
}

static int
analogy_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, r;
	size_t nq = 0;
	long *lines = NULL;
	char **ls = dx_lines(d, &nq, &lines);

	dx_free_words(ls, nq);
	free(lines);
	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	r = dx_restricted(rows, directive_opt(d, "restrict")->i);
	/* Each question scores every row twice (3CosAdd, 3CosMul). */
	we->ops = (double)nq * r * dims * 2 / DX_VEC;
	we->bytes = r * 4 * 2;
	dx_why(we->why, sizeof(we->why), "%zu question%s × %.0f rows "
	    "(`:restrict:`) × %.0f dimensions × 2 methods", nq,
	    nq == 1 ? "" : "s", r, dims);
	we->lower = ":restrict: or the questions";
	we->at = directive_opt(d, "restrict");
	return 0;
}

static const char *const analogy_strings[] = {
	"#",
	"3CosAdd",
	"score",
	"3CosMul",
	"%s : %s :: %s : ?",
	"expected '%s': 3CosAdd rank %s, 3CosMul rank %s",
	"expected '%s': 3CosAdd rank %s, 3CosMul not in the top %s",
	"expected '%s': 3CosAdd not in the top %s, 3CosMul rank %s",
	"expected '%s': 3CosAdd not in the top %s, 3CosMul not in "
	    "the top %s",
	DX_PIECES_STRINGS,
	NULL
};

static const struct scalar_doc analogy_scalars[] = {
	{ "rank-3cosadd", "analogy-N",
	    "rank of the expected answer (a question with four words) by 3CosAdd; 0: not in the top k" },
	{ "rank-3cosmul", "analogy-N",
	    "the same by 3CosMul" },
	{ NULL, NULL, NULL }
};

const struct directive_spec directive_analogy = {
	.name = "analogy",
	.summary = "a : b :: c : ? by 3CosAdd and 3CosMul (gensim semantics), "
	    "top-k",
	.opts = analogy_opts,
	.body = BODY_REQUIRED,
	.body_doc = "one question per line: \"a : b :: c\", "
	    "optionally \": d\" with the expected answer",
	.run = analogy_run,
	.estimate = analogy_estimate,
	.version = 2,
	.strings = analogy_strings,
	.example = "```{analogy}\n:space: glove-wiki-100d\nman : king :: "
	    "woman : queen\n```",
	.scalars = analogy_scalars,
};
