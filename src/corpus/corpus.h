/*
 * corpus/corpus: text corpora declared under `corpora:` in vecdoc.yml,
 * loaded into a vocabulary (rank order), a token-id sequence and document
 * boundaries. Reads the YAML tree and the corpus file (UTF-8).
 * Never prints, never exits; bad input is a located struct diag.
 */
#ifndef VECDOC_CORPUS_H
#define VECDOC_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"
#include "util/hash.h"
#include "util/yamltree.h"

enum corpus_format {
	CORPUS_LINES,		/* raw text, one record per line (tweets) */
	CORPUS_WIKITEXT		/* WikiText-2/103 tokenized text */
};

enum corpus_docs {
	CORPUS_DOC_LINES,	/* one document per non-empty line */
	CORPUS_DOC_ARTICLES	/* wikitext: a document per " = Title = " */
};

/*
 * One entry of `corpora:`. Keys (all but one of file/path optional):
 *   file: NAME       a `files:` entry; the caller resolves it and passes
 *                    the path to corpus_load (path stays NULL)
 *   path: PATH       relative to the content root, absolute or ~/...
 *   format: lines | wikitext                    (default lines)
 *   lowercase: bool                             (default true)
 *   drop: [tokens]   tokens removed before counting (e.g. "<unk>");
 *                    compared after lowercasing, which is applied to the
 *                    list too
 *   join_wikitext: bool   undo "@-@" "@,@" "@.@" (wikitext only;
 *                    default true there)
 *   punctuation: bool     keep tokens with no letter or digit (default
 *                    false: dropped)
 *   documents: lines | articles   (articles: wikitext only; default
 *                    articles for wikitext, lines otherwise)
 *   tokenizer: word  the only one for now (see corpus_words)
 */
struct corpus_decl {
	char		*name;
	char		*path;		/* resolved against root, or NULL */
	char		*relpath;	/* path as written, or NULL */
	char		*file;		/* `files:` name to resolve, or NULL */
	enum corpus_format format;
	enum corpus_docs docs;
	int		 lowercase;
	int		 join_wikitext;
	int		 punctuation;
	char		**drop;		/* ndrop owned strings */
	size_t		 ndrop;
	char		*tokenizer;	/* "word" */
	const char	*cfgfile;	/* vecdoc.yml (borrowed) */
	long		 line;		/* of the entry's key */
	int		 col;
};

/*
 * Parses the value of `corpora:` (a map name -> map) of vecdoc.yml "file",
 * resolving path: against "root" (the content directory; absolute and
 * "~/" paths are taken as they are). Unknown keys are errors with a did-you-mean hint.
 * On success *out is a heap array of *n declarations, freed with
 * corpusdecls_free (NULL and 0 when "corpora" is NULL). Returns 0, or -1
 * with d set at file:line:col of the offending key or value.
 */
int	 corpusdecls_parse(const struct ynode *corpora, const char *file,
	    const char *root, struct corpus_decl **out, size_t *n,
	    struct diag *d);
/* Frees an array from corpusdecls_parse (NULL is fine). */
void	 corpusdecls_free(struct corpus_decl *v, size_t n);
/* Sets the defaults of a declaration built by hand (name and path left
 * NULL): lines, lowercase, documents per line, punctuation dropped. */
void	 corpus_decl_init(struct corpus_decl *decl, enum corpus_format format);

/*
 * A loaded corpus. Word ids are ranks - 1: word[0] is the most frequent,
 * counts descend, ties ordered by the words' bytes (memcmp, shorter
 * first), so ids are deterministic and "the top N words" are ids < N.
 * Everything is owned by the corpus (corpus_free).
 */
struct corpus {
	char		*name;		/* declared name, or NULL */
	char		*path;		/* the file read, or the name given */
	size_t		 ntypes;
	char		**word;		/* ntypes NUL-terminated UTF-8 words */
	size_t		*wlen;		/* their byte lengths */
	long		*count;		/* ntypes counts, descending */
	size_t		 ntokens;
	uint32_t	*tok;		/* ntokens word ids, in text order */
	size_t		 ndocs;
	size_t		*doc;		/* ndocs + 1 offsets into tok; document i
					   is tok[doc[i] .. doc[i+1]) */
	long		 nlines;
	long		 ndropped;	/* tokens removed by drop: */
	long		 npunct;	/* tokens removed as punctuation */
	long		 nheadings;	/* wikitext heading lines (any level) */
	double		 t_load;	/* seconds to tokenise and count */
	struct strmap	 map;		/* word -> id (val.num) */
};

/*
 * Loads the corpus "decl" declares from "path" (NULL: decl->path).
 * The file must be UTF-8 (an invalid byte is an error at its line and
 * 1-based byte column); a leading BOM is skipped, "\r\n" is accepted.
 * Preprocessing, in this order, line by line:
 *   wikitext  split on whitespace (Python str.split()); a line whose
 *             first and last tokens are "=" is a heading: the "=" tokens
 *             are removed and a level-1 heading starts an article; with
 *             join_wikitext "a @-@ b" -> "a-b" ("@,@" -> ",", "@.@" ->
 *             "."; chains join too; a joiner at a line end is left as
 *             "-", "," or "."); a joined token is dropped when any of
 *             its parts is in drop:; then lowercase, drop:, punctuation
 *   lines     corpus_words (below) on the line, then drop:
 * The two formats tokenize alike but not identically: WikiText splits
 * clitics off ("John 's", "didn 't"), corpus_words keeps them inside the
 * word ("john's", "didn't"); expect "'s" among the Wikipedia side's
 * characteristic words. (On the real WikiText-2 valid+test file there
 * are 122 level-1 headings — 2 lines starting " = " are table rows.)
 * Returns a corpus to free with corpus_free, or NULL with d set. The
 * corpus is read-only afterwards and may be shared by threads.
 */
struct corpus *corpus_load(const struct corpus_decl *decl, const char *path,
	    struct diag *d);
/* As corpus_load on "len" bytes in memory; "fname" names them in
 * diagnostics and becomes corpus->path. */
struct corpus *corpus_load_mem(const struct corpus_decl *decl,
	    const char *text, size_t len, const char *fname, struct diag *d);
/* Frees c and everything it owns. NULL is fine. */
void	 corpus_free(struct corpus *c);
/* The id of word w (len bytes, exact bytes after preprocessing), or -1. */
long	 corpus_find(const struct corpus *c, const char *w, size_t len);

/*
 * The `lines` word splitter, a simple Unicode-aware one (the lead may
 * later switch corpora to tok's word tokenizer):
 *   - word characters are letters, marks and numbers (categories L*, M*,
 *     N*); a word is a maximal run of them in which an apostrophe (' or
 *     U+2019, written ') or a hyphen (-, U+2010, U+2011, written -)
 *     between two word characters, and a '.' or ',' between two decimal
 *     digits, are kept: "don't", "well-known", "3.5", "1,000";
 *   - whitespace (Python str.isspace()) separates;
 *   - everything else (punctuation, symbols, emoji, controls, '#', '@')
 *     is dropped, or, with "punctuation" set, each maximal run of such
 *     characters (and of joiners not inside a word) is a token: ":)",
 *     "...";
 *   - with "lowercase", utf8proc_tolower is applied per code point.
 * Calls emit(ctx, word, nbytes) for each token (the word is in a scratch
 * buffer valid during the call) and its kind (1 word, 0 punctuation).
 * Returns 0, or -1 with *bad set to the byte offset of invalid UTF-8.
 */
int	 corpus_words(const char *s, size_t len, int lowercase, int punctuation,
	    void (*emit)(void *ctx, const char *w, size_t n, int isword),
	    void *ctx, size_t *bad);

/*
 * The union vocabulary of two corpora, aligned for the comparison
 * kernels (corpus/compare.h): entry i is word[i] with count ca[i] in a
 * and cb[i] in b (0 when absent). Order: a's words in a's rank order,
 * then b's words absent from a in b's rank order. ida/idb give the id in
 * each corpus (-1 when absent). Words are borrowed from the corpora.
 */
struct corpus_union {
	size_t		 n;
	size_t		 nshared;	/* words in both */
	const char	**word;
	long		*ca, *cb;
	long		*ida, *idb;
};

/* Fills u for corpora a and b (both must outlive u). Free with
 * corpus_union_clear. */
void	 corpus_union_init(struct corpus_union *u, const struct corpus *a,
	    const struct corpus *b);
/* Frees u's arrays; accepts a zeroed or cleared struct. */
void	 corpus_union_clear(struct corpus_union *u);

#endif
