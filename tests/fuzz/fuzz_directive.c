/*
 * tests/fuzz/fuzz_directive: libFuzzer target for directive fences:
 * name lookup, the :key: value option lines, types, ranges and body
 * rules (directive_parse). The input's first line is the fence's info
 * string ("{knn} ...", NUL-terminated as cmark hands it over); the rest
 * is the fence's literal content, in an exact-size allocation. Data
 * names are declared when they start with 'g' (as "glove" would be).
 * Must never crash, leak or read past the content.
 */
#include "fuzz.h"
#include "directives/directive.h"
#include "util/diag.h"

static int
names_ok(void *ctx, enum opt_type type, const char *name, char *hint,
    size_t hintsz)
{
	(void)ctx;
	(void)type;
	if (name[0] == 'g')
		return 1;
	snprintf(hint, hintsz, " (did you mean 'glove'?)");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t ilen = nl ? (size_t)(nl - data) : size;
	size_t blen = nl ? size - ilen - 1 : 0;
	char *info, *body;
	struct diaglist dl;
	struct directive *d;

	if (size > 8192)
		return 0;
	if ((info = malloc(ilen + 1)) == NULL)
		abort();
	memcpy(info, data, ilen);
	info[ilen] = '\0';
	body = fuzz_copy(nl ? nl + 1 : data, blen);
	diaglist_init(&dl);
	if (directive_info_is(info)) {
		d = directive_parse(info, body, blen, "f.md", 3, 1,
		    data[0] == '{' && size > 1 && (data[1] & 1) ? NULL : names_ok,
		    NULL, &dl);
		if (d == NULL && dl.nerrors == 0)
			__builtin_trap();	/* refused without saying why */
		directive_free(d);
	}
	diaglist_clear(&dl);
	free(info);
	free(body);
	return 0;
}
