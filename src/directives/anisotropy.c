/*
 * directives/anisotropy: {anisotropy} — how anisotropic a space is:
 * mean-vector share, pair cosines and principal-component shares, raw,
 * centred, whitened and all-but-the-top.
 * Reads one declared space; produces a table and a histogram.
 * Never samples without its seed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/contrastive.h"
#include "kern/geometry.h"
#include "kern/knn.h"
#include "kern/norm.h"
#include "kern/rng.h"
#include "kern/stats.h"
#include "store/space.h"
#include "util/xalloc.h"

static const struct opt_spec aniso_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	{
		.name = "rows",
		.type = OPT_INT,
		.def = "10000",
		.min = 100,
		.max = 2000000,
		.doc = "use the first N rows (the most frequent words)",
	},
	{
		.name = "pairs",
		.type = OPT_INT,
		.def = "20000",
		.min = 100,
		.max = 10000000,
		.doc = "random word pairs for the cosine distribution",
	},
	{
		.name = "seed",
		.type = OPT_INT,
		.def = "42",
		.max = 2147483647,
		.doc = "seed of the sampler",
	},
	{
		.name = "abtt",
		.type = OPT_INT,
		.def = "2",
		.min = 1,
		.max = 100,
		.doc = "principal directions removed by all-but-the-top",
	},
	{
		.name = "pcs",
		.type = OPT_INT,
		.def = "10",
		.min = 1,
		.max = 100,
		.doc = "top principal components whose variance share is "
		    "reported",
	},
	{
		.name = "chart",
		.type = OPT_BOOL,
		.def = "true",
		.doc = "histograms of the pairwise cosines",
	},
	{ .name = NULL }
};

#define ANISO_BINS 40

/* Cosines of the same random pairs geometry_anisotropy scores. */
static void
pair_cosines(const float *x, long n, int dims, long npairs, uint64_t seed,
    long *count)
{
	struct rng r;
	long p;

	rng_seed(&r, seed);
	for (p = 0; p < npairs; p++) {
		long i = (long)rng_below(&r, (uint64_t)n);
		long j = (long)rng_below(&r, (uint64_t)n - 1);
		double c;
		int b;

		if (j >= i)
			j++;
		c = vec_cosine(x + i * dims, x + j * dims, dims);
		if (isnan(c))
			continue;
		b = (int)floor((c + 1.0) / 2.0 * ANISO_BINS);
		count[b < 0 ? 0 : b >= ANISO_BINS ? ANISO_BINS - 1 : b]++;
	}
}

static int
aniso_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "variant", "‖mean‖ / mean ‖x‖",
	    "mean cosine", "sd of cosines", "PC1 share %", "top-k PC share %" };
	static const char *const names[] = { "raw", "centred", "whitened",
	    "all-but-the-top" };
	const struct space *s;
	long n = directive_opt(d, "rows")->i, pairs = directive_opt(d,
	    "pairs")->i;
	uint64_t seed = (uint64_t)directive_opt(d, "seed")->i;
	int dims, ndir = (int)directive_opt(d, "abtt")->i, npc = (int)
	    directive_opt(d, "pcs")->i, v, rc = -1, b;
	float *x = NULL, *mu = NULL, *w = NULL, *y = NULL;
	double *share = NULL;
	struct table *t;
	struct chart *c = NULL;
	struct diag dg;
	char caption[256], colk[64];
	const char *cl[6];

	if ((s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		return -1;
	dims = space_dims(s);
	if (n > space_rows(s))
		n = space_rows(s);
	if (npc > dims)
		npc = dims;
	if (ndir >= dims)
		return dctx_error_at(ctx, directive_opt(d, "abtt"),
		    "option ':abtt:' must be below the dimension (%d)", dims);
	x = xcalloc((size_t)n * (size_t)dims, sizeof(float));
	y = xcalloc((size_t)n * (size_t)dims, sizeof(float));
	mu = xcalloc((size_t)dims, sizeof(float));
	w = xcalloc((size_t)dims * (size_t)dims, sizeof(float));
	share = xcalloc((size_t)npc, sizeof(double));
	memcpy(cl, cols, sizeof(cl));
	snprintf(colk, sizeof(colk), "top-%d PC share %%", npc);
	cl[5] = colk;
	snprintf(caption, sizeof(caption), "Anisotropy of the first %ld rows",
	    n);
	t = result_add_table(res, "anisotropy", caption, 6, cl);
	if (directive_opt(d, "chart")->b) {
		c = result_add_chart(res, CHART_HIST, "anisotropy-cosines",
		    "Cosine of random word pairs");
		chart_axes(c, "cosine", "pairs");
	}
	for (v = 0; v < 4; v++) {
		struct anisotropy an;
		size_t row;
		double top = 0;
		int i;
		const float *m = x;

		memcpy(x, space_row(s, 0), sizeof(float) * (size_t)n *
		    (size_t)dims);
		if (v == 1)
			geometry_center(x, n, dims, NULL);
		else if (v == 2) {
			if (whiten_fit(x, n, dims, 0, mu, w, &dg) < 0)
				goto fail;
			whiten_apply(x, n, dims, mu, w, dims, y);
			m = y;
		} else if (v == 3 && geometry_abtt(x, n, dims, ndir, &dg) < 0)
			goto fail;
		if (geometry_anisotropy(m, n, dims, pairs, seed, npc, share,
		    &an, &dg) < 0)
			goto fail;
		for (i = 0; i < npc; i++)
			top += share[i];
		row = table_add_row(t);
		table_set_text(t, row, 0, names[v]);
		table_set_num(t, row, 1, an.mean_ratio, 3);
		table_set_num(t, row, 2, an.mean_cos, 3);
		table_set_num(t, row, 3, an.sd_cos, 3);
		table_set_num(t, row, 4, 100 * share[0], 1);
		table_set_num(t, row, 5, 100 * top, 1);
		if (c != NULL) {
			struct chart_series *sr = chart_add_series(c, names[v],
			    ANISO_BINS);
			long cnt[ANISO_BINS];

			memset(cnt, 0, sizeof(cnt));
			pair_cosines(m, n, dims, pairs, seed, cnt);
			for (b = 0; b <= ANISO_BINS; b++)
				sr->x[b] = -1.0 + 2.0 * b / ANISO_BINS;
			for (b = 0; b < ANISO_BINS; b++)
				sr->y[b] = (double)cnt[b];
		}
	}
	{
		char note[256];

		snprintf(note, sizeof(note), "%ld random pairs (seed %lu); "
		    "whitening as BERT-whitening (ddof-1 covariance, all %d "
		    "components); all-but-the-top removes %d directions",
		    pairs, (unsigned long)seed, dims, ndir);
		t->note = xstrdup(note);
		table_set_scalar(t, "pairs", (double)pairs, -1);
		table_set_scalar(t, "seed", (double)seed, -1);
		table_set_scalar(t, "abtt-directions", (double)ndir, -1);
	}
	rc = 0;
	goto out;
fail:
	dctx_error(ctx, "%s", dg.msg);
out:
	free(x);
	free(y);
	free(mu);
	free(w);
	free(share);
	return rc;
}

static int
anisotropy_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, n, p = (double)directive_opt(d, "pairs")->i;

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	n = dx_restricted(rows, directive_opt(d, "rows")->i);
	/* Covariance (n × d²), its eigenvectors (≈ 10 d³), and the pair
	 * cosines of four variants (4 × pairs × d). */
	we->ops = n * dims * dims + 10 * dims * dims * dims + 4 * p * dims;
	we->bytes = n * dims * 8 * 2 + p * 8 * 4;
	if (n * dims * dims >= 4 * p * dims) {
		dx_why(we->why, sizeof(we->why), "`:rows: %.0f` × %.0f² "
		    "dimensions (covariance)", n, dims);
		we->at = directive_opt(d, "rows");
	} else {
		dx_why(we->why, sizeof(we->why), "4 variants × `:pairs: %.0f` "
		    "× %.0f dimensions", p, dims);
		we->at = directive_opt(d, "pairs");
	}
	we->lower = ":rows: or :pairs:";
	return 0;
}

static const char *const anisotropy_strings[] = {
	"variant",
	"‖mean‖ / mean ‖x‖",
	"mean cosine",
	"sd of cosines",
	"PC1 share %",
	"top-%s PC share %",
	"Anisotropy of the first %s rows",
	"Cosine of random word pairs",
	"cosine",
	"pairs",
	"raw",
	"centred",
	"whitened",
	"all-but-the-top",
	"%s random pairs (seed %s); whitening as BERT-whitening "
	    "(ddof-1 covariance, all %s components); all-but-the-top "
	    "removes %s directions",
	NULL
};

static const struct scalar_doc anisotropy_scalars[] = {
	{ "pairs", "anisotropy",
	    "random word pairs" },
	{ "seed", "anisotropy",
	    "seed of the sampler" },
	{ "abtt-directions", "anisotropy",
	    "directions all-but-the-top removes" },
	{ NULL, NULL, NULL }
};

const struct directive_spec directive_anisotropy = {
	.name = "anisotropy",
	.summary = "how anisotropic a space is, raw, centred, whitened and "
	    "all-but-the-top",
	.opts = aniso_opts,
	.body = BODY_NONE,
	.run = aniso_run,
	.estimate = anisotropy_estimate,
	.version = 2,
	.strings = anisotropy_strings,
	.example = "```{anisotropy}\n:space: glove-wiki-100d\n:rows: "
	    "10000\n```",
	.scalars = anisotropy_scalars,
};
