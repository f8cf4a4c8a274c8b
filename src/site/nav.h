/*
 * site/nav.h: navigation generated from the content tree — breadcrumbs,
 * previous/next, the module's lesson list, home and module listings, the
 * on-page table of contents, and the shared course tree (nav.js).
 * Produces HTML fragments (heap strings) built with libxml2.
 * Never reads files; authors never maintain navigation by hand.
 */
#ifndef VECDOC_NAV_H
#define VECDOC_NAV_H

#include "md/markdown.h"
#include "site/site.h"
#include "site/theme.h"

char	*nav_breadcrumbs(const struct site *s, const struct page *pg,
	    const struct theme *th);
char	*nav_prevnext(const struct site *s, const struct page *pg,
	    const struct theme *th);
/* Lessons of pg's module with pg marked (lessons and module pages). */
char	*nav_module_lessons(const struct site *s, const struct page *pg,
	    const struct theme *th);
/*
 * The lesson lists of every module, made once: each lesson's list is the
 * same but for which item is the current page, so the items are
 * serialised once per module and a page's list is put together from
 * them (the same bytes as nav_module_lessons gives, which a module whose
 * pieces do not join up exactly falls back to).
 */
struct nav_lessons {
	struct nav_sec	*v;	/* per section of the site */
	size_t		 n;
};

void	 nav_lessons_init(struct nav_lessons *nl, const struct site *s,
	    const struct theme *th);
/* nav_module_lessons(s, pg, th), from nl. */
char	*nav_lessons_get(const struct nav_lessons *nl, const struct site *s,
	    const struct page *pg, const struct theme *th);
void	 nav_lessons_clear(struct nav_lessons *nl);
/* The list of modules and their lessons (home page). */
char	*nav_home_listing(const struct site *s, const struct theme *th);
/* The lessons of a module with their descriptions (module page). */
char	*nav_section_listing(const struct site *s, const struct page *idx,
	    const struct theme *th);
/* Headings of levels 2-3 as nested lists; "" when fewer than two. */
char	*nav_toc(const struct mdpage *md, const struct theme *th);
/* "window.VECDOC_NAV = {...};" — the whole course tree, emitted once. */
char	*nav_js(const struct site *s);
/* The module's title or the page's, for <title> and breadcrumbs. */
const char *nav_module_title(const struct page *pg);

#endif
