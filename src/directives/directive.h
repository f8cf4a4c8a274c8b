/*
 * directives/directive.h: MyST-style directives — a fenced block whose info
 * string is "{name} [argument]", then ":key: value" option lines, then a
 * body. Parsing, option schemas, validation and the registry interface.
 * Never runs kernels itself: a directive's run function does.
 */
#ifndef VECDOC_DIRECTIVE_H
#define VECDOC_DIRECTIVE_H

#include <stddef.h>

#include "render/result.h"
#include "util/diag.h"
#include "util/hash.h"

struct data;

enum opt_type {
	OPT_STRING,
	OPT_INT,
	OPT_FLOAT,
	OPT_BOOL,	/* ":abs:" alone means true */
	OPT_ENUM,
	OPT_WORDS,	/* comma- or space-separated list */
	OPT_SPACE,	/* name of a space declared in vecdoc.yml */
	OPT_CORPUS,	/* name of a corpus declared in vecdoc.yml */
	OPT_FILE	/* name of a file declared under files: in vecdoc.yml */
};

struct opt_spec {
	const char		*name;
	enum opt_type		 type;
	const char		*def;		/* default as text, or NULL */
	int			 required;
	double			 min, max;	/* for INT/FLOAT when min < max */
	const char *const	*choices;	/* for ENUM, NULL-terminated */
	const char		*doc;
};

enum body_rule {
	BODY_NONE,
	BODY_OPTIONAL,
	BODY_REQUIRED
};

struct directive;
struct dctx;
struct progress;

struct directive_spec {
	const char		*name;
	const char		*summary;
	const struct opt_spec	*opts;		/* terminated by name == NULL */
	enum body_rule		 body;
	const char		*body_doc;
	int			 arg;		/* 1: takes an argument after {name} */
	const char		*arg_doc;
	/* Fills res; errors go to ctx (dctx_error). Returns 0 or -1. */
	int			(*run)(struct dctx *ctx, const struct directive *d,
				    struct result *res);
	const char		*example;	/* a complete example block */
	int			 version;	/* bumped when its output changes:
						 * part of its results' cache key */
};

/* A validated option value. */
struct dopt {
	const struct opt_spec	*spec;
	int			 set;		/* given in the page (else default) */
	char			*text;		/* as written (or default) */
	long			 i;
	double			 f;
	int			 b;
	char			**words;
	size_t			 nwords;
	long			 line;
	int			 col;
};

struct directive {
	const struct directive_spec *spec;
	char			*name;
	char			*arg;		/* NULL when none */
	struct dopt		*opts;		/* one per spec option, in spec order */
	size_t			 nopts;
	char			*body;		/* "" when none */
	size_t			 bodylen;
	const char		*file;		/* borrowed */
	long			 line;		/* the fence's line */
	int			 col;
	long			 body_line;	/* first line of the body */
};

/* Everything a run function may use; the build fills it. */
struct dctx {
	const char		*file;
	long			 line;
	int			 col;
	struct diaglist		*diags;
	struct data		*data;		/* what vecdoc.yml declares */
	int			 strict;
	const struct strmap	*i18n;		/* UI strings, may be NULL */
	/* Long kernels report their fraction done here (may be NULL; pass
	 * it on: the analogy benchmark does; t-SNE iterations and training
	 * epochs are to do the same). */
	const struct progress	*progress;
};

/* The registry (src/directives/registry.c). */
const struct directive_spec *directive_find(const char *name);
size_t	 directive_count(void);
const struct directive_spec *directive_at(size_t i);

/* 1 if "info" (a fence's info string) names a directive: starts with '{'. */
int	 directive_info_is(const char *info);

/*
 * Parses and validates one directive from a fence's info string and its
 * literal content. "line"/"col" locate the fence in "file". Name lookup,
 * did-you-mean, option syntax, types, ranges, required options and body
 * rules are checked; every problem is added to diags. "names_ok" checks
 * a data name (space/corpus/file) against vecdoc.yml: returns NULL if it
 * is declared, else a heap string listing the choices... (may be NULL to
 * skip the check). Returns a directive (free with directive_free), or
 * NULL when invalid.
 */
typedef int (*dataname_fn)(void *ctx, enum opt_type type, const char *name,
	    char *hint, size_t hintsz);
struct directive *directive_parse(const char *info, const char *literal,
	    size_t len, const char *file, long line, int col,
	    dataname_fn names_ok, void *names_ctx, struct diaglist *diags);
/* As directive_parse, with the spec given (tests, embedding programs). */
struct directive *directive_parse_spec(const struct directive_spec *sp,
	    const char *info, const char *literal, size_t len,
	    const char *file, long line, int col, dataname_fn names_ok,
	    void *names_ctx, struct diaglist *diags);
void	 directive_free(struct directive *d);

/* The value of option "name" (which must exist in the spec). */
const struct dopt *directive_opt(const struct directive *d, const char *name);

/* Adds an error located at the directive (or one of its options). */
int	 dctx_error(struct dctx *ctx, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	 dctx_error_at(struct dctx *ctx, const struct dopt *o,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int	 dctx_warn(struct dctx *ctx, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* The UI string "key" in the site's language, or "fallback". */
const char *dctx_tr(const struct dctx *ctx, const char *key,
	    const char *fallback);

/* Option type as a word for messages and docs ("a whole number", ...). */
const char *opt_type_name(enum opt_type t);

#endif
