/*
 * tests/fuzz/fuzz_texmath: libFuzzer target for TeX -> MathML
 * (md/texmath.c). The first byte picks inline or display; the rest is
 * the formula, in an exact-size allocation. Must never crash, never read
 * past the formula, and always produce well-formed XML (the page splices
 * it in as it is).
 */
#include <libxml/parser.h>
#include <utf8proc.h>

#include "fuzz.h"
#include "md/texmath.h"
#include "util/buf.h"

/* Whether s[0, n) is valid UTF-8 (pages are checked before any formula
 * is converted, so only then must the output be well-formed). */
static int
valid_utf8(const char *s, size_t n)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t k;
	size_t i = 0;

	while (i < n) {
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(n - i), &c);
		if (k <= 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = BUF_INIT;
	char msg[256], *tex;
	size_t eoff = 0;
	xmlDocPtr doc;
	int rc;

	if (size < 1 || size > 4096)
		return 0;
	tex = fuzz_copy(data + 1, size - 1);
	rc = tex_to_mathml(tex, size - 1, data[0] & 1, &b, &eoff, msg,
	    sizeof(msg));
	if (rc != 0 && eoff > size - 1)
		__builtin_trap();
	doc = xmlReadMemory(buf_str(&b), (int)b.len, "m.xml", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	/* Invalid UTF-8 in the TeX is copied through; only then may the
	 * XML parser refuse the bytes. */
	if (doc == NULL && valid_utf8(tex, size - 1))
		__builtin_trap();
	xmlFreeDoc(doc);
	buf_clear(&b);
	free(tex);
	return 0;
}
