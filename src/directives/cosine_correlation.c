/*
 * directives/cosine_correlation: {cosine-correlation} — for word pairs,
 * the cosine of their vectors beside the Pearson correlation of their
 * components, which is exactly the cosine of the two vectors after each
 * is centred on its own mean: the two agree when a space's vectors have
 * components averaging near zero, and drift apart when they do not.
 * Reads a declared space; produces one table.
 * Never skips a pair silently: an unknown word is a located error.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "store/space.h"
#include "util/xalloc.h"

static const struct opt_spec cosine_correlation_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	{ .name = NULL }
};

/* cos(a, b) and Pearson r(a, b) in double precision. */
static void
cos_and_r(const float *a, const float *b, int n, double *cs, double *r,
    double *ma, double *mb)
{
	double dot = 0, na = 0, nb = 0, sa = 0, sb = 0, cov = 0, va = 0, vb = 0;
	int i;

	for (i = 0; i < n; i++) {
		dot += (double)a[i] * b[i];
		na += (double)a[i] * a[i];
		nb += (double)b[i] * b[i];
		sa += a[i];
		sb += b[i];
	}
	*ma = sa / n;
	*mb = sb / n;
	for (i = 0; i < n; i++) {
		double x = a[i] - *ma, y = b[i] - *mb;

		cov += x * y;
		va += x * x;
		vb += y * y;
	}
	*cs = na > 0 && nb > 0 ? dot / sqrt(na * nb) : NAN;
	*r = va > 0 && vb > 0 ? cov / sqrt(va * vb) : NAN;
}

static int
cosine_correlation_run(struct dctx *ctx, const struct directive *d,
    struct result *res)
{
	static const char *const cols[] = { "pair", "cosine", "Pearson r",
	    "r − cosine", "mean of a", "mean of b" };
	const struct knn_index *ix;
	const struct space *s;
	struct table *t;
	char **lines, pair[600];
	long *lnum, ra, rb;
	size_t n, i, row;
	int rc = -1;

	if ((s = dx_space(ctx, d, "space", &ix, res)) == NULL)
		return -1;
	lines = dx_lines(d, &n, &lnum);
	if (n == 0) {
		dctx_error(ctx, "{cosine-correlation} needs word pairs in its "
		    "body, one pair a line (e.g. 'king queen')");
		goto out;
	}
	t = result_add_table(res, "cosine-correlation",
	    "Cosine and Pearson correlation of word pairs", 6, cols);
	for (i = 0; i < n; i++) {
		char a[256], b[256], extra[2];
		double cs, r, ma, mb;

		if (sscanf(lines[i], "%255s %255s %1s", a, b, extra) != 2) {
			diaglist_add(ctx->diags, DIAG_ERROR, ctx->file, lnum[i], 1,
			    "expected two words on this line, found '%s'",
			    lines[i]);
			goto out;
		}
		ra = dx_find(s, a);
		rb = dx_find(s, b);
		if (ra < 0 || rb < 0) {
			diaglist_add(ctx->diags, DIAG_ERROR, ctx->file, lnum[i], 1,
			    "word not in the space (%ld words): '%s'",
			    space_rows(s), ra < 0 ? a : b);
			goto out;
		}
		cos_and_r(space_row(s, ra), space_row(s, rb), space_dims(s),
		    &cs, &r, &ma, &mb);
		row = table_add_row(t);
		snprintf(pair, sizeof(pair), "%s–%s", a, b);
		table_set_text(t, row, 0, pair);
		table_set_num(t, row, 1, cs, 4);
		table_set_num(t, row, 2, r, 4);
		table_set_num(t, row, 3, r - cs, 4);
		table_set_num(t, row, 4, ma, 4);
		table_set_num(t, row, 5, mb, 4);
	}
	t->note = xstrdup("Pearson r of two vectors is the cosine of the "
	    "vectors after each is centred on its own mean");
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(lnum);
	return rc;
}

static int
cosine_correlation_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, pairs = 0;
	size_t i;

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	for (i = 0; i < d->bodylen; i++)
		pairs += d->body[i] == '\n';
	pairs += 1;
	/* Two passes over each pair's components. */
	we->ops = pairs * dims * 10;
	we->bytes = pairs * 64;
	dx_why(we->why, sizeof(we->why), "%.0f pairs × %.0f dimensions",
	    pairs, dims);
	we->lower = "the pairs in the body";
	return 0;
}

static const char *const cosine_correlation_strings[] = {
	"pair",
	"cosine",
	"Pearson r",
	"r − cosine",
	"mean of a",
	"mean of b",
	"Cosine and Pearson correlation of word pairs",
	"Pearson r of two vectors is the cosine of the vectors after each is "
	    "centred on its own mean",
	NULL
};

const struct directive_spec directive_cosine_correlation = {
	.name = "cosine-correlation",
	.summary = "cosine against Pearson correlation (= the cosine of the "
	    "mean-centred vectors) for word pairs",
	.opts = cosine_correlation_opts,
	.body = BODY_REQUIRED,
	.body_doc = "word pairs, one pair a line",
	.run = cosine_correlation_run,
	.estimate = cosine_correlation_estimate,
	.version = 1,
	.strings = cosine_correlation_strings,
	.example = "```{cosine-correlation}\n:space: glove-wiki-100d\n"
	    "king queen\ncat dog\nking dog\n```",
};
