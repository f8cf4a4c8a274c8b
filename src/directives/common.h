/*
 * directives/common: what the analysis directives share — opening the
 * space an option names, looking words up with one located error for all
 * unknown words, word lists from options or bodies, provenance lines.
 * Never computes results itself.
 */
#ifndef VECDOC_DIRECTIVES_COMMON_H
#define VECDOC_DIRECTIVES_COMMON_H

#include <stddef.h>

#include "data/tokspace.h"
#include "directives/directive.h"
#include "kern/knn.h"
#include "util/buf.h"
#include "util/hash.h"

struct buf;
struct corpus;
struct space;
struct knn_index;


/*
 * The space named by option "opt" (an OPT_SPACE option), and its search
 * index in *ix when ix is not NULL. Appends the space's provenance to
 * res->provenance. NULL with an error located at the option when the
 * space cannot be opened.
 */
const struct space *dx_space(struct dctx *ctx, const struct directive *d,
	    const char *opt, const struct knn_index **ix, struct result *res);

/* As dx_space for a space named in a word list (errors located at o). */
const struct space *dx_space_named(struct dctx *ctx, const struct dopt *o,
	    const char *name, const struct knn_index **ix, struct result *res);
/* Appends one provenance line to res (once; lines joined by "; "). */
void	 dx_provenance(struct result *res, const char *line);

/* Row of w in s: the exact token, else its case-folded match, else
 * for "#N" row N (0-based) when the space has it; -1. */
long	 dx_find(const struct space *s, const char *w);

/*
 * The tokenizer of space "spacename" when it is a token space (`rows:
 * tokens`: row i is the tokenizer's id i), else NULL. Borrowed.
 */
struct tokenizer;
const struct tokenizer *dx_token_space(struct dctx *ctx,
	    const char *spacename);
/* Row i's name as a reader should see it: the piece displayed
 * (tok_piece_display) in a token space (t not NULL; written into b),
 * else the word itself. */
const char *dx_row_name(const struct tokenizer *t, const struct space *s,
	    long i, struct buf *b);

/*
 * Rows of n words in s (spacename for messages). In a token space each
 * word is an #id, a piece (as spelt or displayed) or a word that the
 * tokenizer makes one piece; a word of several pieces is an error that
 * names them (directives that take :pieces: use dx_word_vectors). Unknown words give one
 * error listing them, located at option o (or the directive when o is
 * NULL). Returns 0, or -1 after the error.
 */
int	 dx_rows(struct dctx *ctx, const struct dopt *o, const struct space *s,
	    const char *spacename, char *const *words, size_t n, long *rows);

/*
 * :pieces: — how a word that a token space's tokenizer splits into
 * several pieces gets one vector. Every directive that looks words up in
 * a space declares DX_OPT_PIECES among its options and resolves its words
 * with dx_word_vectors; DX_PIECES_STRINGS go into its strings (the notes
 * that say which pieces were used).
 */
extern const char *const dx_pieces_choices[];
#define DX_PIECES_DOC "token spaces: the vector of a word the " \
	"tokenizer splits into several pieces — mean: the mean of their " \
	"rows; first: the first piece's row; all: one table per piece " \
	"({nearest} only; elsewhere an error). The result names the " \
	"pieces used (see TOKEN SPACES)"
#define DX_OPT_PIECES {							\
		.name = "pieces",					\
		.type = OPT_ENUM,					\
		.def = "mean",						\
		.choices = dx_pieces_choices,				\
		.doc = DX_PIECES_DOC,					\
	}
#define DX_PIECES_STRINGS						\
	"each word of several pieces is their mean: %s",		\
	"each word of several pieces is its first piece: %s"

/*
 * :filter: — neighbour lists in a token space ({nearest}, {analogy},
 * {unembed}) that hide the pieces that are not words (tok_piece_is_word:
 * bytes, punctuation, digits, ## continuations, special tokens). The
 * list keeps the first k words in rank order; fewer when the space has
 * fewer (the rest empty).
 */
extern const char *const dx_filter_choices[];
#define DX_OPT_FILTER {							\
		.name = "filter",					\
		.type = OPT_ENUM,					\
		.def = "none",						\
		.choices = dx_filter_choices,				\
		.doc = "token spaces: words hides neighbours that are not " \
		    "words (bytes, punctuation, digits, ## continuations, " \
		    "special tokens)",					\
	}
/*
 * 1 when d's :filter: is words, 0 when none (or d has no :filter:); -1
 * after an error located at the option when it is words and t is NULL
 * (space "spacename" is not a token space).
 */
int	 dx_filter_words(struct dctx *ctx, const struct directive *d,
	    const struct tokenizer *t, const char *spacename);
/*
 * The rows of ranked ids[0..n) (with their scores) that are words of
 * token space s (tokenizer t), the first k of them in order, into
 * kid[k] / ksc[k]; the places left are -1 / NaN. Entries of ids < 0 are
 * passed over. Returns how many were kept.
 */
size_t	 dx_keep_words(const struct tokenizer *t, const struct space *s,
	    const long *ids, const float *scores, size_t n, long *kid,
	    float *ksc, size_t k);

/*
 * Words resolved to vectors. In a word space each word is its row. In a
 * token space each is an #id, a piece (as spelt or displayed) or a word
 * tokenized into pieces, made one vector by the directive's :pieces:
 * (mean or first).
 */
struct dx_wvec {
	float	*v;		/* n × dims */
	long	*row;		/* each word's row; -1 for a mean of pieces */
	long	*used;		/* n × TOKSPACE_MAXPIECES rows used, -1 padded */
	char	**label;	/* each word as a reader should see it */
	char	**tag;		/* as a caption shows it: the label, or
				 * "playing [play + ##ing: mean]" */
	char	*note;		/* which pieces were used, or NULL */
	size_t	 n;
	int	 dims;
};
/*
 * Resolves n words of space s (named spacename) into wv (dx_wvec_free
 * it, also after an error). Unknown words give one error located at
 * option o (or the directive); :pieces: set on a word space, and
 * `:pieces: all` (one table per piece, which only directives with a
 * table per word make), are located errors too. Returns 0 or -1.
 */
int	 dx_word_vectors(struct dctx *ctx, const struct directive *d,
	    const struct dopt *o, const struct space *s,
	    const char *spacename, char *const *words, size_t n,
	    struct dx_wvec *wv);
/*
 * dx_shared_words as vectors: the :words: option or body resolved in
 * spaces :a: and :b: by dx_word_vectors (:pieces: for whichever is a
 * token space), else the first "top" rows of a that b also has. Fills
 * wa, wb (dx_wvec_free both) and the words; the count, or -1 after an
 * error.
 */
long	 dx_shared_vectors(struct dctx *ctx, const struct directive *d,
	    const struct space *a, const struct space *b, long top,
	    struct dx_wvec *wa, struct dx_wvec *wb, char ***names);
void	 dx_wvec_free(struct dx_wvec *wv);
/* wv of n rows of s, named as s names them (rows, not words). */
void	 dx_wvec_rows(const struct space *s, const long *rows, size_t n,
	    struct dx_wvec *wv);
/* The :pieces: policy of d (mean when d has no such option or leaves
 * it unset) for space spacename, a token space when "tokens" is
 * non-zero: a located error for :pieces: set on a word space, or for
 * all. 0 or -1. */
int	 dx_pieces(struct dctx *ctx, const struct directive *d, int tokens,
	    const char *spacename, enum tokspace_pieces *pol);
/* Appends wv's note to *note ("; " between), when it has one. */
void	 dx_wvec_note(const struct dx_wvec *wv, char **note);

/*
 * One word's vector in space s: a word space's row (dx_find), or in a
 * token space (t != NULL) the word looked up by tokspace_lookup and made
 * one vector by "pol" (mean or first). Copies the vector into out (dims
 * floats) when out is not NULL and sets *npieces (when not NULL) to the
 * pieces the word has. Returns the row when the vector is one row (a word
 * space's row, a single piece, or the first piece under `first`), -2 for
 * a mean of several pieces, -1 when s has no vector for the word.
 */
long	 dx_word_vec(const struct space *s, const struct tokenizer *t,
	    enum tokspace_pieces pol, const char *w, float *out,
	    size_t *npieces);

/*
 * A token space readied for an evaluation file (word pairs, analogy
 * questions): rows [0, base) are the space's own; each word of several
 * pieces gets an extra row after them (the mean of its pieces, or its
 * first piece under `:pieces: first`), so a
 * kernel that reads rows through a lookup callback sees it as one row.
 * Fill it in two passes over the file: with dx_evalspace_collect as the
 * lookup (it resolves and remembers every word, answers -1), then
 * dx_evalspace_build, then dx_evalspace_lookup as the lookup and ix as
 * the index. Extra rows are question vectors, never answers: callers
 * keep candidates below "base".
 */
struct dx_evalspace {
	const struct space	*s;
	const struct tokenizer	*t;
	enum tokspace_pieces	 pol;
	struct strmap		 map;	/* word → row, or -1 when unknown */
	float			*extra;	/* nextra × dims (mean vectors) */
	long			 nextra, cap;
	long			 base;	/* the space's rows */
	float			*m;	/* base + nextra rows, or NULL: s's own */
	const struct knn_index	*ix;	/* the index to search */
	struct knn_index	 own;	/* ix when m != NULL */
	struct buf		 split;	/* "word = a + b" of the words split */
	long			 nsplit;
	struct buf		 tmp;
};
void	 dx_evalspace_init(struct dx_evalspace *es, const struct space *s,
	    const struct tokenizer *t, enum tokspace_pieces pol,
	    const struct knn_index *six);
long	 dx_evalspace_collect(void *es, const char *w, size_t len);
void	 dx_evalspace_build(struct dx_evalspace *es);
long	 dx_evalspace_lookup(void *es, const char *w, size_t len);
/* The note on the words split into pieces (owned), or NULL for none. */
char	*dx_evalspace_note(const struct dx_evalspace *es);
void	 dx_evalspace_clear(struct dx_evalspace *es);
#define DX_EVALSPACE_STRINGS						\
	"words of several pieces, each the mean of its pieces (never an "	\
	    "answer): %s",						\
	"words of several pieces, each its first piece (never an "	\
	    "answer): %s"

/*
 * The words of option "opt" when it is set, else of the body (split on
 * white space and commas). A heap array of heap strings (dx_free_words);
 * *n may be 0.
 */
char	**dx_words(const struct directive *d, const char *opt, size_t *n);
void	 dx_free_words(char **w, size_t n);

/* The option value's text ("" when unset and without default). */
const char *dx_text(const struct directive *d, const char *opt);

/* Directive body split into non-empty lines, each trimmed; *lines gets
 * the body line number (1-based in the page) of each. Heap strings. */
char	**dx_lines(const struct directive *d, size_t *n, long **lines);

/* The corpus "name" (option "opt" locates errors); adds its provenance
 * to res. NULL after a located error. */
const struct corpus *dx_corpus(struct dctx *ctx, const struct directive *d,
	    const char *opt, const char *name, struct result *res);
/* The ranks r1 < r2 of option ":window:" (a Zipf fit's window). */
int	 dx_window(struct dctx *ctx, const struct directive *d, long *r1,
	    long *r2);

/* n rows of s gathered into a new n × dims matrix (free it). */
float	*dx_gather(const struct space *s, const long *rows, size_t n);
/*
 * The words two spaces (options :a: and :b:) are compared on: the
 * :words: option or body (all must be in both), else the first "top"
 * rows of a that b also has. Fills rows in a and b and the words;
 * returns the count, or -1 after an error.
 */
long	 dx_shared_words(struct dctx *ctx, const struct directive *d,
	    const struct space *a, const struct space *b, long top, long **ra,
	    long **rb, char ***names);
void	 dx_free_names(char **v, long n);

/* The words of s as pointers borrowed from s (free the array). */
const char **dx_space_words(const struct space *s);
/* Reads the declared file named by option "opt" into b; its path, or
 * NULL after a located error. */
const char *dx_read_file(struct dctx *ctx, const struct directive *d,
	    const char *opt, struct buf *b);
/* Neighbours of nq query vectors (nq × dims floats), excluding for
 * query i the qexn rows qex[i * qexn ...] (entries < 0 ignored). */
int	 dx_knn_search_vec(struct dctx *ctx, const struct knn_index *ix,
	    const float *q, size_t nq, const long *qex, int qexn, int k,
	    enum knn_metric m, long restrict_rows, long *ids, float *scores);
/* Neighbours of each query row under metric m: ids/scores [nq * k]. */
int	 dx_knn_search(struct dctx *ctx, const struct knn_index *ix,
	    const long *rows, size_t nq, int k, enum knn_metric m,
	    long restrict_rows, long *ids, float *scores);
/* dx_knn_search of words resolved by dx_word_vectors: rows when every
 * word is one, else their vectors with every piece they used excluded. */
int	 dx_knn_words(struct dctx *ctx, const struct knn_index *ix,
	    const struct dx_wvec *wv, int k, enum knn_metric m,
	    long restrict_rows, long *ids, float *scores);
/*
 * Work estimates (struct work_estimate). A vectorised single-precision
 * scan (kNN, analogies) does DX_VEC multiply-adds per operation.
 */
#define DX_VEC 8.0
/* The longest text {token-heatmap} and {tokens} take, in bytes. */
#define DX_MAXTEXT (256 * 1024)
void	 dx_why(char *why, size_t n, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Rows and dimensions of the space option "opt" names (opened now). */
int	 dx_space_size(struct dctx *ctx, const struct directive *d,
	    const char *opt, double *rows, double *dims);
int	 dx_space_size_named(struct dctx *ctx, const struct dopt *o,
	    const char *name, double *rows, double *dims);
/* Tokens and types of corpus "name" (read now). */
int	 dx_corpus_size(struct dctx *ctx, const struct dopt *o,
	    const char *name, double *tokens, double *types);
/*
 * The estimate of a directive that sorts and fits the word counts of the
 * corpora its `:corpora:` option lists ({corpus-stats}, {zipf}): counting
 * is the data layer's, so about 40 operations and 16 bytes per type.
 */
int	 dx_estimate_corpora_types(struct dctx *ctx, const struct directive *d,
	    struct work_estimate *we);
/* Lines of the declared file "name". */
int	 dx_file_lines(struct dctx *ctx, const struct dopt *o,
	    const char *name, double *lines);
/* rows, or restrict_rows when 0 < restrict_rows < rows. */
double	 dx_restricted(double rows, long restrict_rows);
/*
 * The model (`models:`) whose space option "opt" names: its declaration,
 * and in prefix the name of the seed's final space ("NAME" or
 * "NAME@SEED"; "NAME/eK" is then its vectors after epoch K). NULL after
 * an error located at the option (not a model's space, or a snapshot's).
 */
struct model_decl;
const struct model_decl *dx_model(struct dctx *ctx, const struct directive *d,
	    const char *opt, char *prefix, size_t prefixsz);
/* The space name of the seed "prefix" after epoch k (the final space
 * when k is the model's last epoch) into out. */
void	 dx_model_epoch(const struct model_decl *m, const char *prefix, int k,
	    char *out, size_t outsz);
/* 1 when model m keeps vectors after epoch k (a snapshot or the last). */
int	 dx_model_has_epoch(const struct model_decl *m, int k);

/* A directive that does no numeric work (admonitions). */
int	 dx_estimate_none(struct dctx *ctx, const struct directive *d,
	    struct work_estimate *we);
#endif
