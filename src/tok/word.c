/*
 * tok/word: a word tokenizer in the manner of the Stanford (PTB-style)
 * tokenizer that produced GloVe's corpora. Reads UTF-8 text; produces
 * normalised words with the byte ranges they came from (id -1).
 * Never splits a grapheme cluster; never needs a vocabulary.
 *
 * The text is cut into extended grapheme clusters (utf8proc, UAX #29:
 * a letter with its combining marks, an emoji ZWJ sequence, a flag stay
 * whole); a cluster's class is that of its first code point. Rules:
 *
 *  1. Whitespace and control characters separate tokens and are dropped.
 *  2. A word is a run of letters (L*, or a leading mark M*) and digits
 *     (N*). Inside a run:
 *     - "." "," ":" "/" between two digits stay in it: 3.14, 1,000,
 *       10:30, 1/2 are one token each;
 *     - an apostrophe (' or U+2019) between a letter or digit and a letter
 *       stays in it (o'clock, rock'n'roll), then English clitics are cut
 *       off the end as the Stanford tokenizer does: "n't" (don't -> do
 *       n't, can't -> ca n't), and 's 'm 'd 're 've 'll (cat's -> cat 's,
 *       they're -> they 're), as is a clitic standing alone ("cat 's");
 *       U+2019 in a word is written "'";
 *     - single letters each followed by "." form one abbreviation with
 *       the periods (U.S. -> u.s., e.g. -> e.g.); so do a few titles and
 *       abbreviations followed by "." (mr. mrs. ms. dr. prof. st. jr. sr.
 *       vs. etc. inc. ltd. co. corp.);
 *     - format characters (Cf: soft hyphen, zero-width joiners, ...) are
 *       left out of the word's spelling.
 *  3. Hyphens split words: well-known -> well - known.
 *  4. Any other character is a token of its own (one grapheme cluster:
 *     an emoji with its modifiers is one token), except that a run of one
 *     repeated ASCII punctuation character is one token ("...", "--",
 *     "!!!").
 *  5. Each token is NFC-normalised and, when lowercase is set, lowercased
 *     code point by code point (simple case mapping: no ß -> ss).
 * Offsets are the bytes of the original text the token spans, including
 * any format characters left out of its spelling.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "tok/tokint.h"
#include "util/buf.h"
#include "util/xalloc.h"

enum wclass {
	WC_SPACE,	/* whitespace, controls: separators */
	WC_LETTER,
	WC_DIGIT,
	WC_APOS,	/* ' U+2019 */
	WC_NUMSEP,	/* . , : / (inside numbers; "." also in abbreviations) */
	WC_OTHER	/* punctuation, symbols, hyphens, emoji */
};

/* One grapheme cluster. */
struct wcl {
	size_t		 s, e;		/* bytes */
	int32_t		 c;		/* first code point */
	unsigned char	 cls;
	unsigned char	 single;	/* one code point only */
};

static const char *const word_abbrevs[] = {
	"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc",
	"inc", "ltd", "co", "corp"
};

static enum wclass
word_class(int32_t c)
{
	if (c < 128) {
		if (c == ' ' || (c >= 0x09 && c <= 0x0D) || c < 0x20 || c == 0x7F)
			return WC_SPACE;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			return WC_LETTER;
		if (c >= '0' && c <= '9')
			return WC_DIGIT;
		if (c == '\'')
			return WC_APOS;
		if (c == '.' || c == ',' || c == ':' || c == '/')
			return WC_NUMSEP;
		return WC_OTHER;
	}
	if (c == 0x2019)
		return WC_APOS;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
		return WC_LETTER;
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return WC_DIGIT;
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_CC:
		return WC_SPACE;
	case UTF8PROC_CATEGORY_CF:
		/* A format character on its own (not inside a cluster)
		 * separates nothing and spells nothing: treat as space
		 * unless it sits inside a word (see word_encode). */
		return WC_SPACE;
	default:
		return WC_OTHER;
	}
}

/* Cuts text into grapheme clusters. *n is the count; returns the array
 * (heap; caller frees). */
static struct wcl *
word_clusters(const char *text, size_t len, size_t *n)
{
	struct wcl *v = NULL;
	size_t cap = 0, cnt = 0, i = 0, k;
	int32_t state = 0, prev = -1, c;

	while (i < len) {
		c = tok_utf8_get(text, len, i, &k);
		if (prev < 0 || utf8proc_grapheme_break_stateful(prev, c,
		    &state)) {
			if (cnt == cap) {
				cap = cap ? cap * 2 : 256;
				v = xreallocarray(v, cap, sizeof(*v));
			}
			v[cnt].s = i;
			v[cnt].c = c;
			v[cnt].cls = (unsigned char)word_class(c);
			v[cnt].single = 1;
			cnt++;
		} else
			v[cnt - 1].single = 0;
		v[cnt - 1].e = i + k;
		prev = c;
		i += k;
	}
	*n = cnt;
	return v;
}

static utf8proc_int32_t
word_lower(utf8proc_int32_t c, void *data)
{
	(void)data;
	return utf8proc_tolower(c);
}

/*
 * Appends the token for text[s, e): NFC, lowercased when asked; for a
 * word ("word" set) format characters are dropped and U+2019 is "'".
 * Nothing is appended when the spelling is empty.
 */
static void
word_emit(const struct tokenizer *t, const char *text, size_t s, size_t e,
    int word, struct toklist *l, struct buf *tmp)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n;
	size_t i;
	int ascii = 1;

	for (i = s; i < e; i++)
		if ((unsigned char)text[i] >= 0x80) {
			ascii = 0;
			break;
		}
	buf_reset(tmp);
	if (ascii) {
		for (i = s; i < e; i++) {
			char ch = text[i];

			if (t->lowercase && ch >= 'A' && ch <= 'Z')
				ch = (char)(ch - 'A' + 'a');
			buf_putc(tmp, ch);
		}
	} else {
		n = utf8proc_map_custom((const utf8proc_uint8_t *)text + s,
		    (utf8proc_ssize_t)(e - s), &out, UTF8PROC_STABLE |
		    UTF8PROC_COMPOSE | (word ? UTF8PROC_IGNORE : 0),
		    t->lowercase ? word_lower : NULL, NULL);
		if (n < 0)	/* valid input: not reached */
			buf_put(tmp, text + s, e - s);
		else
			buf_put(tmp, out, (size_t)n);
		free(out);
	}
	/* U+2019 inside a word is written "'", as GloVe spells clitics. */
	if (word && !ascii) {
		char *q;

		while ((q = memmem(tmp->data, tmp->len, "\xe2\x80\x99", 3))
		    != NULL) {
			*q = '\'';
			memmove(q + 1, q + 3, tmp->len - (size_t)(q + 3 -
			    tmp->data) + 1);
			tmp->len -= 2;
		}
	}
	if (tmp->len > 0)
		toklist_push(l, -1, tmp->data, tmp->len, s, e, 0);
}

static int
cl_is(const struct wcl *c, int32_t ch)
{
	return c->single && c->c == ch;
}

static int
cl_is_ci(const struct wcl *c, char ch)
{
	return c->single && (c->c == ch || c->c == ch - 'a' + 'A');
}

static int
cl_is_apos(const struct wcl *c)
{
	return c->single && (c->c == '\'' || c->c == 0x2019);
}

/* Whether v[0, n) is exactly a clitic: ' then s m d re ve ll. */
static int
word_is_clitic(const struct wcl *v, size_t n)
{
	if (n < 2 || !cl_is_apos(&v[0]))
		return 0;
	if (n == 2)
		return cl_is_ci(&v[1], 's') || cl_is_ci(&v[1], 'm') ||
		    cl_is_ci(&v[1], 'd');
	if (n == 3)
		return (cl_is_ci(&v[1], 'r') && cl_is_ci(&v[2], 'e')) ||
		    (cl_is_ci(&v[1], 'v') && cl_is_ci(&v[2], 'e')) ||
		    (cl_is_ci(&v[1], 'l') && cl_is_ci(&v[2], 'l'));
	return 0;
}

/* Length in clusters of the clitic that ends the word v[0, n) after a
 * stem of one cluster or more, or 0. */
static size_t
word_clitic(const struct wcl *v, size_t n)
{
	size_t k;

	/* n't */
	if (n >= 4 && cl_is_ci(&v[n - 3], 'n') && cl_is_apos(&v[n - 2]) &&
	    cl_is_ci(&v[n - 1], 't'))
		return 3;
	for (k = 2; k <= 3; k++)
		if (n > k && word_is_clitic(v + n - k, k))
			return k;
	return 0;
}

static int
is_wordch(const struct wcl *c)
{
	return c->cls == WC_LETTER || c->cls == WC_DIGIT;
}

/* Clusters of an abbreviation starting at word start v[i], or 0. */
static size_t
word_abbrev(const struct wcl *v, size_t n, size_t i, const char *text)
{
	size_t j = i, letters = 0, k, len;

	/* Single letters, each followed by ".": u.s. e.g. a.m. */
	while (j + 1 < n && v[j].cls == WC_LETTER && cl_is(&v[j + 1], '.') &&
	    (j + 2 >= n || !is_wordch(&v[j + 2]) || j + 3 >= n ||
	    cl_is(&v[j + 3], '.'))) {
		j += 2;
		letters++;
	}
	if (letters >= 2 && (j >= n || !is_wordch(&v[j])))
		return j - i;
	/* A listed abbreviation followed by ".": mr. etc. */
	for (j = i; j < n && v[j].cls == WC_LETTER && v[j].single &&
	    v[j].c < 128; j++)
		;
	if (j == i || j >= n || !cl_is(&v[j], '.'))
		return 0;
	len = v[j].s - v[i].s;
	for (k = 0; k < sizeof(word_abbrevs) / sizeof(word_abbrevs[0]); k++)
		if (strlen(word_abbrevs[k]) == len &&
		    strncasecmp(word_abbrevs[k], text + v[i].s, len) == 0)
			return j + 1 - i;
	return 0;
}

/*
 * Appends the words of text[0, len) (valid UTF-8) to l. Returns 0.
 */
int
word_encode(const struct tokenizer *t, const char *text, size_t len,
    struct toklist *l, struct diag *d)
{
	struct buf tmp = BUF_INIT;
	struct wcl *v;
	size_t n, i = 0, j, k, a;

	(void)d;
	v = word_clusters(text, len, &n);
	while (i < n) {
		if (v[i].cls == WC_SPACE) {
			i++;
			continue;
		}
		if (is_wordch(&v[i])) {
			if ((a = word_abbrev(v, n, i, text)) > 0) {
				word_emit(t, text, v[i].s, v[i + a - 1].e, 1, l,
				    &tmp);
				i += a;
				continue;
			}
			j = i + 1;
			while (j < n) {
				if (is_wordch(&v[j]) || (utf8proc_category(
				    v[j].c) == UTF8PROC_CATEGORY_CF &&
				    j + 1 < n && is_wordch(&v[j + 1]))) {
					j++;
					continue;
				}
				if (v[j].cls == WC_NUMSEP && v[j].single &&
				    v[j - 1].cls == WC_DIGIT && j + 1 < n &&
				    v[j + 1].cls == WC_DIGIT) {
					j += 2;
					continue;
				}
				if (v[j].cls == WC_APOS && v[j].single &&
				    j + 1 < n && v[j + 1].cls == WC_LETTER) {
					j += 2;
					continue;
				}
				break;
			}
			k = word_clitic(v + i, j - i);
			if (k > 0) {
				word_emit(t, text, v[i].s, v[j - k - 1].e, 1, l,
				    &tmp);
				word_emit(t, text, v[j - k].s, v[j - 1].e, 1, l,
				    &tmp);
			} else
				word_emit(t, text, v[i].s, v[j - 1].e, 1, l,
				    &tmp);
			i = j;
			continue;
		}
		/* A clitic standing alone ("the cat 's"): one token. */
		if (cl_is_apos(&v[i])) {
			for (j = i + 1; j < n && v[j].cls == WC_LETTER; j++)
				;
			if ((j >= n || !is_wordch(&v[j])) &&
			    word_is_clitic(v + i, j - i)) {
				word_emit(t, text, v[i].s, v[j - 1].e, 1, l, &tmp);
				i = j;
				continue;
			}
		}
		/* Other: one cluster, or a run of one ASCII punctuation. */
		j = i + 1;
		if (v[i].single && v[i].c < 128)
			while (j < n && cl_is(&v[j], v[i].c))
				j++;
		word_emit(t, text, v[i].s, v[j - 1].e, 0, l, &tmp);
		i = j;
	}
	free(v);
	buf_clear(&tmp);
	return 0;
}
