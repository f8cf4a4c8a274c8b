/*
 * tests/fuzz/fuzz_claim: libFuzzer target for the {claim} expression
 * parser and evaluator, over the values of a small made-up result.
 * Reads fuzzer bytes (an exact-size copy, so a read past the end is an
 * ASan error); must never crash or leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "directives/claim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct values vals;
static int ready;

static void
setup(void)
{
	static const char *const cols[] = { "", "word", "similarity" };
	static const char *const words[] = { "dog", "the", "king" };
	struct result r;
	struct table *t;
	size_t i, row;

	result_init(&r, "nearest");
	t = result_add_table(&r, "nearest-1", "Neighbours", 3, cols);
	for (i = 0; i < 3; i++) {
		row = table_add_row(t);
		table_set_int(t, row, 0, (long long)i + 1);
		table_set_text(t, row, 1, words[i]);
		table_set_num(t, row, 2, 0.9 - 0.1 * (double)i, 4);
	}
	values_init(&vals);
	values_add_result(&vals, "nn", &r);
	result_clear(&r);
	ready = 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size ? size : 1);
	struct buf msg = BUF_INIT;
	size_t at;

	if (!ready)
		setup();
	memcpy(copy, data, size);
	if (claim_eval(copy, size, &vals, "vi", &msg, &at) != 1 && at > size)
		abort();
	buf_clear(&msg);
	free(copy);
	return 0;
}
