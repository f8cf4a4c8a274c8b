/*
 * tests/fuzz/fuzz_store_safetensors: libFuzzer target for the
 * safetensors header validation and tensor conversion.
 * Reads fuzzer bytes; produces nothing. Must never crash or leak.
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
	struct wordbuf wb;
	struct space *s;

	wordbuf_init(&wb);
	wordbuf_add(&wb, "a", 1);
	s = safetensors_parse("fuzz.safetensors", data, size, NULL, &wb,
	    "vocab", &d);
	space_free(s);
	wordbuf_clear(&wb);
	wordbuf_init(&wb);
	s = safetensors_parse("fuzz.safetensors", data, size, "w", &wb,
	    "vocab", &d);
	space_free(s);
	wordbuf_clear(&wb);
	return 0;
}
