/*
 * directives/zipf: {zipf} — rank–frequency curves on log–log axes with
 * their least-squares Zipf fits in a rank window.
 * Reads declared corpora; produces a line chart and a table of fits.
 * Never fits outside the window the page asks for.
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

static const struct opt_spec zipf_opts[] = {
	{
		.name = "corpora",
		.type = OPT_WORDS,
		.required = 1,
		.doc = "one or more declared corpora",
	},
	{
		.name = "window",
		.type = OPT_WORDS,
		.def = "10, 10000",
		.doc = "rank window [r1, r2] of the least-squares Zipf fit",
	},
	{
		.name = "top",
		.type = OPT_INT,
		.def = "10",
		.max = 100,
		.doc = "most frequent words listed per corpus",
	},
	{ .name = NULL }
};

static int
zipf_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "corpus", "α", "window", "R²" };
	const struct dopt *co = directive_opt(d, "corpora");
	long r1, r2;
	size_t k, i, npts;
	struct chart *c;
	struct table *t;

	if (dx_window(ctx, d, &r1, &r2) < 0)
		return -1;
	c = result_add_chart(res, CHART_LINE, "zipf", "Rank–frequency "
	    "(log–log) with least-squares fits");
	chart_axes(c, "rank", "frequency");
	c->logx = c->logy = 1;
	t = result_add_table(res, "zipf", "Least-squares Zipf fits", 4, cols);
	for (k = 0; k < co->nwords; k++) {
		const struct corpus *cp = dx_corpus(ctx, d, "corpora",
		    co->words[k], res);
		struct zipf_ls ls;
		struct diag dg;
		struct chart_series *s;
		char nm[128], win[64];
		size_t row;
		double r;

		if (cp == NULL)
			return -1;
		/* ~200 log-spaced ranks keep the chart small */
		npts = 0;
		s = chart_add_series(c, co->words[k], 200);
		for (r = 1; r <= (double)cp->ntypes && npts < 200;
		    r = ceil(r * 1.06 + 0.5)) {
			s->x[npts] = r;
			s->y[npts++] = (double)cp->count[(size_t)r - 1];
		}
		s->n = npts;
		if (zipf_ls_fit(cp->count, cp->ntypes, r1, r2, &ls, &dg) < 0)
			return dctx_error_at(ctx, co, "corpus '%s': %s",
			    co->words[k], dg.msg);
		snprintf(nm, sizeof(nm), "%s fit (α = %.2f)", co->words[k],
		    ls.alpha);
		s = chart_add_series(c, nm, 2);
		s->x[0] = (double)ls.r1;
		s->x[1] = (double)ls.r2;
		for (i = 0; i < 2; i++)
			s->y[i] = pow(10, ls.intercept - ls.alpha *
			    log10(s->x[i]));
		row = table_add_row(t);
		table_set_text(t, row, 0, co->words[k]);
		table_set_num(t, row, 1, ls.alpha, 3);
		snprintf(win, sizeof(win), "%ld–%ld", ls.r1, ls.r2);
		table_set_text(t, row, 2, win);
		table_set_num(t, row, 3, ls.r2_fit, 4);
	}
	return 0;
}

static const char *const zipf_strings[] = {
	"corpus",
	"α",
	"window",
	"R²",
	"Rank–frequency (log–log) with least-squares fits",
	"rank",
	"frequency",
	"Least-squares Zipf fits",
	"%s fit (α = %s)",
	NULL
};

const struct directive_spec directive_zipf = {
	.name = "zipf",
	.summary = "rank–frequency curves on log–log axes with least-squares "
	    "Zipf fits",
	.opts = zipf_opts,
	.body = BODY_NONE,
	.run = zipf_run,
	.estimate = dx_estimate_corpora_types,
	.version = 1,
	.strings = zipf_strings,
	.example = "```{zipf}\n:corpora: wikipedia, twitter\n:window: 10, "
	    "10000\n```",
};
