/*
 * directives/crossspace: comparing two embedding spaces that share words
 * but not coordinates — {rsa} (representational similarity analysis:
 * the cosine-distance matrices of the same words in both spaces,
 * correlated, with a permutation p-value and a shuffled baseline) and
 * {cosine-scatter} (each pair of words' cosine in space A against space
 * B, with the identity line).
 * Reads two spaces; produces tables and charts. Never aligns coordinates:
 * both analyses only compare within-space geometry.
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

/* Gathers n rows of s into a new n × dims matrix. */
static float *
gather(const struct space *s, const long *rows, size_t n)
{
	int dims = space_dims(s);
	float *m = xcalloc(n * (size_t)dims + 1, sizeof(float));
	size_t i;

	for (i = 0; i < n; i++)
		memcpy(m + i * (size_t)dims, space_row(s, rows[i]),
		    sizeof(float) * (size_t)dims);
	return m;
}

/*
 * The words to compare: the option/body list (all must be in both
 * spaces), else the first "top" rows of a that b also has. Fills rows in
 * a and b; returns the count, or -1 after an error.
 */
static long
shared_words(struct dctx *ctx, const struct directive *d,
    const struct space *a, const struct space *b, long top, long **ra,
    long **rb, char ***names)
{
	size_t nw = 0;
	char **w = dx_words(d, "words", &nw);
	long n, r;

	if (nw > 0) {
		*ra = xcalloc(nw, sizeof(long));
		*rb = xcalloc(nw, sizeof(long));
		if (dx_rows(ctx, directive_opt(d, "words"), a, dx_text(d, "a"),
		    w, nw, *ra) < 0 || dx_rows(ctx, directive_opt(d, "words"), b,
		    dx_text(d, "b"), w, nw, *rb) < 0) {
			dx_free_words(w, nw);
			return -1;
		}
		*names = w;
		return (long)nw;
	}
	dx_free_words(w, nw);
	{
		struct xspace_pairs pr;
		struct diag dg;

		/* no shared word leaves n at 0: the caller says how many
		 * words it needs */
		if (xspace_shared(a, b, 0, &pr, &dg) < 0)
			memset(&pr, 0, sizeof(pr));
		n = pr.n < top ? pr.n : top;
		*ra = xcalloc((size_t)n + 1, sizeof(long));
		*rb = xcalloc((size_t)n + 1, sizeof(long));
		*names = xcalloc((size_t)n + 1, sizeof(char *));
		for (r = 0; r < n; r++) {
			(*ra)[r] = pr.ida[r];
			(*rb)[r] = pr.idb[r];
			(*names)[r] = xstrdup(space_word(a, pr.ida[r], NULL));
		}
		xspace_pairs_clear(&pr);
	}
	return n;
}

static void
free_names(char **v, long n)
{
	long i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- {rsa} ----------------------------------------------------------- */

static const struct opt_spec rsa_opts[] = {
	{ "a", OPT_SPACE, NULL, 1, 0, 0, NULL, "the first space" },
	{ "b", OPT_SPACE, NULL, 1, 0, 0, NULL, "the second space" },
	{ "words", OPT_WORDS, NULL, 0, 0, 0, NULL,
	  "the words (or the body); without them, the :top: most frequent "
	  "words of a that b also has" },
	{ "top", OPT_INT, "1000", 0, 3, 5000, NULL,
	  "shared words used when no list is given" },
	{ "permutations", OPT_INT, "1000", 0, 10, 100000, NULL,
	  "relabellings for the p-value" },
	{ "seed", OPT_INT, "42", 0, 0, 2147483647, NULL, "seed of the shuffles" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
};

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

	if ((a = dx_space(ctx, d, "a", NULL, res)) == NULL ||
	    (b = dx_space(ctx, d, "b", NULL, res)) == NULL)
		return -1;
	n = shared_words(ctx, d, a, b, directive_opt(d, "top")->i, &ra, &rb,
	    &names);
	if (n < 0)
		goto out;
	if (n < 3) {
		dctx_error(ctx, "{rsa} needs at least 3 words known to both "
		    "spaces, found %ld", n);
		goto out;
	}
	ma = gather(a, ra, (size_t)n);
	mb = gather(b, rb, (size_t)n);
	m = RSA_NPAIRS(n);
	da = xcalloc(m, sizeof(double));
	db = xcalloc(m, sizeof(double));
	dsh = xcalloc(m, sizeof(double));
	rsa_rdm(ma, n, space_dims(a), da);
	rsa_rdm(mb, n, space_dims(b), db);
	if (rsa_permutation_test(da, db, n, RSA_SPEARMAN, nperm, seed, &stat,
	    &p, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	t = result_add_table(res, "rsa", "Representational similarity of the "
	    "two spaces", 5, cols);
	row = table_add_row(t);
	table_set_text(t, row, 0, "a vs b");
	table_set_int(t, row, 1, n);
	table_set_num(t, row, 2, rsa_compare(da, db, m, RSA_SPEARMAN), 4);
	table_set_num(t, row, 3, rsa_compare(da, db, m, RSA_PEARSON), 4);
	table_set_num(t, row, 4, p, 4);
	/* baseline: b's words relabelled at random once */
	perm = xcalloc((size_t)n, sizeof(long));
	for (i = 0; i < n; i++)
		perm[i] = rb[i];
	rng_seed(&rg, seed + 1);
	rng_shuffle(&rg, perm, n);
	free(mb);
	mb = gather(b, perm, (size_t)n);
	rsa_rdm(mb, n, space_dims(b), dsh);
	row = table_add_row(t);
	table_set_text(t, row, 0, "a vs b, words shuffled");
	table_set_int(t, row, 1, n);
	table_set_num(t, row, 2, rsa_compare(da, dsh, m, RSA_SPEARMAN), 4);
	table_set_num(t, row, 3, rsa_compare(da, dsh, m, RSA_PEARSON), 4);
	{
		char note[256];

		snprintf(note, sizeof(note), "RDMs of cosine distance over "
		    "%zu word pairs; p one-sided from %ld relabellings of b "
		    "(seed %lu)", m, nperm, (unsigned long)seed);
		t->note = xstrdup(note);
	}
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
	free_names(names, n > 0 ? n : 0);
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

const struct directive_spec directive_rsa = {
	"rsa",
	"representational similarity of two spaces on shared words, with a "
	"permutation p-value and a shuffled baseline",
	rsa_opts, BODY_OPTIONAL, "words (instead of :words:)", 0, NULL,
	rsa_run,
	"```{rsa}\n:a: glove-wiki-100d\n:b: glove-twitter-25d\n:top: 500\n```"
};

/* ---- {cosine-scatter} -------------------------------------------------- */

static const struct opt_spec scat_opts[] = {
	{ "a", OPT_SPACE, NULL, 1, 0, 0, NULL, "the space on the x axis" },
	{ "b", OPT_SPACE, NULL, 1, 0, 0, NULL, "the space on the y axis" },
	{ "words", OPT_WORDS, NULL, 0, 0, 0, NULL,
	  "the words (or the body), 3 to 60" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
};

static int
scat_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "pairs", "Pearson r",
	    "Spearman ρ", "mean |cos a − cos b|", "mean (cos b − cos a)" };
	const struct space *a, *b;
	long n, *ra = NULL, *rb = NULL;
	char **names = NULL;
	size_t m, k = 0, i, j, row;
	double *x = NULL, *y = NULL, diff = 0, sdiff = 0;
	struct chart *c;
	struct chart_series *sr;
	struct table *t;
	int rc = -1;

	if ((a = dx_space(ctx, d, "a", NULL, res)) == NULL ||
	    (b = dx_space(ctx, d, "b", NULL, res)) == NULL)
		return -1;
	{
		size_t nw = 0;
		char **w = dx_words(d, "words", &nw);

		dx_free_words(w, nw);
		if (nw < 3 || nw > 60)
			return dctx_error(ctx, "{cosine-scatter} needs 3 to 60 "
			    "words, found %zu", nw);
	}
	n = shared_words(ctx, d, a, b, 0, &ra, &rb, &names);
	if (n < 0)
		goto out;
	m = RSA_NPAIRS(n);
	x = xcalloc(m, sizeof(double));
	y = xcalloc(m, sizeof(double));
	c = result_add_chart(res, CHART_SCATTER, "cosine-scatter",
	    "Cosine of each word pair in both spaces");
	chart_axes(c, dx_text(d, "a"), dx_text(d, "b"));
	c->identity = 1;
	sr = chart_add_series(c, "pairs", m);
	for (i = 0; i < (size_t)n; i++)
		for (j = i + 1; j < (size_t)n; j++, k++) {
			char lab[160];

			x[k] = cosine(space_row(a, ra[i]), space_row(a, ra[j]),
			    space_dims(a));
			y[k] = cosine(space_row(b, rb[i]), space_row(b, rb[j]),
			    space_dims(b));
			diff += fabs(x[k] - y[k]);
			sdiff += y[k] - x[k];
			sr->x[k] = x[k];
			sr->y[k] = y[k];
			snprintf(lab, sizeof(lab), "%s–%s", names[i], names[j]);
			chart_series_label(sr, k, lab);
		}
	t = result_add_table(res, "cosine-scatter", "Agreement of the pairwise "
	    "cosines", 5, cols);
	row = table_add_row(t);
	table_set_int(t, row, 0, (long long)m);
	table_set_num(t, row, 1, stats_pearson(x, y, m, NULL), 4);
	table_set_num(t, row, 2, stats_spearman(x, y, m, NULL), 4);
	table_set_num(t, row, 3, diff / (double)m, 4);
	table_set_num(t, row, 4, sdiff / (double)m, 4);
	rc = 0;
out:
	free_names(names, n > 0 ? n : 0);
	free(ra);
	free(rb);
	free(x);
	free(y);
	return rc;
}

const struct directive_spec directive_cosine_scatter = {
	"cosine-scatter",
	"pairwise cosines of words in space a against space b, identity line",
	scat_opts, BODY_OPTIONAL, "the words (instead of :words:)", 0, NULL,
	scat_run,
	"```{cosine-scatter}\n:a: glove-wiki-100d\n:b: glove-twitter-25d\n"
	"the quick brown fox jumped over the lazy dog\n```"
};
