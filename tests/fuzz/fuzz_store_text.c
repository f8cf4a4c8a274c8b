/*
 * tests/fuzz/fuzz_store_text: libFuzzer target for the GloVe/word2vec
 * text reader (both formats) and the lookups on what it accepts.
 * Reads fuzzer bytes; produces nothing. Must never crash or leak, and
 * a row the AVX-512 row parser accepts must read exactly as fparse()
 * reads each of its fields.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/space.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
poke(struct space *s)
{
	long i, n = space_rows(s);
	size_t len;
	const char *w;

	for (i = 0; i < n && i < 64; i++) {
		w = space_word(s, i, &len);
		if (space_find(s, w, len) < 0)
			__builtin_trap();
		(void)space_find_ci(s, w, len);
	}
	(void)space_find(s, "x", 1);
}

static void
row_check(const uint8_t *data, size_t size)
{
	char *pad;
	float *out, f;
	const char *p, *e;
	size_t i;
	int dims = 1, k;

	if (size > 8192)
		return;
	for (i = 0; i < size; i++)
		dims += data[i] == ' ';
	pad = malloc(size + 16);
	out = malloc((size_t)dims * sizeof(*out));
	if (pad == NULL || out == NULL)
		__builtin_trap();
	memcpy(pad, data, size);
	memset(pad + size, '9', 16);
	if (fparse_row(pad, pad + size, dims, out) == 0)
		for (k = 0, p = pad; k < dims; k++, p = e + 1) {
			e = memchr(p, ' ', (size_t)(pad + size - p));
			if (e == NULL)
				e = pad + size;
			if (fparse(p, e, &f) != (size_t)(e - p) ||
			    memcmp(&f, &out[k], sizeof(f)) != 0)
				__builtin_trap();
		}
	free(pad);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct space *s;

	row_check(data, size);

	s = text_parse("fuzz.txt", (const char *)data, size, "glove", &d);
	if (s)
		poke(s);
	space_free(s);
	s = text_parse("fuzz.txt", (const char *)data, size, "word2vec", &d);
	if (s)
		poke(s);
	space_free(s);
	return 0;
}
