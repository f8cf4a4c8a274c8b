/*
 * directives/embedding_drift: {embedding-drift} — how a trained model's
 * vectors move during training: the neighbours of chosen words after
 * each kept epoch, and between consecutive kept epochs the drift of
 * every word (1 − cosine after an orthogonal Procrustes rotation of the
 * earlier epoch onto the later, fitted on the most frequent words) and
 * the overlap of its neighbours, by frequency band.
 * Reads a model's snapshots (row i is the same word in each) and its
 * corpus; produces tables and a line chart.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus.h"
#include "data/data.h"
#include "data/model.h"
#include "directives/common.h"
#include "directives/registry.h"
#include "kern/knn.h"
#include "kern/norm.h"
#include "kern/procrustes.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const struct opt_spec ed_opts[] = {
	{
		.name = "model",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "a model declared under models: with snapshots (NAME or "
		    "NAME@SEED)",
	},
	{
		.name = "words",
		.type = OPT_WORDS,
		.doc = "words whose neighbours and drift are listed per epoch",
	},
	{
		.name = "k",
		.type = OPT_INT,
		.def = "5",
		.min = 1,
		.max = 50,
		.doc = "neighbours listed and compared",
	},
	{
		.name = "top",
		.type = OPT_INT,
		.def = "5000",
		.min = 10,
		.max = 50000,
		.doc = "the most frequent words on which the rotation is fitted "
		    "and drift is measured",
	},
	{ .name = NULL }
};

/* Rank bands (1-based, inclusive upper ends) of the drift table. */
static const long ed_bands[] = { 100, 1000, 5000, 20000, 50000 };
#define ED_NBANDS (sizeof(ed_bands) / sizeof(ed_bands[0]))

static int
ed_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	const struct model_decl *m;
	const struct corpus *c;
	const struct space **sp = NULL;
	const struct knn_index **ix = NULL;
	int k = (int)directive_opt(d, "k")->i, rc = -1, *eps = NULL, dims;
	long top = directive_opt(d, "top")->i, *q = NULL, *wr = NULL, r, lo;
	char prefix[300], name[320], label[256];
	char **words = NULL, **cols = NULL, ***nbt = NULL;
	float **um = NULL, *rot = NULL, *al = NULL;
	double **drift = NULL, sum;
	size_t ne = 0, e, i, nw = 0, row, nb_bands = 0, bi;
	struct table *t;
	struct chart *ch;
	struct diag dg;
	struct buf b = BUF_INIT;

	if ((m = dx_model(ctx, d, "model", prefix, sizeof(prefix))) == NULL)
		return -1;
	if (m->nsnap == 0) {
		dctx_error_at(ctx, NULL, "{embedding-drift} needs a model with "
		    "snapshots (snapshots: [1, 2, 3] under models: %s)",
		    m->name);
		return -1;
	}
	if ((c = dx_corpus(ctx, d, "model", m->corpus, res)) == NULL)
		return -1;
	eps = xcalloc(m->nsnap + 1, sizeof(int));
	for (i = 0; i < m->nsnap; i++)
		if (m->snap[i] != m->p.epochs)
			eps[ne++] = m->snap[i];
	eps[ne++] = m->p.epochs;
	sp = xcalloc(ne, sizeof(*sp));
	ix = xcalloc(ne, sizeof(*ix));
	um = xcalloc(ne, sizeof(*um));
	drift = xcalloc(ne, sizeof(*drift));
	nbt = xcalloc(ne, sizeof(*nbt));
	for (e = 0; e < ne; e++) {
		dx_model_epoch(m, prefix, eps[e], name, sizeof(name));
		if ((sp[e] = dx_space_named(ctx, directive_opt(d, "model"),
		    name, &ix[e], res)) == NULL)
			goto out;
	}
	if (top > space_rows(sp[0]))
		top = space_rows(sp[0]);
	dims = space_dims(sp[0]);
	q = xcalloc((size_t)top, sizeof(long));
	for (r = 0; r < top; r++)
		q[r] = r;
	for (e = 0; e < ne; e++) {
		um[e] = dx_gather(sp[e], q, (size_t)top);
		rows_normalize(um[e], top, dims);
	}
	/* Drift from each kept epoch to the next. */
	rot = xcalloc((size_t)dims * (size_t)dims, sizeof(float));
	al = xcalloc((size_t)top * (size_t)dims, sizeof(float));
	for (e = 0; e + 1 < ne; e++) {
		drift[e] = xcalloc((size_t)top, sizeof(double));
		if (procrustes_fit(um[e], um[e + 1], top, dims, rot, &dg) < 0) {
			dctx_error(ctx, "%s", dg.msg);
			goto out;
		}
		procrustes_apply(um[e], top, dims, rot, al);
		for (r = 0; r < top; r++) {
			double dot = 0, na = 0;
			int j;

			for (j = 0; j < dims; j++) {
				dot += (double)al[r * dims + j] *
				    (double)um[e + 1][r * dims + j];
				na += (double)al[r * dims + j] *
				    (double)al[r * dims + j];
			}
			drift[e][r] = 1 - dot / (na > 0 ? sqrt(na) : 1);
		}
	}
	/* Mean drift per frequency band and transition. */
	cols = xcalloc(ne + 1, sizeof(char *));
	cols[0] = xstrdup("frequency rank");
	for (e = 0; e + 1 < ne; e++)
		cols[e + 1] = xasprintf("epoch %d-%d", eps[e], eps[e + 1]);
	t = result_add_table(res, "drift", "Mean drift between consecutive "
	    "epochs by frequency rank", ne, (const char *const *)cols);
	ch = result_add_chart(res, CHART_LINE, "drift", "Mean drift after "
	    "each epoch by frequency rank");
	chart_axes(ch, "epoch", "drift (1 − cosine after rotation)");
	for (lo = 0, bi = 0; bi < ED_NBANDS && lo < top; bi++) {
		long hi = ed_bands[bi] < top ? ed_bands[bi] : top;
		struct chart_series *sr;

		snprintf(label, sizeof(label), "%ld-%ld", lo + 1, hi);
		row = table_add_row(t);
		table_set_text(t, row, 0, label);
		sr = chart_add_series(ch, label, ne - 1);
		for (e = 0; e + 1 < ne; e++) {
			sum = 0;
			for (r = lo; r < hi; r++)
				sum += drift[e][r];
			table_set_num(t, row, e + 1, sum / (double)(hi - lo), 4);
			sr->x[e] = eps[e + 1];
			sr->y[e] = sum / (double)(hi - lo);
		}
		nb_bands++;
		lo = hi;
	}
	row = table_add_row(t);
	table_set_text(t, row, 0, "all");
	for (e = 0; e + 1 < ne; e++) {
		sum = 0;
		for (r = 0; r < top; r++)
			sum += drift[e][r];
		table_set_num(t, row, e + 1, sum / (double)top, 4);
	}
	snprintf(label, sizeof(label), "drift = 1 − cosine of a word's unit "
	    "vector after one epoch, rotated (orthogonal Procrustes on the "
	    "%ld most frequent words), and after the next", top);
	t->note = xstrdup(label);
	for (e = 0; e < ne; e++)
		free(cols[e]);
	free(cols);
	cols = NULL;
	/* Chosen words: neighbours per epoch, drift per transition. */
	words = dx_words(d, "words", &nw);
	if (nw > 0) {
		long *ids = xcalloc(nw * (size_t)(k + 1), sizeof(long));
		float *sc = xcalloc(nw * (size_t)(k + 1), sizeof(float));

		wr = xcalloc(nw, sizeof(long));
		if (dx_rows(ctx, directive_opt(d, "words"), sp[0], prefix,
		    words, nw, wr) < 0) {
			free(ids);
			free(sc);
			goto out;
		}
		for (e = 0; e < ne; e++) {
			nbt[e] = xcalloc(nw, sizeof(char *));
			if (dx_knn_search(ctx, ix[e], wr, nw, k + 1, KNN_COSINE,
			    0, ids, sc) < 0) {
				free(ids);
				free(sc);
				goto out;
			}
			for (i = 0; i < nw; i++) {
				int got = 0, j;

				buf_clear(&b);
				for (j = 0; j <= k && got < k; j++) {
					long id = ids[i * (size_t)(k + 1) +
					    (size_t)j];

					if (id == wr[i] || id < 0)
						continue;
					buf_printf(&b, "%s%s", got ? ", " : "",
					    space_word(sp[e], id, NULL));
					got++;
				}
				nbt[e][i] = xstrdup(buf_str(&b));
			}
		}
		free(ids);
		free(sc);
		cols = xcalloc(ne + 1, sizeof(char *));
		cols[0] = xstrdup("word");
		for (e = 0; e < ne; e++)
			cols[e + 1] = xasprintf("epoch %d", eps[e]);
		t = result_add_table(res, "neighbours", "Nearest neighbours "
		    "after each epoch", ne + 1, (const char *const *)cols);
		for (i = 0; i < nw; i++) {
			row = table_add_row(t);
			table_set_text(t, row, 0, words[i]);
			for (e = 0; e < ne; e++)
				table_set_text(t, row, e + 1, nbt[e][i]);
		}
		for (e = 0; e <= ne; e++)
			free(cols[e]);
		free(cols);
		cols = xcalloc(ne + 2, sizeof(char *));
		cols[0] = xstrdup("word");
		cols[1] = xstrdup("rank");
		for (e = 0; e + 1 < ne; e++)
			cols[e + 2] = xasprintf("epoch %d-%d", eps[e], eps[e + 1]);
		t = result_add_table(res, "word-drift", "Drift of the chosen "
		    "words between consecutive epochs", ne + 1,
		    (const char *const *)cols);
		for (i = 0; i < nw; i++) {
			row = table_add_row(t);
			table_set_text(t, row, 0, words[i]);
			table_set_int(t, row, 1, wr[i] + 1);
			for (e = 0; e + 1 < ne; e++)
				if (wr[i] < top)
					table_set_num(t, row, e + 2,
					    drift[e][wr[i]], 4);
				else
					table_set_text(t, row, e + 2, "");
		}
		for (e = 0; e <= ne; e++)
			free(cols[e]);
		free(cols);
		cols = NULL;
	}
	(void)nb_bands;
	rc = 0;
out:
	buf_clear(&b);
	for (e = 0; e < ne; e++) {
		free(um ? um[e] : NULL);
		free(drift ? drift[e] : NULL);
		for (i = 0; nbt && nbt[e] && i < nw; i++)
			free(nbt[e][i]);
		free(nbt ? nbt[e] : NULL);
	}
	if (cols != NULL)
		for (e = 0; e <= ne; e++)
			free(cols[e]);
	free(cols);
	free(um);
	free(drift);
	free(nbt);
	dx_free_words(words, nw);
	free(wr);
	free(sp);
	free(ix);
	free(q);
	free(eps);
	free(rot);
	free(al);
	return rc;
}

static int
ed_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct model_decl *m;
	double rows, dims, top = (double)directive_opt(d, "top")->i, ne;
	size_t nw = 0;
	char **w = dx_words(d, "words", &nw);
	char prefix[300];

	dx_free_words(w, nw);
	if ((m = dx_model(ctx, d, "model", prefix, sizeof(prefix))) == NULL)
		return -1;
	if (dx_space_size(ctx, d, "model", &rows, &dims) != 0)
		return -1;
	if (top > rows)
		top = rows;
	ne = (double)m->nsnap + 1;
	we->ops = ne * (top * dims * dims * 2 + (double)nw * rows * dims /
	    DX_VEC);
	we->bytes = ne * top * (dims * 4 + 8);
	dx_why(we->why, sizeof(we->why), "%.0f epochs × %.0f words (`:top:`) "
	    "× %.0f dimensions²", ne, top, dims);
	we->lower = ":top:";
	we->at = directive_opt(d, "top");
	return 0;
}

static const char *const ed_strings[] = {
	"frequency rank",
	"epoch %s-%s",
	"epoch %s",
	"all",
	"word",
	"rank",
	"epoch",
	"drift (1 − cosine after rotation)",
	"Mean drift between consecutive epochs by frequency rank",
	"Mean drift after each epoch by frequency rank",
	"Nearest neighbours after each epoch",
	"Drift of the chosen words between consecutive epochs",
	"drift = 1 − cosine of a word's unit vector after one epoch, rotated "
	    "(orthogonal Procrustes on the %s most frequent words), and after "
	    "the next",
	NULL
};

const struct directive_spec directive_embedding_drift = {
	.name = "embedding-drift",
	.summary = "a trained model's vectors epoch by epoch: neighbours of "
	    "chosen words, and drift after orthogonal Procrustes alignment of "
	    "consecutive snapshots by frequency band",
	.opts = ed_opts,
	.body = BODY_NONE,
	.run = ed_run,
	.estimate = ed_estimate,
	.version = 1,
	.strings = ed_strings,
	.example = "```{embedding-drift}\n:model: w2v-gutenberg\n:words: king, "
	    "ship\n```",
};
