/*
 * md/markdown.h: one page's Markdown through cmark-gfm, in two passes.
 * Pass 1 (md_page_parse): parse, run directives and splice their results
 * into the tree, give headings their ids. Pass 2 (md_page_render, once
 * every page has its ids): resolve and check links, render HTML.
 * Never writes files: CSV downloads are handed over in memory.
 */
#ifndef VECDOC_MARKDOWN_H
#define VECDOC_MARKDOWN_H

#include <stddef.h>

#include "md/directive.h"
#include "site/site.h"
#include "util/diag.h"
#include "util/hash.h"

struct heading {
	int		 level;
	char		*id;
	char		*text;		/* plain text */
	void		*node;		/* cmark_node * */
	long		 line;
};

struct outfile {
	char		*path;		/* relative to the site root */
	char		*data;
	size_t		 len;
};

struct mdpage {
	void		*parser;	/* cmark_parser * */
	void		*root;		/* cmark_node * */
	void		**keep;		/* grafted sub-documents' roots */
	size_t		 nkeep;
	struct heading	*heads;
	size_t		 nheads;
	struct strmap	 ids;		/* every id on the page */
	struct outfile	*files;		/* CSV downloads */
	size_t		 nfiles;
	char		*html;		/* the rendered body (pass 2) */
	char		*text;		/* plain text for the search index */
	int		 ndirectives;
	char		**maths;	/* rendered formulas, by placeholder number */
	char		**texs;		/* their TeX sources */
	size_t		 nmaths;
	int		 strict;
	char		**targets;	/* sources of the pages it links to */
	size_t		 ntargets;
	struct diaglist	 diags;
};

/* What pages need from the build around them. */
struct md_env {
	struct site		*site;
	void			*data;		/* store handle for directives */
	const struct strmap	*i18n;
	int			 strict;
	dataname_fn		 names_ok;
	void			*names_ctx;
};

/* Must be called once, before any thread parses. */
void	 md_init(void);
/* Pass 1. Diagnostics go to the page's own list. Returns 0 or -1. */
int	 md_page_parse(struct page *pg, const struct md_env *env);
/* Pass 2. Returns 0 or -1. */
int	 md_page_render(struct page *pg, const struct md_env *env);
struct mdpage *md_page(const struct page *pg);
void	 md_page_free(struct page *pg);
/* Standalone Markdown to HTML (no links checked), for `vecdoc run`. */
char	*md_to_html(const char *md, size_t len);

#endif
