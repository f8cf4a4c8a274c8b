/*
 * corpus/xspace: comparisons across two embedding spaces (e.g. GloVe
 * Wikipedia vs GloVe Twitter): their shared vocabulary, a linear map
 * from one to the other with held-out precision (kern/linmap), and the
 * analogy benchmark with its mean analogy error per space (kern/anerr).
 * Reads loaded spaces (store/space.h) and question text in memory;
 * produces owned result structs. Never opens files, never prints.
 */
#ifndef VECDOC_CORPUS_XSPACE_H
#define VECDOC_CORPUS_XSPACE_H

#include <stdint.h>

#include "kern/analogy_eval.h"
#include "kern/anerr.h"
#include "kern/linmap.h"
#include "store/space.h"
#include "util/diag.h"

/* Word pairs: row ida[i] of space a and row idb[i] of space b hold the
 * same word; in a's row order. */
struct xspace_pairs {
	long	 n;
	long	*ida, *idb;
};

/*
 * The words of a that b also has (space_find, or space_find_ci when ci
 * is set; a row of b is paired at most once, with a's first variant).
 * Fills *out (free with xspace_pairs_clear). Returns 0, or -1 with "d"
 * filled when the spaces share no word.
 */
int	 xspace_shared(const struct space *a, const struct space *b, int ci,
	    struct xspace_pairs *out, struct diag *d);
void	 xspace_pairs_clear(struct xspace_pairs *p);

enum xspace_candidates {
	XSPACE_CAND_ALL,	/* every row of b (Mikolov et al. 2013) */
	XSPACE_CAND_SHARED	/* only b's rows of shared words */
};

/*
 * Options of xspace_linmap; xspace_linmap_defaults fills them:
 * lambda 1.0 (absolute ridge; X'X has diagonal ~ n · E[x²], about 1e3
 * for 10k GloVe words, so 1.0 barely regularises), test_frac 0.2, seed 1,
 * max_pairs 0 (all shared words; else only the first max_pairs in a's
 * row order, i.e. the most frequent), normalize 0 (raw vectors as
 * Mikolov et al.; 1: rows made unit length before fitting), candidates
 * XSPACE_CAND_ALL, ci 0.
 */
struct xspace_linmap_opts {
	double		 lambda;
	double		 test_frac;
	uint64_t	 seed;
	long		 max_pairs;
	int		 normalize;
	enum xspace_candidates candidates;
	int		 ci;
};

void	 xspace_linmap_defaults(struct xspace_linmap_opts *o);

/*
 * The result. Split: the shared pairs are shuffled (kern/rng,
 * Fisher–Yates from rng_seed(seed)); the first round(test_frac · n)
 * (at least 1, at most n − 2) are the test words, the rest train; both
 * lists are then sorted by pair index, so that the split depends only on
 * n and the seed.
 */
struct xspace_linmap_result {
	struct xspace_pairs pairs;
	long		 ntrain, ntest;
	long		*train, *test;	/* indexes into pairs */
	int		 d1, d2;
	float		*w;		/* d1 × d2 */
	long		*pred;		/* ntest × LINMAP_TOPK rows of b */
	double		*resid;		/* ntest: ‖x W − y‖ */
	double		 mean_resid;	/* over test words */
	double		 mean_resid_train;
	double		 mean_norm_y;	/* mean ‖y‖ of test words, for scale */
	struct linmap_eval eval;	/* precision@1 / @5 on test words */
	double		 t_fit, t_eval;	/* seconds */
};

/*
 * Learns W from a to b on the training pairs (linmap_fit) and evaluates
 * it on the test pairs: precision@1/@5 of x·W among the candidates,
 * residuals. Fills *r (free with xspace_linmap_clear). Returns 0, or -1
 * with "d" filled: no shared word, fewer than 3 (a split needs 2 to
 * train and 1 to test), or a failed fit.
 */
int	 xspace_linmap(const struct space *a, const struct space *b,
	    const struct xspace_linmap_opts *o, struct xspace_linmap_result *r,
	    struct diag *d);
void	 xspace_linmap_clear(struct xspace_linmap_result *r);

/* The analogy benchmark on one space and its analogy error. */
struct xspace_analogy {
	struct analogy_result	 res;	/* kern/analogy_eval */
	double			*eps;	/* res.nitem, per question */
	double			*sec_mean;	/* res.nsec */
	struct anerr_summary	 sum;
	double			 t_eval;	/* seconds */
};

/*
 * Runs analogy_eval on space s over "text" (questions-words.txt format,
 * len bytes, named fname in messages) with gensim's rules
 * (case-insensitive ok_vocab over the first restrict_rows rows,
 * 0: every row), then anerr_eval. Fills *r (free with
 * xspace_analogy_clear). Returns 0, or -1 with "d" filled (bad text, no
 * question in vocabulary).
 */
int	 xspace_analogy_run(const struct space *s, const char *text, size_t len,
	    const char *fname, long restrict_rows, struct xspace_analogy *r,
	    struct diag *d);
/*
 * xspace_analogy_run over rows that "lookup" (with "lctx") finds in
 * index "ix", candidates [0, restrict_rows) with canonical rows "canon"
 * (NULL: every row its own): for a space whose words are not its rows
 * (a token space's words made one vector of their pieces, rows past the
 * candidates; see directives/common's dx_evalspace). restrict_rows must
 * be positive. Fills *r as xspace_analogy_run does.
 */
int	 xspace_analogy_lookup(const struct knn_index *ix,
	    vocab_lookup_fn lookup, void *lctx, const long *canon,
	    const char *text, size_t len, const char *fname,
	    long restrict_rows, struct xspace_analogy *r, struct diag *d);
void	 xspace_analogy_clear(struct xspace_analogy *r);

#endif
