/*
 * render/html.h: results as HTML fragments — tables with their CSV
 * links, token heatmaps, charts (through render/chart.h) — written with
 * the escaping writer of render/xml.h.
 */
#ifndef VECDOC_HTML_H
#define VECDOC_HTML_H

#include "render/result.h"
#include "render/xml.h"
#include "util/buf.h"

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
