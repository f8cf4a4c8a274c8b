/*
 * directives/semantic_axis: {semantic-axis} — a direction of meaning
 * built from two sets of pole words (man, he, his … against woman, she,
 * her …), where a list of words falls along it (one axis: a bar per
 * word; two axes: a map), and how far the axis can be trusted: each pole
 * pair left out in turn, the axis rebuilt from the others and the pair
 * projected on it.
 * Reads one declared space; produces a summary table, a projection table
 * and a chart.
 * Never builds an axis from poles that share a word.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/axis.h"
#include "store/space.h"
#include "util/xalloc.h"

#define SA_MAXWORDS 200

static const char *const methods[] = { "mean-diff", "pair-pca", NULL };

static const struct opt_spec sa_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	{
		.name = "pos",
		.type = OPT_WORDS,
		.required = 1,
		.doc = "the words of the axis's positive pole (at least 2)",
	},
	{
		.name = "neg",
		.type = OPT_WORDS,
		.required = 1,
		.doc = "the words of its negative pole, paired in order with "
		    ":pos: for the held-out check",
	},
	{
		.name = "pos2",
		.type = OPT_WORDS,
		.doc = "a second axis's positive pole: the words are then "
		    "drawn on a map of both axes",
	},
	{
		.name = "neg2",
		.type = OPT_WORDS,
		.doc = "the second axis's negative pole",
	},
	{
		.name = "method",
		.type = OPT_ENUM,
		.def = "mean-diff",
		.choices = methods,
		.doc = "mean-diff: the difference of the poles' means (SemAxis); "
		    "pair-pca: the first principal direction of the pair "
		    "differences (Bolukbasi et al. 2016; equal poles)",
	},
	{
		.name = "words",
		.type = OPT_WORDS,
		.doc = "the words to project (or give them in the body; none: "
		    "the pole words), up to 200",
	},
	DX_OPT_PIECES,
	{ .name = NULL }
};

/* One axis: its pole rows, the unit axis and its checks. */
struct sa_axis {
	long	*pos, *neg;		/* indices into pv */
	struct dx_wvec wp, wn;		/* the poles' words */
	float	*pv;			/* their vectors, pos then neg */
	size_t	 npos, nneg;
	double	*dir;
	double	 len, pair_acc, side_acc;
};

/*
 * Looks up the poles of options "po" and "no" and builds the axis.
 * 0, or -1 after a located error.
 */
static int
sa_build(struct dctx *ctx, const struct directive *d, const struct space *s,
    const char *po, const char *no, enum axis_kind kind, struct sa_axis *a)
{
	const struct dopt *p = directive_opt(d, po), *n = directive_opt(d, no);
	struct diag dg;
	size_t i, j, dims;

	if (p->nwords < 2 || n->nwords < 2)
		return dctx_error_at(ctx, p->nwords < 2 ? p : n,
		    "{semantic-axis}: :%s: needs at least 2 words (one pole "
		    "pair is left out at a time in the held-out check)",
		    p->nwords < 2 ? po : no);
	if (kind == AXIS_PAIR_PCA && p->nwords != n->nwords)
		return dctx_error_at(ctx, n, "{semantic-axis}: :method: "
		    "pair-pca pairs the poles in order: :%s: has %zu words, "
		    ":%s: %zu", po, p->nwords, no, n->nwords);
	for (i = 0; i < p->nwords; i++)
		for (j = 0; j < n->nwords; j++)
			if (strcmp(p->words[i], n->words[j]) == 0)
				return dctx_error_at(ctx, n, "{semantic-axis}: "
				    "'%s' is in both poles (:%s: and :%s:)",
				    p->words[i], po, no);
	a->npos = p->nwords;
	a->nneg = n->nwords;
	a->pos = xcalloc(a->npos, sizeof(long));
	a->neg = xcalloc(a->nneg, sizeof(long));
	if (dx_word_vectors(ctx, d, p, s, dx_text(d, "space"), p->words,
	    p->nwords, &a->wp) < 0 || dx_word_vectors(ctx, d, n, s,
	    dx_text(d, "space"), n->words, n->nwords, &a->wn) < 0)
		return -1;
	/* Different spellings may still fold to one row (or, in a token
	 * space, to one word of pieces). */
	for (i = 0; i < a->npos; i++)
		for (j = 0; j < a->nneg; j++)
			if (a->wp.row[i] >= 0 ? a->wp.row[i] == a->wn.row[j] :
			    strcmp(a->wp.label[i], a->wn.label[j]) == 0)
				return dctx_error_at(ctx, n, "{semantic-axis}: "
				    "'%s' is in both poles (:%s: and :%s:)",
				    a->wp.label[i], po, no);
	/* the poles' vectors as one matrix, pos then neg */
	dims = (size_t)space_dims(s);
	a->pv = xcalloc((a->npos + a->nneg) * dims + 1, sizeof(float));
	memcpy(a->pv, a->wp.v, a->npos * dims * sizeof(float));
	memcpy(a->pv + a->npos * dims, a->wn.v, a->nneg * dims *
	    sizeof(float));
	for (i = 0; i < a->npos; i++)
		a->pos[i] = (long)i;
	for (j = 0; j < a->nneg; j++)
		a->neg[j] = (long)(a->npos + j);
	a->dir = xcalloc((size_t)space_dims(s), sizeof(double));
	if (axis_build(a->pv, (long)(a->npos + a->nneg), space_dims(s), a->pos,
	    (int)a->npos, a->neg, (int)a->nneg, kind, a->dir, &a->len,
	    &dg) < 0 ||
	    axis_holdout(a->pv, (long)(a->npos + a->nneg), space_dims(s),
	    a->pos, (int)a->npos, a->neg, (int)a->nneg, kind, &a->pair_acc,
	    &a->side_acc, &dg) < 0)
		return dctx_error_at(ctx, n, "{semantic-axis}: %s (:%s: against "
		    ":%s:)", strncmp(dg.msg, "axis: ", 6) == 0 ? dg.msg + 6 :
		    dg.msg, po, no);
	return 0;
}

static void
sa_axis_clear(struct sa_axis *a)
{
	free(a->pos);
	free(a->neg);
	free(a->dir);
	free(a->pv);
	dx_wvec_free(&a->wp);
	dx_wvec_free(&a->wn);
}

/* Projections sorted by the first axis (descending), then by position. */
static _Thread_local const double *sort_key;

static int
by_key(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	if (sort_key[x] != sort_key[y])
		return sort_key[x] > sort_key[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* "she … he": the first word of each pole, for axis titles ("sep"
 * "…"), and in ASCII for the row keys of the summary ("she .. he",
 * the value path's "she-he"). */
static void
sa_title(const struct directive *d, const char *po, const char *no,
    const char *sep, char *out, size_t outsz)
{
	const struct dopt *p = directive_opt(d, po), *n = directive_opt(d, no);

	snprintf(out, outsz, "%s %s %s", n->words[0], sep, p->words[0]);
}

static int
sa_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const scols[] = { "axis", "pole pairs",
	    "held-out pair accuracy", "held-out side accuracy", "axis length",
	    "cosine with the other axis" };
	static const char *const pcols1[] = { "word", "axis 1" };
	static const char *const pcols2[] = { "word", "axis 1", "axis 2" };
	enum axis_kind kind = directive_opt(d, "method")->i == 1 ?
	    AXIS_PAIR_PCA : AXIS_MEAN_DIFF;
	const struct dopt *p2 = directive_opt(d, "pos2");
	const struct dopt *n2 = directive_opt(d, "neg2");
	const struct space *s;
	struct sa_axis ax[2];
	struct table *st, *pt;
	struct chart *c;
	size_t nw = 0, ngiven = 0, i, naxes;
	char **words = NULL, t1[300], t2[300];
	long *rows = NULL, *order = NULL;
	struct dx_wvec pw;
	const float *pm = NULL;
	char **labels = NULL;
	double *pr[2] = { NULL, NULL };
	int rc = -1, owned = 0;

	memset(ax, 0, sizeof(ax));
	memset(&pw, 0, sizeof(pw));
	if ((s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		return -1;
	if (p2->set != n2->set) {
		dctx_error_at(ctx, p2->set ? p2 : n2, "{semantic-axis}: a second "
		    "axis needs both :pos2: and :neg2:");
		return -1;
	}
	naxes = p2->set ? 2 : 1;
	if (sa_build(ctx, d, s, "pos", "neg", kind, &ax[0]) < 0 ||
	    (naxes == 2 && sa_build(ctx, d, s, "pos2", "neg2", kind,
	    &ax[1]) < 0))
		goto out;

	/* The words: given, else the poles of the first axis. */
	words = dx_words(d, "words", &nw);
	ngiven = nw;
	if (nw > SA_MAXWORDS) {
		dctx_error(ctx, "{semantic-axis} projects up to %d words, found "
		    "%zu", SA_MAXWORDS, nw);
		goto out;
	}
	if (nw > 0) {
		if (dx_word_vectors(ctx, d, directive_opt(d, "words"), s,
		    dx_text(d, "space"), words, nw, &pw) < 0)
			goto out;
		pm = pw.v;
		labels = pw.label;
	} else {
		/* the first axis's poles, pos then neg */
		nw = ax[0].npos + ax[0].nneg;
		pm = ax[0].pv;
		labels = xcalloc(nw, sizeof(char *));
		for (i = 0; i < nw; i++)
			labels[i] = i < ax[0].npos ? ax[0].wp.label[i] :
			    ax[0].wn.label[i - ax[0].npos];
		owned = 1;
	}
	rows = xcalloc(nw, sizeof(long));
	for (i = 0; i < nw; i++)
		rows[i] = (long)i;
	for (i = 0; i < naxes; i++) {
		pr[i] = xcalloc(nw, sizeof(double));
		axis_project(pm, space_dims(s), ax[i].dir, rows, (long)nw,
		    pr[i]);
	}

	sa_title(d, "pos", "neg", "..", t1, sizeof(t1));
	if (naxes == 2)
		sa_title(d, "pos2", "neg2", "..", t2, sizeof(t2));
	/* One row per axis keyed by its poles' first words ("woman …
	 * man"): NAME.summary.woman-man.held-out-pair-accuracy. */
	st = result_add_table(res, "summary", "Semantic axis: how far to "
	    "trust it", naxes == 2 ? 6 : 5, scols);
	for (i = 0; i < naxes; i++) {
		size_t r = table_add_row(st);
		size_t np = ax[i].npos < ax[i].nneg ? ax[i].npos : ax[i].nneg;

		table_set_text(st, r, 0, i == 0 ? t1 : t2);
		table_set_int(st, r, 1, (long long)np);
		table_set_num(st, r, 2, ax[i].pair_acc, 4);
		table_set_num(st, r, 3, ax[i].side_acc, 4);
		table_set_num(st, r, 4, ax[i].len, 4);
		if (naxes == 2) {
			double dot = 0;
			int j;

			for (j = 0; j < space_dims(s); j++)
				dot += ax[0].dir[j] * ax[1].dir[j];
			table_set_num(st, r, 5, dot, 4);
		}
	}
	st->note = xstrdup("held out: each pole pair is left out in turn, the "
	    "axis rebuilt from the others and the pair projected; pair "
	    "accuracy counts pairs in the right order, side accuracy words "
	    "on their own side of the midpoint");
	for (i = 0; i < naxes; i++) {
		dx_wvec_note(&ax[i].wp, &st->note);
		dx_wvec_note(&ax[i].wn, &st->note);
	}
	dx_wvec_note(&pw, &st->note);

	pt = result_add_table(res, "projection", "Projection on the axis "
	    "(cosine with the axis)", naxes + 1, naxes == 2 ? pcols2 : pcols1);
	order = xcalloc(nw, sizeof(long));
	for (i = 0; i < nw; i++)
		order[i] = (long)i;
	sort_key = pr[0];
	qsort(order, nw, sizeof(long), by_key);
	for (i = 0; i < nw; i++) {
		size_t r = table_add_row(pt), k;

		table_set_text(pt, r, 0, labels[order[i]]);
		for (k = 0; k < naxes; k++)
			table_set_num(pt, r, k + 1, pr[k][order[i]], 4);
	}

	sa_title(d, "pos", "neg", "…", t1, sizeof(t1));
	if (naxes == 2)
		sa_title(d, "pos2", "neg2", "…", t2, sizeof(t2));
	if (naxes == 1) {
		struct chart_series *se;

		c = result_add_chart(res, CHART_BAR, "semantic-axis",
		    "Projection on the axis");
		se = chart_add_series(c, "cosine with the axis", nw);
		for (i = 0; i < nw; i++) {
			chart_series_label(se, i, labels[order[i]]);
			se->y[i] = pr[0][order[i]];
		}
		c->zero_line = 1;
		chart_axes(c, NULL, t1);
	} else {
		struct chart_series *se;

		c = result_add_chart(res, CHART_MAP, "semantic-axes",
		    "Words on two semantic axes");
		se = chart_add_series(c, owned ? "pole words" : "projected words",
		    nw);
		for (i = 0; i < nw; i++) {
			chart_series_label(se, i, labels[i]);
			se->x[i] = pr[0][i];
			se->y[i] = pr[1][i];
		}
		chart_axes(c, t1, t2);
	}
	{
		char desc[700];

		snprintf(desc, sizeof(desc), "%zu words projected on the axis "
		    "%s (cosine with the axis); held-out pair accuracy %.0f%%",
		    nw, t1, 100 * ax[0].pair_acc);
		if (naxes == 2)
			snprintf(desc, sizeof(desc), "%zu words on two axes: %s "
			    "(across) and %s (up)", nw, t1, t2);
		chart_desc(c, desc);
	}
	rc = 0;
out:
	sa_axis_clear(&ax[0]);
	sa_axis_clear(&ax[1]);
	dx_free_words(words, ngiven);
	if (owned)
		free(labels);
	dx_wvec_free(&pw);
	free(rows);
	free(order);
	free(pr[0]);
	free(pr[1]);
	return rc;
}

static int
sa_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, poles;
	size_t nw = 0;
	char **w = dx_words(d, "words", &nw);

	dx_free_words(w, nw);
	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	poles = (double)(directive_opt(d, "pos")->nwords +
	    directive_opt(d, "neg")->nwords + directive_opt(d, "pos2")->nwords +
	    directive_opt(d, "neg2")->nwords);
	/* Each held-out rebuild touches every pole word (pair PCA: an SVD
	 * of the pair differences). */
	we->ops = poles * poles * dims * 4 + (double)nw * dims * 2;
	we->bytes = (poles + (double)nw) * dims * 8 + 4096;
	dx_why(we->why, sizeof(we->why), "%.0f pole words² × %.0f dimensions",
	    poles, dims);
	we->lower = ":pos: and :neg:";
	we->at = directive_opt(d, "pos");
	return 0;
}

static const char *const sa_strings[] = {
	"axis",
	"pole pairs",
	"held-out pair accuracy",
	"held-out side accuracy",
	"axis length",
	"cosine with the other axis",
	"axis 1",
	"axis 2",
	"word",
	"Semantic axis: how far to trust it",
	"Projection on the axis (cosine with the axis)",
	"Projection on the axis",
	"Words on two semantic axes",
	"cosine with the axis",
	"pole words",
	"projected words",
	"held out: each pole pair is left out in turn, the axis rebuilt from "
	    "the others and the pair projected; pair accuracy counts pairs in "
	    "the right order, side accuracy words on their own side of the "
	    "midpoint",
	DX_PIECES_STRINGS,
	NULL
};

const struct directive_spec directive_semantic_axis = {
	.name = "semantic-axis",
	.summary = "a semantic axis from two sets of pole words: where words "
	    "fall on it (or on two axes), and a held-out check of the axis",
	.opts = sa_opts,
	.body = BODY_OPTIONAL,
	.body_doc = "the words to project (instead of :words:)",
	.run = sa_run,
	.estimate = sa_estimate,
	.version = 1,
	.strings = sa_strings,
	.example = "```{semantic-axis}\n:space: glove-wiki-100d\n"
	    ":pos: man, king, boy, father, brother, son\n"
	    ":neg: woman, queen, girl, mother, sister, daughter\n"
	    "prince princess uncle aunt cat car\n```",
};
