/*
 * import/import.h: `vecdoc import`, legacy course pages into vecdoc pages.
 * Reads pages that were double-encoded, carry hand-kept navigation and
 * are hardly Markdown; produces clean pages and a report.
 * Never writes outside the content directory it is given.
 */
#ifndef VECDOC_IMPORT_H
#define VECDOC_IMPORT_H

#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/hash.h"

/* Placeholder byte for a character whose bytes were lost (the source
 * was checked to hold no control characters). */
#define IMP_SPOT '\x01'
#define IMP_MAXCAND 24

enum imp_how {
	IMP_AMBIGUOUS,	/* several candidates stay: marked and reported */
	IMP_NONE,	/* no candidate at all: left as U+FFFD-free marker */
	IMP_ONLY,	/* one candidate fits (letter, case) */
	IMP_DICT,	/* the syllable list keeps one */
	IMP_CORPUS,	/* the same word elsewhere in the pages decides */
	IMP_EXTERNAL,	/* the words of the --corpus texts break a tie */
	IMP_RHYME,	/* no --corpus text uses any spelling: their rhymes
			 * decide */
	IMP_CONTEXT,	/* a closing quote after an opening one */
	IMP_CHOICE	/* settled by --choose */
};

/* One character whose bytes were (partly) lost. */
struct imp_spot {
	long		 line;		/* in the source file */
	int		 col;
	char		 cand[IMP_MAXCAND][5];	/* UTF-8 of each candidate */
	int		 ncand;
	int		 letters;	/* how many candidates are letters */
	int		 chosen;	/* index into cand, -1 when none */
	enum imp_how	 how;
	char		 word[96];	/* the word around it, spot as '?' */
	char		 alts[IMP_MAXCAND][5];	/* what stays open when ambiguous */
	int		 nalts;
	/* Candidates that make a word of the syllable list (all of them
	 * without a list): when the pages' word counts chose among several,
	 * the report shows the others for review. */
	char		 rivals[IMP_MAXCAND][5];
	int		 nrivals;
};

/* A text after decoding: the repaired bytes with IMP_SPOT where a
 * character was lost (spots[i] is the i-th placeholder). */
struct imp_text {
	struct buf	 out;
	struct imp_spot	*spots;
	size_t		 nspots;
	size_t		 repaired;	/* characters decoded back */
	size_t		 unencodable;	/* non-ASCII left as it was */
};

/* Decodes text (len bytes of valid UTF-8, first byte at 1-based line,
 * col of its file) read through code page cp (enum moji_cp); cp < 0
 * copies the text. t is initialised here; free with imp_text_clear. */
void	 imp_decode(const char *text, size_t len, int cp, long line, int col,
	    struct imp_text *t);
void	 imp_text_clear(struct imp_text *t);

/* What decides among candidates: the syllable list and the pages. */
struct imp_lexicon {
	struct strmap	 dict;		/* lowercased syllables */
	int		 have_dict;
	struct strmap	 words;		/* lowercased undamaged words -> count */
	struct strmap	 chars;		/* undamaged non-ASCII chars -> count */
	struct strmap	 choices;	/* "file:line:col" -> chosen text */
	struct strmap	 resolved;	/* words repaired beyond doubt -> count */
	struct strmap	 bigrams;	/* "word word" in the pages -> count */
	struct strmap	 extbigrams;	/* the same in --corpus texts */
	struct strmap	 extwords;	/* words of the --corpus texts -> count */
	struct strmap	 rhymes;	/* rhymes (syllable less its initial
					 * consonants, tone kept) of the words
					 * of the --corpus texts -> count */
	size_t		 corpus_files;	/* --corpus files read */
	int		 final;		/* the last round: corpus words may break ties */
};

void	 imp_lexicon_init(struct imp_lexicon *lx);
void	 imp_lexicon_clear(struct imp_lexicon *lx);
/* Loads a hunspell .dic (first line a count, then word[/flags]). */
int	 imp_lexicon_dict(struct imp_lexicon *lx, const char *path,
	    struct diag *d);
/* Counts the undamaged words and characters of a decoded text. */
void	 imp_lexicon_learn(struct imp_lexicon *lx, const struct imp_text *t);
/* Counts the words whose lost characters are all settled (a second
 * round of imp_resolve then uses them). */
void	 imp_lexicon_learn_resolved(struct imp_lexicon *lx,
	    const struct imp_text *t);
/* Learns the word pairs, words and rhymes of a clean UTF-8 text
 * (--corpus): a pair counts like the pages' own evidence, a single word
 * only breaks a tie the pages leave open, and only decisively, a rhyme
 * only a tie no word settles (see resolve_word), so that a text on
 * another subject cannot outvote the pages. A folder is
 * read recursively in name order; .gz files are inflated and HTML or
 * XML (.html, .htm, .xhp) has its markup dropped. */
int	 imp_lexicon_corpus(struct imp_lexicon *lx, const char *path,
	    struct diag *d);
/* The rhyme of a lowercased syllable: what follows its initial
 * consonants ("ngh", "tr", "qu", "gi" before a vowel, "đ", ...), tone
 * kept ("trọn" -> "ọn"); NULL when what follows does not start with a
 * vowel (not a Vietnamese syllable). Points into low. */
const char	*imp_rhyme(const char *low);
/* Reads a --choose file: lines "FILE:LINE:COL TEXT". */
int	 imp_lexicon_choices(struct imp_lexicon *lx, const char *path,
	    struct diag *d);

/* Settles every spot of t (file names the source for --choose). */
void	 imp_resolve(struct imp_text *t, const struct imp_lexicon *lx,
	    const char *file);
/* The final text: spots replaced by their choice, or by a marker
 * "[?a/b?]" when ambiguous ("[?]" when nothing fits). Appends to out. */
void	 imp_render(const struct imp_text *t, struct buf *out);

/* ---- structure (convert.c) ---- */

/* One legacy page split into its parts. */
struct imp_page {
	char		*src;		/* path as given */
	char		*text;		/* the repaired body */
	char		*title;
	char		*description;
	char		*origname;	/* the pinned footer name, if any */
	char		*module;	/* module title */
	char		*modkey;	/* its slug */
	int		 modweight;
	int		 weight;
	char		*slug;
	char		*outpath;	/* relative to the content dir */
	char		**lessons;	/* footer: file names listed */
	char		**lessontitles;
	size_t		 nlessons;
	int		 nblocks;	/* navigation blocks stripped */
	int		 markdown;	/* was already Markdown */
	size_t		 maths_fixed, maths_left, links;
	struct diaglist	 notes;		/* formulas left, links dropped */
};

/* Splits the navigation blocks off raw text: the body's byte ranges go
 * to body[] (at most 3 pieces), the blocks' to nav/footer. Returns the
 * number of blocks found. */
struct imp_range {
	size_t	 start, end;
};
int	 imp_split(const char *s, size_t len, struct imp_range *body,
	    int *nbody, struct imp_range *nav, struct imp_range *footer);

/* Reads breadcrumb and footer (repaired text) into pg. */
void	 imp_read_nav(struct imp_page *pg, const char *nav, const char *footer);
/* Converts the repaired body into vecdoc Markdown (pg->text replaced),
 * fills title, description. */
void	 imp_convert(struct imp_page *pg, const char *file);
/* Repairs damaged TeX (one formula) into out; returns the number of
 * repairs made. */
int	 imp_fix_tex(const char *s, size_t n, struct buf *out);
/* A name key for matching lesson file names across naming schemes. */
char	*imp_namekey(const char *name);

#endif
