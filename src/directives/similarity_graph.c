/*
 * directives/similarity_graph: {similarity-graph} — words as nodes, an
 * edge where two words are similar enough (a cosine threshold, or mutual
 * k nearest neighbours), and what the graph's shape says: components,
 * degrees, clustering, Louvain communities and their modularity, drawn
 * with a seeded Fruchterman–Reingold layout.
 * Reads one declared space; produces a graph chart and two tables.
 * Never draws an empty graph as if it were one: a graph without edges
 * is a labelled empty result.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/graph.h"
#include "store/space.h"
#include "util/xalloc.h"

#define SG_MAXWORDS 2000
#define SG_MAXLABELLED 400

static const struct opt_spec sg_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	{
		.name = "words",
		.type = OPT_WORDS,
		.doc = "the words (or give them in the body, or use :top:), "
		    "2 to 2000",
	},
	{
		.name = "top",
		.type = OPT_INT,
		.min = 2,
		.max = SG_MAXWORDS,
		.doc = "instead of a word list: the first N rows of the space "
		    "(its most frequent words)",
	},
	{
		.name = "threshold",
		.type = OPT_FLOAT,
		.min = 0.001,
		.max = 1,
		.doc = "an edge joins two words whose cosine is at least this "
		    "(0.5 unless :mutual-knn: is given)",
	},
	{
		.name = "mutual-knn",
		.type = OPT_INT,
		.min = 1,
		.max = 100,
		.doc = "instead of :threshold:: an edge joins two words that "
		    "are each among the other's k nearest (among the graph's "
		    "words)",
	},
	{
		.name = "seed",
		.type = OPT_INT,
		.def = "1",
		.min = 0,
		.max = 2147483647,
		.doc = "seed of the Louvain visiting order and of the layout",
	},
	{
		.name = "resolution",
		.type = OPT_FLOAT,
		.def = "1",
		.min = 1e-6,
		.max = 100,
		.doc = "Louvain resolution (above 1: smaller communities)",
	},
	{
		.name = "tries",
		.type = OPT_INT,
		.def = "1",
		.min = 1,
		.max = 64,
		.doc = "Louvain runs (seeds seed, seed + 1, ...); the partition "
		    "of highest modularity is kept (1: as one networkx run)",
	},
	{
		.name = "nodes",
		.type = OPT_INT,
		.def = "10",
		.min = 0,
		.max = SG_MAXWORDS,
		.doc = "rows of the table of words by degree (the best "
		    "connected first); 0: no table",
	},
	{
		.name = "chart",
		.type = OPT_BOOL,
		.def = "true",
		.doc = "draw the graph (false: the tables only; the layout is "
		    "then not computed)",
	},
	{
		.name = "iterations",
		.type = OPT_INT,
		.def = "50",
		.min = 1,
		.max = 1000,
		.doc = "Fruchterman–Reingold iterations (networkx's default 50)",
	},
	DX_OPT_PIECES,
	{ .name = NULL }
};

/* The graph's words: :top: rows, else :words: or the body (a token
 * space's words by :pieces:) into wv. 0, or -1 after an error. */
static int
sg_nodes(struct dctx *ctx, const struct directive *d, const struct space *s,
    struct dx_wvec *wv)
{
	const struct dopt *top = directive_opt(d, "top");
	size_t nw = 0, i, j;
	char **words;
	long *ids;

	if (top->set) {
		if (top->i > space_rows(s)) {
			dctx_error_at(ctx, top, "{similarity-graph}: :top: %ld is "
			    "more than the %ld rows of the space", top->i,
			    space_rows(s));
			return -1;
		}
		if (directive_opt(d, "words")->set || d->bodylen > 0) {
			dctx_error_at(ctx, top, "{similarity-graph}: give either "
			    ":top: or a word list, not both");
			return -1;
		}
		ids = xcalloc((size_t)top->i, sizeof(long));
		for (i = 0; i < (size_t)top->i; i++)
			ids[i] = (long)i;
		dx_wvec_rows(s, ids, (size_t)top->i, wv);
		free(ids);
		return 0;
	}
	words = dx_words(d, "words", &nw);
	if (nw < 2 || nw > SG_MAXWORDS) {
		dctx_error(ctx, "{similarity-graph} needs 2 to %d words (in "
		    ":words:, the body, or :top: N), found %zu", SG_MAXWORDS, nw);
		dx_free_words(words, nw);
		return -1;
	}
	if (dx_word_vectors(ctx, d, directive_opt(d, "words"), s,
	    dx_text(d, "space"), words, nw, wv) < 0) {
		dx_free_words(words, nw);
		return -1;
	}
	dx_free_words(words, nw);
	for (i = 0; i < nw; i++)
		for (j = 0; j < i; j++)
			if (strcmp(wv->label[j], wv->label[i]) == 0) {
				dctx_error(ctx, "{similarity-graph}: '%s' is listed "
				    "twice", wv->label[i]);
				return -1;
			}
	return 0;
}

/* Lexicographic order of (community, node) through a global. */
static _Thread_local const long *sort_comm;

static int
by_comm(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	if (sort_comm[x] != sort_comm[y])
		return sort_comm[x] < sort_comm[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Nodes by degree (descending), then by position. */
static _Thread_local const long *sort_deg;

static int
by_degree(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	if (sort_deg[x] != sort_deg[y])
		return sort_deg[x] > sort_deg[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

static int
sg_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const scols[] = { "space", "words", "edges",
	    "mean degree", "components", "largest component", "isolated words",
	    "clustering", "communities", "modularity" };
	static const char *const ncols[] = { "word", "degree", "community",
	    "component", "clustering" };
	const struct dopt *thr = directive_opt(d, "threshold");
	const struct dopt *mk = directive_opt(d, "mutual-knn");
	const struct space *s;
	struct graph g;
	struct diag dg;
	struct table *st, *nt;
	struct chart *c;
	long n = 0, *comp = NULL, *comm = NULL, *deg = NULL;
	long *order = NULL, *gidx = NULL, ncomp, ncomm = 0, i, p, big = 0;
	long isolated = 0, *csize = NULL, nbig = 0, nshow;
	double *cc = NULL, *pos = NULL, avgcc, q = 0, threshold = 0.5;
	float *x = NULL;
	struct dx_wvec wv;
	char desc[512], title[64];
	int rc = -1;

	memset(&g, 0, sizeof(g));
	if ((s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		return -1;
	if (thr->set && mk->set) {
		dctx_error_at(ctx, mk, "{similarity-graph}: give :threshold: or "
		    ":mutual-knn:, not both");
		return -1;
	}
	if (thr->set)
		threshold = thr->f;
	memset(&wv, 0, sizeof(wv));
	if (sg_nodes(ctx, d, s, &wv) < 0) {
		dx_wvec_free(&wv);
		return -1;
	}
	n = (long)wv.n;
	if (mk->set && mk->i > n - 1) {
		dctx_error_at(ctx, mk, "{similarity-graph}: :mutual-knn: %ld "
		    "needs at least %ld words, found %ld", mk->i, mk->i + 1,
		    n);
		goto out;
	}
	x = wv.v;
	if ((mk->set ? graph_mutual_knn(x, n, space_dims(s), (int)mk->i, 1,
	    &g, &dg) : graph_threshold(x, n, space_dims(s), threshold, &g,
	    &dg)) < 0) {
		dctx_error(ctx, "{similarity-graph}: %s", dg.msg);
		goto out;
	}
	comp = xcalloc((size_t)n, sizeof(long));
	comm = xcalloc((size_t)n, sizeof(long));
	deg = xcalloc((size_t)n, sizeof(long));
	cc = xcalloc((size_t)n, sizeof(double));
	ncomp = graph_components(&g, comp);
	avgcc = graph_clustering(&g, cc);
	csize = xcalloc((size_t)n, sizeof(long));
	for (i = 0; i < n; i++) {
		deg[i] = g.ptr[i + 1] - g.ptr[i];
		isolated += deg[i] == 0;
		csize[comp[i]]++;
	}
	for (i = 0; i < ncomp; i++)
		if (csize[i] > big)
			big = csize[i];
	if (g.nedges > 0)
		ncomm = graph_louvain(&g, directive_opt(d, "resolution")->f,
		    (uint64_t)directive_opt(d, "seed")->i,
		    (int)directive_opt(d, "tries")->i, comm, &q);
	else {
		for (i = 0; i < n; i++)
			comm[i] = i;
		ncomm = n;
	}

	/* Summary: the named values a lesson quotes. */
	st = result_add_table(res, "summary", "Similarity graph: summary", 10,
	    scols);
	{
		size_t r = table_add_row(st);

		/* One row keyed by the space: NAME.summary.SPACE.modularity. */
		table_set_text(st, r, 0, dx_text(d, "space"));
		table_set_int(st, r, 1, n);
		table_set_int(st, r, 2, g.nedges);
		table_set_num(st, r, 3, n > 0 ? 2.0 * g.nedges / n : 0, 2);
		table_set_int(st, r, 4, ncomp);
		table_set_int(st, r, 5, big);
		table_set_int(st, r, 6, isolated);
		table_set_num(st, r, 7, avgcc, 4);
		table_set_int(st, r, 8, ncomm);
		table_set_num(st, r, 9, q, 4);
	}
	if (mk->set)
		snprintf(desc, sizeof(desc), "edges join words that are each "
		    "among the other's %ld nearest (mutual k-NN)", mk->i);
	else
		snprintf(desc, sizeof(desc), "edges join words whose cosine "
		    "is at least %g", threshold);
	st->note = xstrdup(desc);
	dx_wvec_note(&wv, &st->note);

	/* Nodes, by degree (the first :nodes: of them). */
	order = xcalloc((size_t)n, sizeof(long));
	for (i = 0; i < n; i++)
		order[i] = i;
	sort_deg = deg;
	qsort(order, (size_t)n, sizeof(long), by_degree);
	nshow = directive_opt(d, "nodes")->i < n ?
	    directive_opt(d, "nodes")->i : n;
	nt = nshow > 0 ? result_add_table(res, "nodes", "Similarity graph: "
	    "words by degree", 5, ncols) : NULL;
	for (i = 0; i < nshow; i++) {
		long k = order[i];
		size_t r = table_add_row(nt);

		table_set_text(nt, r, 0, wv.label[k]);
		table_set_int(nt, r, 1, deg[k]);
		table_set_int(nt, r, 2, comm[k] + 1);
		table_set_int(nt, r, 3, comp[k] + 1);
		table_set_num(nt, r, 4, cc[k], 3);
	}

	if (g.nedges == 0) {
		/* Nothing to draw: say so rather than scatter lone dots. */
		struct table *at = nt ? nt : st;

		free(at->note);
		at->note = xstrdup("No edges: no pair of these words reaches "
		    "the threshold, so every word is a component of its own");
		rc = 0;
		goto out;
	}

	if (!directive_opt(d, "chart")->b) {
		rc = 0;
		goto out;
	}
	/* The drawing: one series per community of two or more words
	 * (numbered by their lowest word), one for the isolated words. */
	pos = xcalloc((size_t)n * 2, sizeof(double));
	graph_layout_fr(&g, (int)directive_opt(d, "iterations")->i,
	    (uint64_t)directive_opt(d, "seed")->i, 1, pos);
	free(csize);
	csize = xcalloc((size_t)n, sizeof(long));
	for (i = 0; i < n; i++)
		csize[comm[i]]++;
	/* singletons sort after every real community */
	{
		long *key = xcalloc((size_t)n, sizeof(long));

		for (i = 0; i < n; i++)
			key[i] = csize[comm[i]] > 1 ? comm[i] : n;
		for (i = 0; i < n; i++)
			order[i] = i;
		sort_comm = key;
		qsort(order, (size_t)n, sizeof(long), by_comm);
		gidx = xcalloc((size_t)n, sizeof(long));
		snprintf(title, sizeof(title), "Similarity graph");
		c = result_add_chart(res, CHART_GRAPH, "similarity-graph",
		    title);
		for (i = 0; i < n;) {
			long j = i, k, cno = key[order[i]];
			struct chart_series *se;
			char name[64];

			while (j < n && key[order[j]] == cno)
				j++;
			if (cno == n)
				snprintf(name, sizeof(name), "isolated words");
			else
				snprintf(name, sizeof(name), "community %ld",
				    ++nbig);
			se = chart_add_series(c, name, (size_t)(j - i));
			for (k = i; k < j; k++) {
				long v = order[k];

				gidx[v] = k;
				se->x[k - i] = pos[2 * v];
				se->y[k - i] = pos[2 * v + 1];
				if (n <= SG_MAXLABELLED)
					chart_series_label(se, (size_t)(k - i),
					    wv.label[v]);
			}
			i = j;
		}
		free(key);
	}
	for (i = 0; i < n; i++)
		for (p = g.ptr[i]; p < g.ptr[i + 1]; p++)
			if (g.adj[p] > i)
				chart_add_edge(c, gidx[i], gidx[g.adj[p]], g.w[p]);
	snprintf(desc, sizeof(desc), "%ld words and %ld edges (%s); %ld "
	    "components, %ld communities of two or more words coloured, "
	    "modularity %.3f; edge opacity grows with the cosine", n,
	    g.nedges, mk->set ? "mutual k-NN" : "cosine threshold", ncomp,
	    nbig, q);
	chart_desc(c, desc);
	rc = 0;
out:
	graph_clear(&g);
	dx_wvec_free(&wv);
	free(comp);
	free(comm);
	free(deg);
	free(cc);
	free(csize);
	free(order);
	free(gidx);
	free(pos);
	return rc;
}

static int
sg_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *top = directive_opt(d, "top");
	double rows, dims, n;
	size_t nw = 0;
	char **w = dx_words(d, "words", &nw);

	dx_free_words(w, nw);
	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	n = top->set ? (double)top->i : (double)nw;
	/* n² cosines, and the layout's n² forces per iteration. */
	we->ops = n * n * dims + n * n * 10 *
	    (directive_opt(d, "chart")->b ?
	    (double)directive_opt(d, "iterations")->i : 0) +
	    n * n * 4 * (double)directive_opt(d, "tries")->i;
	we->bytes = n * n * 4 + n * 64;
	dx_why(we->why, sizeof(we->why), "%.0f² words × (%.0f dimensions + "
	    "10 × %ld layout iterations)", n, dims,
	    directive_opt(d, "iterations")->i);
	we->lower = ":top:, :words: or :iterations:";
	we->at = top->set ? top : directive_opt(d, "words");
	return 0;
}

static const char *const sg_strings[] = {
	"space",
	"words",
	"edges",
	"mean degree",
	"components",
	"largest component",
	"communities",
	"modularity",
	"word",
	"degree",
	"community",
	"component",
	"clustering",
	"Similarity graph: summary",
	"Similarity graph: words by degree",
	"Similarity graph",
	"isolated words",
	"community %s",
	"edges join words that are each among the other's %s nearest "
	    "(mutual k-NN)",
	"edges join words whose cosine is at least %s",
	"No edges: no pair of these words reaches the threshold, so every "
	    "word is a component of its own",
	DX_PIECES_STRINGS,
	NULL
};

const struct directive_spec directive_similarity_graph = {
	.name = "similarity-graph",
	.summary = "words as a graph of cosine similarities (threshold or "
	    "mutual k-NN): components, clustering, Louvain communities, a "
	    "force-directed drawing",
	.opts = sg_opts,
	.body = BODY_OPTIONAL,
	.body_doc = "the words (instead of :words: or :top:)",
	.run = sg_run,
	.estimate = sg_estimate,
	.version = 1,
	.strings = sg_strings,
	.example = "```{similarity-graph}\n:space: glove-wiki-100d\n"
	    ":threshold: 0.6\n"
	    "cat dog frog car truck bus paris rome france italy red blue "
	    "green\n```",
};
