/*
 * kern/analogy_eval: the word-analogy benchmark (questions-words.txt
 * format) with gensim 4.x evaluate_word_analogies semantics
 * (design/KERNELS.md §a).
 * Reads the questions text from a memory buffer and rows through a lookup
 * callback; produces owned per-section results. Never opens files.
 */
#ifndef VECDOC_KERN_ANALOGY_EVAL_H
#define VECDOC_KERN_ANALOGY_EVAL_H

#include <stddef.h>

#include "kern/knn.h"
#include "util/diag.h"
#include "util/progress.h"

/*
 * Vocabulary lookup: the row of word w (len bytes), or -1 when the word
 * is out of vocabulary. okvocab_lookup (kern/okvocab.h) has this shape
 * and applies gensim's case-insensitive ok_vocab.
 */
typedef long (*vocab_lookup_fn)(void *ctx, const char *w, size_t len);

struct analogy_section {
	char	*name;		/* owned; header text after ": " */
	long	 line;		/* 1-based line of the header */
	long	 correct;
	long	 incorrect;
};

/* One evaluated question: a : b :: c : expected, and what was predicted. */
struct analogy_item {
	long	 line;		/* 1-based */
	int	 section;	/* index into sections */
	long	 a, b, c, expected;	/* rows from the lookup */
	long	 predicted;	/* row, or -1 when there were no candidates */
	int	 correct;
};

struct analogy_result {
	struct analogy_section *sec;
	size_t		 nsec;
	struct analogy_item *item;	/* evaluated questions, file order */
	size_t		 nitem;
	long		 correct;	/* pooled ("Total accuracy") */
	long		 incorrect;
	long		 oov;		/* questions skipped for OOV words */
	long		 oov_answer;	/* of those, answers past restrict_rows */
	long		 quadruplets;	/* lines with exactly 4 words */
	long		 skipped;	/* other non-header lines (gensim skips them silently) */
};

/*
 * restrict_rows: candidates are rows [0, restrict_rows) (gensim's
 *   restrict_vocab, default 300000); 0 = all rows. The lookup may
 *   give a, b and c past them (vectors that are never an answer, as a
 *   token space's words of several pieces); a question whose expected
 *   answer is past them is counted in oov and oov_answer and skipped.
 * canon: canon[r] for r < restrict_rows, the canonical row of r's
 *   upper-cased word (struct okvocab's canon); a candidate r is skipped
 *   when canon[r] is the row of a, b or c. NULL: canon[r] = r.
 * batch: questions per SGEMM batch (0: 1024).
 * method: ANALOGY_COSADD (gensim's only method) or ANALOGY_COSMUL
 *   (3CosMul over the same restrict_rows candidates; gensim has no
 *   benchmark for it, the selection rule is the same).
 */
enum analogy_method {
	ANALOGY_COSADD,
	ANALOGY_COSMUL
};

struct analogy_eval_opts {
	long		 restrict_rows;
	const long	*canon;
	int		 batch;
	enum analogy_method method;
	/* 3CosAdd only: 1 keeps a, b and c among the candidates (the top
	 * candidate answers, whatever it is); 0 (gensim) excludes them. */
	int		 keep_inputs;
	/* Polled before each batch; non-zero stops the run (-1). NULL: never. */
	const volatile int *cancel;
	/* Told the fraction of questions answered after each batch, or NULL. */
	const struct progress *progress;
};

/*
 * Runs the benchmark over "text" (len bytes; "fname" only names it in
 * diagnostics), gensim's rules: a line starting ": " opens a section
 * (name = line without leading ':'/' ', stripped); other lines split on
 * whitespace (Python str.split()) must give exactly 4 words or are
 * skipped uncounted; a question with any word the lookup does not know is
 * counted in "oov" and skipped. The prediction is 3CosAdd (b + c − a,
 * analogy_mean) over restrict_rows rows, top 5 with a, b, c excluded; the
 * first candidate whose canon is none of a, b, c is the answer (if all 5
 * are, the fifth counts). Accuracy = correct / (correct + incorrect) per
 * section and pooled.
 * Fills "res" (free with analogy_result_clear). Returns 0, or -1 with "d"
 * filled (fname:line) for invalid UTF-8 or a question before any section.
 */
int	 analogy_eval(const struct knn_index *ix, const char *text, size_t len,
	    const char *fname, vocab_lookup_fn lookup, void *ctx,
	    const struct analogy_eval_opts *opt, struct analogy_result *res,
	    struct diag *d);
/* Frees what analogy_eval allocated in "res"; accepts a zeroed struct. */
void	 analogy_result_clear(struct analogy_result *res);


#endif
