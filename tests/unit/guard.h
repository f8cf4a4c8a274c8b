/*
 * tests/unit/guard.h: unterminated buffers for parser tests. guard_put()
 * copies n bytes so that they end exactly at a page that cannot be read
 * (PROT_NONE): a parser that reads ptr[len], as a strncmp or a missing
 * bound check would, dies with SIGSEGV in any build, sanitizers or not.
 * Never writes outside its own mappings; guard_free() unmaps them.
 */
#ifndef VECDOC_GUARD_H
#define VECDOC_GUARD_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct guard {
	char	*map;		/* the whole mapping: data pages + guard page */
	size_t	 maplen;
	char	*p;		/* the copy: p[n] is the first guarded byte */
};

/* Returns g->p, a copy of s[0, n) followed by an unreadable page. */
static const char *
guard_put(struct guard *g, const void *s, size_t n)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	size_t data = (n + pg - 1) / pg * pg;

	if (data == 0)
		data = pg;
	g->maplen = data + pg;
	g->map = mmap(NULL, g->maplen, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (g->map == MAP_FAILED || mprotect(g->map + data, pg,
	    PROT_NONE) != 0) {
		perror("guard_put");
		exit(2);
	}
	g->p = g->map + data - n;
	memcpy(g->p, s, n);
	/* Read-only as well: a parser must not write to its input either. */
	if (mprotect(g->map, data, PROT_READ) != 0) {
		perror("guard_put");
		exit(2);
	}
	return g->p;
}

static void
guard_free(struct guard *g)
{
	if (g->map != NULL && g->map != MAP_FAILED)
		munmap(g->map, g->maplen);
	g->map = NULL;
}

#endif
