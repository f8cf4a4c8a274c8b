/*
 * store/space: an embedding space (vocabulary + float32 matrix) loaded
 * from any supported file, through the .vds cache when one is given.
 * Reads embedding files; produces read-only spaces that lookups share.
 * Never prints, never exits; a bad file is a located struct diag.
 */
#ifndef VECDOC_SPACE_H
#define VECDOC_SPACE_H

#include <stddef.h>

#include "util/diag.h"

struct space;
struct space_decl;

/* Where a space came from, for provenance lines ("glove-wiki-100d:
 * data/glove.6B.100d.txt, xxh3 3f2a…, 341479 × 100"). Strings are borrowed
 * from the space and live as long as it does. */
struct space_info {
	const char	*name;		/* declared name, or NULL for a bare file */
	const char	*path;		/* the file as given */
	const char	*format;	/* its format: glove, word2vec, ... */
	char		 digest[33];	/* xxh3-128 of the file's bytes, hex */
	long		 rows;
	int		 dims;
	const char	*source;	/* what `vecdoc fetch` used, or NULL */
	int		 cache;		/* 0 no cache, 1 hit, 2 miss (parsed now) */
	long		 duplicates;	/* rows dropped as duplicate tokens */
	const char	*dtype;		/* components in the file: text, F16, <f8... */
	double		 t_read;	/* seconds: reading/parsing or mapping */
	double		 t_digest;	/* seconds: hashing the file */
};

/* Formats: the names accepted by "format:" and --from/--to. */
#define SPACE_FORMATS "glove, word2vec, word2vec-bin, npy, safetensors, wink, vds"

/*
 * Options of one load beyond path and format: the tensor of a safetensors
 * file and the vocabulary file of npy/safetensors (one token per line,
 * GPT-2 encoder.json or a Hugging Face tokenizer.json). All may be NULL.
 */
struct space_opts {
	const char	*format;	/* NULL: detect by content */
	const char	*tensor;
	const char	*vocab;
	const char	*name;
	int		 positions;	/* npy/safetensors without vocab: row i
				   is named "i" (position embeddings) */
	int		 noverify;	/* .vds: skip the matrix checksum (~10 ms
				   per 130 MB; the header and vocabulary
				   are always checked) */
};

/*
 * Loads the space "decl" declares (its path, format, tensor and vocab),
 * through the .vds cache in "cachedir" (created if missing; NULL: parse
 * every time). Returns a space to free with space_free, or NULL with d set.
 */
struct space *space_open(const struct space_decl *decl, const char *cachedir,
	    struct diag *d);
/*
 * The computed space "decl" declares (decl->gen: random, sinusoidal; see
 * store/config.h), built in memory. A space to free with space_free, or
 * NULL with d set.
 */
struct space *space_generate(const struct space_decl *decl, struct diag *d);
/*
 * The derived space "decl" declares (decl->derive: random-like, subset,
 * centred, normalised; see store/config.h) computed from "base", the
 * opened space decl->derive->base names. Same bytes for any thread
 * count. A space to free with space_free, or NULL with d set (located
 * in vecdoc.yml: a subset larger than its base, words not in it).
 */
struct space *space_derive(const struct space_decl *decl,
	    const struct space *base, struct diag *d);
/* As space_open for a bare file; "format" NULL detects it. */
struct space *space_open_file(const char *path, const char *format,
	    const char *cachedir, struct diag *d);
/* As space_open_file with every option. */
struct space *space_open_opts(const char *path, const struct space_opts *o,
	    const char *cachedir, struct diag *d);
/* Frees s and everything it owns (unmaps its file). NULL is fine. */
void	 space_free(struct space *s);

long	 space_rows(const struct space *s);
int	 space_dims(const struct space *s);
/* Row i (0 <= i < rows): dims floats. space_row(s, 0) is the base of the
 * row-major matrix and is 64-byte aligned. Borrowed from s. */
const float *space_row(const struct space *s, long i);
/* Token i, NUL-terminated, its byte length in *len (len may be NULL).
 * Borrowed from s. */
const char *space_word(const struct space *s, long i, size_t *len);
/* Row of the exact token w (len bytes), or -1 when out of vocabulary. */
long	 space_find(const struct space *s, const char *w, size_t len);
/* Row of w compared after Unicode case folding (utf8proc); of several
 * case variants the most frequent one (lowest row) wins, as in gensim's
 * case_insensitive lookups. -1 when out of vocabulary. */
long	 space_find_ci(const struct space *s, const char *w, size_t len);
/* Fills *out; its strings are borrowed from s. */
void	 space_get_info(const struct space *s, struct space_info *out);

/*
 * Looks up n words (NUL-terminated) and writes their rows to ids[]
 * (-1 for out of vocabulary; ci != 0 folds case). Returns the number of
 * words out of vocabulary; if "oov" is not NULL, the first of them are
 * listed there (up to "oovcap" pointers borrowed from words[]).
 */
size_t	 space_lookup(const struct space *s, const char *const *words,
	    size_t n, int ci, long *ids, const char **oov, size_t oovcap);

/* Warnings the load produced (duplicate tokens, each naming its line);
 * borrowed from s, at most 100 kept (info.duplicates counts all). */
const struct diag *space_warnings(const struct space *s, size_t *n);

/*
 * Writers. Each writes the whole space to "path" atomically (a temporary
 * file renamed into place; nothing is left behind on failure).
 * space_write_vds: vecdoc's own binary format (see vds.c);
 * space_write_glove: GloVe text, shortest round-trip decimals;
 * space_write_word2vec: word2vec text ("N D" header, then GloVe lines);
 * space_write_w2vbin: word2vec binary as word2vec.c writes it.
 * Return 0, or -1 with d set.
 */
int	 space_write_vds(const struct space *s, const char *path, struct diag *d);
int	 space_write_glove(const struct space *s, const char *path, struct diag *d);
int	 space_write_word2vec(const struct space *s, const char *path, struct diag *d);
int	 space_write_w2vbin(const struct space *s, const char *path, struct diag *d);
/* Writes s to path in "format" (vds, glove, word2vec, word2vec-bin). */
int	 space_write(const struct space *s, const char *path, const char *format,
	    struct diag *d);

/*
 * A space built in memory (e.g. by the trainer): rows words (NUL-terminated,
 * copied) and a row-major rows x dims matrix (copied). "name" stands for
 * the path in messages and provenance; "format" is recorded as the
 * format of the original (e.g. "vecdoc-train"). Duplicate words are
 * dropped with a warning as the readers do. Returns a space to free with
 * space_free, or NULL with d set.
 */
struct space *space_from_rows(const char *name, const char *format,
	    const char *const *words, long rows, int dims, const float *mat,
	    struct diag *d);

/* The format of a file judged by its first bytes (NULL when unknown). */
const char *space_detect(const char *path, struct diag *d);

/* xxh3-128 of a whole file as 32 hex digits. 0 or -1 with d set. */
int	 store_digest_file(const char *path, char out[33], struct diag *d);

#endif
