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

#include "data/tokspace.h"
#include "directives/common.h"
#include "directives/registry.h"
#include "kern/knn.h"
#include "kern/norm.h"
#include "kern/stats.h"
#include "store/space.h"
#include "util/buf.h"
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
	DX_OPT_PIECES,
	DX_OPT_FILTER,
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


/*
 * The queries of {nearest}: one vector per word (a row of the space, or
 * in a token space the vector :pieces: makes of the word's pieces; with
 * "all" one query per piece), the rows each may not return (itself, its
 * pieces) and the name its caption shows.
 */
struct queries {
	float	*vec;		/* n × dims */
	long	*ex;		/* n × TOKSPACE_MAXPIECES, -1 padded */
	char	**label;
	size_t	 n, cap;
};

static void
query_add(struct queries *q, int dims, const float *v, const long *ex,
    size_t nex, const char *label)
{
	size_t i;

	if (q->n == q->cap) {
		q->cap = q->cap ? 2 * q->cap : 8;
		q->vec = xreallocarray(q->vec, q->cap * (size_t)dims,
		    sizeof(float));
		q->ex = xreallocarray(q->ex, q->cap * TOKSPACE_MAXPIECES,
		    sizeof(long));
		q->label = xreallocarray(q->label, q->cap, sizeof(char *));
	}
	memcpy(q->vec + q->n * (size_t)dims, v, (size_t)dims * sizeof(float));
	for (i = 0; i < TOKSPACE_MAXPIECES; i++)
		q->ex[q->n * TOKSPACE_MAXPIECES + i] = i < nex ? ex[i] : -1;
	q->label[q->n++] = xstrdup(label);
}

static void
queries_free(struct queries *q)
{
	size_t i;

	for (i = 0; i < q->n; i++)
		free(q->label[i]);
	free(q->label);
	free(q->vec);
	free(q->ex);
}

/* The queries of the words in token space s (tokenizer t). */
static int
token_queries(struct dctx *ctx, const struct directive *d,
    const struct space *s, const struct tokenizer *t, char *const *words,
    size_t nw, struct queries *q)
{
	const struct dopt *po = directive_opt(d, "pieces");
	enum tokspace_pieces pol = TOKSPACE_MEAN;
	struct tokspace_hit h;
	struct diag dg;
	struct buf lb = BUF_INIT, pb = BUF_INIT;
	int dims = space_dims(s);
	float *v = xcalloc((size_t)dims, sizeof(float));
	size_t w, i;
	int rc = -1;

	tokspace_pieces_parse(po->text, &pol);
	for (w = 0; w < nw; w++) {
		if (tokspace_lookup(s, t, words[w], &h, &dg) < 0) {
			dctx_error_at(ctx, directive_opt(d, "words")->set ?
			    directive_opt(d, "words") : NULL, "token space "
			    "'%s': %s", dx_text(d, "space"), dg.msg);
			goto out;
		}
		if (pol == TOKSPACE_ALL && h.n > 1) {
			for (i = 0; i < h.n; i++) {
				buf_reset(&lb);
				buf_reset(&pb);
				tokspace_row_name(s, t, h.rows[i], &pb);
				buf_printf(&lb, "%s [%s, piece %zu of %zu]",
				    words[w], buf_str(&pb), i + 1, h.n);
				query_add(q, dims, space_row(s, h.rows[i]),
				    &h.rows[i], 1, buf_str(&lb));
			}
			continue;
		}
		buf_reset(&lb);
		if (h.how == TOKSPACE_BY_WORD) {
			buf_reset(&pb);
			tokspace_describe(s, t, &h, &pb);
			buf_printf(&lb, "%s [%s: %s]", words[w], buf_str(&pb),
			    pol == TOKSPACE_FIRST ? "first" : "mean");
		} else {
			buf_reset(&pb);
			tokspace_row_name(s, t, h.rows[0], &pb);
			if (strcmp(buf_str(&pb), words[w]) == 0)
				buf_puts(&lb, words[w]);
			else
				buf_printf(&lb, "%s [%s]", words[w],
				    buf_str(&pb));
		}
		tokspace_vector(s, &h, pol, v);
		query_add(q, dims, v, h.rows, pol == TOKSPACE_FIRST ? 1 : h.n,
		    buf_str(&lb));
	}
	rc = 0;
out:
	free(v);
	buf_clear(&lb);
	buf_clear(&pb);
	return rc;
}

/*
 * The k neighbours of each query under metric m into ids/scores
 * (nq × k). With "words" set (a token space's :filter: words) the search
 * asks for more rows until k of them are words, or every row was seen,
 * and keeps the first k words in rank order.
 */
static int
search(struct dctx *ctx, const struct knn_index *ix, const struct space *s,
    const struct tokenizer *words, const struct queries *q, int k,
    enum knn_metric m, long restrict_rows, long *ids, float *scores)
{
	long rows = restrict_rows > 0 && restrict_rows < space_rows(s) ?
	    restrict_rows : space_rows(s);
	long kk = k, *ti = NULL, *ex;
	float *ts = NULL;
	size_t i, r, got;
	int rc = -1, again = 1, nex = 1;

	/* The exclusions packed as wide as the widest query needs (one
	 * row for words): the scan checks each of them per row. */
	for (i = 0; i < q->n; i++)
		for (r = 0; r < TOKSPACE_MAXPIECES; r++)
			if (q->ex[i * TOKSPACE_MAXPIECES + r] >= 0 &&
			    (int)r + 1 > nex)
				nex = (int)r + 1;
	ex = xcalloc(q->n * (size_t)nex, sizeof(long));
	for (i = 0; i < q->n; i++)
		memcpy(ex + i * (size_t)nex, q->ex + i * TOKSPACE_MAXPIECES,
		    (size_t)nex * sizeof(long));
	if (words == NULL) {
		rc = dx_knn_search_vec(ctx, ix, q->vec, q->n, ex, nex, k, m,
		    restrict_rows, ids, scores);
		free(ex);
		return rc;
	}
	kk = (long)k * 8 < 256 ? 256 : (long)k * 8;
	while (again) {
		if (kk > rows)
			kk = rows;
		ti = xreallocarray(ti, q->n * (size_t)kk, sizeof(long));
		ts = xreallocarray(ts, q->n * (size_t)kk, sizeof(float));
		if (dx_knn_search_vec(ctx, ix, q->vec, q->n, ex, nex, (int)kk, m,
		    restrict_rows, ti, ts) < 0)
			goto out;
		again = 0;
		for (i = 0; i < q->n; i++) {
			got = dx_keep_words(words, s, ti + i * (size_t)kk,
			    ts + i * (size_t)kk, (size_t)kk, ids + i * (size_t)k,
			    scores + i * (size_t)k, (size_t)k);
			if (got < (size_t)k && kk < rows)
				again = 1;
		}
		kk = kk > rows / 4 ? rows : kk * 4;
	}
	rc = 0;
out:
	free(ex);
	free(ti);
	free(ts);
	return rc;
}

static int
nearest_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	const struct dopt *mo = directive_opt(d, "metric");
	const struct knn_index *ix;
	const struct space *s;
	const struct tokenizer *tok;
	int k = (int)directive_opt(d, "k")->i, metrics[3], nm = 0, mi, rc = -1;
	int filter = strcmp(directive_opt(d, "filter")->text, "words") == 0;
	long restrict_rows = directive_opt(d, "restrict")->i;
	size_t nw = 0, i, w;
	char **words = NULL;
	long *rows = NULL, *ids = NULL;
	float *scores = NULL;
	struct queries q;
	struct buf nb = BUF_INIT;

	memset(&q, 0, sizeof(q));
	for (i = 0; i < mo->nwords; i++) {
		if ((mi = metric_of(mo->words[i])) < 0)
			return dctx_error_at(ctx, mo, "unknown metric '%s' "
			    "(known: cosine, dot, euclidean)", mo->words[i]);
		if (nm < 3)
			metrics[nm++] = mi;
	}
	if ((s = dx_space(ctx, d, "space", &ix, res)) == NULL)
		return -1;
	tok = dx_token_space(ctx, dx_text(d, "space"));
	if (tok == NULL && (directive_opt(d, "pieces")->set || filter)) {
		dctx_error_at(ctx, directive_opt(d, "pieces")->set ?
		    directive_opt(d, "pieces") : directive_opt(d, "filter"),
		    ":pieces: and :filter: apply to token spaces (rows: tokens); "
		    "'%s' is not one", dx_text(d, "space"));
		return -1;
	}
	words = dx_words(d, "words", &nw);
	if (nw == 0) {
		dctx_error(ctx, "{nearest} needs query words (:words: or the "
		    "body)");
		goto out;
	}
	if (tok != NULL) {
		if (token_queries(ctx, d, s, tok, words, nw, &q) < 0)
			goto out;
	} else {
		rows = xcalloc(nw, sizeof(long));
		if (dx_rows(ctx, directive_opt(d, "words"), s,
		    dx_text(d, "space"), words, nw, rows) < 0)
			goto out;
		for (w = 0; w < nw; w++)
			query_add(&q, space_dims(s), space_row(s, rows[w]),
			    &rows[w], 1, space_word(s, rows[w], NULL));
	}
	ids = xcalloc(q.n * (size_t)k * (size_t)nm, sizeof(long));
	scores = xcalloc(q.n * (size_t)k * (size_t)nm, sizeof(float));
	for (mi = 0; mi < nm; mi++)
		if (search(ctx, ix, s, filter ? tok : NULL, &q, k,
		    (enum knn_metric)metrics[mi], restrict_rows,
		    ids + (size_t)mi * q.n * (size_t)k,
		    scores + (size_t)mi * q.n * (size_t)k) < 0)
			goto out;
	for (w = 0; w < q.n; w++) {
		const char *cols[1 + 2 * 3];
		char name[64], caption[512], scol[3][32];
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
		    "'%s'%s", k, q.label[w],
		    restrict_rows > 0 ? " (restricted)" : "");
		t = result_add_table(res, name, caption, 1 + 2 * (size_t)nm,
		    cols);
		for (r = 0; r < (size_t)k; r++) {
			row = table_add_row(t);
			table_set_int(t, row, 0, (long long)r + 1);
			for (mi = 0; mi < nm; mi++) {
				size_t at = ((size_t)mi * q.n + w) * (size_t)k + r;

				if (ids[at] < 0)
					continue;
				table_set_text(t, row, 1 + 2 * (size_t)mi,
				    dx_row_name(tok, s, ids[at], &nb));
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
	queries_free(&q);
	buf_clear(&nb);
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
