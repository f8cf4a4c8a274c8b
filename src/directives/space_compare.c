/*
 * directives/space_compare: {space-compare} — the cross-space report: shared words, RSA,
 * neighbourhood change, an orthogonal or ridge map and the mean shift.
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

static int
sc_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "measure", "value", "note" };
	static const char *const ecols[] = { "#", "most changed", "change",
	    "least changed", "change" };
	const struct space *a, *b;
	struct xspace_pairs pr;
	struct xspace_linmap_opts lo;
	struct xspace_linmap_result lr;
	struct knn_index ia, ib;
	struct diag dg;
	long n, i, top = directive_opt(d, "top")->i;
	int k = (int)directive_opt(d, "k")->i, da, db, rc = -1;
	size_t ex = (size_t)directive_opt(d, "examples")->i, row, m, j;
	float *ma = NULL, *mb = NULL;
	double *ra = NULL, *rb = NULL, mean = 0;
	struct chg *ch = NULL;
	struct table *t, *e;
	char note[160];
	char label[300];

	memset(&pr, 0, sizeof(pr));
	memset(&lr, 0, sizeof(lr));
	memset(&ia, 0, sizeof(ia));
	memset(&ib, 0, sizeof(ib));
	if ((a = dx_space(ctx, d, "a", NULL, res)) == NULL ||
	    (b = dx_space(ctx, d, "b", NULL, res)) == NULL)
		return -1;
	da = space_dims(a);
	db = space_dims(b);
	if (xspace_shared(a, b, 0, &pr, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	if (pr.n < 3) {
		dctx_error(ctx, "{space-compare}: the spaces share %ld words; "
		    "at least 3 are needed", pr.n);
		goto out;
	}
	n = pr.n < top ? pr.n : top;
	ma = xcalloc((size_t)n * (size_t)da, sizeof(float));
	mb = xcalloc((size_t)n * (size_t)db, sizeof(float));
	for (i = 0; i < n; i++) {
		memcpy(ma + i * da, space_row(a, pr.ida[i]), sizeof(float) *
		    (size_t)da);
		memcpy(mb + i * db, space_row(b, pr.idb[i]), sizeof(float) *
		    (size_t)db);
	}
	t = result_add_table(res, "space-compare", "Two spaces, one "
	    "vocabulary", 3, cols);
	row = table_add_row(t);
	table_set_text(t, row, 0, "shared words");
	table_set_int(t, row, 1, pr.n);
	snprintf(note, sizeof(note), "of %ld and %ld", space_rows(a),
	    space_rows(b));
	table_set_text(t, row, 2, note);
	/* RSA on the top shared words */
	m = RSA_NPAIRS(n < 1000 ? n : 1000);
	ra = xcalloc(m, sizeof(double));
	rb = xcalloc(m, sizeof(double));
	rsa_rdm(ma, n < 1000 ? n : 1000, da, ra);
	rsa_rdm(mb, n < 1000 ? n : 1000, db, rb);
	row = table_add_row(t);
	table_set_text(t, row, 0, "RSA (Spearman)");
	table_set_num(t, row, 1, rsa_compare(ra, rb, m, RSA_SPEARMAN), 4);
	snprintf(note, sizeof(note), "cosine-distance RDMs of the %ld most "
	    "frequent shared words", n < 1000 ? n : 1000);
	table_set_text(t, row, 2, note);
	/* neighbourhood change (Hamilton et al. 2016) */
	knn_index_init(&ia, ma, n, da);
	knn_index_init(&ib, mb, n, db);
	ch = xcalloc((size_t)n, sizeof(*ch));
	for (i = 0; i < n; i++) {
		if (semchange_local(&ia, &ib, i, k, &ch[i].v, NULL, NULL,
		    &dg) < 0) {
			dctx_error(ctx, "%s", dg.msg);
			goto out;
		}
		ch[i].i = i;
		mean += ch[i].v;
	}
	row = table_add_row(t);
	table_set_text(t, row, 0, "mean neighbourhood change");
	table_set_num(t, row, 1, mean / (double)n, 4);
	snprintf(note, sizeof(note), "1 − cos of the similarity profiles over "
	    "the %d nearest in each space, %ld words", k, n);
	table_set_text(t, row, 2, note);
	/* same dimension: orthogonal Procrustes a -> b and the shift */
	if (da == db) {
		float *rot = xcalloc((size_t)da * (size_t)da, sizeof(float));
		float *al = xcalloc((size_t)n * (size_t)da, sizeof(float));
		double shift = 0, normb = 0;

		if (procrustes_fit(ma, mb, n, da, rot, &dg) < 0) {
			free(rot);
			free(al);
			dctx_error(ctx, "%s", dg.msg);
			goto out;
		}
		procrustes_apply(ma, n, da, rot, al);
		for (i = 0; i < n; i++) {
			double s2 = 0, b2 = 0;
			int c;

			for (c = 0; c < da; c++) {
				double dd = al[i * da + c] - mb[i * da + c];

				s2 += dd * dd;
				b2 += (double)mb[i * da + c] * mb[i * da + c];
			}
			shift += sqrt(s2);
			normb += sqrt(b2);
		}
		row = table_add_row(t);
		table_set_text(t, row, 0, "orthogonal Procrustes: mean shift "
		    "‖E₁(w)R − E₂(w)‖");
		table_set_num(t, row, 1, shift / (double)n, 4);
		snprintf(note, sizeof(note), "same dimension (%d): rotation fitted "
		    "on the %ld words; mean ‖E₂(w)‖ = %.4f", da, n,
		    normb / (double)n);
		table_set_text(t, row, 2, note);
		free(rot);
		free(al);
	}
	/* the linear map a -> b */
	xspace_linmap_defaults(&lo);
	if (xspace_linmap(a, b, &lo, &lr, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	row = table_add_row(t);
	snprintf(label, sizeof(label), "linear map %s → %s: precision@1",
	    dx_text(d, "a"), dx_text(d, "b"));
	table_set_text(t, row, 0, label);
	table_set_num(t, row, 1, lr.eval.p1, 4);
	snprintf(note, sizeof(note), "ridge λ = %g, %ld training and %ld "
	    "held-out words", lo.lambda, lr.ntrain, lr.ntest);
	table_set_text(t, row, 2, note);
	row = table_add_row(t);
	snprintf(label, sizeof(label), "linear map %s → %s: precision@5",
	    dx_text(d, "a"), dx_text(d, "b"));
	table_set_text(t, row, 0, label);
	table_set_num(t, row, 1, lr.eval.pk, 4);
	row = table_add_row(t);
	table_set_text(t, row, 0, "mean shift ‖xW − y‖ (held out)");
	table_set_num(t, row, 1, lr.mean_resid, 4);
	snprintf(note, sizeof(note), "mean ‖y‖ = %.4f; on training words "
	    "%.4f", lr.mean_norm_y, lr.mean_resid_train);
	table_set_text(t, row, 2, note);
	qsort(ch, (size_t)n, sizeof(*ch), chg_cmp);
	e = result_add_table(res, "space-compare-words", "Words whose "
	    "neighbourhoods changed most and least", 5, ecols);
	for (j = 0; j < ex && j < (size_t)n; j++) {
		const struct chg *hi = &ch[j], *lo2 = &ch[(size_t)n - 1 - j];

		row = table_add_row(e);
		table_set_int(e, row, 0, (long long)j + 1);
		table_set_text(e, row, 1, space_word(a, pr.ida[hi->i], NULL));
		table_set_num(e, row, 2, hi->v, 3);
		table_set_text(e, row, 3, space_word(a, pr.ida[lo2->i], NULL));
		table_set_num(e, row, 4, lo2->v, 3);
	}
	rc = 0;
out:
	knn_index_clear(&ia);
	knn_index_clear(&ib);
	xspace_pairs_clear(&pr);
	xspace_linmap_clear(&lr);
	free(ma);
	free(mb);
	free(ra);
	free(rb);
	free(ch);
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

const struct directive_spec directive_space_compare = {
	.name = "space-compare",
	.summary = "the cross-space report: shared words, RSA, neighbourhood change, "
	    "linear map and mean shift",
	.opts = sc_opts,
	.body = BODY_NONE,
	.run = sc_run,
	.estimate = space_compare_estimate,
	.version = 1,
	.strings = space_compare_strings,
	.example = "```{space-compare}\n:a: glove-wiki-100d\n:b: glove-twitter-25d\n```",
};
