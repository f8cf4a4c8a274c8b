/*
 * data/tokspace: token spaces — spaces whose row i is id i of a declared
 * tokenizer (`rows: tokens`). Looks a query up as an id ("#464"), a
 * piece (as the vocabulary spells it or as it is displayed) or a word
 * tokenized first, and makes one vector of a word's pieces by a stated
 * policy. Reads a space and a tokenizer (both borrowed); never prints.
 */
#ifndef VECDOC_DATA_TOKSPACE_H
#define VECDOC_DATA_TOKSPACE_H

#include <stddef.h>

#include "util/diag.h"

struct buf;
struct space;
struct tokenizer;

/* How a word of several pieces gets a vector (`:pieces:`). */
enum tokspace_pieces {
	TOKSPACE_MEAN,		/* the mean of its pieces' rows (default) */
	TOKSPACE_FIRST,		/* its first piece's row */
	TOKSPACE_ALL		/* every piece, one entry each */
};
#define TOKSPACE_PIECES_CHOICES "mean, first, all"
#define TOKSPACE_MAXPIECES 32

/* How a query was resolved. */
enum tokspace_how {
	TOKSPACE_BY_ID,		/* "#464" */
	TOKSPACE_BY_PIECE,	/* a piece of the vocabulary */
	TOKSPACE_BY_WORD	/* tokenized into pieces */
};

struct tokspace_hit {
	long			 rows[TOKSPACE_MAXPIECES];
	size_t			 n;	/* pieces used, >= 1 */
	enum tokspace_how	 how;
};

/* Parses "mean", "first" or "all"; 0, or -1 for anything else. */
int	 tokspace_pieces_parse(const char *s, enum tokspace_pieces *p);

/*
 * Resolves query q in token space s of tokenizer t: "#N" is row N; a
 * piece of the vocabulary, spelt as the vocabulary spells it ("Ġthe",
 * "##ing") or as tok_piece_display shows it ("␣the"), is its row; any
 * other text is tokenized as the model would see it in running text (BPE:
 * after a space, so "king" is "Ġking") and gives its pieces' rows.
 * Returns 0 with *h filled, or -1 with d set: an id out of range, text
 * that yields no piece, an unknown piece ([UNK]), more than
 * TOKSPACE_MAXPIECES pieces, or a space whose rows disagree with the
 * tokenizer's vocabulary size.
 */
int	 tokspace_lookup(const struct space *s, const struct tokenizer *t,
	    const char *q, struct tokspace_hit *h, struct diag *d);

/* The vector of a hit under "p" into out (dims floats): MEAN averages
 * the rows (in double), FIRST and ALL give the first piece's row (ALL's
 * callers iterate h->rows themselves). */
void	 tokspace_vector(const struct space *s, const struct tokspace_hit *h,
	    enum tokspace_pieces p, float *out);

/* The pieces a hit used, displayed and joined by " + " ("play + ##ing"),
 * appended to out. */
void	 tokspace_describe(const struct space *s, const struct tokenizer *t,
	    const struct tokspace_hit *h, struct buf *out);

/* Row i of s as a reader should see it (tok_piece_display). */
void	 tokspace_row_name(const struct space *s, const struct tokenizer *t,
	    long i, struct buf *out);

#endif
