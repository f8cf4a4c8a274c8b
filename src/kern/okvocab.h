/*
 * kern/okvocab: gensim's "ok_vocab" for the evaluation benchmarks: the
 * first restrict_vocab words, keyed by their Python str.upper() form when
 * case-insensitive, the most frequent (lowest row) variant winning
 * (design/KERNELS.md §a).
 * Reads the caller's word list; produces an owned map. Never does I/O.
 */
#ifndef VECDOC_KERN_OKVOCAB_H
#define VECDOC_KERN_OKVOCAB_H

#include <stddef.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/hash.h"

/*
 * map: key (upper-cased when case-insensitive) → row.
 * canon[i], i < n: the row that word i's key maps to (the lowest row with
 *   the same key), so two rows are "the same word" iff canon agrees. This
 *   is how gensim skips other case variants of the question words.
 */
struct okvocab {
	struct strmap	 map;
	long		*canon;
	long		 n;
	int		 case_insensitive;
	struct buf	 tmp;	/* scratch for lookups */
};

/*
 * Builds "ov" over words[0..min(nwords, restrict_vocab)) (restrict_vocab
 * <= 0: all). words[i] is a NUL-terminated UTF-8 string (borrowed for the
 * call only; keys are copied). Free with okvocab_clear.
 */
void	 okvocab_init(struct okvocab *ov, const char *const *words, long nwords,
	    long restrict_vocab, int case_insensitive);
/* Frees the map and canon; accepts a zeroed or cleared struct. */
void	 okvocab_clear(struct okvocab *ov);
/*
 * The row of word w (len bytes, not necessarily NUL-terminated), upper-
 * cased first when case-insensitive, or -1 when absent. Has the shape of
 * the lookup callback of analogy_eval and wordpairs_eval (ctx = the
 * struct okvocab). Not thread-safe (uses ov->tmp).
 */
long	 okvocab_lookup(void *ctx, const char *w, size_t len);


#endif
