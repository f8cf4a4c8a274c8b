/*
 * tok/wordpiece: BERT's WordPiece as the Hugging Face fast tokenizer runs
 * it (design/KERNELS.md §b): clean the text (drop NUL, U+FFFD and control
 * characters, map white space to spaces), pad CJK ideographs, for uncased
 * models NFD + drop Mn + lowercase, split on white space and on every
 * punctuation character, then greedy longest-match-first with "##"
 * continuations, [UNK] for a word over 100 code points or with no match.
 * Every piece keeps the original bytes it came from.
 * Never reads the vocabulary again after wordpiece_open.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tok/tok_impl.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static const char *const specials[] = { "[CLS]", "[SEP]", "[MASK]", "[PAD]",
    "[UNK]", NULL };

struct tokenizer *
wordpiece_open(const char *vocab, int lowercase, struct diag *d)
{
	struct tokenizer *t;
	struct buf b = BUF_INIT;
	size_t i = 0, line = 1;
	int created;

	if (vocab == NULL) {
		diag_fail(d, "", 0, 0, "a wordpiece tokenizer needs a vocab.txt");
		return NULL;
	}
	if (fs_read(vocab, &b, d) < 0)
		return NULL;
	t = xcalloc(1, sizeof(*t));
	t->kind = TOK_WORDPIECE;
	t->lowercase = lowercase;
	t->unk = -1;
	strmap_init(&t->vocab);
	while (i < b.len) {
		const char *p = b.data + i, *e = memchr(p, '\n', b.len - i);
		size_t n = e ? (size_t)(e - p) : b.len - i;
		size_t m = n > 0 && p[n - 1] == '\r' ? n - 1 : n;
		struct strmap_ent *en;

		if (tok_utf8_check(p, m, d) < 0) {
			diag_fail(d, vocab, (long)line, 0, "invalid UTF-8 in the "
			    "vocabulary");
			buf_clear(&b);
			tok_free(t);
			return NULL;
		}
		if (t->nids % 1024 == 0)
			t->pieces = xreallocarray(t->pieces, t->nids + 1024,
			    sizeof(char *));
		t->pieces[t->nids] = xstrndup(p, m);
		en = strmap_put(&t->vocab, p, m, &created);
		if (created)
			en->val.num = (long)t->nids;
		if (m == 5 && memcmp(p, "[UNK]", 5) == 0)
			t->unk = (long)t->nids;
		t->nids++;
		i += n + 1;
		line++;
	}
	buf_clear(&b);
	if (t->nids == 0 || t->unk < 0) {
		diag_fail(d, vocab, 0, 0, t->nids == 0 ? "empty vocabulary" :
		    "the vocabulary has no [UNK] token");
		tok_free(t);
		return NULL;
	}
	return t;
}

static int
is_control(utf8proc_int32_t c)
{
	if (c == '\t' || c == '\n' || c == '\r')
		return 0;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_CN: case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CS:
	case UTF8PROC_CATEGORY_CO:
		return 1;
	default:
		return 0;
	}
}

/* Rust's char::is_whitespace (the White_Space property). */
static int
is_ws(utf8proc_int32_t c)
{
	return (c >= 9 && c <= 13) || c == ' ' || c == 0x85 || c == 0xA0 ||
	    c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
	    c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

static int
is_cjk(utf8proc_int32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
	    (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
	    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

static int
is_punct(utf8proc_int32_t c)
{
	utf8proc_category_t k;

	if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 &&
	    c <= 96) || (c >= 123 && c <= 126))
		return 1;
	k = utf8proc_category(c);
	return k >= UTF8PROC_CATEGORY_PC && k <= UTF8PROC_CATEGORY_PO;
}

/* One normalised code point and the original bytes it came from. */
struct nch {
	utf8proc_int32_t cp;
	size_t		 a, b;
};

struct word {
	struct nch	*v;
	size_t		 n, cap;
};

static void
word_add(struct word *w, utf8proc_int32_t cp, size_t a, size_t b)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 32;
		w->v = xreallocarray(w->v, w->cap, sizeof(*w->v));
	}
	w->v[w->n].cp = cp;
	w->v[w->n].a = a;
	w->v[w->n].b = b;
	w->n++;
}

/* WordPiece of one word into l; empties w. */
static void
flush(const struct tokenizer *t, struct word *w, struct toklist *l,
    struct buf *tmp)
{
	size_t start = 0, end, i, npieces = 0;
	size_t ps[128], pe[128];
	long pid[128];

	if (w->n == 0)
		return;
	if (w->n > 100)
		goto unk;
	while (start < w->n) {
		long id = -1;

		for (end = w->n; end > start; end--) {
			struct strmap_ent *en;

			buf_reset(tmp);
			if (start > 0)
				buf_puts(tmp, "##");
			for (i = start; i < end; i++) {
				utf8proc_uint8_t u[4];
				utf8proc_ssize_t k = utf8proc_encode_char(
				    w->v[i].cp, u);

				buf_put(tmp, u, (size_t)k);
			}
			if ((en = strmap_get(&t->vocab, tmp->data, tmp->len))) {
				id = en->val.num;
				break;
			}
		}
		if (id < 0 || npieces == 128)
			goto unk;
		ps[npieces] = start;
		pe[npieces] = end;
		pid[npieces++] = id;
		start = end;
	}
	for (i = 0; i < npieces; i++) {
		const char *p = t->pieces[pid[i]];

		toklist_push(l, pid[i], p, strlen(p), w->v[ps[i]].a,
		    w->v[pe[i] - 1].b, 0);
	}
	w->n = 0;
	return;
unk:
	toklist_push(l, t->unk, "[UNK]", 5, w->v[0].a, w->v[w->n - 1].b, 1);
	w->n = 0;
}

int
wordpiece_encode(const struct tokenizer *t, const char *s, size_t len,
    struct toklist *l, struct diag *d)
{
	struct word w = { NULL, 0, 0 };
	struct buf tmp = BUF_INIT;
	size_t i = 0, k, j;

	(void)d;
	while (i < len) {
		utf8proc_int32_t c, nd[32];
		utf8proc_ssize_t n, r;
		int bc = 0;

		if (s[i] == '[') {
			for (j = 0; specials[j]; j++) {
				size_t m = strlen(specials[j]);
				struct strmap_ent *en;

				if (i + m <= len && memcmp(s + i, specials[j], m) ==
				    0 && (en = strmap_get(&t->vocab, specials[j],
				    m)) != NULL) {
					flush(t, &w, l, &tmp);
					toklist_push(l, en->val.num, specials[j], m,
					    i, i + m, en->val.num == t->unk);
					i += m;
					break;
				}
			}
			if (specials[j] != NULL)
				continue;
		}
		n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(len - i), &c);
		k = n > 0 ? (size_t)n : 1;
		if (c == 0 || c == 0xFFFD || is_control(c)) {
			i += k;
			continue;
		}
		if (t->lowercase) {
			r = utf8proc_decompose_char(c, nd, 32,
			    UTF8PROC_DECOMPOSE, &bc);
			if (r < 1 || r > 32) {
				nd[0] = c;
				r = 1;
			}
		} else {
			nd[0] = c;
			r = 1;
		}
		for (j = 0; j < (size_t)r; j++) {
			utf8proc_int32_t x = nd[j];

			if (t->lowercase) {
				if (utf8proc_category(x) == UTF8PROC_CATEGORY_MN)
					continue;
				x = utf8proc_tolower(x);
			}
			if (is_ws(x))
				flush(t, &w, l, &tmp);
			else if (is_cjk(x) || is_punct(x)) {
				flush(t, &w, l, &tmp);
				word_add(&w, x, i, i + k);
				flush(t, &w, l, &tmp);
			} else
				word_add(&w, x, i, i + k);
		}
		i += k;
	}
	flush(t, &w, l, &tmp);
	free(w.v);
	buf_clear(&tmp);
	return 0;
}
