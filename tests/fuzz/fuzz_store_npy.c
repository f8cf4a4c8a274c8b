/*
 * tests/fuzz/fuzz_store_npy: libFuzzer target for the .npy reader (the
 * vocabulary is made to fit the claimed rows when it can be).
 * Reads fuzzer bytes; produces nothing. Must never crash or leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "store/space.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct wordbuf wb;
	struct space *s;
	int rows = size > 0 ? data[size - 1] % 8 : 1, i;
	char w[16];

	wordbuf_init(&wb);
	for (i = 0; i < rows; i++) {
		int n = snprintf(w, sizeof(w), "w%d", i);

		wordbuf_add(&wb, w, (size_t)n);
	}
	s = npy_parse("fuzz.npy", data, size, &wb, "vocab", &d);
	space_free(s);
	wordbuf_clear(&wb);
	return 0;
}
