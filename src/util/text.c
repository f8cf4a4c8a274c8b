/*
 * util/text: small UTF-8 text helpers shared by several layers: folding
 * for anchors and search, upper-casing as Python's str.upper() does (for
 * gensim's case-insensitive vocabulary), and splitting on white space as
 * Python's str.split() does.
 * Reads caller strings; produces heap strings or fills caller buffers.
 */
#include <string.h>

#include <utf8proc.h>

#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

char *
text_fold(const char *s, size_t len)
{
	utf8proc_uint8_t *dec = NULL;
	utf8proc_ssize_t n;
	struct buf b = BUF_INIT;
	utf8proc_int32_t cp;
	utf8proc_ssize_t i = 0, k;
	char enc[4];

	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
	    &dec, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD |
	    UTF8PROC_IGNORE);
	if (n < 0) {
		/* Not UTF-8: fold ASCII only. */
		for (size_t j = 0; j < len; j++) {
			char c = s[j];

			buf_putc(&b, c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		return buf_detach(&b);
	}
	while (i < n) {
		k = utf8proc_iterate(dec + i, n - i, &cp);
		if (k <= 0)
			break;
		if (cp == 0x0111 || cp == 0x0110)	/* đ Đ: no decomposition */
			cp = 'd';
		k = utf8proc_encode_char(cp, (utf8proc_uint8_t *)enc);
		buf_put(&b, enc, (size_t)k);
		i += utf8proc_iterate(dec + i, n - i, &cp);
	}
	free(dec);
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
