/*
 * site/cache.h: the pages a build can reuse from the previous one, kept in
 * memory by `vecdoc serve` and on disk (.vecdoc-cache/pages.bin) by
 * `vecdoc build`. Private to src/site/.
 */
#ifndef VECDOC_SITE_CACHE_H
#define VECDOC_SITE_CACHE_H

#include <stdint.h>

#include "md/markdown.h"
#include "site/build.h"
#include "util/diag.h"
#include "util/hash.h"

struct cpage {
	uint64_t	 hash;		/* of the page's bytes */
	char		*doc;
	struct outfile	*files;
	size_t		 nfiles;
	struct heading	*heads;
	size_t		 nheads;
	char		*text;
	char		**targets;
	size_t		 ntargets;
	struct diaglist	 warnings;
	int		 borrowed;	/* its strings lie in the cache's blob */
	/* what the scan learnt of the text (site_known_fn), when scanned */
	int		 scanned;
	char		*title;
	char		*description;	/* or NULL */
	long		 weight;
	int		 draft;
	size_t		 body_off;
	long		 body_line;
};

struct build_cache {
	int		 valid;
	uint64_t	 navsig;	/* nav_signature of the build that filled it */
	uint64_t	 envsig;	/* vecdoc binary, declared data files, options */
	uint64_t	 searchsig;	/* search_signature of searchjs */
	uint64_t	 binsig;	/* the vecdoc binary that scanned the pages */
	char		*searchjs;	/* the search index it gave, or NULL */
	char		*blob;		/* the file as mapped (cache_load), or NULL */
	size_t		 bloblen;	/* its length, for munmap */
	struct strmap	 pages;		/* src -> struct cpage * */
};

void	 cpage_free(struct cpage *cp);
void	 cache_reset(struct build_cache *c);
/*
 * Reads a cache written by cache_save; any damage, another format version
 * or a short file gives an empty cache (never an error: the build just
 * does all the work).
 */
struct build_cache *cache_load(const char *path);
/* The same from len bytes of memory (copied; fuzzing and tests). */
struct build_cache *cache_load_mem(const void *p, size_t len);
/* Writes c to path atomically (a temporary file renamed). 0 or -1. */
int	 cache_save(const struct build_cache *c, const char *path);

#endif
