/*
 * render/result.h: what a directive hands to renderers — a list of
 * items (HTML, tables, per-token values, chart series) that render as a
 * page fragment and serialise as JSON for `vecdoc run`.
 * Produces nothing itself; owns every string it holds (result_clear frees).
 * Never computes anything: kernels did that before.
 */
#ifndef VECDOC_RESULT_H
#define VECDOC_RESULT_H

#include <stddef.h>

#include "render/chart.h"
#include "util/buf.h"

enum cell_kind {
	CELL_TEXT,
	CELL_INT,
	CELL_NUM,	/* shown with "prec" decimals; NaN shown as "—" */
	CELL_EMPTY
};

struct cell {
	enum cell_kind	 kind;
	char		*text;
	double		 num;
	int		 prec;
};

struct table {
	char		*name;		/* stable key in JSON, CSV file name part */
	char		*caption;
	size_t		 ncols;
	char		**cols;
	int		*numeric;	/* per column: align right */
	size_t		 nrows;
	struct cell	*cells;		/* nrows * ncols, row-major */
	char		*note;		/* shown under the table */
	/* The scalars the directive documents (its spec's "scalars"),
	 * usually the numbers its note states: keys already folded
	 * ("spearman-ρ"), values as cells (CELL_INT or CELL_NUM). */
	size_t		 nscalars;
	char		**skeys;
	struct cell	*svals;
};

/* A named numeric series, e.g. one line of a chart. */
struct series {
	char		*name;
	size_t		 n;
	double		*x;		/* may be NULL (index order) */
	double		*y;
	char		**labels;	/* may be NULL */
};

enum item_kind {
	ITEM_HTML,	/* trusted fragment (rendered Markdown, SVG built by renderers) */
	ITEM_TABLE,
	ITEM_SERIES,
	ITEM_TOKENS,
	ITEM_MARKDOWN,	/* author's Markdown, parsed as part of the page */
	ITEM_CHART	/* a chart (render/chart.h), drawn as SVG */
};

/*
 * How a paragraph of token values is drawn as a heatmap (render/html.c):
 * the text, each token's byte range, its class, shown value and tooltip,
 * and the colour bar. Every string is final (translated, formatted);
 * the renderer only builds and escapes the HTML.
 */
struct tokheat {
	char		*text;		/* the paragraph */
	size_t		 len;
	size_t		*start;		/* [n] byte range of each token */
	size_t		*end;
	char		**cls;		/* [n] class attribute ("vd-tok ...") */
	char		**shown;	/* [n] value as shown ("0.431", "—") */
	char		**tip;		/* [n] tooltip */
	char		*measure;	/* data-measure of the figure */
	int		 show_values;	/* print each value under its token */
	int		 colorbar;	/* draw the colour bar */
	int		 diverging;
	char		*bar_label, *bar_lo, *bar_hi;
	char		*missing_head;	/* "Tokens without a vector (N): ", */
	char		*missing;	/* and the list; NULL when none */
};

struct tokvals {
	size_t		 n;
	char		**tokens;
	double		*values;	/* NaN = no value */
	struct tokheat	*heat;		/* NULL: values only (not drawn) */
};

struct item {
	enum item_kind	 kind;
	char		*html;		/* HTML, or Markdown source */
	long		 line;		/* Markdown: its first line in the page */
	struct table	*table;
	struct series	*series;
	struct tokvals	*tokens;
	struct chart	*chart;
};

struct result {
	char		*directive;
	struct item	*items;
	size_t		 nitems;
	char		*provenance;	/* one line, e.g. "glove-wiki-100d · glove.txt · 3fa9c1e2 · 50000 × 100" */
	char		*id;		/* element id of its wrapper, or NULL */
};

void	 result_init(struct result *r, const char *directive);
void	 result_clear(struct result *r);
/* Appends a trusted HTML fragment (copied). */
void	 result_add_html(struct result *r, const char *html, size_t len);
/* Appends Markdown (copied) that starts on "line" of the page. */
void	 result_add_markdown(struct result *r, const char *md, size_t len,
	    long line);
/* Appends a table with ncols named columns; fill with table_set_*. */
struct table *result_add_table(struct result *r, const char *name,
	    const char *caption, size_t ncols, const char *const *cols);
struct series *result_add_series(struct result *r, const char *name, size_t n);
struct tokvals *result_add_tokens(struct result *r, size_t n);
/* Gives t a heatmap drawing of n tokens over text[0..len) (all strings
 * NULL, to be filled); returns it. */
struct tokheat *tokvals_heat(struct tokvals *t, const char *text,
	    size_t len);
/* Appends a new chart (owned by r; see render/chart.h). */
struct chart *result_add_chart(struct result *r, enum chart_kind kind,
	    const char *name, const char *title);
/* Adds a row (cells empty) and returns its index. */
size_t	 table_add_row(struct table *t);
void	 table_set_text(struct table *t, size_t row, size_t col, const char *s);
void	 table_set_int(struct table *t, size_t row, size_t col, long long v);
void	 table_set_num(struct table *t, size_t row, size_t col, double v, int prec);
/* Adds (or replaces) the documented scalar "key" (a folded name such as
 * "spearman-ρ"); prec < 0: a whole number. */
void	 table_set_scalar(struct table *t, const char *key, double v,
	    int prec);
/* The cell's display text into out (locale-independent). */
void	 cell_format(const struct cell *c, char *out, size_t outsz);

/* The whole result as JSON ({"directive":..,"items":[..]}). */
void	 result_json(const struct result *r, struct buf *out, int pretty);
/* One table as CSV (RFC 4180). */
void	 table_csv(const struct table *t, struct buf *out);

#endif
