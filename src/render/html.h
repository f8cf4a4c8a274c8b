/*
 * render/html.h: libxml2 helpers for the HTML and SVG vecdoc generates.
 * Produces element trees and their XHTML-compatible serialisation, so
 * that every string from data is escaped by construction.
 * Never emits raw text from data without escaping.
 */
#ifndef VECDOC_HTML_H
#define VECDOC_HTML_H

#include <libxml/tree.h>

#include "render/result.h"
#include "util/buf.h"

/* A detached element (parent NULL) or a child appended to parent. */
xmlNodePtr html_el(xmlNodePtr parent, const char *tag, const char *cls);
void	 html_attr(xmlNodePtr n, const char *name, const char *value);
void	 html_attrf(xmlNodePtr n, const char *name, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Appends escaped text. */
void	 html_text(xmlNodePtr n, const char *text);
void	 html_textn(xmlNodePtr n, const char *text, size_t len);
/* Element with text content. */
xmlNodePtr html_el_text(xmlNodePtr parent, const char *tag, const char *cls,
	    const char *text);
/* Serialises n and its subtree (HTML5-compatible XHTML) into out, then
 * frees n. */
void	 html_flush(xmlNodePtr n, struct buf *out);

/*
 * Called for each table when rendering a result: returns the href of the
 * CSV file it wrote (heap string; NULL for no download link).
 */
typedef char *(*csv_sink_fn)(void *ctx, const struct table *t);

/* Renders one item (not Markdown items: the caller parses those). */
void	 result_render_item(const struct result *r, const struct item *it,
	    csv_sink_fn sink, void *ctx, struct buf *out);
/* The opening and closing of a result's wrapper element. */
void	 result_render_open(const struct result *r, struct buf *out);
void	 result_render_close(const struct result *r, struct buf *out);
/* A table element with caption, header row, numeric alignment. */
xmlNodePtr table_render(const struct table *t, const char *csv_href);
/* A paragraph of token values as a heatmap (t->heat must be set):
 * palette classes and data attributes, never inline styles. */
struct tokvals;
void	 tokheat_render(const struct tokvals *t, struct buf *out);

#endif
