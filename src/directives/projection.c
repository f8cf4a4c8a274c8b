/*
 * directives/projection: {projection} — a word list, a space's first
 * rows or named groups projected on their top principal directions
 * (PCA, centred) or top right singular vectors (truncated SVD, not
 * centred), with the share of variance each carries and what the first
 * direction lines up with (the mean vector, the vectors' lengths).
 * Reads one declared space; produces a word map and three tables.
 * Never centres unless asked (:centred: is the difference).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "directives/wordset.h"
#include "kern/proj.h"
#include "store/space.h"
#include "util/xalloc.h"

static const struct opt_spec proj_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	WORDSET_OPTS,
	{
		.name = "centred",
		.type = OPT_BOOL,
		.def = "true",
		.doc = "true: PCA (the mean word subtracted first); false: "
		    "truncated SVD of the vectors as they are",
	},
	{
		.name = "components",
		.type = OPT_INT,
		.def = "2",
		.min = 2,
		.max = 10,
		.doc = "directions whose variance share the table reports (the "
		    "map uses the first two)",
	},
	{
		.name = "rows",
		.type = OPT_INT,
		.def = "200",
		.min = 0,
		.max = 20000,
		.doc = "at most N words in the coordinate table (the chart's "
		    "data holds them all)",
	},
	{ .name = NULL }
};

/* Pearson r of a[0..n) and b[0..n) (NaN when either is constant). */
static double
pearson(const double *a, const double *b, size_t n)
{
	double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		ma += a[i];
		mb += b[i];
	}
	ma /= (double)n;
	mb /= (double)n;
	for (i = 0; i < n; i++) {
		sab += (a[i] - ma) * (b[i] - mb);
		saa += (a[i] - ma) * (a[i] - ma);
		sbb += (b[i] - mb) * (b[i] - mb);
	}
	return saa > 0 && sbb > 0 ? sab / sqrt(saa * sbb) : NAN;
}

static int
proj_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "space", "words", "method",
	    "component 1 %", "component 2 %", "first two %",
	    "|cos(direction 1, mean)|", "r(coordinate 1, length)",
	    "energy on direction 1 %" };
	static const char *const vcols[] = { "component", "variance %",
	    "cumulative %" };
	static const char *const wcols[] = { "word", "group", "component 1",
	    "component 2" };
	const char *sname = dx_text(d, "space");
	int centred = directive_opt(d, "centred")->b;
	int k = (int)directive_opt(d, "components")->i, dims, j;
	const struct space *s;
	struct wordset ws;
	struct table *t;
	struct chart *c;
	struct diag dg;
	float *x = NULL, *out = NULL, *comp = NULL;
	double *ratio = NULL, *xy = NULL, *len = NULL, *c1 = NULL, cum = 0;
	double mdot = 0, mn = 0, cn = 0, e1 = 0, etot = 0;
	char title[128], desc[256];
	char *const empty[] = { (char *)"" };
	size_t i, row, shown, maxrows = (size_t)directive_opt(d, "rows")->i;
	int rc = -1;

	if ((s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		return -1;
	if (wordset_get(ctx, d, s, sname, 3, 20000, &ws) < 0)
		return -1;
	dims = space_dims(s);
	if (k > dims)
		k = dims;
	if ((size_t)k >= ws.n)
		k = (int)ws.n - 1;
	if (k < 2) {
		dctx_error(ctx, "{projection} needs a space of at least 2 "
		    "dimensions, found %d", dims);
		goto out;
	}
	x = wordset_matrix(&ws);
	out = xcalloc(ws.n * (size_t)k, sizeof(float));
	comp = xcalloc((size_t)k * (size_t)dims, sizeof(float));
	ratio = xcalloc((size_t)k, sizeof(double));
	if (proj_linear(x, (long)ws.n, dims, k, centred, out, comp, ratio,
	    &dg) < 0) {
		dctx_error(ctx, "%s: %s", centred ? "PCA" : "SVD", dg.msg);
		goto out;
	}
	xy = xcalloc(2 * ws.n, sizeof(double));
	len = xcalloc(ws.n, sizeof(double));
	c1 = xcalloc(ws.n, sizeof(double));
	for (i = 0; i < ws.n; i++) {
		double q = 0;

		for (j = 0; j < dims; j++)
			q += (double)x[i * (size_t)dims + (size_t)j] *
			    x[i * (size_t)dims + (size_t)j];
		len[i] = sqrt(q);
		etot += q;
		for (q = 0, j = 0; j < dims; j++)
			q += (double)x[i * (size_t)dims + (size_t)j] * comp[j];
		e1 += q * q;
		xy[2 * i] = c1[i] = out[i * (size_t)k];
		xy[2 * i + 1] = out[i * (size_t)k + 1];
	}
	/* the first direction against the mean vector of the words */
	for (j = 0; j < dims; j++) {
		double m = 0;

		for (i = 0; i < ws.n; i++)
			m += x[i * (size_t)dims + (size_t)j];
		m /= (double)ws.n;
		mdot += m * comp[j];
		mn += m * m;
		cn += (double)comp[j] * comp[j];
	}
	snprintf(title, sizeof(title), centred ? "PCA projection" :
	    "SVD projection (not centred)");
	c = wordset_map(res, "projection", title, &ws, xy, ws.group,
	    ws.ngroups, ws.grouped ? ws.glabels : empty);
	chart_axes(c, "component 1", "component 2");
	snprintf(desc, sizeof(desc), "%zu words of %s projected on their "
	    "first two %s, which carry %.1f%% and %.1f%% of the variance",
	    ws.n, sname, centred ? "principal components" :
	    "right singular vectors", 100 * ratio[0], 100 * ratio[1]);
	chart_desc(c, desc);

	t = result_add_table(res, "projection", title, 9, cols);
	row = table_add_row(t);
	table_set_text(t, row, 0, sname);
	table_set_int(t, row, 1, (long long)ws.n);
	table_set_text(t, row, 2, centred ? "PCA" : "SVD");
	table_set_num(t, row, 3, 100 * ratio[0], 2);
	table_set_num(t, row, 4, 100 * ratio[1], 2);
	table_set_num(t, row, 5, 100 * (ratio[0] + ratio[1]), 2);
	table_set_num(t, row, 6, mn > 0 && cn > 0 ? fabs(mdot) /
	    sqrt(mn * cn) : NAN, 4);
	table_set_num(t, row, 7, pearson(c1, len, ws.n), 4);
	table_set_num(t, row, 8, etot > 0 && cn > 0 ? 100 * e1 / (etot * cn) :
	    NAN, 2);
	t->note = xstrdup(centred ? "variance shares as scikit-learn's "
	    "PCA.explained_variance_ratio_; energy: the share of Σ‖x‖² (the "
	    "vectors as they are) along direction 1" : "variance shares as "
	    "scikit-learn's TruncatedSVD.explained_variance_ratio_ (the "
	    "variance of each projection over the total variance); energy: "
	    "the share of Σ‖x‖² (the vectors as they are) along direction 1");

	t = result_add_table(res, "projection-variance", "Variance per "
	    "component", 3, vcols);
	for (j = 0; j < k; j++) {
		cum += ratio[j];
		row = table_add_row(t);
		table_set_int(t, row, 0, j + 1);
		table_set_num(t, row, 1, 100 * ratio[j], 2);
		table_set_num(t, row, 2, 100 * cum, 2);
	}

	t = result_add_table(res, "projection-words", "Coordinates", 4,
	    wcols);
	shown = ws.n < maxrows ? ws.n : maxrows;
	for (i = 0; i < shown; i++) {
		row = table_add_row(t);
		table_set_text(t, row, 0, ws.words[i]);
		table_set_text(t, row, 1, ws.glabels[ws.group[i]]);
		table_set_num(t, row, 2, xy[2 * i], 4);
		table_set_num(t, row, 3, xy[2 * i + 1], 4);
	}
	wordset_note(&ws, t, shown);
	rc = 0;
out:
	free(x);
	free(out);
	free(comp);
	free(ratio);
	free(xy);
	free(len);
	free(c1);
	wordset_clear(&ws);
	return rc;
}

static int
proj_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, n = (double)wordset_count(d);

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	if (n > rows)
		n = rows;
	/* The dims × dims covariance (n · dims²) and its eigenvectors. */
	we->ops = n * dims * dims + 10 * dims * dims * dims;
	we->bytes = n * dims * 8 + dims * dims * 16;
	dx_why(we->why, sizeof(we->why), "%.0f words (the word list or "
	    "`:top:`) × %.0f² dimensions", n, dims);
	we->lower = ":top: or the words";
	we->at = directive_opt(d, "top");
	return 0;
}

static const char *const proj_strings[] = {
	"space",
	"words",
	"method",
	"component 1 %",
	"component 2 %",
	"first two %",
	"|cos(direction 1, mean)|",
	"r(coordinate 1, length)",
	"energy on direction 1 %",
	"component",
	"variance %",
	"cumulative %",
	"word",
	"group",
	"component 1",
	"component 2",
	"PCA projection",
	"SVD projection (not centred)",
	"Variance per component",
	"Coordinates",
	"variance shares as scikit-learn's PCA.explained_variance_ratio_; "
	    "energy: the share of Σ‖x‖² (the vectors as they are) along "
	    "direction 1",
	"variance shares as scikit-learn's "
	    "TruncatedSVD.explained_variance_ratio_ (the variance of each "
	    "projection over the total variance); energy: the share of Σ‖x‖² "
	    "(the vectors as they are) along direction 1",
	WORDSET_STRINGS,
	NULL
};

const struct directive_spec directive_projection = {
	.name = "projection",
	.summary = "words projected on their top principal components (PCA) "
	    "or singular vectors (SVD, not centred), with explained variance",
	.opts = proj_opts,
	.body = BODY_OPTIONAL,
	.body_doc = "the words, or with :groups: one group a line "
	    "(`label: word word …`)",
	.run = proj_run,
	.estimate = proj_estimate,
	.version = 1,
	.strings = proj_strings,
	.example = "```{projection}\n:space: glove-wiki-100d\n:groups:\n"
	    ":centred: false\n"
	    "royalty: king queen prince princess\n"
	    "family: father mother brother sister son daughter\n"
	    "animals: cat dog frog\n"
	    "colours: purple red blue green\n```",
};
