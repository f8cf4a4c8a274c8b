/*
 * directives/analogy_sweep: {analogy-sweep} — "soft" analogies: for a
 * question a : b :: c : d the query b − α·a + β·c (gensim's weighted
 * most_similar: unit inputs, weighted sum divided by Σ|w|, made unit)
 * for every α, β of a grid, and where the expected d ranks among all
 * words, the three question words left out. Rank 1 at α = β = 1 is
 * 3CosAdd's answer.
 * Reads one space; produces a summary table, a rank table and a heatmap
 * per question.
 * Never guesses an expected answer: every line must name d.
 */
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/analogy.h"
#include "kern/knn.h"
#include "store/space.h"
#include "util/xalloc.h"

#define SW_MAXGRID 21

static const struct opt_spec sw_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	{
		.name = "alpha",
		.type = OPT_WORDS,
		.def = "0, 0.25, 0.5, 0.75, 1, 1.25, 1.5",
		.doc = "weights α of a (the word subtracted), at most 21",
	},
	{
		.name = "beta",
		.type = OPT_WORDS,
		.def = "0, 0.25, 0.5, 0.75, 1, 1.25, 1.5",
		.doc = "weights β of c (the word added), at most 21",
	},
	{
		.name = "k",
		.type = OPT_INT,
		.def = "10",
		.min = 1,
		.max = 1000,
		.doc = "a cell counts as a success when d ranks within the top k",
	},
	{
		.name = "restrict",
		.type = OPT_INT,
		.def = "0",
		.max = 100000000,
		.doc = "rank among the first N rows only; 0: all rows",
	},
	DX_OPT_PIECES,
	{ .name = NULL }
};

/* Weights of option "opt": 1 to SW_MAXGRID numbers in [0, 10]. */
static int
sw_weights(struct dctx *ctx, const struct directive *d, const char *opt,
    double *w)
{
	const struct dopt *o = directive_opt(d, opt);
	size_t i;

	if (o->nwords < 1 || o->nwords > SW_MAXGRID) {
		dctx_error_at(ctx, o, "option ':%s:' needs 1 to %d weights, "
		    "found %zu", opt, SW_MAXGRID, o->nwords);
		return -1;
	}
	for (i = 0; i < o->nwords; i++) {
		char *end;

		w[i] = strtod(o->words[i], &end);
		if (*end != '\0' || end == o->words[i] || !isfinite(w[i]) ||
		    w[i] < 0 || w[i] > 10) {
			dctx_error_at(ctx, o, "option ':%s:' needs numbers "
			    "from 0 to 10, not '%s'", opt, o->words[i]);
			return -1;
		}
	}
	return (int)o->nwords;
}

/* Splits "a : b :: c : d" or "a b c d" into at most max words. */
static size_t
sw_words(char *line, char **w, size_t max)
{
	size_t n = 0;
	char *p = line;

	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ':')
			p++;
		if (*p == '\0')
			break;
		if (n == max)
			return max + 1;
		w[n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != ':')
			p++;
		if (*p)
			*p++ = '\0';
	}
	return n;
}

/*
 * The rank of row "gold" (1 = nearest) and the nearest row by the cosine
 * of the unit query q with rows [0, rows), the rows ex[0..nex) left out
 * (the three inputs, or in a token space every piece they used); ties
 * go to the lower row (as knn_search). sc is scratch for rows floats.
 */
static long
sw_rank(const struct knn_index *ix, long rows, const float *q,
    const long *ex, int nex, long gold, float *sc, long *best)
{
	long r, rank = 1, top = -1;
	float g, bs = 0;
	int e;

	cblas_sgemv(CblasRowMajor, CblasNoTrans, (int)rows, ix->dims, 1.0f,
	    ix->m, ix->dims, q, 1, 0.0f, sc, 1);
	for (r = 0; r < rows; r++)
		sc[r] = ix->norm[r] > 0 ? sc[r] / ix->norm[r] : NAN;
	for (e = 0; e < nex; e++)
		if (ex[e] >= 0 && ex[e] < rows)
			sc[ex[e]] = NAN;
	g = sc[gold];
	for (r = 0; r < rows; r++) {
		if (isnan(sc[r]))
			continue;
		if (top < 0 || sc[r] > bs) {
			top = r;
			bs = sc[r];
		}
		if (r != gold && (sc[r] > g || (sc[r] == g && r < gold)))
			rank++;
	}
	*best = top;
	return rank;
}

static int
analogy_sweep_run(struct dctx *ctx, const struct directive *d,
    struct result *res)
{
	static const char *const scols[] = { "question", "query", "expected",
	    "rank at 1, 1", "answer at 1, 1", "rank at 0, 0", "rank at 0, 1",
	    "best rank", "best α", "best β", "cells in top k", "cells" };
	const struct knn_index *ix;
	const struct space *s;
	double al[SW_MAXGRID], be[SW_MAXGRID];
	int na, nb, ia, ib, k = (int)directive_opt(d, "k")->i, rc = -1;
	long restrict_rows = directive_opt(d, "restrict")->i, rows;
	size_t nl = 0, i;
	long *lines = NULL;
	char **ls = NULL;
	float *sc = NULL, *q = NULL, *qv = NULL;
	struct table *st;
	const struct tokenizer *tk;
	enum tokspace_pieces pol;
	static const long tin[3] = { 0, 1, 2 };
	struct buf nb_ = BUF_INIT;
	char *wnote = NULL;

	if ((na = sw_weights(ctx, d, "alpha", al)) < 0 ||
	    (nb = sw_weights(ctx, d, "beta", be)) < 0)
		return -1;
	if ((s = dx_space(ctx, d, "space", &ix, res)) == NULL)
		return -1;
	tk = dx_token_space(ctx, dx_text(d, "space"));
	if (dx_pieces(ctx, d, tk != NULL, dx_text(d, "space"), &pol) < 0)
		return -1;
	rows = ix->rows;
	if (restrict_rows > 0 && restrict_rows < rows)
		rows = restrict_rows;
	ls = dx_lines(d, &nl, &lines);
	if (nl == 0) {
		dctx_error(ctx, "{analogy-sweep} needs questions in its body, "
		    "one per line: \"a : b :: c : d\" (d: the expected answer)");
		goto out;
	}
	sc = xcalloc((size_t)ix->rows + 1, sizeof(float));
	q = xcalloc((size_t)ix->dims, sizeof(float));
	qv = xcalloc(3 * (size_t)ix->dims, sizeof(float));
	st = result_add_table(res, "analogy-sweep", "Where the expected "
	    "answer ranks as the weights change", 12, scols);
	for (i = 0; i < nl; i++) {
		char *w[5], *copy = xstrdup(ls[i]), name[48], qn[32], buf[600];
		size_t nw = sw_words(copy, w, 4);
		long ids[4], in[3], ex[3 * TOKSPACE_MAXPIECES], best, rank,
		    bestrank = -1, at11 = -1,
		    top11 = -1, at00 = -1, at01 = -1, ntop = 0,
		    save = ctx->line;
		int bi = 0, bj = 0, nex, inq;
		struct dx_wvec wv;
		struct knn_index qix;
		size_t np = 0, j;
		char *dname;
		const char **cols;
		struct table *t;
		struct chart *c;
		size_t row;

		ctx->line = lines[i];
		ctx->col = 1;
		if (nw != 4) {
			dctx_error(ctx, "expected \"a : b :: c : d\" (d: the "
			    "expected answer), found %s%zu word%s", nw > 4 ?
			    "more than " : "", nw > 4 ? (size_t)4 : nw,
			    nw == 1 ? "" : "s");
			ctx->line = save;
			free(copy);
			goto out;
		}
		if (dx_word_vectors(ctx, d, NULL, s, dx_text(d, "space"), w,
		    4, &wv) < 0) {
			dx_wvec_free(&wv);
			ctx->line = save;
			free(copy);
			goto out;
		}
		ids[0] = wv.row[0];
		ids[1] = wv.row[1];
		ids[2] = wv.row[2];
		ids[3] = dx_word_vec(s, tk, pol, w[3], NULL, &np);
		/* left out of the answers: the question words' rows, or in
		 * a token space every piece they used */
		nex = 0;
		if (tk == NULL) {
			ex[nex++] = ids[1];
			ex[nex++] = ids[2];
			ex[nex++] = ids[0];
		} else
			for (j = 0; j < 3 * TOKSPACE_MAXPIECES; j++)
				if (wv.used[j] >= 0)
					ex[nex++] = wv.used[j];
		for (j = 0, inq = 0; j < (size_t)nex; j++)
			inq |= ex[j] == ids[3];
		if (np > 1 || inq || ids[3] >= rows) {
			if (np > 1)
				dctx_error(ctx, "the expected answer '%s' is "
				    "%zu pieces; the sweep ranks rows: write "
				    "one piece or its #id", w[3], np);
			else
				dctx_error(ctx, "the expected answer '%s' %s",
				    w[3], ids[3] >= rows ? "is beyond the "
				    ":restrict: rows" : tk != NULL ? "is a "
				    "piece of a question word (they are left "
				    "out)" : "is one of the question words "
				    "(they are left out)");
			dx_wvec_free(&wv);
			ctx->line = save;
			free(copy);
			goto out;
		}
		ctx->line = save;
		dx_wvec_note(&wv, &wnote);
		/* gensim's order: positives (b, c), then the negative a */
		in[0] = ids[1];		/* b, weight 1 */
		in[1] = ids[2];		/* c, weight β */
		in[2] = ids[0];		/* a, weight −α */
		if (tk != NULL) {
			/* the three vectors in that order, as their own
			 * index (a word of several pieces is no row) */
			for (j = 0; j < 3; j++)
				memcpy(qv + j * (size_t)ix->dims, wv.v +
				    (size_t)(j == 2 ? 0 : j + 1) *
				    (size_t)ix->dims, (size_t)ix->dims *
				    sizeof(float));
			knn_index_init(&qix, qv, 3, ix->dims);
		}
		snprintf(qn, sizeof(qn), "q%zu", i + 1);
		snprintf(name, sizeof(name), "sweep-%s", qn);
		cols = xcalloc((size_t)nb + 1, sizeof(char *));
		cols[0] = "α \\ β";
		for (ib = 0; ib < nb; ib++) {
			snprintf(buf, sizeof(buf), "β=%g", be[ib]);
			cols[ib + 1] = xstrdup(buf);
		}
		dname = xstrdup(dx_row_name(tk, s, ids[3], &nb_));
		snprintf(buf, sizeof(buf), "%s − α·%s + β·%s (expected %s): "
		    "rank of the expected answer", wv.label[1], wv.label[0],
		    wv.label[2], dname);
		t = result_add_table(res, name, buf, (size_t)nb + 1, cols);
		c = result_add_chart(res, CHART_HEATMAP, name, buf);
		chart_matrix(c, (size_t)na, (size_t)nb);
		c->annotate = 1;
		c->vmin = 0;
		c->vmax = log10((double)k * 10);
		for (ib = 0; ib < nb; ib++)
			c->collabels[ib] = xstrdup(cols[ib + 1]);
		for (ia = 0; ia < na; ia++) {
			snprintf(buf, sizeof(buf), "α=%g", al[ia]);
			row = table_add_row(t);
			table_set_text(t, row, 0, buf);
			c->rowlabels[ia] = xstrdup(buf);
			for (ib = 0; ib < nb; ib++) {
				float wt[3];

				wt[0] = 1.f;
				wt[1] = (float)be[ib];
				wt[2] = (float)-al[ia];
				if (tk == NULL)
					analogy_mean_weighted(ix, in, wt, 3, q);
				else
					analogy_mean_weighted(&qix, tin, wt, 3,
					    q);
				rank = sw_rank(ix, rows, q, ex, nex, ids[3], sc,
				    &best);
				table_set_int(t, row, (size_t)ib + 1, rank);
				/* colour by log10(rank): 1 is white */
				c->cells[(size_t)ia * (size_t)nb + (size_t)ib] =
				    log10((double)rank);
				if (rank <= k)
					ntop++;
				if (bestrank < 0 || rank < bestrank) {
					bestrank = rank;
					bi = ia;
					bj = ib;
				}
				if (al[ia] == 1 && be[ib] == 1) {
					at11 = rank;
					top11 = best;
				}
				if (al[ia] == 0 && be[ib] == 0)
					at00 = rank;
				if (al[ia] == 0 && be[ib] == 1)
					at01 = rank;
			}
		}
		snprintf(buf, sizeof(buf), "colour: log10 of the rank of '%s' "
		    "among all words (0: first)", dname);
		chart_desc(c, buf);
		row = table_add_row(st);
		table_set_text(st, row, 0, qn);
		snprintf(buf, sizeof(buf), "%s : %s :: %s : %s", w[0], w[1],
		    w[2], w[3]);
		table_set_text(st, row, 1, buf);
		table_set_text(st, row, 2, dname);
		if (at11 > 0) {
			table_set_int(st, row, 3, at11);
			table_set_text(st, row, 4, dx_row_name(tk, s, top11,
			    &nb_));
		}
		if (at00 > 0)
			table_set_int(st, row, 5, at00);
		if (at01 > 0)
			table_set_int(st, row, 6, at01);
		table_set_int(st, row, 7, bestrank);
		table_set_num(st, row, 8, al[bi], 2);
		table_set_num(st, row, 9, be[bj], 2);
		table_set_int(st, row, 10, ntop);
		table_set_int(st, row, 11, (long long)na * nb);
		for (ib = 0; ib < nb; ib++)
			free((char *)cols[ib + 1]);
		free(cols);
		free(copy);
		free(dname);
		if (tk != NULL)
			knn_index_clear(&qix);
		dx_wvec_free(&wv);
	}
	{
		char note[300];

		snprintf(note, sizeof(note), "query b − α·a + β·c for a : b :: "
		    "c : d (unit vectors, divided by 1 + α + β, made unit); "
		    "rank 1 = nearest by cosine, a, b, c left out; top k = "
		    "%d; the rank at 1, 1 is 3CosAdd's; at 0, 0 the query is b "
		    "alone", k);
		st->note = wnote != NULL ? xasprintf("%s; %s", note, wnote) :
		    xstrdup(note);
	}
	rc = 0;
out:
	free(wnote);
	free(qv);
	buf_clear(&nb_);
	for (i = 0; i < nl; i++)
		free(ls[i]);
	free(ls);
	free(lines);
	free(sc);
	free(q);
	return rc;
}

static int
analogy_sweep_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, nq = 1, cells;
	size_t i;

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	rows = dx_restricted(rows, directive_opt(d, "restrict")->i);
	for (i = 0; i < d->bodylen; i++)
		nq += d->body[i] == '\n';
	cells = (double)directive_opt(d, "alpha")->nwords *
	    (double)directive_opt(d, "beta")->nwords;
	/* One matrix-vector product over the rows per cell, then a scan. */
	we->ops = nq * cells * rows * (dims / DX_VEC + 4);
	we->bytes = rows * 4;
	dx_why(we->why, sizeof(we->why), "%.0f question%s × %.0f cells "
	    "(`:alpha:` × `:beta:`) × %.0f rows × %.0f dimensions", nq,
	    nq == 1 ? "" : "s", cells, rows, dims);
	we->lower = ":alpha:, :beta: or :restrict:";
	we->at = directive_opt(d, "alpha");
	return 0;
}

static const char *const analogy_sweep_strings[] = {
	"question",
	"query",
	"expected",
	"rank at 1, 1",
	"answer at 1, 1",
	"best rank",
	"best α",
	"best β",
	"cells in top k",
	"cells",
	"α \\ β",
	"Where the expected answer ranks as the weights change",
	"%s − α·%s + β·%s (expected %s): rank of the expected answer",
	"colour: log10 of the rank of '%s' among all words (0: first)",
	"query b − α·a + β·c for a : b :: c : d (unit vectors, divided by "
	    "1 + α + β, made unit); rank 1 = nearest by cosine, a, b, c left "
	    "out; top k = %s; the rank at 1, 1 is 3CosAdd's; at 0, 0 the "
	    "query is b alone",
	"rank at 0, 0",
	"rank at 0, 1",
	DX_PIECES_STRINGS,
	NULL
};

const struct directive_spec directive_analogy_sweep = {
	.name = "analogy-sweep",
	.summary = "soft analogies b − α·a + β·c over a grid of weights: the "
	    "rank of the expected answer in each cell",
	.opts = sw_opts,
	.body = BODY_REQUIRED,
	.body_doc = "questions \"a : b :: c : d\", one per line",
	.run = analogy_sweep_run,
	.estimate = analogy_sweep_estimate,
	.version = 1,
	.strings = analogy_sweep_strings,
	.example = "```{analogy-sweep}\n:space: glove-wiki-100d\n:alpha: 0, "
	    "0.5, 1\n:beta: 0, 0.5, 1, 1.5\n:k: 3\nman : king :: woman : "
	    "queen\n```",
};
