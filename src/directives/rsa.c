/*
 * directives/rsa: {rsa} — representational similarity of two spaces: the
 * Spearman and Pearson correlation of their cosine-distance RDMs over
 * shared words, a permutation p-value and a shuffled baseline.
 * Reads two declared spaces; produces a table and a scatter chart.
 * Never reports a correlation over fewer than 3 words.
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

static const struct opt_spec rsa_opts[] = {
	{
		.name = "a",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the first space",
	},
	{
		.name = "b",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the second space",
	},
	{
		.name = "words",
		.type = OPT_WORDS,
		.doc = "the words (or the body); without them, the :top: most "
		    "frequent "
		    "words of a that b also has",
	},
	{
		.name = "top",
		.type = OPT_INT,
		.def = "1000",
		.min = 3,
		.max = 5000,
		.doc = "shared words used when no list is given",
	},
	{
		.name = "permutations",
		.type = OPT_INT,
		.def = "1000",
		.min = 10,
		.max = 100000,
		.doc = "relabellings for the p-value",
	},
	{
		.name = "seed",
		.type = OPT_INT,
		.def = "42",
		.max = 2147483647,
		.doc = "seed of the shuffles",
	},
	{
		.name = "bootstrap",
		.type = OPT_INT,
		.def = "0",
		.min = 0,
		.max = 10000,
		.doc = "resamples of the words with replacement for a "
		    "confidence interval of ρ (0: none); also the draws per "
		    "size of :sizes: (200 when 0)",
	},
	{
		.name = "sizes",
		.type = OPT_WORDS,
		.doc = "sample sizes: ρ over random subsets of that many of "
		    "the words (without replacement), and over the same "
		    "subsets with b's words shuffled",
	},
	{
		.name = "pairs",
		.type = OPT_BOOL,
		.def = "false",
		.doc = "also list every word pair's distance and its rank in "
		    "both RDMs (up to 20 words)",
	},
	DX_OPT_PIECES,
	{ .name = NULL }
};

/* Index of pair (p, q), p < q, in an n-item RDM vector. */
static size_t
rsa_pair(size_t n, size_t p, size_t q)
{
	return p * n - p * (p + 1) / 2 + (q - p - 1);
}

/*
 * Spearman ρ between the RDMs da, db (n items) restricted to the items
 * idx[0..s) (repeats allowed: a pair of copies of one item is dropped,
 * as rsatoolbox's bootstrap does); relabel, when not NULL, maps b's item
 * idx[i] to relabel[idx[i]]. va, vb: scratch of RSA_NPAIRS(s) doubles.
 */
static double
rsa_sub_rho(const double *da, const double *db, size_t n, const long *idx,
    size_t s, const long *relabel, double *va, double *vb)
{
	size_t i, j, m = 0;

	for (i = 0; i < s; i++)
		for (j = i + 1; j < s; j++, m++) {
			size_t p = (size_t)idx[i], q = (size_t)idx[j], pb, qb;

			if (p == q) {
				va[m] = vb[m] = NAN;
				continue;
			}
			va[m] = da[p < q ? rsa_pair(n, p, q) : rsa_pair(n, q, p)];
			pb = relabel ? (size_t)relabel[p] : p;
			qb = relabel ? (size_t)relabel[q] : q;
			vb[m] = pb == qb ? NAN : db[pb < qb ? rsa_pair(n, pb, qb) :
			    rsa_pair(n, qb, pb)];
		}
	return rsa_compare(va, vb, m, RSA_SPEARMAN);
}

static int
rsa_cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

/* numpy.percentile(x, q) (linear interpolation) of the sorted x[0..n). */
static double
rsa_percentile(const double *x, size_t n, double q)
{
	double pos = q / 100 * (double)(n - 1), f = floor(pos);
	size_t i = (size_t)f;

	if (n == 0)
		return NAN;
	if (i + 1 >= n)
		return x[n - 1];
	return x[i] + (pos - f) * (x[i + 1] - x[i]);
}

/* Mean, sample sd, 2.5 and 97.5 percentiles of v[0..n) (sorted here,
 * NaN draws dropped) into out[4]. */
static void
rsa_summary(double *v, size_t n, double *out)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (!isnan(v[i]))
			v[k++] = v[i];
	qsort(v, k, sizeof(double), rsa_cmp_double);
	out[0] = stats_mean(v, k);
	out[1] = sqrt(stats_var(v, k, 1));
	out[2] = rsa_percentile(v, k, 2.5);
	out[3] = rsa_percentile(v, k, 97.5);
}

/*
 * The :bootstrap: and :sizes: tables. Resample b of draw i uses the
 * stream rng_seed(seed + 2 + i): a draw can be redone alone; size j's
 * draws use the streams seed + 100003 × (j + 1) + i.
 */
static int
rsa_resampling(struct dctx *ctx, const struct directive *d,
    struct result *res, const double *da, const double *db, long n,
    uint64_t seed)
{
	static const char *const bcols[] = { "statistic", "observed",
	    "bootstrap mean", "bootstrap sd", "2.5 %", "97.5 %" };
	static const char *const scols[] = { "words", "draws", "mean ρ", "sd",
	    "2.5 %", "97.5 %", "shuffled sd" };
	const struct dopt *so = directive_opt(d, "sizes");
	long nb = directive_opt(d, "bootstrap")->i, draws = nb > 0 ? nb : 200,
	    *idx, *rel, i, sz[64];
	size_t m = RSA_NPAIRS(n), j;
	double *va, *vb, *rho, *rsh, sum[4], ssh[4];
	struct rng rg;
	struct table *t;
	size_t row;

	if (so->nwords > 64)
		return dctx_error_at(ctx, so, "option ':sizes:' takes at most "
		    "64 sizes, found %zu", so->nwords);
	for (j = 0; j < so->nwords; j++) {
		char *end;

		sz[j] = strtol(so->words[j], &end, 10);
		if (*end != '\0' || end == so->words[j] || sz[j] < 3 ||
		    sz[j] > n)
			return dctx_error_at(ctx, so, "option ':sizes:' needs "
			    "whole numbers from 3 to the %ld words compared, "
			    "not '%s'", n, so->words[j]);
	}
	va = xcalloc(m + 1, sizeof(double));
	vb = xcalloc(m + 1, sizeof(double));
	idx = xcalloc((size_t)n, sizeof(long));
	rel = xcalloc((size_t)n, sizeof(long));
	rho = xcalloc((size_t)draws, sizeof(double));
	rsh = xcalloc((size_t)draws, sizeof(double));
	if (nb > 0) {
		for (i = 0; i < nb; i++) {
			long k;

			if (ctx->cancel != NULL && *ctx->cancel)
				goto cancelled;
			rng_seed(&rg, seed + 2 + (uint64_t)i);
			for (k = 0; k < n; k++)
				idx[k] = (long)rng_below(&rg, (uint64_t)n);
			rho[i] = rsa_sub_rho(da, db, (size_t)n, idx, (size_t)n,
			    NULL, va, vb);
		}
		rsa_summary(rho, (size_t)nb, sum);
		t = result_add_table(res, "rsa-bootstrap", "Bootstrap over "
		    "the words", 6, bcols);
		row = table_add_row(t);
		table_set_text(t, row, 0, "Spearman ρ");
		table_set_num(t, row, 1, rsa_compare(da, db, m, RSA_SPEARMAN),
		    4);
		table_set_num(t, row, 2, sum[0], 4);
		table_set_num(t, row, 3, sum[1], 4);
		table_set_num(t, row, 4, sum[2], 4);
		table_set_num(t, row, 5, sum[3], 4);
		{
			char note[200];

			snprintf(note, sizeof(note), "%ld resamples of the %ld "
			    "words with replacement (pairs of a word with its "
			    "own copy dropped); percentile interval",
			    nb, n);
			t->note = xstrdup(note);
		}
	}
	if (so->nwords > 0) {
		struct chart *c = result_add_chart(res, CHART_LINE, "rsa-sizes",
		    "Spearman ρ against the number of words");
		struct chart_series *s0, *s1, *s2;

		chart_axes(c, "words", "Spearman ρ");
		c->logx = 1;
		chart_add_series(c, "mean ρ", so->nwords);
		chart_add_series(c, "2.5 %", so->nwords);
		chart_add_series(c, "97.5 %", so->nwords);
		s0 = &c->series[0];
		s1 = &c->series[1];
		s2 = &c->series[2];
		t = result_add_table(res, "rsa-sizes", "Spearman ρ on random "
		    "subsets of the words", 7, scols);
		for (j = 0; j < so->nwords; j++) {
			char lab[32];

			for (i = 0; i < draws; i++) {
				long k;

				if (ctx->cancel != NULL && *ctx->cancel)
					goto cancelled;
				rng_seed(&rg, seed + 100003 * (uint64_t)(j + 1) +
				    (uint64_t)i);
				/* sz[j] distinct words: a partial
				 * Fisher–Yates, then b's labels of those
				 * words shuffled among them */
				for (k = 0; k < n; k++)
					idx[k] = k;
				for (k = 0; k < sz[j]; k++) {
					long r = k + (long)rng_below(&rg,
					    (uint64_t)(n - k)), tmp = idx[k];

					idx[k] = idx[r];
					idx[r] = tmp;
				}
				rho[i] = rsa_sub_rho(da, db, (size_t)n, idx,
				    (size_t)sz[j], NULL, va, vb);
				for (k = 0; k < n; k++)
					rel[k] = k;
				{
					long *lab2 = xcalloc((size_t)sz[j],
					    sizeof(long));

					for (k = 0; k < sz[j]; k++)
						lab2[k] = idx[k];
					rng_shuffle(&rg, lab2, sz[j]);
					for (k = 0; k < sz[j]; k++)
						rel[idx[k]] = lab2[k];
					free(lab2);
				}
				rsh[i] = rsa_sub_rho(da, db, (size_t)n, idx,
				    (size_t)sz[j], rel, va, vb);
			}
			rsa_summary(rho, (size_t)draws, sum);
			rsa_summary(rsh, (size_t)draws, ssh);
			row = table_add_row(t);
			snprintf(lab, sizeof(lab), "%ld", sz[j]);
			table_set_text(t, row, 0, lab);
			table_set_int(t, row, 1, draws);
			table_set_num(t, row, 2, sum[0], 4);
			table_set_num(t, row, 3, sum[1], 4);
			table_set_num(t, row, 4, sum[2], 4);
			table_set_num(t, row, 5, sum[3], 4);
			table_set_num(t, row, 6, ssh[1], 4);
			s0->x[j] = s1->x[j] = s2->x[j] = (double)sz[j];
			s0->y[j] = sum[0];
			s1->y[j] = sum[2];
			s2->y[j] = sum[3];
		}
		t->note = xstrdup("each draw takes that many distinct words at "
		    "random; shuffled sd: the spread of ρ when b's words are "
		    "also shuffled among the drawn ones (no relation)");
	}
	free(va);
	free(vb);
	free(idx);
	free(rel);
	free(rho);
	free(rsh);
	return 0;
cancelled:
	free(va);
	free(vb);
	free(idx);
	free(rel);
	free(rho);
	free(rsh);
	return dctx_error(ctx, "{rsa}: resampling stopped (deadline)");
}

/* Every pair of the RDMs, its distances and their average ranks: the
 * numbers the Spearman ρ is the Pearson r of. */
static int
add_pairs(struct dctx *ctx, const struct directive *d, char **names,
    long n, const double *da, const double *db, size_t m,
    struct result *res)
{
	static const char *const pcols[] = { "pair", "distance in a",
	    "distance in b", "rank in a", "rank in b" };
	double *rka, *rkb;
	struct table *t;
	long i, j;
	size_t k = 0;

	if (n > 20)
		return dctx_error_at(ctx, directive_opt(d, "pairs"), ":pairs: "
		    "lists the pairs of at most 20 words, not %ld", n);
	rka = xcalloc(m + 1, sizeof(double));
	rkb = xcalloc(m + 1, sizeof(double));
	stats_rank(da, m, rka);
	stats_rank(db, m, rkb);
	t = result_add_table(res, "rsa-pairs", "Each word pair in both "
	    "RDMs", 5, pcols);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++, k++) {
			size_t row = table_add_row(t);
			char label[600];

			snprintf(label, sizeof(label), "%s–%s", names[i],
			    names[j]);
			table_set_text(t, row, 0, label);
			table_set_num(t, row, 1, da[k], 4);
			table_set_num(t, row, 2, db[k], 4);
			table_set_num(t, row, 3, rka[k], 1);
			table_set_num(t, row, 4, rkb[k], 1);
		}
	t->note = xasprintf("distance = 1 − cos; ranks from 1 (the closest "
	    "pair), ties averaged; a: %s, b: %s", dx_text(d, "a"),
	    dx_text(d, "b"));
	free(rka);
	free(rkb);
	return 0;
}

static int
rsa_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "comparison", "words",
	    "Spearman ρ", "Pearson r", "p (permutation)" };
	const struct space *a, *b;
	long n, nperm = directive_opt(d, "permutations")->i, i;
	struct dx_wvec wa, wb;
	uint64_t seed = (uint64_t)directive_opt(d, "seed")->i;
	char **names = NULL;
	float *ma = NULL, *mb = NULL;
	double *da = NULL, *db = NULL, *dsh = NULL, stat, p;
	size_t m, row;
	struct table *t;
	struct diag dg;
	struct rng rg;
	long *perm = NULL;
	int rc = -1;
	char label[300];

	memset(&wa, 0, sizeof(wa));
	memset(&wb, 0, sizeof(wb));
	if ((a = dx_space(ctx, d, "a", NULL, res)) == NULL ||
	    (b = dx_space(ctx, d, "b", NULL, res)) == NULL)
		return -1;
	n = dx_shared_vectors(ctx, d, a, b, directive_opt(d, "top")->i, &wa,
	    &wb, &names);
	if (n < 0)
		goto out;
	if (n < 3) {
		dctx_error(ctx, "{rsa} needs at least 3 words known to both "
		    "spaces, found %ld", n);
		goto out;
	}
	ma = wa.v;
	mb = xreallocarray(NULL, (size_t)n * (size_t)wb.dims, sizeof(float));
	memcpy(mb, wb.v, (size_t)n * (size_t)wb.dims * sizeof(float));
	m = RSA_NPAIRS(n);
	da = xcalloc(m, sizeof(double));
	db = xcalloc(m, sizeof(double));
	dsh = xcalloc(m, sizeof(double));
	rsa_rdm(ma, n, space_dims(a), da);
	rsa_rdm(mb, n, space_dims(b), db);
	if (rsa_permutation_test_cancel(da, db, n, RSA_SPEARMAN, nperm, seed,
	    ctx->cancel, &stat, &p, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	t = result_add_table(res, "rsa", "Representational similarity of the "
	    "two spaces", 5, cols);
	row = table_add_row(t);
	snprintf(label, sizeof(label), "%s vs %s", dx_text(d, "a"),
	    dx_text(d, "b"));
	table_set_text(t, row, 0, label);
	table_set_int(t, row, 1, n);
	table_set_num(t, row, 2, rsa_compare(da, db, m, RSA_SPEARMAN), 4);
	table_set_num(t, row, 3, rsa_compare(da, db, m, RSA_PEARSON), 4);
	table_set_num(t, row, 4, p, 4);
	table_set_scalar(t, "spearman", rsa_compare(da, db, m, RSA_SPEARMAN),
	    4);
	table_set_scalar(t, "pearson", rsa_compare(da, db, m, RSA_PEARSON), 4);
	table_set_scalar(t, "p", p, 4);
	/* baseline: b's words relabelled at random once (the shuffle
	 * moves positions, whatever the values) */
	perm = xcalloc((size_t)n, sizeof(long));
	for (i = 0; i < n; i++)
		perm[i] = i;
	rng_seed(&rg, seed + 1);
	rng_shuffle(&rg, perm, n);
	for (i = 0; i < n; i++)
		memcpy(mb + (size_t)i * (size_t)wb.dims, wb.v +
		    (size_t)perm[i] * (size_t)wb.dims, (size_t)wb.dims *
		    sizeof(float));
	rsa_rdm(mb, n, space_dims(b), dsh);
	row = table_add_row(t);
	snprintf(label, sizeof(label), "%s vs %s, words shuffled",
	    dx_text(d, "a"), dx_text(d, "b"));
	table_set_text(t, row, 0, label);
	table_set_int(t, row, 1, n);
	table_set_num(t, row, 2, rsa_compare(da, dsh, m, RSA_SPEARMAN), 4);
	table_set_num(t, row, 3, rsa_compare(da, dsh, m, RSA_PEARSON), 4);
	table_set_scalar(t, "spearman-shuffled", rsa_compare(da, dsh, m,
	    RSA_SPEARMAN), 4);
	{
		char note[256];

		snprintf(note, sizeof(note), "RDMs of cosine distance over "
		    "%zu word pairs; p one-sided from %ld relabellings of %s "
		    "(seed %lu)", m, nperm, dx_text(d, "b"),
		    (unsigned long)seed);
		t->note = xstrdup(note);
		dx_wvec_note(&wa, &t->note);
		dx_wvec_note(&wb, &t->note);
		table_set_scalar(t, "word-pairs", (double)m, -1);
		table_set_scalar(t, "permutations", (double)nperm, -1);
		table_set_scalar(t, "seed", (double)seed, -1);
	}
	if (directive_opt(d, "pairs")->b && add_pairs(ctx, d, names, n, da,
	    db, m, res) < 0)
		goto out;
	if (m <= 20000) {
		struct chart *c = result_add_chart(res, CHART_SCATTER, "rsa-rdm",
		    "Cosine distance of each word pair in both spaces");
		struct chart_series *sr = chart_add_series(c, "pairs", m);
		size_t k;

		chart_axes(c, dx_text(d, "a"), dx_text(d, "b"));
		c->identity = 1;
		for (k = 0; k < m; k++) {
			sr->x[k] = da[k];
			sr->y[k] = db[k];
		}
	}
	if ((directive_opt(d, "bootstrap")->i > 0 ||
	    directive_opt(d, "sizes")->nwords > 0) &&
	    rsa_resampling(ctx, d, res, da, db, n, seed) < 0)
		goto out;
	rc = 0;
out:
	dx_free_names(names, n > 0 ? n : 0);
	dx_wvec_free(&wa);
	dx_wvec_free(&wb);
	free(mb);
	free(da);
	free(db);
	free(dsh);
	free(perm);
	return rc;
}

static int
rsa_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *po = directive_opt(d, "permutations");
	double ra, da, rb, db, n, m;
	size_t nw = 0;
	char **w = dx_words(d, "words", &nw);

	dx_free_words(w, nw);
	if (dx_space_size(ctx, d, "a", &ra, &da) != 0 ||
	    dx_space_size(ctx, d, "b", &rb, &db) != 0)
		return -1;
	n = nw > 0 ? (double)nw : (double)directive_opt(d, "top")->i;
	if (n > ra)
		n = ra;
	m = n * (n - 1) / 2;
	/* Two RDMs (m × d each), ranks (a sort), then each permutation
	 * correlates m relabelled pairs. */
	we->ops = m * (da + db) + m * 60 + (double)po->i * m * 4;
	{
		/* each resample ranks its pairs (≈ 60 per pair) */
		const struct dopt *so = directive_opt(d, "sizes");
		double nbs = (double)directive_opt(d, "bootstrap")->i, s2 = 0;
		size_t j;

		we->ops += nbs * m * 60;
		for (j = 0; j < so->nwords; j++) {
			double z = strtod(so->words[j], NULL);

			if (z > 0 && z <= n)
				s2 += z * (z - 1) / 2;
		}
		we->ops += 2 * (nbs > 0 ? nbs : 200) * s2 * 60;
	}
	we->bytes = m * 8 * 5;
	dx_why(we->why, sizeof(we->why), "`:permutations: %ld` × %.0f word "
	    "pairs (%.0f words, `:top:`)", po->i, m, n);
	we->lower = ":permutations: or :top:";
	we->at = po->set ? po : directive_opt(d, "top");
	dx_why(we->mwhy, sizeof(we->mwhy), "%.0f word pairs (%.0f words, "
	    "`:top:`)", m, n);
	we->mlower = ":top:";
	we->mat = directive_opt(d, "top");
	return 0;
}

static const char *const rsa_strings[] = {
	"comparison",
	"words",
	"Spearman ρ",
	"Pearson r",
	"p (permutation)",
	"Representational similarity of the two spaces",
	"Cosine distance of each word pair in both spaces",
	"pairs",
	"RDMs of cosine distance over %s word pairs; p one-sided "
	    "from %s relabellings of %s (seed %s)",
	"statistic",
	"observed",
	"bootstrap mean",
	"bootstrap sd",
	"2.5 %",
	"97.5 %",
	"mean ρ",
	"sd",
	"draws",
	"shuffled sd",
	"Bootstrap over the words",
	"%s resamples of the %s words with replacement (pairs of a word "
	    "with its own copy dropped); percentile interval",
	"Spearman ρ against the number of words",
	"Spearman ρ on random subsets of the words",
	"each draw takes that many distinct words at random; shuffled sd: "
	    "the spread of ρ when b's words are also shuffled among the "
	    "drawn ones (no relation)",
	"pair",
	"distance in a",
	"distance in b",
	"rank in a",
	"rank in b",
	"Each word pair in both RDMs",
	"distance = 1 − cos; ranks from 1 (the closest pair), ties averaged; "
	    "a: %s, b: %s",
	DX_PIECES_STRINGS,
	NULL
};

static const struct scalar_doc rsa_scalars[] = {
	{ "spearman", "rsa", "Spearman ρ of the two RDMs (the first row)" },
	{ "pearson", "rsa", "Pearson r of the two RDMs" },
	{ "p", "rsa", "one-sided permutation p-value of the Spearman ρ" },
	{ "spearman-shuffled", "rsa",
	    "Spearman ρ against b's words shuffled once (the baseline)" },
	{ "word-pairs", "rsa",
	    "word pairs in each RDM" },
	{ "permutations", "rsa",
	    "relabellings for the p-value" },
	{ "seed", "rsa",
	    "seed of the shuffles" },
	{ NULL, NULL, NULL }
};

const struct directive_spec directive_rsa = {
	.name = "rsa",
	.summary = "representational similarity of two spaces on shared "
	    "words, with a "
	    "permutation p-value and a shuffled baseline",
	.opts = rsa_opts,
	.body = BODY_OPTIONAL,
	.body_doc = "words (instead of :words:)",
	.run = rsa_run,
	.estimate = rsa_estimate,
	.version = 3,
	.strings = rsa_strings,
	.example = "```{rsa}\n:a: glove-wiki-100d\n:b: "
	    "glove-twitter-25d\n:top: 500\n```",
	.scalars = rsa_scalars,
};
