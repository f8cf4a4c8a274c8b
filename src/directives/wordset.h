/*
 * directives/wordset: the words a map directive ({tsne}, {projection},
 * {dbscan}) draws — a list (body or :words:), the first N rows of a
 * space (:top:), or named groups (:groups:, the body one group a line,
 * "label: word word …", each group one colour and one legend entry).
 * Never computes anything: it only resolves words to rows, with a
 * located error for every kind of bad list.
 */
#ifndef VECDOC_DIRECTIVES_WORDSET_H
#define VECDOC_DIRECTIVES_WORDSET_H

#include <stddef.h>

#include "directives/common.h"
#include "directives/directive.h"
#include "render/result.h"

struct space;

/* The options every map directive takes, in this order (a spec's array
 * starts with ":space:" and then these). */
#define WORDSET_OPTS \
	{ \
		.name = "words", \
		.type = OPT_WORDS, \
		.doc = "the words (or give them in the body)", \
	}, \
	{ \
		.name = "top", \
		.type = OPT_INT, \
		.def = "0", \
		.min = 0, \
		.max = 20000, \
		.doc = "instead of words: the space's first N rows (its most " \
		    "frequent words); 0: not used", \
	}, \
	{ \
		.name = "groups", \
		.type = OPT_BOOL, \
		.def = "false", \
		.doc = "the body holds named groups, one a line: " \
		    "`label: word word …`; each group gets a colour and a " \
		    "legend entry", \
	}, \
	{ \
		.name = "missing", \
		.type = OPT_ENUM, \
		.def = "error", \
		.choices = wordset_missing_choices, \
		.doc = "a word the space lacks: error, or skip it (the " \
		    "skipped words are listed under the result)", \
	}, \
	DX_OPT_PIECES

extern const char *const wordset_missing_choices[];
extern const char *const wordset_tsne_inits[];

/* The t-SNE options of every directive that draws a t-SNE map. */
#define WORDSET_TSNE_OPTS \
	{ \
		.name = "perplexity", \
		.type = OPT_FLOAT, \
		.def = "30", \
		.min = 1, \
		.max = 1000, \
		.doc = "the effective number of neighbours each word keeps " \
		    "(must stay below the number of words)", \
	}, \
	{ \
		.name = "seed", \
		.type = OPT_INT, \
		.def = "0", \
		.min = 0, \
		.max = 2147483647, \
		.doc = "seed of the random start (:init: random)", \
	}, \
	{ \
		.name = "init", \
		.type = OPT_ENUM, \
		.def = "pca", \
		.choices = wordset_tsne_inits, \
		.doc = "start from the first two principal components " \
		    "(scikit-learn's default) or from Gaussian noise drawn " \
		    "from :seed:", \
	}, \
	{ \
		.name = "iterations", \
		.type = OPT_INT, \
		.def = "1000", \
		.min = 300, \
		.max = 5000, \
		.doc = "iterations in all (the first 250 with early " \
		    "exaggeration 12)", \
	}


/* The English notes wordset_note writes (for a spec's strings). */
#define WORDSET_STRINGS \
	"the first %s of %s words (every point is in the chart's data)", \
	"not in the space, skipped: %s", \
	"the first %s of %s words (every point is in the chart's data); " \
	    "not in the space, skipped: %s", \
	DX_PIECES_STRINGS

struct wordset {
	size_t		 n;		/* words found */
	long		*rows;		/* [n] rows in the space; -1: a token
					 * space's word made of the mean of
					 * its pieces (:pieces:) */
	float		*vec;		/* [n × dims] their vectors */
	int		 dims;
	char		*pieces;	/* which pieces were used, or NULL */
	char		**words;	/* [n] as written in the page */
	int		*group;		/* [n] group index */
	size_t		 ngroups;	/* 1 when no :groups: */
	char		**glabels;	/* [ngroups] ("" without :groups:) */
	size_t		*gsize;		/* [ngroups] words found per group */
	int		 grouped;	/* :groups: given */
	char		*skipped;	/* "'a', 'b'" under :missing: skip, or NULL */
	size_t		 nskipped;
};

/*
 * Resolves the words of directive d in space s (spacename for messages):
 * needs at least "minwords" distinct rows and at most "maxwords" words.
 * Errors (located at the option or body line): no words, :top: with
 * words, a group line without "label:", an empty group, a word listed
 * twice, unknown words (or, under :missing: skip, a group or list none
 * of whose words is known), too few or too many words.
 * Returns 0, or -1 after the error (ws cleared).
 */
int	 wordset_get(struct dctx *ctx, const struct directive *d,
	    const struct space *s, const char *spacename, size_t minwords,
	    size_t maxwords, struct wordset *ws);
void	 wordset_clear(struct wordset *ws);
/* The vectors of ws as a new n × dims matrix (free it). */
float	*wordset_matrix(const struct wordset *ws);

/* How many words d asks for without opening the space (for estimates;
 * :top: N counts N). */
size_t	 wordset_count(const struct directive *d);

/*
 * A word map (CHART_MAP) of ws at xy[n × 2]: one series per class
 * cls[i] in 0..nclass-1 (named cname[k]; a class without words gets no
 * series), each point labelled with its word, in ws's order.
 */
struct chart *wordset_map(struct result *res, const char *name,
	    const char *title, const struct wordset *ws, const double *xy,
	    const int *cls, size_t nclass, char *const *cname);
/*
 * Sets t's note: how many of the words the table shows (when shown < n),
 * which words were skipped (:missing: skip) and which pieces a token
 * space's words used; WORDSET_STRINGS patterns, so that it translates.
 */
void	 wordset_note(const struct wordset *ws, struct table *t, size_t shown);

/*
 * t-SNE of the rows of ws into xy[n × 2] with d's :perplexity:, :seed:,
 * :init: and :iterations: (every map directive that draws t-SNE takes
 * them), cosine or Euclidean affinities, on the build's spare threads,
 * polling the watchdog. A perplexity not below the word count is an
 * error located at :perplexity:. Returns 0 or -1 after an error.
 */
struct tsne_info;
int	 wordset_tsne(struct dctx *ctx, const struct directive *d,
	    const struct space *s, const struct wordset *ws, int cosine,
	    double *xy, struct tsne_info *info);
/* Its work estimate in operations (n words of dims dimensions). */
double	 wordset_tsne_ops(double n, double dims, double perp, double iters);

#endif
