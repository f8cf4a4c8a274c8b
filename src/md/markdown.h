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

#include "render/result.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/hash.h"

struct cmark_node;
struct cmark_parser;

struct heading {
	int		 level;
	char		*id;
	char		*text;		/* plain text */
	struct cmark_node *node;
	long		 line;
};

struct outfile {
	char		*path;		/* relative to the site root */
	char		*data;
	size_t		 len;
};

struct mdpage {
	struct cmark_parser *parser;
	struct cmark_node *root;
	struct cmark_node **keep;	/* grafted sub-documents' roots */
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
	int		 borrowed;	/* heads', files' strings and text are
					 * another's (a page cache's): kept */
};

/*
 * One page as md/ sees it (the site fills it; strings are borrowed).
 * doc is the parsed state: md_page_parse sets it, md_page_free clears it.
 */
struct md_source {
	const char	*src;		/* path relative to the content root */
	const char	*abs;		/* path as opened, for diagnostics */
	const char	*out;		/* output path relative to the site root */
	const char	*dir;		/* directory part of out ("" at top) */
	const char	*text;		/* the file's bytes */
	size_t		 textlen;
	size_t		 body_off;	/* where Markdown starts */
	long		 body_line;	/* 1-based line of body_off */
	struct mdpage	*doc;
};

/* What a link resolves to (md_resolve_fn). */
enum md_link {
	MD_LINK_PAGE,		/* a page of the site: "to" is filled */
	MD_LINK_DRAFT,		/* a draft page, left out of the site */
	MD_LINK_MISSING,	/* no such page */
	MD_LINK_ASSET,		/* a static file the site copies */
	MD_LINK_NO_ASSET	/* no such file */
};
struct md_target {
	const char		*src;	/* the page's source path */
	const char		*out;	/* its output path */
	const struct mdpage	*doc;	/* its parsed state (ids), or NULL */
};
/* Resolves "target" (a path relative to the content root). */
typedef enum md_link (*md_resolve_fn)(void *ctx, const char *target,
	    struct md_target *to);

/*
 * Runs one directive block: "info" is the fence's info string (starting
 * with '{'), "lit" its content; the fence is at file:line:col. Fills r;
 * errors go to diags. Returns 0, or -1 when it failed.
 */
typedef int (*md_directive_fn)(void *ctx, const char *info, const char *lit,
	    size_t len, const char *file, long line, int col,
	    struct diaglist *diags, struct result *r);

/*
 * Renders one inline role, {ROLE}`CONTENT` (role "val", "claim" or
 * "claim-text"), found at file:line:col, after every directive of the
 * page ran. Appends the HTML that replaces it to html and returns 0, or
 * adds an error to diags and returns -1 (the role then stays as text).
 */
typedef int (*md_role_fn)(void *ctx, const char *role, const char *content,
	    const char *file, long line, int col, struct diaglist *diags,
	    struct buf *html);

/* What pages need from the build around them: md/ knows no site and no
 * directive, only these callbacks. */
struct md_env {
	int			 strict;
	md_directive_fn		 run;		/* NULL: directives are errors */
	void			*run_ctx;
	md_role_fn		 role;		/* NULL: roles stay as written */
	void			*role_ctx;
	md_resolve_fn		 resolve;	/* NULL: links are not checked */
	void			*resolve_ctx;
};

/* Must be called once, before any thread parses. */
void	 md_init(void);
/* Pass 1. Diagnostics go to the page's own list. Returns 0 or -1. */
int	 md_page_parse(struct md_source *pg, const struct md_env *env);
/* Pass 2. Returns 0 or -1. */
int	 md_page_render(struct md_source *pg, const struct md_env *env);
void	 md_doc_free(struct mdpage *md);
/* Standalone Markdown to HTML (no links checked), for `vecdoc run`. */
char	*md_to_html(const char *md, size_t len);

#endif
