/*
 * tests/fuzz/fuzz_result_io: libFuzzer target for result_load, the
 * reader of the directive result cache's entries. Whatever it accepts
 * must save back to the same bytes and serialise as JSON.
 * Reads fuzzer bytes (an exact-size copy); must never crash or leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/result_io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy = malloc(size ? size : 1);
	struct result r;
	struct buf b = BUF_INIT, j = BUF_INIT;

	memcpy(copy, data, size);
	if (result_load(&r, copy, size) == 0) {
		result_save(&r, &b);
		if (b.len != size || memcmp(b.data, copy, size) != 0)
			abort();
		result_json(&r, &j, 0);
	}
	result_clear(&r);
	buf_clear(&b);
	buf_clear(&j);
	free(copy);
	return 0;
}
