/*
 * corpus/trainset: a loaded corpus turned into what the word2vec kernel
 * (kern/w2v.h) trains on: the words seen min_count times, the training
 * text cut into sentences (one per document), its counts, and held-out
 * pairs from documents kept out of training.
 * Reads a struct corpus; produces plain arrays. Never prints.
 */
#ifndef VECDOC_CORPUS_TRAINSET_H
#define VECDOC_CORPUS_TRAINSET_H

#include <stddef.h>
#include <stdint.h>

#include "corpus/corpus.h"
#include "kern/w2v.h"

/*
 * The vocabulary is ids 0 .. nvocab-1 of the corpus (its words seen at
 * least min_count times, in rank order: corpus->word[i] names row i).
 * text: the training documents' in-vocabulary words (a document with
 * none is left out); text.count counts them in the training text alone.
 * held: up to "heldout" pairs (window and negatives as given) from
 * whole documents held out, picked in an order shuffled by the seed
 * until they hold about heldout * 3 / (4 window) tokens; none when
 * heldout is 0 or the corpus has one document. Everything is owned by
 * the set (trainset_clear).
 */
struct trainset {
	struct w2v_text	 text;
	struct w2v_heldout held;
	size_t		 nvocab;
	size_t		 heldtok;	/* tokens in held-out documents */
	/* storage */
	uint32_t	*tok, *hc, *hx, *hn;
	size_t		*sent;
	long		*count;
};

/*
 * Builds the set from corpus c. Returns 0, or -1 with d set (at the
 * corpus's path) when the corpus has no words or no word is seen
 * min_count times. The caller checks the hyperparameters against
 * ts->nvocab (w2v_params_check).
 */
int	 trainset_build(const struct corpus *c, long min_count, long heldout,
	    int window, int negative, uint64_t seed, struct trainset *ts,
	    struct diag *d);
/* Frees what the set owns; a zeroed or cleared set is fine. */
void	 trainset_clear(struct trainset *ts);

#endif
