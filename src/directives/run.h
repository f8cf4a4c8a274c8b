/*
 * directives/run.h: running one directive block for a page or for
 * `vecdoc run` — parse and validate it against the declared data, run it,
 * and put its labels into the site's language.
 */
#ifndef VECDOC_DIRECTIVES_RUN_H
#define VECDOC_DIRECTIVES_RUN_H

#include <stddef.h>

#include "directives/budget.h"
#include "render/result.h"
#include "util/diag.h"
#include "util/hash.h"
#include "util/yamltree.h"

struct data;

/* What every directive of a build shares. */
struct drun {
	struct data		*data;		/* the declared data */
	const struct ynode	*cfg;		/* vecdoc.yml's tree, or NULL */
	const struct strmap	*i18n;		/* UI strings; NULL keeps English */
	int			 strict;
	/* Work budget (budget_config); all zero: vecdoc.yml's budget: or
	 * the defaults, read for each block. */
	struct budget		 budget;
};

/*
 * Runs the directive block whose fence info string is "info" and whose
 * content is lit[0..len), located at file:line:col. "ctx" is a struct
 * drun. Fills r; errors go to diags. Returns 0, or -1 when it failed.
 * (The md_directive_fn a build hands md/.)
 */
int	 drun_block(void *ctx, const char *info, const char *lit, size_t len,
	    const char *file, long line, int col, struct diaglist *diags,
	    struct result *r);

/*
 * Parses the block as drun_block does and fills *we with its estimate
 * without running it (`vecdoc run --estimate`). Returns 0 or -1.
 */
int	 drun_estimate(struct drun *dr, const char *info, const char *lit,
	    size_t len, const char *file, long line, int col,
	    struct diaglist *diags, struct work_estimate *we);

/*
 * Splits a spec's example ("```{name} arg\n...\n```") into its info
 * string and literal (heap strings). Returns 0, or -1 if malformed.
 */
int	 drun_example(const struct directive_spec *sp, char **info, char **lit);

/* Captions, column names, chart titles and axis labels of r in the
 * language of "i18n" (theme strings "result:ENGLISH"). */
void	 drun_translate(struct result *r, const struct strmap *i18n);

#endif
