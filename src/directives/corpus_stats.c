/*
 * directives/corpus_stats: {corpus-stats} — tokens, types, hapaxes, unigram
 * entropy and Zipf fits (least squares in a rank window, and maximum
 * likelihood) of one or more corpora, with their most frequent words.
 * Reads declared corpora (counted by the data layer); produces tables.
 * Never re-reads a corpus file.
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

static const struct opt_spec stats_opts[] = {
	{
		.name = "corpora",
		.type = OPT_WORDS,
		.required = 1,
		.doc = "one or more declared corpora",
	},
	{
		.name = "window",
		.type = OPT_WORDS,
		.def = "10, 10000",
		.doc = "rank window [r1, r2] of the least-squares Zipf fit",
	},
	{
		.name = "top",
		.type = OPT_INT,
		.def = "10",
		.max = 100,
		.doc = "most frequent words listed per corpus",
	},
	{ .name = NULL }
};

static int
stats_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "corpus", "tokens", "types",
	    "hapax % of types", "entropy (bits)", "normalised entropy",
	    "Zipf α (least squares)", "window", "R²", "Zipf α (MLE)",
	    "xmin" };
	const struct dopt *co = directive_opt(d, "corpora");
	long r1, r2;
	size_t k, i, top = (size_t)directive_opt(d, "top")->i;
	struct table *t, *tw = NULL;
	const char **wc = NULL;

	if (dx_window(ctx, d, &r1, &r2) < 0)
		return -1;
	t = result_add_table(res, "corpus-stats", "Word statistics", 11, cols);
	for (k = 0; k < co->nwords; k++) {
		const struct corpus *c = dx_corpus(ctx, d, "corpora",
		    co->words[k], res);
		struct freq_summary fs;
		struct zipf_ls ls;
		struct zipf_mle ml;
		struct diag dg;
		size_t row;
		char win[64];

		if (c == NULL)
			return -1;
		if (freq_summary(c->count, c->ntypes, &fs, &dg) < 0)
			return dctx_error_at(ctx, co, "corpus '%s': %s",
			    co->words[k], dg.msg);
		row = table_add_row(t);
		table_set_text(t, row, 0, co->words[k]);
		table_set_int(t, row, 1, fs.tokens);
		table_set_int(t, row, 2, fs.types);
		table_set_num(t, row, 3, 100 * fs.hapax_types, 1);
		table_set_num(t, row, 4, fs.entropy, 3);
		table_set_num(t, row, 5, fs.norm_entropy, 3);
		if (zipf_ls_fit(c->count, c->ntypes, r1, r2, &ls, &dg) == 0) {
			table_set_num(t, row, 6, ls.alpha, 3);
			snprintf(win, sizeof(win), "%ld–%ld", ls.r1, ls.r2);
			table_set_text(t, row, 7, win);
			table_set_num(t, row, 8, ls.r2_fit, 3);
		} else
			table_set_text(t, row, 7, "too few ranks");
		if (zipf_mle_fit(c->count, c->ntypes, 0, 0, &ml, &dg) == 0) {
			table_set_num(t, row, 9, ml.alpha, 3);
			table_set_int(t, row, 10, ml.xmin);
		} else
			table_set_text(t, row, 10, "no fit");
		if (top > 0) {
			if (tw == NULL) {
				wc = xcalloc(2 * co->nwords + 1, sizeof(char *));
				wc[0] = "#";
				for (i = 0; i < co->nwords; i++) {
					wc[1 + 2 * i] = co->words[i];
					wc[2 + 2 * i] = "share %";
				}
				tw = result_add_table(res, "corpus-top",
				    "Most frequent words", 1 + 2 * co->nwords, wc);
				for (i = 0; i < top; i++)
					table_set_int(tw, table_add_row(tw), 0,
					    (long long)i + 1);
			}
			for (i = 0; i < top && i < c->ntypes; i++) {
				table_set_text(tw, i, 1 + 2 * k, c->word[i]);
				table_set_num(tw, i, 2 + 2 * k, 100.0 *
				    (double)c->count[i] / (double)c->ntokens, 2);
			}
		}
	}
	t->note = xstrdup("entropy of the unigram distribution; normalised by "
	    "log2(types); Zipf α as the slope of log frequency on log rank "
	    "in the window, and as the discrete power-law exponent of the "
	    "counts by maximum likelihood (Clauset et al. 2009, xmin chosen by "
	    "the KS distance)");
	free(wc);
	return 0;
}

static const char *const corpus_stats_strings[] = {
	"corpus",
	"tokens",
	"types",
	"hapax % of types",
	"entropy (bits)",
	"normalised entropy",
	"Zipf α (least squares)",
	"window",
	"R²",
	"Zipf α (MLE)",
	"xmin",
	"Word statistics",
	"Most frequent words",
	"#",
	"share %",
	"entropy of the unigram distribution; normalised by "
	    "log2(types); Zipf α as the slope of log frequency on log "
	    "rank in the window, and as the discrete power-law exponent "
	    "of the counts by maximum likelihood (Clauset et al. 2009, "
	    "xmin chosen by the KS distance)",
	NULL
};

const struct directive_spec directive_corpus_stats = {
	.name = "corpus-stats",
	.summary = "tokens, types, hapaxes, unigram entropy and Zipf fits of "
	    "corpora",
	.opts = stats_opts,
	.body = BODY_NONE,
	.run = stats_run,
	.estimate = dx_estimate_corpora_types,
	.version = 1,
	.strings = corpus_stats_strings,
	.example = "```{corpus-stats}\n:corpora: wikipedia, twitter\n```",
};
