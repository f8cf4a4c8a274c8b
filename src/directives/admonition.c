/*
 * directives/admonition: {note}, {tip}, {warning}, {important} — a boxed
 * aside whose body is Markdown (MyST admonitions).
 * Produces one trusted HTML item (the author's Markdown, rendered).
 * Never reads data.
 */
#include <stdlib.h>
#include <string.h>

#include "directives/common.h"
#include "directives/registry.h"
#include "render/xml.h"
#include "util/buf.h"

static const struct opt_spec admonition_opts[] = {
	{
		.name = "title",
		.type = OPT_STRING,
		.doc = "heading of the box (default: the kind, in the site's "
		    "language)",
	},
	{
		.name = "class",
		.type = OPT_STRING,
		.doc = "extra CSS class names",
	},
	{ .name = NULL }
};

static int
admonition_run(struct dctx *ctx, const struct directive *d, struct result *res)
{
	const struct dopt *t = directive_opt(d, "title");
	const struct dopt *c = directive_opt(d, "class");
	const char *title;
	char key[64], fallback[64];
	struct buf b = BUF_INIT;
	xmlNodePtr head;

	snprintf(key, sizeof(key), "admonition_%s", d->name);
	snprintf(fallback, sizeof(fallback), "%c%s", d->name[0] - 32, d->name + 1);
	if (d->arg != NULL)
		title = d->arg;
	else if (t->set)
		title = t->text;
	else
		title = dctx_tr(ctx, key, fallback);
	buf_printf(&b, "<aside class=\"admonition %s", d->name);
	if (c->set) {
		buf_putc(&b, ' ');
		buf_put_html(&b, c->text, strlen(c->text));
	}
	buf_puts(&b, "\" role=\"note\">");
	head = html_el(NULL, "p", "admonition-title");
	html_text(head, title);
	html_flush(head, &b);
	result_add_html(res, b.data, b.len);
	result_add_markdown(res, d->body, d->bodylen, d->body_line);
	result_add_html(res, "</aside>\n", 9);
	buf_clear(&b);
	return 0;
}

static const char *const admonition_strings[] = { NULL };

#define ADMONITION(kind, what)						\
const struct directive_spec directive_##kind = {			\
	.name = #kind,							\
	.summary = what,						\
	.opts = admonition_opts,					\
	.body = BODY_REQUIRED,						\
	.body_doc = "the Markdown text of the box",			\
	.arg = 1,							\
	.arg_doc = "an optional title",					\
	.run = admonition_run,						\
	.estimate = dx_estimate_none,					\
	.version = 1,							\
	.strings = admonition_strings,					\
	.example = "```{" #kind "}\nMarkdown **text** of the box.\n```"	\
}

ADMONITION(note, "a note beside the main text");
ADMONITION(tip, "a practical hint");
ADMONITION(warning, "something that goes wrong easily");
ADMONITION(important, "something the reader must not miss");
