/*
 * tests/fuzz/fuzz_assemble: libFuzzer target for the conversions of a
 * "parts" source (store/assemble.c), which read downloaded bytes: the
 * first byte chooses concat or gutenberg, the rest is the part, in an
 * exact-size allocation. Must never crash, leak or read past the part;
 * a refusal always says why; concat copies the part unchanged; what
 * gutenberg accepts is one non-empty paragraph per line, each ending in
 * \n, with no CR, no tab, no space at either end and no two spaces in a
 * row.
 */
#include "fuzz.h"
#include "store/assemble.h"
#include "util/buf.h"
#include "util/diag.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;
	struct diag d;
	const char *conv;
	char *part;
	size_t n, i, ls;
	int rc;

	if (size < 1 || size > 65536)
		return 0;
	conv = data[0] & 1 ? "gutenberg" : "concat";
	n = size - 1;
	part = fuzz_copy(data + 1, n);
	memset(&d, 0, sizeof(d));
	rc = assemble_part(conv, part, n, "fuzz.txt", &out, &d);
	if (rc != 0 && d.msg[0] == '\0')
		__builtin_trap();
	if (rc == 0 && conv[0] == 'c' &&
	    (out.len != n || (n > 0 && memcmp(out.data, part, n) != 0)))
		__builtin_trap();
	if (rc == 0 && conv[0] == 'g') {
		for (i = 0, ls = 0; i < out.len; i++) {
			char c = out.data[i];

			if (c == '\r' || c == '\t')
				__builtin_trap();
			if (c == ' ' && (i == ls || i + 1 == out.len ||
			    out.data[i + 1] == '\n' || out.data[i + 1] == ' '))
				__builtin_trap();
			if (c == '\n') {
				if (i == ls)
					__builtin_trap();	/* an empty line */
				ls = i + 1;
			}
		}
		if (ls != out.len)
			__builtin_trap();	/* a last line without \n */
	}
	buf_clear(&out);
	free(part);
	return 0;
}
