/*
 * directives/position_curves: {position-curves} — chosen coordinates of
 * position embeddings drawn as curves over the positions: dimensions,
 * the L2 norm of each position's vector, or the scores on the first
 * principal components (GPT-2's learned ones trace a helix-like curve).
 * Reads one declared space whose row i is position i; produces line
 * charts, a PC 1 × PC 2 scatter and a table describing each curve.
 * Never smooths or resamples: every position of the range is a point.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/pca.h"
#include "store/space.h"
#include "util/xalloc.h"

#define PC_MAXCURVES 16
#define PC_MAXN 100000

static const struct opt_spec pc_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "a space whose row i is position i (`rows: positions`, "
		    "`positions:`)",
	},
	{
		.name = "dims",
		.type = OPT_WORDS,
		.doc = "dimensions (0-based) to draw, and `norm` for the L2 "
		    "norm of each position's vector",
	},
	{
		.name = "components",
		.type = OPT_INT,
		.def = "0",
		.min = 0,
		.max = 8,
		.doc = "also draw the scores on the first N principal "
		    "components of the range's rows (centred; N ≥ 2 adds a "
		    "PC 1 × PC 2 scatter)",
	},
	{
		.name = "from",
		.type = OPT_INT,
		.def = "0",
		.min = 0,
		.max = 10000000,
		.doc = "the first position",
	},
	{
		.name = "to",
		.type = OPT_INT,
		.min = 0,
		.max = 10000000,
		.doc = "the last position (default: the space's last row)",
	},
	{ .name = NULL }
};

/* Describes curve y[0..n) (positions from..) in a new row of t. */
static void
describe(struct table *t, const char *name, const double *y, long n,
    long from, double share)
{
	double mn = INFINITY, mx = -INFINITY, m = 0, num = 0, den = 0;
	long i, amin = 0, amax = 0, changes = 0;
	size_t row = table_add_row(t);

	for (i = 0; i < n; i++) {
		m += y[i];
		if (y[i] < mn) {
			mn = y[i];
			amin = i;
		}
		if (y[i] > mx) {
			mx = y[i];
			amax = i;
		}
		if (i > 0 && y[i - 1] * y[i] < 0)
			changes++;
	}
	m /= (double)n;
	for (i = 0; i < n; i++) {
		den += (y[i] - m) * (y[i] - m);
		if (i + 1 < n)
			num += (y[i] - m) * (y[i + 1] - m);
	}
	table_set_text(t, row, 0, name);
	table_set_num(t, row, 1, y[0], 4);
	table_set_num(t, row, 2, y[n - 1], 4);
	table_set_num(t, row, 3, mn, 4);
	table_set_int(t, row, 4, from + amin);
	table_set_num(t, row, 5, mx, 4);
	table_set_int(t, row, 6, from + amax);
	table_set_num(t, row, 7, m, 4);
	table_set_num(t, row, 8, den > 0 ? num / den : NAN, 4);
	table_set_int(t, row, 9, changes);
	if (!isnan(share))	/* left empty for a dimension or the norm */
		table_set_num(t, row, 10, 100 * share, 1);
}

static void
add_curve(struct chart *c, const char *name, const double *y, long n,
    long from)
{
	struct chart_series *sr = chart_add_series(c, name, (size_t)n);
	long i;

	for (i = 0; i < n; i++) {
		sr->x[i] = (double)(from + i);
		sr->y[i] = y[i];
	}
}

static int
pc_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "curve", "first", "last", "min",
	    "argmin", "max", "argmax", "mean", "lag-1 autocorrelation",
	    "sign changes", "variance %" };
	const struct dopt *dm = directive_opt(d, "dims"),
	    *fo = directive_opt(d, "from"), *to_ = directive_opt(d, "to");
	int ncomp = (int)directive_opt(d, "components")->i, dims, k;
	const struct space *s;
	long from, to, n, i, dim[PC_MAXCURVES];
	struct chart *c = NULL;
	struct table *t;
	double *y;
	char name[64], desc[300];
	size_t w;
	int rc = -1;

	if ((s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		return -1;
	dims = space_dims(s);
	if (dm->nwords == 0 && ncomp == 0)
		return dctx_error(ctx, "{position-curves} needs :dims: or "
		    ":components:");
	if (dm->nwords > PC_MAXCURVES)
		return dctx_error_at(ctx, dm, ":dims: lists %zu curves; at "
		    "most %d", dm->nwords, PC_MAXCURVES);
	for (w = 0; w < dm->nwords; w++) {
		char *end;

		if (strcmp(dm->words[w], "norm") == 0) {
			dim[w] = -1;
			continue;
		}
		dim[w] = strtol(dm->words[w], &end, 10);
		if (*end != '\0' || end == dm->words[w] || dim[w] < 0)
			return dctx_error_at(ctx, dm, ":dims: '%s' is neither "
			    "a dimension number nor 'norm'", dm->words[w]);
		if (dim[w] >= dims)
			return dctx_error_at(ctx, dm, ":dims: %ld is beyond "
			    "the last dimension of '%s' (%d)", dim[w],
			    dx_text(d, "space"), dims - 1);
	}
	from = fo->i;
	to = to_->set ? to_->i : space_rows(s) - 1;
	if (to >= space_rows(s))
		return dctx_error_at(ctx, to_, ":to: %ld is beyond the last "
		    "position of '%s' (%ld)", to, dx_text(d, "space"),
		    space_rows(s) - 1);
	if (from >= to)
		return dctx_error_at(ctx, fo, ":from: %ld must be below :to: "
		    "%ld", from, to);
	n = to - from + 1;
	if (n > PC_MAXN)
		return dctx_error_at(ctx, to_->set ? to_ : fo, "%ld positions "
		    "asked for; at most %d", n, PC_MAXN);
	if (ncomp > 0 && ncomp > dims)
		return dctx_error_at(ctx, directive_opt(d, "components"),
		    ":components: %d exceeds the %d dimensions", ncomp, dims);

	y = xcalloc((size_t)n, sizeof(double));
	t = result_add_table(res, "position-curves", "Curves over positions",
	    11, cols);
	if (dm->nwords > 0) {
		c = result_add_chart(res, CHART_LINE, "position-curves",
		    "Coordinates of the position embeddings");
		chart_axes(c, "position", "value");
		c->zero_line = 1;
		snprintf(desc, sizeof(desc), "The chosen coordinates of the "
		    "embeddings of positions %ld to %ld, one line each", from,
		    to);
		chart_desc(c, desc);
	}
	for (w = 0; w < dm->nwords; w++) {
		for (i = 0; i < n; i++) {
			const float *r = space_row(s, from + i);

			if (dim[w] >= 0)
				y[i] = r[dim[w]];
			else {
				double q = 0;

				for (k = 0; k < dims; k++)
					q += (double)r[k] * r[k];
				y[i] = sqrt(q);
			}
		}
		if (dim[w] >= 0)
			snprintf(name, sizeof(name), "dim %ld", dim[w]);
		else
			snprintf(name, sizeof(name), "norm");
		add_curve(c, name, y, n, from);
		describe(t, name, y, n, from, NAN);
	}
	if (ncomp > 0) {
		float *mu = xcalloc((size_t)dims, sizeof(float));
		float *comp = xcalloc((size_t)ncomp * (size_t)dims,
		    sizeof(float));
		float *sc = xcalloc((size_t)n * (size_t)ncomp, sizeof(float));
		double *var = xcalloc((size_t)ncomp, sizeof(double)), total;
		struct diag dg;
		struct chart *pc;

		if (pca_fit(space_row(s, from), n, dims, ncomp, mu, comp, var,
		    &total, &dg) < 0) {
			dctx_error(ctx, "principal components: %s", dg.msg);
			free(mu);
			free(comp);
			free(sc);
			free(var);
			goto out;
		}
		pca_project(space_row(s, from), n, dims, mu, comp, ncomp, sc);
		pc = result_add_chart(res, CHART_LINE,
		    "position-curves-components",
		    "Principal component scores by position");
		chart_axes(pc, "position", "score");
		pc->zero_line = 1;
		snprintf(desc, sizeof(desc), "Scores of positions %ld to %ld "
		    "on the first %d principal components of their "
		    "embeddings, one line each", from, to, ncomp);
		chart_desc(pc, desc);
		for (k = 0; k < ncomp; k++) {
			for (i = 0; i < n; i++)
				y[i] = sc[(size_t)i * (size_t)ncomp +
				    (size_t)k];
			snprintf(name, sizeof(name), "PC %d", k + 1);
			add_curve(pc, name, y, n, from);
			describe(t, name, y, n, from, total > 0 ? var[k] /
			    total : NAN);
		}
		if (ncomp >= 2) {
			struct chart_series *sr;
			long step = n / 16 > 0 ? n / 16 : 1;

			pc = result_add_chart(res, CHART_SCATTER,
			    "position-curves-pc12",
			    "Positions on the first two principal components");
			chart_axes(pc, "PC 1", "PC 2");
			snprintf(desc, sizeof(desc), "Each of positions %ld to "
			    "%ld as a point (PC 1, PC 2); every %ld-th "
			    "position labelled", from, to, step);
			chart_desc(pc, desc);
			sr = chart_add_series(pc, "positions", (size_t)n);
			for (i = 0; i < n; i++) {
				sr->x[i] = sc[(size_t)i * (size_t)ncomp];
				sr->y[i] = sc[(size_t)i * (size_t)ncomp + 1];
				if (i % step == 0 || i == n - 1) {
					snprintf(name, sizeof(name), "%ld",
					    from + i);
					chart_series_label(sr, (size_t)i, name);
				}
			}
		}
		free(mu);
		free(comp);
		free(sc);
		free(var);
	}
	t->note = xstrdup("argmin and argmax are positions; lag-1 "
	    "autocorrelation near 1 means a smooth curve; variance % is the "
	    "share of the total variance a principal component carries");
	rc = 0;
out:
	free(y);
	return rc;
}

static int
pc_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *to = directive_opt(d, "to");
	double rows, dims, n, k = (double)directive_opt(d, "components")->i;

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	n = (to->set ? (double)to->i + 1 : rows) -
	    (double)directive_opt(d, "from")->i;
	if (n < 1)
		n = 1;
	/* The curves, and for components a covariance (n × dims²) and
	 * its eigen-decomposition (≈ 10 dims³). */
	we->ops = n * dims * 17 + (k > 0 ? n * dims * dims + 10 * dims *
	    dims * dims : 0);
	we->bytes = n * 8 * 3 + (k > 0 ? dims * dims * 16 + n * k * 4 : 0);
	dx_why(we->why, sizeof(we->why), "%.0f positions × %.0f dimensions%s",
	    n, dims, k > 0 ? "² (`:components:`)" : "");
	we->lower = ":from: and :to:";
	we->at = to->set ? to : directive_opt(d, "from");
	return 0;
}

static const char *const position_curves_strings[] = {
	"curve",
	"first",
	"last",
	"min",
	"argmin",
	"max",
	"argmax",
	"mean",
	"lag-1 autocorrelation",
	"sign changes",
	"variance %",
	"Curves over positions",
	"Coordinates of the position embeddings",
	"position",
	"value",
	"Principal component scores by position",
	"score",
	"Positions on the first two principal components",
	"PC 1",
	"PC 2",
	"positions",
	"norm",
	"dim %s",
	"PC %s",
	"argmin and argmax are positions; lag-1 autocorrelation near 1 means "
	    "a smooth curve; variance % is the share of the total variance a "
	    "principal component carries",
	NULL
};

const struct directive_spec directive_position_curves = {
	.name = "position-curves",
	.summary = "chosen dimensions, the norm or the first principal "
	    "components of position embeddings as curves over the positions",
	.opts = pc_opts,
	.body = BODY_NONE,
	.run = pc_run,
	.estimate = pc_estimate,
	.version = 1,
	.strings = position_curves_strings,
	.example = "```{position-curves}\n:space: sinusoidal-1024\n"
	    ":dims: 0, 1, 6, norm\n:components: 2\n```",
};
