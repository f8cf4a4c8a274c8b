/*
 * directives/rcache.h: the directive result cache. A result is stored
 * under the digest of what decides it — the directive's name and
 * version, its normalised options and body, the site's UI strings — and
 * is valid while every declared data item the directive read (recorded
 * by data_trace) still has the content digest it had. Editing prose never
 * re-runs a kernel; changing a data file's bytes always does.
 *
 * The cache also remembers which result each directive of each page had
 * in the previous build, so that a build can say what changed (the
 * review report) and `vecdoc cache status` can say why a result is
 * stale.
 */
#ifndef VECDOC_RCACHE_H
#define VECDOC_RCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "render/result.h"
#include "util/buf.h"
#include "util/diag.h"

struct rcache;
struct data;
struct directive;

/* The cache in "file" (a missing or damaged file: empty). */
struct rcache *rcache_open(const char *file);
/* Writes the entries used or made by this build (atomically) when
 * "save", then frees everything. */
void	 rcache_close(struct rcache *rc, int save);

/* The key text of a parsed directive (name, version, options in spec
 * order as written or defaulted, body) plus "salt". Heap. */
char	*rcache_key(const struct directive *d, int version, uint64_t salt);

/*
 * Looks up "key": on a hit whose inputs are unchanged, fills r, replays
 * the stored warnings at "line" into diags and returns 1; else 0.
 */
int	 rcache_get(struct rcache *rc, struct data *dt, const char *key,
	    const char *file, long line, struct diaglist *diags,
	    struct result *r);
/* Stores r under key with the inputs traced while it ran and the
 * warnings diags[from..] (relative to "line"). */
void	 rcache_put(struct rcache *rc, struct data *dt, const char *key,
	    char *const *inputs, size_t ninputs, const struct diaglist *diags,
	    size_t from, long line, const struct result *r);

/* Directive number "ordinal" of page "file" had this key and result in
 * this build (for the review report and `vecdoc cache status`). */
void	 rcache_locate(struct rcache *rc, const char *file, int ordinal,
	    long line, const char *name, const char *key);

/*
 * Why the directive at (file, ordinal) with key "key" is stale, or NULL
 * when a valid result is cached: "never built", "options changed:
 * :metric:", "data changed: s:glove-wiki-100d", ... Heap.
 */
char	*rcache_why_stale(struct rcache *rc, struct data *dt, const char *file,
	    int ordinal, const char *key);

/*
 * The review report: for every directive whose result differs from the
 * previous build's at the same place, "file:line: {name}: what changed
 * (old → new)" lines into out. Returns how many directives changed.
 */
size_t	 rcache_review(struct rcache *rc, struct buf *out);

#endif
