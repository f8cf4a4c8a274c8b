/*
 * tests/fuzz/fuzz_mathscan: libFuzzer target for the math scanner
 * (md/mathscan.c) that finds $...$, $$...$$, \(...\), \[...\] in a page.
 * Must never crash or read past the text; every span lies inside it,
 * delimiters around the TeX, spans in order and disjoint.
 */
#include "fuzz.h"
#include "md/texmath.h"
#include "util/diag.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diaglist dl;
	struct mathspan *sp = NULL;
	char *text = fuzz_copy(data, size);
	size_t n, i, prev = 0;

	diaglist_init(&dl);
	n = math_scan(text, size, "f.md", 1, &sp, &dl);
	for (i = 0; i < n; i++) {
		if (!(prev <= sp[i].start && sp[i].start <= sp[i].tstart &&
		    sp[i].tstart <= sp[i].tend && sp[i].tend <= sp[i].end &&
		    sp[i].end <= size))
			__builtin_trap();
		prev = sp[i].end;
	}
	free(sp);
	diaglist_clear(&dl);
	free(text);
	return 0;
}
