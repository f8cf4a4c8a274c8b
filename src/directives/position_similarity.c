/*
 * directives/position_similarity: {position-similarity} — how alike the
 * embeddings of two positions are: the cosine between every pair of
 * positions (drawn as a heatmap of every stride-th position) and the
 * cosine as a function of the distance |i − j|, averaged over i.
 * Reads one declared space whose rows are positions (row i = position
 * i); produces a heatmap, a line chart and a table of chosen distances.
 * Never draws more than 32 × 32 heatmap cells (about 115 KB of SVG): longer ranges are sampled.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/posemb.h"
#include "store/space.h"
#include "util/xalloc.h"

/* The most positions :from:/:to: may span (an n² matrix of doubles). */
#define PS_MAXN 4096
/* The most cells per side of the heatmap. */
#define PS_MAXSIDE 32

static const struct opt_spec ps_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "a space whose row i is position i (`rows: positions`, "
		    "`positions:`)",
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
		.doc = "the last position (default: the space's last row); at "
		    "most 4096 positions in all",
	},
	{
		.name = "stride",
		.type = OPT_INT,
		.def = "0",
		.min = 0,
		.max = 100000,
		.doc = "heatmap: every N-th position; 0: the smallest stride "
		    "that keeps the heatmap within 32 × 32 cells",
	},
	{
		.name = "heatmap",
		.type = OPT_BOOL,
		.def = "true",
		.doc = "draw the heatmap (false: only the curve and the table, "
		    "e.g. for a second range of one space on a page)",
	},
	{
		.name = "distances",
		.type = OPT_WORDS,
		.def = "1, 2, 5, 10, 20, 50, 100, 200, 500",
		.doc = "the distances the table lists (those the range "
		    "cannot hold are left out)",
	},
	{ .name = NULL }
};

/* The positions [*from, *to] the options ask for, checked against s. */
static int
ps_range(struct dctx *ctx, const struct directive *d, const struct space *s,
    long *from, long *to)
{
	const struct dopt *fo = directive_opt(d, "from"),
	    *to_ = directive_opt(d, "to");

	*from = fo->i;
	*to = to_->set ? to_->i : space_rows(s) - 1;
	if (*to >= space_rows(s))
		return dctx_error_at(ctx, to_, ":to: %ld is beyond the last "
		    "position of '%s' (%ld)", *to, dx_text(d, "space"),
		    space_rows(s) - 1);
	if (*from >= *to)
		return dctx_error_at(ctx, fo, ":from: %ld must be below :to: "
		    "%ld", *from, *to);
	if (*to - *from + 1 > PS_MAXN)
		return dctx_error_at(ctx, to_->set ? to_ : fo, "%ld positions "
		    "asked for; at most %d (narrow :from: and :to:)",
		    *to - *from + 1, PS_MAXN);
	return 0;
}

static int
ps_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "distance", "mean cosine",
	    "min cosine", "max cosine", "pairs" };
	const struct dopt *dist = directive_opt(d, "distances");
	const struct space *s;
	long from, to, n, stride, side, i, j, k;
	double *unit, *g, *mean, *lo, *hi;
	struct chart *c;
	struct chart_series *sr;
	struct table *t;
	char lab[32], desc[300];
	int dims;

	if ((s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		return -1;
	if (ps_range(ctx, d, s, &from, &to) < 0)
		return -1;
	for (k = 0; k < (long)dist->nwords; k++) {
		char *end;
		long v = strtol(dist->words[k], &end, 10);

		if (*end != '\0' || v < 1 || end == dist->words[k])
			return dctx_error_at(ctx, dist, ":distances: '%s' is "
			    "not a whole number of 1 or more",
			    dist->words[k]);
	}
	n = to - from + 1;
	dims = space_dims(s);
	unit = xcalloc((size_t)n * (size_t)dims, sizeof(double));
	g = xcalloc((size_t)n * (size_t)n, sizeof(double));
	mean = xcalloc((size_t)n, sizeof(double));
	lo = xcalloc((size_t)n, sizeof(double));
	hi = xcalloc((size_t)n, sizeof(double));
	posemb_cosines(space_row(s, from), n, dims, unit, g);
	posemb_by_distance(g, n, mean, lo, hi);

	stride = directive_opt(d, "stride")->i;
	if (stride == 0)
		stride = (n + PS_MAXSIDE - 1) / PS_MAXSIDE;
	side = (n + stride - 1) / stride;
	if (side > PS_MAXSIDE) {
		free(unit);
		free(g);
		free(mean);
		free(lo);
		free(hi);
		return dctx_error_at(ctx, directive_opt(d, "stride"),
		    ":stride: %ld leaves %ld × %ld cells; at most %d per side "
		    "(use %ld or more, or 0)", stride, side, side, PS_MAXSIDE,
		    (n + PS_MAXSIDE - 1) / PS_MAXSIDE);
	}
	if (directive_opt(d, "heatmap")->b) {
		c = result_add_chart(res, CHART_HEATMAP, "position-similarity",
		    "Cosine similarity between positions");
		chart_matrix(c, (size_t)side, (size_t)side);
		c->diverging = 1;
		c->vmin = -1;
		c->vmax = 1;
		for (i = 0; i < side; i++) {
			snprintf(lab, sizeof(lab), "%ld", from + i * stride);
			c->rowlabels[i] = xstrdup(lab);
			c->collabels[i] = xstrdup(lab);
			for (j = 0; j < side; j++)
				c->cells[(size_t)i * (size_t)side + (size_t)j] =
				    g[(size_t)(i * stride) * (size_t)n +
				    (size_t)(j * stride)];
		}
		snprintf(desc, sizeof(desc), "Cosine similarity between "
		    "positions %ld to %ld, every %ld-th position, from -1 "
		    "(blue) through 0 (white) to 1 (red)", from, to, stride);
		chart_desc(c, desc);
	}

	c = result_add_chart(res, CHART_LINE, "position-similarity-distance",
	    "Mean cosine similarity by distance");
	chart_axes(c, "distance |i − j|", "mean cosine");
	c->zero_line = 1;
	sr = chart_add_series(c, "mean cosine", (size_t)(n - 1));
	for (k = 1; k < n; k++) {
		sr->x[k - 1] = (double)k;
		sr->y[k - 1] = mean[k];
	}
	snprintf(desc, sizeof(desc), "Mean cosine similarity between "
	    "positions i and i + k over positions %ld to %ld, for every "
	    "distance k from 1 to %ld", from, to, n - 1);
	chart_desc(c, desc);

	t = result_add_table(res, "position-similarity", "Cosine similarity "
	    "by distance", 5, cols);
	for (k = 0; k < (long)dist->nwords; k++) {
		long v = strtol(dist->words[k], NULL, 10);
		size_t row;

		if (v >= n)
			continue;
		row = table_add_row(t);
		table_set_int(t, row, 0, v);
		table_set_num(t, row, 1, mean[v], 4);
		table_set_num(t, row, 2, lo[v], 4);
		table_set_num(t, row, 3, hi[v], 4);
		table_set_int(t, row, 4, n - v);
	}
	/* the lowest point of the whole curve, listed or not */
	for (k = 1, j = 1; k < n; k++)
		if (mean[k] < mean[j])
			j = k;
	if (n > 1) {
		table_set_scalar(t, "lowest-mean-cosine", mean[j], 4);
		table_set_scalar(t, "lowest-mean-distance", (double)j, -1);
	}
	t->note = xstrdup("the mean, smallest and largest cosine between "
	    "positions i and i + distance, over every i of the range");
	free(unit);
	free(g);
	free(mean);
	free(lo);
	free(hi);
	return 0;
}

static int
ps_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *to = directive_opt(d, "to");
	double rows, dims, n;

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	n = (to->set ? (double)to->i + 1 : rows) -
	    (double)directive_opt(d, "from")->i;
	if (n < 1)
		n = 1;
	if (n > PS_MAXN)
		n = PS_MAXN;
	/* Half of the n² cosines, each a dot product of dims. */
	we->ops = n * n * dims / 2 + n * n;
	we->bytes = n * n * 8 + n * dims * 8;
	dx_why(we->why, sizeof(we->why), "%.0f² positions (`:from:` to "
	    "`:to:`) × %.0f dimensions / 2", n, dims);
	we->lower = ":from: and :to:";
	we->at = to->set ? to : directive_opt(d, "from");
	return 0;
}

static const char *const position_similarity_strings[] = {
	"distance",
	"mean cosine",
	"min cosine",
	"max cosine",
	"pairs",
	"Cosine similarity between positions",
	"Mean cosine similarity by distance",
	"distance |i − j|",
	"Cosine similarity by distance",
	"the mean, smallest and largest cosine between positions i and "
	    "i + distance, over every i of the range",
	NULL
};

static const struct scalar_doc ps_scalars[] = {
	{ "lowest-mean-cosine", "position-similarity",
	    "the lowest mean cosine over every distance of the range (the "
	    "curve's minimum, whether the table lists its distance or not)" },
	{ "lowest-mean-distance", "position-similarity",
	    "the distance where the mean cosine is lowest (the first, if "
	    "several)" },
	{ NULL, NULL, NULL }
};

const struct directive_spec directive_position_similarity = {
	.name = "position-similarity",
	.summary = "cosine between position embeddings: a heatmap of every "
	    "stride-th position and the mean cosine by distance |i − j|",
	.opts = ps_opts,
	.body = BODY_NONE,
	.run = ps_run,
	.estimate = ps_estimate,
	.version = 2,	/* 2: the scalars lowest-mean-cosine, -distance */
	.scalars = ps_scalars,
	.strings = position_similarity_strings,
	.example = "```{position-similarity}\n:space: sinusoidal-1024\n"
	    ":distances: 1, 10, 100\n```",
};
