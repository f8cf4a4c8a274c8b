/*
 * directives/training_curve: {training-curve} — how a trained model
 * (`models:`) learned, epoch by epoch: the held-out SGNS loss and the
 * learning rate from its training record, and at every epoch whose
 * vectors are kept (snapshots and the last) SimLex-999 Spearman, analogy
 * accuracy over the model's own vocabulary and the neighbours of probe
 * words.
 * Reads a model's spaces and record and two declared files; produces
 * tables and line charts. Trains the model first if it is not cached.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/data.h"
#include "data/model.h"
#include "directives/common.h"
#include "directives/registry.h"
#include "kern/analogy_eval.h"
#include "kern/knn.h"
#include "kern/okvocab.h"
#include "kern/wordpairs.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static const struct opt_spec tc_opts[] = {
	{
		.name = "model",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "a model declared under models: (NAME, or NAME@SEED "
		    "for one of its seeds)",
	},
	{
		.name = "pairs",
		.type = OPT_FILE,
		.def = "simlex999",
		.doc = "word pairs with human similarity scores (Spearman ρ "
		    "against cosine)",
	},
	{
		.name = "analogies",
		.type = OPT_FILE,
		.def = "questions-words",
		.doc = "analogy questions (3CosAdd over the model's whole "
		    "vocabulary; questions with a word outside it are "
		    "skipped)",
	},
	{
		.name = "probes",
		.type = OPT_WORDS,
		.doc = "words whose nearest neighbours are listed per epoch",
	},
	{
		.name = "k",
		.type = OPT_INT,
		.def = "5",
		.min = 1,
		.max = 20,
		.doc = "neighbours per probe word",
	},
	{
		.name = "evaluate",
		.type = OPT_BOOL,
		.def = "true",
		.doc = "evaluate the kept epochs (false: the training record "
		    "alone, which costs nothing once the model is trained)",
	},
	{ .name = NULL }
};

/* Evaluates one epoch's space: SimLex ρ, analogy accuracy (%), the
 * number of questions, and the probes' neighbours into nb. */
static int
tc_eval(struct dctx *ctx, const struct directive *d, const char *name,
    const struct buf *pairs, const struct buf *anl, double *rho,
    double *acc, long *nq, char **nb, size_t nprobe, char **probes,
    struct result *res)
{
	const struct knn_index *ix;
	const struct space *s;
	struct wordpairs_result wr;
	struct analogy_eval_opts o;
	struct analogy_result ar;
	struct okvocab ov;
	struct diag dg;
	const char **words;
	int k = (int)directive_opt(d, "k")->i, rc = -1;
	long *rows = NULL, *ids = NULL;
	float *sc = NULL;
	size_t i, j;
	struct buf b = BUF_INIT;

	if ((s = dx_space_named(ctx, directive_opt(d, "model"), name, &ix,
	    res)) == NULL)
		return -1;
	words = dx_space_words(s);
	okvocab_init(&ov, words, space_rows(s), 0, 1);
	if (wordpairs_eval(ix, pairs->data, pairs->len, dx_text(d, "pairs"),
	    okvocab_lookup, &ov, &wr, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	*rho = wr.spearman;
	wordpairs_result_clear(&wr);
	memset(&o, 0, sizeof(o));
	o.canon = ov.canon;
	o.cancel = ctx->cancel;
	o.method = ANALOGY_COSADD;
	if (analogy_eval(ix, anl->data, anl->len, dx_text(d, "analogies"),
	    okvocab_lookup, &ov, &o, &ar, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	*nq = ar.correct + ar.incorrect;
	*acc = *nq > 0 ? 100.0 * (double)ar.correct / (double)*nq : NAN;
	analogy_result_clear(&ar);
	if (nprobe > 0) {
		rows = xcalloc(nprobe, sizeof(long));
		if (dx_rows(ctx, directive_opt(d, "probes"), s, name, probes,
		    nprobe, rows) < 0)
			goto out;
		ids = xcalloc(nprobe * (size_t)(k + 1), sizeof(long));
		sc = xcalloc(nprobe * (size_t)(k + 1), sizeof(float));
		if (dx_knn_search(ctx, ix, rows, nprobe, k + 1, KNN_COSINE, 0,
		    ids, sc) < 0)
			goto out;
		for (i = 0; i < nprobe; i++) {
			int got = 0;

			buf_clear(&b);
			for (j = 0; j < (size_t)k + 1 && got < k; j++) {
				long r = ids[i * (size_t)(k + 1) + j];

				if (r < 0 || r == rows[i])
					continue;
				buf_printf(&b, "%s%s", got ? ", " : "",
				    space_word(s, r, NULL));
				got++;
			}
			nb[i] = xstrdup(buf_str(&b));
		}
	}
	rc = 0;
out:
	buf_clear(&b);
	okvocab_clear(&ov);
	free(words);
	free(rows);
	free(ids);
	free(sc);
	return rc;
}

static int
tc_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "epoch", "words seen",
	    "learning rate", "held-out loss", "SimLex-999 ρ",
	    "analogy accuracy %", "analogy questions" };
	const struct model_decl *m;
	struct model_epoch *log = NULL;
	struct buf pairs = BUF_INIT, anl = BUF_INIT;
	struct table *t, *tn = NULL;
	struct chart *c;
	struct chart_series *sl, *sr, *sa;
	struct diag dg;
	char prefix[300], name[320], note[512];
	char **probes, ***nb = NULL, **ncols = NULL;
	size_t nlog = 0, nprobe = 0, i, row, ne = 0, e;
	int *eps = NULL, rc = -1;
	double rho, acc;
	long nq;

	if ((m = dx_model(ctx, d, "model", prefix, sizeof(prefix))) == NULL)
		return -1;
	if (data_model_log(ctx->data, prefix, &log, &nlog, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		return -1;
	}
	probes = dx_words(d, "probes", &nprobe);
	if (directive_opt(d, "evaluate")->b &&
	    (dx_read_file(ctx, d, "pairs", &pairs) == NULL ||
	    dx_read_file(ctx, d, "analogies", &anl) == NULL))
		goto out;
	eps = xcalloc((size_t)m->p.epochs + 1, sizeof(int));
	nb = xcalloc((size_t)m->p.epochs + 1, sizeof(char **));
	t = result_add_table(res, "curve", "Training, epoch by epoch", 7, cols);
	c = result_add_chart(res, CHART_LINE, "loss", "Held-out loss per epoch");
	chart_axes(c, "epoch", "loss");
	sl = chart_add_series(c, "held-out loss", nlog);
	for (i = 0; i < nlog; i++) {
		row = table_add_row(t);
		table_set_int(t, row, 0, log[i].epoch);
		table_set_int(t, row, 1, log[i].words);
		table_set_num(t, row, 2, log[i].lr, 6);
		table_set_num(t, row, 3, log[i].loss, 4);
		sl->x[i] = log[i].epoch;
		sl->y[i] = log[i].loss;
		if (log[i].epoch == 0 || !dx_model_has_epoch(m, log[i].epoch) ||
		    !directive_opt(d, "evaluate")->b) {
			table_set_text(t, row, 4, "");
			table_set_text(t, row, 5, "");
			table_set_text(t, row, 6, "");
			continue;
		}
		dx_model_epoch(m, prefix, log[i].epoch, name, sizeof(name));
		nb[ne] = xcalloc(nprobe + 1, sizeof(char *));
		if (tc_eval(ctx, d, name, &pairs, &anl, &rho, &acc, &nq,
		    nb[ne], nprobe, probes, res) < 0)
			goto out;
		eps[ne++] = log[i].epoch;
		if (isnan(rho))
			table_set_text(t, row, 4, "");
		else
			table_set_num(t, row, 4, rho, 4);
		if (nq == 0)
			table_set_text(t, row, 5, "");
		else
			table_set_num(t, row, 5, acc, 2);
		table_set_int(t, row, 6, nq);
	}
	snprintf(note, sizeof(note), "%s: %s, dim %d, window %d, negative %d, "
	    "min-count %ld, %d epochs, one thread; loss on %ld held-out pairs "
	    "(epoch 0: before training); SimLex and analogies on the vectors "
	    "kept after each epoch", prefix, m->p.model == W2V_SGNS ?
	    "skip-gram" : "CBOW", m->p.dim, m->p.window, m->p.negative,
	    m->min_count, m->p.epochs, m->heldout);
	t->note = xstrdup(note);
	if (ne > 0) {
		c = result_add_chart(res, CHART_LINE, "quality",
		    "Held-out evaluation per epoch");
		chart_axes(c, "epoch", "score");
		chart_add_series(c, "SimLex-999 ρ × 100", ne);
		sa = chart_add_series(c, "analogy accuracy %", ne);
		/* the second series may move the first: take it after */
		sr = &c->series[c->nseries - 2];
		for (e = 0, i = 0; i < t->nrows && e < ne; i++) {
			const struct cell *cr = &t->cells[i * t->ncols + 4];
			const struct cell *ca = &t->cells[i * t->ncols + 5];

			if (t->cells[i * t->ncols + 6].kind == CELL_TEXT)
				continue;
			sr->x[e] = sa->x[e] = (double)eps[e];
			sr->y[e] = cr->kind == CELL_NUM ? 100.0 * cr->num : NAN;
			sa->y[e] = ca->kind == CELL_NUM ? ca->num : NAN;
			e++;
		}
	}
	if (nprobe > 0 && ne > 0) {
		ncols = xcalloc(ne + 1, sizeof(char *));
		ncols[0] = xstrdup("word");
		for (e = 0; e < ne; e++)
			ncols[e + 1] = xasprintf("epoch %d", eps[e]);
		tn = result_add_table(res, "neighbours", "Nearest neighbours of "
		    "the probe words after each epoch", ne + 1,
		    (const char *const *)ncols);
		for (i = 0; i < nprobe; i++) {
			row = table_add_row(tn);
			table_set_text(tn, row, 0, probes[i]);
			for (e = 0; e < ne; e++)
				table_set_text(tn, row, e + 1, nb[e][i]);
		}
	}
	rc = 0;
out:
	for (e = 0; nb != NULL && e <= (size_t)m->p.epochs; e++) {
		for (i = 0; nb[e] != NULL && i < nprobe; i++)
			free(nb[e][i]);
		free(nb[e]);
	}
	free(nb);
	for (e = 0; ncols != NULL && e <= ne; e++)
		free(ncols[e]);
	free(ncols);
	free(eps);
	free(log);
	dx_free_words(probes, nprobe);
	buf_clear(&pairs);
	buf_clear(&anl);
	return rc;
}

static int
tc_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct model_decl *m;
	double rows, dims, q;
	char prefix[300];
	int ne;

	if ((m = dx_model(ctx, d, "model", prefix, sizeof(prefix))) == NULL)
		return -1;
	if (dx_space_size(ctx, d, "model", &rows, &dims) != 0)
		return -1;
	ne = directive_opt(d, "evaluate")->b ? (int)m->nsnap + 1 : 0;
	/* Each kept epoch: every analogy question scans every row, then
	 * the pairs and the probes' searches. */
	q = 0;
	if (ne > 0 && dx_file_lines(ctx, directive_opt(d, "analogies"),
	    dx_text(d, "analogies"), &q) != 0)
		return -1;
	we->ops = ne * (q * rows * dims / DX_VEC + 1000 * dims + 20 * rows *
	    dims);
	we->bytes = rows * dims * 8 + q * 64;
	dx_why(we->why, sizeof(we->why), "%d kept epochs × %.0f analogy "
	    "questions (`:analogies:`) × %.0f rows", ne, q, rows);
	we->lower = ":analogies:";
	we->at = directive_opt(d, "analogies");
	return 0;
}

static const char *const tc_strings[] = {
	"epoch",
	"words seen",
	"learning rate",
	"held-out loss",
	"SimLex-999 ρ",
	"analogy accuracy %",
	"analogy questions",
	"word",
	"epoch %s",
	"loss",
	"score",
	"SimLex-999 ρ × 100",
	"Training, epoch by epoch",
	"Held-out loss per epoch",
	"Held-out evaluation per epoch",
	"Nearest neighbours of the probe words after each epoch",
	"%s: %s, dim %s, window %s, negative %s, min-count %s, %s epochs, "
	    "one thread; loss on %s held-out pairs (epoch 0: before "
	    "training); SimLex and analogies on the vectors kept after each "
	    "epoch",
	NULL
};

const struct directive_spec directive_training_curve = {
	.name = "training-curve",
	.summary = "a trained model epoch by epoch: held-out loss, learning "
	    "rate, SimLex-999 Spearman, analogy accuracy over its vocabulary, "
	    "neighbours of probe words",
	.opts = tc_opts,
	.body = BODY_NONE,
	.run = tc_run,
	.estimate = tc_estimate,
	.version = 1,
	.strings = tc_strings,
	.example = "```{training-curve}\n:model: w2v-gutenberg\n:probes: "
	    "king, ship\n```",
};
