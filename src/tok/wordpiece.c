/*
 * tok/wordpiece: BERT WordPiece — the vocab.txt reader and the encoder.
 * Reads a vocabulary of one piece per line (the line number is the id);
 * produces tokens whose byte ranges point into the original text.
 * Never changes the caller's text; never keeps per-call state in t.
 *
 * The semantics are those of Hugging Face's fast BertTokenizer (the
 * Rust tokenizers: BertNormalizer, BertPreTokenizer, WordPiece), checked
 * token for token, offsets included, against tokenizers 0.23.2 on every
 * code point (tests/tok/suite.sh). The Python BasicTokenizer differs at
 * the edges noted.
 *
 *  0. The special tokens [PAD] [UNK] [CLS] [SEP] [MASK] (those the
 *     vocabulary has) are cut out of the raw text first, case-sensitive,
 *     and become one token each (added tokens are matched before
 *     normalisation).
 *  1. Clean text: U+0000, U+FFFD and "control" characters (categories
 *     Cc, Cf, Co; \t \n \r excepted; unassigned code points are kept)
 *     are removed; whitespace (\t \n \r and White_Space) becomes ' '.
 *     So \v, \f and U+0085 are removed, not spaces.
 *  2. CJK ideographs (the blocks BERT lists, with 2B920-2CEAF as the Rust
 *     code has it) get a space on both sides; kana and Hangul do not.
 *  3. lowercase=1: NFD, drop nonspacing marks (Mn), then lowercase each
 *     code point — the Rust order (Python lowercases before NFD; the two
 *     agree on every code point whose full lowercase mapping is a single
 *     code point, i.e. all but U+0130, which NFD has already split).
 *     lowercase=0: none of this (strip_accents follows lowercase).
 *  4. Split on whitespace; every punctuation character (ASCII 33-47,
 *     58-64, 91-96, 123-126, or a Unicode P* category) is its own word.
 *  5. A word of more than 100 code points is [UNK]; otherwise greedy
 *     longest-match-first, continuation pieces prefixed "##"; a word
 *     with a dead end is one [UNK] token for the whole word.
 *
 * Unicode: the categories of steps 1, 3 and 4 are the Rust crate's
 * (Unicode 8.0: a mark or punctuation assigned since is a letter to
 * BERT), taken from wp_unicode.h; decomposition, canonical order and
 * case come from utf8proc, with the few mappings where the reference
 * differs also listed there (tests/tok/gen/ regenerates the file).
 *
 * Offsets: every normalised code point remembers the bytes of the
 * original code point it came from; a piece covers from the first byte
 * of its first code point's source to the last byte of its last one's.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tok/tokint.h"
#include "tok/wp_unicode.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

#define WP_MAX_CHARS	100

static const char *const wp_specials[5] = {
	"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"
};

/* One code point of the normalised text and the original bytes it
 * stands for. */
struct nch {
	int32_t		 c;
	size_t		 so, eo;
};

struct nbuf {
	struct nch	*v;
	size_t		 n, cap;
};

static void
nbuf_push(struct nbuf *b, int32_t c, size_t so, size_t eo)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->v = xreallocarray(b->v, b->cap, sizeof(*b->v));
	}
	b->v[b->n].c = c;
	b->v[b->n].so = so;
	b->v[b->n].eo = eo;
	b->n++;
}

/*
 * Reads "vocab": line k (0-based) is the piece of id k. Trailing
 * whitespace (\r included) is dropped, as both reference implementations
 * do. A line that is empty, holds whitespace inside, or is not UTF-8 is
 * an error at file:line: such a file is not a WordPiece vocabulary (an
 * embedding file or encoder.json given by mistake fails on line 1).
 */
int
wordpiece_open(struct tokenizer *t, const char *vocab, struct diag *d)
{
	struct buf b = BUF_INIT;
	const char *p, *end, *nl, *q;
	size_t n, k;
	long line = 0;
	int rc = -1;

	if (fs_read(vocab, &b, d) < 0)
		return -1;
	p = b.data ? b.data : "";
	end = p + b.len;
	tok_vocab_reserve(t, b.len / 6, b.len);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		n = (size_t)(nl - p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
		    p[n - 1] == '\r' || p[n - 1] == '\f' || p[n - 1] == '\v'))
			n--;
		line++;
		if (n == 0) {
			diag_fail(d, vocab, line, 0, "empty line (a WordPiece "
			    "vocabulary has one token per line)");
			goto out;
		}
		if ((k = tok_utf8_check(p, n)) != (size_t)-1) {
			diag_fail(d, vocab, line, (int)k + 1, "invalid UTF-8 "
			    "in token");
			goto out;
		}
		if ((q = memchr(p, '\0', n)) != NULL) {
			diag_fail(d, vocab, line, (int)(q - p) + 1, "NUL byte "
			    "in token");
			goto out;
		}
		for (q = p; q < p + n; q++)
			if (*q == ' ' || *q == '\t' || *q == '\r' ||
			    *q == '\f' || *q == '\v')
				break;
		if (q < p + n) {
			diag_fail(d, vocab, line, (int)(q - p) + 1, "token "
			    "contains whitespace: not a WordPiece vocabulary "
			    "(one token per line)");
			goto out;
		}
		tok_vocab_add(t, p, n, line - 1);
		k = n >= 2 && p[0] == '#' && p[1] == '#' ? n - 2 : n;
		if (k > t->maxpiece)
			t->maxpiece = k;
		p = nl + 1;
	}
	if (line == 0) {
		diag_fail(d, vocab, 0, 0, "empty vocabulary");
		goto out;
	}
	for (k = 0; k < 5; k++)
		t->special[k] = tok_vocab_get(t, wp_specials[k],
		    strlen(wp_specials[k]));
	t->unk = t->special[1];
	if (t->unk < 0) {
		diag_fail(d, vocab, 0, 0, "no [UNK] token in the vocabulary");
		goto out;
	}
	rc = 0;
out:
	buf_clear(&b);
	return rc;
}

/* Whether c lies in one of the n sorted ranges r. */
static int
wp_in(const struct wp_range *r, size_t n, int32_t c)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (c < r[mid].lo)
			hi = mid;
		else if (c > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

#define WP_IN(table, c)	wp_in(table, sizeof(table) / sizeof(table[0]), c)

/* BERT's "control" (C* but \t \n \r), removed by clean text. */
static int
wp_is_control(int32_t c)
{
	return WP_IN(wp_control, c);
}

/* Lowercase as the reference does it (one code point to one). */
static int32_t
wp_lower(int32_t c)
{
	size_t lo = 0, hi = sizeof(wp_lower_map) / sizeof(wp_lower_map[0]), mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (c < wp_lower_map[mid].from)
			hi = mid;
		else if (c > wp_lower_map[mid].from)
			lo = mid + 1;
		else
			return wp_lower_map[mid].to;
	}
	return utf8proc_tolower(c);
}

/* Unicode White_Space (Rust char::is_whitespace). */
static int
wp_is_space(int32_t c)
{
	return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 ||
	    c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
	    c == 0x3000;
}

static int
wp_is_cjk(int32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
	    (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

static int
wp_is_punct(int32_t c)
{
	if (c < 128)
		return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) ||
		    (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
	return WP_IN(wp_punct, c);
}

/*
 * Appends x (from the original bytes [so, eo)) in canonical order:
 * a mark of class ccc moves before marks of a higher class (stable).
 * Marks from different source characters can meet (a dropped control
 * character between them, as in U+1AC6 U+001F U+1AC4) and swap; the
 * marks that moved then all cover the union of their source bytes, so
 * that offsets never decrease along nb and no token built from it can
 * end before it starts.
 */
static void
wp_push_ordered(struct nbuf *nb, int32_t x, size_t so, size_t eo)
{
	int ccc = utf8proc_get_property(x)->combining_class;
	size_t j, k, lo, hi;

	nbuf_push(nb, x, so, eo);
	if (ccc == 0)
		return;
	for (j = nb->n - 1; j > 0 && utf8proc_get_property(nb->v[j - 1].c)->
	    combining_class > ccc; j--) {
		struct nch tmp = nb->v[j - 1];

		nb->v[j - 1] = nb->v[j];
		nb->v[j] = tmp;
	}
	if (j == nb->n - 1)
		return;
	lo = nb->v[j].so;
	hi = nb->v[j].eo;
	for (k = j + 1; k < nb->n; k++) {
		if (nb->v[k].so < lo)
			lo = nb->v[k].so;
		if (nb->v[k].eo > hi)
			hi = nb->v[k].eo;
	}
	for (k = j; k < nb->n; k++) {
		nb->v[k].so = lo;
		nb->v[k].eo = hi;
	}
}

/* The source bytes of w[a, b): the least start and the greatest end
 * (not those of the first and last characters, which reordering may
 * have swapped). */
static void
wp_span(const struct nch *w, size_t a, size_t b, size_t *so, size_t *eo)
{
	size_t k;

	*so = w[a].so;
	*eo = w[a].eo;
	for (k = a + 1; k < b; k++) {
		if (w[k].so < *so)
			*so = w[k].so;
		if (w[k].eo > *eo)
			*eo = w[k].eo;
	}
}

/*
 * Normalises one code point (steps 1-3) into nb, in the reference's
 * order: clean, CJK spacing, then NFD without nonspacing marks, then
 * lowercase. Only marks that are not Mn survive to be reordered, so the
 * reordering sees the same sequence NFD would have produced.
 */
static void
wp_normalise(const struct tokenizer *t, int32_t c, size_t so, size_t eo,
    struct nbuf *nb)
{
	utf8proc_int32_t dec[16];
	utf8proc_ssize_t nd, i;
	int bound = 0, cjk;

	if (c < 128) {		/* the common case, without tables */
		if (c == '\t' || c == '\n' || c == '\r' || c == ' ')
			nbuf_push(nb, ' ', so, eo);
		else if (c >= 0x20 && c != 0x7F)
			nbuf_push(nb, t->lowercase && c >= 'A' && c <= 'Z' ?
			    c - 'A' + 'a' : c, so, eo);
		return;
	}
	if (c == 0xFFFD || wp_is_control(c))
		return;
	if (wp_is_space(c)) {
		nbuf_push(nb, ' ', so, eo);
		return;
	}
	if ((cjk = wp_is_cjk(c)) != 0)
		nbuf_push(nb, ' ', so, eo);
	if (!t->lowercase)
		nbuf_push(nb, c, so, eo);
	else {
		if (WP_IN(wp_nfd_none, c))
			nd = 0;
		else
			nd = utf8proc_decompose_char(c, dec, 16,
			    UTF8PROC_DECOMPOSE, &bound);
		if (nd <= 0 || nd > 16) {
			dec[0] = c;
			nd = 1;
		}
		for (i = 0; i < nd; i++)
			if (!WP_IN(wp_mn, dec[i]))
				wp_push_ordered(nb, wp_lower(dec[i]), so, eo);
	}
	if (cjk)
		nbuf_push(nb, ' ', so, eo);
}

/* Code points of w[0, n) as UTF-8 into b; cpos[k] = byte offset of the
 * k-th code point (cpos[n] = total). */
static void
wp_spell(const struct nch *w, size_t n, struct buf *b, size_t *cpos)
{
	utf8proc_uint8_t u[4];
	size_t k;

	buf_reset(b);
	for (k = 0; k < n; k++) {
		cpos[k] = b->len;
		buf_put(b, u, (size_t)utf8proc_encode_char(w[k].c, u));
	}
	cpos[n] = b->len;
}

/* Greedy longest-match-first over one word w[0, n) (step 5). */
static void
wp_word(const struct tokenizer *t, const struct nch *w, size_t n,
    struct buf *sp, struct buf *key, struct toklist *l)
{
	size_t cpos[WP_MAX_CHARS + 1];
	size_t start = 0, end, first = l->n, so, eo;
	long id;

	if (n > WP_MAX_CHARS)
		goto unk;
	wp_spell(w, n, sp, cpos);
	while (start < n) {
		id = -1;
		/* No piece is longer than maxpiece bytes (## aside). */
		for (end = n; end > start + 1 && cpos[end] - cpos[start] >
		    t->maxpiece; end--)
			;
		for (; end > start; end--) {
			buf_reset(key);
			if (start > 0)
				buf_put(key, "##", 2);
			buf_put(key, sp->data + cpos[start],
			    cpos[end] - cpos[start]);
			if ((id = tok_vocab_get(t, key->data, key->len)) >= 0)
				break;
		}
		if (id < 0)
			goto unk;
		/* The piece as the vocabulary spells it (== key). */
		wp_span(w, start, end, &so, &eo);
		toklist_push(l, id, key->data, key->len, so, eo,
		    id == t->unk);
		start = end;
	}
	return;
unk:
	/* Drop the pieces found so far: the whole word is one [UNK]. */
	if (l->n > first) {
		l->poollen = (size_t)(l->v[first].piece - l->pool);
		l->n = first;
	}
	wp_span(w, 0, n, &so, &eo);
	toklist_push(l, t->unk, "[UNK]", 5, so, eo, 1);
}

/* A word as a pre-token: its normalised spelling. */
static void
wp_preword(const struct nch *w, size_t n, struct buf *sp, struct toklist *l)
{
	utf8proc_uint8_t u[4];
	size_t k, so, eo;

	buf_reset(sp);
	for (k = 0; k < n; k++)
		buf_put(sp, u, (size_t)utf8proc_encode_char(w[k].c, u));
	wp_span(w, 0, n, &so, &eo);
	toklist_push(l, -1, sp->data, sp->len, so, eo, 0);
}

/* Steps 4-5 over the normalised text in nb ("pre": step 4 only). */
static void
wp_words(const struct tokenizer *t, const struct nbuf *nb, int pre,
    struct buf *sp, struct buf *key, struct toklist *l)
{
	size_t k = 0, w0;

	while (k < nb->n) {
		if (nb->v[k].c == ' ') {	/* all whitespace is ' ' now */
			k++;
			continue;
		}
		w0 = k++;
		if (!wp_is_punct(nb->v[w0].c))
			while (k < nb->n && nb->v[k].c != ' ' &&
			    !wp_is_punct(nb->v[k].c))
				k++;
		if (pre)
			wp_preword(nb->v + w0, k - w0, sp, l);
		else
			wp_word(t, nb->v + w0, k - w0, sp, key, l);
	}
}

/*
 * Steps 1-5 over text[s, e), which holds no special token. The
 * normalised text is handed on at every space (canonical reordering
 * never crosses one), so memory stays proportional to a word.
 */
static void
wp_segment(const struct tokenizer *t, const char *text, size_t len,
    size_t s, size_t e, int pre, struct nbuf *nb, struct buf *sp,
    struct buf *key, struct toklist *l)
{
	size_t i = s, n;
	int32_t c;

	nb->n = 0;
	while (i < e) {
		c = tok_utf8_get(text, len, i, &n);
		wp_normalise(t, c, i, i + n, nb);
		i += n;
		if (nb->n > 0 && nb->v[nb->n - 1].c == ' ') {
			wp_words(t, nb, pre, sp, key, l);
			nb->n = 0;
		}
	}
	wp_words(t, nb, pre, sp, key, l);
	nb->n = 0;
}

/* The special token starting at text[i] (longest first), or -1. */
static int
wp_special_at(const struct tokenizer *t, const char *text, size_t len,
    size_t i, size_t *n)
{
	int k, best = -1;
	size_t m, bestn = 0;

	for (k = 0; k < 5; k++) {
		if (t->special[k] < 0)
			continue;
		m = strlen(wp_specials[k]);
		if (m <= len - i && m > bestn &&
		    memcmp(text + i, wp_specials[k], m) == 0) {
			best = k;
			bestn = m;
		}
	}
	*n = bestn;
	return best;
}

/*
 * Appends the WordPiece tokens of text[0, len) (valid UTF-8) to l, or
 * with "pre" the words before WordPiece (id -1). Returns 0.
 */
int
wordpiece_encode(const struct tokenizer *t, const char *text, size_t len,
    int pre, struct toklist *l, struct diag *d)
{
	struct nbuf nb = { NULL, 0, 0 };
	struct buf sp = BUF_INIT, key = BUF_INIT;
	size_t i = 0, seg = 0, n;
	int k;

	(void)d;
	while (i < len) {
		const char *br = memchr(text + i, '[', len - i);

		if (br == NULL)
			break;
		i = (size_t)(br - text);
		if ((k = wp_special_at(t, text, len, i, &n)) < 0) {
			i++;
			continue;
		}
		wp_segment(t, text, len, seg, i, pre, &nb, &sp, &key, l);
		toklist_push(l, pre ? -1 : t->special[k], wp_specials[k], n, i,
		    i + n, !pre && t->special[k] == t->unk);
		i += n;
		seg = i;
	}
	wp_segment(t, text, len, seg, len, pre, &nb, &sp, &key, l);
	free(nb.v);
	buf_clear(&sp);
	buf_clear(&key);
	return 0;
}
