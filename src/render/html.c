/*
 * render/html: results as HTML fragments (tables, token heatmaps,
 * charts), written with render/xml.
 * Never computes statistics; only formats what a result holds.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlsave.h>

#include "render/html.h"
#include "util/xalloc.h"

xmlNodePtr
table_render(const struct table *t, const char *csv_href)
{
	xmlNodePtr fig = html_el(NULL, "figure", "vd-table");
	xmlNodePtr wrap = html_el(fig, "div", "vd-table-scroll");

	/* a scrollable region must be reachable by keyboard */
	html_attr(wrap, "tabindex", "0");
	html_attr(wrap, "role", "region");
	html_attr(wrap, "aria-label", t->caption ? t->caption : t->name);
	xmlNodePtr tab = html_el(wrap, "table", NULL), tr, th, td, cap, a;
	size_t i, j;
	char tmp[128];

	if (t->caption != NULL) {
		cap = html_el(tab, "caption", NULL);
		html_text(cap, t->caption);
	}
	tr = html_el(html_el(tab, "thead", NULL), "tr", NULL);
	for (j = 0; j < t->ncols; j++) {
		th = html_el_text(tr, "th", t->numeric[j] ? "num" : NULL, t->cols[j]);
		html_attr(th, "scope", "col");
	}
	xmlNodePtr body = html_el(tab, "tbody", NULL);
	for (i = 0; i < t->nrows; i++) {
		tr = html_el(body, "tr", NULL);
		for (j = 0; j < t->ncols; j++) {
			const struct cell *c = &t->cells[i * t->ncols + j];

			cell_format(c, tmp, sizeof(tmp));
			td = html_el(tr, "td", t->numeric[j] ? "num" : NULL);
			html_text(td, c->kind == CELL_TEXT ? c->text : tmp);
		}
	}
	if (t->note != NULL || csv_href != NULL) {
		xmlNodePtr fc = html_el(fig, "figcaption", NULL);

		if (t->note != NULL)
			html_text(fc, t->note);
		if (csv_href != NULL) {
			if (t->note != NULL)
				html_text(fc, " ");
			a = html_el_text(fc, "a", "vd-csv", "CSV");
			html_attr(a, "href", csv_href);
			html_attr(a, "download", "");
		}
	}
	return fig;
}

void
result_render_open(const struct result *r, struct buf *out)
{
	buf_puts(out, "<div class=\"vd-result vd-");
	buf_put_html(out, r->directive, strlen(r->directive));
	if (r->id != NULL) {
		buf_puts(out, "\" id=\"");
		buf_put_html(out, r->id, strlen(r->id));
	}
	buf_puts(out, "\">");
}

void
result_render_close(const struct result *r, struct buf *out)
{
	if (r->provenance != NULL) {
		xmlNodePtr p = html_el(NULL, "p", "vd-provenance");

		html_text(p, r->provenance);
		html_flush(p, out);
	}
	buf_puts(out, "</div>\n");
}

void
result_render_item(const struct result *r, const struct item *it,
    csv_sink_fn sink, void *ctx, struct buf *out)
{
	char *href;

	(void)r;
	switch (it->kind) {
	case ITEM_HTML:
		buf_puts(out, it->html);
		break;
	case ITEM_TABLE:
		href = sink ? sink(ctx, it->table) : NULL;
		html_flush(table_render(it->table, href), out);
		free(href);
		break;
	case ITEM_CHART:
		chart_render(it->chart, out);
		break;
	case ITEM_TOKENS:
		if (it->tokens->heat != NULL)
			tokheat_render(it->tokens, out);
		break;
	default:
		/* Series are data (`vecdoc run`); charts draw them. */
		break;
	}
}

static void
colorbar(xmlNodePtr parent, const struct tokheat *h)
{
	xmlNodePtr bar = html_el(parent, "div", "vd-colorbar"), sw, ramp;
	char cls[32];
	int k;

	html_attr(bar, "aria-hidden", "true");
	html_el_text(bar, "span", "vd-colorbar-label", h->bar_label);
	html_el_text(bar, "span", "vd-colorbar-min", h->bar_lo);
	ramp = html_el(bar, "span", "vd-colorbar-ramp");
	for (k = 0; k < CHART_NCLASS; k++) {
		chart_class_name(h->diverging, k, cls, sizeof(cls));
		sw = html_el(ramp, "span", NULL);
		html_attrf(sw, "class", "vd-swatch %s", cls);
	}
	html_el_text(bar, "span", "vd-colorbar-max", h->bar_hi);
}

void
tokheat_render(const struct tokvals *t, struct buf *out)
{
	const struct tokheat *h = t->heat;
	xmlNodePtr fig, para, sp, miss;
	size_t i, pos = 0;

	fig = html_el(NULL, "figure", "vd-heatmap");
	html_attrf(fig, "data-measure", "%s", h->measure ? h->measure : "");
	para = html_el(fig, "p", "vd-heat-text");
	for (i = 0; i < t->n; i++) {
		size_t a;
		xmlNodePtr tt;

		if (h->start[i] > pos)
			html_textn(para, h->text + pos, h->start[i] - pos);
		if (h->end[i] <= pos && i > 0)
			continue;	/* a piece inside bytes already shown */
		sp = html_el(para, "span", NULL);
		html_attr(sp, "class", h->cls[i]);
		html_attr(sp, "data-v", h->shown[i]);
		html_attr(sp, "data-tip", h->tip[i]);
		html_attr(sp, "title", h->tip[i]);
		html_attr(sp, "tabindex", "0");
		a = h->start[i] > pos ? h->start[i] : pos;
		tt = h->show_values ? html_el(sp, "span", "vd-tok-t") : sp;
		html_textn(tt, h->text + a, h->end[i] > a ? h->end[i] - a : 0);
		if (h->show_values)
			html_el_text(sp, "span", "vd-tok-v", h->shown[i]);
		if (h->end[i] > pos)
			pos = h->end[i];
	}
	if (pos < h->len) {
		size_t e = h->len;

		while (e > pos && (h->text[e - 1] == '\n' ||
		    h->text[e - 1] == '\r'))
			e--;
		html_textn(para, h->text + pos, e - pos);
	}
	if (h->colorbar)
		colorbar(fig, h);
	if (h->missing != NULL) {
		miss = html_el(fig, "p", "vd-heat-missing");
		html_el_text(miss, "strong", NULL, h->missing_head);
		html_text(miss, h->missing);
	}
	html_flush(fig, out);
}
