/*
 * directives/geometry: {similarity-matrix} (cosines between a list of
 * words as a labelled heatmap, optionally ordered by average-linkage
 * clustering), {anisotropy} (how far a space is from isotropic, and what
 * centring, BERT-whitening and all-but-the-top do to it) and
 * {contrastive} (softmax over cosines with a temperature, InfoNCE loss).
 * Reads spaces through the build's data; produces tables and charts.
 * Never modifies a shared space: every transformation works on a copy.
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

/* ---- {similarity-matrix} ----------------------------------------------- */

static const char *const orders[] = { "given", "cluster", NULL };

static const struct opt_spec simmat_opts[] = {
	{ "space", OPT_SPACE, NULL, 1, 0, 0, NULL, "the embedding space" },
	{ "words", OPT_WORDS, NULL, 0, 0, 0, NULL,
	  "the words (or give them in the body), 2 to 60" },
	{ "order", OPT_ENUM, "given", 0, 0, 0, orders,
	  "given: as listed; cluster: average-linkage leaf order, so "
	  "similar words sit together" },
	{ "values", OPT_BOOL, "true", 0, 0, 0, NULL,
	  "print each cosine in its cell" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
};

/*
 * Leaf order of average-linkage agglomerative clustering on similarity
 * sim[n × n] (merging the most similar clusters first; ties by lower
 * index). Writes a permutation to out[n].
 */
static void
cluster_order(const double *sim, size_t n, size_t *out)
{
	size_t *members = xcalloc(n * n, sizeof(size_t)), *cnt, i, j, k;
	int *alive = xcalloc(n, sizeof(int));
	double *s = xcalloc(n * n, sizeof(double));

	cnt = xcalloc(n, sizeof(size_t));
	memcpy(s, sim, n * n * sizeof(double));
	for (i = 0; i < n; i++) {
		members[i * n] = i;
		cnt[i] = 1;
		alive[i] = 1;
	}
	for (k = 1; k < n; k++) {
		size_t bi = 0, bj = 0;
		double best = -INFINITY;

		for (i = 0; i < n; i++)
			for (j = i + 1; alive[i] && j < n; j++)
				if (alive[j] && s[i * n + j] > best) {
					best = s[i * n + j];
					bi = i;
					bj = j;
				}
		/* merge bj into bi: members appended, similarities averaged */
		for (j = 0; j < n; j++)
			if (alive[j] && j != bi && j != bj) {
				double v = (s[bi * n + j] * (double)cnt[bi] +
				    s[bj * n + j] * (double)cnt[bj]) /
				    (double)(cnt[bi] + cnt[bj]);

				s[bi * n + j] = s[j * n + bi] = v;
			}
		memcpy(members + bi * n + cnt[bi], members + bj * n,
		    cnt[bj] * sizeof(size_t));
		cnt[bi] += cnt[bj];
		alive[bj] = 0;
	}
	for (i = 0; i < n; i++)
		if (alive[i])
			memcpy(out, members + i * n, n * sizeof(size_t));
	free(members);
	free(cnt);
	free(alive);
	free(s);
}

static int
simmat_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	const struct space *s;
	const struct knn_index *ix;
	size_t nw = 0, i, j, *perm = NULL;
	char **words = dx_words(d, "words", &nw);
	long *rows = NULL;
	double *sim = NULL;
	struct chart *c;
	struct table *t;
	const char **cols = NULL;
	int rc = -1;

	if ((s = dx_space(ctx, d, "space", &ix, res)) == NULL)
		goto out;
	if (nw < 2 || nw > 60) {
		dctx_error(ctx, "{similarity-matrix} needs 2 to 60 words, "
		    "found %zu", nw);
		goto out;
	}
	rows = xcalloc(nw, sizeof(long));
	if (dx_rows(ctx, directive_opt(d, "words"), s, dx_text(d, "space"),
	    words, nw, rows) < 0)
		goto out;
	sim = xcalloc(nw * nw, sizeof(double));
	for (i = 0; i < nw; i++)
		for (j = 0; j < nw; j++)
			sim[i * nw + j] = cosine(space_row(s, rows[i]),
			    space_row(s, rows[j]), space_dims(s));
	perm = xcalloc(nw, sizeof(size_t));
	if (strcmp(dx_text(d, "order"), "cluster") == 0)
		cluster_order(sim, nw, perm);
	else
		for (i = 0; i < nw; i++)
			perm[i] = i;
	c = result_add_chart(res, CHART_HEATMAP, "similarity-matrix",
	    "Cosine similarity");
	chart_matrix(c, nw, nw);
	c->annotate = directive_opt(d, "values")->b;
	c->diverging = 1;
	c->vmin = -1;
	c->vmax = 1;
	cols = xcalloc(nw + 1, sizeof(char *));
	cols[0] = "";
	for (i = 0; i < nw; i++) {
		const char *w = space_word(s, rows[perm[i]], NULL);

		c->rowlabels[i] = xstrdup(w);
		c->collabels[i] = xstrdup(w);
		cols[i + 1] = w;
		for (j = 0; j < nw; j++)
			c->cells[i * nw + j] = sim[perm[i] * nw + perm[j]];
	}
	{
		char desc[256];

		snprintf(desc, sizeof(desc), "Cosine similarity between %zu "
		    "words%s, from -1 (blue) through 0 (white) to 1 (red)", nw,
		    perm[0] != 0 || strcmp(dx_text(d, "order"), "cluster") == 0 ?
		    ", ordered by clustering" : "");
		chart_desc(c, desc);
	}
	t = result_add_table(res, "similarity-matrix-values",
	    "Cosine similarity (values)", nw + 1, cols);
	for (i = 0; i < nw; i++) {
		size_t row = table_add_row(t);

		table_set_text(t, row, 0, cols[i + 1]);
		for (j = 0; j < nw; j++)
			table_set_num(t, row, j + 1, c->cells[i * nw + j], 3);
	}
	rc = 0;
out:
	dx_free_words(words, nw);
	free(cols);
	free(rows);
	free(sim);
	free(perm);
	return rc;
}

const struct directive_spec directive_similarity_matrix = {
	"similarity-matrix",
	"cosines between words as a labelled heatmap, optionally clustered",
	simmat_opts, BODY_OPTIONAL, "the words (instead of :words:)", 0, NULL,
	simmat_run,
	"```{similarity-matrix}\n:space: glove-wiki-100d\n:order: cluster\n"
	"apple banana cherry car truck bus\n```"
};

/* ---- {anisotropy} -------------------------------------------------------- */

static const struct opt_spec aniso_opts[] = {
	{ "space", OPT_SPACE, NULL, 1, 0, 0, NULL, "the embedding space" },
	{ "rows", OPT_INT, "10000", 0, 100, 2000000, NULL,
	  "use the first N rows (the most frequent words)" },
	{ "pairs", OPT_INT, "20000", 0, 100, 10000000, NULL,
	  "random word pairs for the cosine distribution" },
	{ "seed", OPT_INT, "42", 0, 0, 2147483647, NULL, "seed of the sampler" },
	{ "abtt", OPT_INT, "2", 0, 1, 100, NULL,
	  "principal directions removed by all-but-the-top" },
	{ "pcs", OPT_INT, "10", 0, 1, 100, NULL,
	  "top principal components whose variance share is reported" },
	{ "chart", OPT_BOOL, "true", 0, 0, 0, NULL,
	  "histograms of the pairwise cosines" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
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
		c = cosine(x + i * dims, x + j * dims, dims);
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

const struct directive_spec directive_anisotropy = {
	"anisotropy",
	"how anisotropic a space is, raw, centred, whitened and all-but-the-top",
	aniso_opts, BODY_NONE, NULL, 0, NULL, aniso_run,
	"```{anisotropy}\n:space: glove-wiki-100d\n:rows: 10000\n```"
};

/* ---- {contrastive} ----------------------------------------------------- */

static const struct opt_spec contr_opts[] = {
	{ "space", OPT_SPACE, NULL, 1, 0, 0, NULL, "the embedding space" },
	{ "query", OPT_STRING, NULL, 1, 0, 0, NULL, "the anchor word" },
	{ "positive", OPT_STRING, NULL, 1, 0, 0, NULL,
	  "the word that should win" },
	{ "negatives", OPT_WORDS, NULL, 1, 0, 0, NULL,
	  "the competing words" },
	{ "tau", OPT_WORDS, "0.05, 0.1, 0.5, 1, 2", 0, 0, 0, NULL,
	  "temperatures τ (positive numbers)" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
};

static int
contr_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	const struct dopt *to = directive_opt(d, "tau"),
	    *no = directive_opt(d, "negatives");
	const struct space *s;
	size_t nn = no->nwords, nt = to->nwords, i, k, row;
	char **words = NULL;
	long *rows = NULL;
	double *tau = NULL, *sc = NULL, *p = NULL;
	struct table *t, *tp;
	struct chart *c;
	const char **cols = NULL;
	int rc = -1, dims;

	tau = xcalloc(nt + 1, sizeof(double));
	for (i = 0; i < nt; i++) {
		char *end;

		tau[i] = strtod(to->words[i], &end);
		if (*end != '\0' || !(tau[i] > 0) || !isfinite(tau[i])) {
			dctx_error_at(ctx, to, "option ':tau:' needs positive "
			    "numbers, not '%s'", to->words[i]);
			goto out;
		}
	}
	if ((s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		goto out;
	dims = space_dims(s);
	words = xcalloc(nn + 2, sizeof(char *));
	words[0] = directive_opt(d, "query")->text;
	words[1] = directive_opt(d, "positive")->text;
	for (i = 0; i < nn; i++)
		words[i + 2] = no->words[i];
	rows = xcalloc(nn + 2, sizeof(long));
	if (dx_rows(ctx, NULL, s, dx_text(d, "space"), words, nn + 2,
	    rows) < 0)
		goto out;
	/* scores: cosine of the query with the positive, then negatives */
	sc = xcalloc(nn + 1, sizeof(double));
	p = xcalloc(nn + 1, sizeof(double));
	for (i = 0; i < nn + 1; i++)
		sc[i] = cosine(space_row(s, rows[0]), space_row(s, rows[i + 1]),
		    dims);
	{
		static const char *const c1[] = { "τ", "p(positive)",
		    "InfoNCE loss", "entropy (bits)" };

		t = result_add_table(res, "contrastive", "Softmax over cosines "
		    "at each temperature", 4, c1);
	}
	cols = xcalloc(nt + 3, sizeof(char *));
	cols[0] = "candidate";
	cols[1] = "cosine";
	for (i = 0; i < nt; i++)
		cols[i + 2] = to->words[i];
	tp = result_add_table(res, "contrastive-probabilities",
	    "Probability of each candidate (columns: τ)", nt + 2, cols);
	for (i = 0; i < nn + 1; i++) {
		row = table_add_row(tp);
		table_set_text(tp, row, 0, words[i + 1]);
		table_set_num(tp, row, 1, sc[i], 4);
	}
	c = result_add_chart(res, CHART_LINE, "contrastive-chart",
	    "Probability of each candidate against the temperature");
	chart_axes(c, "temperature τ", "softmax probability");
	c->logx = 1;
	c->ymin = 0;
	c->ymax = 1;
	for (i = 0; i < nn + 1 && i < 8; i++)
		chart_add_series(c, words[i + 1], nt);
	for (k = 0; k < nt; k++) {
		double h = 0;

		contrastive_softmax(sc, (int)nn + 1, tau[k], p);
		row = table_add_row(t);
		table_set_num(t, row, 0, tau[k], 3);
		table_set_num(t, row, 1, p[0], 4);
		table_set_num(t, row, 2, contrastive_infonce(sc[0], sc + 1,
		    (int)nn, tau[k]), 4);
		for (i = 0; i < nn + 1; i++) {
			if (p[i] > 0)
				h -= p[i] * log2(p[i]);
			table_set_num(tp, i, k + 2, p[i], 4);
			if (i < 8) {
				c->series[i].x[k] = tau[k];
				c->series[i].y[k] = p[i];
			}
		}
		table_set_num(t, row, 3, h, 3);
	}
	t->note = xstrdup("p = softmax(cos / τ) over the positive and the "
	    "negatives; loss = −log p(positive) (InfoNCE with this one "
	    "query)");
	rc = 0;
out:
	free(words);
	free(rows);
	free(tau);
	free(sc);
	free(p);
	free(cols);
	return rc;
}

const struct directive_spec directive_contrastive = {
	"contrastive",
	"softmax over cosines with a temperature and the InfoNCE loss",
	contr_opts, BODY_NONE, NULL, 0, NULL, contr_run,
	"```{contrastive}\n:space: glove-wiki-100d\n:query: cat\n"
	":positive: dog\n:negatives: car, tree, music\n:tau: 0.05, 0.1, 1\n```"
};
