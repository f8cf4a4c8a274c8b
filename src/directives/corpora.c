/*
 * directives/corpora: word statistics of text corpora and the
 * cross-space report — {corpus-stats} (tokens, types, hapaxes, entropy,
 * Zipf fits), {zipf} (rank–frequency on log–log axes with the fitted
 * lines), {corpus-compare} (KL both ways, Jensen–Shannon, mutual
 * information, the most characteristic words by weighted log-odds),
 * {cooccurrence} (window counts and PPMI between chosen words),
 * {svd-spectrum} (singular values of the PPMI block of the top-N words)
 * and {space-compare} (shared vocabulary, RSA, neighbourhood change,
 * linear map between the spaces).
 * Reads corpora and spaces through the build's data; produces tables and
 * charts. Never prints a NaN silently: degenerate inputs are errors or
 * say what they are.
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

/* The corpus named by option "opt"; adds its provenance to res. */
static const struct corpus *
dx_corpus(struct dctx *ctx, const struct directive *d, const char *opt,
    const char *name, struct result *res)
{
	const struct dopt *o = directive_opt(d, opt);
	struct diag dg;
	const struct corpus *c = data_corpus(ctx->data, name, &dg);
	char prov[512];

	if (c == NULL) {
		dctx_error_at(ctx, o->set ? o : NULL, "%s", dg.msg);
		return NULL;
	}
	data_corpus_provenance(ctx->data, c, prov, sizeof(prov));
	dx_provenance(res, prov);
	return c;
}

/* ---- {corpus-stats} and {zipf} ---------------------------------------- */

static const struct opt_spec stats_opts[] = {
	{ "corpora", OPT_WORDS, NULL, 1, 0, 0, NULL,
	  "one or more declared corpora" },
	{ "window", OPT_WORDS, "10, 10000", 0, 0, 0, NULL,
	  "rank window [r1, r2] of the least-squares Zipf fit" },
	{ "top", OPT_INT, "10", 0, 0, 100, NULL,
	  "most frequent words listed per corpus" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
};

static int
window_opt(struct dctx *ctx, const struct directive *d, long *r1, long *r2)
{
	const struct dopt *o = directive_opt(d, "window");
	char *e1, *e2;

	if (o->nwords != 2 || (*r1 = strtol(o->words[0], &e1, 10)) < 1 ||
	    (*r2 = strtol(o->words[1], &e2, 10)) <= *r1 || *e1 || *e2)
		return dctx_error_at(ctx, o->set ? o : NULL, "option ':window:' "
		    "needs two ranks r1 < r2, e.g. 10, 10000");
	return 0;
}

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

	if (window_opt(ctx, d, &r1, &r2) < 0)
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

const struct directive_spec directive_corpus_stats = {
	"corpus-stats",
	"tokens, types, hapaxes, unigram entropy and Zipf fits of corpora",
	stats_opts, BODY_NONE, NULL, 0, NULL, stats_run,
	"```{corpus-stats}\n:corpora: wikipedia, twitter\n```"
};

static int
zipf_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "corpus", "α", "window", "R²" };
	const struct dopt *co = directive_opt(d, "corpora");
	long r1, r2;
	size_t k, i, npts;
	struct chart *c;
	struct table *t;

	if (window_opt(ctx, d, &r1, &r2) < 0)
		return -1;
	c = result_add_chart(res, CHART_LINE, "zipf", "Rank–frequency "
	    "(log–log) with least-squares fits");
	chart_axes(c, "rank", "frequency");
	c->logx = c->logy = 1;
	t = result_add_table(res, "zipf", "Least-squares Zipf fits", 4, cols);
	for (k = 0; k < co->nwords; k++) {
		const struct corpus *cp = dx_corpus(ctx, d, "corpora",
		    co->words[k], res);
		struct zipf_ls ls;
		struct diag dg;
		struct chart_series *s;
		char nm[128], win[64];
		size_t row;
		double r;

		if (cp == NULL)
			return -1;
		/* ~200 log-spaced ranks keep the chart small */
		npts = 0;
		s = chart_add_series(c, co->words[k], 200);
		for (r = 1; r <= (double)cp->ntypes && npts < 200;
		    r = ceil(r * 1.06 + 0.5)) {
			s->x[npts] = r;
			s->y[npts++] = (double)cp->count[(size_t)r - 1];
		}
		s->n = npts;
		if (zipf_ls_fit(cp->count, cp->ntypes, r1, r2, &ls, &dg) < 0)
			return dctx_error_at(ctx, co, "corpus '%s': %s",
			    co->words[k], dg.msg);
		snprintf(nm, sizeof(nm), "%s fit (α = %.2f)", co->words[k],
		    ls.alpha);
		s = chart_add_series(c, nm, 2);
		s->x[0] = (double)ls.r1;
		s->x[1] = (double)ls.r2;
		for (i = 0; i < 2; i++)
			s->y[i] = pow(10, ls.intercept - ls.alpha *
			    log10(s->x[i]));
		row = table_add_row(t);
		table_set_text(t, row, 0, co->words[k]);
		table_set_num(t, row, 1, ls.alpha, 3);
		snprintf(win, sizeof(win), "%ld–%ld", ls.r1, ls.r2);
		table_set_text(t, row, 2, win);
		table_set_num(t, row, 3, ls.r2_fit, 4);
	}
	return 0;
}

const struct directive_spec directive_zipf = {
	"zipf",
	"rank–frequency curves on log–log axes with least-squares Zipf fits",
	stats_opts, BODY_NONE, NULL, 0, NULL, zipf_run,
	"```{zipf}\n:corpora: wikipedia, twitter\n:window: 10, 10000\n```"
};

/* ---- {corpus-compare} -------------------------------------------------- */

static const struct opt_spec cmp_opts[] = {
	{ "a", OPT_CORPUS, NULL, 1, 0, 0, NULL, "the first corpus" },
	{ "b", OPT_CORPUS, NULL, 1, 0, 0, NULL, "the second corpus" },
	{ "alpha", OPT_FLOAT, "0.01", 0, 0, 1000, NULL,
	  "additive smoothing of KL (added to every word's count)" },
	{ "prior", OPT_FLOAT, "1000", 0, 0.001, 1e12, NULL,
	  "α0 of the log-odds Dirichlet prior (pooled distribution scaled)" },
	{ "top", OPT_INT, "15", 0, 1, 200, NULL,
	  "characteristic words listed per side" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
};

static int
cmp_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "measure", "value", "note" };
	const struct corpus *a, *b;
	struct corpus_union u;
	double kab, kba, js, mi, hd, *z = NULL, alpha = directive_opt(d,
	    "alpha")->f;
	size_t top = (size_t)directive_opt(d, "top")->i, k, n, row;
	long *ids = NULL;
	struct diag dg;
	struct table *t, *w;
	char note[128];
	int side, rc = -1;

	if ((a = dx_corpus(ctx, d, "a", dx_text(d, "a"), res)) == NULL ||
	    (b = dx_corpus(ctx, d, "b", dx_text(d, "b"), res)) == NULL)
		return -1;
	corpus_union_init(&u, a, b);
	if (compare_kl(u.ca, u.cb, u.n, alpha, &kab, &dg) < 0 ||
	    compare_kl(u.cb, u.ca, u.n, alpha, &kba, &dg) < 0 ||
	    compare_js(u.ca, u.cb, u.n, &js, &dg) < 0 ||
	    compare_mi(u.ca, u.cb, u.n, &mi, &hd, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	t = result_add_table(res, "corpus-compare", "How far apart the two "
	    "word distributions are", 3, cols);
	snprintf(note, sizeof(note), "bits, smoothing %g per word", alpha);
	row = table_add_row(t);
	table_set_text(t, row, 0, "KL(a ‖ b)");
	table_set_num(t, row, 1, kab, 4);
	table_set_text(t, row, 2, note);
	row = table_add_row(t);
	table_set_text(t, row, 0, "KL(b ‖ a)");
	table_set_num(t, row, 1, kba, 4);
	table_set_text(t, row, 2, note);
	row = table_add_row(t);
	table_set_text(t, row, 0, "Jensen–Shannon");
	table_set_num(t, row, 1, js, 4);
	table_set_text(t, row, 2, "bits, 0 to 1, no smoothing");
	row = table_add_row(t);
	table_set_text(t, row, 0, "I(word; corpus)");
	table_set_num(t, row, 1, mi, 4);
	snprintf(note, sizeof(note), "bits, of H(corpus) = %.4f", hd);
	table_set_text(t, row, 2, note);
	row = table_add_row(t);
	table_set_text(t, row, 0, "shared types");
	table_set_int(t, row, 1, (long long)u.nshared);
	snprintf(note, sizeof(note), "of %zu in the union", u.n);
	table_set_text(t, row, 2, note);
	z = xcalloc(u.n + 1, sizeof(double));
	ids = xcalloc(top, sizeof(long));
	if (compare_logodds(u.ca, u.cb, u.n, directive_opt(d, "prior")->f,
	    NULL, z, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	{
		const char *wcols[] = { "#", dx_text(d, "a"), "z",
		    dx_text(d, "b"), "z" };

		w = result_add_table(res, "corpus-compare-words", "Most "
		    "characteristic words (weighted log-odds, informative "
		    "Dirichlet prior)", 5, wcols);
	}
	for (k = 0; k < top; k++)
		table_set_int(w, table_add_row(w), 0, (long long)k + 1);
	for (side = 0; side < 2; side++) {
		n = compare_topk(z, u.n, top, side == 0 ? 1 : -1, ids);
		for (k = 0; k < n; k++) {
			table_set_text(w, k, 1 + 2 * (size_t)side,
			    u.word[ids[k]]);
			table_set_num(w, k, 2 + 2 * (size_t)side, z[ids[k]], 1);
		}
	}
	w->note = xstrdup("z-scores of the log-odds ratio with the pooled "
	    "counts as prior (Monroe et al. 2008); positive: characteristic "
	    "of a");
	rc = 0;
out:
	corpus_union_clear(&u);
	free(z);
	free(ids);
	return rc;
}

const struct directive_spec directive_corpus_compare = {
	"corpus-compare",
	"KL both ways, Jensen–Shannon, mutual information and the most "
	"characteristic words of two corpora",
	cmp_opts, BODY_NONE, NULL, 0, NULL, cmp_run,
	"```{corpus-compare}\n:a: wikipedia\n:b: twitter\n```"
};

/* ---- {cooccurrence} and {svd-spectrum} --------------------------------- */

static const struct opt_spec cooc_opts[] = {
	{ "corpus", OPT_CORPUS, NULL, 1, 0, 0, NULL, "the corpus" },
	{ "words", OPT_WORDS, NULL, 0, 0, 0, NULL,
	  "the words (or the body), 2 to 30" },
	{ "window", OPT_INT, "5", 0, 1, 50, NULL,
	  "symmetric window, words on each side (within a document)" },
	{ "value", OPT_ENUM, "ppmi", 0, 0, 0,
	  (const char *const[]){ "counts", "ppmi", NULL },
	  "counts, or positive PMI (context distribution smoothed by 0.75)" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
};

static int
cooc_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	const struct corpus *c;
	size_t nw = 0, i, j;
	char **words = dx_words(d, "words", &nw);
	long *ids = NULL;
	struct cooc x;
	struct diag dg;
	struct chart *ch;
	int ppmi = strcmp(dx_text(d, "value"), "ppmi") == 0, rc = -1;
	double z;

	memset(&x, 0, sizeof(x));
	if ((c = dx_corpus(ctx, d, "corpus", dx_text(d, "corpus"), res)) ==
	    NULL)
		goto out;
	if (nw < 2 || nw > 30) {
		dctx_error(ctx, "{cooccurrence} needs 2 to 30 words, found %zu",
		    nw);
		goto out;
	}
	ids = xcalloc(nw, sizeof(long));
	for (i = 0; i < nw; i++)
		if ((ids[i] = corpus_find(c, words[i], strlen(words[i]))) < 0) {
			dctx_error_at(ctx, directive_opt(d, "words")->set ?
			    directive_opt(d, "words") : NULL, "word '%s' does "
			    "not occur in corpus '%s'", words[i],
			    dx_text(d, "corpus"));
			goto out;
		}
	if (cooc_count(c->tok, c->doc, c->ndocs, c->ntypes, (int)
	    directive_opt(d, "window")->i, 0, 0, &x, &dg) < 0) {
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	z = cooc_cds_norm(&x, 0.75);
	ch = result_add_chart(res, CHART_HEATMAP, "cooccurrence", ppmi ?
	    "Positive PMI between the words" : "Co-occurrence counts");
	chart_matrix(ch, nw, nw);
	ch->annotate = 1;
	for (i = 0; i < nw; i++) {
		ch->rowlabels[i] = xstrdup(words[i]);
		ch->collabels[i] = xstrdup(words[i]);
		for (j = 0; j < nw; j++)
			ch->cells[i * nw + j] = ppmi ? cooc_ppmi(&x,
			    (size_t)ids[i], (size_t)ids[j], 0.75, z) :
			    cooc_get(&x, (size_t)ids[i], (size_t)ids[j]);
	}
	rc = 0;
out:
	cooc_clear(&x);
	dx_free_words(words, nw);
	free(ids);
	return rc;
}

const struct directive_spec directive_cooccurrence = {
	"cooccurrence",
	"window co-occurrence counts or PPMI between words of a corpus",
	cooc_opts, BODY_OPTIONAL, "the words (instead of :words:)", 0, NULL,
	cooc_run,
	"```{cooccurrence}\n:corpus: wikipedia\n:window: 5\nking queen man "
	"woman\n```"
};

static const struct opt_spec spec_opts[] = {
	{ "corpora", OPT_WORDS, NULL, 0, 0, 0, NULL,
	  "declared corpora: the PPMI block of their top words" },
	{ "spaces", OPT_WORDS, NULL, 0, 0, 0, NULL,
	  "declared spaces: the matrix of their top rows (words × dims)" },
	{ "top", OPT_INT, "1000", 0, 10, 5000, NULL,
	  "the PPMI block of the N most frequent words" },
	{ "window", OPT_INT, "5", 0, 1, 50, NULL, "co-occurrence window" },
	{ "k", OPT_INT, "10", 0, 1, 1000, NULL,
	  "share of the spectrum in the top k singular values" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
};

static int
spec_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "source", "N", "top-k share %",
	    "spectral entropy (normalised)", "effective rank", "rank" };
	const struct dopt *co = directive_opt(d, "corpora"),
	    *so = directive_opt(d, "spaces");
	int n = (int)directive_opt(d, "top")->i, kk = (int)directive_opt(d,
	    "k")->i;
	struct chart *ch;
	struct table *t;
	size_t k;
	char cap[96];

	ch = result_add_chart(res, CHART_LINE, "svd-spectrum", "Normalised "
	    "singular values (log scale)");
	chart_axes(ch, "index", "σ_i / Σσ");
	ch->logx = ch->logy = 1;
	snprintf(cap, sizeof(cap), "Singular value spectrum of the top %d "
	    "words", n);
	t = result_add_table(res, "svd-spectrum", cap, 6, cols);
	for (k = 0; k < co->nwords; k++) {
		const struct corpus *c = dx_corpus(ctx, d, "corpora",
		    co->words[k], res);
		struct cooc x;
		struct spectrum sp;
		struct diag dg;
		struct chart_series *s;
		double *a;
		int m, i;
		size_t row;

		if (c == NULL)
			return -1;
		m = (size_t)n < c->ntypes ? n : (int)c->ntypes;
		memset(&x, 0, sizeof(x));
		if (cooc_count(c->tok, c->doc, c->ndocs, c->ntypes, (int)
		    directive_opt(d, "window")->i, 0, (size_t)m, &x, &dg) < 0)
			return dctx_error(ctx, "%s", dg.msg);
		a = xcalloc((size_t)m * (size_t)m, sizeof(double));
		if (cooc_dense(&x, (size_t)m, COOC_PPMI, 0.75, a, &dg) < 0 ||
		    spectrum_compute(a, m, 1, kk, &sp, &dg) < 0) {
			free(a);
			cooc_clear(&x);
			return dctx_error(ctx, "corpus '%s': %s", co->words[k],
			    dg.msg);
		}
		s = chart_add_series(ch, co->words[k], (size_t)m);
		for (i = 0; i < m; i++) {
			s->x[i] = i + 1;
			s->y[i] = sp.norm[i] > 0 ? sp.norm[i] : NAN;
		}
		row = table_add_row(t);
		table_set_text(t, row, 0, co->words[k]);
		table_set_int(t, row, 1, m);
		table_set_num(t, row, 2, 100 * sp.top_share, 1);
		table_set_num(t, row, 3, sp.norm_entropy, 4);
		table_set_num(t, row, 4, sp.erank, 1);
		table_set_int(t, row, 5, sp.rank);
		spectrum_clear(&sp);
		free(a);
		cooc_clear(&x);
	}
	for (k = 0; k < so->nwords; k++) {
		const struct space *sp = dx_space_named(ctx, so,
		    so->words[k], NULL, res);
		struct chart_series *s;
		double *x, *sv, sum = 0, h = 0, top = 0;
		int m, dims, i, j, r = 0;
		size_t row;

		if (sp == NULL)
			return -1;
		dims = space_dims(sp);
		m = space_rows(sp) < n ? (int)space_rows(sp) : n;
		x = xcalloc((size_t)m * (size_t)dims, sizeof(double));
		sv = xcalloc((size_t)dims + 1, sizeof(double));
		for (i = 0; i < m; i++)
			for (j = 0; j < dims; j++)
				x[(size_t)i * (size_t)dims + (size_t)j] =
				    space_row(sp, i)[j];
		if (LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'N', m, dims, x, dims, sv,
		    NULL, dims, NULL, dims) != 0) {
			free(x);
			free(sv);
			return dctx_error(ctx, "space '%s': the SVD did not "
			    "converge", so->words[k]);
		}
		m = m < dims ? m : dims;
		for (i = 0; i < m; i++)
			sum += sv[i];
		s = chart_add_series(ch, so->words[k], (size_t)m);
		for (i = 0; i < m; i++) {
			double p = sum > 0 ? sv[i] / sum : 0;

			if (p > 0)
				h -= p * log2(p);
			if (i < kk)
				top += p;
			if (sv[i] > m * 2.220446049250313e-16 * sv[0])
				r++;
			s->x[i] = i + 1;
			s->y[i] = p > 0 ? p : NAN;
		}
		row = table_add_row(t);
		table_set_text(t, row, 0, so->words[k]);
		table_set_int(t, row, 1, m);
		table_set_num(t, row, 2, 100 * top, 1);
		table_set_num(t, row, 3, m > 1 ? h / log2(m) : NAN, 4);
		table_set_num(t, row, 4, pow(2, h), 1);
		table_set_int(t, row, 5, r);
		free(x);
		free(sv);
	}
	if (co->nwords + so->nwords == 0)
		return dctx_error(ctx, "{svd-spectrum} needs :corpora: or "
		    ":spaces:");
	t->note = xstrdup("corpora: PPMI with context-distribution smoothing "
	    "0.75; spaces: the raw matrix of the top rows; a flatter spectrum "
	    "has a higher normalised entropy and effective rank (2^H of "
	    "σ_i / Σσ)");
	return 0;
}

const struct directive_spec directive_svd_spectrum = {
	"svd-spectrum",
	"singular values of the PPMI matrix of a corpus's most frequent "
	"words, or of a space's top rows",
	spec_opts, BODY_NONE, NULL, 0, NULL, spec_run,
	"```{svd-spectrum}\n:corpora: wikipedia, twitter\n:top: 1000\n```"
};

/* ---- {space-compare} --------------------------------------------------- */

static const struct opt_spec sc_opts[] = {
	{ "a", OPT_SPACE, NULL, 1, 0, 0, NULL, "the first space" },
	{ "b", OPT_SPACE, NULL, 1, 0, 0, NULL, "the second space" },
	{ "top", OPT_INT, "2000", 0, 50, 20000, NULL,
	  "shared words (the most frequent of a) used for RSA and "
	  "neighbourhoods" },
	{ "k", OPT_INT, "25", 0, 1, 200, NULL,
	  "neighbours per word for the neighbourhood change" },
	{ "examples", OPT_INT, "10", 0, 1, 100, NULL,
	  "most and least changed words listed" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
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
	table_set_text(t, row, 0, "linear map a → b: precision@1");
	table_set_num(t, row, 1, lr.eval.p1, 4);
	snprintf(note, sizeof(note), "ridge λ = %g, %ld training and %ld "
	    "held-out words", lo.lambda, lr.ntrain, lr.ntest);
	table_set_text(t, row, 2, note);
	row = table_add_row(t);
	table_set_text(t, row, 0, "linear map a → b: precision@5");
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

const struct directive_spec directive_space_compare = {
	"space-compare",
	"the cross-space report: shared words, RSA, neighbourhood change, "
	"linear map and mean shift",
	sc_opts, BODY_NONE, NULL, 0, NULL, sc_run,
	"```{space-compare}\n:a: glove-wiki-100d\n:b: glove-twitter-25d\n```"
};

/* ---- {analogy-error} --------------------------------------------------- */

static const struct opt_spec ae_opts[] = {
	{ "spaces", OPT_WORDS, NULL, 1, 0, 0, NULL,
	  "the spaces to compare" },
	{ "file", OPT_FILE, NULL, 1, 0, 0, NULL,
	  "the analogy questions (files: entry)" },
	{ "restrict", OPT_INT, "300000", 0, 0, 100000000, NULL,
	  "use only the first N rows of each space; 0: all" },
	{ NULL, 0, NULL, 0, 0, 0, NULL, NULL }
};

static int
ae_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const cols[] = { "space", "questions answered",
	    "skipped (unknown words)", "accuracy %", "mean ε", "mean ε right",
	    "mean ε wrong", "chance ε", "mean ε / chance" };
	const struct dopt *so = directive_opt(d, "spaces"), *fo =
	    directive_opt(d, "file");
	struct diag dg;
	const char *path = data_file(ctx->data, fo->text, &dg);
	struct buf q = BUF_INIT;
	struct table *t;
	size_t k;

	if (path == NULL || fs_read(path, &q, &dg) < 0)
		return dctx_error_at(ctx, fo->set ? fo : NULL, "%s", dg.msg);
	t = result_add_table(res, "analogy-error", "Analogy error "
	    "ε = ‖(a − b + c) − d‖ per space", 9, cols);
	for (k = 0; k < so->nwords; k++) {
		struct xspace_analogy r;
		const struct space *s;
		size_t row;

		s = dx_space_named(ctx, so, so->words[k], NULL, res);
		if (s == NULL) {
			buf_clear(&q);
			return -1;
		}
		if (xspace_analogy_run(s, q.data, q.len, fo->text,
		    directive_opt(d, "restrict")->i, &r, &dg) < 0) {
			buf_clear(&q);
			return dctx_error(ctx, "%s", dg.msg);
		}
		row = table_add_row(t);
		table_set_text(t, row, 0, so->words[k]);
		table_set_int(t, row, 1, r.sum.n);
		table_set_int(t, row, 2, r.res.oov);
		table_set_num(t, row, 3, 100 * r.sum.accuracy, 2);
		table_set_num(t, row, 4, r.sum.mean, 4);
		table_set_num(t, row, 5, r.sum.mean_correct, 4);
		table_set_num(t, row, 6, r.sum.mean_incorrect, 4);
		table_set_num(t, row, 7, r.sum.chance, 4);
		table_set_num(t, row, 8, r.sum.chance > 0 ? r.sum.mean /
		    r.sum.chance : NAN, 4);
		xspace_analogy_clear(&r);
	}
	t->note = xstrdup("ε on unit-length vectors; chance ε = 2√(1 − ‖ū‖²), "
	    "the expected ε of four random words of the space (ū its mean "
	    "unit vector); each space answers the questions whose four words "
	    "it knows, so the question sets differ (see the counts)");
	buf_clear(&q);
	return 0;
}

const struct directive_spec directive_analogy_error = {
	"analogy-error",
	"analogy error ε = ‖(a − b + c) − d‖ and accuracy, per space",
	ae_opts, BODY_NONE, NULL, 0, NULL, ae_run,
	"```{analogy-error}\n:spaces: glove-wiki-100d, glove-twitter-25d\n"
	":file: questions-words\n```"
};
