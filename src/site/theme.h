/*
 * site/theme.h: themes — a page template in a tiny syntax, UI strings per
 * language, and static assets; a site's theme overlays the default one
 * file by file.
 *
 * Template syntax (the whole of it):
 *   {{name}}            the variable, HTML-escaped
 *   {{{name}}}          the variable as HTML (only vecdoc-made fragments)
 *   {{#name}}..{{/name}} the part between, when the variable is not empty
 *   {{^name}}..{{/name}} the part between, when the variable is empty
 *   {{t.key}}           the UI string "key" in the site's language
 * Never evaluates anything else: no loops, no expressions.
 */
#ifndef VECDOC_THEME_H
#define VECDOC_THEME_H

#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/hash.h"

enum seg_kind {
	SEG_TEXT,
	SEG_VAR,
	SEG_RAW,
	SEG_IF,
	SEG_UNLESS,
	SEG_END
};

struct seg {
	enum seg_kind	 kind;
	char		*s;		/* text or name */
	size_t		 len;
	size_t		 jump;		/* IF/UNLESS: index of matching END */
};

struct template {
	struct seg	*v;
	size_t		 n;
};

/* Compiles template text; errors located at file:line:col. 0 or -1. */
int	 template_compile(struct template *t, const char *text, size_t len,
	    const char *file, struct diag *d);
void	 template_clear(struct template *t);
/* Looks a variable up: NULL or "" means empty. */
typedef const char *(*tvar_fn)(void *ctx, const char *name);
void	 template_render(const struct template *t, tvar_fn get, void *ctx,
	    struct buf *out);

struct theme {
	char		*dir;		/* the selected theme's folder */
	char		*defdir;	/* the default theme's folder */
	struct template	 page;
	struct strmap	 i18n;		/* key -> heap string */
	char		**assets;	/* relative to assets/, sorted, unique */
	size_t		 nassets;
};

/*
 * Loads theme "name" (a folder name under the theme search path, or a
 * path relative to the content root "root") for "language". 0 or -1.
 */
int	 theme_load(struct theme *th, const char *name, const char *root,
	    const char *language, const char *cfgfile, struct diaglist *diags);
void	 theme_clear(struct theme *th);
/* Full path of asset "rel" (the override if the theme has one). Heap. */
char	*theme_asset_path(const struct theme *th, const char *rel);
const char *theme_tr(const struct theme *th, const char *key);
/* Where the default theme lives (env VECDOC_THEMEDIR, beside the binary,
 * or the installed one). Heap. */
char	*theme_default_dir(void);

#endif
