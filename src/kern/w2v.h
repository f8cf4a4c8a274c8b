/*
 * kern/w2v: word2vec training — skip-gram (SGNS) and CBOW, both with
 * negative sampling — with the semantics of Mikolov's word2vec.c.
 * Reads a token-id stream and vocabulary counts; produces input and
 * output vectors in caller-allocated matrices, progress reports through
 * a callback, and (w2v_explain) what one sentence turns into.
 * Never prints, never reads files; errors through struct diag.
 */
#ifndef VECDOC_KERN_W2V_H
#define VECDOC_KERN_W2V_H

#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"

enum w2v_model {
	W2V_SGNS,	/* skip-gram, negative sampling (word2vec.c -cbow 0) */
	W2V_CBOW	/* CBOW with the context mean (word2vec.c -cbow 1) */
};

/* Bounds the checks enforce ("absurd" values are refused, not clamped). */
#define W2V_MAX_DIM		10000
#define W2V_MAX_WINDOW		1000
#define W2V_MAX_NEGATIVE	1000
#define W2V_MAX_EPOCHS		10000
#define W2V_MAX_THREADS		64
/* A sentence is cut after this many kept words, as in word2vec.c. */
#define W2V_MAX_SENTENCE	1000

/*
 * Hyperparameters. w2v_params_init fills word2vec.c's defaults:
 * SGNS dim 100, window 5, negative 5, sample 1e-3, alpha 0.025 (0.05
 * for CBOW), 5 epochs, 1 thread, seed 1. threads = 1 is the
 * deterministic mode (byte-identical vectors for a seed on every run
 * and CPU); threads > 1 trains Hogwild-style like word2vec.c, and such
 * runs are not bit-reproducible.
 */
struct w2v_params {
	enum w2v_model	 model;
	int		 dim;
	int		 window;	/* maximal window; each centre word
					   uses window - b, b uniform in
					   [0, window) */
	int		 negative;	/* negatives per positive, 1..nvocab-1 */
	int		 epochs;
	int		 threads;
	double		 alpha;		/* starting learning rate */
	double		 sample;	/* subsampling threshold t; 0: off */
	uint64_t	 seed;
	long long	 report_every;	/* words between reports within an
					   epoch; 0: reports at epoch ends */
	int		 no_simd;	/* 1: the portable path even where
					   AVX2+FMA exist (tests compare) */
	int		 no_init;	/* 1: train the vectors in/out hold
					   (continued training, tests) */
};

void	 w2v_params_init(struct w2v_params *p, enum w2v_model model);

/*
 * The training text: ntok word ids (each < nvocab) cut into sentences,
 * sentence i being tok[sent[i] .. sent[i+1]) (nsent + 1 offsets, sent[0]
 * = 0, sent[nsent] = ntok); count[w] is word w's frequency in the
 * training text (subsampling and the unigram^0.75 noise use it; their
 * sum is word2vec.c's train_words). Words below the minimum count are
 * the caller's to remove before (see w2v_min_count).
 */
struct w2v_text {
	const uint32_t	*tok;
	size_t		 ntok;
	const size_t	*sent;
	size_t		 nsent;
	const long	*count;
	size_t		 nvocab;
};

/*
 * Checks p against a vocabulary of nvocab words: dim in 1..W2V_MAX_DIM,
 * window >= 1, negative in 1..nvocab-1 (and <= W2V_MAX_NEGATIVE),
 * epochs >= 1, threads in 1..W2V_MAX_THREADS, alpha in (0, 1], sample
 * in [0, 1), report_every >= 0. nvocab 0 is an error of its own ("no
 * word occurs min_count times"). Returns 0, or -1 with d->msg set and
 * *field (when not NULL) naming the offending parameter ("dim",
 * "window", ...; "vocabulary" for nvocab) so that the caller can place
 * the error at its option or YAML key.
 */
int	 w2v_params_check(const struct w2v_params *p, size_t nvocab,
	    const char **field, struct diag *d);

/* The number of leading entries of count[0 .. n) that are >= min_count
 * (count sorted descending, as corpus ids are: the kept vocabulary is
 * ids 0 .. result-1). */
size_t	 w2v_min_count(const long *count, size_t n, long min_count);

/*
 * The probability word2vec.c keeps an occurrence of a word seen "count"
 * times among "total" training words under threshold "sample":
 * min(1, (sqrt(c / (t T)) + 1) (t T) / c); 1 when sample is 0.
 */
double	 w2v_keep_prob(long count, long long total, double sample);

/*
 * Held-out pairs: (centre, context) with k fixed negatives each, on
 * which the SGNS loss is measured — the mean over pairs of
 *   -log s(v_ctx . u_centre) - sum_j log s(-v_ctx . u_neg_j),
 * v = input vectors, u = output vectors (as the skip-gram update pairs
 * them), s the exact logistic function in double precision. neg holds
 * n * k ids. Negatives equal to the centre are kept here.
 */
struct w2v_heldout {
	const uint32_t	*centre, *context, *neg;
	size_t		 n;
	int		 k;
};

/*
 * Fills up to "cap" held-out pairs from a text (normally sentences kept
 * out of training): every (centre, context) pair at distance <= window
 * within a sentence, sentence by sentence, no subsampling, until cap;
 * k negatives per pair drawn from unigram^0.75 of count[0..nvocab) with
 * "seed". centre, context: cap ids each; neg: cap * k ids (caller's).
 * Returns the number of pairs written.
 */
size_t	 w2v_heldout_draw(const struct w2v_text *held, const long *count,
	    size_t nvocab, int window, int k, uint64_t seed, size_t cap,
	    uint32_t *centre, uint32_t *context, uint32_t *neg);

/* The held-out loss of vectors in/out (nvocab x dim each); NAN when
 * h is NULL or empty. */
double	 w2v_heldout_loss(const struct w2v_heldout *h, const float *in,
	    const float *out, int dim);

/*
 * What a report sees. Reports come before training (epoch 0, words 0:
 * the loss of the initial vectors), every report_every words, and at the
 * end of each epoch (epoch_end = 1). in/out are the current vectors,
 * borrowed for the duration of the call (copy them for a snapshot;
 * within an epoch with several threads they are being written).
 */
struct w2v_progress {
	int		 epoch;		/* 1-based; 0 before training */
	int		 epoch_end;
	long long	 words;		/* training words read, all epochs */
	long long	 total;		/* epochs x words in the text */
	double		 lr;		/* the learning rate now */
	double		 loss;		/* held-out loss, NAN without pairs */
	double		 seconds;	/* since training began; NAN without a
					   clock */
	double		 words_per_s;	/* words / seconds */
	const float	*in, *out;
};

/*
 * Optional hooks (any member may be NULL). report returns 0 to go on,
 * non-zero to stop training (w2v_train then fails with "interrupted").
 * With several threads a report within an epoch runs on whichever
 * worker crosses the mark (never two at once). now: seconds on a
 * monotonic clock, for words/s (kernels do not read clocks themselves).
 * stop: polled every 10,000 words; non-zero stops training (e.g. set by
 * a signal handler).
 */
struct w2v_hooks {
	int		(*report)(void *ctx, const struct w2v_progress *p);
	void		*ctx;
	double		(*now)(void);
	const volatile int *stop;
};

/*
 * Trains word vectors on text t with parameters p. in and out are
 * caller-allocated nvocab x dim float matrices; w2v_train initialises
 * them as word2vec.c does (in: uniform in [-0.5/dim, 0.5/dim) from the
 * seed, out: zero; unless p->no_init) and leaves the trained vectors there (in is what
 * word2vec.c saves). h (may be NULL) gives the held-out loss in reports.
 * The semantics, from word2vec.c:
 *   - each occurrence of word w is dropped with probability
 *     1 - w2v_keep_prob(count[w], train_words, sample) when a sentence
 *     is read; a sentence ends at its last word or after
 *     W2V_MAX_SENTENCE kept words;
 *   - for the word at each position, b is drawn uniformly in
 *     [0, window) and the context is the kept words at distance
 *     <= window - b in the sentence;
 *   - SGNS: for each context word c, the input vector of c is trained
 *     to predict the centre (positive) and "negative" noise words drawn
 *     from unigram^0.75 (a draw equal to the centre is skipped); CBOW:
 *     the mean of the context input vectors predicts the centre, the
 *     summed error goes back to every context word;
 *   - the gradient step is (label - s(f)) lr with s from a 1000-entry
 *     table over [-6, 6) (a precomputed sigmoid like word2vec.c's;
 *     f > 6 counts as s = 1, f < -6 as 0); unlike word2vec.c the bin is
 *     floor((f + 6) * 1000 / 12), which covers the table as intended
 *     (word2vec.c's integer division uses 83 bins per unit);
 *   - lr = alpha (1 - words / (epochs train_words + 1)), floored at
 *     alpha 1e-4, updated every 10,000 words, as word2vec.c.
 * Deviations, all for exactness or speed: no "</s>" token (sentence ends
 * come from t->sent); the noise distribution is sampled exactly with an
 * alias table (word2vec.c quantises it into a 1e8-entry table); the
 * random numbers come from xoshiro256** (kern/rng) seeded by p->seed,
 * not word2vec.c's linear congruential generator. With threads = 1 the
 * result is a function of (t, p) alone, identical on CPUs with and
 * without AVX2/FMA (the portable path mirrors the vector path's order
 * of operations). Allocates only scratch memory of its own.
 * Returns 0, or -1 with d set (bad parameters, interrupted).
 */
int	 w2v_train(const struct w2v_text *t, const struct w2v_params *p,
	    const struct w2v_heldout *h, const struct w2v_hooks *hooks,
	    float *in, float *out, struct diag *d);

/*
 * What training does to one sentence, for display: w2v_explain runs the
 * same code as w2v_train on its first sentence with one thread and
 * p->seed (same random draws, vectors untouched). tok: the n ids of
 * the sentence (n <= W2V_MAX_SENTENCE), counts as in w2v_text.
 * Caller-allocated outputs:
 *   keep[n]    keep probability of each position
 *   kept[n]    1 if the draw kept it
 *   span[n]    the window (window - b) used at a kept position, 0 for
 *              dropped ones
 *   pairs      up to cap pairs (centre, context) as positions in tok,
 *              in training order; *npairs is set to the number (which
 *              may exceed cap: then only cap are written)
 *   neg        negatives: SGNS: p->negative per pair (pair-major);
 *              CBOW: p->negative per kept centre position, indexed by
 *              position (n * negative ids; rows of dropped positions
 *              are left alone). A negative equal to its centre word is
 *              listed but skipped by the update.
 * Returns 0, or -1 with d set (bad parameters or sentence).
 */
struct w2v_pair {
	int		 centre, context;
};
int	 w2v_explain(const uint32_t *tok, size_t n, const long *count,
	    size_t nvocab, const struct w2v_params *p, double *keep,
	    unsigned char *kept, int *span, struct w2v_pair *pairs,
	    size_t cap, size_t *npairs, uint32_t *neg, struct diag *d);

#endif
