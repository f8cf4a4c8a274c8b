/*
 * tok/tokint.h: what the three tokenizers share inside src/tok/ — the
 * tokenizer object, the id <-> piece table and token-list appends.
 * Private to src/tok/; callers use tok.h. Never exported.
 */
#ifndef VECDOC_TOKINT_H
#define VECDOC_TOKINT_H

#include <stddef.h>
#include <stdint.h>

#include "tok/tok.h"

struct bpe_pairs;

/* A slot of the piece -> id table. */
struct tokslot {
	uint32_t	 hash;
	uint32_t	 id1;		/* id + 1; 0: empty */
	size_t		 off;		/* of the piece in the pool */
};

/* One opened tokenizer; read-only once tok_open returns it. */
struct tokenizer {
	enum tok_kind	 kind;
	int		 lowercase;

	/* Vocabulary (wordpiece, bpe): every piece once in "pool"
	 * (NUL-terminated), id -> offset and length, and an open-addressing
	 * table piece -> id (slots hold id + 1; 0 is empty). */
	char		*pool;
	size_t		 poollen, poolcap;
	size_t		*off;		/* (size_t)-1: no piece has this id */
	uint32_t	*len;
	long		 npieces;	/* largest id + 1 */
	long		 piececap;
	struct tokslot	*tab;
	size_t		 tabcap, tabused;

	/* wordpiece */
	long		 unk;		/* id of [UNK] */
	size_t		 maxpiece;	/* longest piece in bytes, "##" aside */
	long		 special[5];	/* [PAD] [UNK] [CLS] [SEP] [MASK], -1 absent */

	/* bpe */
	long		 byte_id[256];	/* id of each byte's symbol */
	struct bpe_pairs *pairs;	/* (left id, right id) -> rank, merged id */
	void		*re;		/* pcre2_code_8 */
};

/* Appends one token; the piece is copied into the list's pool (n bytes,
 * not NUL-terminated). */
void	 toklist_push(struct toklist *l, long id, const char *piece, size_t n,
	    size_t start, size_t end, int unk);

/* Byte offset of the first invalid UTF-8 sequence in s[0, len), or
 * (size_t)-1 when it is all valid (surrogates and overlongs count as
 * invalid, as utf8proc decides). */
size_t	 tok_utf8_check(const char *s, size_t len);

/* Decodes the code point at s[i] (valid UTF-8 assumed); stores its
 * length in *n. */
int32_t	 tok_utf8_get(const char *s, size_t len, size_t i, size_t *n);

/* Reads vocab.txt into t (wordpiece.c). 0, or -1 with d set. */
int	 wordpiece_open(struct tokenizer *t, const char *vocab, struct diag *d);
/* Appends the tokens of valid UTF-8 text to l, or with "pre" the
 * normalised words (tok_pretokenize). Returns 0. */
int	 wordpiece_encode(const struct tokenizer *t, const char *text,
	    size_t len, int pre, struct toklist *l, struct diag *d);

/* Reads encoder.json and vocab.bpe into t, compiles the regex (bpe.c).
 * 0, or -1 with d set; bpe_close frees what it added (not t). */
int	 bpe_open(struct tokenizer *t, const char *vocab, const char *merges,
	    struct diag *d);
void	 bpe_close(struct tokenizer *t);
/* Appends the tokens of valid UTF-8 text to l, or with "pre" the regex
 * matches. 0, or -1 with d set if the regex engine fails. */
int	 bpe_encode(const struct tokenizer *t, const char *text, size_t len,
	    int pre, struct toklist *l, struct diag *d);

/* Appends the words of valid UTF-8 text to l (word.c has the rules).
 * Returns 0. */
int	 word_encode(const struct tokenizer *t, const char *text, size_t len,
	    struct toklist *l, struct diag *d);

/* Registers piece s[0, n) under id (the tables grow as needed); a later
 * entry with the same piece takes over the piece -> id lookup. The
 * piece must not contain a NUL byte. */
void	 tok_vocab_add(struct tokenizer *t, const char *s, size_t n, long id);
/* Makes room for n more pieces of "bytes" bytes in all (optional). */
void	 tok_vocab_reserve(struct tokenizer *t, size_t n, size_t bytes);
/* The id of piece s[0, n), or -1. */
long	 tok_vocab_get(const struct tokenizer *t, const char *s, size_t n);
/* The piece of a valid id, or NULL; its length in *n when n != NULL. */
const char *tok_vocab_piece(const struct tokenizer *t, long id, size_t *n);

/* GPT-2's byte-level piece ("\u0120the") as the raw bytes it stands
 * for (" the"), appended to out. 0, or -1 when a character is not one of
 * the 256 byte symbols. */
struct buf;
/* The character GPT-2's bytes_to_unicode gives byte b (0..255). */
int32_t	 bpe_byte_char(int b);
int	 bpe_piece_bytes(const char *piece, struct buf *out);

#endif
