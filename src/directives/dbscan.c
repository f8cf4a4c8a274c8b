/*
 * directives/dbscan: {dbscan} — density-based clusters (kern/dbscan,
 * scikit-learn's labels) of a word list, a space's first rows or named
 * groups, on the raw vectors (cosine or Euclidean) or on their t-SNE or
 * PCA coordinates; drawn on a t-SNE or PCA map, one colour per cluster.
 * Reads one declared space; produces a word map and three tables.
 * Never invents a cluster: noise stays noise, eps ≤ 0 is an error.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "directives/wordset.h"
#include "kern/dbscan.h"
#include "kern/proj.h"
#include "kern/tsne.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/par.h"
#include "util/xalloc.h"

static const char *const db_metrics[] = { "auto", "cosine", "euclidean",
    NULL };
enum { DBM_AUTO, DBM_COSINE, DBM_EUCLIDEAN };
static const char *const db_on[] = { "raw", "tsne", "pca", NULL };
enum { ON_RAW, ON_TSNE, ON_PCA };
static const char *const db_maps[] = { "auto", "tsne", "pca", NULL };
enum { MAP_AUTO, MAP_TSNE, MAP_PCA };

/* Words listed per cluster in the cluster table. */
#define DB_LIST	12

static const struct opt_spec db_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	WORDSET_OPTS,
	{
		.name = "eps",
		.type = OPT_FLOAT,
		.def = "0.5",
		.doc = "neighbourhood radius (> 0): cosine distance 1 − cos, "
		    "or Euclidean distance on the chosen coordinates",
	},
	{
		.name = "min-samples",
		.type = OPT_INT,
		.def = "5",
		.min = 1,
		.max = 10000,
		.doc = "neighbours (the word itself included) that make a "
		    "word a core point",
	},
	{
		.name = "on",
		.type = OPT_ENUM,
		.def = "raw",
		.choices = db_on,
		.doc = "cluster the raw vectors, their t-SNE map or their first "
		    "two principal components",
	},
	{
		.name = "metric",
		.type = OPT_ENUM,
		.def = "auto",
		.choices = db_metrics,
		.doc = "auto: cosine on raw vectors, Euclidean on t-SNE or "
		    "PCA coordinates",
	},
	{
		.name = "map",
		.type = OPT_ENUM,
		.def = "auto",
		.choices = db_maps,
		.doc = "the drawing: auto (the coordinates clustered; PCA for "
		    "raw vectors), tsne or pca",
	},
	WORDSET_TSNE_OPTS,
	{
		.name = "rows",
		.type = OPT_INT,
		.def = "200",
		.min = 0,
		.max = 20000,
		.doc = "at most N words in the per-word table (the chart's "
		    "data holds them all)",
	},
	{ .name = NULL }
};

/* 2-D PCA coordinates of x (n × dims) into xy (double). */
static int
pca2(struct dctx *ctx, const float *x, size_t n, int dims, double *xy)
{
	float *out = xcalloc(2 * n, sizeof(float));
	struct diag dg;
	size_t i;

	if (proj_linear(x, (long)n, dims, 2, 1, out, NULL, NULL, &dg) < 0) {
		free(out);
		return dctx_error(ctx, "PCA: %s", dg.msg);
	}
	for (i = 0; i < 2 * n; i++)
		xy[i] = out[i];
	free(out);
	return 0;
}

static int
db_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "space", "words", "on", "metric",
	    "eps", "min samples", "clusters", "noise", "largest cluster",
	    "ARI with groups" };
	static const char *const ccols[] = { "cluster", "size", "words",
	    "main group", "share of main group %" };
	static const char *const wcols[] = { "word", "group", "cluster", "x",
	    "y" };
	const char *sname = dx_text(d, "space");
	const struct dopt *eo = directive_opt(d, "eps");
	int on = (int)directive_opt(d, "on")->i;
	int metric = (int)directive_opt(d, "metric")->i;
	int map = (int)directive_opt(d, "map")->i;
	const struct space *s;
	struct wordset ws;
	struct tsne_info info;
	struct table *t;
	struct chart *c;
	struct diag dg;
	double *tsxy = NULL, *pcxy = NULL, *drawxy;
	float *x = NULL, *coords = NULL;
	long *labels = NULL, nclusters = 0, noise = 0, largest = 0, k;
	long *gl = NULL, *sizes = NULL;
	int *cls = NULL, cdims, extra, rc = -1;
	char **cnames = NULL, title[160], desc[320];
	size_t i, row, shown, maxrows = (size_t)directive_opt(d, "rows")->i;
	const char *mname;

	if (!(eo->f > 0))
		return dctx_error_at(ctx, eo->set ? eo : NULL, ":eps: must be "
		    "greater than 0, found %s", eo->text);
	if ((s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		return -1;
	if (wordset_get(ctx, d, s, sname, 2, 20000, &ws) < 0)
		return -1;
	if (metric == DBM_AUTO)
		metric = on == ON_RAW ? DBM_COSINE : DBM_EUCLIDEAN;
	if (map == MAP_AUTO)
		map = on == ON_TSNE ? MAP_TSNE : MAP_PCA;
	if (on == ON_TSNE && map != MAP_TSNE) {
		dctx_error_at(ctx, directive_opt(d, "map"), "clusters found "
		    "on the t-SNE map are drawn on it: use :map: tsne or auto");
		goto out;
	}
	if (on == ON_PCA && map != MAP_PCA) {
		dctx_error_at(ctx, directive_opt(d, "map"), "clusters found "
		    "on the PCA coordinates are drawn on them: use :map: pca "
		    "or auto");
		goto out;
	}
	x = wordset_matrix(&ws);
	if (on == ON_TSNE || map == MAP_TSNE) {
		if (ws.n < 4) {
			dctx_error(ctx, "a t-SNE map needs at least 4 words, "
			    "found %zu", ws.n);
			goto out;
		}
		tsxy = xcalloc(2 * ws.n, sizeof(double));
		if (wordset_tsne(ctx, d, s, &ws, 0, tsxy, &info) < 0)
			goto out;
	}
	if (on == ON_PCA || map == MAP_PCA) {
		pcxy = xcalloc(2 * ws.n, sizeof(double));
		if (pca2(ctx, x, ws.n, space_dims(s), pcxy) < 0)
			goto out;
	}
	if (on == ON_RAW) {
		coords = x;
		cdims = space_dims(s);
	} else {
		const double *src = on == ON_TSNE ? tsxy : pcxy;

		coords = xcalloc(2 * ws.n, sizeof(float));
		for (i = 0; i < 2 * ws.n; i++)
			coords[i] = (float)src[i];
		cdims = 2;
	}
	labels = xcalloc(ws.n, sizeof(long));
	extra = par_reserve(par_budget() - 1);
	nclusters = dbscan(coords, (long)ws.n, cdims, metric == DBM_COSINE ?
	    DBSCAN_COSINE : DBSCAN_EUCLIDEAN, eo->f, (int)directive_opt(d,
	    "min-samples")->i, 1 + extra, labels, &dg);
	par_release(extra);
	if (nclusters < 0) {
		dctx_error(ctx, "DBSCAN: %s", dg.msg);
		goto out;
	}
	/* Series: clusters 0 .. nclusters − 1, then noise. */
	cls = xcalloc(ws.n, sizeof(int));
	cnames = xcalloc((size_t)nclusters + 1, sizeof(char *));
	for (k = 0; k < nclusters; k++) {
		snprintf(title, sizeof(title), "cluster %ld", k);
		cnames[k] = xstrdup(title);
	}
	cnames[nclusters] = xstrdup("noise");
	for (i = 0; i < ws.n; i++)
		cls[i] = labels[i] < 0 ? (int)nclusters : (int)labels[i];
	drawxy = map == MAP_TSNE ? tsxy : pcxy;
	snprintf(title, sizeof(title), "DBSCAN clusters (eps %g, min samples "
	    "%ld)", eo->f, directive_opt(d, "min-samples")->i);
	c = wordset_map(res, "dbscan", title, &ws, drawxy, cls,
	    (size_t)nclusters + 1, cnames);
	if (map == MAP_TSNE)
		chart_axes(c, "t-SNE 1", "t-SNE 2");
	else
		chart_axes(c, "component 1", "component 2");
	mname = metric == DBM_COSINE ? "cosine" : "euclidean";
	snprintf(desc, sizeof(desc), "%ld DBSCAN clusters of %zu words of %s "
	    "(found on the %s coordinates, %s distance), drawn on a %s map",
	    nclusters, ws.n, sname, db_on[on], mname, map == MAP_TSNE ?
	    "t-SNE" : "PCA");
	chart_desc(c, desc);

	sizes = xcalloc((size_t)nclusters + 1, sizeof(long));
	for (i = 0; i < ws.n; i++) {
		noise += labels[i] < 0;
		if (labels[i] >= 0 && ++sizes[labels[i]] > largest)
			largest = sizes[labels[i]];
	}
	t = result_add_table(res, "dbscan", "DBSCAN", ws.grouped ? 10 : 9,
	    cols);
	row = table_add_row(t);
	table_set_text(t, row, 0, sname);
	table_set_int(t, row, 1, (long long)ws.n);
	table_set_text(t, row, 2, db_on[on]);
	table_set_text(t, row, 3, mname);
	table_set_num(t, row, 4, eo->f, 3);
	table_set_int(t, row, 5, directive_opt(d, "min-samples")->i);
	table_set_int(t, row, 6, nclusters);
	table_set_int(t, row, 7, noise);
	table_set_int(t, row, 8, largest);
	if (ws.grouped) {
		gl = xcalloc(ws.n, sizeof(long));
		for (i = 0; i < ws.n; i++)
			gl[i] = ws.group[i];
		table_set_num(t, row, 9, dbscan_adjusted_rand(gl, labels,
		    (long)ws.n), 4);
		t->note = xstrdup("ARI: adjusted Rand index between the "
		    "clusters (noise as one more label) and the groups; 1: "
		    "the same partition, about 0: chance");
	}

	t = result_add_table(res, "dbscan-clusters", "DBSCAN clusters "
	    "(noise: the words labelled −1)",
	    ws.grouped ? 5 : 3, ccols);
	for (k = 0; k < nclusters; k++) {
		struct buf b = BUF_INIT;
		size_t m = 0, *gc = xcalloc(ws.ngroups, sizeof(size_t)), best = 0;

		for (i = 0; i < ws.n; i++) {
			if (labels[i] != k)
				continue;
			if (m < DB_LIST)
				buf_printf(&b, "%s%s", m ? ", " : "",
				    ws.words[i]);
			else if (m == DB_LIST)
				buf_puts(&b, ", …");
			m++;
			gc[ws.group[i]]++;
		}
		for (i = 1; i < ws.ngroups; i++)
			if (gc[i] > gc[best])
				best = i;
		row = table_add_row(t);
		table_set_int(t, row, 0, k);
		table_set_int(t, row, 1, (long long)m);
		table_set_text(t, row, 2, buf_str(&b));
		if (ws.grouped) {
			table_set_text(t, row, 3, ws.glabels[best]);
			table_set_num(t, row, 4, 100.0 * (double)gc[best] /
			    (double)m, 1);
		}
		free(gc);
		buf_clear(&b);
	}
	t = result_add_table(res, "dbscan-words", "DBSCAN labels", 5, wcols);
	shown = ws.n < maxrows ? ws.n : maxrows;
	for (i = 0; i < shown; i++) {
		row = table_add_row(t);
		table_set_text(t, row, 0, ws.words[i]);
		table_set_text(t, row, 1, ws.glabels[ws.group[i]]);
		table_set_int(t, row, 2, labels[i]);
		table_set_num(t, row, 3, drawxy[2 * i], 3);
		table_set_num(t, row, 4, drawxy[2 * i + 1], 3);
	}
	wordset_note(&ws, t, shown);
	rc = 0;
out:
	if (cnames != NULL)
		for (k = 0; k <= nclusters; k++)
			free(cnames[k]);
	free(cnames);
	free(cls);
	free(gl);
	free(sizes);
	free(labels);
	if (coords != x)
		free(coords);
	free(x);
	free(tsxy);
	free(pcxy);
	wordset_clear(&ws);
	return rc;
}

static int
db_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, n = (double)wordset_count(d), ops;
	int on = (int)directive_opt(d, "on")->i;
	int map = (int)directive_opt(d, "map")->i;

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	if (n > rows)
		n = rows;
	/* All pairs once (SGEMM), plus the maps drawn or clustered. */
	ops = n * n * (on == ON_RAW ? dims : 2) / DX_VEC + n * dims * dims;
	if (on == ON_TSNE || map == MAP_TSNE)
		ops += wordset_tsne_ops(n, dims, directive_opt(d,
		    "perplexity")->f, (double)directive_opt(d,
		    "iterations")->i);
	we->ops = ops;
	we->bytes = n * dims * 8 + n * n * 8 / 16;
	dx_why(we->why, sizeof(we->why), "%.0f words (the word list or "
	    "`:top:`)²%s", n, on == ON_TSNE || map == MAP_TSNE ?
	    ", and a t-SNE map of them" : "");
	we->lower = ":top: or the words";
	we->at = directive_opt(d, "top");
	return 0;
}

static const char *const db_strings[] = {
	"space",
	"words",
	"on",
	"metric",
	"eps",
	"min samples",
	"clusters",
	"noise",
	"largest cluster",
	"ARI with groups",
	"cluster",
	"size",
	"main group",
	"share of main group %",
	"word",
	"group",
	"x",
	"y",
	"DBSCAN",
	"DBSCAN clusters (noise: the words labelled −1)",
	"DBSCAN labels",
	"DBSCAN clusters (eps %s, min samples %s)",
	"cluster %s",
	"t-SNE 1",
	"t-SNE 2",
	"component 1",
	"component 2",
	"ARI: adjusted Rand index between the clusters (noise as one more "
	    "label) and the groups; 1: the same partition, about 0: chance",
	WORDSET_STRINGS,
	NULL
};

const struct directive_spec directive_dbscan = {
	.name = "dbscan",
	.summary = "DBSCAN clusters of words on raw vectors (cosine or "
	    "Euclidean) or on t-SNE/PCA coordinates, drawn as a map",
	.opts = db_opts,
	.body = BODY_OPTIONAL,
	.body_doc = "the words, or with :groups: one group a line "
	    "(`label: word word …`)",
	.run = db_run,
	.estimate = db_estimate,
	.version = 1,
	.strings = db_strings,
	.example = "```{dbscan}\n:space: glove-wiki-100d\n:groups:\n"
	    ":eps: 0.5\n:min-samples: 2\n"
	    "royalty: king queen prince princess\n"
	    "family: father mother brother sister son daughter\n"
	    "animals: cat dog frog\n"
	    "colours: purple red blue green\n```",
};
