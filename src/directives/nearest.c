/*
 * directives/nearest: {nearest} — the exact k nearest neighbours of
 * words under cosine, dot product or Euclidean distance (gensim's
 * most_similar semantics: the query word itself is left out), and
 * {metric-compare} — the three metrics side by side with their overlap
 * and rank agreement, showing when vector length changes the answer.
 * Reads one space through the build's data; produces tables.
 * Never approximates: every score is exact over the (restricted) rows.
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
#include "util/xalloc.h"

static const char *const metric_names[] = { "cosine", "dot", "euclidean",
    NULL };

static const struct opt_spec nearest_opts[] = {
	{ "space", OPT_SPACE, NULL, 1, 0, 0, NULL,
	  "the embedding space to search" },
	{ "words", OPT_WORDS, NULL, 0, 0, 0, NULL,
	  "query words (or give them in the body)" },
	{ "k", OPT_INT, "10", 0, 1, 1000, NULL, "neighbours per word" },
	{ "metric", OPT_WORDS, "cosine", 0, 0, 0, NULL,
	  "one or more of cosine, dot, euclidean" },
	{ "restrict", OPT_INT, "0", 0, 0, 100000000, NULL,
	  "search only the first N rows (the most frequent words); 0: all" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
};

static int
metric_of(const char *s)
{
	int i;

	for (i = 0; metric_names[i]; i++)
		if (strcmp(s, metric_names[i]) == 0)
			return i;
	return -1;
}

/* Neighbours of each query row under metric m: ids/scores [nq * k]. */
static int
search(struct dctx *ctx, const struct knn_index *ix, const long *rows,
    size_t nq, int k, enum knn_metric m, long restrict_rows, long *ids,
    float *scores)
{
	struct knn_opts o;
	struct diag dg;
	float *q = xcalloc(nq * (size_t)ix->dims + 1, sizeof(float));
	size_t i;
	int rc;

	for (i = 0; i < nq; i++)
		memcpy(q + i * (size_t)ix->dims, ix->m + rows[i] *
		    (long)ix->dims, sizeof(float) * (size_t)ix->dims);
	memset(&o, 0, sizeof(o));
	o.metric = m;
	o.restrict_rows = restrict_rows;
	o.qexclude = rows;
	o.qexclude_n = 1;
	o.threads = 1;
	rc = knn_search(ix, q, (long)nq, k, &o, ids, scores, &dg);
	free(q);
	if (rc != 0)
		return dctx_error(ctx, "%s", dg.msg);
	return 0;
}

static int
nearest_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	const struct dopt *mo = directive_opt(d, "metric");
	const struct knn_index *ix;
	const struct space *s;
	int k = (int)directive_opt(d, "k")->i, metrics[3], nm = 0, mi, rc = -1;
	long restrict_rows = directive_opt(d, "restrict")->i;
	size_t nw = 0, i, w;
	char **words = NULL;
	long *rows = NULL, *ids = NULL;
	float *scores = NULL;

	for (i = 0; i < mo->nwords; i++) {
		if ((mi = metric_of(mo->words[i])) < 0)
			return dctx_error_at(ctx, mo, "unknown metric '%s' "
			    "(known: cosine, dot, euclidean)", mo->words[i]);
		if (nm < 3)
			metrics[nm++] = mi;
	}
	if ((s = dx_space(ctx, d, "space", &ix, res)) == NULL)
		return -1;
	words = dx_words(d, "words", &nw);
	if (nw == 0) {
		dctx_error(ctx, "{nearest} needs query words (:words: or the "
		    "body)");
		goto out;
	}
	rows = xcalloc(nw, sizeof(long));
	if (dx_rows(ctx, directive_opt(d, "words"), s, dx_text(d, "space"),
	    words, nw, rows) < 0)
		goto out;
	ids = xcalloc(nw * (size_t)k * (size_t)nm, sizeof(long));
	scores = xcalloc(nw * (size_t)k * (size_t)nm, sizeof(float));
	for (mi = 0; mi < nm; mi++)
		if (search(ctx, ix, rows, nw, k, (enum knn_metric)metrics[mi],
		    restrict_rows, ids + (size_t)mi * nw * (size_t)k,
		    scores + (size_t)mi * nw * (size_t)k) < 0)
			goto out;
	for (w = 0; w < nw; w++) {
		const char *cols[1 + 2 * 3];
		char name[64], caption[256], scol[3][32];
		struct table *t;
		size_t r, row;

		cols[0] = "#";
		for (mi = 0; mi < nm; mi++) {
			snprintf(scol[mi], sizeof(scol[mi]), "%s",
			    metrics[mi] == KNN_EUCLIDEAN ? "distance" :
			    metrics[mi] == KNN_DOT ? "product" : "similarity");
			cols[1 + 2 * mi] = nm > 1 ? metric_names[metrics[mi]] :
			    "word";
			cols[2 + 2 * mi] = scol[mi];
		}
		snprintf(name, sizeof(name), "nearest-%zu", w + 1);
		snprintf(caption, sizeof(caption), "%d nearest neighbours of "
		    "'%s'%s", k, space_word(s, rows[w], NULL),
		    restrict_rows > 0 ? " (restricted)" : "");
		t = result_add_table(res, name, caption, 1 + 2 * (size_t)nm,
		    cols);
		for (r = 0; r < (size_t)k; r++) {
			row = table_add_row(t);
			table_set_int(t, row, 0, (long long)r + 1);
			for (mi = 0; mi < nm; mi++) {
				size_t at = ((size_t)mi * nw + w) * (size_t)k + r;

				if (ids[at] < 0)
					continue;
				table_set_text(t, row, 1 + 2 * (size_t)mi,
				    space_word(s, ids[at], NULL));
				table_set_num(t, row, 2 + 2 * (size_t)mi,
				    scores[at], metrics[mi] == KNN_COSINE ? 4 : 3);
			}
		}
		if (restrict_rows > 0) {
			char note[128];

			snprintf(note, sizeof(note), "searched the first %ld "
			    "rows only", restrict_rows);
			t->note = xstrdup(note);
		}
	}
	rc = 0;
out:
	dx_free_words(words, nw);
	free(rows);
	free(ids);
	free(scores);
	return rc;
}

const struct directive_spec directive_nearest = {
	"nearest",
	"exact k nearest neighbours of words (cosine, dot, Euclidean)",
	nearest_opts, BODY_OPTIONAL, "query words, separated by spaces, "
	"commas or lines (instead of :words:)", 0, NULL, nearest_run,
	"```{nearest}\n:space: glove-wiki-100d\n:k: 5\nbattery frog\n```"
};

/* ---- {metric-compare} -------------------------------------------------- */

static const struct opt_spec compare_opts[] = {
	{ "space", OPT_SPACE, NULL, 1, 0, 0, NULL,
	  "the embedding space to search" },
	{ "words", OPT_WORDS, NULL, 0, 0, 0, NULL,
	  "query words (or give them in the body)" },
	{ "k", OPT_INT, "10", 0, 2, 200, NULL, "neighbours per metric" },
	{ "restrict", OPT_INT, "0", 0, 0, 100000000, NULL,
	  "search only the first N rows; 0: all" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
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
	long *rows = NULL, *ids = NULL;
	float *scores = NULL;
	struct table *sum;
	double allnorm = 0;
	long nrows;

	if ((s = dx_space(ctx, d, "space", &ix, res)) == NULL)
		return -1;
	words = dx_words(d, "words", &nw);
	if (nw == 0) {
		dctx_error(ctx, "{metric-compare} needs query words (:words: "
		    "or the body)");
		goto out;
	}
	rows = xcalloc(nw, sizeof(long));
	if (dx_rows(ctx, directive_opt(d, "words"), s, dx_text(d, "space"),
	    words, nw, rows) < 0)
		goto out;
	ids = xcalloc(3 * nw * kk, sizeof(long));
	scores = xcalloc(3 * nw * kk, sizeof(float));
	for (m = 0; m < 3; m++)
		if (search(ctx, ix, rows, nw, k, order[m], restrict_rows,
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
		    "each metric", space_word(s, rows[w], NULL), k);
		t = result_add_table(res, name, caption, 7, cols);
		for (r = 0; r < kk; r++) {
			row = table_add_row(t);
			table_set_int(t, row, 0, (long long)r + 1);
			for (m = 0; m < 3; m++) {
				size_t at = ((size_t)m * nw + w) * kk + r;

				if (ids[at] < 0)
					continue;
				table_set_text(t, row, 1 + 2 * (size_t)m,
				    space_word(s, ids[at], NULL));
				table_set_num(t, row, 2 + 2 * (size_t)m,
				    scores[at], m == 2 ? 4 : 3);
			}
		}
		for (p = 0; p < 3; p++) {
			const long *a = ids + ((size_t)pairs[p][0] * nw + w) * kk;
			const long *b = ids + ((size_t)pairs[p][1] * nw + w) * kk;
			char mm[64], ov[32];

			row = table_add_row(sum);
			table_set_text(sum, row, 0, space_word(s, rows[w],
			    NULL));
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
	}
	rc = 0;
out:
	dx_free_words(words, nw);
	free(rows);
	free(ids);
	free(scores);
	return rc;
}

const struct directive_spec directive_metric_compare = {
	"metric-compare",
	"top-k under Euclidean, dot and cosine side by side, with overlap and "
	"rank agreement",
	compare_opts, BODY_OPTIONAL, "query words (instead of :words:)", 0,
	NULL, compare_run,
	"```{metric-compare}\n:space: glove-wiki-100d\n:k: 10\nking\n```"
};
