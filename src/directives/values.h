/*
 * directives/values.h: the named values of a page — every table cell of
 * every result named with ":name:" — and their formatting in prose
 * ({val} roles), in the site's language.
 *
 * Paths: NAME.TABLE.ROW.COLUMN for every cell (ROW: the row's first cell,
 * COLUMN: the column's title, TABLE: the table's name), and when the
 * result has one table also NAME.ROW.COLUMN; NAME.TABLE.COLUMN (and
 * NAME.COLUMN) is the list of a column's cells, for membership claims.
 * Each part is folded: lower case, diacritics dropped, every run of other
 * ASCII characters one '-' ("Spearman ρ" → "spearman-ρ"). When columns
 * fold to the same title, the second is TITLE-2, the third TITLE-3
 * (rank, norm, rank, norm → rank, norm, rank-2, norm-2). A table's
 * documented scalars (directive.h, struct scalar_doc) are NAME.KEY and
 * NAME.TABLE.KEY, added before any cell so that a scalar wins over a
 * column list of the same name at NAME.KEY; where tables share a key,
 * the first table's is NAME.KEY. Otherwise the first path added wins.
 */
#ifndef VECDOC_VALUES_H
#define VECDOC_VALUES_H

#include <stddef.h>

#include "render/result.h"
#include "util/buf.h"
#include "util/hash.h"

enum val_kind {
	VAL_NUM,
	VAL_TEXT,
	VAL_BOOL,
	VAL_LIST
};

struct value {
	enum val_kind	 kind;
	double		 num;		/* NUM, BOOL (0/1) */
	int		 prec;		/* NUM: decimals shown by default; -1: integer */
	char		*text;		/* TEXT */
	char		**list;		/* LIST: items as shown */
	size_t		 n;
};

struct values {
	struct strmap	 map;		/* path -> struct value * */
	char		**paths;	/* in insertion order */
	size_t		 npaths;
};

void	 values_init(struct values *v);
void	 values_clear(struct values *v);
/* Adds the values of r under "name". */
void	 values_add_result(struct values *v, const char *name,
	    const struct result *r);
const struct value *values_get(const struct values *v, const char *path);
/* The known path closest to "path", or NULL. */
const char *values_suggest(const struct values *v, const char *path);
/* A path part folded as described above. Heap. */
char	*values_key(const char *s);

/*
 * Formats x for prose in language "lang" ("vi": decimal comma, '.'
 * between thousands; otherwise the English marks). "fmt" is NULL (the
 * value's own precision) or a spec: ".Nf" (N decimals), ".N%" (a
 * percentage with N decimals), "d" (whole number), ",": always group
 * thousands. Returns 0, or -1 when fmt is not understood.
 */
int	 values_format(const struct value *x, const char *fmt,
	    const char *lang, struct buf *out);

#endif
