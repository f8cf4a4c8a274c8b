/*
 * tests/tok/gen/utf8proc-classes.c: the listing of bert-classes.js from
 * utf8proc's tables (NFD, lowercase), plus two fields: the full NFD and
 * whether the code point is Mn.
 * Reads nothing; prints one line per code point. A development tool
 * for gen-wp-unicode.sh, not built by make.
 */
#include <stdio.h>

#include <utf8proc.h>

static void
hex(const utf8proc_int32_t *v, int n)
{
	utf8proc_uint8_t u[4];
	int i, j, k;

	if (n == 0)
		printf("-");
	for (i = 0; i < n; i++) {
		k = (int)utf8proc_encode_char(v[i], u);
		for (j = 0; j < k; j++)
			printf("%02x", u[j]);
	}
}

int
main(void)
{
	utf8proc_int32_t cp, dec[16], s[16], lo;
	utf8proc_category_t cat;
	int n, ns, i, bound, C, W, P;

	for (cp = 0; cp < 0x110000; cp++) {
		if (cp >= 0xD800 && cp < 0xE000)
			continue;
		cat = utf8proc_category(cp);
		C = cp == 0 || cp == 0xFFFD || (cp != '\t' && cp != '\n' &&
		    cp != '\r' && (cat == UTF8PROC_CATEGORY_CC ||
		    cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_CO ||
		    cat == UTF8PROC_CATEGORY_CS));
		W = !C && ((cp >= 9 && cp <= 13) || cp == 0x20 || cp == 0x85 ||
		    cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
		    cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
		    cp == 0x205F || cp == 0x3000);
		P = (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) ||
		    (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126) ||
		    (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO);
		bound = 0;
		n = (int)utf8proc_decompose_char(cp, dec, 16, UTF8PROC_DECOMPOSE,
		    &bound);
		for (i = ns = 0; i < n; i++)
			if (utf8proc_category(dec[i]) != UTF8PROC_CATEGORY_MN)
				s[ns++] = dec[i];
		lo = utf8proc_tolower(cp);
		printf("%x %d%d%d ", (unsigned)cp, C, W, P);
		hex(s, ns);
		printf(" ");
		hex(&lo, 1);
		printf(" ");
		hex(dec, n);		/* NFD */
		printf(" %d\n", cat == UTF8PROC_CATEGORY_MN);
		continue;
	}
	return 0;
}
