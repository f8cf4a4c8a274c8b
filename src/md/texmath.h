/*
 * md/texmath.h: TeX math to MathML Core, at build time (no JavaScript).
 * Reads a TeX formula; produces <math> with the source as annotation and
 * alttext. Bad TeX yields a located message and an error rendering that
 * shows the source, never a broken page.
 * Never evaluates macros: only a fixed vocabulary of commands.
 */
#ifndef VECDOC_TEXMATH_H
#define VECDOC_TEXMATH_H

#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"

/*
 * Appends the MathML of "tex" (len bytes) to out. Returns 0; on bad TeX
 * appends the error rendering instead, returns -1, sets *err_off to the
 * byte offset of the problem in tex and writes the message to errmsg.
 */
int	 tex_to_mathml(const char *tex, size_t len, int display,
	    struct buf *out, size_t *err_off, char *errmsg, size_t errsz);

/* A math span found in Markdown source. */
struct mathspan {
	size_t	 start, end;	/* the span with its delimiters, in the text */
	size_t	 tstart, tend;	/* the TeX inside */
	int	 display;
};

/*
 * Finds the math spans of a Markdown text ($…$, $$…$$, \(…\), \[…\]) that
 * are not inside code (fences, indented blocks, code spans). Warnings
 * (unclosed '$', a '$' glued to a word as in "Var$\cos\theta$") are added
 * to diags, located with "file" and "line0" (line of text[0]).
 * Returns the number of spans; *spans is a heap array.
 */
size_t	 math_scan(const char *text, size_t len, const char *file, long line0,
	    struct mathspan **spans, struct diaglist *diags);

#endif
