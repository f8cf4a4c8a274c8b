/*
 * directives/skipgram_pairs: {skipgram-pairs} — the data loader of a
 * trained model made visible on one sentence: which words the vocabulary
 * keeps, each word's subsampling keep probability and the draw, the
 * window each centre word got, the (centre, context) pairs in training
 * order and the negatives drawn for each, with the model's corpus counts
 * and hyperparameters and the trainer's own code (kern/w2v.h,
 * w2v_explain).
 * Reads a model's declaration and corpus; produces tables.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus.h"
#include "corpus/trainset.h"
#include "data/data.h"
#include "data/model.h"
#include "directives/common.h"
#include "directives/registry.h"
#include "kern/w2v.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define SP_MAXWORDS	200	/* words of the sentence shown */

static const struct opt_spec sp_opts[] = {
	{
		.name = "model",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "a model declared under models: (its corpus, "
		    "min-count, sample, window, negative and seed)",
	},
	{
		.name = "line",
		.type = OPT_INT,
		.def = "0",
		.min = 0,
		.max = 1e9,
		.doc = "take the sentence from this line (document) of the "
		    "model's corpus instead of the body",
	},
	{
		.name = "window",
		.type = OPT_INT,
		.def = "0",
		.min = 0,
		.max = 20,
		.doc = "the maximal window (0: the model's)",
	},
	{
		.name = "seed",
		.type = OPT_INT,
		.def = "-1",
		.min = -1,
		.max = 2147483647,
		.doc = "the seed of the draws (-1: the model's)",
	},
	{
		.name = "sample",
		.type = OPT_FLOAT,
		.def = "-1",
		.min = -1,
		.max = 0.999,
		.doc = "the subsampling threshold (-1: the model's; 0: none)",
	},
	{
		.name = "pairs",
		.type = OPT_INT,
		.def = "40",
		.min = 1,
		.max = 1000,
		.doc = "pairs listed (all are counted)",
	},
	{ .name = NULL }
};

struct sp_words {
	char	**w;
	size_t	 n;
};

static void
sp_emit(void *ctx, const char *w, size_t n, int isword)
{
	struct sp_words *sw = ctx;

	if (!isword || sw->n >= SP_MAXWORDS)
		return;
	sw->w = xreallocarray(sw->w, sw->n + 1, sizeof(char *));
	sw->w[sw->n++] = xstrndup(w, n);
}

static int
sp_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const tcols[] = { "position", "word", "count",
	    "keep probability", "kept", "window" };
	static const char *const pcols[] = { "pair", "centre", "context",
	    "distance", "negatives" };
	static const char *const scols[] = { "measure", "value" };
	const struct model_decl *m;
	const struct corpus *c;
	struct w2v_params p;
	struct trainset ts;
	struct sp_words sw = { NULL, 0 };
	struct table *t;
	struct diag dg;
	struct buf b = BUF_INIT;
	char prefix[300];
	long line = directive_opt(d, "line")->i, id;
	long cap = directive_opt(d, "pairs")->i;
	uint32_t *tok = NULL, *neg = NULL;
	size_t *pos = NULL, n = 0, i, row, npairs = 0, bad, j, nk = 0;
	double *keep = NULL;
	unsigned char *kept = NULL;
	int *span = NULL, rc = -1, kk;
	struct w2v_pair *pairs = NULL;

	memset(&ts, 0, sizeof(ts));
	if ((m = dx_model(ctx, d, "model", prefix, sizeof(prefix))) == NULL)
		return -1;
	if ((c = dx_corpus(ctx, d, "model", m->corpus, res)) == NULL)
		return -1;
	p = m->p;
	p.threads = 1;
	p.seed = directive_opt(d, "seed")->i >= 0 ?
	    (uint64_t)directive_opt(d, "seed")->i : m->seeds[0];
	if (directive_opt(d, "sample")->f >= 0)
		p.sample = directive_opt(d, "sample")->f;
	if (directive_opt(d, "window")->i > 0)
		p.window = (int)directive_opt(d, "window")->i;
	/* The counts training sees: the corpus without held-out lines. */
	if (trainset_build(c, m->min_count, m->heldout, m->p.window,
	    m->p.negative, m->seeds[0], &ts, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	if (line > 0) {
		if ((size_t)line > c->ndocs) {
			dctx_error_at(ctx, NULL, "{skipgram-pairs}: :line: %ld is "
			    "past the corpus's %zu lines", line, c->ndocs);
			goto out;
		}
		for (j = c->doc[line - 1]; j < c->doc[line] &&
		    sw.n < SP_MAXWORDS; j++) {
			sw.w = xreallocarray(sw.w, sw.n + 1, sizeof(char *));
			sw.w[sw.n++] = xstrdup(c->word[c->tok[j]]);
		}
	} else if (corpus_words(d->body, d->bodylen, 1, 0, sp_emit, &sw,
	    &bad) < 0) {
		dctx_error_at(ctx, NULL, "{skipgram-pairs}: invalid UTF-8 in the "
		    "sentence");
		goto out;
	}
	if (sw.n == 0) {
		dctx_error_at(ctx, NULL, "{skipgram-pairs} needs a sentence: a "
		    "body, or :line: N of the corpus");
		goto out;
	}
	/* The words in the vocabulary, as the trainer reads them. */
	tok = xcalloc(sw.n, sizeof(uint32_t));
	pos = xcalloc(sw.n, sizeof(size_t));
	for (i = 0; i < sw.n; i++) {
		id = corpus_find(c, sw.w[i], strlen(sw.w[i]));
		if (id >= 0 && (size_t)id < ts.nvocab) {
			pos[n] = i;
			tok[n++] = (uint32_t)id;
		}
	}
	keep = xcalloc(n + 1, sizeof(double));
	kept = xcalloc(n + 1, 1);
	span = xcalloc(n + 1, sizeof(int));
	pairs = xcalloc((size_t)cap, sizeof(*pairs));
	nk = p.model == W2V_SGNS ? (size_t)cap : n + 1;
	neg = xcalloc(nk * (size_t)p.negative, sizeof(uint32_t));
	if (n > 0 && w2v_explain(tok, n, ts.count, ts.nvocab, &p, keep, kept,
	    span, pairs, (size_t)cap, &npairs, neg, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	t = result_add_table(res, "tokens", "What the loader does with each "
	    "word", 6, tcols);
	for (i = 0, j = 0; i < sw.n; i++) {
		row = table_add_row(t);
		table_set_int(t, row, 0, (long long)i + 1);
		table_set_text(t, row, 1, sw.w[i]);
		if (j < n && pos[j] == i) {
			table_set_int(t, row, 2, ts.count[tok[j]]);
			table_set_num(t, row, 3, keep[j], 3);
			table_set_text(t, row, 4, kept[j] ? "yes" : "no");
			if (kept[j])
				table_set_int(t, row, 5, span[j]);
			else
				table_set_text(t, row, 5, "");
			j++;
		} else {
			id = corpus_find(c, sw.w[i], strlen(sw.w[i]));
			table_set_int(t, row, 2, id >= 0 ? c->count[id] : 0);
			table_set_text(t, row, 3, "");
			table_set_text(t, row, 4, "rare");
			table_set_text(t, row, 5, "");
		}
	}
	snprintf(prefix, sizeof(prefix), "counts in the training text; "
	    "sample %g, min-count %ld, window up to %d, seed %llu; "
	    "\"rare\": below min-count, not in the vocabulary", p.sample,
	    m->min_count, p.window, (unsigned long long)p.seed);
	t->note = xstrdup(prefix);
	t = result_add_table(res, "pairs", "Training pairs and their negatives",
	    5, pcols);
	for (i = 0; i < npairs && i < (size_t)cap; i++) {
		int ce = pairs[i].centre, co = pairs[i].context;
		const uint32_t *ng = p.model == W2V_SGNS ?
		    neg + i * (size_t)p.negative : neg + (size_t)ce *
		    (size_t)p.negative;

		row = table_add_row(t);
		table_set_int(t, row, 0, (long long)i + 1);
		table_set_text(t, row, 1, c->word[tok[ce]]);
		table_set_text(t, row, 2, c->word[tok[co]]);
		table_set_int(t, row, 3, (long long)(pos[co] > pos[ce] ?
		    pos[co] - pos[ce] : pos[ce] - pos[co]));
		buf_clear(&b);
		for (kk = 0; kk < p.negative; kk++)
			buf_printf(&b, "%s%s", kk ? ", " : "", c->word[ng[kk]]);
		table_set_text(t, row, 4, buf_str(&b));
	}
	t = result_add_table(res, "summary", "The sentence in numbers", 2,
	    scols);
	row = table_add_row(t);
	table_set_text(t, row, 0, "words");
	table_set_int(t, row, 1, (long long)sw.n);
	row = table_add_row(t);
	table_set_text(t, row, 0, "in the vocabulary");
	table_set_int(t, row, 1, (long long)n);
	for (i = 0, j = 0; i < n; i++)
		j += kept[i];
	row = table_add_row(t);
	table_set_text(t, row, 0, "kept by subsampling");
	table_set_int(t, row, 1, (long long)j);
	row = table_add_row(t);
	table_set_text(t, row, 0, "pairs");
	table_set_int(t, row, 1, (long long)npairs);
	row = table_add_row(t);
	table_set_text(t, row, 0, "negatives");
	table_set_int(t, row, 1, (long long)(p.model == W2V_SGNS ? npairs :
	    j) * p.negative);
	/* The model these pairs train. */
	row = table_add_row(t);
	table_set_text(t, row, 0, "vocabulary");
	table_set_int(t, row, 1, (long long)ts.nvocab);
	row = table_add_row(t);
	table_set_text(t, row, 0, "training words per epoch");
	table_set_int(t, row, 1, (long long)ts.text.ntok);
	row = table_add_row(t);
	table_set_text(t, row, 0, "held-out pairs");
	table_set_int(t, row, 1, (long long)ts.held.n);
	row = table_add_row(t);
	table_set_text(t, row, 0, "dimensions");
	table_set_int(t, row, 1, p.dim);
	row = table_add_row(t);
	table_set_text(t, row, 0, "parameters");
	table_set_int(t, row, 1, 2LL * (long long)ts.nvocab * p.dim);
	row = table_add_row(t);
	table_set_text(t, row, 0, "window");
	table_set_int(t, row, 1, p.window);
	row = table_add_row(t);
	table_set_text(t, row, 0, "negative");
	table_set_int(t, row, 1, p.negative);
	row = table_add_row(t);
	table_set_text(t, row, 0, "min-count");
	table_set_int(t, row, 1, m->min_count);
	row = table_add_row(t);
	table_set_text(t, row, 0, "sample");
	table_set_num(t, row, 1, p.sample, 4);
	row = table_add_row(t);
	table_set_text(t, row, 0, "epochs");
	table_set_int(t, row, 1, p.epochs);
	row = table_add_row(t);
	table_set_text(t, row, 0, "seeds");
	table_set_int(t, row, 1, (long long)m->nseeds);
	rc = 0;
out:
	for (i = 0; i < sw.n; i++)
		free(sw.w[i]);
	free(sw.w);
	free(tok);
	free(pos);
	free(keep);
	free(kept);
	free(span);
	free(pairs);
	free(neg);
	buf_clear(&b);
	trainset_clear(&ts);
	return rc;
}

static int
sp_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct model_decl *m;
	double tokens, types;
	char prefix[300];

	if ((m = dx_model(ctx, d, "model", prefix, sizeof(prefix))) == NULL)
		return -1;
	if (dx_corpus_size(ctx, directive_opt(d, "model"), m->corpus, &tokens,
	    &types) != 0)
		return -1;
	/* The training text is copied once (its counts); one sentence. */
	we->ops = tokens * 2 + types;
	we->bytes = tokens * 4 + types * 8;
	dx_why(we->why, sizeof(we->why), "the corpus's %.0f tokens read once",
	    tokens);
	we->lower = ":model:";
	we->at = directive_opt(d, "model");
	return 0;
}

static const char *const sp_strings[] = {
	"position",
	"word",
	"count",
	"keep probability",
	"kept",
	"window",
	"pair",
	"centre",
	"context",
	"distance",
	"negatives",
	"measure",
	"value",
	"yes",
	"no",
	"rare",
	"words",
	"in the vocabulary",
	"kept by subsampling",
	"pairs",
	"vocabulary",
	"training words per epoch",
	"held-out pairs",
	"dimensions",
	"parameters",
	"window",
	"negative",
	"min-count",
	"sample",
	"epochs",
	"seeds",
	"What the loader does with each word",
	"Training pairs and their negatives",
	"The sentence in numbers",
	"counts in the training text; sample %s, min-count %s, window up to "
	    "%s, seed %s; \"rare\": below min-count, not in the vocabulary",
	NULL
};

const struct directive_spec directive_skipgram_pairs = {
	.name = "skipgram-pairs",
	.summary = "the word2vec data loader on one sentence: vocabulary, "
	    "subsampling keep probabilities and draws, windows, (centre, "
	    "context) pairs and the negatives drawn, seeded",
	.opts = sp_opts,
	.body = BODY_OPTIONAL,
	.body_doc = "the sentence (or :line:)",
	.run = sp_run,
	.estimate = sp_estimate,
	.version = 1,
	.strings = sp_strings,
	.example = "```{skipgram-pairs}\n:model: w2v-gutenberg\n:pairs: 10\n"
	    "the king and the queen sailed in a ship\n```",
};
