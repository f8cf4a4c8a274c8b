/*
 * directives/metric_compare: {metric-compare} — the top-k under Euclidean,
 * dot and cosine side by side, with their overlap and rank agreement.
 * Reads one declared space; produces tables.
 * Never hides the norm effect: the neighbours' mean norms are shown.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/knn.h"
#include "kern/norm.h"
#include "kern/stats.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const struct opt_spec compare_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space to search",
	},
	{
		.name = "words",
		.type = OPT_WORDS,
		.doc = "query words (or give them in the body)",
	},
	{
		.name = "k",
		.type = OPT_INT,
		.def = "10",
		.min = 2,
		.max = 200,
		.doc = "neighbours per metric",
	},
	{
		.name = "restrict",
		.type = OPT_INT,
		.def = "0",
		.max = 100000000,
		.doc = "search only the first N rows; 0: all",
	},
	DX_OPT_PIECES,
	{ .name = NULL }
};

/* |A ∩ B| of two k-lists of ids. */
static int
overlap(const long *a, const long *b, int k)
{
	int i, j, n = 0;

	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++)
			if (a[i] >= 0 && a[i] == b[j]) {
				n++;
				break;
			}
	return n;
}

/*
 * Rank agreement of two metrics on the union of their top-k lists: each
 * word's rank in each list (k + 1 when absent), Spearman of the two.
 */
static double
rank_agreement(const long *a, const long *b, int k)
{
	long u[400];
	double ra[400], rb[400];
	int n = 0, i, j;

	for (i = 0; i < k; i++)
		if (a[i] >= 0)
			u[n++] = a[i];
	for (i = 0; i < k; i++) {
		if (b[i] < 0)
			continue;
		for (j = 0; j < n && u[j] != b[i]; j++)
			;
		if (j == n)
			u[n++] = b[i];
	}
	for (i = 0; i < n; i++) {
		ra[i] = rb[i] = k + 1;
		for (j = 0; j < k; j++) {
			if (a[j] == u[i])
				ra[i] = j + 1;
			if (b[j] == u[i])
				rb[i] = j + 1;
		}
	}
	return n > 2 ? stats_spearman(ra, rb, (size_t)n, NULL) : NAN;
}

static int
compare_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const enum knn_metric order[3] = { KNN_EUCLIDEAN, KNN_DOT,
	    KNN_COSINE };
	static const char *const cols[] = { "#", "euclidean", "distance",
	    "dot", "dot product", "cosine", "cosine similarity" };
	static const char *const scols[] = { "query", "metrics",
	    "overlap of top-k", "rank agreement (Spearman)",
	    "mean norm of the neighbours" };
	const struct knn_index *ix;
	const struct space *s;
	int k = (int)directive_opt(d, "k")->i, m, rc = -1;
	long restrict_rows = directive_opt(d, "restrict")->i;
	size_t nw = 0, w, r, row, kk = (size_t)k;
	char **words = NULL;
	long *ids = NULL;
	struct dx_wvec wv;
	const struct tokenizer *tok;
	struct buf nbuf = BUF_INIT;
	float *scores = NULL;
	struct table *sum;
	double allnorm = 0;
	long nrows;

	memset(&wv, 0, sizeof(wv));
	if ((s = dx_space(ctx, d, "space", &ix, res)) == NULL)
		return -1;
	tok = dx_token_space(ctx, dx_text(d, "space"));
	words = dx_words(d, "words", &nw);
	if (nw == 0) {
		dctx_error(ctx, "{metric-compare} needs query words (:words: "
		    "or the body)");
		goto out;
	}
	if (dx_word_vectors(ctx, d, directive_opt(d, "words"), s,
	    dx_text(d, "space"), words, nw, &wv) < 0)
		goto out;
	ids = xcalloc(3 * nw * kk, sizeof(long));
	scores = xcalloc(3 * nw * kk, sizeof(float));
	for (m = 0; m < 3; m++)
		if (dx_knn_words(ctx, ix, &wv, k, order[m], restrict_rows,
		    ids + (size_t)m * nw * kk, scores + (size_t)m * nw * kk) < 0)
			goto out;
	nrows = restrict_rows > 0 && restrict_rows < ix->rows ? restrict_rows :
	    ix->rows;
	for (r = 0; r < (size_t)nrows; r++)
		allnorm += ix->norm[r];
	allnorm /= (double)nrows;
	sum = result_add_table(res, "metric-compare-summary",
	    "Agreement between the metrics", 5, scols);
	for (w = 0; w < nw; w++) {
		char name[64], caption[256];
		struct table *t;
		static const int pairs[3][2] = { { 0, 1 }, { 0, 2 }, { 1, 2 } };
		int p;

		snprintf(name, sizeof(name), "metric-compare-%zu", w + 1);
		snprintf(caption, sizeof(caption), "'%s': %d nearest under "
		    "each metric", wv.tag[w], k);
		t = result_add_table(res, name, caption, 7, cols);
		for (r = 0; r < kk; r++) {
			row = table_add_row(t);
			table_set_int(t, row, 0, (long long)r + 1);
			for (m = 0; m < 3; m++) {
				size_t at = ((size_t)m * nw + w) * kk + r;

				if (ids[at] < 0)
					continue;
				table_set_text(t, row, 1 + 2 * (size_t)m,
				    dx_row_name(tok, s, ids[at], &nbuf));
				table_set_num(t, row, 2 + 2 * (size_t)m,
				    scores[at], m == 2 ? 4 : 3);
			}
		}
		for (p = 0; p < 3; p++) {
			const long *a = ids + ((size_t)pairs[p][0] * nw + w) * kk;
			const long *b = ids + ((size_t)pairs[p][1] * nw + w) * kk;
			char mm[64], ov[32];

			row = table_add_row(sum);
			table_set_text(sum, row, 0, wv.label[w]);
			snprintf(mm, sizeof(mm), "%s / %s",
			    cols[1 + 2 * pairs[p][0]], cols[1 + 2 * pairs[p][1]]);
			table_set_text(sum, row, 1, mm);
			snprintf(ov, sizeof(ov), "%d / %d", overlap(a, b, k), k);
			table_set_text(sum, row, 2, ov);
			table_set_num(sum, row, 3, rank_agreement(a, b, k), 3);
			if (p == 0) {
				double na = 0, nb = 0, nc = 0;
				const long *c = ids + (2 * nw + w) * kk;

				for (r = 0; r < kk; r++) {
					na += a[r] >= 0 ? ix->norm[a[r]] : 0;
					nb += b[r] >= 0 ? ix->norm[b[r]] : 0;
					nc += c[r] >= 0 ? ix->norm[c[r]] : 0;
				}
				snprintf(mm, sizeof(mm), "%.2f / %.2f / %.2f",
				    na / k, nb / k, nc / k);
				table_set_text(sum, row, 4, mm);
			}
		}
	}
	{
		char note[256];

		snprintf(note, sizeof(note), "mean norm of the neighbours: "
		    "euclidean / dot / cosine; over all %ld searched rows "
		    "the mean norm is %.2f", nrows, allnorm);
		sum->note = xstrdup(note);
		table_set_scalar(sum, "mean-norm-all", allnorm, 2);
		table_set_scalar(sum, "rows", (double)nrows, -1);
		dx_wvec_note(&wv, &sum->note);
	}
	rc = 0;
out:
	dx_free_words(words, nw);
	dx_wvec_free(&wv);
	buf_clear(&nbuf);
	free(ids);
	free(scores);
	return rc;
}

static int
metric_compare_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, r, nm = 3;
	size_t nw = 0;
	char **w = dx_words(d, "words", &nw);

	dx_free_words(w, nw);
	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	r = dx_restricted(rows, directive_opt(d, "restrict")->i);
	/* Each query scans every kept row once per metric. */
	we->ops = (double)nw * nm * r * dims / DX_VEC;
	we->bytes = (double)nw * r * 4;
	dx_why(we->why, sizeof(we->why), "%zu word%s × %.0f metric%s × %.0f "
	    "rows (`:restrict:`) × %.0f dimensions", nw, nw == 1 ? "" : "s",
	    nm, nm == 1 ? "" : "s", r, dims);
	we->lower = ":restrict: or the words";
	we->at = directive_opt(d, "restrict");
	return 0;
}

static const char *const metric_compare_strings[] = {
	"#",
	"euclidean",
	"distance",
	"dot",
	"dot product",
	"cosine",
	"cosine similarity",
	"query",
	"metrics",
	"overlap of top-k",
	"rank agreement (Spearman)",
	"mean norm of the neighbours",
	"Agreement between the metrics",
	"'%s': %s nearest under each metric",
	"mean norm of the neighbours: euclidean / dot / cosine; over "
	    "all %s searched rows the mean norm is %s",
	DX_PIECES_STRINGS,
	NULL
};

static const struct scalar_doc metric_compare_scalars[] = {
	{ "mean-norm-all", "metric-compare-summary",
	    "mean L2 norm over all searched rows" },
	{ "rows", "metric-compare-summary",
	    "rows searched" },
	{ NULL, NULL, NULL }
};

const struct directive_spec directive_metric_compare = {
	.name = "metric-compare",
	.summary = "top-k under Euclidean, dot and cosine side by side, with "
	    "overlap and "
	    "rank agreement",
	.opts = compare_opts,
	.body = BODY_OPTIONAL,
	.body_doc = "query words (instead of :words:)",
	.run = compare_run,
	.estimate = metric_compare_estimate,
	.version = 2,
	.strings = metric_compare_strings,
	.example = "```{metric-compare}\n:space: glove-wiki-100d\n:k: "
	    "10\nking\n```",
	.scalars = metric_compare_scalars,
};
