/*
 * directives/similarity_matrix: {similarity-matrix} — cosines between words
 * as a labelled heatmap, in the given order or ordered by clustering.
 * Reads one declared space; produces a heatmap and a table of values.
 * Never reorders unless :order: cluster asks.
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
#include "util/buf.h"
#include "util/xalloc.h"

/* :order:, in the order of enum simmat_order. */
static const char *const orders[] = { "given", "cluster", NULL };
enum simmat_order { ORDER_GIVEN, ORDER_CLUSTER };

static const struct opt_spec simmat_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	{
		.name = "words",
		.type = OPT_WORDS,
		.doc = "the words (or give them in the body), 2 to 60",
	},
	{
		.name = "order",
		.type = OPT_ENUM,
		.def = "given",
		.choices = orders,
		.doc = "given: as listed; cluster: average-linkage leaf "
		    "order, so "
		    "similar words sit together",
	},
	{
		.name = "values",
		.type = OPT_BOOL,
		.def = "true",
		.doc = "print each cosine in its cell",
	},
	DX_OPT_PIECES,
	{ .name = NULL }
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
	struct dx_wvec wv;
	double *sim = NULL;
	struct chart *c;
	struct table *t;
	const char **cols = NULL;
	int rc = -1;

	memset(&wv, 0, sizeof(wv));
	if ((s = dx_space(ctx, d, "space", &ix, res)) == NULL)
		goto out;
	if (nw < 2 || nw > 60) {
		dctx_error(ctx, "{similarity-matrix} needs 2 to 60 words, "
		    "found %zu", nw);
		goto out;
	}
	if (dx_word_vectors(ctx, d, directive_opt(d, "words"), s,
	    dx_text(d, "space"), words, nw, &wv) < 0)
		goto out;
	sim = xcalloc(nw * nw, sizeof(double));
	for (i = 0; i < nw; i++)
		for (j = 0; j < nw; j++)
			sim[i * nw + j] = vec_cosine(wv.v + i * (size_t)wv.dims,
			    wv.v + j * (size_t)wv.dims, wv.dims);
	perm = xcalloc(nw, sizeof(size_t));
	if (directive_opt(d, "order")->i == ORDER_CLUSTER)
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
		const char *w = wv.label[perm[i]];

		c->rowlabels[i] = xstrdup(w);
		c->collabels[i] = xstrdup(w);
		cols[i + 1] = c->rowlabels[i];
		for (j = 0; j < nw; j++)
			c->cells[i * nw + j] = sim[perm[i] * nw + perm[j]];
	}
	{
		char desc[256];

		snprintf(desc, sizeof(desc), "Cosine similarity between %zu "
		    "words%s, from -1 (blue) through 0 (white) to 1 (red)", nw,
		    perm[0] != 0 ||
		    directive_opt(d, "order")->i == ORDER_CLUSTER ?
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
	dx_wvec_note(&wv, &t->note);
	rc = 0;
out:
	dx_free_words(words, nw);
	free(cols);
	dx_wvec_free(&wv);
	free(sim);
	free(perm);
	return rc;
}

static int
similarity_matrix_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, n;
	size_t nw = 0;
	char **w = dx_words(d, "words", &nw);

	dx_free_words(w, nw);
	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	n = (double)nw;
	/* n² cosines, and clustering (n³ at worst). */
	we->ops = n * n * dims + n * n * n;
	we->bytes = n * n * 8 * 2;
	dx_why(we->why, sizeof(we->why), "%.0f² words (`:words:`) × %.0f "
	    "dimensions", n, dims);
	we->lower = ":words:";
	we->at = directive_opt(d, "words");
	return 0;
}

static const char *const similarity_matrix_strings[] = {
	"Cosine similarity",
	"Cosine similarity (values)",
	DX_PIECES_STRINGS,
	NULL
};

const struct directive_spec directive_similarity_matrix = {
	.name = "similarity-matrix",
	.summary = "cosines between words as a labelled heatmap, optionally "
	    "clustered",
	.opts = simmat_opts,
	.body = BODY_OPTIONAL,
	.body_doc = "the words (instead of :words:)",
	.run = simmat_run,
	.estimate = similarity_matrix_estimate,
	.version = 1,
	.strings = similarity_matrix_strings,
	.example = "```{similarity-matrix}\n:space: glove-wiki-100d\n:order: "
	    "cluster\n"
	    "apple banana cherry car truck bus\n```",
};
