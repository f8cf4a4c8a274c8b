/*
 * site/site.h: the site model every build stage shares.
 * Reads nothing itself; config.c and scan.c fill it.
 * Never holds rendered output beyond what a page owns.
 */
#ifndef VECDOC_SITE_H
#define VECDOC_SITE_H

#include <stddef.h>
#include <stdint.h>

#include "md/markdown.h"
#include "util/diag.h"
#include "util/hash.h"
#include "util/yamltree.h"

/* vecdoc.yml, validated. Strings are owned. */
struct site_config {
	char		*file;		/* path of vecdoc.yml as given */
	char		*title;
	char		*description;
	char		*language;	/* "vi", "en", ... */
	char		*theme;		/* folder name or path */
	char		*url;		/* base URL for sitemap.xml, or NULL */
	struct ynode	*root;		/* whole document, for data sections */
};

struct section;

/* One Markdown file. */
struct page {
	char		*src;		/* path relative to the content root */
	char		*abs;		/* path as opened (root + src) */
	char		*out;		/* output path relative to the site root */
	char		*dir;		/* directory part of out ("" at top) */
	char		*title;
	char		*description;
	long		 weight;
	int		 draft;
	int		 is_index;	/* index.md of a section or of the site */
	struct section	*section;	/* NULL for the home page */
	long		 order;		/* position in the course (reading order) */
	char		*text;		/* the file's bytes; NULL for a page
					 * known to an earlier build until
					 * site_page_reload */
	size_t		 textlen;
	size_t		 body_off;	/* where Markdown starts after front matter */
	long		 body_line;	/* 1-based line of body_off */
	struct mdpage	*doc;		/* parsed state (md/markdown.c) */
	int		 scan_clean;	/* its text, checks and front matter
					 * gave no message */
	uint64_t	 hash;		/* hash64 of text */
	int		 has_claim;	/* text holds "{claim" */
};

/* A folder: a course module. */
struct section {
	char		*dir;		/* folder name relative to root */
	struct page	*index;		/* its index.md */
	struct page	**pages;	/* lessons, in order */
	size_t		 npages;
	long		 weight;
};

struct site {
	char		*root;		/* content directory as given */
	char		*absroot;	/* absolute, resolved */
	struct site_config cfg;
	struct page	*home;		/* root index.md */
	struct section	*sections;	/* in order */
	size_t		 nsections;
	struct page	**order;	/* home, then each module index + lessons */
	size_t		 norder;
	struct page	**all;		/* every page owned (incl. drafts skipped? no) */
	size_t		 nall;
	char		**assets;	/* static files to copy, relative to root */
	size_t		 nassets;
	struct strmap	 bysrc;		/* src -> page, for the pages in order */
};

/*
 * Reads vecdoc.yml from "path" into cfg. Unknown keys and wrong types are
 * errors (with did-you-mean) added to diags. Returns 0 or -1.
 */
int	 config_load(struct site_config *cfg, const char *path,
	    struct diaglist *diags);
void	 config_clear(struct site_config *cfg);

/*
 * Scans content directory "root": reads vecdoc.yml, every page and its
 * front matter, orders sections and pages (weight, then file name), and
 * lists assets. Errors go to diags; returns 0 or -1. "drafts" keeps
 * draft pages.
 */
int	 site_scan(struct site *s, const char *root, int drafts,
	    struct diaglist *diags);
/*
 * What an earlier build learnt of a page whose text it saw: when it
 * returns 1, it has filled pg's title, description, weight, draft,
 * body_off and body_line for pg->text, and the text's checks (UTF-8,
 * mojibake, front matter) are known to pass. Called on the scan's
 * workers: it must only read shared state.
 */
typedef int	(*site_known_fn)(void *ctx, struct page *pg);
/* site_scan, asking known (when not NULL) before checking each page. */
int	 site_scan_known(struct site *s, const char *root, int drafts,
	    struct diaglist *diags, site_known_fn known, void *ctx);
void	 site_clear(struct site *s);
/* Reads again the text of a page the scan took as known (text NULL),
 * checking it as site_scan does. */
void	 site_page_reload(struct page *pg, struct diaglist *diags);
/*
 * Reads the front matter of page pg (pg->text, pg->textlen bytes, not
 * necessarily NUL-terminated; pg->abs names it in messages, pg->src
 * gives the fallback title) into title, description, weight, draft,
 * body_off and body_line. Problems are added to diags. 0 or -1.
 */
int	 site_front_matter(struct page *pg, struct diaglist *diags);
/* The page whose source path (relative to root) is "src", or NULL. */
struct page *site_find_page(const struct site *s, const char *src);
/* The page as md/ sees it (borrowed strings; doc included). */
void	 site_md_source(const struct page *pg, struct md_source *ms);
/* md_resolve_fn over a struct site: pages, drafts and assets. */
enum md_link site_resolve_link(void *site, const char *target,
	    struct md_target *to);

#endif
