/*
 * site/build.h: one whole build — scan, both Markdown passes on N
 * threads, pages through the theme, and publication into the output
 * directory through a temporary directory and an atomic swap.
 * Never leaves a half-written output: on any error the previous output
 * stays as it was.
 */
#ifndef VECDOC_BUILD_H
#define VECDOC_BUILD_H

#include "util/buf.h"
#include "util/diag.h"

/*
 * What one build leaves for the next build of the same site (vecdoc
 * serve): each page's source digest, its finished document, headings,
 * text and link targets. A page is built again only when its source
 * changed or a page it links to did; any change to the site's structure
 * (titles, order, configuration, theme) rebuilds everything.
 */
struct build_cache;

struct build_cache *build_cache_new(void);
void	 build_cache_free(struct build_cache *c);

struct build_opts {
	const char	*root;		/* content directory */
	const char	*outdir;	/* NULL: <root>/../output */
	int		 jobs;		/* 0: number of CPUs */
	int		 strict;	/* warnings are errors */
	int		 check_only;	/* everything but writing */
	int		 drafts;	/* include draft pages */
	int		 allow_missing;	/* directives whose data is not fetched
					 * become placeholders (a warning each) */
	struct build_cache *cache;	/* NULL: build every page */
	int		 persist;	/* no cache given: reuse pages through
					 * <root>/.vecdoc-cache/pages.bin, and
					 * directive results through results.bin */
	/*
	 * Progress, or NULL: called with name NULL when a page starts being
	 * built, with a directive's name when it starts (done < 0) and with
	 * the fraction its long kernel reports, from any worker thread; with
	 * file NULL before the build itself prints (the display steps aside).
	 */
	void		(*notify)(void *ctx, const char *file, const char *name,
			    double done);
	void		*notify_ctx;
	/* `vecdoc cache status`: run nothing; one line per directive (of
	 * page "status_page" only, when set) into *status. */
	struct buf	*status;
	const char	*status_page;
};

struct build_stats {
	size_t		 pages;
	size_t		 rebuilt;	/* pages built, not taken from the cache */
	size_t		 directives;
	size_t		 files;		/* written */
	size_t		 changed;	/* directives whose results changed */
	size_t		 placeholders;	/* directives shown as "data not fetched" */
	char		*placeholder_pages; /* their pages, one per line (heap;
					 * the caller frees), or NULL */
	double		 seconds;
};

/* Runs a build; diagnostics (in page order) go to diags. 0 or -1. */
int	 site_build(const struct build_opts *o, struct diaglist *diags,
	    struct build_stats *st);

#endif
