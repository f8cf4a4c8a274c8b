/*
 * tok/bpe: GPT-2 byte-level BPE (design/KERNELS.md §c) with the
 * semantics of the reference JavaScript encoder (npm gpt-3-encoder):
 * the pre-tokeniser regex (JavaScript's \s, Unicode \p{L} \p{N}) run by
 * PCRE2, UTF-8 bytes mapped through bytes_to_unicode, then merges applied
 * lowest rank first, every occurrence of that pair left to right, before
 * any other pair. A heap over a linked list of symbols keeps long words
 * O(n log n). Pieces keep their exact byte ranges in the text.
 * Never reads the vocabulary files again after bpe_open.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tok/tok_impl.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

/* JavaScript's \s (with the u flag), and its complement inside classes. */
#define JS_WS "\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}" \
	"\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}"
static const char pattern[] =
    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^" JS_WS "\\p{L}\\p{N}]+"
    "|[" JS_WS "]+(?![^" JS_WS "])|[" JS_WS "]+";

static void
byte_map(struct tokenizer *t)
{
	int b, n = 0;

	for (b = 0; b < 256; b++) {
		int cp = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) ||
		    (b >= 174 && b <= 255) ? b : 256 + n++;
		utf8proc_uint8_t u[4];
		utf8proc_ssize_t k = utf8proc_encode_char(cp, u);

		memset(t->b2u[b], 0, 3);
		memcpy(t->b2u[b], u, (size_t)k);
	}
}

static int
load_encoder(struct tokenizer *t, const char *path, struct diag *d)
{
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je), *v;
	const char *key;
	long maxid = -1;
	int created;

	if (root == NULL)
		return diag_fail(d, path, je.line, je.column, "%s", je.text);
	if (!json_is_object(root)) {
		json_decref(root);
		return diag_fail(d, path, 1, 1, "expected a JSON object "
		    "mapping tokens to ids");
	}
	json_object_foreach(root, key, v) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > 10000000) {
			json_decref(root);
			return diag_fail(d, path, 0, 0, "token \"%s\": expected "
			    "an id from 0 to 10000000", key);
		}
		if (json_integer_value(v) > maxid)
			maxid = (long)json_integer_value(v);
	}
	t->nids = (size_t)(maxid + 1);
	t->pieces = xcalloc(t->nids + 1, sizeof(char *));
	json_object_foreach(root, key, v) {
		long id = (long)json_integer_value(v);
		struct strmap_ent *en = strmap_put(&t->vocab, key, strlen(key),
		    &created);

		en->val.num = id;
		if (t->pieces[id] == NULL)
			t->pieces[id] = xstrdup(key);
	}
	json_decref(root);
	return 0;
}

static int
load_merges(struct tokenizer *t, const char *path, struct diag *d)
{
	struct buf b = BUF_INIT;
	size_t i = 0, line = 0;
	long rank = 0;
	int created;

	if (fs_read(path, &b, d) < 0)
		return -1;
	while (i < b.len) {
		const char *p = b.data + i, *e = memchr(p, '\n', b.len - i), *sp;
		size_t n = e ? (size_t)(e - p) : b.len - i;

		line++;
		i += n + 1;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		/* the reference drops the first line (#version) */
		if (line == 1 || n == 0)
			continue;
		sp = memchr(p, ' ', n);
		if (sp == NULL || sp == p || sp == p + n - 1 ||
		    memchr(sp + 1, ' ', (size_t)(p + n - sp - 1)) != NULL) {
			buf_clear(&b);
			return diag_fail(d, path, (long)line, 1, "expected two "
			    "tokens separated by one space");
		}
		{
			/* a repeated rule keeps its first (lowest) rank */
			struct strmap_ent *en = strmap_put(&t->ranks, p, n,
			    &created);

			if (created)
				en->val.num = rank;
		}
		rank++;
	}
	buf_clear(&b);
	if (rank == 0)
		return diag_fail(d, path, 0, 0, "no merge rules");
	return 0;
}

struct tokenizer *
bpe_open(const char *encoder, const char *merges, struct diag *d)
{
	struct tokenizer *t;
	int ec;
	PCRE2_SIZE eo;

	if (encoder == NULL || merges == NULL) {
		diag_fail(d, "", 0, 0, "a bpe tokenizer needs an encoder.json "
		    "and a vocab.bpe");
		return NULL;
	}
	t = xcalloc(1, sizeof(*t));
	t->kind = TOK_BPE;
	strmap_init(&t->vocab);
	strmap_init(&t->ranks);
	byte_map(t);
	if (load_encoder(t, encoder, d) < 0 || load_merges(t, merges, d) < 0) {
		tok_free(t);
		return NULL;
	}
	t->re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &ec, &eo, NULL);
	if (t->re == NULL) {
		diag_fail(d, "", 0, 0, "cannot compile the GPT-2 pattern");
		tok_free(t);
		return NULL;
	}
	pcre2_jit_compile(t->re, PCRE2_JIT_COMPLETE);
	return t;
}

/* ---- merging ---------------------------------------------------------- */

struct sym {
	size_t	 s, e;		/* bytes of the pre-token */
	long	 prev, next;	/* -1: none */
	int	 alive;
};

struct hent {
	long	 rank;
	long	 left;		/* symbol index */
	size_t	 pos;		/* its start, for left-to-right order */
};

struct heap {
	struct hent	*v;
	size_t		 n, cap;
};

static int
hless(const struct hent *a, const struct hent *b)
{
	return a->rank < b->rank || (a->rank == b->rank && a->pos < b->pos);
}

static void
hpush(struct heap *h, struct hent e)
{
	size_t i;

	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->v = xreallocarray(h->v, h->cap, sizeof(*h->v));
	}
	i = h->n++;
	while (i > 0 && hless(&e, &h->v[(i - 1) / 2])) {
		h->v[i] = h->v[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h->v[i] = e;
}

static struct hent
hpop(struct heap *h)
{
	struct hent top = h->v[0], last = h->v[--h->n];
	size_t i = 0, c;

	for (;;) {
		c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && hless(&h->v[c + 1], &h->v[c]))
			c++;
		if (!hless(&h->v[c], &last))
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->n > 0)
		h->v[i] = last;
	return top;
}

/* The byte-level string of bytes [s, e) of p appended to b. */
static void
unicode_of(const struct tokenizer *t, const unsigned char *p, size_t s,
    size_t e, struct buf *b)
{
	size_t i;

	for (i = s; i < e; i++)
		buf_puts(b, t->b2u[p[i]]);
}

/* Rank of the pair (a, b), or -1. */
static long
pair_rank(const struct tokenizer *t, const unsigned char *p,
    const struct sym *a, const struct sym *b, struct buf *tmp)
{
	struct strmap_ent *en;

	buf_reset(tmp);
	unicode_of(t, p, a->s, a->e, tmp);
	buf_putc(tmp, ' ');
	unicode_of(t, p, b->s, b->e, tmp);
	en = strmap_get(&t->ranks, tmp->data, tmp->len);
	return en ? en->val.num : -1;
}

static void
push_pair(const struct tokenizer *t, const unsigned char *p, struct sym *sy,
    long i, struct heap *h, struct buf *tmp)
{
	long r;

	if (i < 0 || sy[i].next < 0)
		return;
	r = pair_rank(t, p, &sy[i], &sy[sy[i].next], tmp);
	if (r >= 0)
		hpush(h, (struct hent){ r, i, sy[i].s });
}

/* BPE of the pre-token p[0, n) at byte offset base of the text. */
static void
bpe_word(const struct tokenizer *t, const unsigned char *p, size_t n,
    size_t base, struct toklist *l, struct buf *tmp)
{
	struct sym *sy = xcalloc(n, sizeof(*sy));
	struct heap h = { NULL, 0, 0 };
	struct hent *batch = NULL;
	size_t nb, capb = 0, k;
	long i;

	for (i = 0; i < (long)n; i++) {
		sy[i].s = (size_t)i;
		sy[i].e = (size_t)i + 1;
		sy[i].prev = i - 1;
		sy[i].next = i + 1 < (long)n ? i + 1 : -1;
		sy[i].alive = 1;
	}
	for (i = 0; i + 1 < (long)n; i++)
		push_pair(t, p, sy, i, &h, tmp);
	while (h.n > 0) {
		long rank = h.v[0].rank;

		/* every occurrence of this pair, left to right */
		nb = 0;
		while (h.n > 0 && h.v[0].rank == rank) {
			if (nb == capb) {
				capb = capb ? capb * 2 : 16;
				batch = xreallocarray(batch, capb, sizeof(*batch));
			}
			batch[nb++] = hpop(&h);
		}
		for (k = 0; k < nb; k++) {
			long a = batch[k].left, b;

			if (!sy[a].alive || sy[a].s != batch[k].pos ||
			    (b = sy[a].next) < 0 ||
			    pair_rank(t, p, &sy[a], &sy[b], tmp) != rank)
				continue;
			sy[a].e = sy[b].e;
			sy[a].next = sy[b].next;
			if (sy[b].next >= 0)
				sy[sy[b].next].prev = a;
			sy[b].alive = 0;
			batch[k].left = a;
		}
		/* new pairs around every merged symbol */
		for (k = 0; k < nb; k++) {
			long a = batch[k].left;

			if (!sy[a].alive)
				continue;
			push_pair(t, p, sy, sy[a].prev, &h, tmp);
			push_pair(t, p, sy, a, &h, tmp);
		}
	}
	for (i = 0; i >= 0 && i < (long)n; i = sy[i].next) {
		struct strmap_ent *en;

		buf_reset(tmp);
		unicode_of(t, p, sy[i].s, sy[i].e, tmp);
		en = strmap_get(&t->vocab, tmp->data, tmp->len);
		toklist_push(l, en ? en->val.num : -1, tmp->data, tmp->len,
		    base + sy[i].s, base + sy[i].e, en == NULL);
	}
	free(sy);
	free(h.v);
	free(batch);
}

int
bpe_encode(const struct tokenizer *t, const char *s, size_t len,
    struct toklist *l, struct diag *d)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(t->re,
	    NULL);
	struct buf tmp = BUF_INIT;
	PCRE2_SIZE off = 0, *ov;
	int rc;

	while (off < len) {
		rc = pcre2_match(t->re, (PCRE2_SPTR)s, len, off,
		    PCRE2_NO_UTF_CHECK, md, NULL);
		if (rc < 0)
			break;
		ov = pcre2_get_ovector_pointer(md);
		if (ov[1] <= ov[0]) {
			off = ov[0] + 1;
			continue;
		}
		bpe_word(t, (const unsigned char *)s + ov[0], ov[1] - ov[0],
		    ov[0], l, &tmp);
		off = ov[1];
	}
	pcre2_match_data_free(md);
	buf_clear(&tmp);
	(void)d;
	return 0;
}
