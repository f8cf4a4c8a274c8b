/*
 * directives/token_heatmap: {token-heatmap} — a paragraph with every token coloured by a
 * number computed from its embedding (its norm, its cosine with the
 * previous token or with a target).
 * Reads a space and its tokenizer; produces HTML built with libxml2
 * (every token escaped), token values, tables, charts.
 * Never colours with inline styles: palette classes plus data attributes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/norm.h"
#include "render/html.h"
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
		.doc = "the space whose vectors colour the tokens (its tokenizer: splits "
		    "the text)",
	},
	{
		.name = "measure",
		.type = OPT_ENUM,
		.def = "norm",
		.choices = measures,
		.doc = "norm: L2 norm of each token's vector; cosine-previous: cosine with "
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
		.doc = "minmax: over this paragraph's finite values (NaN ignored); unit: "
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
		.doc = "also list the N tokens (or adjacent pairs) with the highest values",
	},
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

static void
colorbar(xmlNodePtr parent, const char *label, double lo, double hi,
    int diverging)
{
	xmlNodePtr bar = html_el(parent, "div", "vd-colorbar"), sw, ramp;
	char cls[32], a[32], b[32];
	int k;

	html_attr(bar, "aria-hidden", "true");
	html_el_text(bar, "span", "vd-colorbar-label", label);
	fmt_value(a, sizeof(a), lo);
	fmt_value(b, sizeof(b), hi);
	html_el_text(bar, "span", "vd-colorbar-min", a);
	ramp = html_el(bar, "span", "vd-colorbar-ramp");
	for (k = 0; k < CHART_NCLASS; k++) {
		chart_class_name(diverging, k, cls, sizeof(cls));
		sw = html_el(ramp, "span", NULL);
		html_attrf(sw, "class", "vd-swatch %s", cls);
	}
	html_el_text(bar, "span", "vd-colorbar-max", b);
}

static int
heat_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	const char *mname = dx_text(d, "measure");
	long measure = directive_opt(d, "measure")->i,
	    scale = directive_opt(d, "scale")->i,
	    cmap = directive_opt(d, "colormap")->i;
	const struct dopt *to = directive_opt(d, "target");
	const struct space *s;
	const struct tokenizer *tk;
	struct toklist tl;
	struct diag dg;
	double *val = NULL, lo = INFINITY, hi = -INFINITY;
	long *rows = NULL, target = -1;
	size_t i, pos = 0, nnan = 0, nnovec = 0;
	int diverging, absval = directive_opt(d, "abs")->b, rc = -1, dims;
	int show = directive_opt(d, "values")->b;
	xmlNodePtr fig, para, sp, miss = NULL;
	struct buf out = BUF_INIT, oov = BUF_INIT;
	struct tokvals *tv;
	char label[128];

	toklist_init(&tl);
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
	if ((s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		return -1;
	dims = space_dims(s);
	if ((tk = pick_tokenizer(ctx, d, "tokenizer", dx_text(d, "space"))) ==
	    NULL)
		return -1;
	if (to->set) {
		struct toklist tt;

		/* The target goes through the same tokenizer: one token. */
		toklist_init(&tt);
		if (tok_encode(tk, to->text, strlen(to->text), &tt, &dg) < 0) {
			toklist_free(&tt);
			return dctx_error_at(ctx, to, "%s", dg.msg);
		}
		target = tt.n == 1 ? token_row(tk, s, &tt.v[0]) : -1;
		if (tt.n != 1 || target < 0) {
			dctx_error_at(ctx, to, tt.n == 1 ? "target '%s' is not in "
			    "space '%s'" : "target '%s' is not a single token of "
			    "space '%s'", to->text, dx_text(d, "space"));
			toklist_free(&tt);
			return -1;
		}
		toklist_free(&tt);
	}
	if (tok_encode(tk, d->body, d->bodylen, &tl, &dg) < 0) {
		ctx->line = d->body_line;
		dctx_error(ctx, "%s", dg.msg);
		goto out;
	}
	if (tl.n == 0) {
		dctx_error(ctx, "{token-heatmap}: the body has no tokens");
		goto out;
	}
	val = xcalloc(tl.n, sizeof(double));
	rows = xcalloc(tl.n, sizeof(long));
	for (i = 0; i < tl.n; i++) {
		const float *v;

		rows[i] = token_row(tk, s, &tl.v[i]);
		val[i] = NAN;
		if (rows[i] < 0) {
			nnovec++;
			continue;
		}
		v = space_row(s, rows[i]);
		if (measure == MEASURE_NORM)
			val[i] = vec_norm_numpy(v, dims);
		else if (measure == MEASURE_COS_PREV)
			val[i] = i > 0 && rows[i - 1] >= 0 ? cosine(v,
			    space_row(s, rows[i - 1]), dims) : NAN;
		else
			val[i] = cosine(v, space_row(s, target), dims);
		if (absval && !isnan(val[i]))
			val[i] = fabs(val[i]);
	}
	for (i = 0; i < tl.n; i++) {
		if (isnan(val[i])) {
			nnan++;
			continue;
		}
		lo = val[i] < lo ? val[i] : lo;
		hi = val[i] > hi ? val[i] : hi;
	}
	if (scale == SCALE_UNIT) {
		lo = 0;
		hi = 1;
	} else if (scale == SCALE_SIGNED) {
		lo = -1;
		hi = 1;
	}
	diverging = cmap == CMAP_DIVERGING || (cmap == CMAP_AUTO &&
	    scale == SCALE_SIGNED);

	fig = html_el(NULL, "figure", "vd-heatmap");
	html_attrf(fig, "data-measure", "%s", mname);
	para = html_el(fig, "p", "vd-heat-text");
	for (i = 0; i < tl.n; i++) {
		const struct token *t = &tl.v[i];
		char cls[48], num[32], tip[512];
		double x;

		if (t->start > pos)
			html_textn(para, d->body + pos, t->start - pos);
		if (t->end <= pos && i > 0)
			continue;	/* a piece inside bytes already shown */
		sp = html_el(para, "span", NULL);
		fmt_value(num, sizeof(num), val[i]);
		if (rows[i] < 0) {
			html_attr(sp, "class", "vd-tok vd-tok-none");
			snprintf(tip, sizeof(tip), "%s: %s", t->piece,
			    dctx_tr(ctx, "heatmap_no_vector", "no vector"));
			buf_printf(&oov, "%s%s", oov.len ? ", " : "", t->piece);
		} else if (isnan(val[i])) {
			html_attr(sp, "class", "vd-tok vd-tok-nan");
			snprintf(tip, sizeof(tip), "%s: %s", t->piece,
			    dctx_tr(ctx, "heatmap_no_value", "no value"));
		} else {
			x = hi > lo ? (val[i] - lo) / (hi - lo) : 0.5;
			chart_class_name(diverging, chart_class(x), cls,
			    sizeof(cls));
			html_attrf(sp, "class", "vd-tok %s", cls);
			snprintf(tip, sizeof(tip), "%s: %s", t->piece, num);
		}
		html_attr(sp, "data-v", num);
		html_attr(sp, "data-tip", tip);
		html_attr(sp, "title", tip);
		html_attr(sp, "tabindex", "0");
		{
			size_t a = t->start > pos ? t->start : pos;
			xmlNodePtr tt = show ? html_el(sp, "span", "vd-tok-t") :
			    sp;

			html_textn(tt, d->body + a, t->end > a ? t->end - a : 0);
			if (show)
				html_el_text(sp, "span", "vd-tok-v", num);
		}
		if (t->end > pos)
			pos = t->end;
	}
	if (pos < d->bodylen) {
		size_t e = d->bodylen;

		while (e > pos && (d->body[e - 1] == '\n' || d->body[e - 1] ==
		    '\r'))
			e--;
		html_textn(para, d->body + pos, e - pos);
	}
	snprintf(label, sizeof(label), "%s%s%s", absval ? "|" : "",
	    dctx_tr(ctx, measure == MEASURE_NORM ? "heatmap_norm" :
	    measure == MEASURE_COS_PREV ? "heatmap_cos_prev" :
	    "heatmap_cos_target", mname), absval ? "|" : "");
	if (to->set) {
		size_t l = strlen(label);

		snprintf(label + l, sizeof(label) - l, " (%s)", to->text);
	}
	if (lo <= hi)
		colorbar(fig, label, lo, hi, diverging);
	if (oov.len > 0) {
		char head[160];

		miss = html_el(fig, "p", "vd-heat-missing");
		snprintf(head, sizeof(head), "%s (%zu): ", dctx_tr(ctx,
		    "heatmap_missing", "Tokens without a vector"), nnovec);
		html_el_text(miss, "strong", NULL, head);
		html_text(miss, buf_str(&oov));
	}
	html_flush(fig, &out);
	result_add_html(res, out.data, out.len);
	tv = result_add_tokens(res, tl.n);
	for (i = 0; i < tl.n; i++) {
		tv->tokens[i] = xstrdup(tl.v[i].piece);
		tv->values[i] = val[i];
	}
	if (directive_opt(d, "chart")->b) {
		struct chart *c = result_add_chart(res, CHART_BAR,
		    "token-heatmap-chart", label);
		struct chart_series *sr = chart_add_series(c, mname, tl.n);

		chart_axes(c, dctx_tr(ctx, "heatmap_axis_tokens",
		    "tokens in text order"), label);
		c->zero_line = 1;
		for (i = 0; i < tl.n; i++) {
			chart_series_label(sr, i, tl.v[i].piece);
			sr->y[i] = val[i];
		}
	}
	if (directive_opt(d, "top")->i > 0 && tl.n > nnan) {
		static const char *const cols[] = { "#", "token", "value" };
		static const char *const pcols[] = { "#", "previous", "token",
		    "value" };
		int pairs = measure == MEASURE_COS_PREV;
		struct ranked *rk = xcalloc(tl.n, sizeof(*rk));
		size_t nr = 0, r, top = (size_t)directive_opt(d, "top")->i;
		struct table *tt = result_add_table(res, "token-heatmap-top",
		    dctx_tr(ctx, "heatmap_top", "Highest values"),
		    pairs ? 4 : 3, pairs ? pcols : cols);

		for (i = 0; i < tl.n; i++)
			if (!isnan(val[i])) {
				rk[nr].v = val[i];
				rk[nr++].i = i;
			}
		qsort(rk, nr, sizeof(*rk), ranked_cmp);
		for (r = 0; r < nr && r < top; r++) {
			size_t row = table_add_row(tt), c = 1;

			table_set_int(tt, row, 0, (long long)r + 1);
			if (pairs)
				table_set_text(tt, row, c++,
				    tl.v[rk[r].i - 1].piece);
			table_set_text(tt, row, c++, tl.v[rk[r].i].piece);
			table_set_num(tt, row, c, rk[r].v, 4);
		}
		free(rk);
	}
	rc = 0;
out:
	buf_clear(&out);
	buf_clear(&oov);
	free(val);
	free(rows);
	toklist_free(&tl);
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
	.summary = "a paragraph with each token coloured by its vector's norm or cosine",
	.opts = heat_opts,
	.body = BODY_REQUIRED,
	.body_doc = "the paragraph to colour",
	.run = heat_run,
	.estimate = token_heatmap_estimate,
	.version = 1,
	.strings = token_heatmap_strings,
	.example = "```{token-heatmap}\n:space: glove-wiki-100d\n:measure: cosine-target\n"
	    ":target: purple\n:abs:\nPurple is a colour between red and blue.\n```",
};
