/*
 * directives/budget: the work budget of a build (issue 19). Every
 * directive estimates its operations and peak memory before it runs; a
 * block over budget is refused with a located error naming the option
 * that drives it, and a watchdog stops a block that runs far past its
 * estimate.
 * Reads `budget:` in vecdoc.yml, `:budget:` of a block, `--budget`.
 * Never runs a kernel itself.
 */
#ifndef VECDOC_DIRECTIVES_BUDGET_H
#define VECDOC_DIRECTIVES_BUDGET_H

#include <stddef.h>

#include "directives/directive.h"
#include "util/diag.h"
#include "util/yamltree.h"

/* Defaults a normal course never meets (its largest block, {analogy-
 * error} over two GloVe spaces, estimates about 10¹¹ operations). */
#define BUDGET_OPS	1e12
#define BUDGET_BYTES	4e9
#define BUDGET_SECONDS	60.0	/* a block may always run this long */
#define BUDGET_OPS_PER_SECOND 1e9
#define BUDGET_GRACE	10.0	/* stopped past 10 × its estimate */

struct budget {
	double		 ops;		/* operations */
	double		 bytes;		/* peak bytes */
	double		 seconds;	/* wall-clock floor of the guard */
	const char	*from;		/* "budget: in vecdoc.yml", "--budget" */
};

/* The defaults. */
void	 budget_init(struct budget *b);

/*
 * Reads the `budget:` section of vecdoc.yml's tree (a number of
 * operations, or a map of operations:, memory: (bytes) and seconds:)
 * into b. Located errors go to diags; returns 0 or -1.
 */
int	 budget_config(struct budget *b, const struct ynode *cfg,
	    const char *cfgfile, struct diaglist *diags);

/*
 * Parses "OPS" or "OPS, BYTES" ("1e12", "10^12", "2.5e9") into b (what
 * --budget and :budget: take). Returns 0, or -1 on a malformed value.
 */
int	 budget_parse(struct budget *b, const char *text);

/* One number as the messages show it: "3.2 × 10¹¹", "10¹⁰", "20000". */
const char *budget_fmt(double v, char *out, size_t n);

/*
 * Estimates block d and compares it with b (or with the block's own
 * :budget:). Over budget: a located error naming the estimate, the
 * budget and the options that drive it; returns -1. The estimate is
 * left in *we for the watchdog.
 */
int	 budget_check(struct dctx *ctx, const struct directive *d,
	    const struct budget *b, struct work_estimate *we);

/* The wall-clock limit of a block with estimate we, in seconds. */
double	 budget_deadline(const struct budget *b,
	    const struct work_estimate *we);

/* A watchdog thread that sets *flag after "seconds" unless stopped. */
struct watchdog;
struct watchdog *watchdog_start(double seconds);
const volatile int *watchdog_flag(const struct watchdog *w);
/*
 * Stops (on = 1) and restarts (on = 0) w's clock, nesting: time spent
 * while held does not count (a model trained on first use is data
 * opening, not the block's work). ctx is the watchdog; NULL is fine.
 */
void	 watchdog_hold(void *ctx, int on);
/* Stops and frees the watchdog; returns 1 if it had fired. */
int	 watchdog_stop(struct watchdog *w);

#endif
