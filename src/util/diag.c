/*
 * util/diag: located diagnostics and did-you-mean suggestions.
 * Produces formatted messages in fixed buffers or a growable list.
 * Never exits; prints only when asked to (by main.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "util/xalloc.h"

void
diag_vset(struct diag *d, enum diag_level level, const char *file,
    long line, int col, const char *fmt, va_list ap)
{
	d->level = level;
	snprintf(d->file, sizeof(d->file), "%s", file ? file : "");
	d->line = line;
	d->col = col;
	d->offset = -1;
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
}

int
diag_fail(struct diag *d, const char *file, long line, int col,
    const char *fmt, ...)
{
	va_list ap;

	if (d == NULL)
		return -1;
	va_start(ap, fmt);
	diag_vset(d, DIAG_ERROR, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

int
diag_fail_at(struct diag *d, const char *file, long long offset,
    const char *fmt, ...)
{
	va_list ap;

	if (d == NULL)
		return -1;
	va_start(ap, fmt);
	diag_vset(d, DIAG_ERROR, file, 0, 0, fmt, ap);
	va_end(ap);
	d->offset = offset;
	return -1;
}

static const char *
level_name(enum diag_level l)
{
	switch (l) {
	case DIAG_NOTE: return "note";
	case DIAG_WARNING: return "warning";
	default: return "error";
	}
}

void
diag_format(const struct diag *d, char *out, size_t outsz)
{
	char place[600];

	if (d->file[0] == '\0')
		place[0] = '\0';
	else if (d->line > 0 && d->col > 0)
		snprintf(place, sizeof(place), "%s:%ld:%d: ", d->file, d->line, d->col);
	else if (d->line > 0)
		snprintf(place, sizeof(place), "%s:%ld: ", d->file, d->line);
	else if (d->offset >= 0)
		snprintf(place, sizeof(place), "%s: byte %lld: ", d->file, d->offset);
	else
		snprintf(place, sizeof(place), "%s: ", d->file);
	snprintf(out, outsz, "%s%s: %s", place, level_name(d->level), d->msg);
}

void
diag_print(FILE *fp, const struct diag *d)
{
	char line[2048];

	diag_format(d, line, sizeof(line));
	fprintf(fp, "%s\n", line);
}

void
diaglist_init(struct diaglist *l)
{
	memset(l, 0, sizeof(*l));
}

void
diaglist_clear(struct diaglist *l)
{
	if (l == NULL)
		return;
	free(l->v);
	diaglist_init(l);
}

void
diaglist_push(struct diaglist *l, const struct diag *d)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = *d;
	if (d->level == DIAG_ERROR)
		l->nerrors++;
	else if (d->level == DIAG_WARNING)
		l->nwarnings++;
}

int
diaglist_add(struct diaglist *l, enum diag_level level, const char *file,
    long line, int col, const char *fmt, ...)
{
	struct diag d;
	va_list ap;

	va_start(ap, fmt);
	diag_vset(&d, level, file, line, col, fmt, ap);
	va_end(ap);
	diaglist_push(l, &d);
	return level == DIAG_ERROR ? -1 : 0;
}

void
diaglist_move(struct diaglist *to, struct diaglist *from)
{
	size_t i;

	for (i = 0; i < from->n; i++)
		diaglist_push(to, &from->v[i]);
	diaglist_clear(from);
}

void
diaglist_print(FILE *fp, const struct diaglist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		diag_print(fp, &l->v[i]);
}

/* Levenshtein distance, bounded to short words (option and directive names). */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[65], prev, tmp;

	if (la > 64 || lb > 64)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (tmp + 1 < row[j])
				row[j] = tmp + 1;
			prev = tmp;
		}
	}
	return row[lb];
}

const char *
diag_suggest(const char *word, const char *const *cands, size_t n)
{
	size_t i, d, best = (size_t)-1, limit;
	const char *pick = NULL;

	limit = strlen(word) <= 4 ? 1 : strlen(word) <= 8 ? 2 : 3;
	for (i = 0; i < n; i++) {
		d = edit_distance(word, cands[i]);
		if (d < best) {
			best = d;
			pick = cands[i];
		}
	}
	return best <= limit ? pick : NULL;
}

void
diag_sort(struct diag *v, size_t n)
{
	size_t i, j;
	struct diag tmp;

	/* Insertion sort: stable, and lists are short. */
	for (i = 1; i < n; i++) {
		tmp = v[i];
		for (j = i; j > 0 && (v[j - 1].line > tmp.line ||
		    (v[j - 1].line == tmp.line && v[j - 1].col > tmp.col)); j--)
			v[j] = v[j - 1];
		v[j] = tmp;
	}
}
