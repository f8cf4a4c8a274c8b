/*
 * md/slug: diacritic folding and slugs, on utf8proc.
 * Produces heap strings.
 * Never treats bytes as characters: decoding goes through utf8proc.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "md/slug.h"
#include "util/buf.h"
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

char *
slugify(const char *s, size_t len)
{
	char *f = text_fold(s, len), *p;
	struct buf b = BUF_INIT;
	int dash = 0;

	for (p = f; *p; ) {
		unsigned char c = (unsigned char)*p;
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = 1;
		int keep;

		if (c < 0x80)
			keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    c == '_';
		else {
			n = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
			if (n <= 0)
				n = 1;
			/* Letters and digits of any script stay. */
			keep = n > 1 && utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU &&
			    utf8proc_category(cp) <= UTF8PROC_CATEGORY_NO;
		}
		if (keep) {
			if (dash && b.len > 0)
				buf_putc(&b, '-');
			dash = 0;
			buf_put(&b, p, (size_t)n);
		} else
			dash = 1;
		p += n;
	}
	free(f);
	if (b.len == 0)
		buf_puts(&b, "section");
	return buf_detach(&b);
}
