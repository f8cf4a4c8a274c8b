/*
 * directives/nearest: {nearest} — exact k nearest neighbours of words under
 * cosine, dot product or Euclidean distance.
 * Reads one declared space and its search index; produces tables.
 * Never approximates: every kept row is scored.
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
		.min = 1,
		.max = 1000,
		.doc = "neighbours per word",
	},
	{
		.name = "metric",
		.type = OPT_WORDS,
		.def = "cosine",
		.doc = "one or more of cosine, dot, euclidean",
	},
	{
		.name = "restrict",
		.type = OPT_INT,
		.def = "0",
		.max = 100000000,
		.doc = "search only the first N rows (the most frequent "
		    "words); 0: all",
	},
	{ .name = NULL }
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
		if (dx_knn_search(ctx, ix, rows, nw, k, (enum knn_metric)metrics[mi],
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
			table_set_scalar(t, "searched-rows", (double)restrict_rows, -1);
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


static int
nearest_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, r, nm = (double)directive_opt(d, "metric")->nwords;
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

static const char *const nearest_strings[] = {
	"#",
	"cosine",
	"dot",
	"euclidean",
	"word",
	"similarity",
	"product",
	"distance",
	"%s nearest neighbours of '%s' (restricted)",
	"%s nearest neighbours of '%s'",
	"searched the first %s rows only",
	NULL
};

static const struct scalar_doc nearest_scalars[] = {
	{ "searched-rows", "nearest-N",
	    "rows searched, when :restrict: limits them" },
	{ NULL, NULL, NULL }
};

const struct directive_spec directive_nearest = {
	.name = "nearest",
	.summary = "exact k nearest neighbours of words (cosine, dot, "
	    "Euclidean)",
	.opts = nearest_opts,
	.body = BODY_OPTIONAL,
	.body_doc = "query words, separated by spaces, "
	    "commas or lines (instead of :words:)",
	.run = nearest_run,
	.estimate = nearest_estimate,
	.version = 2,
	.strings = nearest_strings,
	.example = "```{nearest}\n:space: glove-wiki-100d\n:k: 5\nbattery "
	    "frog\n```",
	.scalars = nearest_scalars,
};
