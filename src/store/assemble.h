/*
 * store/assemble: the conversions of a "parts" source (vecdoc fetch): a
 * data file assembled from several downloaded parts, each turned into
 * text by a named conversion and appended in the declared order.
 * Pure functions on buffers; the fetching is store/fetch.c's.
 */
#ifndef VECDOC_STORE_ASSEMBLE_H
#define VECDOC_STORE_ASSEMBLE_H

#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"

/* The conversions a parts source may name, for messages. */
#define ASSEMBLE_CONVERTS	"concat, gutenberg"

/* 1 if "name" is one of ASSEMBLE_CONVERTS. */
int	 assemble_known(const char *name);

/*
 * Appends part "data" (n bytes) converted by "conv" to "out":
 *   concat     the bytes unchanged;
 *   gutenberg  a Project Gutenberg e-text: valid UTF-8 required; CRLF
 *              and CR read as line ends; only the lines between the
 *              "*** START OF THE|THIS PROJECT GUTENBERG" line and the
 *              next "*** END OF THE|THIS PROJECT GUTENBERG" line are
 *              kept; they are split into paragraphs at blank lines, each
 *              paragraph's lines joined with single spaces (runs of
 *              white space, Unicode's as Python's str.split sees it,
 *              become one space; none at either end); leading credit
 *              paragraphs ("Produced by ...", "E-text prepared by ...")
 *              are dropped, and a last one "End of the Project Gutenberg
 *              ..." (or "End of Project Gutenberg", "End of this
 *              Project Gutenberg"); one paragraph per line, each ending
 *              in \n.
 * On failure (no START or END line, invalid UTF-8) returns -1 with "d"
 * located at the line of the part ("what" is the part's name, e.g. its
 * URL); "out" then holds an unspecified prefix.
 */
int	 assemble_part(const char *conv, const char *data, size_t n,
	    const char *what, struct buf *out, struct diag *d);

#endif
