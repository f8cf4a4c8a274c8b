/*
 * util/text: small UTF-8 text helpers shared by several layers: folding
 * for anchors and search, upper-casing as Python's str.upper() does (for
 * gensim's case-insensitive vocabulary), and splitting on white space as
 * Python's str.split() does.
 * Reads caller strings; produces heap strings or fills caller buffers.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#define FOLD_OPTS (UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | \
	UTF8PROC_CASEFOLD | UTF8PROC_IGNORE)

/*
 * Folds one run of non-ASCII characters into b: decomposed, marks and
 * ignorables dropped, case-folded, đ/Đ as d. -1 if it is not UTF-8.
 * Short runs (a Vietnamese syllable's vowels) decompose into the stack.
 */
static int
fold_run(const utf8proc_uint8_t *s, utf8proc_ssize_t len, struct buf *b)
{
	utf8proc_int32_t small[64], *cps = small;
	utf8proc_ssize_t n, i;
	utf8proc_uint8_t enc[4];

	n = utf8proc_decompose(s, len, small, 64, FOLD_OPTS);
	if (n < 0)
		return -1;
	if (n > 64) {
		cps = xreallocarray(NULL, (size_t)n, sizeof(*cps));
		if (utf8proc_decompose(s, len, cps, n, FOLD_OPTS) != n) {
			free(cps);
			return -1;
		}
	}
	for (i = 0; i < n; i++) {
		utf8proc_int32_t cp = cps[i];

		if (cp == 0x0111 || cp == 0x0110)	/* đ Đ: no decomposition */
			cp = 'd';
		buf_put(b, enc, (size_t)utf8proc_encode_char(cp, enc));
	}
	if (cps != small)
		free(cps);
	return 0;
}

/*
 * Text as utf8proc_map(DECOMPOSE | STRIPMARK | CASEFOLD | IGNORE) gives
 * it, re-encoded with đ folded to d. An ASCII character is its own
 * decomposition, has combining class 0 (canonical reordering never moves
 * anything across it) and only changes case, so ASCII is lowered in
 * place and utf8proc sees only the runs between: the same bytes as
 * folding the whole text, without a decomposition buffer per call.
 */
char *
text_fold(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	struct buf b = BUF_INIT;
	size_t i = 0, j;

	buf_grow(&b, len);
	b.data[0] = '\0';
	while (i < len) {
		if (p[i] < 0x80) {
			for (j = i; j < len && p[j] < 0x80; j++)
				;
			buf_grow(&b, j - i);
			for (; i < j; i++)
				b.data[b.len++] = (char)(p[i] >= 'A' && p[i] <= 'Z' ?
				    p[i] + 32 : p[i]);
			b.data[b.len] = '\0';
			continue;
		}
		for (j = i + 1; j < len && p[j] >= 0x80; j++)
			;
		if (fold_run(p + i, (utf8proc_ssize_t)(j - i), &b) != 0)
			goto ascii;
		i = j;
	}
	return buf_detach(&b);
ascii:
	/* Not UTF-8: fold ASCII only. */
	buf_reset(&b);
	for (j = 0; j < len; j++) {
		char c = s[j];

		buf_putc(&b, c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	return buf_detach(&b);
}

void
text_upper(const char *s, size_t len, struct buf *out)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t i = 0, n = (utf8proc_ssize_t)len;

	while (i < n) {
		utf8proc_int32_t c;
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t step = utf8proc_iterate(p + i, n - i, &c), m;

		if (step < 1) {
			buf_putc(out, p[i]);
			i++;
			continue;
		}
		i += step;
		if (c < 0x80) {
			buf_putc(out, c >= 'a' && c <= 'z' ? c - 32 : c);
			continue;
		}
		switch (c) {
		case 0x00DF: buf_puts(out, "SS"); continue;
		case 0xFB00: buf_puts(out, "FF"); continue;
		case 0xFB01: buf_puts(out, "FI"); continue;
		case 0xFB02: buf_puts(out, "FL"); continue;
		case 0xFB03: buf_puts(out, "FFI"); continue;
		case 0xFB04: buf_puts(out, "FFL"); continue;
		case 0xFB05: case 0xFB06: buf_puts(out, "ST"); continue;
		case 0x0149: buf_puts(out, "\xca\xbcN"); continue;
		default: break;
		}
		m = utf8proc_encode_char(utf8proc_toupper(c), enc);
		buf_put(out, enc, (size_t)m);
	}
}

/* Python's str.isspace() for the code point at s (n bytes left); 0 if not. */
size_t
text_ws_len(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	utf8proc_int32_t c;
	utf8proc_ssize_t step;

	if (p[0] < 0x80)
		return (p[0] == ' ' || (p[0] >= '\t' && p[0] <= '\r') ||
		    (p[0] >= 0x1c && p[0] <= 0x1f)) ? 1 : 0;
	step = utf8proc_iterate(p, (utf8proc_ssize_t)n, &c);
	if (step < 1)
		return 0;
	if (c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000)
		return (size_t)step;
	return 0;
}

int
text_split_ws(const char *s, size_t len, size_t (*f)[2], int max)
{
	size_t i = 0, w;
	int n = 0;

	while (i < len) {
		size_t start;

		while (i < len && (w = text_ws_len(s + i, len - i)) > 0)
			i += w;
		if (i >= len)
			break;
		start = i;
		while (i < len && text_ws_len(s + i, len - i) == 0)
			i++;
		if (n < max) {
			f[n][0] = start;
			f[n][1] = i - start;
		}
		n++;
	}
	return n;
}
