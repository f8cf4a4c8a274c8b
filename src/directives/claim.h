/*
 * directives/claim.h: {claim} expressions — statements about a page's
 * named values that every build checks.
 *
 *   expr   := or
 *   or     := and ("or" and)*
 *   and    := not ("and" not)*
 *   not    := "not" not | cmp
 *   cmp    := sum [("<" | "<=" | ">" | ">=" | "==" | "!=" | "in" |
 *             "not in") sum]
 *   sum    := prod (("+" | "-") prod)*
 *   prod   := unary (("*" | "/") unary)*
 *   unary  := "-" unary | atom
 *   atom   := NUMBER | 'TEXT' | "TEXT" | true | false | PATH
 *             | abs "(" expr ")" | "(" expr ")"
 *
 * A PATH is a run of letters, digits, '_', '-', '.' and non-ASCII bytes
 * starting with a letter (so subtraction needs spaces: "a - b").
 * "x in LIST" asks whether x is one of a column's cells.
 */
#ifndef VECDOC_CLAIM_H
#define VECDOC_CLAIM_H

#include <stddef.h>

#include "directives/values.h"
#include "util/buf.h"

/*
 * Evaluates the claim text[0..len) over v. Returns 1 (true), 0 (false)
 * or -1 (a syntax, name or type error). For 0 and -1, msg gets the
 * message ("claim is false: … (a.b = 0.82)", "unknown value 'x' (did you
 * mean 'y'?)") and *at the byte offset in text it is about; for 1, msg
 * gets the values the claim used ("a.b = 0.82"). Never reads text[len].
 */
int	 claim_eval(const char *text, size_t len, const struct values *v,
	    const char *lang, struct buf *msg, size_t *at);

#endif
