/*
 * util/mojibake: double-encoded UTF-8 told apart from clean text.
 * Reads UTF-8 text; produces code page tables and a verdict.
 * Never changes the text; the tables come from iconv (glibc), not from
 * hand-copied lists.
 */
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/mojibake.h"

struct rev {
	uint32_t	c;
	unsigned char	b;
};

static struct moji_table tables[MOJI_NCP];
static struct rev revs[MOJI_NCP][136];
static int nrevs[MOJI_NCP];
/* moji_byte of every code point below FAST, looked up once: detection
 * asks it of every non-ASCII character of a page for each code page. */
#define FAST	0x2300
static short fast[MOJI_NCP][FAST];
/* Per code point, the code pages under which it reads as a UTF-8 lead
 * byte (bit cp of leads) or a continuation byte (of conts). */
static unsigned char leads[FAST], conts[FAST];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const char *const iconv_names[MOJI_NCP] = {
	"CP1252", "CP1254", "CP1258", "MACINTOSH"
};
static const char *const names[MOJI_NCP] = {
	"windows-1252", "windows-1254", "windows-1258", "mac-roman"
};

static int
cmp_rev(const void *a, const void *b)
{
	const struct rev *x = a, *y = b;

	return x->c < y->c ? -1 : x->c > y->c;
}

/* One byte through iconv: the code point, or MOJI_NONE when the code
 * page has no character for it (or gives more than one). */
static uint32_t
decode_byte(iconv_t cd, unsigned b)
{
	char in[1], out[16], *ip = in, *op = out;
	size_t il = 1, ol = sizeof(out);
	uint32_t c;

	in[0] = (char)b;
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
		return MOJI_NONE;
	/* Flush what a stateful converter (CP1258) holds back. */
	if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
		return MOJI_NONE;
	if (sizeof(out) - ol != 4)
		return MOJI_NONE;
	memcpy(&c, out, 4);
	return c;
}

static void
build(void)
{
	int i;
	unsigned b;

	for (i = 0; i < MOJI_NCP; i++) {
		struct moji_table *t = &tables[i];
		iconv_t cd = iconv_open("UCS-4LE", iconv_names[i]);

		t->name = names[i];
		for (b = 0; b < 256; b++)
			t->dec[b] = b < 0x80 ? b : MOJI_NONE;
		if (cd != (iconv_t)-1) {
			for (b = 0x80; b < 256; b++)
				t->dec[b] = decode_byte(cd, b);
			iconv_close(cd);
		}
		for (b = 0x80; b < 256; b++) {
			if (t->dec[b] == MOJI_NONE || b == 0xAD) {
				if (b < 0xC0 && t->nlost < (int)sizeof(t->lost))
					t->lost[t->nlost++] = (unsigned char)b;
			}
			if (t->dec[b] != MOJI_NONE) {
				revs[i][nrevs[i]].c = t->dec[b];
				revs[i][nrevs[i]].b = (unsigned char)b;
				nrevs[i]++;
			}
		}
		/* Apple's own Mac OS Roman table differs from glibc's in two
		 * places; pages decoded by either must be recognised. */
		if (i == MOJI_MACROMAN) {
			static const struct rev apple[] = {
				{ 0x2206, 0xC6 },	/* INCREMENT; glibc: U+0394 */
				{ 0xF8FF, 0xF0 },	/* Apple logo; glibc: U+E01E */
			};
			size_t a;

			for (a = 0; a < sizeof(apple) / sizeof(apple[0]); a++)
				revs[i][nrevs[i]++] = apple[a];
		}
		qsort(revs[i], (size_t)nrevs[i], sizeof(struct rev), cmp_rev);
	}
}

static int	byte_of(int, uint32_t);
static uint32_t	next_cp(const unsigned char *, size_t, size_t *);

static void
build_all(void)
{
	int i;
	uint32_t c;

	build();
	for (i = 0; i < MOJI_NCP; i++)
		for (c = 0; c < FAST; c++) {
			int b = byte_of(i, c);

			fast[i][c] = (short)b;
			if (b >= 0 && moji_seqlen((unsigned)b) > 0)
				leads[c] |= (unsigned char)(1u << i);
			if (b >= 0x80 && b <= 0xBF)
				conts[c] |= (unsigned char)(1u << i);
		}
}

/* Whether some character reads under some code page as a lead byte and
 * the character right after it as a continuation byte: without such a
 * pair no code page can find a sequence (nor a broken one). */
static int
any_pair(const unsigned char *s, size_t len)
{
	size_t i = 0;
	unsigned prev = 0;

	while (i < len) {
		uint32_t c;
		unsigned l, k;
		int cp;

		if (s[i] < 0x80) {
			prev = 0;
			i++;
			continue;
		}
		c = next_cp(s, len, &i);
		if (c < FAST) {
			l = leads[c];
			k = conts[c];
		} else {
			l = k = 0;
			for (cp = 0; cp < MOJI_NCP; cp++) {
				int b = byte_of(cp, c);

				if (b >= 0 && moji_seqlen((unsigned)b) > 0)
					l |= 1u << cp;
				if (b >= 0x80 && b <= 0xBF)
					k |= 1u << cp;
			}
		}
		if (prev & k)
			return 1;
		prev = l;
	}
	return 0;
}

int
moji_byte(const struct moji_table *t, uint32_t c)
{
	int i = (int)(t - tables);

	return c < FAST ? fast[i][c] : byte_of(i, c);
}

const struct moji_table *
moji_table(enum moji_cp cp)
{
	pthread_once(&once, build_all);
	return &tables[cp];
}

static int
byte_of(int i, uint32_t c)
{
	const struct moji_table *t = &tables[i];
	int lo = 0, hi;

	if (c < 0x80)
		return (int)c;
	if (c < 0xA0 && t->dec[c] == MOJI_NONE)
		return (int)c;
	hi = nrevs[i] - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (revs[i][mid].c == c)
			return revs[i][mid].b;
		if (revs[i][mid].c < c)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int
moji_seqlen(unsigned b)
{
	if (b >= 0xC2 && b <= 0xDF)
		return 2;
	if (b >= 0xE0 && b <= 0xEF)
		return 3;
	if (b >= 0xF0 && b <= 0xF4)
		return 4;
	return 0;
}

/* Next code point of valid UTF-8 at s[*i]; advances *i. Bad bytes read
 * as themselves (callers only pass checked text, but must not loop). */
static uint32_t
next_cp(const unsigned char *s, size_t len, size_t *i)
{
	unsigned b = s[*i];
	int n = moji_seqlen(b), k;
	uint32_t c;

	if (n == 0 || *i + (size_t)n > len) {
		(*i)++;
		return b;
	}
	c = b & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
	for (k = 1; k < n; k++) {
		if ((s[*i + k] & 0xC0) != 0x80) {
			(*i)++;
			return b;
		}
		c = (c << 6) | (s[*i + k] & 0x3F);
	}
	*i += (size_t)n;
	return c;
}

/* Whether bytes b[0..n) are one well-formed UTF-8 character above ASCII. */
static int
valid_seq(const unsigned char *b, int n)
{
	uint32_t c;
	int k;

	if (n < 2 || moji_seqlen(b[0]) != n)
		return 0;
	c = b[0] & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
	for (k = 1; k < n; k++) {
		if ((b[k] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (b[k] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	return 1;
}

int
moji_detect(const char *text, size_t len, struct moji_verdict *v)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t nonascii = 0, i;
	int cp;

	v->cp = -1;
	v->seqs = v->broken = v->first = 0;
	for (i = 0; i < len; i++)
		if (s[i] >= 0xC0)
			nonascii++;
	if (nonascii == 0)
		return 0;
	(void)moji_table(MOJI_CP1252);	/* the tables, built once */
	if (!any_pair(s, len))
		return 0;
	for (cp = 0; cp < MOJI_NCP; cp++) {
		const struct moji_table *t = moji_table((enum moji_cp)cp);
		size_t seqs = 0, broken = 0, inseq = 0, first = 0;

		i = 0;
		while (i < len) {
			size_t at, j;
			uint32_t c;
			int b, n, k;
			unsigned char seq[4];

			/* ASCII is never part of a sequence's start: skip it
			 * without decoding (most of a page is ASCII). */
			if (s[i] < 0x80) {
				i++;
				continue;
			}
			at = i;
			c = next_cp(s, len, &i);
			b = moji_byte(t, c);

			if (c < 0x80 || b < 0 || (n = moji_seqlen((unsigned)b)) == 0)
				continue;
			seq[0] = (unsigned char)b;
			j = i;
			for (k = 1; k < n && j < len; k++) {
				size_t save = j;
				int cb = moji_byte(t, next_cp(s, len, &j));

				if (cb < 0x80 || cb > 0xBF) {
					j = save;
					break;
				}
				seq[k] = (unsigned char)cb;
			}
			if (k == n && valid_seq(seq, n)) {
				if (seqs == 0)
					first = at;
				seqs++;
				inseq += (size_t)n;
				i = j;
			} else if (k > 1)
				broken++;
		}
		if (seqs > v->seqs) {
			v->cp = cp;
			v->seqs = seqs;
			v->broken = broken;
			v->first = first;
			if (seqs < 3 || inseq * 5 < nonascii)
				v->cp = -1;
		}
	}
	return v->cp >= 0;
}
