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
