/*
 * directives/sequence_cosine: {sequence-cosine} — the cosine between a
 * word and the word k places further along a real text, averaged over
 * the text for k = 1..K, against the same text with its words shuffled
 * (seeded; several shuffles give a mean and a standard deviation). Word
 * order is what the two curves differ by: the shuffle keeps every word
 * and, by default, every document's bag of words.
 * Reads a declared space and declared corpora; produces a line chart, a
 * summary table and a table per corpus.
 * Never pairs words across a document boundary; tokens without a vector
 * are left out before the lags are taken.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/corpus.h"
#include "directives/common.h"
#include "directives/registry.h"
#include "kern/rng.h"
#include "kern/stats.h"
#include "store/space.h"
#include "util/xalloc.h"

static const char *const sq_shuffle[] = { "documents", "corpus", NULL };

enum { SHUF_DOCS, SHUF_CORPUS };

static const struct opt_spec sq_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	{
		.name = "corpora",
		.type = OPT_WORDS,
		.required = 1,
		.doc = "declared corpora (a text file becomes one under "
		    "corpora: with format: lines)",
	},
	{
		.name = "lags",
		.type = OPT_INT,
		.def = "10",
		.min = 1,
		.max = 100,
		.doc = "the largest lag K",
	},
	{
		.name = "tokens",
		.type = OPT_INT,
		.def = "100000",
		.min = 0,
		.max = 100000000,
		.doc = "the first N tokens with a vector of each corpus (whole "
		    "documents); 0: all",
	},
	{
		.name = "shuffles",
		.type = OPT_INT,
		.def = "5",
		.min = 2,
		.max = 100,
		.doc = "shuffled copies of the text",
	},
	{
		.name = "shuffle",
		.type = OPT_ENUM,
		.def = "documents",
		.choices = sq_shuffle,
		.doc = "shuffle the words within each document, or across the "
		    "whole text",
	},
	{
		.name = "seed",
		.type = OPT_INT,
		.def = "42",
		.max = 2147483647,
		.doc = "seed of the shuffles",
	},
	DX_OPT_PIECES,
	{ .name = NULL }
};

/* A corpus as unit vectors: seq[0..n) indexes rows of u (nu × dims);
 * document j is seq[doc[j] .. doc[j+1]). */
struct sq_text {
	long	*seq;
	size_t	 n;
	size_t	*doc;
	size_t	 ndocs;
	float	*u;
	long	 nu;
	long	 oov;		/* tokens read without a vector */
	long	 nsplit;	/* word types of several pieces */
};

static void
sq_text_clear(struct sq_text *t)
{
	free(t->seq);
	free(t->doc);
	free(t->u);
	memset(t, 0, sizeof(*t));
}

/* Builds t from corpus c and space s, at most "limit" kept tokens
 * (0: all), whole documents only (the one crossing the limit is cut). */
static void
sq_text_build(struct sq_text *t, const struct corpus *c,
    const struct space *s, const struct tokenizer *tk,
    enum tokspace_pieces pol, size_t limit)
{
	float *v = xcalloc((size_t)space_dims(s) + 1, sizeof(float));
	long *type2u = xcalloc(c->ntypes + 1, sizeof(long));
	int dims = space_dims(s);
	size_t i, j, cap = limit > 0 && limit < c->ntokens ? limit :
	    c->ntokens;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < c->ntypes; i++)
		type2u[i] = -2;		/* not looked up yet */
	t->seq = xcalloc(cap + 1, sizeof(long));
	t->doc = xcalloc(c->ndocs + 1, sizeof(size_t));
	t->u = xcalloc(1, sizeof(float));
	for (j = 0; j < c->ndocs && t->n < cap; j++) {
		size_t start = t->n;

		for (i = c->doc[j]; i < c->doc[j + 1] && t->n < cap; i++) {
			uint32_t w = c->tok[i];

			if (type2u[w] == -2) {
				size_t np;
				long r = dx_word_vec(s, tk, pol, c->word[w], v,
				    &np);
				double nn = 0;
				int k;

				type2u[w] = -1;
				if (r != -1) {
					for (k = 0; k < dims; k++)
						nn += (double)v[k] * v[k];
					if (np > 1)
						t->nsplit++;
				}
				if (r != -1 && nn > 0) {
					float *u;

					t->u = xrealloc(t->u, ((size_t)t->nu +
					    1) * (size_t)dims * sizeof(float));
					u = t->u + (size_t)t->nu * (size_t)dims;
					for (k = 0; k < dims; k++)
						u[k] = (float)(v[k] / sqrt(nn));
					type2u[w] = t->nu++;
				}
			}
			if (type2u[w] < 0) {
				t->oov++;
				continue;
			}
			t->seq[t->n++] = type2u[w];
		}
		if (t->n > start) {
			t->doc[t->ndocs] = start;
			t->ndocs++;
		}
	}
	t->doc[t->ndocs] = t->n;
	free(type2u);
	free(v);
}

/* Mean cosine at lags 1..K of seq (documents of t) into mean[K]; pairs
 * counted into npairs[K] when not NULL. */
static void
sq_lags(const struct sq_text *t, const long *seq, int dims, int K,
    double *mean, long *npairs)
{
	int k, m;
	size_t j, i;

	for (k = 1; k <= K; k++) {
		double sum = 0;
		long cnt = 0;

		for (j = 0; j < t->ndocs; j++) {
			size_t lo = t->doc[j], hi = t->doc[j + 1];

			for (i = lo; i + (size_t)k < hi; i++) {
				const float *x = t->u + (size_t)seq[i] * dims,
				    *y = t->u + (size_t)seq[i + k] * dims;
				double dot = 0;

				for (m = 0; m < dims; m++)
					dot += (double)x[m] * y[m];
				sum += dot;
				cnt++;
			}
		}
		mean[k - 1] = cnt > 0 ? sum / (double)cnt : NAN;
		if (npairs != NULL)
			npairs[k - 1] = cnt;
	}
}

static int
sequence_cosine_run(struct dctx *ctx, const struct directive *d,
    struct result *res)
{
	static const char *const cols[] = { "lag", "pairs", "cosine",
	    "shuffled", "shuffled sd", "excess", "z" };
	static const char *const scols[] = { "corpus", "tokens used",
	    "without a vector", "documents", "lag-1 cosine",
	    "lag-1 shuffled", "lag-1 excess", "last-lag excess" };
	const struct dopt *co = directive_opt(d, "corpora");
	const struct space *s;
	int K = (int)directive_opt(d, "lags")->i, S = (int)directive_opt(d,
	    "shuffles")->i, mode = (int)directive_opt(d, "shuffle")->i, dims,
	    k, j;
	uint64_t seed = (uint64_t)directive_opt(d, "seed")->i;
	size_t limit = (size_t)directive_opt(d, "tokens")->i, ci;
	struct table *st;
	struct chart *ch;
	const struct tokenizer *tk;
	enum tokspace_pieces pol;
	long nsplit = 0;

	if ((s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		return -1;
	tk = dx_token_space(ctx, dx_text(d, "space"));
	if (dx_pieces(ctx, d, tk != NULL, dx_text(d, "space"), &pol) < 0)
		return -1;
	dims = space_dims(s);
	ch = result_add_chart(res, CHART_LINE, "sequence-cosine", "Mean "
	    "cosine of words k places apart");
	chart_axes(ch, "lag k", "mean cosine");
	st = result_add_table(res, "sequence-cosine", "Cosine along the text "
	    "and in shuffled text", 8, scols);
	for (ci = 0; ci < co->nwords; ci++) {
		const struct corpus *c = dx_corpus(ctx, d, "corpora",
		    co->words[ci], res);
		struct sq_text t;
		double *obs, *sh, *shm, *shsd, col[100];
		long *np, *perm;
		struct chart_series *so, *ss;
		struct table *tt;
		struct rng rg;
		char name[300];
		size_t row, i;

		if (c == NULL)
			return -1;
		sq_text_build(&t, c, s, tk, pol, limit);
		nsplit += t.nsplit;
		if (t.n < (size_t)K + 1) {
			long n = (long)t.n;

			sq_text_clear(&t);
			return dctx_error_at(ctx, co, "corpus '%s' has %ld "
			    "tokens with a vector in space '%s'; :lags: %d "
			    "needs more", co->words[ci], n, dx_text(d, "space"),
			    K);
		}
		obs = xcalloc((size_t)K, sizeof(double));
		np = xcalloc((size_t)K, sizeof(long));
		sh = xcalloc((size_t)K * (size_t)S, sizeof(double));
		shm = xcalloc((size_t)K, sizeof(double));
		shsd = xcalloc((size_t)K, sizeof(double));
		perm = xcalloc(t.n, sizeof(long));
		sq_lags(&t, t.seq, dims, K, obs, np);
		/* Shuffle j is a fresh copy of the text shuffled by the
		 * stream of seed + j: any shuffle can be redone alone. */
		for (j = 0; j < S; j++) {
			memcpy(perm, t.seq, t.n * sizeof(long));
			rng_seed(&rg, seed + (uint64_t)j);
			if (mode == SHUF_CORPUS)
				rng_shuffle(&rg, perm, (long)t.n);
			else
				for (i = 0; i < t.ndocs; i++)
					rng_shuffle(&rg, perm + t.doc[i],
					    (long)(t.doc[i + 1] - t.doc[i]));
			sq_lags(&t, perm, dims, K, sh + (size_t)j * K, NULL);
		}
		snprintf(name, sizeof(name), "seq-%s", co->words[ci]);
		tt = result_add_table(res, name, "Mean cosine by lag", 7, cols);
		/* the series array may move: take both pointers after */
		chart_add_series(ch, co->words[ci], (size_t)K);
		snprintf(name, sizeof(name), "%s, shuffled", co->words[ci]);
		chart_add_series(ch, name, (size_t)K);
		so = &ch->series[ch->nseries - 2];
		ss = &ch->series[ch->nseries - 1];
		for (k = 0; k < K; k++) {
			char lag[16];

			for (j = 0; j < S; j++)
				col[j] = sh[(size_t)j * K + k];
			shm[k] = stats_mean(col, (size_t)S);
			shsd[k] = sqrt(stats_var(col, (size_t)S, 1));
			so->x[k] = ss->x[k] = k + 1;
			so->y[k] = obs[k];
			ss->y[k] = shm[k];
			row = table_add_row(tt);
			snprintf(lag, sizeof(lag), "%d", k + 1);
			table_set_text(tt, row, 0, lag);
			table_set_int(tt, row, 1, np[k]);
			table_set_num(tt, row, 2, obs[k], 4);
			table_set_num(tt, row, 3, shm[k], 4);
			table_set_num(tt, row, 4, shsd[k], 5);
			table_set_num(tt, row, 5, obs[k] - shm[k], 4);
			table_set_num(tt, row, 6, shsd[k] > 0 ? (obs[k] -
			    shm[k]) / shsd[k] : NAN, 1);
		}
		row = table_add_row(st);
		table_set_text(st, row, 0, co->words[ci]);
		table_set_int(st, row, 1, (long long)t.n);
		table_set_int(st, row, 2, t.oov);
		table_set_int(st, row, 3, (long long)t.ndocs);
		table_set_num(st, row, 4, obs[0], 4);
		table_set_num(st, row, 5, shm[0], 4);
		table_set_num(st, row, 6, obs[0] - shm[0], 4);
		table_set_num(st, row, 7, obs[K - 1] - shm[K - 1], 4);
		free(obs);
		free(np);
		free(sh);
		free(shm);
		free(shsd);
		free(perm);
		sq_text_clear(&t);
	}
	{
		char note[300];

		snprintf(note, sizeof(note), mode == SHUF_CORPUS ?
		    "shuffled: mean and standard deviation over %d shuffles "
		    "of the whole text (seeds %lu–%lu); excess = cosine − "
		    "shuffled; z = excess / sd" : "shuffled: mean and standard "
		    "deviation over %d shuffles within each document (seeds "
		    "%lu–%lu); excess = cosine − shuffled; z = excess / sd", S,
		    (unsigned long)seed, (unsigned long)seed + (unsigned long)S -
		    1);
		if (tk != NULL)
			st->note = xasprintf(pol == TOKSPACE_MEAN ? "%s; "
			    "%ld word types of several pieces, each the mean "
			    "of its pieces" : "%s; %ld word types of several "
			    "pieces, each its first piece", note, nsplit);
		else
			st->note = xstrdup(note);
	}
	return 0;
}

static int
sequence_cosine_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *co = directive_opt(d, "corpora");
	double rows, dims, tok, types, n = 0, lim = (double)directive_opt(d,
	    "tokens")->i, K = (double)directive_opt(d, "lags")->i,
	    S = (double)directive_opt(d, "shuffles")->i;
	size_t i;

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	for (i = 0; i < co->nwords; i++) {
		if (dx_corpus_size(ctx, co, co->words[i], &tok, &types) != 0)
			return -1;
		n += lim > 0 && lim < tok ? lim : tok;
	}
	/* K dot products per token, for the text and each shuffle. */
	we->ops = n * K * (1 + S) * dims;
	we->bytes = n * 16 + 50000.0 * dims * 4;
	dx_why(we->why, sizeof(we->why), "%.0f tokens (`:tokens:`) × %.0f "
	    "lags × %.0f copies (`:shuffles:` + 1) × %.0f dimensions", n, K,
	    S + 1, dims);
	we->lower = ":tokens:, :lags: or :shuffles:";
	we->at = directive_opt(d, "tokens");
	return 0;
}

static const char *const sequence_cosine_strings[] = {
	"lag",
	"pairs",
	"cosine",
	"shuffled",
	"shuffled sd",
	"excess",
	"z",
	"corpus",
	"tokens used",
	"without a vector",
	"documents",
	"lag-1 cosine",
	"lag-1 shuffled",
	"lag-1 excess",
	"last-lag excess",
	"Mean cosine of words k places apart",
	"lag k",
	"mean cosine",
	"Cosine along the text and in shuffled text",
	"Mean cosine by lag",
	"%s, shuffled",
	"shuffled: mean and standard deviation over %s shuffles of the whole "
	    "text (seeds %s–%s); excess = cosine − shuffled; z = excess / sd",
	"shuffled: mean and standard deviation over %s shuffles within each "
	    "document (seeds %s–%s); excess = cosine − shuffled; z = excess / "
	    "sd",
	"%s word types of several pieces, each the mean of its pieces",
	"%s word types of several pieces, each its first piece",
	NULL
};

const struct directive_spec directive_sequence_cosine = {
	.name = "sequence-cosine",
	.summary = "cosine between words k places apart along real texts, "
	    "against the same texts shuffled",
	.opts = sq_opts,
	.body = BODY_NONE,
	.run = sequence_cosine_run,
	.estimate = sequence_cosine_estimate,
	.version = 1,
	.strings = sequence_cosine_strings,
	.example = "```{sequence-cosine}\n:space: glove-wiki-100d\n:corpora: "
	    "wikipedia\n:lags: 3\n:shuffles: 3\n```",
};
