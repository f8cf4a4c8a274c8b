/*
 * tok/tok.h: tokenizers — a GloVe-style word tokenizer, BERT WordPiece
 * (vocab.txt) and GPT-2 byte-level BPE (encoder.json + vocab.bpe) — that
 * split UTF-8 text into tokens with ids and byte offsets into the text.
 * Reads vocabulary files once (tok_open); tokenizers are then read-only
 * and may be shared by threads. Never prints, never exits.
 */
#ifndef VECDOC_TOK_H
#define VECDOC_TOK_H

#include <stddef.h>

#include "util/diag.h"

enum tok_kind {
	TOK_WORD,	/* lowercased words, punctuation split off, numbers kept */
	TOK_WORDPIECE,	/* BERT: BasicTokenizer + greedy longest match, ## */
	TOK_BPE		/* GPT-2: regex pre-tokenisation + byte-level BPE */
};

struct tokenizer;

/* One token: its id in the vocabulary (-1 for the word tokenizer, which
 * has none), its piece as the vocabulary spells it ("##ing", "Ġthe"; for
 * the word tokenizer the normalised word), and the bytes [start, end) of
 * the original text it covers (a continuation piece covers its own part
 * of the word; pieces of one multi-byte character may share a range). */
struct token {
	long		 id;
	const char	*piece;		/* NUL-terminated, owned by the list */
	size_t		 start, end;
	int		 unk;		/* 1 for [UNK] */
};

/* Tokens in text order. Appending may move the pieces: l->v[i].piece
 * is kept right, but a copy of the pointer lasts only until the next
 * append or toklist_free. */
struct toklist {
	struct token	*v;
	size_t		 n, cap;
	char		*pool;		/* piece storage */
	size_t		 poollen, poolcap;
	size_t		*off;		/* each token's piece offset in pool */
};

/*
 * Opens a tokenizer. kind: "word", "wordpiece" or "bpe". vocab: the
 * vocab.txt (wordpiece) or encoder.json/vocab.json (bpe), NULL for word;
 * merges: vocab.bpe/merges.txt (bpe only). lowercase: wordpiece's
 * do_lower_case (uncased models: 1; it also decides accent stripping);
 * for word, whether words are lowercased (GloVe: 1; word2vec GoogleNews
 * is cased: 0); bpe ignores it. Returns NULL with d set (file:line for a
 * bad vocabulary line, file:line:col for bad JSON) on error. Free with
 * tok_free. The rules each kind follows are documented at the top of
 * word.c, wordpiece.c and bpe.c.
 */
struct tokenizer *tok_open(const char *kind, const char *vocab,
	    const char *merges, int lowercase, struct diag *d);
void	 tok_free(struct tokenizer *t);
enum tok_kind tok_kind(const struct tokenizer *t);
/* Number of ids (0 for word). */
long	 tok_vocab_size(const struct tokenizer *t);
/* The piece of id (NULL when out of range). Borrowed. */
const char *tok_piece(const struct tokenizer *t, long id);
/* The id of a piece as the vocabulary spells it ("[CLS]", "Ġthe"), or
 * -1 when absent (always -1 for word). tok_encode never adds [CLS] /
 * [SEP]; a caller that wants them looks their ids up here. */
long	 tok_id(const struct tokenizer *t, const char *piece);

/*
 * Checks the invariant every tokenizer keeps for tokens l->v[first, l->n)
 * of a text of len bytes: 0 <= start <= end <= len, and neither starts
 * nor ends decrease along the list. tok_encode and tok_pretokenize check
 * it themselves (a violation is an internal error); tests call it too.
 * Returns 0, or -1 with the index of the first bad token in *bad.
 */
int	 toklist_check(const struct toklist *l, size_t first, size_t len,
	    size_t *bad);

/* Initialises / frees a token list. */
void	 toklist_init(struct toklist *l);
void	 toklist_free(struct toklist *l);

/*
 * Appends the tokens of text[0, len) to l (after any already there).
 * Invalid UTF-8 is an error naming the byte offset. Returns 0, or -1
 * with d set.
 */
int	 tok_encode(const struct tokenizer *t, const char *text, size_t len,
	    struct toklist *l, struct diag *d);

/*
 * Appends the pre-tokens of text[0, len) to l: the stage before the
 * vocabulary is consulted — GPT-2's regex matches (the piece is the raw
 * text), WordPiece's normalised words and punctuation (lowercased and
 * accent-stripped as the model sees them; special tokens whole), or the
 * word tokenizer's tokens. Every pre-token has id -1. Returns 0, or -1
 * with d set (invalid UTF-8), like tok_encode.
 */
int	 tok_pretokenize(const struct tokenizer *t, const char *text,
	    size_t len, struct toklist *l, struct diag *d);

/*
 * A piece as a reader should see it, appended to out (NUL-terminated
 * through buf_str). GPT-2's byte-level pieces are decoded to their bytes;
 * a space shows as "\u2423" (open box), a newline as "\u21b5", a tab as
 * "\u21e5", other control bytes and bytes of an incomplete UTF-8
 * character as "<0xNN>". WordPiece pieces are unchanged ("##ing" keeps
 * its continuation mark); so are word tokens.
 */
struct buf;
void	 tok_piece_display(const struct tokenizer *t, const char *piece,
	    struct buf *out);
/*
 * The piece a reader typed, back in the vocabulary's spelling: for BPE,
 * the marks of tok_piece_display ("\u2423the") and plain text (" the")
 * become byte-level symbols ("\u0120the"). Appended to out; other kinds
 * copy it.
 */
void	 tok_piece_spell(const struct tokenizer *t, const char *text,
	    struct buf *out);
/*
 * 1 when the piece is a word or the start of one: after GPT-2's leading
 * space, only letters (any script) and inner apostrophes or hyphens;
 * not a WordPiece continuation ("##ing"), a special token ("[CLS]",
 * "<|endoftext|>"), punctuation, digits or a byte fragment.
 */
int	 tok_piece_is_word(const struct tokenizer *t, const char *piece);

#endif
