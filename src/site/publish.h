/*
 * site/publish.h: writing a built site into its output directory.
 */
#ifndef VECDOC_PUBLISH_H
#define VECDOC_PUBLISH_H

#include <stddef.h>

#include "site/site.h"
#include "site/theme.h"
#include "util/diag.h"

/* What a build hands to publishing; all borrowed. */
struct publish {
	const struct site	*site;
	const struct theme	*theme;
	const char		*root;		/* the content directory */
	const char		*outdir;	/* as given */
	const char		*absout;	/* absolute */
	char *const		*pages;		/* documents, in site->order */
	const char		*notfound;	/* 404.html */
	const char		*review;	/* review.html */
	const char		*searchjs;	/* search index, or NULL: made here */
	char			**made_searchjs; /* or NULL: receives the index made here */
	const char		*store;		/* link store folder (fs_tree_store), or NULL */
};

/*
 * Refuses output directories that would overwrite or be read as content
 * (the content directory itself, inside it, containing it, "/"): adds an
 * error naming "outdir" and returns -1, else 0.
 */
int	 publish_check_outdir(const char *absroot, const char *absout,
	    const char *outdir, const char *root, struct diaglist *diags);

/*
 * Writes every page (and its CSV files), the content's and the theme's
 * assets, nav.js, the search index, 404.html, review.html, sitemap.xml
 * (with url:), .nojekyll and the output marker into a temporary sibling of
 * the output directory, then swaps it in. With a store, files whose bytes
 * it holds are hard links to it, the others are added to it, and files
 * no output uses any more are removed from it at the end. Counts the
 * files in *files.
 * Returns 0, or -1 with the reason in diags (the old output untouched).
 */
int	 site_publish(const struct publish *p, struct diaglist *diags,
	    size_t *files);

#endif
