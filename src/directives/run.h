/*
 * directives/run.h: running one directive block for a page or for
 * `vecdoc run` — parse and validate it against the declared data, run it,
 * and put its labels into the site's language.
 */
#ifndef VECDOC_DIRECTIVES_RUN_H
#define VECDOC_DIRECTIVES_RUN_H

#include <stddef.h>
#include <stdint.h>
#include <pthread.h>

#include "directives/values.h"
#include "directives/budget.h"
#include "render/result.h"
#include "util/diag.h"
#include "util/hash.h"
#include "util/yamltree.h"

struct data;
struct rcache;

/* One directive's cache state, for `vecdoc cache status`. */
struct drun_status {
	char		*file;
	long		 line;
	int		 ordinal;
	char		*name;
	char		*why;		/* NULL: fresh */
};

/* What every directive of a build shares. */
struct drun {
	struct data		*data;		/* the declared data */
	const struct ynode	*cfg;		/* vecdoc.yml's tree, or NULL */
	const struct strmap	*i18n;		/* UI strings; NULL keeps English */
	int			 strict;
	int			 allow_missing;	/* --allow-missing-data */
	/*
	 * Progress of the build, or NULL: called with done < 0 when a
	 * directive (name) of page "file" starts, then with the fraction
	 * its kernel reports. From any worker thread.
	 */
	void			(*notify)(void *ctx, const char *file,
				    const char *name, double done);
	void			*notify_ctx;
	struct rcache		*cache;		/* result cache, or NULL */
	/* With a cache: report staleness instead of running (cache status). */
	int			 status_only;
	struct strmap		 ordinals;	/* file -> directives seen so far */
	struct drun_status	*status;	/* status_only: one per directive */
	size_t			 nstatus;
	const char		*lang;		/* the site's language ("vi", ...) */
	struct strmap		 pages;		/* file -> its named values */
	struct drun_claim	*claims;	/* every claim checked, true */
	size_t			 nclaims;
	pthread_mutex_t		 lock;		/* guards the fields above */
	/* Work budget (budget_config); all zero: vecdoc.yml's budget: or
	 * the defaults, read for each block. */
	struct budget		 budget;
};

/* A claim that held, for the review page. */
struct drun_claim {
	char		*file;
	long		 line;
	int		 col;
	char		*text;
	char		*values;	/* "a.b = 0.82, ..." */
};

/*
 * With allow_missing, a directive that fails because declared data is not
 * fetched (data_missing_take) becomes a placeholder box instead of
 * errors, and one warning at the directive whose message starts with
 * DRUN_PLACEHOLDER (builds list the pages from it). A placeholder is never
 * stored in the result cache.
 */
#define DRUN_PLACEHOLDER "data not fetched"

/* Sets up the shared state of dr (the caller fills the other fields);
 * drun_clear frees it. */
void	 drun_init(struct drun *dr);
void	 drun_clear(struct drun *dr);
/* A digest of the UI strings, part of every result's cache key. */
uint64_t drun_strings_digest(const struct strmap *i18n);
/* Sorts dr->status by file and ordinal. */
void	 drun_status_sort(struct drun *dr);

/*
 * Renders the roles {val}`NAME.PATH[:FORMAT]`, {claim}`EXPR` (a checked
 * statement, shown as nothing) and {claim-text}`EXPR` (shown as its
 * text) of page "file" from the values its named results gave (the
 * md_role_fn a build hands md/).
 */
int	 drun_role(void *ctx, const char *role, const char *content,
	    const char *file, long line, int col, struct diaglist *diags,
	    struct buf *html);
/* The claims that held, sorted by place, as review lines into out. */
void	 drun_claims_report(struct drun *dr, struct buf *out);
/* The values of page "file" ("vecdoc run --values" uses the command
 * line's); NULL when it has none. */
const struct values *drun_values(struct drun *dr, const char *file);

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
