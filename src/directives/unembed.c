/*
 * directives/unembed: {unembed} — a vector given as a sum of rows
 * (`king - man + woman`, `#5 + #10`, a token of one space plus a
 * position of another) read back through a space's rows, as a model's
 * tied output layer does: the top rows by logit (dot product) with
 * softmax probabilities at a stated temperature, and the top rows by
 * cosine.
 * Reads declared spaces; produces two tables.
 * Never drops an unknown word or mismatched term silently: each is a
 * located error.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/data.h"
#include "directives/common.h"
#include "directives/registry.h"
#include "kern/posemb.h"
#include "store/config.h"
#include "store/space.h"
#include "tok/tok.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define UN_MAXTERMS 64

static const struct opt_spec un_opts[] = {
	{
		.name = "space",
		.type = OPT_SPACE,
		.required = 1,
		.doc = "the space whose rows read the vector out (the output "
		    "layer), and where plain terms are looked up",
	},
	{
		.name = "k",
		.type = OPT_INT,
		.def = "10",
		.min = 1,
		.max = 100,
		.doc = "rows listed by logit and by cosine",
	},
	{
		.name = "temperature",
		.type = OPT_FLOAT,
		.def = "1",
		.doc = "softmax temperature (greater than 0): probabilities "
		    "∝ exp(logit / temperature)",
	},
	{
		.name = "exclude",
		.type = OPT_BOOL,
		.def = "false",
		.doc = "leave the rows the expression names out of both lists "
		    "(as analogy tasks do)",
	},
	DX_OPT_PIECES,
	DX_OPT_FILTER,
	{ .name = NULL }
};

struct term {
	int		 sign;
	char		*text;		/* as written */
	const struct space *s;
	long		 row;		/* -1: a token space's word of pieces */
	struct dx_wvec	 wv;		/* a token space's term (:pieces:) */
	long		 line;
	int		 col;
};

/* Reports an error at body line/col. */
static int
body_error(struct dctx *ctx, long line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int
body_error(struct dctx *ctx, long line, int col, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diaglist_add(ctx->diags, DIAG_ERROR, ctx->file, line, col, "%s", msg);
	return -1;
}

/*
 * Resolves one term: "WORD" in the main space, or "SPACE:WORD" when
 * SPACE is a declared space (then WORD in that space). An unknown word
 * gets a did-you-mean over the space's rows.
 */
static int
resolve_term(struct dctx *ctx, const struct directive *d,
    const struct space *main, struct term *t, struct result *res)
{
	const char *colon = strchr(t->text, ':'), *w = t->text,
	    *sname = dx_text(d, "space");
	const struct space *s = main;
	char *pre = NULL;

	if (colon != NULL && colon > t->text && colon[1] != '\0') {
		pre = xstrndup(t->text, (size_t)(colon - t->text));
		if (data_space_decl(ctx->data, pre) != NULL) {
			struct diag dg;
			char prov[512];

			memset(&dg, 0, sizeof(dg));
			if ((s = data_space(ctx->data, pre, &dg)) == NULL) {
				body_error(ctx, t->line, t->col, "%s", dg.msg);
				free(pre);
				return -1;
			}
			data_provenance(ctx->data, s, prov, sizeof(prov));
			dx_provenance(res, prov);
			sname = data_space_decl(ctx->data, pre)->name;
			w = colon + 1;
		}
	}
	t->s = s;
	if (dx_token_space(ctx, sname) != NULL) {
		/* #id, piece, or a word made one vector by :pieces: */
		char *ww = (char *)w;
		long save = ctx->line;
		int scol = ctx->col, rc;

		ctx->line = t->line;
		ctx->col = t->col;
		rc = dx_word_vectors(ctx, d, NULL, s, sname, &ww, 1, &t->wv);
		ctx->line = save;
		ctx->col = scol;
		t->row = rc == 0 ? t->wv.row[0] : -1;
		free(pre);
		return rc;
	}
	if ((t->row = dx_find(s, w)) >= 0) {
		free(pre);
		return 0;
	}
	if (w[0] == '#' && strspn(w + 1, "0123456789") == strlen(w + 1) &&
	    w[1] != '\0')
		body_error(ctx, t->line, t->col, "row '%s' not in space '%s' "
		    "(rows #0 to #%ld)", w, sname, space_rows(s) - 1);
	else {
		const char **words = dx_space_words(s);
		const char *h = diag_suggest(w, words, (size_t)space_rows(s));

		body_error(ctx, t->line, t->col, "word '%s' not in space '%s' "
		    "(%ld rows)%s%s%s", w, sname, space_rows(s),
		    h ? " (did you mean '" : "", h ? h : "", h ? "'?)" : "");
		free(words);
	}
	free(pre);
	return -1;
}

/*
 * Splits the body into signed terms: words separated by white space,
 * with "+" and "-" (or "−") standing alone between them; a leading "-"
 * negates the first term. Fills t[0..*n); heap texts.
 */
static int
parse_expr(struct dctx *ctx, const struct directive *d, struct term *t,
    size_t *n)
{
	const char *p = d->body, *end = d->body + d->bodylen;
	long line = d->body_line;
	const char *bol = p;
	int sign = 1, have_op = 1;
	long opline = line;
	int opcol = 1;

	*n = 0;
	while (p < end) {
		const char *q;
		size_t len;
		int col;

		if (*p == '\n') {
			line++;
			bol = ++p;
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\r') {
			p++;
			continue;
		}
		for (q = p; q < end && *q != ' ' && *q != '\t' && *q != '\n' &&
		    *q != '\r'; q++)
			;
		len = (size_t)(q - p);
		col = (int)(p - bol) + 1;
		if ((len == 1 && (*p == '+' || *p == '-')) ||
		    (len == 3 && memcmp(p, "\xE2\x88\x92", 3) == 0)) {
			if (have_op && !(*n == 0 && *p != '+' && sign == 1))
				return body_error(ctx, line, col, "expected a "
				    "word before '%.*s'", (int)len, p);
			sign = *p == '+' ? 1 : -1;
			have_op = 1;
			opline = line;
			opcol = col;
			p = q;
			continue;
		}
		if (!have_op)
			return body_error(ctx, line, col, "expected + or - "
			    "between '%s' and '%.*s'", t[*n - 1].text,
			    (int)len, p);
		if (*n == UN_MAXTERMS)
			return body_error(ctx, line, col, "more than %d terms",
			    UN_MAXTERMS);
		t[*n].sign = sign;
		t[*n].text = xstrndup(p, len);
		t[*n].line = line;
		t[*n].col = col;
		(*n)++;
		sign = 1;
		have_op = 0;
		p = q;
	}
	if (*n == 0)
		return dctx_error(ctx, "{unembed} needs an expression in its "
		    "body, e.g. 'king - man + woman'");
	if (have_op)
		return body_error(ctx, opline, opcol, "expected a word after "
		    "the last operator");
	return 0;
}

static int
un_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const lcols[] = { "#", "row", "logit",
	    "probability" };
	static const char *const ccols[] = { "#", "row", "cosine" };
	const struct dopt *tempo = directive_opt(d, "temperature");
	double temp = tempo->f, *v = NULL, *logit = NULL, *cosine = NULL,
	    *p = NULL, h;
	long k = directive_opt(d, "k")->i, *top = NULL, m, i, rows;
	unsigned char *skip = NULL;
	const struct space *s;
	struct term t[UN_MAXTERMS];
	struct table *tb;
	struct buf expr = BUF_INIT, nb = BUF_INIT;
	const struct tokenizer *tok;
	enum tokspace_pieces pol;
	size_t n = 0, j;
	int dims, c, rc = -1, filter;
	char note[512];

	memset(t, 0, sizeof(t));
	if ((s = dx_space(ctx, d, "space", NULL, res)) == NULL)
		return -1;
	tok = dx_token_space(ctx, dx_text(d, "space"));
	if (dx_pieces(ctx, d, tok != NULL, dx_text(d, "space"), &pol) < 0 ||
	    (filter = dx_filter_words(ctx, d, tok, dx_text(d, "space"))) < 0)
		return -1;
	if (!(temp > 0) || !isfinite(temp) || temp > 1e6)
		return dctx_error_at(ctx, tempo, ":temperature: must be greater "
		    "than 0 and at most 1e6, found %s (for the most likely row "
		    "alone, read the first logit)", tempo->text);
	if (parse_expr(ctx, d, t, &n) < 0)
		goto out;
	dims = space_dims(s);
	rows = space_rows(s);
	for (j = 0; j < n; j++) {
		if (resolve_term(ctx, d, s, &t[j], res) < 0)
			goto out;
		if (space_dims(t[j].s) != dims) {
			body_error(ctx, t[j].line, t[j].col, "'%s' has %d "
			    "dimensions but '%s' has %d: a sum needs equal "
			    "dimensions", t[j].text, space_dims(t[j].s),
			    dx_text(d, "space"), dims);
			goto out;
		}
	}
	v = xcalloc((size_t)dims, sizeof(double));
	for (j = 0; j < n; j++) {
		const float *r = t[j].wv.v != NULL ? t[j].wv.v :
		    space_row(t[j].s, t[j].row);

		for (c = 0; c < dims; c++)
			v[c] += t[j].sign * (double)r[c];
		buf_printf(&expr, "%s%s", j == 0 ? (t[j].sign < 0 ? "−" : "") :
		    t[j].sign < 0 ? " − " : " + ", t[j].text);
	}
	logit = xcalloc((size_t)rows, sizeof(double));
	cosine = xcalloc((size_t)rows, sizeof(double));
	p = xcalloc((size_t)rows, sizeof(double));
	top = xcalloc((size_t)k, sizeof(long));
	posemb_read_out(space_row(s, 0), rows, dims, v, logit, cosine);
	h = posemb_softmax(logit, rows, temp, p);
	if (directive_opt(d, "exclude")->b || filter) {
		skip = xcalloc((size_t)rows, 1);
		/* :filter: words: the rows that are not words never listed */
		for (i = 0; filter && i < rows; i++)
			skip[i] = !tok_piece_is_word(tok, space_word(s, i,
			    NULL));
	}
	if (directive_opt(d, "exclude")->b) {
		for (j = 0; j < n; j++)
			for (i = 0; t[j].s == s && i < TOKSPACE_MAXPIECES; i++) {
				long u = t[j].wv.used != NULL ?
				    t[j].wv.used[i] : i == 0 ? t[j].row : -1;

				if (u >= 0)
					skip[u] = 1;
			}
	}
	tb = result_add_table(res, "logits", "Top rows by logit (dot "
	    "product with every row)", 4, lcols);
	m = posemb_topk(logit, rows, k, skip, top);
	for (i = 0; i < m; i++) {
		size_t row = table_add_row(tb);

		table_set_int(tb, row, 0, i + 1);
		table_set_text(tb, row, 1, dx_row_name(tok, s, top[i], &nb));
		table_set_num(tb, row, 2, logit[top[i]], 4);
		table_set_num(tb, row, 3, p[top[i]], 6);
	}
	snprintf(note, sizeof(note), "v = %s; softmax over all %ld rows at "
	    "temperature %g (entropy %.3f nats)", buf_str(&expr), rows, temp,
	    h);
	tb->note = xstrdup(note);
	for (j = 0; j < n; j++)
		dx_wvec_note(&t[j].wv, &tb->note);
	tb = result_add_table(res, "cosine", "Top rows by cosine", 3, ccols);
	m = posemb_topk(cosine, rows, k, skip, top);
	for (i = 0; i < m; i++) {
		size_t row = table_add_row(tb);

		table_set_int(tb, row, 0, i + 1);
		table_set_text(tb, row, 1, dx_row_name(tok, s, top[i], &nb));
		table_set_num(tb, row, 2, cosine[top[i]], 4);
	}
	rc = 0;
out:
	for (j = 0; j < n; j++) {
		free(t[j].text);
		dx_wvec_free(&t[j].wv);
	}
	buf_clear(&expr);
	buf_clear(&nb);
	free(v);
	free(logit);
	free(cosine);
	free(p);
	free(top);
	free(skip);
	return rc;
}

static int
un_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	double rows, dims;

	if (dx_space_size(ctx, d, "space", &rows, &dims) != 0)
		return -1;
	/* A dot product and a norm per row, the softmax and the top-k. */
	we->ops = rows * dims * 2 + rows * 30;
	we->bytes = rows * 8 * 3;
	dx_why(we->why, sizeof(we->why), "%.0f rows × %.0f dimensions", rows,
	    dims);
	we->lower = ":space: (one of fewer rows)";
	return 0;
}

static const char *const unembed_strings[] = {
	"row",
	"logit",
	"probability",
	"cosine",
	"Top rows by logit (dot product with every row)",
	"Top rows by cosine",
	"v = %s; softmax over all %s rows at temperature %s (entropy %s nats)",
	DX_PIECES_STRINGS,
	NULL
};

const struct directive_spec directive_unembed = {
	.name = "unembed",
	.summary = "read a sum of rows back through a space's rows: top rows "
	    "by logit with softmax probabilities, and by cosine",
	.opts = un_opts,
	.body = BODY_REQUIRED,
	.body_doc = "the expression: rows joined by + and - (`king - man + "
	    "woman`, `#5 + #10`, `SPACE:WORD` for a row of another space of "
	    "the same dimension)",
	.run = un_run,
	.estimate = un_estimate,
	.version = 1,
	.strings = unembed_strings,
	.example = "```{unembed}\n:space: glove-wiki-100d\n:k: 5\n"
	    ":temperature: 0.5\nking - man + woman\n```",
};
