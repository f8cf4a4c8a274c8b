/*
 * tok/tok_impl.h: the tokenizers' private structure and entry points.
 * Never included outside src/tok/.
 */
#ifndef VECDOC_TOK_IMPL_H
#define VECDOC_TOK_IMPL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <utf8proc.h>

#include "tok/tok.h"
#include "util/hash.h"

struct tokenizer {
	enum tok_kind	 kind;
	int		 lowercase;
	struct strmap	 vocab;		/* piece -> id */
	char		**pieces;	/* id -> piece */
	size_t		 nids;
	long		 unk;		/* [UNK] id (wordpiece) */
	struct strmap	 ranks;		/* "left right" -> merge rank (bpe) */
	pcre2_code	*re;		/* pre-tokeniser (bpe) */
	char		 b2u[256][3];	/* byte -> UTF-8 of its unicode stand-in */
};

/* Appends a token (piece copied). */
void	 toklist_push(struct toklist *l, long id, const char *piece,
	    size_t plen, size_t start, size_t end, int unk);
int	 tok_utf8_check(const char *s, size_t len, struct diag *d);

int	 word_encode(const struct tokenizer *t, const char *s, size_t len,
	    struct toklist *l, struct diag *d);
struct tokenizer *wordpiece_open(const char *vocab, int lowercase,
	    struct diag *d);
int	 wordpiece_encode(const struct tokenizer *t, const char *s, size_t len,
	    struct toklist *l, struct diag *d);
struct tokenizer *bpe_open(const char *encoder, const char *merges,
	    struct diag *d);
int	 bpe_encode(const struct tokenizer *t, const char *s, size_t len,
	    struct toklist *l, struct diag *d);

#endif
