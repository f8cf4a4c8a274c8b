/*
 * tests/fuzz/fuzz.h: helpers the parser fuzz targets share. Each target
 * defines LLVMFuzzerTestOneInput; it is linked either with libFuzzer
 * (./configure --enable-fuzz) or with replay.c, which feeds it saved
 * inputs in `make check`. Never writes outside its memfd.
 */
#ifndef VECDOC_FUZZ_H
#define VECDOC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A copy of data in an allocation of exactly size bytes (never NUL-
 * terminated, so ASan catches a read of p[size]); free() it. */
static inline char *
fuzz_copy(const uint8_t *data, size_t size)
{
	char *p = malloc(size ? size : 1);

	if (p == NULL)
		abort();
	if (size)
		memcpy(p, data, size);
	return p;
}

/*
 * Fills an anonymous in-memory file with data and returns a path that
 * opens it ("/proc/self/fd/N"), for parsers that take a file name
 * (vecdoc.yml, vocab.txt, encoder.json, merges). Slot k (0..3) keeps one
 * file per slot for the life of the process.
 */
static inline const char *
fuzz_file(int k, const void *data, size_t size)
{
	static int fd[4] = { -1, -1, -1, -1 };
	static char path[4][64];

	if (fd[k] < 0) {
		if ((fd[k] = memfd_create("vecdoc-fuzz", 0)) < 0)
			abort();
		snprintf(path[k], sizeof(path[k]), "/proc/self/fd/%d", fd[k]);
	}
	if (ftruncate(fd[k], 0) != 0 || (size > 0 &&
	    pwrite(fd[k], data, size, 0) != (ssize_t)size))
		abort();
	return path[k];
}

/* $VECDOC_SHARED/data/NAME if that file exists (heap), else NULL. */
static inline char *
fuzz_shared(const char *name)
{
	const char *sh = getenv("VECDOC_SHARED");
	char *p;

	if (sh == NULL || *sh == '\0')
		return NULL;
	if ((p = malloc(strlen(sh) + strlen(name) + 8)) == NULL)
		abort();
	sprintf(p, "%s/data/%s", sh, name);
	if (access(p, R_OK) != 0) {
		free(p);
		return NULL;
	}
	return p;
}

#endif
