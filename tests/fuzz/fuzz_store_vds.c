/*
 * tests/fuzz/fuzz_store_vds: libFuzzer target for the .vds loader with
 * the checksums off (so that the fuzzer reaches the structural checks),
 * then lookups through the file's own tables.
 * Reads fuzzer bytes; produces nothing. Must never crash or leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/space.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	struct space *s;
	unsigned char *copy;
	long i;
	size_t len;
	const char *w;

	/* 64-byte aligned like a mapping, so float rows are aligned. */
	copy = aligned_alloc(64, (size + 64) / 64 * 64);
	memcpy(copy, data, size);
	s = vds_parse("fuzz.vds", copy, size, 1, 0, &d);
	if (s) {
		for (i = 0; i < space_rows(s) && i < 64; i++) {
			w = space_word(s, i, &len);
			(void)space_find(s, w, len);
			(void)space_find_ci(s, w, len);
			(void)space_row(s, i)[0];
		}
		space_free(s);
	}
	free(copy);
	return 0;
}
