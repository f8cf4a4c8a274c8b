/*
 * directives/space_compare: {space-compare} — the cross-space report:
 * shared words, RSA, neighbourhood change, an orthogonal or ridge map and
 * the mean shift.
 * Reads two declared spaces; produces tables.
 * Never compares words the two spaces do not share.
 */
#include <lapacke.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/compare.h"
#include "corpus/cooc.h"
#include "corpus/corpus.h"
#include "corpus/freq.h"
#include "corpus/spectrum.h"
#include "corpus/xspace.h"
#include "directives/common.h"
#include "directives/registry.h"
#include "kern/knn.h"
#include "kern/procrustes.h"
#include "kern/rsa.h"
#include "kern/semchange.h"
#include "data/data.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static const struct opt_spec sc_opts[] = {
	{
		.name = "a",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the first space",
	},
	{
		.name = "b",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the second space",
	},
	{
		.name = "top",
		.type = OPT_INT,
		.def = "2000",
		.min = 50,
		.max = 20000,
		.doc = "shared words (the most frequent of a) used for RSA and "
		    "neighbourhoods",
	},
	{
		.name = "k",
		.type = OPT_INT,
		.def = "25",
		.min = 1,
		.max = 200,
		.doc = "neighbours per word for the neighbourhood change",
	},
	{
		.name = "examples",
		.type = OPT_INT,
		.def = "10",
		.min = 1,
		.max = 100,
		.doc = "most and least changed words listed",
	},
	{ .name = NULL }
};

struct chg {
	double	 v;
	long	 i;
};

static int
chg_cmp(const void *x, const void *y)
{
	const struct chg *a = x, *b = y;

	if (a->v != b->v)
		return a->v > b->v ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* What sc_run works on, stage to stage. */
struct sc {
	const struct space	*a, *b;
	struct xspace_pairs	 pr;		/* the shared words */
	long			 n;		/* the first :top: of them */
	int			 da, db;
	float			*ma, *mb;	/* their rows, n × da, n × db */
	struct chg		*ch;		/* neighbourhood change per word */
	struct table		*t;
};

/* One row of the report: measure, value (NaN: none), note (or NULL). */
static void
sc_row(struct table *t, const char *measure, double v, int prec,
    const char *note)
{
	size_t row = table_add_row(t);

	table_set_text(t, row, 0, measure);
	if (!isnan(v))
		table_set_num(t, row, 1, v, prec);
	if (note != NULL)
		table_set_text(t, row, 2, note);
}

/* The shared words and their rows in both spaces. */
static int
sc_shared(struct dctx *ctx, const struct directive *d, struct sc *c)
{
	long i, top = directive_opt(d, "top")->i;
	struct diag dg;

	if (xspace_shared(c->a, c->b, 0, &c->pr, &dg) < 0)
		return dctx_error(ctx, "%s", dg.msg);
	if (c->pr.n < 3)
		return dctx_error(ctx, "{space-compare}: the spaces share %ld "
		    "words; at least 3 are needed", c->pr.n);
	c->n = c->pr.n < top ? c->pr.n : top;
	c->ma = xcalloc((size_t)c->n * (size_t)c->da, sizeof(float));
	c->mb = xcalloc((size_t)c->n * (size_t)c->db, sizeof(float));
	for (i = 0; i < c->n; i++) {
		memcpy(c->ma + i * c->da, space_row(c->a, c->pr.ida[i]),
		    sizeof(float) * (size_t)c->da);
		memcpy(c->mb + i * c->db, space_row(c->b, c->pr.idb[i]),
		    sizeof(float) * (size_t)c->db);
	}
	return 0;
}

/* RSA on the (up to 1000) most frequent shared words. */
static void
sc_rsa(struct sc *c)
{
	long n = c->n < 1000 ? c->n : 1000;
	size_t m = RSA_NPAIRS(n);
	double *ra = xcalloc(m, sizeof(double)), *rb = xcalloc(m,
	    sizeof(double));
	char note[160];

	rsa_rdm(c->ma, n, c->da, ra);
	rsa_rdm(c->mb, n, c->db, rb);
	snprintf(note, sizeof(note), "cosine-distance RDMs of the %ld most "
	    "frequent shared words", n);
	sc_row(c->t, "RSA (Spearman)", rsa_compare(ra, rb, m, RSA_SPEARMAN),
	    4, note);
	table_set_scalar(c->t, "rsa-words", (double)n, -1);
	free(ra);
	free(rb);
}

/* Neighbourhood change of every word (Hamilton et al. 2016). */
static int
sc_change(struct dctx *ctx, int k, struct sc *c)
{
	struct knn_index ia, ib;
	struct diag dg;
	double mean = 0;
	char note[160];
	long i;
	int rc = 0;

	knn_index_init(&ia, c->ma, c->n, c->da);
	knn_index_init(&ib, c->mb, c->n, c->db);
	c->ch = xcalloc((size_t)c->n, sizeof(*c->ch));
	for (i = 0; i < c->n; i++) {
		if (semchange_local(&ia, &ib, i, k, &c->ch[i].v, NULL, NULL,
		    &dg) < 0) {
			rc = dctx_error(ctx, "%s", dg.msg);
			break;
		}
		c->ch[i].i = i;
		mean += c->ch[i].v;
	}
	knn_index_clear(&ia);
	knn_index_clear(&ib);
	if (rc != 0)
		return rc;
	snprintf(note, sizeof(note), "1 − cos of the similarity profiles over "
	    "the %d nearest in each space, %ld words", k, c->n);
	sc_row(c->t, "mean neighbourhood change", mean / (double)c->n, 4, note);
	return 0;
}

/* Same dimension: orthogonal Procrustes a → b and the mean shift. */
static int
sc_procrustes(struct dctx *ctx, struct sc *c)
{
	long n = c->n, i;
	int da = c->da, col;
	float *rot, *al;
	double shift = 0, normb = 0;
	struct diag dg;
	char note[160];

	if (c->da != c->db)
		return 0;
	rot = xcalloc((size_t)da * (size_t)da, sizeof(float));
	al = xcalloc((size_t)n * (size_t)da, sizeof(float));
	if (procrustes_fit(c->ma, c->mb, n, da, rot, &dg) < 0) {
		free(rot);
		free(al);
		return dctx_error(ctx, "%s", dg.msg);
	}
	procrustes_apply(c->ma, n, da, rot, al);
	for (i = 0; i < n; i++) {
		double s2 = 0, b2 = 0;

		for (col = 0; col < da; col++) {
			double dd = al[i * da + col] - c->mb[i * da + col];

			s2 += dd * dd;
			b2 += (double)c->mb[i * da + col] * c->mb[i * da + col];
		}
		shift += sqrt(s2);
		normb += sqrt(b2);
	}
	snprintf(note, sizeof(note), "same dimension (%d): rotation fitted "
	    "on the %ld words; mean ‖E₂(w)‖ = %.4f", da, n, normb / (double)n);
	sc_row(c->t, "orthogonal Procrustes: mean shift ‖E₁(w)R − E₂(w)‖",
	    shift / (double)n, 4, note);
	table_set_scalar(c->t, "procrustes-mean-norm-b", normb / (double)n, 4);
	free(rot);
	free(al);
	return 0;
}

/* The ridge map a → b: precision@1 and @5 and the held-out shift. */
static int
sc_linmap(struct dctx *ctx, const struct directive *d, struct sc *c)
{
	struct xspace_linmap_opts lo;
	struct xspace_linmap_result lr;
	struct diag dg;
	char note[160], label[300];

	memset(&lr, 0, sizeof(lr));
	xspace_linmap_defaults(&lo);
	if (xspace_linmap(c->a, c->b, &lo, &lr, &dg) < 0) {
		xspace_linmap_clear(&lr);
		return dctx_error(ctx, "%s", dg.msg);
	}
	snprintf(label, sizeof(label), "linear map %s → %s: precision@1",
	    dx_text(d, "a"), dx_text(d, "b"));
	snprintf(note, sizeof(note), "ridge λ = %g, %ld training and %ld "
	    "held-out words", lo.lambda, lr.ntrain, lr.ntest);
	sc_row(c->t, label, lr.eval.p1, 4, note);
	table_set_scalar(c->t, "ridge-lambda", lo.lambda, 4);
	table_set_scalar(c->t, "training-words", (double)lr.ntrain, -1);
	table_set_scalar(c->t, "held-out-words", (double)lr.ntest, -1);
	snprintf(label, sizeof(label), "linear map %s → %s: precision@5",
	    dx_text(d, "a"), dx_text(d, "b"));
	sc_row(c->t, label, lr.eval.pk, 4, NULL);
	snprintf(note, sizeof(note), "mean ‖y‖ = %.4f; on training words "
	    "%.4f", lr.mean_norm_y, lr.mean_resid_train);
	sc_row(c->t, "mean shift ‖xW − y‖ (held out)", lr.mean_resid, 4, note);
	table_set_scalar(c->t, "mean-norm-y", lr.mean_norm_y, 4);
	table_set_scalar(c->t, "mean-shift-training", lr.mean_resid_train, 4);
	xspace_linmap_clear(&lr);
	return 0;
}

/* The :examples: words whose neighbourhoods changed most and least. */
static void
sc_examples(const struct directive *d, struct sc *c, struct result *res)
{
	static const char *const ecols[] = { "#", "most changed", "change",
	    "least changed", "change" };
	size_t ex = (size_t)directive_opt(d, "examples")->i, j, row;
	struct table *e;

	qsort(c->ch, (size_t)c->n, sizeof(*c->ch), chg_cmp);
	e = result_add_table(res, "space-compare-words", "Words whose "
	    "neighbourhoods changed most and least", 5, ecols);
	for (j = 0; j < ex && j < (size_t)c->n; j++) {
		const struct chg *hi = &c->ch[j],
		    *lo = &c->ch[(size_t)c->n - 1 - j];

		row = table_add_row(e);
		table_set_int(e, row, 0, (long long)j + 1);
		table_set_text(e, row, 1, space_word(c->a, c->pr.ida[hi->i],
		    NULL));
		table_set_num(e, row, 2, hi->v, 3);
		table_set_text(e, row, 3, space_word(c->a, c->pr.ida[lo->i],
		    NULL));
		table_set_num(e, row, 4, lo->v, 3);
	}
}

/* The report row by row: shared words, RSA, neighbourhood change,
 * Procrustes (same dimension only), the linear map, then examples. */
static int
sc_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "measure", "value", "note" };
	struct sc c;
	char note[160];
	int rc = -1;

	memset(&c, 0, sizeof(c));
	if ((c.a = dx_space(ctx, d, "a", NULL, res)) == NULL ||
	    (c.b = dx_space(ctx, d, "b", NULL, res)) == NULL)
		return -1;
	c.da = space_dims(c.a);
	c.db = space_dims(c.b);
	if (sc_shared(ctx, d, &c) != 0)
		goto out;
	c.t = result_add_table(res, "space-compare", "Two spaces, one "
	    "vocabulary", 3, cols);
	snprintf(note, sizeof(note), "of %ld and %ld", space_rows(c.a),
	    space_rows(c.b));
	sc_row(c.t, "shared words", NAN, 0, note);
	table_set_int(c.t, c.t->nrows - 1, 1, c.pr.n);
	sc_rsa(&c);
	if (sc_change(ctx, (int)directive_opt(d, "k")->i, &c) != 0 ||
	    sc_procrustes(ctx, &c) != 0 || sc_linmap(ctx, d, &c) != 0)
		goto out;
	sc_examples(d, &c, res);
	rc = 0;
out:
	xspace_pairs_clear(&c.pr);
	free(c.ma);
	free(c.mb);
	free(c.ch);
	return rc;
}

static int
space_compare_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *to = directive_opt(d, "top");
	double ra, da, rb, db, n, r;

	if (dx_space_size(ctx, d, "a", &ra, &da) != 0 ||
	    dx_space_size(ctx, d, "b", &rb, &db) != 0)
		return -1;
	n = (double)to->i;
	if (n > ra)
		n = ra;
	r = n < 1000 ? n : 1000;
	/* kNN of every shared word in both spaces (n² × d each), RDMs of
	 * up to 1000 words, and the Procrustes map (n × da × db). */
	we->ops = n * n * (da + db) / DX_VEC + r * r * (da + db) / 2 +
	    n * da * db + 10 * (da > db ? da : db) * da * db;
	we->bytes = n * (da + db) * 4 * 2 + r * r * 8 + 16384 * n * 4;
	dx_why(we->why, sizeof(we->why), "%.0f² shared words (`:top: %ld`) × "
	    "%.0f + %.0f dimensions", n, to->i, da, db);
	we->lower = ":top:";
	we->at = to;
	return 0;
}

static const char *const space_compare_strings[] = {
	"measure",
	"value",
	"note",
	"#",
	"most changed",
	"change",
	"least changed",
	"Two spaces, one vocabulary",
	"Words whose neighbourhoods changed most and least",
	NULL
};

static const struct scalar_doc space_compare_scalars[] = {
	{ "rsa-words", "space-compare",
	    "shared words in the RSA" },
	{ "procrustes-mean-norm-b", "space-compare",
	    "mean ‖E₂(w)‖ (same dimension only)" },
	{ "ridge-lambda", "space-compare",
	    "ridge λ of the linear map" },
	{ "training-words", "space-compare",
	    "training words of the linear map" },
	{ "held-out-words", "space-compare",
	    "held-out words of the linear map" },
	{ "mean-norm-y", "space-compare",
	    "mean ‖y‖ of the held-out targets" },
	{ "mean-shift-training", "space-compare",
	    "mean ‖xW − y‖ on the training words" },
	{ NULL, NULL, NULL }
};

const struct directive_spec directive_space_compare = {
	.name = "space-compare",
	.summary = "the cross-space report: shared words, RSA, neighbourhood "
	    "change, "
	    "linear map and mean shift",
	.opts = sc_opts,
	.body = BODY_NONE,
	.run = sc_run,
	.estimate = space_compare_estimate,
	.version = 2,
	.strings = space_compare_strings,
	.example = "```{space-compare}\n:a: glove-wiki-100d\n:b: "
	    "glove-twitter-25d\n```",
	.scalars = space_compare_scalars,
};
