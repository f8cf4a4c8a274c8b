/*
 * store/gen: spaces vecdoc computes instead of reading — seeded Gaussian
 * random spaces and sinusoidal position embeddings.
 * Reads a space declaration; produces a struct space in memory.
 * Never touches a file and never depends on the thread count.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kern/rng.h"
#include "store/config.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/xalloc.h"

/*
 * Random: rows x dims components drawn N(0, 1) in row-major order from
 * one xoshiro256** stream seeded with "seed" (Box–Muller, kern/rng), so
 * a declaration always yields the same matrix. Such a space is the
 * baseline a course compares real embeddings against: its cosines
 * concentrate around 0 with spread 1/sqrt(dims).
 */
static void
gen_random(const struct space_gen *g, struct space *s, struct wordbuf *w)
{
	struct rng r;
	char name[32];
	size_t i, n = (size_t)g->rows * (size_t)g->dims;
	long k;

	rng_seed(&r, (uint64_t)g->seed);
	for (i = 0; i < n; i++)
		s->mat[i] = (float)rng_gauss(&r);
	for (k = 0; k < g->rows; k++) {
		if ((size_t)k < g->nwords)
			wordbuf_add(w, g->words[k], strlen(g->words[k]));
		else {
			snprintf(name, sizeof(name), "w%ld", k);
			wordbuf_add(w, name, strlen(name));
		}
	}
}

/*
 * Sinusoidal position embeddings (Vaswani et al. 2017, section 3.5):
 * PE(pos, 2i) = sin(pos / base^(2i/d)), PE(pos, 2i+1) = cos(pos /
 * base^(2i/d)), interleaved as the paper writes them, computed in double
 * and rounded once. Row pos is named by its decimal number.
 */
static void
gen_sinusoidal(const struct space_gen *g, struct space *s, struct wordbuf *w)
{
	char name[32];
	long pos;
	int j;

	for (pos = 0; pos < g->rows; pos++) {
		float *row = s->mat + (size_t)pos * (size_t)g->dims;

		for (j = 0; j < g->dims; j++) {
			double freq = pow(g->base, -(double)(j - j % 2) /
			    g->dims);
			double a = (double)pos * freq;

			row[j] = (float)(j % 2 == 0 ? sin(a) : cos(a));
		}
		snprintf(name, sizeof(name), "%ld", pos);
		wordbuf_add(w, name, strlen(name));
	}
}

struct space *
space_generate(const struct space_decl *sd, struct diag *d)
{
	const struct space_gen *g = sd->gen;
	struct space *s;
	struct wordbuf w;
	struct buf key = BUF_INIT;
	size_t i;

	if (g == NULL) {
		diag_fail(d, sd->file, sd->line, sd->col, "%s: not a computed "
		    "space", sd->name);
		return NULL;
	}
	s = store_new(sd->relpath, g->kind);
	if (store_mat_reserve(s, g->rows, g->dims, d) < 0) {
		space_free(s);
		return NULL;
	}
	s->rows = g->rows;
	s->dims = g->dims;
	wordbuf_init(&w);
	if (strcmp(g->kind, "random") == 0)
		gen_random(g, s, &w);
	else
		gen_sinusoidal(g, s, &w);
	wordbuf_give(&w, s);
	wordbuf_clear(&w);
	/* The digest names the parameters (what provenance lines show). */
	buf_printf(&key, "%s|%ld|%d|%llu|%.17g", g->kind, g->rows, g->dims,
	    g->seed, g->base);
	for (i = 0; i < g->nwords; i++)
		buf_printf(&key, "|%s", g->words[i]);
	snprintf(s->digest, sizeof(s->digest), "%016llx%016llx",
	    (unsigned long long)hash64(key.data, key.len),
	    (unsigned long long)hash64(sd->relpath, strlen(sd->relpath)));
	buf_clear(&key);
	if (store_finish(s, -1, d) < 0) {
		space_free(s);
		return NULL;
	}
	s->name = xstrdup(sd->name);
	return s;
}
