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
