/*
 * directives/token_heatmap: {token-heatmap} — a paragraph with every token
 * coloured by a number computed from its embedding (its norm, its cosine
 * with the previous token or with a target).
 * Reads a space and its tokenizer; produces the token values with how to
 * draw them (render/html.c draws the heatmap, every token escaped), tables
 * and charts.
 * Never builds HTML itself.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/norm.h"
#include "data/data.h"
#include "store/space.h"
#include "tok/tok.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xalloc.h"

/* The enum options' choices, in the order of their enums. */
static const char *const measures[] = { "norm", "cosine-previous",
    "cosine-target", NULL };
enum heat_measure { MEASURE_NORM, MEASURE_COS_PREV, MEASURE_COS_TARGET };
static const char *const scales[] = { "minmax", "unit", "signed", NULL };
enum heat_scale { SCALE_MINMAX, SCALE_UNIT, SCALE_SIGNED };
static const char *const colormaps[] = { "auto", "sequential", "diverging",
    NULL };
enum heat_cmap { CMAP_AUTO, CMAP_SEQUENTIAL, CMAP_DIVERGING };

static const struct opt_spec heat_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the space whose vectors colour the tokens (its "
		    "tokenizer: splits "
		    "the text)",
	},
	{
		.name = "measure",
		.type = OPT_ENUM,
		.def = "norm",
		.choices = measures,
		.doc = "norm: L2 norm of each token's vector; "
		    "cosine-previous: cosine with "
		    "the preceding token (the first has none); cosine-target: cosine "
		    "with :target:",
	},
	{
		.name = "target",
		.type = OPT_STRING,
		.doc = "the word or token for cosine-target",
	},
	{
		.name = "scale",
		.type = OPT_ENUM,
		.def = "minmax",
		.choices = scales,
		.doc = "minmax: over this paragraph's finite values (NaN "
		    "ignored); unit: "
		    "[0, 1]; signed: [-1, 1] with a diverging palette",
	},
	{
		.name = "abs",
		.type = OPT_BOOL,
		.def = "false",
		.doc = "colour by the absolute value",
	},
	{
		.name = "colormap",
		.type = OPT_ENUM,
		.def = "auto",
		.choices = colormaps,
		.doc = "auto: sequential, or diverging for the signed scale",
	},
	{
		.name = "values",
		.type = OPT_BOOL,
		.def = "false",
		.doc = "print each value under its token",
	},
	{
		.name = "chart",
		.type = OPT_BOOL,
		.def = "false",
		.doc = "also draw the values in text order as a bar chart",
	},
	{
		.name = "tokenizer",
		.type = OPT_STRING,
		.doc = "a declared tokenizer to use instead of the space's",
	},
	{
		.name = "top",
		.type = OPT_INT,
		.def = "0",
		.max = 100,
		.doc = "also list the N tokens (or adjacent pairs) with the "
		    "highest values",
	},
	DX_OPT_PIECES,
	{ .name = NULL }
};

struct ranked {
	double	 v;
	size_t	 i;
};

static int
ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}


/* The tokenizer a directive uses: option "opt" if set, else the space's. */
static const struct tokenizer *
pick_tokenizer(struct dctx *ctx, const struct directive *d, const char *opt,
    const char *fallback)
{
	const struct dopt *o = directive_opt(d, opt);
	const char *name = o->set ? o->text : fallback;
	struct diag dg;
	const struct tokenizer *t = data_tokenizer(ctx->data, name, &dg);

	if (t == NULL)
		dctx_error_at(ctx, o->set ? o : NULL, "%s", dg.msg);
	return t;
}

/* Row of a token's vector: by id for vocabulary tokenizers whose ids
 * index the space, by the normalised word for the word tokenizer. */
static long
token_row(const struct tokenizer *tk, const struct space *s,
    const struct token *t)
{
	if (tok_kind(tk) != TOK_WORD)
		return t->id >= 0 && t->id < space_rows(s) ? t->id : -1;
	return dx_find(s, t->piece);
}

/* Writes v with a precision fit for display ("0.4312", "12.3"). */
static void
fmt_value(char *out, size_t n, double v)
{
	if (isnan(v))
		snprintf(out, n, "—");
	else
		fmt_fixed(out, n, v, fabs(v) >= 100 ? 1 : fabs(v) >= 10 ? 2 : 3);
}

/* What heat_run works on, stage to stage. */
struct heat {
	const struct space	*s;
	const struct tokenizer	*tk;
	struct toklist		 tl;
	long			 measure, target;
	double			*val;		/* [tl.n], NaN: none */
	long			*rows;		/* [tl.n], -1: no vector */
	const float		*tvec;		/* :target:'s vector */
	struct dx_wvec		 twv;		/* its words (token spaces) */
	size_t			 nnan, nnovec;
	double			 lo, hi;
	char			 label[128];
};

/* Options that contradict each other, before any data is opened. */
static int
heat_check(struct dctx *ctx, const struct directive *d, long measure)
{
	const struct dopt *to = directive_opt(d, "target");

	if (d->bodylen == 0 || strspn(d->body, " \t\r\n") == d->bodylen)
		return dctx_error(ctx, "{token-heatmap} needs a paragraph in "
		    "its body");
	if (d->bodylen > DX_MAXTEXT)
		return dctx_error(ctx, "{token-heatmap} body is %zu bytes; "
		    "the limit is %d", d->bodylen, DX_MAXTEXT);
	if (measure == MEASURE_COS_TARGET && !to->set)
		return dctx_error(ctx, "measure 'cosine-target' needs "
		    "':target:' (the word to compare with)");
	if (measure != MEASURE_COS_TARGET && to->set)
		return dctx_error_at(ctx, to, "':target:' is only used by "
		    "':measure: cosine-target'");
	return 0;
}

/* The row of :target:, which must be one token of the space. */
static int
heat_target(struct dctx *ctx, const struct directive *d, struct heat *h)
{
	const struct dopt *to = directive_opt(d, "target");
	struct toklist tt;
	struct diag dg;

	enum tokspace_pieces pol;
	int tsp = dx_token_space(ctx, dx_text(d, "space")) != NULL;

	h->target = -1;
	if (dx_pieces(ctx, d, tsp, dx_text(d, "space"), &pol) < 0)
		return -1;
	if (!to->set)
		return 0;
	/* In a token space the target is looked up as every word is
	 * there (#id, piece, or a word of pieces made one by :pieces:). */
	if (tsp) {
		char *w = to->text;

		if (dx_word_vectors(ctx, d, to, h->s, dx_text(d, "space"),
		    &w, 1, &h->twv) < 0)
			return -1;
		h->tvec = h->twv.v;
		h->target = h->twv.row[0];
		return 0;
	}
	/* The target goes through the same tokenizer: one token. */
	toklist_init(&tt);
	if (tok_encode(h->tk, to->text, strlen(to->text), &tt, &dg) < 0) {
		toklist_free(&tt);
		return dctx_error_at(ctx, to, "%s", dg.msg);
	}
	h->target = tt.n == 1 ? token_row(h->tk, h->s, &tt.v[0]) : -1;
	if (tt.n != 1 || h->target < 0) {
		dctx_error_at(ctx, to, tt.n == 1 ? "target '%s' is not in "
		    "space '%s'" : "target '%s' is not a single token of "
		    "space '%s'", to->text, dx_text(d, "space"));
		toklist_free(&tt);
		return -1;
	}
	toklist_free(&tt);
	h->tvec = space_row(h->s, h->target);
	return 0;
}

/* Each token's value under the measure, and the colour range. */
static void
heat_values(const struct directive *d, struct heat *h)
{
	int dims = space_dims(h->s), absval = directive_opt(d, "abs")->b;
	long scale = directive_opt(d, "scale")->i;
	size_t i;

	h->val = xcalloc(h->tl.n, sizeof(double));
	h->rows = xcalloc(h->tl.n, sizeof(long));
	for (i = 0; i < h->tl.n; i++) {
		const float *v;

		h->rows[i] = token_row(h->tk, h->s, &h->tl.v[i]);
		h->val[i] = NAN;
		if (h->rows[i] < 0) {
			h->nnovec++;
			continue;
		}
		v = space_row(h->s, h->rows[i]);
		if (h->measure == MEASURE_NORM)
			h->val[i] = vec_norm_numpy(v, dims);
		else if (h->measure == MEASURE_COS_PREV)
			h->val[i] = i > 0 && h->rows[i - 1] >= 0 ? vec_cosine(v,
			    space_row(h->s, h->rows[i - 1]), dims) : NAN;
		else
			h->val[i] = vec_cosine(v, h->tvec, dims);
		if (absval && !isnan(h->val[i]))
			h->val[i] = fabs(h->val[i]);
	}
	h->lo = INFINITY;
	h->hi = -INFINITY;
	for (i = 0; i < h->tl.n; i++) {
		if (isnan(h->val[i])) {
			h->nnan++;
			continue;
		}
		h->lo = h->val[i] < h->lo ? h->val[i] : h->lo;
		h->hi = h->val[i] > h->hi ? h->val[i] : h->hi;
	}
	if (scale == SCALE_UNIT) {
		h->lo = 0;
		h->hi = 1;
	} else if (scale == SCALE_SIGNED) {
		h->lo = -1;
		h->hi = 1;
	}
}

/* The token values and how render/ draws them: classes, shown values,
 * tooltips (in the site's language), the colour bar and the tokens
 * without a vector. */
static void
heat_tokens(struct dctx *ctx, const struct directive *d, struct heat *h,
    struct result *res)
{
	long scale = directive_opt(d, "scale")->i,
	    cmap = directive_opt(d, "colormap")->i;
	int absval = directive_opt(d, "abs")->b;
	const struct dopt *to = directive_opt(d, "target");
	struct tokvals *tv = result_add_tokens(res, h->tl.n);
	struct tokheat *hm = tokvals_heat(tv, d->body, d->bodylen);
	struct buf oov = BUF_INIT, pb = BUF_INIT;
	char cls[48], num[32], a[32], b[32];
	size_t i;
	int tsp = dx_token_space(ctx, dx_text(d, "space")) != NULL;

	hm->diverging = cmap == CMAP_DIVERGING || (cmap == CMAP_AUTO &&
	    scale == SCALE_SIGNED);
	hm->measure = xstrdup(dx_text(d, "measure"));
	hm->show_values = directive_opt(d, "values")->b;
	for (i = 0; i < h->tl.n; i++) {
		const struct token *t = &h->tl.v[i];
		const char *pn;

		/* tips show a token space's pieces as readers see them */
		buf_reset(&pb);
		if (tsp)
			tok_piece_display(h->tk, t->piece, &pb);
		else
			buf_puts(&pb, t->piece);
		pn = buf_str(&pb);
		tv->tokens[i] = xstrdup(t->piece);
		tv->values[i] = h->val[i];
		hm->start[i] = t->start;
		hm->end[i] = t->end;
		fmt_value(num, sizeof(num), h->val[i]);
		hm->shown[i] = xstrdup(num);
		if (h->rows[i] < 0) {
			hm->cls[i] = xstrdup("vd-tok vd-tok-none");
			hm->tip[i] = xasprintf("%s: %s", pn, dctx_tr(ctx,
			    "heatmap_no_vector", "no vector"));
			buf_printf(&oov, "%s%s", oov.len ? ", " : "", pn);
		} else if (isnan(h->val[i])) {
			hm->cls[i] = xstrdup("vd-tok vd-tok-nan");
			hm->tip[i] = xasprintf("%s: %s", pn, dctx_tr(ctx,
			    "heatmap_no_value", "no value"));
		} else {
			double x = h->hi > h->lo ? (h->val[i] - h->lo) /
			    (h->hi - h->lo) : 0.5;

			chart_class_name(hm->diverging, chart_class(x), cls,
			    sizeof(cls));
			hm->cls[i] = xasprintf("vd-tok %s", cls);
			hm->tip[i] = xasprintf("%s: %s", pn, num);
		}
	}
	snprintf(h->label, sizeof(h->label), "%s%s%s", absval ? "|" : "",
	    dctx_tr(ctx, h->measure == MEASURE_NORM ? "heatmap_norm" :
	    h->measure == MEASURE_COS_PREV ? "heatmap_cos_prev" :
	    "heatmap_cos_target", hm->measure), absval ? "|" : "");
	if (to->set) {
		size_t l = strlen(h->label);

		snprintf(h->label + l, sizeof(h->label) - l, " (%s)",
		    h->twv.tag != NULL ? h->twv.tag[0] : to->text);
	}
	hm->colorbar = h->lo <= h->hi;
	hm->bar_label = xstrdup(h->label);
	fmt_value(a, sizeof(a), h->lo);
	fmt_value(b, sizeof(b), h->hi);
	hm->bar_lo = xstrdup(a);
	hm->bar_hi = xstrdup(b);
	if (oov.len > 0) {
		hm->missing_head = xasprintf("%s (%zu): ", dctx_tr(ctx,
		    "heatmap_missing", "Tokens without a vector"), h->nnovec);
		hm->missing = xstrdup(buf_str(&oov));
	}
	buf_clear(&oov);
	buf_clear(&pb);
}

/* The values in text order as a bar chart (:chart:). */
static void
heat_chart(struct dctx *ctx, const struct directive *d, struct heat *h,
    struct result *res)
{
	struct chart *c = result_add_chart(res, CHART_BAR,
	    "token-heatmap-chart", h->label);
	struct chart_series *sr = chart_add_series(c, dx_text(d, "measure"),
	    h->tl.n);
	size_t i;

	chart_axes(c, dctx_tr(ctx, "heatmap_axis_tokens",
	    "tokens in text order"), h->label);
	c->zero_line = 1;
	for (i = 0; i < h->tl.n; i++) {
		chart_series_label(sr, i, h->tl.v[i].piece);
		sr->y[i] = h->val[i];
	}
}

/* The :top: highest values (adjacent pairs for cosine-previous). */
static void
heat_top(struct dctx *ctx, const struct directive *d, struct heat *h,
    struct result *res)
{
	static const char *const cols[] = { "#", "token", "value" };
	static const char *const pcols[] = { "#", "previous", "token",
	    "value" };
	int pairs = h->measure == MEASURE_COS_PREV;
	struct ranked *rk = xcalloc(h->tl.n, sizeof(*rk));
	size_t nr = 0, r, i, top = (size_t)directive_opt(d, "top")->i;
	struct table *tt = result_add_table(res, "token-heatmap-top",
	    dctx_tr(ctx, "heatmap_top", "Highest values"),
	    pairs ? 4 : 3, pairs ? pcols : cols);

	for (i = 0; i < h->tl.n; i++)
		if (!isnan(h->val[i])) {
			rk[nr].v = h->val[i];
			rk[nr++].i = i;
		}
	qsort(rk, nr, sizeof(*rk), ranked_cmp);
	for (r = 0; r < nr && r < top; r++) {
		size_t row = table_add_row(tt), c = 1;

		table_set_int(tt, row, 0, (long long)r + 1);
		if (pairs)
			table_set_text(tt, row, c++,
			    h->tl.v[rk[r].i - 1].piece);
		table_set_text(tt, row, c++, h->tl.v[rk[r].i].piece);
		table_set_num(tt, row, c, rk[r].v, 4);
	}
	free(rk);
}

/* Checks, opens the space and tokenizer, splits the text, computes the
 * values, then hands them to render/ (tokens) and to the optional chart
 * and top list. */
static int
heat_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	struct heat h;
	struct diag dg;
	int rc = -1;

	memset(&h, 0, sizeof(h));
	h.measure = directive_opt(d, "measure")->i;
	toklist_init(&h.tl);
	if (heat_check(ctx, d, h.measure) != 0)
		return -1;
	if ((h.s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		return -1;
	if ((h.tk = pick_tokenizer(ctx, d, "tokenizer",
	    dx_text(d, "space"))) == NULL)
		return -1;
	if (heat_target(ctx, d, &h) != 0)
		goto out;
	if (tok_encode(h.tk, d->body, d->bodylen, &h.tl, &dg) < 0) {
		ctx->line = d->body_line;
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	if (h.tl.n == 0) {
		dctx_error(ctx, "{token-heatmap}: the body has no tokens");
		goto out;
	}
	heat_values(d, &h);
	heat_tokens(ctx, d, &h, res);
	if (directive_opt(d, "chart")->b)
		heat_chart(ctx, d, &h, res);
	if (directive_opt(d, "top")->i > 0 && h.tl.n > h.nnan)
		heat_top(ctx, d, &h, res);
	rc = 0;
out:
	free(h.val);
	free(h.rows);
	dx_wvec_free(&h.twv);
	toklist_free(&h.tl);
	return rc;
}

static int
token_heatmap_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims, n = (double)d->bodylen;

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	/* At most one token per byte of the paragraph. */
	we->ops = n * (dims + 40);
	we->bytes = n * 64;
	dx_why(we->why, sizeof(we->why), "%.0f bytes of text × %.0f "
	    "dimensions", n, dims);
	we->lower = "the paragraph";
	return 0;
}

static const char *const token_heatmap_strings[] = {
	"#",
	"token",
	"value",
	"previous",
	NULL
};

const struct directive_spec directive_token_heatmap = {
	.name = "token-heatmap",
	.summary = "a paragraph with each token coloured by its vector's norm "
	    "or cosine",
	.opts = heat_opts,
	.body = BODY_REQUIRED,
	.body_doc = "the paragraph to colour",
	.run = heat_run,
	.estimate = token_heatmap_estimate,
	.version = 1,
	.strings = token_heatmap_strings,
	.example = "```{token-heatmap}\n:space: glove-wiki-100d\n:measure: "
	    "cosine-target\n"
	    ":target: purple\n:abs:\nPurple is a colour between red and blue.\n```",
};
