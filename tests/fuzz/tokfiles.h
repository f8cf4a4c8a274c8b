/*
 * tests/fuzz/tokfiles.h: small vocabularies for the tokenizer fuzz
 * targets when the real ones ($VECDOC_SHARED/data) are absent: a
 * WordPiece vocab.txt, and a GPT-2 style encoder.json (the 256 byte
 * symbols, then a few merged pieces) with its merges.
 */
#ifndef VECDOC_FUZZ_TOKFILES_H
#define VECDOC_FUZZ_TOKFILES_H

#include "util/buf.h"

static const char tf_vocab[] =
	"[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\nun\n##aff\n##able\n!\n"
	"caf\n##e\na\n##a\n\xe4\xb8\xad\n,\n\xe1\xab\x84\n##\xe1\xab\x86\n"
	"vi\n##\xe1\xbb\x87\n##t\nn\n##am\n";

static const char *const tf_merges[] = {
	"h e", "l l", "he ll", "hell o", "\xc4\xa0 w", "a a", "t h",
	"th e", "\xc4\xa0 the"
};

/* GPT-2's bytes_to_unicode: the code point standing for byte b. */
static inline int
tf_byte_cp(int b)
{
	int k, n = 0;

	if ((b >= 33 && b <= 126) || (b >= 161 && b <= 172) ||
	    (b >= 174 && b <= 255))
		return b;
	for (k = 0; k < b; k++)
		if (!((k >= 33 && k <= 126) || (k >= 161 && k <= 172) ||
		    (k >= 174 && k <= 255)))
			n++;
	return 256 + n;
}

/* A JSON string for the byte symbols of b's code point. */
static inline void
tf_sym(struct buf *o, int cp)
{
	if (cp == '"' || cp == '\\') {
		buf_putc(o, '\\');
		buf_putc(o, cp);
	} else if (cp < 128)
		buf_putc(o, cp);
	else {
		buf_putc(o, 0xC0 | cp >> 6);
		buf_putc(o, 0x80 | (cp & 63));
	}
}

/* encoder.json into enc, vocab.bpe into mer. */
static inline void
tf_bpe(struct buf *enc, struct buf *mer)
{
	size_t i;
	const char *p;
	int b;

	buf_puts(enc, "{");
	for (b = 0; b < 256; b++) {
		buf_puts(enc, b ? ", \"" : "\"");
		tf_sym(enc, tf_byte_cp(b));
		buf_printf(enc, "\": %d", b);
	}
	buf_puts(mer, "#version: 0.2\n");
	for (i = 0; i < sizeof(tf_merges) / sizeof(tf_merges[0]); i++) {
		buf_puts(enc, ", \"");
		for (p = tf_merges[i]; *p; p++)
			if (*p != ' ')
				buf_putc(enc, *p);
		buf_printf(enc, "\": %d", 256 + (int)i);
		buf_printf(mer, "%s\n", tf_merges[i]);
	}
	buf_puts(enc, "}\n");
}

#endif
