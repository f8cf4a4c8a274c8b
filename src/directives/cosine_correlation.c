/*
 * directives/cosine_correlation: {cosine-correlation} — for word pairs,
 * the cosine of their vectors beside the Pearson correlation of their
 * components, which is exactly the cosine of the two vectors after each
 * is centred on its own mean: the two agree when a space's vectors have
 * components averaging near zero, and drift apart when they do not.
 * With :geometry:, a second table spells the cosine out: the two norms,
 * the dot product, the angle and the Euclidean distance of the raw and
 * of the unit vectors (‖â − b̂‖² = 2 − 2 cos). With :neighbours: K, each
 * :query: word's K nearest rows by cosine beside its K nearest by
 * Pearson r, and how many they share.
 * Reads a declared space; produces tables.
 * Never skips a pair silently: an unknown word is a located error.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const struct opt_spec cosine_correlation_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the embedding space",
	},
	{
		.name = "geometry",
		.type = OPT_BOOL,
		.def = "false",
		.doc = "also a table of each pair's norms, dot product, angle "
		    "and Euclidean distances (raw and unit vectors)",
	},
	{
		.name = "query",
		.type = OPT_WORDS,
		.doc = "words whose neighbours are ranked both ways (with "
		    ":neighbours:)",
	},
	{
		.name = "neighbours",
		.type = OPT_INT,
		.def = "10",
		.min = 1,
		.max = 100,
		.doc = "neighbours per :query: word and measure",
	},
	{
		.name = "restrict",
		.type = OPT_INT,
		.def = "50000",
		.min = 0,
		.max = 100000000,
		.doc = "rank neighbours among the first N rows; 0: all",
	},
	DX_OPT_PIECES,
	{ .name = NULL }
};

/* A row's norm, and the norm of the row minus its own mean. */
static void
row_stats(const float *a, int n, double *mean, double *norm, double *cnorm)
{
	double s = 0, q = 0, c = 0;
	int i;

	for (i = 0; i < n; i++) {
		s += a[i];
		q += (double)a[i] * a[i];
	}
	*mean = s / n;
	for (i = 0; i < n; i++)
		c += (a[i] - *mean) * (a[i] - *mean);
	*norm = sqrt(q);
	*cnorm = sqrt(c);
}

struct scored {
	double	 v;
	long	 id;
};

/* Higher first; ties by row (the more frequent word first). */
static int
scored_cmp(const void *x, const void *y)
{
	const struct scored *a = x, *b = y;

	if (a->v != b->v)
		return a->v > b->v ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

/*
 * The K nearest rows of row q among the first n by cosine (into byc) and
 * by Pearson r (into byr), q itself excluded. r(a, b) = (a·b − d·ā·b̄) /
 * (‖a − ā‖ ‖b − b̄‖), so one dot product per row serves both.
 */
static void
rank_both(const struct space *s, const float *a, const long *ex, int nex,
    long n, int k, struct scored *byc, struct scored *byr)
{
	const int d = space_dims(s);
	double ma, na, ca;
	struct scored *c = xcalloc((size_t)n, sizeof(*c)),
	    *r = xcalloc((size_t)n, sizeof(*r));
	long i, mc = 0, mr = 0;

	row_stats(a, d, &ma, &na, &ca);
	for (i = 0; i < n; i++) {
		const float *b = space_row(s, i);
		double mb, nb, cb, dot = 0;
		int j, skip = 0;

		for (j = 0; j < nex; j++)
			skip |= ex[j] == i;
		if (skip)
			continue;
		row_stats(b, d, &mb, &nb, &cb);
		for (j = 0; j < d; j++)
			dot += (double)a[j] * b[j];
		/* a zero row has no cosine, a constant row no r */
		if (na > 0 && nb > 0) {
			c[mc].id = i;
			c[mc++].v = dot / (na * nb);
		}
		if (ca > 0 && cb > 0) {
			r[mr].id = i;
			r[mr++].v = (dot - d * ma * mb) / (ca * cb);
		}
	}
	qsort(c, (size_t)mc, sizeof(*c), scored_cmp);
	qsort(r, (size_t)mr, sizeof(*r), scored_cmp);
	for (i = 0; i < k; i++) {
		byc[i] = i < mc ? c[i] : (struct scored){ NAN, -1 };
		byr[i] = i < mr ? r[i] : (struct scored){ NAN, -1 };
	}
	free(c);
	free(r);
}

static int
add_neighbours(struct dctx *ctx, const struct directive *d,
    const struct space *s, struct result *res)
{
	static const char *const ncols[] = { "#", "by cosine", "cosine",
	    "by Pearson r", "Pearson r" };
	const struct dopt *qo = directive_opt(d, "query");
	int k = (int)directive_opt(d, "neighbours")->i;
	long n = directive_opt(d, "restrict")->i, q;
	struct scored *byc = xcalloc((size_t)k, sizeof(*byc)),
	    *byr = xcalloc((size_t)k, sizeof(*byr));
	size_t w;
	int i, j, shared;
	const struct tokenizer *tok = dx_token_space(ctx, dx_text(d, "space"));
	struct dx_wvec wv;
	struct buf nb = BUF_INIT;

	memset(&wv, 0, sizeof(wv));
	q = -1;

	if (n <= 0 || n > space_rows(s))
		n = space_rows(s);
	for (w = 0; w < qo->nwords; w++) {
		char name[64], caption[400];
		struct table *t;

		if (tok != NULL) {
			/* a token space: #id, piece or word (:pieces:),
			 * every piece it used left out */
			if (dx_word_vectors(ctx, d, qo, s, dx_text(d, "space"),
			    &qo->words[w], 1, &wv) < 0) {
				dx_wvec_free(&wv);
				free(byc);
				free(byr);
				return -1;
			}
			rank_both(s, wv.v, wv.used, TOKSPACE_MAXPIECES, n, k,
			    byc, byr);
		} else {
			if ((q = dx_find(s, qo->words[w])) < 0) {
				free(byc);
				free(byr);
				return dctx_error_at(ctx, qo, "word not in the "
				    "space (%ld words): '%s'", space_rows(s),
				    qo->words[w]);
			}
			rank_both(s, space_row(s, q), &q, 1, n, k, byc, byr);
		}
		snprintf(name, sizeof(name), "neighbours-%zu", w + 1);
		snprintf(caption, sizeof(caption), "Nearest neighbours of '%s' "
		    "by cosine and by Pearson r", tok != NULL ? wv.tag[0] :
		    space_word(s, q, NULL));
		dx_wvec_free(&wv);
		t = result_add_table(res, name, caption, 5, ncols);
		for (i = 0, shared = 0; i < k; i++) {
			size_t row = table_add_row(t);

			table_set_int(t, row, 0, i + 1);
			if (byc[i].id >= 0) {
				table_set_text(t, row, 1, dx_row_name(tok, s,
				    byc[i].id, &nb));
				table_set_num(t, row, 2, byc[i].v, 4);
			}
			if (byr[i].id >= 0) {
				table_set_text(t, row, 3, dx_row_name(tok, s,
				    byr[i].id, &nb));
				table_set_num(t, row, 4, byr[i].v, 4);
			}
			for (j = 0; j < k; j++)
				shared += byc[i].id >= 0 && byc[i].id == byr[j].id;
		}
		t->note = xasprintf("searched the first %ld rows; %d of the %d "
		    "neighbours are in both lists", n, shared, k);
		table_set_scalar(t, "shared", shared, -1);
		table_set_scalar(t, "searched-rows", (double)n, -1);
	}
	free(byc);
	free(byr);
	buf_clear(&nb);
	return 0;
}

/* cos(a, b) and Pearson r(a, b) in double precision. */
static void
cos_and_r(const float *a, const float *b, int n, double *cs, double *r,
    double *ma, double *mb)
{
	double dot = 0, na = 0, nb = 0, sa = 0, sb = 0, cov = 0, va = 0, vb = 0;
	int i;

	for (i = 0; i < n; i++) {
		dot += (double)a[i] * b[i];
		na += (double)a[i] * a[i];
		nb += (double)b[i] * b[i];
		sa += a[i];
		sb += b[i];
	}
	*ma = sa / n;
	*mb = sb / n;
	for (i = 0; i < n; i++) {
		double x = a[i] - *ma, y = b[i] - *mb;

		cov += x * y;
		va += x * x;
		vb += y * y;
	}
	*cs = na > 0 && nb > 0 ? dot / sqrt(na * nb) : NAN;
	*r = va > 0 && vb > 0 ? cov / sqrt(va * vb) : NAN;
}

/* One row of the geometry table. */
static void
add_geometry(struct table *g, const char *pair, const float *a,
    const float *b, int n)
{
	double dot = 0, na = 0, nb = 0, dd = 0, du = 0, cs;
	size_t row = table_add_row(g);
	int i;

	for (i = 0; i < n; i++) {
		dot += (double)a[i] * b[i];
		na += (double)a[i] * a[i];
		nb += (double)b[i] * b[i];
		dd += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
	}
	na = sqrt(na);
	nb = sqrt(nb);
	for (i = 0; na > 0 && nb > 0 && i < n; i++)
		du += (a[i] / na - b[i] / nb) * (a[i] / na - b[i] / nb);
	cs = na > 0 && nb > 0 ? dot / (na * nb) : NAN;
	table_set_text(g, row, 0, pair);
	table_set_num(g, row, 1, na, 4);
	table_set_num(g, row, 2, nb, 4);
	table_set_num(g, row, 3, dot, 4);
	table_set_num(g, row, 4, cs, 4);
	table_set_num(g, row, 5, isnan(cs) ? NAN : acos(cs > 1 ? 1 : cs < -1 ?
	    -1 : cs) * 180 / M_PI, 2);
	table_set_num(g, row, 6, sqrt(dd), 4);
	table_set_num(g, row, 7, na > 0 && nb > 0 ? sqrt(du) : NAN, 4);
}

static int
cosine_correlation_run(struct dctx *ctx, const struct directive *d,
    struct result *res)
{
	static const char *const cols[] = { "pair", "cosine", "Pearson r",
	    "r − cosine", "mean of a", "mean of b" };
	static const char *const gcols[] = { "pair", "norm of a",
	    "norm of b", "dot product", "cosine", "angle (°)",
	    "Euclidean distance", "distance of unit vectors" };
	const struct knn_index *ix;
	const struct space *s;
	struct table *t, *g = NULL;
	char **lines, pair[600];
	long *lnum, ra, rb;
	size_t n, i, row;
	int rc = -1;
	const struct tokenizer *tok = dx_token_space(ctx, dx_text(d, "space"));
	const float *va, *vb;
	struct dx_wvec wv;
	char *pnote = NULL;

	enum tokspace_pieces pol;

	memset(&wv, 0, sizeof(wv));
	if ((s = dx_space(ctx, d, "space", &ix, res)) == NULL)
		return -1;
	if (dx_pieces(ctx, d, tok != NULL, dx_text(d, "space"), &pol) < 0)
		return -1;
	lines = dx_lines(d, &n, &lnum);
	if (n == 0) {
		dctx_error(ctx, "{cosine-correlation} needs word pairs in its "
		    "body, one pair a line (e.g. 'king queen')");
		goto out;
	}
	t = result_add_table(res, "cosine-correlation",
	    "Cosine and Pearson correlation of word pairs", 6, cols);
	if (directive_opt(d, "geometry")->b)
		g = result_add_table(res, "pair-geometry", "Norms, dot product, "
		    "angle and distances of word pairs", 8, gcols);
	for (i = 0; i < n; i++) {
		char a[256], b[256], extra[2];
		double cs, r, ma, mb;

		if (sscanf(lines[i], "%255s %255s %1s", a, b, extra) != 2) {
			diaglist_add(ctx->diags, DIAG_ERROR, ctx->file, lnum[i], 1,
			    "expected two words on this line, found '%s'",
			    lines[i]);
			goto out;
		}
		if (tok != NULL) {
			/* a token space: each word by :pieces: */
			char *ab[2] = { a, b };
			long save = ctx->line;

			ctx->line = lnum[i];
			ctx->col = 1;
			dx_wvec_free(&wv);
			if (dx_word_vectors(ctx, d, NULL, s, dx_text(d, "space"),
			    ab, 2, &wv) < 0) {
				ctx->line = save;
				goto out;
			}
			ctx->line = save;
			va = wv.v;
			vb = wv.v + space_dims(s);
			dx_wvec_note(&wv, &pnote);
		} else {
			ra = dx_find(s, a);
			rb = dx_find(s, b);
			if (ra < 0 || rb < 0) {
				diaglist_add(ctx->diags, DIAG_ERROR, ctx->file,
				    lnum[i], 1, "word not in the space (%ld "
				    "words): '%s'", space_rows(s), ra < 0 ? a : b);
				goto out;
			}
			va = space_row(s, ra);
			vb = space_row(s, rb);
		}
		cos_and_r(va, vb, space_dims(s), &cs, &r, &ma, &mb);
		row = table_add_row(t);
		snprintf(pair, sizeof(pair), "%s–%s", a, b);
		table_set_text(t, row, 0, pair);
		table_set_num(t, row, 1, cs, 4);
		table_set_num(t, row, 2, r, 4);
		table_set_num(t, row, 3, r - cs, 4);
		table_set_num(t, row, 4, ma, 4);
		table_set_num(t, row, 5, mb, 4);
		if (g != NULL)
			add_geometry(g, pair, va, vb, space_dims(s));
	}
	t->note = xstrdup("Pearson r of two vectors is the cosine of the "
	    "vectors after each is centred on its own mean");
	if (pnote != NULL) {
		char *nn = xasprintf("%s; %s", t->note, pnote);

		free(t->note);
		t->note = nn;
	}
	if (g != NULL)
		g->note = xstrdup("â = a / ‖a‖; on unit vectors ‖â − b̂‖² = 2 − "
		    "2 cos, so Euclidean distance and cosine rank alike");
	if (directive_opt(d, "query")->nwords > 0 &&
	    add_neighbours(ctx, d, s, res) < 0)
		goto out;
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(lnum);
	dx_wvec_free(&wv);
	free(pnote);
	return rc;
}

static int
cosine_correlation_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, pairs = 0;
	size_t i;

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	for (i = 0; i < d->bodylen; i++)
		pairs += d->body[i] == '\n';
	pairs += 1;
	/* Two passes over each pair's components. */
	we->ops = pairs * dims * 10;
	we->bytes = pairs * 64;
	dx_why(we->why, sizeof(we->why), "%.0f pairs × %.0f dimensions",
	    pairs, dims);
	we->lower = "the pairs in the body";
	{
		const struct dopt *qo = directive_opt(d, "query");
		double n = dx_restricted(rows, directive_opt(d, "restrict")->i),
		    q = (double)qo->nwords;

		if (q > 0) {
			/* per query: three passes over every searched row,
			 * then two sorts */
			we->ops += q * n * (dims * 4 + 2 * 20 * log2(n + 2));
			we->bytes += n * 2 * 16;
			dx_why(we->why, sizeof(we->why), "%.0f :query: words × "
			    "%.0f rows (`:restrict:`) × %.0f dimensions", q, n,
			    dims);
			we->lower = ":query: or :restrict:";
			we->at = directive_opt(d, "restrict");
		}
	}
	return 0;
}

static const char *const cosine_correlation_strings[] = {
	"pair",
	"cosine",
	"Pearson r",
	"r − cosine",
	"mean of a",
	"mean of b",
	"Cosine and Pearson correlation of word pairs",
	"Pearson r of two vectors is the cosine of the vectors after each is "
	    "centred on its own mean",
	"norm of a",
	"norm of b",
	"dot product",
	"angle (°)",
	"Euclidean distance",
	"distance of unit vectors",
	"Norms, dot product, angle and distances of word pairs",
	"â = a / ‖a‖; on unit vectors ‖â − b̂‖² = 2 − 2 cos, so Euclidean "
	    "distance and cosine rank alike",
	"#",
	"by cosine",
	"by Pearson r",
	"Nearest neighbours of '%s' by cosine and by Pearson r",
	"searched the first %s rows; %s of the %s neighbours are in both "
	    "lists",
	DX_PIECES_STRINGS,
	NULL
};

static const struct scalar_doc cosine_correlation_scalars[] = {
	{ "shared", "neighbours-N",
	    "neighbours (:neighbours:) found both by cosine and by Pearson r" },
	{ "searched-rows", "neighbours-N", "rows searched (:restrict:)" },
	{ NULL, NULL, NULL }
};

const struct directive_spec directive_cosine_correlation = {
	.name = "cosine-correlation",
	.summary = "cosine against Pearson correlation (= the cosine of the "
	    "mean-centred vectors) for word pairs",
	.opts = cosine_correlation_opts,
	.body = BODY_REQUIRED,
	.body_doc = "word pairs, one pair a line",
	.run = cosine_correlation_run,
	.estimate = cosine_correlation_estimate,
	.version = 2,
	.strings = cosine_correlation_strings,
	.example = "```{cosine-correlation}\n:space: glove-wiki-100d\n"
	    "king queen\ncat dog\nking dog\n```",
	.scalars = cosine_correlation_scalars,
};
