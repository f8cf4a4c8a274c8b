/*
 * tok/tok: what every tokenizer shares — opening by kind, token lists
 * (pieces in one pool, pointers fixed after every append) and the
 * UTF-8 validation every input goes through.
 * Never prints; never accepts invalid UTF-8.
 */
#include <stdlib.h>
#include <string.h>

#include "tok/tok_impl.h"
#include "util/xalloc.h"

void
toklist_init(struct toklist *l)
{
	memset(l, 0, sizeof(*l));
}

void
toklist_free(struct toklist *l)
{
	free(l->v);
	free(l->pool);
	free(l->off);
	memset(l, 0, sizeof(*l));
}

void
toklist_push(struct toklist *l, long id, const char *piece, size_t plen,
    size_t start, size_t end, int unk)
{
	size_t i;
	char *old = l->pool;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
		l->off = xreallocarray(l->off, l->cap, sizeof(*l->off));
	}
	if (l->poollen + plen + 1 > l->poolcap) {
		while (l->poollen + plen + 1 > l->poolcap)
			l->poolcap = l->poolcap ? l->poolcap * 2 : 1024;
		l->pool = xrealloc(l->pool, l->poolcap);
	}
	memcpy(l->pool + l->poollen, piece, plen);
	l->pool[l->poollen + plen] = '\0';
	l->off[l->n] = l->poollen;
	l->poollen += plen + 1;
	l->v[l->n].id = id;
	l->v[l->n].start = start;
	l->v[l->n].end = end;
	l->v[l->n].unk = unk;
	l->n++;
	if (l->pool != old)
		for (i = 0; i < l->n; i++)
			l->v[i].piece = l->pool + l->off[i];
	else
		l->v[l->n - 1].piece = l->pool + l->off[l->n - 1];
}

int
tok_utf8_check(const char *s, size_t len, struct diag *d)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)
		    s + i, (utf8proc_ssize_t)(len - i), &cp);

		if (k < 0)
			return diag_fail_at(d, "<text>", (long long)i,
			    "invalid UTF-8 in the text");
		i += (size_t)k;
	}
	return 0;
}

struct tokenizer *
tok_open(const char *kind, const char *vocab, const char *merges,
    int lowercase, struct diag *d)
{
	static const char *const kinds[] = { "word", "wordpiece", "bpe" };
	struct tokenizer *t;
	const char *h;

	if (strcmp(kind, "word") == 0) {
		t = xcalloc(1, sizeof(*t));
		t->kind = TOK_WORD;
		t->lowercase = lowercase;
		return t;
	}
	if (strcmp(kind, "wordpiece") == 0)
		return wordpiece_open(vocab, lowercase, d);
	if (strcmp(kind, "bpe") == 0)
		return bpe_open(vocab, merges, d);
	h = diag_suggest(kind, kinds, 3);
	diag_fail(d, "", 0, 0, "unknown tokenizer kind '%s'%s%s%s (known: "
	    "word, wordpiece, bpe)", kind, h ? " (did you mean '" : "",
	    h ? h : "", h ? "'?)" : "");
	return NULL;
}

void
tok_free(struct tokenizer *t)
{
	size_t i;

	if (t == NULL)
		return;
	strmap_clear(&t->vocab);
	strmap_clear(&t->ranks);
	for (i = 0; i < t->nids; i++)
		free(t->pieces[i]);
	free(t->pieces);
	pcre2_code_free(t->re);
	free(t);
}

enum tok_kind
tok_kind(const struct tokenizer *t)
{
	return t->kind;
}

long
tok_vocab_size(const struct tokenizer *t)
{
	return (long)t->nids;
}

const char *
tok_piece(const struct tokenizer *t, long id)
{
	return id >= 0 && (size_t)id < t->nids ? t->pieces[id] : NULL;
}

int
tok_encode(const struct tokenizer *t, const char *text, size_t len,
    struct toklist *l, struct diag *d)
{
	if (tok_utf8_check(text, len, d) < 0)
		return -1;
	switch (t->kind) {
	case TOK_WORD:
		return word_encode(t, text, len, l, d);
	case TOK_WORDPIECE:
		return wordpiece_encode(t, text, len, l, d);
	default:
		return bpe_encode(t, text, len, l, d);
	}
}
