/*
 * directives/seed_stability: {seed-stability} — how much a trained
 * model's neighbourhoods depend on its random seed (Antoniak & Mimno
 * 2018; Wendlandt et al. 2018): for each of the most frequent words, the
 * Jaccard overlap of its top-k cosine neighbours in every pair of seeds,
 * against its frequency; and per pair of seeds, the RSA of their
 * distance matrices and the residual after orthogonal Procrustes.
 * Reads a model's seeds (row i is the same word in every seed: the
 * corpus's rank order) and its corpus; produces tables and charts.
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
#include "kern/rsa.h"
#include "kern/stats.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const struct opt_spec ss_opts[] = {
	{
		.name = "model",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "a model declared under models: with several seeds",
	},
	{
		.name = "k",
		.type = OPT_INT,
		.def = "10",
		.min = 1,
		.max = 100,
		.doc = "neighbours compared (Jaccard@k)",
	},
	{
		.name = "top",
		.type = OPT_INT,
		.def = "5000",
		.min = 10,
		.max = 50000,
		.doc = "the most frequent words measured",
	},
	{
		.name = "rsa-words",
		.type = OPT_INT,
		.def = "500",
		.min = 3,
		.max = 3000,
		.doc = "the most frequent words of the RSA and Procrustes "
		    "comparisons",
	},
	{
		.name = "words",
		.type = OPT_WORDS,
		.doc = "words listed with their neighbours in every seed",
	},
	{ .name = NULL }
};

/* Rank bands of the frequency table (1-based, inclusive upper ends). */
static const long ss_bands[] = { 100, 500, 1000, 2000, 5000, 10000, 20000,
    50000 };
#define SS_NBANDS (sizeof(ss_bands) / sizeof(ss_bands[0]))

/* |A ∩ B| / |A ∪ B| of two k-sets of row ids. */
static double
jaccard(const long *a, const long *b, int k)
{
	int i, j, inter = 0;

	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++)
			if (a[i] == b[j]) {
				inter++;
				break;
			}
	return (double)inter / (double)(2 * k - inter);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
ss_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const bcols[] = { "frequency rank", "words",
	    "median count", "mean Jaccard@k" };
	static const char *const pcols[] = { "seeds", "mean Jaccard@k",
	    "RSA ρ", "Procrustes residual", "aligned cosine" };
	static const char *const scols[] = { "measure", "value" };
	const struct model_decl *m;
	const struct corpus *c;
	const struct space **sp = NULL;
	const struct knn_index **ix = NULL;
	int k = (int)directive_opt(d, "k")->i, rc = -1;
	long top = directive_opt(d, "top")->i, nr = directive_opt(d,
	    "rsa-words")->i, *q = NULL, **nb = NULL, r, lo;
	char prefix[300], name[320], label[256];
	double *jw = NULL, *lc = NULL, *tmp = NULL, **rdm = NULL, sum, rho;
	float **norm = NULL, *rot = NULL, *al = NULL;
	size_t ns, a, b, i, np, row, nw = 0, bi, mp;
	struct table *t;
	struct chart *ch;
	struct chart_series *sr;
	struct diag dg;
	char **words = NULL;
	int dims, j;
	struct buf bb = BUF_INIT;

	if ((m = dx_model(ctx, d, "model", prefix, sizeof(prefix))) == NULL)
		return -1;
	ns = m->nseeds;
	if (ns < 2) {
		dctx_error_at(ctx, NULL, "{seed-stability} needs a model with "
		    "several seeds (seeds: [1, 2, 3] under models: %s)",
		    m->name);
		return -1;
	}
	if ((c = dx_corpus(ctx, d, "model", m->corpus, res)) == NULL)
		return -1;
	sp = xcalloc(ns, sizeof(*sp));
	ix = xcalloc(ns, sizeof(*ix));
	nb = xcalloc(ns, sizeof(*nb));
	norm = xcalloc(ns, sizeof(*norm));
	rdm = xcalloc(ns, sizeof(*rdm));
	for (a = 0; a < ns; a++) {
		snprintf(name, sizeof(name), "%s@%llu", m->name,
		    (unsigned long long)m->seeds[a]);
		if ((sp[a] = dx_space_named(ctx, directive_opt(d, "model"),
		    name, &ix[a], res)) == NULL)
			goto out;
	}
	if (top > space_rows(sp[0]))
		top = space_rows(sp[0]);
	if (nr > top)
		nr = top;
	dims = space_dims(sp[0]);
	q = xcalloc((size_t)top, sizeof(long));
	for (r = 0; r < top; r++)
		q[r] = r;
	/* Each seed's k nearest rows of every measured word, itself left
	 * out (k + 1 asked for, the word dropped, or the last when the
	 * word is not its own first neighbour: ties). */
	for (a = 0; a < ns; a++) {
		long *ids = xcalloc((size_t)top * (size_t)(k + 1), sizeof(long));
		float *sc = xcalloc((size_t)top * (size_t)(k + 1),
		    sizeof(float));

		nb[a] = xcalloc((size_t)top * (size_t)k, sizeof(long));
		if (dx_knn_search(ctx, ix[a], q, (size_t)top, k + 1, KNN_COSINE,
		    0, ids, sc) < 0) {
			free(ids);
			free(sc);
			goto out;
		}
		for (r = 0; r < top; r++) {
			int got = 0;

			for (j = 0; j <= k && got < k; j++)
				if (ids[r * (k + 1) + j] != r)
					nb[a][r * k + got++] = ids[r * (k + 1) + j];
		}
		free(ids);
		free(sc);
	}
	np = ns * (ns - 1) / 2;
	jw = xcalloc((size_t)top, sizeof(double));
	lc = xcalloc((size_t)top, sizeof(double));
	for (r = 0; r < top; r++) {
		sum = 0;
		for (a = 0; a < ns; a++)
			for (b = a + 1; b < ns; b++)
				sum += jaccard(nb[a] + r * k, nb[b] + r * k, k);
		jw[r] = sum / (double)np;
		lc[r] = log10((double)(r < (long)c->ntypes ? c->count[r] : 1));
	}
	/* Frequency bands. */
	t = result_add_table(res, "bands", "Neighbourhood overlap across seeds "
	    "by frequency rank", 4, bcols);
	tmp = xcalloc((size_t)top, sizeof(double));
	for (lo = 0, bi = 0; bi < SS_NBANDS && lo < top; bi++) {
		long hi = ss_bands[bi] < top ? ss_bands[bi] : top;
		long n = hi - lo;

		sum = 0;
		for (r = lo; r < hi; r++)
			sum += jw[r];
		row = table_add_row(t);
		snprintf(label, sizeof(label), "%ld-%ld", lo + 1, hi);
		table_set_text(t, row, 0, label);
		table_set_int(t, row, 1, n);
		/* counts descend: the median is the middle row's */
		table_set_int(t, row, 2, c->count[lo + (n - 1) / 2]);
		table_set_num(t, row, 3, sum / (double)n, 4);
		lo = hi;
	}
	snprintf(label, sizeof(label), "Jaccard of the %d nearest neighbours "
	    "(cosine), averaged over %zu pairs of seeds", k, np);
	t->note = xstrdup(label);
	/* Summary. */
	t = result_add_table(res, "summary", "Seed stability in numbers", 2,
	    scols);
	sum = 0;
	for (r = 0; r < top; r++)
		sum += jw[r];
	row = table_add_row(t);
	table_set_text(t, row, 0, "words measured");
	table_set_int(t, row, 1, top);
	row = table_add_row(t);
	table_set_text(t, row, 0, "seeds");
	table_set_int(t, row, 1, (long long)ns);
	row = table_add_row(t);
	table_set_text(t, row, 0, "mean Jaccard@k");
	table_set_num(t, row, 1, sum / (double)top, 4);
	row = table_add_row(t);
	table_set_text(t, row, 0, "Spearman ρ of frequency and Jaccard@k");
	table_set_num(t, row, 1, stats_spearman(lc, jw, (size_t)top, NULL), 4);
	memcpy(tmp, jw, (size_t)top * sizeof(double));
	qsort(tmp, (size_t)top, sizeof(double), cmp_double);
	row = table_add_row(t);
	table_set_text(t, row, 0, "median Jaccard@k");
	table_set_num(t, row, 1, (tmp[(top - 1) / 2] + tmp[top / 2]) / 2, 4);
	{
		long same = 0, none = 0;

		for (r = 0; r < top; r++) {
			same += jw[r] >= 0.5;
			none += jw[r] == 0;
		}
		row = table_add_row(t);
		table_set_text(t, row, 0, "share with Jaccard@k at least 0.5 %");
		table_set_num(t, row, 1, 100.0 * (double)same / (double)top, 1);
		row = table_add_row(t);
		table_set_text(t, row, 0, "share with no common neighbour %");
		table_set_num(t, row, 1, 100.0 * (double)none / (double)top, 1);
	}
	/* Pairs of seeds: Jaccard, RSA, Procrustes on the nr most
	 * frequent words, rows L2-normalised as histwords does. */
	mp = RSA_NPAIRS(nr);
	for (a = 0; a < ns; a++) {
		long *rows = xcalloc((size_t)nr, sizeof(long));

		for (r = 0; r < nr; r++)
			rows[r] = r;
		norm[a] = dx_gather(sp[a], rows, (size_t)nr);
		free(rows);
		rows_normalize(norm[a], nr, dims);
		rdm[a] = xcalloc(mp, sizeof(double));
		rsa_rdm(norm[a], nr, dims, rdm[a]);
	}
	t = result_add_table(res, "pairs", "Each pair of seeds", 5, pcols);
	rot = xcalloc((size_t)dims * (size_t)dims, sizeof(float));
	al = xcalloc((size_t)nr * (size_t)dims, sizeof(float));
	for (a = 0; a < ns; a++)
		for (b = a + 1; b < ns; b++) {
			double res2 = 0, cs = 0, dj = 0;

			for (r = 0; r < top; r++)
				dj += jaccard(nb[a] + r * k, nb[b] + r * k, k);
			if (procrustes_fit(norm[b], norm[a], nr, dims, rot,
			    &dg) < 0) {
				dctx_error(ctx, "%s", dg.msg);
				goto out;
			}
			procrustes_apply(norm[b], nr, dims, rot, al);
			for (r = 0; r < nr; r++) {
				double dd = 0, dot = 0;

				for (j = 0; j < dims; j++) {
					double x = al[r * dims + j], y =
					    norm[a][r * dims + j];

					dd += (x - y) * (x - y);
					dot += x * y;
				}
				res2 += sqrt(dd);
				cs += dot;
			}
			row = table_add_row(t);
			snprintf(label, sizeof(label), "%llu-%llu",
			    (unsigned long long)m->seeds[a],
			    (unsigned long long)m->seeds[b]);
			table_set_text(t, row, 0, label);
			table_set_num(t, row, 1, dj / (double)top, 4);
			rho = rsa_compare(rdm[a], rdm[b], mp, RSA_SPEARMAN);
			table_set_num(t, row, 2, rho, 4);
			table_set_num(t, row, 3, res2 / (double)nr, 4);
			table_set_num(t, row, 4, cs / (double)nr, 4);
		}
	snprintf(label, sizeof(label), "RSA and Procrustes on the %ld most "
	    "frequent words (unit vectors; residual: mean distance after "
	    "rotating the second seed onto the first)", nr);
	t->note = xstrdup(label);
	/* Listed words. */
	words = dx_words(d, "words", &nw);
	if (nw > 0) {
		char **cols = xcalloc(ns + 3, sizeof(char *));
		long *wr = xcalloc(nw, sizeof(long)), *ids;
		float *sc;

		if (dx_rows(ctx, directive_opt(d, "words"), sp[0], prefix,
		    words, nw, wr) < 0) {
			free(cols);
			free(wr);
			goto out;
		}
		cols[0] = xstrdup("word");
		cols[1] = xstrdup("count");
		cols[2] = xstrdup("Jaccard@k");
		for (a = 0; a < ns; a++)
			cols[a + 3] = xasprintf("seed %llu",
			    (unsigned long long)m->seeds[a]);
		t = result_add_table(res, "words", "Neighbours of chosen words in "
		    "each seed", ns + 3, (const char *const *)cols);
		ids = xcalloc(nw * ns * (size_t)(k + 1), sizeof(long));
		sc = xcalloc(nw * ns * (size_t)(k + 1), sizeof(float));
		for (a = 0; a < ns; a++)
			if (dx_knn_search(ctx, ix[a], wr, nw, k + 1, KNN_COSINE,
			    0, ids + a * nw * (size_t)(k + 1),
			    sc + a * nw * (size_t)(k + 1)) < 0)
				break;
		for (i = 0; a == ns && i < nw; i++) {
			long *sets = xcalloc(ns * (size_t)k, sizeof(long));

			row = table_add_row(t);
			table_set_text(t, row, 0, words[i]);
			table_set_int(t, row, 1, wr[i] < (long)c->ntypes ?
			    c->count[wr[i]] : 0);
			for (b = 0; b < ns; b++) {
				const long *id = ids + (b * nw + i) *
				    (size_t)(k + 1);
				int got = 0;

				buf_clear(&bb);
				for (j = 0; j <= k && got < k; j++) {
					if (id[j] == wr[i])
						continue;
					sets[b * (size_t)k + (size_t)got] = id[j];
					buf_printf(&bb, "%s%s", got ? ", " : "",
					    space_word(sp[b], id[j], NULL));
					got++;
				}
				table_set_text(t, row, b + 3, buf_str(&bb));
			}
			sum = 0;
			for (a = 0; a < ns; a++)
				for (b = a + 1; b < ns; b++)
					sum += jaccard(sets + a * (size_t)k,
					    sets + b * (size_t)k, k);
			table_set_num(t, row, 2, sum / (double)np, 3);
			free(sets);
			a = ns;
		}
		for (a = 0; a < ns + 3; a++)
			free(cols[a]);
		free(cols);
		free(wr);
		free(ids);
		free(sc);
		if (t->nrows < nw)
			goto out;
	}
	/* Charts: every word (at most 2000, evenly spaced in rank) and the
	 * bands. */
	{
		long step = top > 2000 ? (top + 1999) / 2000 : 1, npts =
		    (top + step - 1) / step;

		ch = result_add_chart(res, CHART_SCATTER, "jaccard-frequency",
		    "Neighbourhood overlap across seeds against frequency");
		chart_axes(ch, "count in the corpus", "Jaccard@k");
		ch->logx = 1;
		ch->ymin = 0;
		ch->ymax = 1;
		sr = chart_add_series(ch, "words", (size_t)npts);
		for (i = 0, r = 0; r < top && i < (size_t)npts; r += step, i++) {
			sr->x[i] = (double)c->count[r];
			sr->y[i] = jw[r];
		}
	}
	rc = 0;
out:
	buf_clear(&bb);
	dx_free_words(words, nw);
	for (a = 0; a < ns; a++) {
		free(nb[a]);
		free(norm[a]);
		free(rdm[a]);
	}
	free(nb);
	free(norm);
	free(rdm);
	free(sp);
	free(ix);
	free(q);
	free(jw);
	free(lc);
	free(tmp);
	free(rot);
	free(al);
	return rc;
}

static int
ss_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct model_decl *m;
	double rows, dims, top = (double)directive_opt(d, "top")->i,
	    nr = (double)directive_opt(d, "rsa-words")->i;
	char prefix[300];

	if ((m = dx_model(ctx, d, "model", prefix, sizeof(prefix))) == NULL)
		return -1;
	if (dx_space_size(ctx, d, "model", &rows, &dims) != 0)
		return -1;
	if (top > rows)
		top = rows;
	we->ops = (double)m->nseeds * top * rows * dims / DX_VEC +
	    (double)m->nseeds * nr * nr * dims / 2 + top * 100.0 *
	    (double)m->nseeds * (double)m->nseeds;
	we->bytes = (double)m->nseeds * (top * 100 * 8 + nr * nr * 4);
	dx_why(we->why, sizeof(we->why), "%zu seeds × %.0f words (`:top:`) × "
	    "%.0f rows", m->nseeds, top, rows);
	we->lower = ":top:";
	we->at = directive_opt(d, "top");
	return 0;
}

static const char *const ss_strings[] = {
	"frequency rank",
	"words",
	"median count",
	"mean Jaccard@k",
	"seeds",
	"RSA ρ",
	"Procrustes residual",
	"aligned cosine",
	"measure",
	"value",
	"words measured",
	"Spearman ρ of frequency and Jaccard@k",
	"median Jaccard@k",
	"share with Jaccard@k at least 0.5 %",
	"share with no common neighbour %",
	"word",
	"count",
	"Jaccard@k",
	"seed %s",
	"count in the corpus",
	"Neighbourhood overlap across seeds by frequency rank",
	"Seed stability in numbers",
	"Each pair of seeds",
	"Neighbours of chosen words in each seed",
	"Neighbourhood overlap across seeds against frequency",
	"Jaccard of the %s nearest neighbours (cosine), averaged over %s "
	    "pairs of seeds",
	"RSA and Procrustes on the %s most frequent words (unit vectors; "
	    "residual: mean distance after rotating the second seed onto the "
	    "first)",
	NULL
};

const struct directive_spec directive_seed_stability = {
	.name = "seed-stability",
	.summary = "how much a trained model's neighbourhoods depend on its "
	    "seed: Jaccard@k of each word's neighbours across seeds against "
	    "frequency, RSA and Procrustes residuals between seeds",
	.opts = ss_opts,
	.body = BODY_NONE,
	.run = ss_run,
	.estimate = ss_estimate,
	.version = 1,
	.strings = ss_strings,
	.example = "```{seed-stability}\n:model: w2v-gutenberg\n:top: 2000\n"
	    ":words: king, ship\n```",
};
