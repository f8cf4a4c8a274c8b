/*
 * directives/norm_frequency: {norm-frequency} — does a word's vector length
 * follow its frequency? Rows of GloVe and word2vec files are in frequency
 * order, so a row's index is its frequency rank: this directive reports the
 * rank correlation of rank and L2 norm over the vocabulary, the norm per
 * rank band, and the shortest and longest vectors.
 * With :head: N, the first N rows (the file's vocabulary order); with
 * :dimensions: N, the N dimensions whose extreme values lie farthest
 * from their mean in standard deviations (outlier dimensions).
 * Reads one space; produces tables and a log-x line chart.
 * Never assumes an order the file does not have: it says it uses row order.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/norm.h"
#include "kern/stats.h"
#include "store/space.h"
#include "util/xalloc.h"

static const struct opt_spec nf_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the space (rows in frequency order, as GloVe and "
		    "word2vec files)",
	},
	{
		.name = "rows",
		.type = OPT_INT,
		.def = "0",
		.max = 100000000,
		.doc = "use the first N rows; 0: all",
	},
	{
		.name = "examples",
		.type = OPT_INT,
		.def = "10",
		.max = 100,
		.doc = "shortest and longest vectors listed",
	},
	{
		.name = "head",
		.type = OPT_INT,
		.def = "0",
		.max = 1000,
		.doc = "also list the first N rows (word, norm) in file order",
	},
	{
		.name = "dimensions",
		.type = OPT_INT,
		.def = "0",
		.max = 10000,
		.doc = "also list the N dimensions with the most extreme value "
		    "(largest max |z|, z = (x − mean) / sd over the rows used)",
	},
	{ .name = NULL }
};

struct dimstat {
	int	 dim;
	double	 mean, sd, z;
	long	 amin, amax;
	float	 vmin, vmax;
};

static int
dimstat_cmp(const void *a, const void *b)
{
	const struct dimstat *x = a, *y = b;

	if (x->z != y->z)
		return x->z > y->z ? -1 : 1;
	return x->dim - y->dim;
}

/* Per-dimension mean, sd and extremes over rows [0, n); the "nd" with the
 * largest max |z| go into a table. */
static void
add_dimensions(const struct space *s, long n, int nd, struct result *res)
{
	static const char *const cols[] = { "#", "dimension", "mean", "sd",
	    "min", "word at min", "max", "word at max", "max |z|" };
	const int d = space_dims(s);
	struct dimstat *st = xcalloc((size_t)d, sizeof(*st));
	double *sum = xcalloc((size_t)d, sizeof(double)),
	    *sq = xcalloc((size_t)d, sizeof(double));
	struct table *t;
	long i;
	int j;

	for (j = 0; j < d; j++) {
		st[j].dim = j;
		st[j].vmin = st[j].vmax = space_row(s, 0)[j];
	}
	for (i = 0; i < n; i++) {
		const float *x = space_row(s, i);

		for (j = 0; j < d; j++) {
			sum[j] += x[j];
			if (x[j] < st[j].vmin) {
				st[j].vmin = x[j];
				st[j].amin = i;
			}
			if (x[j] > st[j].vmax) {
				st[j].vmax = x[j];
				st[j].amax = i;
			}
		}
	}
	for (j = 0; j < d; j++)
		st[j].mean = sum[j] / (double)n;
	/* a second pass for the variance (no cancellation) */
	for (i = 0; i < n; i++) {
		const float *x = space_row(s, i);

		for (j = 0; j < d; j++)
			sq[j] += (x[j] - st[j].mean) * (x[j] - st[j].mean);
	}
	for (j = 0; j < d; j++) {
		double lo, hi;

		st[j].sd = sqrt(sq[j] / (double)n);
		lo = st[j].sd > 0 ? (st[j].mean - st[j].vmin) / st[j].sd : 0;
		hi = st[j].sd > 0 ? (st[j].vmax - st[j].mean) / st[j].sd : 0;
		st[j].z = lo > hi ? lo : hi;
	}
	qsort(st, (size_t)d, sizeof(*st), dimstat_cmp);
	if (nd > d)
		nd = d;
	t = result_add_table(res, "dimensions", "Dimensions with the most "
	    "extreme values", 9, cols);
	for (j = 0; j < nd; j++) {
		size_t row = table_add_row(t);

		table_set_int(t, row, 0, j + 1);
		table_set_int(t, row, 1, st[j].dim);
		table_set_num(t, row, 2, st[j].mean, 3);
		table_set_num(t, row, 3, st[j].sd, 3);
		table_set_num(t, row, 4, st[j].vmin, 3);
		table_set_text(t, row, 5, space_word(s, st[j].amin, NULL));
		table_set_num(t, row, 6, st[j].vmax, 3);
		table_set_text(t, row, 7, space_word(s, st[j].amax, NULL));
		table_set_num(t, row, 8, st[j].z, 1);
	}
	/* the median dimension's max |z|, for comparison */
	t->note = xasprintf("dimensions numbered from 0; sd over the %ld rows "
	    "used; the median dimension's max |z| is %.1f", n,
	    st[d / 2].z);
	table_set_scalar(t, "median-max-z", st[d / 2].z, 1);
	free(st);
	free(sum);
	free(sq);
}

struct byn {
	float	 v;
	long	 i;
};

static int
byn_cmp(const void *a, const void *b)
{
	const struct byn *x = a, *y = b;

	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
nf_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const bcols[] = { "frequency rank", "words",
	    "mean norm", "shortest", "longest" };
	static const char *const ecols[] = { "#", "shortest", "rank", "norm",
	    "longest", "rank", "norm" };
	const struct space *s;
	long n, i, lo, hi;
	int dims, ex = (int)directive_opt(d, "examples")->i, b;
	float *nrm;
	double *rk, *nv, *lrk, rho, r;
	struct byn *sorted;
	struct table *t, *e;
	struct chart *c;
	struct chart_series *sr;
	char note[256];

	if ((s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		return -1;
	n = directive_opt(d, "rows")->i;
	if (n <= 0 || n > space_rows(s))
		n = space_rows(s);
	if (n < 3)
		return dctx_error(ctx, "{norm-frequency} needs at least 3 rows");
	dims = space_dims(s);
	nrm = xcalloc((size_t)n, sizeof(float));
	rows_l2norm(space_row(s, 0), n, dims, nrm);
	rk = xcalloc((size_t)n, sizeof(double));
	lrk = xcalloc((size_t)n, sizeof(double));
	nv = xcalloc((size_t)n, sizeof(double));
	sorted = xcalloc((size_t)n, sizeof(*sorted));
	for (i = 0; i < n; i++) {
		rk[i] = (double)(i + 1);
		lrk[i] = log10((double)(i + 1));
		nv[i] = nrm[i];
		sorted[i].v = nrm[i];
		sorted[i].i = i;
	}
	rho = stats_spearman(rk, nv, (size_t)n, NULL);
	r = stats_pearson(lrk, nv, (size_t)n, NULL);
	t = result_add_table(res, "norm-frequency", "Vector norm by frequency "
	    "rank band", 5, bcols);
	for (lo = 1; lo <= n; lo *= 10) {
		long amin = lo - 1, amax = lo - 1;
		double sum = 0;
		size_t row;
		char band[64], w[160];

		hi = lo * 10 - 1 < n ? lo * 10 - 1 : n;
		for (i = lo - 1; i < hi; i++) {
			sum += nrm[i];
			if (nrm[i] < nrm[amin])
				amin = i;
			if (nrm[i] > nrm[amax])
				amax = i;
		}
		row = table_add_row(t);
		snprintf(band, sizeof(band), "%ld–%ld", lo, hi);
		table_set_text(t, row, 0, band);
		table_set_int(t, row, 1, hi - lo + 1);
		table_set_num(t, row, 2, sum / (double)(hi - lo + 1), 3);
		snprintf(w, sizeof(w), "%s (%.2f)", space_word(s, amin, NULL),
		    nrm[amin]);
		table_set_text(t, row, 3, w);
		snprintf(w, sizeof(w), "%s (%.2f)", space_word(s, amax, NULL),
		    nrm[amax]);
		table_set_text(t, row, 4, w);
	}
	snprintf(note, sizeof(note), "rows taken in file order as frequency "
	    "rank; Spearman ρ(rank, norm) = %.3f, Pearson r(log10 rank, "
	    "norm) = %.3f over %ld rows", rho, r, n);
	t->note = xstrdup(note);
	table_set_scalar(t, "spearman", rho, 3);
	table_set_scalar(t, "pearson-log-rank", r, 3);
	table_set_scalar(t, "rows", (double)n, -1);
	qsort(sorted, (size_t)n, sizeof(*sorted), byn_cmp);
	if (ex > 0) {
		if (ex > n / 2)
			ex = (int)(n / 2);
		e = result_add_table(res, "norm-extremes", "Shortest and longest "
		    "vectors", 7, ecols);
		for (b = 0; b < ex; b++) {
			const struct byn *a = &sorted[b], *z = &sorted[n - 1 - b];
			size_t row = table_add_row(e);

			table_set_int(e, row, 0, b + 1);
			table_set_text(e, row, 1, space_word(s, a->i, NULL));
			table_set_int(e, row, 2, a->i + 1);
			table_set_num(e, row, 3, a->v, 3);
			table_set_text(e, row, 4, space_word(s, z->i, NULL));
			table_set_int(e, row, 5, z->i + 1);
			table_set_num(e, row, 6, z->v, 3);
		}
	}
	if (directive_opt(d, "head")->i > 0) {
		static const char *const hcols[] = { "rank", "word", "norm" };
		long nh = directive_opt(d, "head")->i;
		struct table *h = result_add_table(res, "first-rows", "The "
		    "first rows of the file", 3, hcols);

		for (i = 0; i < nh && i < n; i++) {
			size_t row = table_add_row(h);

			table_set_int(h, row, 0, i + 1);
			table_set_text(h, row, 1, space_word(s, i, NULL));
			table_set_num(h, row, 2, nrm[i], 3);
		}
	}
	if (directive_opt(d, "dimensions")->i > 0)
		add_dimensions(s, n, (int)directive_opt(d, "dimensions")->i, res);
	/* mean norm in 30 log-spaced rank bins */
	c = result_add_chart(res, CHART_LINE, "norm-frequency-chart",
	    "Mean vector norm against frequency rank");
	chart_axes(c, "frequency rank (log scale)", "mean L2 norm");
	c->logx = 1;
	sr = chart_add_series(c, "mean norm", 30);
	for (b = 0; b < 30; b++) {
		double a = pow((double)n, b / 30.0), z = pow((double)n,
		    (b + 1) / 30.0), sum = 0;
		long k = 0;

		for (i = (long)ceil(a) - 1; i < (long)ceil(z) - 1 && i < n; i++) {
			sum += nrm[i];
			k++;
		}
		sr->x[b] = sqrt(a * z);
		sr->y[b] = k ? sum / (double)k : NAN;
	}
	free(nrm);
	free(rk);
	free(lrk);
	free(nv);
	free(sorted);
	return 0;
}

static int
norm_frequency_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, r;

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	r = dx_restricted(rows, directive_opt(d, "rows")->i);
	/* A norm per row, then ranks (a sort) for the correlation. */
	we->ops = r * dims + r * 40 + (directive_opt(d, "dimensions")->i > 0 ? r * dims * 3 : 0);
	we->bytes = r * 8 * 4;
	dx_why(we->why, sizeof(we->why), "%.0f rows (`:rows:`) × %.0f "
	    "dimensions", r, dims);
	we->lower = ":rows:";
	we->at = directive_opt(d, "rows");
	return 0;
}

static const char *const norm_frequency_strings[] = {
	"frequency rank",
	"words",
	"mean norm",
	"shortest",
	"longest",
	"#",
	"rank",
	"norm",
	"Vector norm by frequency rank band",
	"Shortest and longest vectors",
	"Mean vector norm against frequency rank",
	"word",
	"The first rows of the file",
	"dimension",
	"mean",
	"sd",
	"min",
	"word at min",
	"max",
	"word at max",
	"max |z|",
	"Dimensions with the most extreme values",
	"dimensions numbered from 0; sd over the %s rows used; the median "
	    "dimension's max |z| is %s",
	"frequency rank (log scale)",
	"mean L2 norm",
	"rows taken in file order as frequency rank; Spearman "
	    "ρ(rank, norm) = %s, Pearson r(log10 rank, norm) = %s over "
	    "%s rows",
	NULL
};

static const struct scalar_doc norm_frequency_scalars[] = {
	{ "spearman", "norm-frequency",
	    "Spearman ρ of frequency rank (row order) and L2 norm" },
	{ "pearson-log-rank", "norm-frequency",
	    "Pearson r of log10 rank and L2 norm" },
	{ "rows", "norm-frequency",
	    "rows used" },
	{ "median-max-z", "dimensions",
	    "max |z| of the median dimension (with :dimensions:)" },
	{ NULL, NULL, NULL }
};

const struct directive_spec directive_norm_frequency = {
	.name = "norm-frequency",
	.summary = "how vector length follows frequency rank: correlation, "
	    "bands, "
	    "extremes",
	.opts = nf_opts,
	.body = BODY_NONE,
	.run = nf_run,
	.estimate = norm_frequency_estimate,
	.version = 3,
	.strings = norm_frequency_strings,
	.example = "```{norm-frequency}\n:space: glove-wiki-100d\n```",
	.scalars = norm_frequency_scalars,
};
