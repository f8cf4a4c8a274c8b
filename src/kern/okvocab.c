/*
 * kern/okvocab: upper-cased vocabulary map for gensim-compatible
 * benchmarks (evaluate_word_analogies, evaluate_word_pairs).
 * Reads a word list; produces an owned map and canon array.
 * Never does I/O.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "kern/okvocab.h"
#include "util/xalloc.h"

void
text_upper(const char *s, size_t len, struct buf *out)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t i = 0, n = (utf8proc_ssize_t)len;

	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t step = utf8proc_iterate(p + i, n - i, &c), m;

		if (step < 1) {
			buf_putc(out, p[i]);
			i++;
			continue;
		}
		i += step;
		if (c < 0x80) {
			buf_putc(out, c >= 'a' && c <= 'z' ? c - 32 : c);
			continue;
		}
		switch (c) {
		case 0x00DF: buf_puts(out, "SS"); continue;
		case 0xFB00: buf_puts(out, "FF"); continue;
		case 0xFB01: buf_puts(out, "FI"); continue;
		case 0xFB02: buf_puts(out, "FL"); continue;
		case 0xFB03: buf_puts(out, "FFI"); continue;
		case 0xFB04: buf_puts(out, "FFL"); continue;
		case 0xFB05: case 0xFB06: buf_puts(out, "ST"); continue;
		case 0x0149: buf_puts(out, "\xca\xbcN"); continue;
		default: break;
		}
		m = utf8proc_encode_char(utf8proc_toupper(c), enc);
		buf_put(out, enc, (size_t)m);
	}
}

void
okvocab_init(struct okvocab *ov, const char *const *words, long nwords,
    long restrict_vocab, int case_insensitive)
{
	long n = nwords, i;

	if (restrict_vocab > 0 && restrict_vocab < n)
		n = restrict_vocab;
	if (n < 0)
		n = 0;
	strmap_init(&ov->map);
	buf_init(&ov->tmp);
	ov->n = n;
	ov->case_insensitive = case_insensitive;
	ov->canon = xmalloc(((size_t)n + 1) * sizeof(long));
	/* in row order, first key wins: same as gensim's reversed() dict */
	for (i = 0; i < n; i++) {
		struct strmap_ent *e;
		const char *k = words[i];
		size_t kl = strlen(k);
		int created;

		if (case_insensitive) {
			buf_reset(&ov->tmp);
			text_upper(k, kl, &ov->tmp);
			k = buf_str(&ov->tmp);
			kl = ov->tmp.len;
		}
		e = strmap_put(&ov->map, k, kl, &created);
		if (created)
			e->val.num = i;
		ov->canon[i] = e->val.num;
	}
}

void
okvocab_clear(struct okvocab *ov)
{
	if (ov == NULL)
		return;
	strmap_clear(&ov->map);
	buf_clear(&ov->tmp);
	free(ov->canon);
	ov->canon = NULL;
	ov->n = 0;
}

long
okvocab_lookup(void *ctx, const char *w, size_t len)
{
	struct okvocab *ov = ctx;
	const struct strmap_ent *e;

	if (ov->case_insensitive) {
		buf_reset(&ov->tmp);
		text_upper(w, len, &ov->tmp);
		e = strmap_get(&ov->map, buf_str(&ov->tmp), ov->tmp.len);
	} else
		e = strmap_get(&ov->map, w, len);
	return e != NULL ? e->val.num : -1;
}
