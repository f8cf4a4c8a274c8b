/*
 * tests/fuzz/fuzz_store_text: libFuzzer target for the GloVe/word2vec
 * text reader (both formats) and the lookups on what it accepts.
 * Reads fuzzer bytes; produces nothing. Must never crash or leak.
 */
#include <stddef.h>
#include <stdint.h>
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct space *s;

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
