/*
 * directives/random_cosine: {random-cosine} — how cosines of random
 * Gaussian vectors concentrate around 0 as the dimension grows (variance
 * 1/d), the baseline against which an embedding's "similar" is judged.
 * Reads only its options; produces a table (and the samples' summary as
 * series data for `vecdoc run`).
 * Never reads embedding files.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/randcos.h"
#include "util/xalloc.h"

#define RC_BINS 50

static const struct opt_spec random_cosine_opts[] = {
	{
		.name = "dims",
		.type = OPT_WORDS,
		.required = 1,
		.doc = "dimensions to sample, e.g. 2, 10, 100, 300",
	},
	{
		.name = "pairs",
		.type = OPT_INT,
		.def = "20000",
		.min = 100,
		.max = 1000000,
		.doc = "random vector pairs per dimension",
	},
	{
		.name = "seed",
		.type = OPT_INT,
		.def = "42",
		.max = 2147483647,
		.doc = "seed of the generator (xoshiro256** with Box-Muller)",
	},
	{
		.name = "chart",
		.type = OPT_BOOL,
		.def = "true",
		.doc = "histograms of the cosines, one per dimension",
	},
	{ .name = NULL }
};

static int
random_cosine_run(struct dctx *ctx, const struct directive *d,
    struct result *res)
{
	static const char *const cols[] = {
		"d", "pairs", "mean", "variance", "1/d", "variance × d",
		"max |cos|",
	};
	const struct dopt *dims = directive_opt(d, "dims");
	long pairs = directive_opt(d, "pairs")->i;
	long seed = directive_opt(d, "seed")->i;
	struct table *t;
	struct series *sv;
	struct randcos_result rr;
	struct chart *c = NULL;
	double *samples = NULL;
	struct diag dg;
	size_t i, row;
	long dim;
	char *end;

	for (i = 0; i < dims->nwords; i++) {
		errno = 0;
		dim = strtol(dims->words[i], &end, 10);
		if (*end != '\0' || errno != 0 || dim < 1 || dim > 100000)
			return dctx_error_at(ctx, dims,
			    "option ':dims:' needs whole numbers from 1 to 100000, not '%s'",
			    dims->words[i]);
	}
	t = result_add_table(res, "random-cosine",
	    "Cosine of random Gaussian vector pairs", 7, cols);
	sv = result_add_series(res, "variance", dims->nwords);
	sv->x = xcalloc(dims->nwords, sizeof(double));
	if (directive_opt(d, "chart")->b) {
		c = result_add_chart(res, CHART_HIST, "random-cosine-hist",
		    "Cosine of random vector pairs by dimension");
		chart_axes(c, "cosine", "share of pairs");
		samples = xcalloc((size_t)pairs, sizeof(double));
	}
	for (i = 0; i < dims->nwords; i++) {
		dim = strtol(dims->words[i], NULL, 10);
		if (randcos_sample_cancel((int)dim, pairs, (uint64_t)seed,
		    samples, &rr, ctx->cancel, &dg) != 0) {
			free(samples);
			return dctx_error(ctx, "%s", dg.msg);
		}
		if (c != NULL) {
			char nm[32];
			struct chart_series *sr;
			long k;
			int b;

			snprintf(nm, sizeof(nm), "d = %ld", dim);
			sr = chart_add_series(c, nm, RC_BINS);
			for (b = 0; b <= RC_BINS; b++)
				sr->x[b] = -1.0 + 2.0 * b / RC_BINS;
			for (k = 0; k < pairs; k++) {
				b = (int)floor((samples[k] + 1.0) / 2.0 * RC_BINS);
				b = b < 0 ? 0 : b >= RC_BINS ? RC_BINS - 1 : b;
				sr->y[b] += 1.0 / (double)pairs;
			}
		}
		row = table_add_row(t);
		table_set_int(t, row, 0, dim);
		table_set_int(t, row, 1, pairs);
		table_set_num(t, row, 2, rr.mean, 4);
		table_set_num(t, row, 3, rr.var, 5);
		table_set_num(t, row, 4, 1.0 / (double)dim, 5);
		table_set_num(t, row, 5, rr.var_times_dim, 3);
		table_set_num(t, row, 6, rr.max_abs, 3);
		sv->x[i] = (double)dim;
		sv->y[i] = rr.var;
	}
	{
		char note[160];

		snprintf(note, sizeof(note), "seed %ld, %ld pairs per dimension",
		    seed, pairs);
		t->note = xstrdup(note);
		table_set_scalar(t, "seed", (double)seed, -1);
		table_set_scalar(t, "pairs", (double)pairs, -1);
	}
	free(samples);
	return 0;
}

static int
random_cosine_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *dims = directive_opt(d, "dims"),
	    *po = directive_opt(d, "pairs");
	double sum = 0, v;
	size_t i;

	(void)ctx;
	for (i = 0; i < dims->nwords; i++)
		if ((v = strtod(dims->words[i], NULL)) > 0 && isfinite(v))
			sum += v;	/* bad values are the run's to report */
	/* Per pair and dimension: two Gaussian draws (20 operations each:
	 * log, sqrt, sin/cos) and three multiply-adds. */
	we->ops = (double)po->i * sum * 43;
	we->bytes = directive_opt(d, "chart")->b ? (double)po->i * 8 : 0;
	dx_why(we->why, sizeof(we->why), "`:pairs: %ld` × %.0f dimensions "
	    "(`:dims:`)", po->i, sum);
	we->lower = ":pairs: or :dims:";
	we->at = po->set ? po : dims;
	return 0;
}

static const char *const random_cosine_strings[] = {
	"d",
	"pairs",
	"mean",
	"variance",
	"1/d",
	"variance × d",
	"max |cos|",
	"Cosine of random Gaussian vector pairs",
	"Cosine of random vector pairs by dimension",
	"cosine",
	"share of pairs",
	"d = %s",
	"seed %s, %s pairs per dimension",
	NULL
};

static const struct scalar_doc random_cosine_scalars[] = {
	{ "seed", "random-cosine",
	    "seed of the generator" },
	{ "pairs", "random-cosine",
	    "pairs per dimension" },
	{ NULL, NULL, NULL }
};

const struct directive_spec directive_random_cosine = {
	.name = "random-cosine",
	.summary = "cosines of random Gaussian vectors per dimension: mean, "
	    "variance "
	    "against 1/d",
	.opts = random_cosine_opts,
	.body = BODY_NONE,
	.run = random_cosine_run,
	.estimate = random_cosine_estimate,
	.version = 2,
	.strings = random_cosine_strings,
	.example = "```{random-cosine}\n:dims: 2, 10, 100, 300\n:pairs: "
	    "5000\n```",
	.scalars = random_cosine_scalars,
};
