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
		.name = "pairs",
		.type = OPT_BOOL,
		.def = "false",
		.doc = "also list every word pair's distance and its rank in "
		    "both RDMs (up to 20 words)",
	},
	{ .name = NULL }
};

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
	long n, *ra = NULL, *rb = NULL, nperm = directive_opt(d,
	    "permutations")->i, i;
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

	if ((a = dx_space(ctx, d, "a", NULL, res)) == NULL ||
	    (b = dx_space(ctx, d, "b", NULL, res)) == NULL)
		return -1;
	n = dx_shared_words(ctx, d, a, b, directive_opt(d, "top")->i, &ra, &rb,
	    &names);
	if (n < 0)
		goto out;
	if (n < 3) {
		dctx_error(ctx, "{rsa} needs at least 3 words known to both "
		    "spaces, found %ld", n);
		goto out;
	}
	ma = dx_gather(a, ra, (size_t)n);
	mb = dx_gather(b, rb, (size_t)n);
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
	/* baseline: b's words relabelled at random once */
	perm = xcalloc((size_t)n, sizeof(long));
	for (i = 0; i < n; i++)
		perm[i] = rb[i];
	rng_seed(&rg, seed + 1);
	rng_shuffle(&rg, perm, n);
	free(mb);
	mb = dx_gather(b, perm, (size_t)n);
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
	rc = 0;
out:
	dx_free_names(names, n > 0 ? n : 0);
	free(ra);
	free(rb);
	free(ma);
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
	"pair",
	"distance in a",
	"distance in b",
	"rank in a",
	"rank in b",
	"Each word pair in both RDMs",
	"distance = 1 − cos; ranks from 1 (the closest pair), ties averaged; "
	    "a: %s, b: %s",
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
