/*
 * directives/svd_spectrum: {svd-spectrum} — singular values of the PPMI
 * matrix of a corpus's most frequent words, or of a space's top rows: how
 * flat the spectrum is (entropy, effective rank).
 * Reads corpora and spaces; produces a chart and a table.
 * Never decomposes more than :top: words.
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

static const struct opt_spec spec_opts[] = {
	{
		.name = "corpora",
		.type = OPT_WORDS,
		.doc = "declared corpora: the PPMI block of their top words",
	},
	{
		.name = "spaces",
		.type = OPT_WORDS,
		.doc = "declared spaces: the matrix of their top rows (words "
		    "× dims)",
	},
	{
		.name = "top",
		.type = OPT_INT,
		.def = "1000",
		.min = 10,
		.max = 5000,
		.doc = "the PPMI block of the N most frequent words",
	},
	{
		.name = "window",
		.type = OPT_INT,
		.def = "5",
		.min = 1,
		.max = 50,
		.doc = "co-occurrence window",
	},
	{
		.name = "k",
		.type = OPT_INT,
		.def = "10",
		.min = 1,
		.max = 1000,
		.doc = "share of the spectrum in the top k singular values",
	},
	{ .name = NULL }
};

static int
spec_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "source", "N", "top-k share %",
	    "spectral entropy (normalised)", "effective rank", "rank" };
	const struct dopt *co = directive_opt(d, "corpora"),
	    *so = directive_opt(d, "spaces");
	int n = (int)directive_opt(d, "top")->i, kk = (int)directive_opt(d,
	    "k")->i;
	struct chart *ch;
	struct table *t;
	size_t k;
	char cap[96];

	ch = result_add_chart(res, CHART_LINE, "svd-spectrum", "Normalised "
	    "singular values (log scale)");
	chart_axes(ch, "index", "σ_i / Σσ");
	ch->logx = ch->logy = 1;
	snprintf(cap, sizeof(cap), "Singular value spectrum of the top %d "
	    "words", n);
	t = result_add_table(res, "svd-spectrum", cap, 6, cols);
	for (k = 0; k < co->nwords; k++) {
		const struct corpus *c = dx_corpus(ctx, d, "corpora",
		    co->words[k], res);
		struct cooc x;
		struct spectrum sp;
		struct diag dg;
		struct chart_series *s;
		double *a;
		int m, i;
		size_t row;

		if (c == NULL)
			return -1;
		m = (size_t)n < c->ntypes ? n : (int)c->ntypes;
		memset(&x, 0, sizeof(x));
		if (cooc_count(c->tok, c->doc, c->ndocs, c->ntypes, (int)
		    directive_opt(d, "window")->i, 0, (size_t)m, &x, &dg) < 0)
			return dctx_error(ctx, "%s", dg.msg);
		a = xcalloc((size_t)m * (size_t)m, sizeof(double));
		if (cooc_dense(&x, (size_t)m, COOC_PPMI, 0.75, a, &dg) < 0 ||
		    spectrum_compute(a, m, 1, kk, &sp, &dg) < 0) {
			free(a);
			cooc_clear(&x);
			return dctx_error(ctx, "corpus '%s': %s", co->words[k],
			    dg.msg);
		}
		s = chart_add_series(ch, co->words[k], (size_t)m);
		for (i = 0; i < m; i++) {
			s->x[i] = i + 1;
			s->y[i] = sp.norm[i] > 0 ? sp.norm[i] : NAN;
		}
		row = table_add_row(t);
		table_set_text(t, row, 0, co->words[k]);
		table_set_int(t, row, 1, m);
		table_set_num(t, row, 2, 100 * sp.top_share, 1);
		table_set_num(t, row, 3, sp.norm_entropy, 4);
		table_set_num(t, row, 4, sp.erank, 1);
		table_set_int(t, row, 5, sp.rank);
		spectrum_clear(&sp);
		free(a);
		cooc_clear(&x);
	}
	for (k = 0; k < so->nwords; k++) {
		const struct space *sp = dx_space_named(ctx, so,
		    so->words[k], NULL, res);
		struct chart_series *s;
		double *x, *sv, sum = 0, h = 0, top = 0;
		int m, dims, i, j, r = 0;
		size_t row;

		if (sp == NULL)
			return -1;
		dims = space_dims(sp);
		m = space_rows(sp) < n ? (int)space_rows(sp) : n;
		x = xcalloc((size_t)m * (size_t)dims, sizeof(double));
		sv = xcalloc((size_t)dims + 1, sizeof(double));
		for (i = 0; i < m; i++)
			for (j = 0; j < dims; j++)
				x[(size_t)i * (size_t)dims + (size_t)j] =
				    space_row(sp, i)[j];
		if (LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'N', m, dims, x, dims, sv,
		    NULL, dims, NULL, dims) != 0) {
			free(x);
			free(sv);
			return dctx_error(ctx, "space '%s': the SVD did not "
			    "converge", so->words[k]);
		}
		m = m < dims ? m : dims;
		for (i = 0; i < m; i++)
			sum += sv[i];
		s = chart_add_series(ch, so->words[k], (size_t)m);
		for (i = 0; i < m; i++) {
			double p = sum > 0 ? sv[i] / sum : 0;

			if (p > 0)
				h -= p * log2(p);
			if (i < kk)
				top += p;
			if (sv[i] > m * 2.220446049250313e-16 * sv[0])
				r++;
			s->x[i] = i + 1;
			s->y[i] = p > 0 ? p : NAN;
		}
		row = table_add_row(t);
		table_set_text(t, row, 0, so->words[k]);
		table_set_int(t, row, 1, m);
		table_set_num(t, row, 2, 100 * top, 1);
		table_set_num(t, row, 3, m > 1 ? h / log2(m) : NAN, 4);
		table_set_num(t, row, 4, pow(2, h), 1);
		table_set_int(t, row, 5, r);
		free(x);
		free(sv);
	}
	if (co->nwords + so->nwords == 0)
		return dctx_error(ctx, "{svd-spectrum} needs :corpora: or "
		    ":spaces:");
	t->note = xstrdup("corpora: PPMI with context-distribution smoothing "
	    "0.75; spaces: the raw matrix of the top rows; a flatter spectrum "
	    "has a higher normalised entropy and effective rank (2^H of "
	    "σ_i / Σσ)");
	return 0;
}

static int
svd_spectrum_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *co = directive_opt(d, "corpora"),
	    *so = directive_opt(d, "spaces"), *to = directive_opt(d, "top");
	double n = (double)to->i, w = (double)directive_opt(d, "window")->i;
	double tok, types, rows, dims, m, ops = 0;
	size_t k;

	for (k = 0; k < co->nwords; k++) {
		if (dx_corpus_size(ctx, co, co->words[k], &tok, &types) != 0)
			return -1;
		/* Counting (2 × window per token), then a dense SVD of the
		 * top-N block (≈ 4 n³). */
		m = n < types ? n : types;
		ops += tok * 2 * w * 4 + 4 * m * m * m;
	}
	for (k = 0; k < so->nwords; k++) {
		if (dx_space_size_named(ctx, so, so->words[k], &rows, &dims)
		    != 0)
			return -1;
		m = n < rows ? n : rows;
		ops += 4 * m * dims * dims;
	}
	we->ops = ops;
	we->bytes = n * n * 8 * 3;
	dx_why(we->why, sizeof(we->why), "%zu matrices of up to `:top: %.0f` "
	    "words (≈ 4 × N³ each, N ≤ %.0f)", co->nwords + so->nwords, n, n);
	we->lower = ":top:";
	we->at = to;
	return 0;
}

static const char *const svd_spectrum_strings[] = {
	"source",
	"N",
	"top-k share %",
	"spectral entropy (normalised)",
	"effective rank",
	"rank",
	"Normalised singular values (log scale)",
	"index",
	"σ_i / Σσ",
	"Singular value spectrum of the top %s words",
	"corpora: PPMI with context-distribution smoothing 0.75; "
	    "spaces: the raw matrix of the top rows; a flatter spectrum "
	    "has a higher normalised entropy and effective rank (2^H of "
	    "σ_i / Σσ)",
	NULL
};

const struct directive_spec directive_svd_spectrum = {
	.name = "svd-spectrum",
	.summary = "singular values of the PPMI matrix of a corpus's most "
	    "frequent "
	    "words, or of a space's top rows",
	.opts = spec_opts,
	.body = BODY_NONE,
	.run = spec_run,
	.estimate = svd_spectrum_estimate,
	.version = 1,
	.strings = svd_spectrum_strings,
	.example = "```{svd-spectrum}\n:corpora: wikipedia, twitter\n:top: "
	    "1000\n```",
};
