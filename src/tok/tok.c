/*
 * tok/tok: opening a tokenizer by kind name, token lists, UTF-8 checks.
 * Reads vocabulary files through the kind's opener (wordpiece.c, bpe.c);
 * produces tokenizer objects and token lists. Never prints or exits.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tok/tokint.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/xalloc.h"

static const char *const tok_kinds[] = { "word", "wordpiece", "bpe" };

/*
 * Opens a tokenizer (see tok.h). The kind name is checked first, so a
 * misspelt kind is reported before any file is read.
 */
struct tokenizer *
tok_open(const char *kind, const char *vocab, const char *merges,
    int lowercase, struct diag *d)
{
	struct tokenizer *t;
	const char *hint;
	int rc = -1;
	size_t i;

	if (kind == NULL || kind[0] == '\0') {
		diag_fail(d, NULL, 0, 0, "no tokenizer kind given (known: word, "
		    "wordpiece, bpe)");
		return NULL;
	}
	for (i = 0; i < 3; i++)
		if (strcmp(kind, tok_kinds[i]) == 0)
			break;
	if (i == 3) {
		hint = diag_suggest(kind, tok_kinds, 3);
		if (hint != NULL)
			diag_fail(d, NULL, 0, 0, "unknown tokenizer kind \"%s\" "
			    "(did you mean \"%s\"?)", kind, hint);
		else
			diag_fail(d, NULL, 0, 0, "unknown tokenizer kind \"%s\" "
			    "(known: word, wordpiece, bpe)", kind);
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	t->kind = i == 0 ? TOK_WORD : i == 1 ? TOK_WORDPIECE : TOK_BPE;
	t->lowercase = lowercase != 0;
	t->unk = -1;
	switch (t->kind) {
	case TOK_WORD:
		if (vocab != NULL || merges != NULL)
			diag_fail(d, NULL, 0, 0, "the word tokenizer takes no "
			    "vocabulary or merges file");
		else
			rc = 0;
		break;
	case TOK_WORDPIECE:
		if (vocab == NULL)
			diag_fail(d, NULL, 0, 0, "wordpiece needs a vocabulary "
			    "(vocab.txt)");
		else if (merges != NULL)
			diag_fail(d, NULL, 0, 0, "wordpiece takes one file "
			    "(vocab.txt), not a merges file");
		else
			rc = wordpiece_open(t, vocab, d);
		break;
	case TOK_BPE:
		if (vocab == NULL || merges == NULL)
			diag_fail(d, NULL, 0, 0, "bpe needs two files: the "
			    "vocabulary (encoder.json) and the merges "
			    "(vocab.bpe)");
		else
			rc = bpe_open(t, vocab, merges, d);
		break;
	}
	if (rc != 0) {
		tok_free(t);
		return NULL;
	}
	return t;
}

/* Frees t and everything it owns; NULL is fine. */
void
tok_free(struct tokenizer *t)
{
	if (t == NULL)
		return;
	if (t->kind == TOK_BPE)
		bpe_close(t);
	free(t->pool);
	free(t->off);
	free(t->len);
	free(t->tab);
	free(t);
}

/* The kind of t. */
enum tok_kind
tok_kind(const struct tokenizer *t)
{
	return t->kind;
}

/* Number of ids: one more than the largest id (0 for word). */
long
tok_vocab_size(const struct tokenizer *t)
{
	return t->npieces;
}

/* The piece of "id", borrowed from t; NULL when no entry has that id. */
const char *
tok_piece(const struct tokenizer *t, long id)
{
	return tok_vocab_piece(t, id, NULL);
}

/* The id of a piece spelt as the vocabulary spells it ("[CLS]", "Ġthe"),
 * or -1 when absent (always -1 for word). */
long
tok_id(const struct tokenizer *t, const char *piece)
{
	return tok_vocab_get(t, piece, strlen(piece));
}

static void
vocab_rehash(struct tokenizer *t, size_t ncap)
{
	struct tokslot *nt = xcalloc(ncap, sizeof(*nt));
	size_t i, j;

	for (i = 0; i < t->tabcap; i++) {
		if (t->tab[i].id1 == 0)
			continue;
		j = t->tab[i].hash & (ncap - 1);
		while (nt[j].id1 != 0)
			j = (j + 1) & (ncap - 1);
		nt[j] = t->tab[i];
	}
	free(t->tab);
	t->tab = nt;
	t->tabcap = ncap;
}

/* The slot of piece s[0, n): its entry, or the empty slot to fill.
 * Pieces hold no NUL, so a NUL after n bytes means equal lengths. */
static struct tokslot *
vocab_slot(const struct tokenizer *t, const char *s, size_t n, uint32_t h)
{
	size_t j = h & (t->tabcap - 1);
	struct tokslot *e;

	for (;; j = (j + 1) & (t->tabcap - 1)) {
		e = &t->tab[j];
		if (e->id1 == 0)
			return e;
		if (e->hash == h && e->off + n < t->poollen &&
		    memcmp(t->pool + e->off, s, n) == 0 &&
		    t->pool[e->off + n] == '\0')
			return e;
	}
}

static void
vocab_grow_ids(struct tokenizer *t, long id)
{
	long cap = t->piececap ? t->piececap : 1024, k;

	while (cap <= id)
		cap *= 2;
	t->off = xreallocarray(t->off, (size_t)cap, sizeof(*t->off));
	t->len = xreallocarray(t->len, (size_t)cap, sizeof(*t->len));
	for (k = t->piececap; k < cap; k++)
		t->off[k] = (size_t)-1;
	t->piececap = cap;
}

void
tok_vocab_reserve(struct tokenizer *t, size_t n, size_t bytes)
{
	size_t cap = t->tabcap ? t->tabcap : 1024;

	if (t->piececap < (long)(t->npieces + n))
		vocab_grow_ids(t, (long)(t->npieces + n) - 1);
	if (t->poollen + bytes > t->poolcap) {
		t->poolcap = t->poollen + bytes;
		t->pool = xrealloc(t->pool, t->poolcap);
	}
	while ((t->tabused + n) * 2 > cap)
		cap *= 2;
	if (cap > t->tabcap)
		vocab_rehash(t, cap);
}

void
tok_vocab_add(struct tokenizer *t, const char *s, size_t n, long id)
{
	uint32_t h = (uint32_t)hash64(s, n);
	struct tokslot *e;

	if (id >= t->piececap)
		vocab_grow_ids(t, id);
	if (id >= t->npieces)
		t->npieces = id + 1;
	if (t->poollen + n + 1 > t->poolcap) {
		t->poolcap = t->poolcap ? t->poolcap : 65536;
		while (t->poollen + n + 1 > t->poolcap)
			t->poolcap *= 2;
		t->pool = xrealloc(t->pool, t->poolcap);
	}
	memcpy(t->pool + t->poollen, s, n);
	t->pool[t->poollen + n] = '\0';
	t->off[id] = t->poollen;
	t->len[id] = (uint32_t)n;
	t->poollen += n + 1;
	if ((t->tabused + 1) * 2 > t->tabcap)
		vocab_rehash(t, t->tabcap ? t->tabcap * 2 : 1024);
	e = vocab_slot(t, s, n, h);
	if (e->id1 == 0)
		t->tabused++;
	e->hash = h;
	e->id1 = (uint32_t)id + 1;
	e->off = t->off[id];
}

long
tok_vocab_get(const struct tokenizer *t, const char *s, size_t n)
{
	const struct tokslot *e;

	if (t->tabcap == 0)
		return -1;
	e = vocab_slot(t, s, n, (uint32_t)hash64(s, n));
	return e->id1 != 0 ? (long)e->id1 - 1 : -1;
}

const char *
tok_vocab_piece(const struct tokenizer *t, long id, size_t *n)
{
	if (id < 0 || id >= t->npieces || t->off[id] == (size_t)-1)
		return NULL;
	if (n != NULL)
		*n = t->len[id];
	return t->pool + t->off[id];
}

/* An empty list; nothing is allocated until the first token. */
void
toklist_init(struct toklist *l)
{
	memset(l, 0, sizeof(*l));
}

/* Frees the tokens and their pieces; l can be initialised again. */
void
toklist_free(struct toklist *l)
{
	free(l->v);
	free(l->pool);
	memset(l, 0, sizeof(*l));
}

void
toklist_push(struct toklist *l, long id, const char *piece, size_t n,
    size_t start, size_t end, int unk)
{
	struct token *tk;
	size_t i;

	if (l->poollen + n + 1 > l->poolcap) {
		size_t ncap = l->poolcap ? l->poolcap : 256;
		char *np;

		while (l->poollen + n + 1 > ncap)
			ncap *= 2;
		np = xmalloc(ncap);
		if (l->poollen)
			memcpy(np, l->pool, l->poollen);
		/* Existing tokens point into the old pool: move them. */
		for (i = 0; i < l->n; i++)
			l->v[i].piece = np + (l->v[i].piece - l->pool);
		free(l->pool);
		l->pool = np;
		l->poolcap = ncap;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	memcpy(l->pool + l->poollen, piece, n);
	l->pool[l->poollen + n] = '\0';
	tk = &l->v[l->n++];
	tk->id = id;
	tk->piece = l->pool + l->poollen;
	tk->start = start;
	tk->end = end;
	tk->unk = unk;
	l->poollen += n + 1;
}

size_t
tok_utf8_check(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	size_t i = 0;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
		if (n < 0)
			return i;
		i += (size_t)n;
	}
	return (size_t)-1;
}

int32_t
tok_utf8_get(const char *s, size_t len, size_t i, size_t *n)
{
	const unsigned char *p = (const unsigned char *)s + i;
	utf8proc_int32_t c;
	utf8proc_ssize_t k;

	if (p[0] < 0x80) {
		*n = 1;
		return p[0];
	}
	k = utf8proc_iterate(p, (utf8proc_ssize_t)(len - i), &c);
	if (k <= 0) {		/* not reached after tok_utf8_check */
		*n = 1;
		return 0xFFFD;
	}
	*n = (size_t)k;
	return c;
}

/*
 * Checks the ranges of tokens l->v[first, l->n) of a text of len bytes:
 * 0 <= start <= end <= len, and starts and ends never decrease from one
 * token to the next. Returns -1 (and the first bad token in *bad) or 0.
 */
int
toklist_check(const struct toklist *l, size_t first, size_t len,
    size_t *bad)
{
	size_t i;

	for (i = first; i < l->n; i++) {
		const struct token *tk = &l->v[i];

		if (tk->start > tk->end || tk->end > len || (i > first &&
		    (tk->start < tk[-1].start || tk->end < tk[-1].end))) {
			*bad = i;
			return -1;
		}
	}
	return 0;
}

static int
tok_run(const struct tokenizer *t, const char *text, size_t len, int pre,
    struct toklist *l, struct diag *d)
{
	size_t bad = tok_utf8_check(text, len), first = l->n;
	int rc = -1;

	if (bad != (size_t)-1)
		return diag_fail_at(d, NULL, (long long)bad, "invalid UTF-8 at "
		    "byte %zu (0x%02x)", bad, (unsigned char)text[bad]);
	switch (t->kind) {
	case TOK_WORD:
		rc = word_encode(t, text, len, l, d);
		break;
	case TOK_WORDPIECE:
		rc = wordpiece_encode(t, text, len, pre, l, d);
		break;
	case TOK_BPE:
		rc = bpe_encode(t, text, len, pre, l, d);
		break;
	}
	/* Every caller (heatmaps, `vecdoc tokenize`) relies on the ranges:
	 * a broken one is a bug to report, never a silently lost span. */
	if (rc == 0 && toklist_check(l, first, len, &bad) != 0) {
		rc = diag_fail_at(d, NULL, (long long)l->v[bad].start,
		    "internal error: token %zu ('%s') covers bytes %zu-%zu of "
		    "a %zu-byte text, out of order; please report it", bad -
		    first, l->v[bad].piece, l->v[bad].start, l->v[bad].end,
		    len);
		l->poollen = (size_t)(l->v[first].piece - l->pool);
		l->n = first;
	}
	return rc;
}

/*
 * Appends the tokens of text[0, len) to l. Invalid UTF-8 is refused
 * before anything is appended, with the byte offset in d (d->offset and
 * the message). Returns 0 or -1.
 */
int
tok_encode(const struct tokenizer *t, const char *text, size_t len,
    struct toklist *l, struct diag *d)
{
	return tok_run(t, text, len, 0, l, d);
}

/* Appends the pre-tokens of text[0, len) to l (see tok.h). 0 or -1. */
int
tok_pretokenize(const struct tokenizer *t, const char *text, size_t len,
    struct toklist *l, struct diag *d)
{
	return tok_run(t, text, len, 1, l, d);
}

/* Appends the display of raw bytes p[0, n): marks for white space,
 * <0xNN> for control bytes and broken UTF-8. */
static void
display_bytes(const unsigned char *p, size_t n, struct buf *out)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t r;

	while (n > 0) {
		if (*p == ' ') {
			buf_puts(out, "\xe2\x90\xa3");	/* U+2423 */
			r = 1;
		} else if (*p == '\n') {
			buf_puts(out, "\xe2\x86\xb5");	/* U+21B5 */
			r = 1;
		} else if (*p == '\t') {
			buf_puts(out, "\xe2\x87\xa5");	/* U+21E5 */
			r = 1;
		} else if (*p < 0x20 || *p == 0x7f ||
		    (r = utf8proc_iterate(p, (utf8proc_ssize_t)n, &c)) <= 0) {
			buf_printf(out, "<0x%02X>", *p);
			r = 1;
		} else
			buf_put(out, p, (size_t)r);
		p += r;
		n -= (size_t)r;
	}
}

void
tok_piece_display(const struct tokenizer *t, const char *piece,
    struct buf *out)
{
	struct buf raw = BUF_INIT;

	if (t->kind == TOK_BPE && bpe_piece_bytes(piece, &raw) == 0)
		display_bytes((const unsigned char *)raw.data, raw.len, out);
	else
		buf_puts(out, piece);
	buf_clear(&raw);
}

void
tok_piece_spell(const struct tokenizer *t, const char *text, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)text;
	unsigned char b;
	char tmp[8];
	utf8proc_ssize_t k;

	if (t->kind != TOK_BPE) {
		buf_puts(out, text);
		return;
	}
	while (*p) {
		/* the display marks stand for their bytes */
		if (strncmp((const char *)p, "\xe2\x90\xa3", 3) == 0) {
			b = ' ';
			p += 3;
		} else if (strncmp((const char *)p, "\xe2\x86\xb5", 3) == 0) {
			b = '\n';
			p += 3;
		} else if (strncmp((const char *)p, "\xe2\x87\xa5", 3) == 0) {
			b = '\t';
			p += 3;
		} else if (p[0] == '<' && p[1] == '0' && p[2] == 'x' &&
		    p[3] && p[4] && p[5] == '>' &&
		    strspn((const char *)p + 3, "0123456789abcdefABCDEF") >= 2) {
			b = (unsigned char)strtol((const char *)p + 3, NULL, 16);
			p += 6;
		} else
			b = *p++;
		k = utf8proc_encode_char(bpe_byte_char(b), (utf8proc_uint8_t *)tmp);
		buf_put(out, tmp, (size_t)k);
	}
}

int
tok_piece_is_word(const struct tokenizer *t, const char *piece)
{
	struct buf raw = BUF_INIT;
	const unsigned char *p;
	utf8proc_int32_t c;
	utf8proc_ssize_t r;
	size_t n;
	int letters = 0, ok = 1;
	utf8proc_category_t cat;

	if (t->kind == TOK_BPE) {
		if (bpe_piece_bytes(piece, &raw) < 0) {
			buf_clear(&raw);
			return 0;
		}
	} else {
		if (strncmp(piece, "##", 2) == 0)
			return 0;
		buf_puts(&raw, piece);
	}
	p = (const unsigned char *)raw.data;
	n = raw.len;
	if (t->kind == TOK_BPE && n > 0 && *p == ' ') {
		p++;
		n--;
	}
	while (ok && n > 0) {
		if ((r = utf8proc_iterate(p, (utf8proc_ssize_t)n, &c)) <= 0) {
			ok = 0;
			break;
		}
		cat = utf8proc_category(c);
		if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME)
			letters++;	/* letters and combining marks */
		else if (!((c == '\'' || c == '-') && letters > 0 &&
		    (size_t)r < n))
			ok = 0;
		p += r;
		n -= (size_t)r;
	}
	buf_clear(&raw);
	return ok && letters > 0;
}
