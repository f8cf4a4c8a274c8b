/*
 * directives/cosine_scatter: {cosine-scatter} — the cosine of every pair of
 * the given words in space a against space b, with the identity line and
 * agreement.
 * Reads two declared spaces; produces a scatter chart and a table.
 * Never invents pairs: every word must be in both spaces.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/xspace.h"
#include "directives/common.h"
#include "directives/registry.h"
#include "kern/norm.h"
#include "kern/rng.h"
#include "kern/rsa.h"
#include "kern/stats.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const struct opt_spec scat_opts[] = {
	{
		.name = "a",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the space on the x axis",
	},
	{
		.name = "b",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the space on the y axis",
	},
	{
		.name = "words",
		.type = OPT_WORDS,
		.doc = "the words (or the body), 3 to 60",
	},
	DX_OPT_PIECES,
	{ .name = NULL }
};

/* The cosine of every pair of the n words in each space: x[k] in a,
 * y[k] in b, k over pairs i < j; the chart's points are labelled. */
static void
scat_pairs(const struct dx_wvec *wa, const struct dx_wvec *wb,
    char **names, long n, double *x, double *y, struct chart_series *sr)
{
	size_t i, j, k = 0;
	char lab[160];

	for (i = 0; i < (size_t)n; i++)
		for (j = i + 1; j < (size_t)n; j++, k++) {
			x[k] = vec_cosine(wa->v + i * (size_t)wa->dims,
			    wa->v + j * (size_t)wa->dims, wa->dims);
			y[k] = vec_cosine(wb->v + i * (size_t)wb->dims,
			    wb->v + j * (size_t)wb->dims, wb->dims);
			sr->x[k] = x[k];
			sr->y[k] = y[k];
			snprintf(lab, sizeof(lab), "%s–%s", names[i], names[j]);
			chart_series_label(sr, k, lab);
		}
}

/* How far the two sets of cosines agree; the columns name the spaces. */
static struct table *
scat_table(const struct directive *d, const double *x, const double *y,
    size_t m, struct result *res)
{
	char absd[300], sgnd[300];
	const char *cols[] = { "pairs", "Pearson r", "Spearman ρ", absd,
	    sgnd };
	double diff = 0, sdiff = 0;
	struct table *t;
	size_t k, row;

	for (k = 0; k < m; k++) {
		diff += fabs(x[k] - y[k]);
		sdiff += y[k] - x[k];
	}
	snprintf(absd, sizeof(absd), "mean |cos %s − cos %s|", dx_text(d, "a"),
	    dx_text(d, "b"));
	snprintf(sgnd, sizeof(sgnd), "mean (cos %s − cos %s)", dx_text(d, "b"),
	    dx_text(d, "a"));
	t = result_add_table(res, "cosine-scatter", "Agreement of the pairwise "
	    "cosines", 5, cols);
	row = table_add_row(t);
	table_set_int(t, row, 0, (long long)m);
	table_set_num(t, row, 1, stats_pearson(x, y, m, NULL), 4);
	table_set_num(t, row, 2, stats_spearman(x, y, m, NULL), 4);
	table_set_num(t, row, 3, diff / (double)m, 4);
	table_set_num(t, row, 4, sdiff / (double)m, 4);
	return t;
}

static int
scat_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	const struct space *a, *b;
	long n;
	struct dx_wvec wa, wb;
	struct table *t;
	char **names = NULL, **w;
	size_t m, nw = 0;
	double *x = NULL, *y = NULL;
	struct chart *c;
	int rc = -1;

	memset(&wa, 0, sizeof(wa));
	memset(&wb, 0, sizeof(wb));
	if ((a = dx_space(ctx, d, "a", NULL, res)) == NULL ||
	    (b = dx_space(ctx, d, "b", NULL, res)) == NULL)
		return -1;
	w = dx_words(d, "words", &nw);
	dx_free_words(w, nw);
	if (nw < 3 || nw > 60)
		return dctx_error(ctx, "{cosine-scatter} needs 3 to 60 words, "
		    "found %zu", nw);
	n = dx_shared_vectors(ctx, d, a, b, 0, &wa, &wb, &names);
	if (n < 0)
		goto out;
	m = RSA_NPAIRS(n);
	x = xcalloc(m, sizeof(double));
	y = xcalloc(m, sizeof(double));
	c = result_add_chart(res, CHART_SCATTER, "cosine-scatter",
	    "Cosine of each word pair in both spaces");
	chart_axes(c, dx_text(d, "a"), dx_text(d, "b"));
	c->identity = 1;
	scat_pairs(&wa, &wb, names, n, x, y, chart_add_series(c, "pairs",
	    m));
	t = scat_table(d, x, y, m, res);
	dx_wvec_note(&wa, &t->note);
	dx_wvec_note(&wb, &t->note);
	rc = 0;
out:
	dx_free_names(names, n > 0 ? n : 0);
	dx_wvec_free(&wa);
	dx_wvec_free(&wb);
	free(x);
	free(y);
	return rc;
}

static int
cosine_scatter_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double ra, da, rb, db, n, m;
	size_t nw = 0;
	char **w = dx_words(d, "words", &nw);

	dx_free_words(w, nw);
	if (dx_space_size(ctx, d, "a", &ra, &da) != 0 ||
	    dx_space_size(ctx, d, "b", &rb, &db) != 0)
		return -1;
	n = (double)nw;
	m = n * (n - 1) / 2;
	we->ops = m * (da + db) + m * 40;
	we->bytes = m * 8 * 4;
	dx_why(we->why, sizeof(we->why), "%.0f word pairs (`:words:`) × "
	    "%.0f + %.0f dimensions", m, da, db);
	we->lower = ":words:";
	we->at = directive_opt(d, "words");
	return 0;
}

static const char *const cosine_scatter_strings[] = {
	"pairs",
	"Pearson r",
	"Spearman ρ",
	"mean |cos %s − cos %s|",
	"mean (cos %s − cos %s)",
	"Cosine of each word pair in both spaces",
	"Agreement of the pairwise cosines",
	DX_PIECES_STRINGS,
	NULL
};

const struct directive_spec directive_cosine_scatter = {
	.name = "cosine-scatter",
	.summary = "pairwise cosines of words in space a against space b, "
	    "identity line",
	.opts = scat_opts,
	.body = BODY_OPTIONAL,
	.body_doc = "the words (instead of :words:)",
	.run = scat_run,
	.estimate = cosine_scatter_estimate,
	.version = 1,
	.strings = cosine_scatter_strings,
	.example = "```{cosine-scatter}\n:a: glove-wiki-100d\n:b: "
	    "glove-twitter-25d\n"
	    "the quick brown fox jumped over the lazy dog\n```",
};
