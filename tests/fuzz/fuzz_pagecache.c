/*
 * tests/fuzz/fuzz_pagecache: libFuzzer target for cache_load, the reader
 * of a site's page cache (.vecdoc-cache/pages.bin). The input is the
 * file without its last 8 bytes: the harness appends the checksum the
 * reader expects, so mutations reach the parser behind it. Whatever it
 * accepts must save and load back to the same pages; every string it
 * lends must be readable.
 * Reads fuzzer bytes (an exact-size copy); must never crash or leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "site/cache.h"
#include "util/hash.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every byte a page lends, touched. */
static size_t
touch(const struct build_cache *c)
{
	size_t i, k, n = 0;

	for (i = 0; i < c->pages.cap; i++) {
		const struct cpage *cp = c->pages.v[i].val.ptr;

		if (c->pages.v[i].key == NULL)
			continue;
		n += strlen(cp->doc) + strlen(cp->text) + strlen(cp->title);
		for (k = 0; k < cp->nfiles; k++)
			n += strlen(cp->files[k].path) + cp->files[k].len;
		for (k = 0; k < cp->nheads; k++)
			n += strlen(cp->heads[k].id) + strlen(cp->heads[k].text);
		for (k = 0; k < cp->ntargets; k++)
			n += strlen(cp->targets[k]);
		for (k = 0; k < cp->warnings.n; k++)
			n += strlen(cp->warnings.v[k].msg);
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy = malloc(size + 8);
	uint64_t sum;
	struct build_cache *c, *again;
	char path[64];
	int i;

	memcpy(copy, data, size);
	sum = hash64(copy, size);
	for (i = 0; i < 8; i++)
		copy[size + i] = (unsigned char)(sum >> (8 * i));
	c = cache_load_mem(copy, size + 8);
	if (c->valid) {
		(void)touch(c);
		snprintf(path, sizeof(path), "/tmp/vecdoc-fuzz-pagecache-%ld",
		    (long)getpid());
		if (cache_save(c, path) == 0) {
			again = cache_load(path);
			if (!again->valid || again->pages.n != c->pages.n ||
			    touch(again) != touch(c))
				abort();
			build_cache_free(again);
			unlink(path);
		}
	}
	build_cache_free(c);
	free(copy);
	return 0;
}
