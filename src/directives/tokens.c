/*
 * directives/tokens: {tokens} — how one or more tokenizers split a text:
 * pieces, ids, counts and [UNK]s side by side.
 * Reads declared tokenizers; produces HTML and tables.
 * Never takes a text longer than DX_MAXTEXT.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "kern/norm.h"
#include "render/xml.h"
#include "data/data.h"
#include "store/space.h"
#include "tok/tok.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xalloc.h"

static const struct opt_spec tokens_opts[] = {
	{
		.name = "tokenizer",
		.type = OPT_WORDS,
		.required = 1,
		.doc = "one or more declared tokenizers (tokenizers: entries, "
		    "or spaces "
		    "with a tokenizer)",
	},
	{
		.name = "ids",
		.type = OPT_BOOL,
		.def = "false",
		.doc = "print each piece's id under it",
	},
	{
		.name = "pieces",
		.type = OPT_BOOL,
		.def = "false",
		.doc = "also a table of every piece (id, piece, byte offsets) "
		    "per "
		    "tokenizer",
	},
	{ .name = NULL }
};

static int
tokens_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	static const char *const scols[] = { "tokenizer", "tokens",
	    "[UNK]", "characters per token" };
	static const char *const pcols[] = { "#", "id", "piece", "start",
	    "end" };
	const struct dopt *o = directive_opt(d, "tokenizer");
	struct toklist *tl;
	struct table *sum;
	struct buf out = BUF_INIT;
	size_t k, i, r, nchar = 0;
	int ids = directive_opt(d, "ids")->b, rc = -1;
	xmlNodePtr fig;

	if (d->bodylen == 0 || strspn(d->body, " \t\r\n") == d->bodylen)
		return dctx_error(ctx, "{tokens} needs a text in its body");
	if (d->bodylen > DX_MAXTEXT)
		return dctx_error(ctx, "{tokens} body is %zu bytes; the limit "
		    "is %d", d->bodylen, DX_MAXTEXT);
	for (i = 0; i < d->bodylen; i++)
		nchar += ((unsigned char)d->body[i] & 0xC0) != 0x80;
	/* every tokenizer's split first: errors leave nothing behind */
	tl = xcalloc(o->nwords + 1, sizeof(*tl));
	for (k = 0; k < o->nwords; k++) {
		struct diag dg;
		const struct tokenizer *tk = data_tokenizer(ctx->data,
		    o->words[k], &dg);

		toklist_init(&tl[k]);
		if (tk == NULL) {
			dctx_error_at(ctx, o->set ? o : NULL, "%s", dg.msg);
			goto out;
		}
		if (tok_encode(tk, d->body, d->bodylen, &tl[k], &dg) < 0) {
			ctx->line = d->body_line;
			dctx_error(ctx, "%s", dg.msg);
			goto out;
		}
	}
	/* the pieces, one row per tokenizer */
	fig = html_el(NULL, "figure", "vd-tokens");
	for (k = 0; k < o->nwords; k++) {
		xmlNodePtr row = html_el(fig, "div", "vd-tokens-row"), line, sp;
		size_t pos = 0;
		char msg[96];

		html_el_text(row, "div", "vd-tokens-name", o->words[k]);
		line = html_el(row, "div", "vd-tokens-line");
		for (i = 0; i < tl[k].n; i++) {
			const struct token *t = &tl[k].v[i];
			char tip[256];
			size_t a = t->start > pos ? t->start : pos;

			sp = html_el(line, "span", t->unk ? "vd-piece vd-unk" :
			    (i % 2 ? "vd-piece vd-piece-odd" : "vd-piece"));
			if (t->id >= 0)
				snprintf(tip, sizeof(tip), "%s · id %ld",
				    t->piece, t->id);
			else
				snprintf(tip, sizeof(tip), "%s", t->piece);
			html_attr(sp, "title", tip);
			html_attr(sp, "data-tip", tip);
			html_attr(sp, "tabindex", "0");
			if (t->end > a)
				html_textn(sp, d->body + a, t->end - a);
			else
				html_text(sp, "·");
			if (ids && t->id >= 0) {
				char num[24];

				snprintf(num, sizeof(num), "%ld", t->id);
				html_el_text(sp, "span", "vd-piece-id", num);
			}
			if (t->end > pos)
				pos = t->end;
		}
		snprintf(msg, sizeof(msg), "%zu %s", tl[k].n,
		    dctx_tr(ctx, "tokens_count", "tokens"));
		html_el_text(row, "div", "vd-tokens-count", msg);
	}
	html_flush(fig, &out);
	result_add_html(res, out.data, out.len);
	/* counts, then (when asked) every piece */
	sum = result_add_table(res, "tokens", dctx_tr(ctx, "tokens_caption",
	    "How each tokenizer splits the text"), 4, scols);
	for (k = 0; k < o->nwords; k++) {
		size_t nunk = 0;

		for (i = 0; i < tl[k].n; i++)
			nunk += tl[k].v[i].unk != 0;
		r = table_add_row(sum);
		table_set_text(sum, r, 0, o->words[k]);
		table_set_int(sum, r, 1, (long long)tl[k].n);
		table_set_int(sum, r, 2, (long long)nunk);
		table_set_num(sum, r, 3, tl[k].n ? (double)nchar /
		    (double)tl[k].n : NAN, 2);
	}
	for (k = 0; directive_opt(d, "pieces")->b && k < o->nwords; k++) {
		char name[64], cap[160];
		struct table *pt;

		snprintf(name, sizeof(name), "tokens-%s", o->words[k]);
		snprintf(cap, sizeof(cap), "%s: %zu tokens", o->words[k],
		    tl[k].n);
		pt = result_add_table(res, name, cap, 5, pcols);
		for (i = 0; i < tl[k].n; i++) {
			const struct token *t = &tl[k].v[i];

			r = table_add_row(pt);
			table_set_int(pt, r, 0, (long long)i + 1);
			table_set_int(pt, r, 1, t->id);
			table_set_text(pt, r, 2, t->piece);
			table_set_int(pt, r, 3, (long long)t->start);
			table_set_int(pt, r, 4, (long long)t->end);
		}
	}
	rc = 0;
out:
	for (k = 0; k < o->nwords; k++)
		toklist_free(&tl[k]);
	free(tl);
	buf_clear(&out);
	return rc;
}

static int
tokens_estimate(struct dctx *ctx, const struct directive *d,
    struct work_estimate *we)
{
	const struct dopt *o = directive_opt(d, "tokenizer");
	double n = (double)d->bodylen;

	(void)ctx;
	/* A tokenizer looks at each byte a few dozen times at most. */
	we->ops = n * (double)o->nwords * 50;
	we->bytes = n * (double)o->nwords * 64;
	dx_why(we->why, sizeof(we->why), "%.0f bytes of text × %zu "
	    "tokenizers", n, o->nwords);
	we->lower = "the text or :tokenizer:";
	return 0;
}

static const char *const tokens_strings[] = {
	"tokenizer",
	"tokens",
	"[UNK]",
	"characters per token",
	"#",
	"id",
	"piece",
	"start",
	"end",
	"%s: %s tokens",
	NULL
};

const struct directive_spec directive_tokens = {
	.name = "tokens",
	.summary = "how tokenizers split a text: pieces, ids, counts, [UNK]s",
	.opts = tokens_opts,
	.body = BODY_REQUIRED,
	.body_doc = "the text to split",
	.run = tokens_run,
	.estimate = tokens_estimate,
	.version = 1,
	.strings = tokens_strings,
	.example = "```{tokens}\n:tokenizer: bert-base-uncased, "
	    "gpt2\nTokenizers "
	    "disagree about unaffable words.\n```",
};
