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

/*
 * A scalar a directive documents: a number its result carries besides
 * the cells of its tables (table_set_scalar), usually one its table's
 * note states. Named values reach it as NAME.KEY and NAME.TABLE.KEY.
 */
struct scalar_doc {
	const char		*key;		/* folded, e.g. "spearman-ρ" */
	const char		*table;		/* the table that carries it */
	const char		*doc;
};

enum body_rule {
	BODY_NONE,
	BODY_OPTIONAL,
	BODY_REQUIRED
};

struct directive;
struct dctx;
struct dopt;

/*
 * What a directive will cost, from its validated options and the sizes
 * of its data, before it runs (the build's budget check, directives/run.c).
 * Operations count floating-point multiply-adds, comparisons and random
 * draws (a Gaussian draw counts 20); about one nanosecond each on one
 * core. Bytes are the peak memory the directive allocates itself (the
 * shared spaces and corpora are not counted).
 */
struct work_estimate {
	double			 ops;
	double			 bytes;
	/* The product that gives ops, naming the options that drive it,
	 * e.g. "`:pairs: 1000000` × 300 dimensions (`:dims:`)". */
	char			 why[256];
	const char		*lower;		/* advice: ":pairs: or :dims:" */
	const struct dopt	*at;		/* where to locate the error */
	char			 mwhy[256];	/* the same for bytes */
	const char		*mlower;
	const struct dopt	*mat;
};
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
	/*
	 * Fills *we (zeroed by the caller) from d's options and the data's
	 * sizes; opening the declared data is allowed. Required: a spec
	 * without one cannot be registered (tests/unit/t_registry.c).
	 * Returns 0, or -1 after a located error (e.g. a missing space).
	 */
	int			(*estimate)(struct dctx *ctx,
				    const struct directive *d,
				    struct work_estimate *we);
	/* Result version: bump when the directive's output changes for the
	 * same options and data (the result cache keys on it). */
	int			 version;
	/* Every English caption, column name, chart title, axis title and
	 * series name the directive can produce, NULL-terminated (checked
	 * against every shipped language's translations). */
	const char *const	*strings;
	const char		*example;	/* a complete example block */
	/* Every scalar its tables can carry, terminated by key == NULL
	 * (NULL: none). */
	const struct scalar_doc	*scalars;
};

/* A validated option value. */
struct dopt {
	const struct opt_spec	*spec;
	int			 set;		/* given in the page (else default) */
	char			*text;		/* as written (or default) */
	long			 i;		/* INT; ENUM: index in choices */
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
	char			*valname;	/* ":name:" (any directive), or NULL */
	long			 valname_line;
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
	/* Set by the build's watchdog when the directive runs past its
	 * deadline; long kernels poll it and stop (util/cancel.h). */
	const volatile int	*cancel;
	/* Long kernels report their fraction done here (may be NULL; pass
	 * it on: the analogy benchmark does; t-SNE iterations and training
	 * epochs are to do the same). */
	const struct progress	*progress;
};

/* The option every directive takes besides its own: ":budget: OPS" or
 * ":budget: OPS, BYTES" raises (or lowers) the budget of one block. */
extern const struct opt_spec directive_budget_opt;

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
