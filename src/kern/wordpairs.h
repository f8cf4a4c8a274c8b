/*
 * kern/wordpairs: word-similarity benchmarks (SimLex-999, WordSim-353:
 * "word1<TAB>word2<TAB>score", '#' comments) with gensim 4.x
 * evaluate_word_pairs semantics (design/KERNELS.md §a). Reads text from
 * memory and rows through a lookup callback; produces an owned result.
 * Never opens files.
 */
#ifndef VECDOC_KERN_WORDPAIRS_H
#define VECDOC_KERN_WORDPAIRS_H

#include <stddef.h>

#include "kern/analogy_eval.h"
#include "kern/knn.h"
#include "util/diag.h"

struct wordpair {
	long	 line;		/* 1-based */
	long	 a, b;		/* rows */
	double	 gold;		/* the dataset's score */
	float	 model;		/* cosine of the two rows (float32, as gensim) */
};

struct wordpairs_result {
	struct wordpair *pair;	/* pairs used, file order */
	size_t	 npair;
	long	 oov;		/* pairs skipped for an unknown word */
	long	 skipped;	/* lines not "a<TAB>b<TAB>number" (not comments) */
	double	 oov_ratio;	/* percent: 100 · oov / (npair + oov) */
	double	 pearson, pearson_p;	/* scipy.stats.pearsonr(gold, model) */
	double	 spearman, spearman_p;	/* scipy.stats.spearmanr(gold, model) */
};

/*
 * Runs the benchmark over "text" (len bytes; "fname" for diagnostics):
 * lines starting '#' are skipped; other lines must split on '\t' into
 * exactly 3 fields, the third a number (Python float(), surrounding
 * whitespace allowed), or they are counted in "skipped"; words are looked
 * up verbatim (no trimming) through "lookup" (okvocab_lookup upper-cases
 * as gensim's case_insensitive=True). The model score is
 * dot(unitvec(a), unitvec(b)) in float32 (KeyedVectors.similarity).
 * Fills "res" (free with wordpairs_result_clear). Returns 0, or -1 with
 * "d" filled when no pair could be scored (gensim raises ValueError).
 */
int	 wordpairs_eval(const struct knn_index *ix, const char *text, size_t len,
	    const char *fname, vocab_lookup_fn lookup, void *ctx,
	    struct wordpairs_result *res, struct diag *d);
/* Frees res->pair; accepts a zeroed struct. */
void	 wordpairs_result_clear(struct wordpairs_result *res);

/*
 * gensim's KeyedVectors.similarity of rows a and b: both made unit by
 * analogy_unitvec (matutils.unitvec), then BLAS sdot in float32.
 */
float	 wordpairs_similarity(const struct knn_index *ix, long a, long b);

#endif
