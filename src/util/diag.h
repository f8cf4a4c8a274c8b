/*
 * util/diag: located diagnostics, from a YAML key to a float on line
 * 88,412 of an embedding file.
 * A function that can fail returns -1 and fills a struct diag; a build
 * collects many into a struct diaglist. Only main.c prints them.
 */
#ifndef VECDOC_DIAG_H
#define VECDOC_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum diag_level {
	DIAG_NOTE,
	DIAG_WARNING,
	DIAG_ERROR
};

/*
 * One message and its place. "line" and "col" are 1-based; 0 means
 * unknown. "offset" is a byte offset for binary files (-1: none).
 * Fixed-size so that filling one never allocates.
 */
struct diag {
	enum diag_level	level;
	char		file[512];
	long		line;
	int		col;
	long long	offset;
	char		msg[1024];
};

/* Fills d with an error and returns -1, so callers can "return diag_fail(...)". */
int	 diag_fail(struct diag *d, const char *file, long line, int col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* As diag_fail, at a byte offset of a binary file. */
int	 diag_fail_at(struct diag *d, const char *file, long long offset,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void	 diag_vset(struct diag *d, enum diag_level, const char *file,
	    long line, int col, const char *fmt, va_list ap);
/* "file:line:col: error: msg" (parts that are unknown are left out). */
void	 diag_format(const struct diag *d, char *out, size_t outsz);
void	 diag_print(FILE *fp, const struct diag *d);

/* A growable list of diagnostics, kept in the order they were added. */
struct diaglist {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 nerrors;
	size_t		 nwarnings;
};

void	 diaglist_init(struct diaglist *l);
void	 diaglist_clear(struct diaglist *l);
void	 diaglist_push(struct diaglist *l, const struct diag *d);
/* Adds a message; returns -1 for errors, 0 otherwise. */
int	 diaglist_add(struct diaglist *l, enum diag_level, const char *file,
	    long line, int col, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
/* Moves every entry of "from" to the end of "to". */
void	 diaglist_move(struct diaglist *to, struct diaglist *from);
void	 diaglist_print(FILE *fp, const struct diaglist *l);
/* Sorts diagnostics of one file by line and column, keeping the order
 * of messages at the same place. */
void	 diag_sort(struct diag *v, size_t n);

/*
 * Did-you-mean: the candidate closest to "word" by edit distance, or NULL
 * when none is close enough to be a likely typo.
 */
const char *diag_suggest(const char *word, const char *const *cands, size_t n);

#endif
