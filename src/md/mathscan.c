/*
 * md/mathscan: where the math is in a Markdown text, before cmark-gfm
 * sees it (CommonMark would eat TeX's backslashes and underscores).
 * Reads Markdown source; produces math spans and located warnings.
 * Never looks inside code: fenced blocks, indented blocks, code spans.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "md/texmath.h"
#include "util/xalloc.h"

struct scan {
	const char	*s;
	size_t		 n;
	const char	*file;
	long		 line0;
	struct diaglist	*diags;
	struct mathspan	*v;
	size_t		 nv, cap;
};

static void
place(const struct scan *sc, size_t off, long *line, int *col)
{
	size_t i, bol = 0;
	long l = sc->line0;

	for (i = 0; i < off; i++)
		if (sc->s[i] == '\n') {
			l++;
			bol = i + 1;
		}
	*line = l;
	*col = (int)(off - bol) + 1;
}

static void
warn(struct scan *sc, size_t off, const char *msg, const char *word, int wl)
{
	long line;
	int col;

	place(sc, off, &line, &col);
	if (word)
		diaglist_add(sc->diags, DIAG_WARNING, sc->file, line, col, msg,
		    wl, word);
	else
		diaglist_add(sc->diags, DIAG_WARNING, sc->file, line, col, "%s", msg);
}

static void
add(struct scan *sc, size_t start, size_t end, size_t ts, size_t te, int disp)
{
	if (sc->nv == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 8;
		sc->v = xreallocarray(sc->v, sc->cap, sizeof(*sc->v));
	}
	sc->v[sc->nv].start = start;
	sc->v[sc->nv].end = end;
	sc->v[sc->nv].tstart = ts;
	sc->v[sc->nv].tend = te;
	sc->v[sc->nv].display = disp;
	sc->nv++;
}

/* 1 if the line starting at i is blank. */
static int
blank_line(const struct scan *sc, size_t i)
{
	while (i < sc->n && sc->s[i] != '\n') {
		if (!isspace((unsigned char)sc->s[i]))
			return 0;
		i++;
	}
	return 1;
}

/* Offset of the next line start after i (or n). */
static size_t
next_line(const struct scan *sc, size_t i)
{
	const char *nl = memchr(sc->s + i, '\n', sc->n - i);

	return nl ? (size_t)(nl - sc->s) + 1 : sc->n;
}

/* A fence opener at line start i: returns its char and length, else 0. */
static int
fence_at(const struct scan *sc, size_t i, char *ch, size_t *len)
{
	size_t k = 0, j;

	while (k < 3 && i + k < sc->n && sc->s[i + k] == ' ')
		k++;
	j = i + k;
	if (j >= sc->n || (sc->s[j] != '`' && sc->s[j] != '~'))
		return 0;
	*ch = sc->s[j];
	*len = 0;
	while (j < sc->n && sc->s[j] == *ch) {
		j++;
		(*len)++;
	}
	return *len >= 3;
}

/*
 * Finds the closing delimiter "close" from i, within the paragraph (no
 * blank line). For single '$', the pandoc rule: no space before it, no
 * digit after it. Skips escaped characters. Returns the offset or -1.
 */
static long
find_close(const struct scan *sc, size_t i, const char *close, int dollar1)
{
	size_t cl = strlen(close);

	while (i < sc->n) {
		if (sc->s[i] == '\\' && i + 1 < sc->n) {
			if (sc->n - i >= cl && memcmp(sc->s + i, close, cl) == 0)
				return (long)i;
			i += 2;
			continue;
		}
		if (sc->s[i] == '\n' && blank_line(sc, i + 1))
			return -1;
		/* A code span ends any hope of an inline formula. */
		if (dollar1 && sc->s[i] == '`')
			return -1;
		/* The text is not NUL-terminated: the delimiter must fit. */
		if (sc->n - i >= cl && memcmp(sc->s + i, close, cl) == 0) {
			if (!dollar1)
				return (long)i;
			if (!isspace((unsigned char)sc->s[i - 1]) &&
			    !(i + 1 < sc->n && isdigit((unsigned char)sc->s[i + 1])))
				return (long)i;
		}
		i++;
	}
	return -1;
}

size_t
math_scan(const char *text, size_t len, const char *file, long line0,
    struct mathspan **spans, struct diaglist *diags)
{
	struct scan sc;
	size_t i = 0, bol, eol, k, flen = 0;
	char fch = 0;
	int in_fence = 0, prev_blank = 1, in_code = 0;

	memset(&sc, 0, sizeof(sc));
	sc.s = text;
	sc.n = len;
	sc.file = file;
	sc.line0 = line0;
	sc.diags = diags;
	while (i < len) {
		bol = i;
		eol = next_line(&sc, i);
		/* Fenced code (directives included: their bodies are scanned
		 * when they are parsed as Markdown of their own). */
		if (in_fence) {
			char c2;
			size_t l2;

			if (fence_at(&sc, bol, &c2, &l2) && c2 == fch && l2 >= flen)
				in_fence = 0;
			i = eol;
			continue;
		}
		if (fence_at(&sc, bol, &fch, &flen)) {
			in_fence = 1;
			i = eol;
			prev_blank = 0;
			continue;
		}
		/* Indented code: four spaces after a blank line. */
		if (!blank_line(&sc, bol) && (prev_blank || in_code) &&
		    ((eol - bol >= 4 && memcmp(text + bol, "    ", 4) == 0) ||
		    text[bol] == '\t')) {
			in_code = 1;
			i = eol;
			continue;
		}
		in_code = 0;
		prev_blank = blank_line(&sc, bol);
		/* Inline: code spans, escapes, math. */
		while (i < eol) {
			char c = text[i];

			if (c == '\\' && i + 1 < len) {
				if (text[i + 1] == '(' || text[i + 1] == '[') {
					int disp = text[i + 1] == '[';
					long e = find_close(&sc, i + 2, disp ? "\\]" : "\\)", 0);

					if (e >= 0) {
						add(&sc, i, (size_t)e + 2, i + 2, (size_t)e, disp);
						i = (size_t)e + 2;
						if (i > eol)
							eol = next_line(&sc, i - 1);
						continue;
					}
				}
				i += 2;
				continue;
			}
			if (c == '`') {
				size_t run = 0, j;

				while (i + run < len && text[i + run] == '`')
					run++;
				/* The closing run of the same length. */
				for (j = i + run; j < len; j++) {
					if (text[j] == '\n' && blank_line(&sc, j + 1))
						break;
					if (text[j] == '`') {
						k = 0;
						while (j + k < len && text[j + k] == '`')
							k++;
						if (k == run)
							break;
						j += k - 1;
					}
				}
				if (j < len && text[j] == '`') {
					i = j + run;
					if (i > eol)
						eol = next_line(&sc, i - 1);
				} else
					i += run;
				continue;
			}
			if (c == '$') {
				int disp = i + 1 < len && text[i + 1] == '$';
				size_t open = i, ts = i + (disp ? 2 : 1);
				long e;

				if (!disp && (ts >= len || isspace((unsigned char)text[ts]))) {
					i++;
					continue;
				}
				e = find_close(&sc, ts, disp ? "$$" : "$", !disp);
				if (e < 0) {
					if (!(ts < len && isdigit((unsigned char)text[ts])))
						warn(&sc, open, disp ? "unclosed '$$': the formula runs to the end of the paragraph" :
						    "unclosed '$': a formula with no closing '$' (write '\\$' for a dollar sign)",
						    NULL, 0);
					i = ts;
					continue;
				}
				/* "Var$\cos\theta$": a '$' glued to a word is
				 * often a damaged '(' or ')'. */
				if (!disp && open > 0 &&
				    isalnum((unsigned char)text[open - 1])) {
					size_t w = open;

					while (w > 0 && isalnum((unsigned char)text[w - 1]))
						w--;
					warn(&sc, open, "'$' right after '%.*s': a damaged formula? (a '(' may have become '$')",
					    text + w, (int)(open - w));
				}
				add(&sc, open, (size_t)e + (disp ? 2 : 1), ts, (size_t)e, disp);
				i = (size_t)e + (disp ? 2 : 1);
				if (i > eol)
					eol = next_line(&sc, i - 1);
				continue;
			}
			i++;
		}
		i = eol > i ? eol : i;
	}
	*spans = sc.v;
	return sc.nv;
}
