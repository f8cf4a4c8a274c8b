/*
 * directives/common: what the analysis directives share — opening the
 * space an option names, looking words up with one located error for all
 * unknown words, word lists from options or bodies, provenance lines.
 * Never computes results itself.
 */
#ifndef VECDOC_DIRECTIVES_COMMON_H
#define VECDOC_DIRECTIVES_COMMON_H

#include <stddef.h>

#include "directives/directive.h"

struct space;
struct knn_index;

/*
 * The space named by option "opt" (an OPT_SPACE option), and its search
 * index in *ix when ix is not NULL. Appends the space's provenance to
 * res->provenance. NULL with an error located at the option when the
 * space cannot be opened.
 */
const struct space *dx_space(struct dctx *ctx, const struct directive *d,
	    const char *opt, const struct knn_index **ix, struct result *res);

/* As dx_space for a space named in a word list (errors located at o). */
const struct space *dx_space_named(struct dctx *ctx, const struct dopt *o,
	    const char *name, const struct knn_index **ix, struct result *res);
/* Appends one provenance line to res (once; lines joined by "; "). */
void	 dx_provenance(struct result *res, const char *line);

/* Row of w in s: the exact token, else its case-folded match; -1. */
long	 dx_find(const struct space *s, const char *w);

/*
 * Rows of n words in s (spacename for messages). Unknown words give one
 * error listing them, located at option o (or the directive when o is
 * NULL). Returns 0, or -1 after the error.
 */
int	 dx_rows(struct dctx *ctx, const struct dopt *o, const struct space *s,
	    const char *spacename, char *const *words, size_t n, long *rows);

/*
 * The words of option "opt" when it is set, else of the body (split on
 * white space and commas). A heap array of heap strings (dx_free_words);
 * *n may be 0.
 */
char	**dx_words(const struct directive *d, const char *opt, size_t *n);
void	 dx_free_words(char **w, size_t n);

/* The option value's text ("" when unset and without default). */
const char *dx_text(const struct directive *d, const char *opt);

/* Directive body split into non-empty lines, each trimmed; *lines gets
 * the body line number (1-based in the page) of each. Heap strings. */
char	**dx_lines(const struct directive *d, size_t *n, long **lines);

#endif
