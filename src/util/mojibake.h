/*
 * util/mojibake: UTF-8 text that was read through a single-byte code page
 * and saved again as UTF-8 ("Ä‘iá»" for "điề"), told apart from clean text.
 * Reads text; produces code page tables (built once with iconv) and a
 * verdict. Never changes the text and never prints.
 */
#ifndef VECDOC_MOJIBAKE_H
#define VECDOC_MOJIBAKE_H

#include <stddef.h>
#include <stdint.h>

/* The code pages a page may have been read through, in the order ties
 * are broken. */
enum moji_cp {
	MOJI_CP1252,	/* Windows Western */
	MOJI_CP1254,	/* Windows Turkish (1252 with ğ Ğ ı İ ş Ş) */
	MOJI_CP1258,	/* Windows Vietnamese, byte by byte */
	MOJI_MACROMAN,	/* Mac OS Roman */
	MOJI_NCP
};

#define MOJI_NONE 0xFFFFFFFFu

struct moji_table {
	const char	*name;		/* "windows-1254" */
	uint32_t	 dec[256];	/* byte -> code point, MOJI_NONE if undefined */
	/* Bytes that cannot survive a trip through this code page: undefined
	 * ones, and the soft hyphen (0xAD), which editors drop. */
	unsigned char	 lost[16];
	int		 nlost;
};

/* The table of one code page (built on first use; thread-safe). */
const struct moji_table *moji_table(enum moji_cp cp);

/*
 * The byte that code point c came from under code page t: ASCII is
 * itself, C1 controls U+0080..U+009F stand for the undefined byte of the
 * same value (what lenient decoders produce). -1 when c has no byte.
 */
int	 moji_byte(const struct moji_table *t, uint32_t c);

/* Bytes a UTF-8 sequence starting with lead byte b has (2..4), or 0 if
 * b cannot start a multi-byte sequence. */
int	 moji_seqlen(unsigned b);

/* The verdict on one text. */
struct moji_verdict {
	int	 cp;		/* enum moji_cp of the best reading, -1: clean */
	size_t	 seqs;		/* complete double-encoded sequences found */
	size_t	 broken;	/* sequences missing bytes */
	size_t	 first;	/* byte offset of the first such sequence */
};

/*
 * Looks at len bytes of UTF-8 text and says whether it reads as
 * double-encoded: under the best code page, at least 3 complete
 * sequences that decode to characters beyond ASCII, making up at least
 * a fifth of the text's non-ASCII characters. Clean text in any language
 * almost never forms such runs ("Ã©" twice in a row of one page).
 * Pure: no allocation, no state. Returns 1 (double-encoded) or 0.
 */
int	 moji_detect(const char *s, size_t len, struct moji_verdict *v);

#endif
