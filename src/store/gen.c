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

/*
 * The rows of a subset: the first g->rows rows of the base, or the rows
 * of g->words (the exact token, else its case-folded match, as
 * directives look words up). *ids is heap. 0, or -1 with d located at
 * rows: or words:.
 */
static int
derive_subset_rows(const struct space_decl *sd, const struct space *base,
    long **ids, long *n, struct diag *d)
{
	const struct space_derive *g = sd->derive;
	struct buf miss = BUF_INIT;
	size_t i, nmiss = 0;
	long r;

	if (g->rows > 0) {
		if (g->rows > base->rows)
			return diag_fail(d, sd->file, g->rowsline, g->rowscol,
			    "%s (subset): first: %ld is more than the %ld rows "
			    "of '%s' (%s:%ld:%d)", sd->name, g->rows,
			    base->rows, g->base, sd->file, g->rowsline,
			    g->rowscol);
		*ids = xcalloc((size_t)g->rows, sizeof(long));
		for (r = 0; r < g->rows; r++)
			(*ids)[r] = r;
		*n = g->rows;
		return 0;
	}
	*ids = xcalloc(g->nwords + 1, sizeof(long));
	for (i = 0; i < g->nwords; i++) {
		const char *w = g->words[i];

		r = space_find(base, w, strlen(w));
		if (r < 0)
			r = space_find_ci(base, w, strlen(w));
		if (r < 0 && nmiss++ < 10)
			buf_printf(&miss, "%s'%s'", nmiss > 1 ? ", " : "", w);
		(*ids)[i] = r;
	}
	if (nmiss > 0) {
		diag_fail(d, sd->file, g->wordsline, g->wordscol, "%s (subset): "
		    "%zu of the words are not in '%s': %s%s (%s:%ld:%d)",
		    sd->name, nmiss, g->base, buf_str(&miss),
		    nmiss > 10 ? ", ..." : "", sd->file, g->wordsline,
		    g->wordscol);
		buf_clear(&miss);
		free(*ids);
		*ids = NULL;
		return -1;
	}
	*n = (long)g->nwords;
	return 0;
}

/*
 * Random-like: row i is a direction drawn uniformly (dims N(0, 1)
 * components from one seeded xoshiro256** stream, rows in order) scaled
 * to the length of base row i; a zero base row stays zero but still
 * consumes its draws, so that row i never depends on the others. The
 * twin keeps everything about the base that is not a direction (shape,
 * norms and so any frequency–norm relation) and nothing that is.
 */
static void
derive_random_like(const struct space_derive *g, const struct space *b,
    float *out)
{
	struct rng r;
	size_t dims = (size_t)b->dims;
	double *tmp = xcalloc(dims, sizeof(double));
	long i;
	size_t j;

	rng_seed(&r, (uint64_t)g->seed);
	for (i = 0; i < b->rows; i++) {
		const float *x = b->mat + (size_t)i * dims;
		float *y = out + (size_t)i * dims;
		double nx = 0, ng = 0, scale;

		for (j = 0; j < dims; j++) {
			tmp[j] = rng_gauss(&r);
			ng += tmp[j] * tmp[j];
			nx += (double)x[j] * x[j];
		}
		scale = ng > 0 ? sqrt(nx) / sqrt(ng) : 0;
		for (j = 0; j < dims; j++)
			y[j] = (float)(tmp[j] * scale);
	}
	free(tmp);
}

/* Centred: the column means (summed in double, rows in order) taken
 * off every row. */
static void
derive_centred(const struct space *b, float *out)
{
	size_t dims = (size_t)b->dims, j;
	double *mean = xcalloc(dims, sizeof(double));
	long i;

	for (i = 0; i < b->rows; i++)
		for (j = 0; j < dims; j++)
			mean[j] += b->mat[(size_t)i * dims + j];
	for (j = 0; j < dims; j++)
		mean[j] /= (double)(b->rows > 0 ? b->rows : 1);
	for (i = 0; i < b->rows; i++)
		for (j = 0; j < dims; j++)
			out[(size_t)i * dims + j] = (float)
			    (b->mat[(size_t)i * dims + j] - mean[j]);
	free(mean);
}

/* Normalised: each row over its L2 norm (in double); zero rows stay. */
static void
derive_normalised(const struct space *b, float *out)
{
	size_t dims = (size_t)b->dims, j;
	long i;

	for (i = 0; i < b->rows; i++) {
		const float *x = b->mat + (size_t)i * dims;
		double nx = 0;

		for (j = 0; j < dims; j++)
			nx += (double)x[j] * x[j];
		nx = sqrt(nx);
		for (j = 0; j < dims; j++)
			out[(size_t)i * dims + j] = nx > 0 ?
			    (float)(x[j] / nx) : 0.0f;
	}
}

struct space *
space_derive(const struct space_decl *sd, const struct space *base,
    struct diag *d)
{
	const struct space_derive *g = sd->derive;
	struct space *s;
	struct wordbuf w;
	struct buf key = BUF_INIT;
	long *ids = NULL, n = base->rows, i;
	size_t len;
	const char *wd;

	if (g == NULL) {
		diag_fail(d, sd->file, sd->line, sd->col, "%s: not a derived "
		    "space", sd->name);
		return NULL;
	}
	if (strcmp(g->kind, "subset") == 0 &&
	    derive_subset_rows(sd, base, &ids, &n, d) < 0)
		return NULL;
	s = store_new(sd->relpath, g->kind);
	snprintf(s->dtype, sizeof(s->dtype), "<f4");
	if (store_mat_reserve(s, n, base->dims, d) < 0) {
		free(ids);
		space_free(s);
		return NULL;
	}
	s->rows = n;
	s->dims = base->dims;
	wordbuf_init(&w);
	for (i = 0; i < n; i++) {
		wd = word_at(base, ids ? ids[i] : i, &len);
		wordbuf_add(&w, wd, len);
	}
	wordbuf_give(&w, s);
	wordbuf_clear(&w);
	if (ids != NULL)
		for (i = 0; i < n; i++)
			memcpy(s->mat + (size_t)i * (size_t)base->dims,
			    base->mat + (size_t)ids[i] * (size_t)base->dims,
			    (size_t)base->dims * sizeof(float));
	else if (strcmp(g->kind, "random-like") == 0)
		derive_random_like(g, base, s->mat);
	else if (strcmp(g->kind, "centred") == 0)
		derive_centred(base, s->mat);
	else
		derive_normalised(base, s->mat);
	free(ids);
	/* The digest: the derivation and the base's digest. */
	buf_printf(&key, "%s|%s|%llu|%ld", g->kind, base->digest, g->seed,
	    g->rows);
	for (len = 0; len < g->nwords; len++)
		buf_printf(&key, "|%s", g->words[len]);
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
