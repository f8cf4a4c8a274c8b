/*
 * tests/fuzz/fuzz_store_w2vbin: libFuzzer target for the word2vec binary
 * reader. Reads fuzzer bytes; produces nothing. Must never crash or leak.
 */
#include <stddef.h>
#include <stdint.h>

#include "store/space.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct space *s = w2vbin_parse("fuzz.bin", data, size, &d);

	if (s && space_rows(s) > 0)
		(void)space_find_ci(s, space_word(s, 0, NULL), 1);
	space_free(s);
	return 0;
}
