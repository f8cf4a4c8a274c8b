/*
 * directives/submatrix_spectrum: {submatrix-spectrum} — the singular
 * values of small submatrices of a space: the rows of a group of related
 * words against the rows of as many words drawn at random, and how many
 * directions each really uses, as the effective rank of Roy & Vetterli
 * (2007): exp(H) of the distribution p_i = σ_i / Σσ.
 * Reads one space; produces a table and a line chart.
 * Never draws a random word twice in one submatrix.
 */
#include <lapacke.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/rng.h"
#include "kern/stats.h"
#include "store/space.h"
#include "util/xalloc.h"

#define SS_MAXWORDS 500

static const struct opt_spec ss_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	{
		.name = "top",
		.type = OPT_INT,
		.def = "10000",
		.min = 10,
		.max = 100000000,
		.doc = "random words are drawn from the first N rows",
	},
	{
		.name = "draws",
		.type = OPT_INT,
		.def = "20",
		.min = 2,
		.max = 1000,
		.doc = "random submatrices per group",
	},
	{
		.name = "unit",
		.type = OPT_BOOL,
		.def = "true",
		.doc = "scale every row to length 1 first (word frequency "
		    "then does not weigh)",
	},
	{
		.name = "centre",
		.type = OPT_BOOL,
		.def = "false",
		.doc = "subtract the submatrix's mean row before the SVD",
	},
	{
		.name = "seed",
		.type = OPT_INT,
		.def = "42",
		.max = 2147483647,
		.doc = "seed of the random draws",
	},
	DX_OPT_PIECES,
	{ .name = NULL }
};

/* The spectrum of the rows "rows[0..g)" of the matrix mat (dims
 * columns): σ into sv (min(g, dims) values, descending), after the
 * options' scaling and centring. Returns the count, or -1 when the SVD
 * does not converge. */
static int
ss_svd(const float *mat, int dims, const long *rows, int g, int unit,
    int centre, double *x, double *sv)
{
	int i, j;

	for (i = 0; i < g; i++) {
		const float *v = mat + (size_t)rows[i] * (size_t)dims;
		double nn = 0;

		for (j = 0; j < dims; j++)
			nn += (double)v[j] * v[j];
		nn = unit && nn > 0 ? 1 / sqrt(nn) : 1;
		for (j = 0; j < dims; j++)
			x[(size_t)i * dims + j] = v[j] * nn;
	}
	if (centre)
		for (j = 0; j < dims; j++) {
			double m = 0;

			for (i = 0; i < g; i++)
				m += x[(size_t)i * dims + j];
			m /= g;
			for (i = 0; i < g; i++)
				x[(size_t)i * dims + j] -= m;
		}
	if (LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'N', g, dims, x, dims, sv, NULL,
	    dims, NULL, dims) != 0)
		return -1;
	return g < dims ? g : dims;
}

/* Roy & Vetterli's effective rank exp(−Σ p log p), p = σ / Σσ, and the
 * share of σ₁ in Σσ. */
static double
ss_erank(const double *sv, int m, double *top)
{
	double sum = 0, h = 0;
	int i;

	for (i = 0; i < m; i++)
		sum += sv[i];
	if (!(sum > 0)) {
		*top = NAN;
		return NAN;
	}
	for (i = 0; i < m; i++) {
		double p = sv[i] / sum;

		if (p > 0)
			h -= p * log(p);
	}
	*top = sv[0] / sum;
	return exp(h);
}

static int
submatrix_spectrum_run(struct dctx *ctx, const struct directive *d,
    struct result *res)
{
	static const char *const cols[] = { "group", "words",
	    "effective rank", "σ₁ share %", "random effective rank",
	    "random sd", "random σ₁ share %", "z" };
	const struct space *s;
	long top = directive_opt(d, "top")->i, *rows = NULL, *pool = NULL,
	    *lnum = NULL;
	int draws = (int)directive_opt(d, "draws")->i, unit =
	    directive_opt(d, "unit")->b, centre = directive_opt(d, "centre")->b,
	    dims, rc = -1;
	uint64_t seed = (uint64_t)directive_opt(d, "seed")->i;
	size_t nl = 0, i;
	char **ls = NULL;
	double *x = NULL, *sv = NULL, *er = NULL, *tp = NULL, *mean = NULL;
	char *pnote = NULL;
	struct table *t;
	struct chart *c;

	if ((s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		return -1;
	dims = space_dims(s);
	if (top > space_rows(s))
		top = space_rows(s);
	ls = dx_lines(d, &nl, &lnum);
	if (nl == 0) {
		dctx_error(ctx, "{submatrix-spectrum} needs groups in its body, "
		    "one per line: \"label: word word ...\"");
		goto out;
	}
	x = xcalloc((size_t)SS_MAXWORDS * (size_t)dims, sizeof(double));
	sv = xcalloc((size_t)dims + SS_MAXWORDS, sizeof(double));
	mean = xcalloc((size_t)dims + SS_MAXWORDS, sizeof(double));
	er = xcalloc((size_t)draws, sizeof(double));
	tp = xcalloc((size_t)draws, sizeof(double));
	rows = xcalloc(SS_MAXWORDS, sizeof(long));
	pool = xcalloc((size_t)top, sizeof(long));
	c = result_add_chart(res, CHART_LINE, "submatrix-spectrum",
	    "Singular values of each submatrix, as shares of their sum");
	chart_axes(c, "index", "σ_i / Σσ");
	c->logy = 1;
	t = result_add_table(res, "submatrix-spectrum", "Effective rank of "
	    "related and random words", 8, cols);
	for (i = 0; i < nl; i++) {
		char *colon = strchr(ls[i], ':'), label[128], sname[160];
		char **w = NULL;
		size_t nw = 0, k;
		long save = ctx->line;
		double erg, topg, sm[4], st[4], zsd;
		int m, j, q;
		struct chart_series *sg, *sr;
		struct dx_wvec wv;
		size_t row;

		ctx->line = lnum[i];
		ctx->col = 1;
		if (colon == NULL || colon == ls[i]) {
			dctx_error(ctx, "expected \"label: word word ...\", "
			    "found '%s'", ls[i]);
			ctx->line = save;
			goto out;
		}
		snprintf(label, sizeof(label), "%.*s", (int)(colon - ls[i]),
		    ls[i]);
		{
			/* split the words on spaces and commas */
			char *p = colon + 1, *tok;

			w = xcalloc(strlen(p) / 2 + 2, sizeof(char *));
			for (tok = strtok(p, " \t,"); tok != NULL;
			    tok = strtok(NULL, " \t,"))
				w[nw++] = tok;
		}
		if (nw < 2 || nw > SS_MAXWORDS) {
			dctx_error(ctx, "group '%s' needs 2 to %d words, found "
			    "%zu", label, SS_MAXWORDS, nw);
			free(w);
			ctx->line = save;
			goto out;
		}
		if (dx_word_vectors(ctx, d, NULL, s, dx_text(d, "space"), w,
		    nw, &wv) < 0) {
			dx_wvec_free(&wv);
			free(w);
			ctx->line = save;
			goto out;
		}
		free(w);
		ctx->line = save;
		for (k = 0; k < nw; k++)
			rows[k] = (long)k;
		m = ss_svd(wv.v, dims, rows, (int)nw, unit, centre, x, sv);
		dx_wvec_note(&wv, &pnote);
		dx_wvec_free(&wv);
		if (m < 0) {
			dctx_error(ctx, "group '%s': the SVD did not converge",
			    label);
			goto out;
		}
		erg = ss_erank(sv, m, &topg);
		chart_add_series(c, label, (size_t)m);
		snprintf(sname, sizeof(sname), "%s, random", label);
		chart_add_series(c, sname, (size_t)m);
		sg = &c->series[c->nseries - 2];
		sr = &c->series[c->nseries - 1];
		{
			double sum = 0;

			for (j = 0; j < m; j++)
				sum += sv[j];
			for (j = 0; j < m; j++) {
				sg->x[j] = sr->x[j] = j + 1;
				sg->y[j] = sum > 0 && sv[j] > 0 ? sv[j] / sum :
				    NAN;
				mean[j] = 0;
			}
		}
		/* Draw q: stream seed + q, a partial Fisher–Yates of the
		 * first :top: rows; the same draws for every group of one
		 * size. */
		for (q = 0; q < draws; q++) {
			struct rng rg;
			double sum = 0;
			long r;

			rng_seed(&rg, seed + (uint64_t)q);
			for (r = 0; r < top; r++)
				pool[r] = r;
			for (k = 0; k < nw; k++) {
				long pick = (long)k + (long)rng_below(&rg,
				    (uint64_t)(top - (long)k)), tmp = pool[k];

				pool[k] = pool[pick];
				pool[pick] = tmp;
			}
			if (ss_svd(space_row(s, 0), dims, pool, (int)nw, unit,
			    centre, x, sv) < 0) {
				dctx_error(ctx, "group '%s': the SVD of a random "
				    "draw did not converge", label);
				goto out;
			}
			er[q] = ss_erank(sv, m, &tp[q]);
			for (j = 0; j < m; j++)
				sum += sv[j];
			for (j = 0; j < m; j++)
				mean[j] += sum > 0 ? sv[j] / sum / draws : 0;
		}
		for (j = 0; j < m; j++)
			sr->y[j] = mean[j] > 0 ? mean[j] : NAN;
		sm[0] = stats_mean(er, (size_t)draws);
		sm[1] = sqrt(stats_var(er, (size_t)draws, 1));
		st[0] = stats_mean(tp, (size_t)draws);
		zsd = sm[1] > 0 ? (erg - sm[0]) / sm[1] : NAN;
		row = table_add_row(t);
		table_set_text(t, row, 0, label);
		table_set_int(t, row, 1, (long long)nw);
		table_set_num(t, row, 2, erg, 3);
		table_set_num(t, row, 3, 100 * topg, 1);
		table_set_num(t, row, 4, sm[0], 3);
		table_set_num(t, row, 5, sm[1], 3);
		table_set_num(t, row, 6, 100 * st[0], 1);
		table_set_num(t, row, 7, zsd, 1);
	}
	{
		char note[300];

		static const char *const how[] = { "rows as stored",
		    "rows centred", "rows scaled to length 1",
		    "rows scaled to length 1 and centred" };
		int len = snprintf(note, sizeof(note), "effective rank exp(H), "
		    "H the entropy of σ_i / Σσ (Roy & Vetterli 2007); random: "
		    "%d draws of as many words from the first %ld rows (seeds "
		    "%lu–%lu); ", draws, top, (unsigned long)seed,
		    (unsigned long)seed + (unsigned long)draws - 1);

		if (len > 0 && (size_t)len < sizeof(note))
			snprintf(note + len, sizeof(note) - (size_t)len, "%s",
			    how[2 * unit + centre]);
		t->note = xstrdup(note);
		if (pnote != NULL) {
			free(t->note);
			t->note = xasprintf("%s; %s", note, pnote);
		}
	}
	rc = 0;
out:
	for (i = 0; i < nl; i++)
		free(ls[i]);
	free(ls);
	free(lnum);
	free(x);
	free(sv);
	free(mean);
	free(er);
	free(tp);
	free(rows);
	free(pool);
	free(pnote);
	return rc;
}

static int
submatrix_spectrum_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, words = 0, draws = (double)directive_opt(d,
	    "draws")->i, top = (double)directive_opt(d, "top")->i;
	size_t i, groups = 1;

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	/* the largest group: words after the label on one body line */
	{
		double cur = 0;
		int in = 0, label = 1;

		for (i = 0; i <= d->bodylen; i++) {
			char ch = i < d->bodylen ? d->body[i] : '\n';

			if (ch == '\n') {
				if (cur > words)
					words = cur;
				cur = 0;
				in = 0;
				label = 1;
			} else if (ch == ':' && label) {
				label = 0;
				in = 0;
			} else if (ch == ' ' || ch == '\t' || ch == ',') {
				in = 0;
			} else if (!in && !label) {
				in = 1;
				cur++;
			}
		}
		if (words < 2)
			words = 2;
	}
	/* (1 + draws) SVDs of about words × dims (≈ 4 g d min(g, d)), and
	 * the pool reset per draw. */
	for (i = 0; i < d->bodylen; i++)
		groups += d->body[i] == '\n';
	we->ops = (double)groups * (1 + draws) * (4 * words * dims * (words <
	    dims ? words : dims) + top);
	we->bytes = (SS_MAXWORDS * dims + top) * 8;
	dx_why(we->why, sizeof(we->why), "%zu group%s × %.0f random draws "
	    "(`:draws:`) of up to %.0f words × %.0f dimensions", groups,
	    groups == 1 ? "" : "s", draws, words, dims);
	we->lower = ":draws:";
	we->at = directive_opt(d, "draws");
	return 0;
}

static const char *const submatrix_spectrum_strings[] = {
	"group",
	"words",
	"effective rank",
	"σ₁ share %",
	"random effective rank",
	"random sd",
	"random σ₁ share %",
	"z",
	"Singular values of each submatrix, as shares of their sum",
	"index",
	"σ_i / Σσ",
	"Effective rank of related and random words",
	"%s, random",
	"effective rank exp(H), H the entropy of σ_i / Σσ (Roy & Vetterli "
	    "2007); random: %s draws of as many words from the first %s rows "
	    "(seeds %s–%s); rows as stored",
	"effective rank exp(H), H the entropy of σ_i / Σσ (Roy & Vetterli "
	    "2007); random: %s draws of as many words from the first %s rows "
	    "(seeds %s–%s); rows centred",
	"effective rank exp(H), H the entropy of σ_i / Σσ (Roy & Vetterli "
	    "2007); random: %s draws of as many words from the first %s rows "
	    "(seeds %s–%s); rows scaled to length 1",
	"effective rank exp(H), H the entropy of σ_i / Σσ (Roy & Vetterli "
	    "2007); random: %s draws of as many words from the first %s rows "
	    "(seeds %s–%s); rows scaled to length 1 and centred",
	DX_PIECES_STRINGS,
	NULL
};

const struct directive_spec directive_submatrix_spectrum = {
	.name = "submatrix-spectrum",
	.summary = "singular value spectra and effective rank (Roy & "
	    "Vetterli) of groups of related words against random words",
	.opts = ss_opts,
	.body = BODY_REQUIRED,
	.body_doc = "groups, one per line: \"label: word word ...\"",
	.run = submatrix_spectrum_run,
	.estimate = submatrix_spectrum_estimate,
	.version = 1,
	.strings = submatrix_spectrum_strings,
	.example = "```{submatrix-spectrum}\n:space: glove-wiki-100d\n:top: "
	    "60\n:draws: 5\nfamily: king, queen, man, woman, prince\n```",
};
