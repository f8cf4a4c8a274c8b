/*
 * util/yamltree: a YAML document as a small tree with source places
 * (libyaml does the parsing). Used for vecdoc.yml and front matter.
 * Produces heap trees freed with ynode_free. Never prints.
 */
#ifndef VECDOC_YAMLTREE_H
#define VECDOC_YAMLTREE_H

#include <stddef.h>

#include "util/diag.h"

enum ynode_kind {
	YNODE_SCALAR,
	YNODE_MAP,
	YNODE_SEQ
};

struct ynode {
	enum ynode_kind	 kind;
	long		 line;		/* 1-based, in the file */
	int		 col;		/* 1-based */
	int		 quoted;	/* scalar was quoted: never a bool/number */
	char		*str;		/* scalar value (NUL-terminated) */
	size_t		 n;		/* map: pairs; seq: items */
	char		**keys;		/* map keys */
	long		*keylines;	/* map keys' places */
	int		*keycols;
	struct ynode	**vals;		/* map values or seq items */
};

/*
 * Parses "len" bytes of YAML. "file" names the source for messages and
 * "line0" is added to every line (front matter starts after "---").
 * An empty document yields an empty map. Returns the root, or NULL with d
 * set.
 */
struct ynode *ynode_parse(const char *text, size_t len, const char *file,
	    long line0, struct diag *d);
void	 ynode_free(struct ynode *n);

/* The value of "key" in map n, or NULL (also when n is not a map). */
const struct ynode *ynode_get(const struct ynode *n, const char *key);
/* Index of "key" in map n, or -1. */
long	 ynode_index(const struct ynode *n, const char *key);

/*
 * Typed reads with located errors; each returns 0 or -1 with d set.
 * "what" names the field in messages.
 */
int	 ynode_str(const struct ynode *n, const char *file, const char *what,
	    const char **out, struct diag *d);
int	 ynode_long(const struct ynode *n, const char *file, const char *what,
	    long *out, struct diag *d);
int	 ynode_double(const struct ynode *n, const char *file, const char *what,
	    double *out, struct diag *d);
int	 ynode_bool(const struct ynode *n, const char *file, const char *what,
	    int *out, struct diag *d);
/*
 * Checks that every key of map m is one of "keys" (NULL-terminated):
 * 0, or -1 with d set at the first unknown key: 'unknown key "K" in
 * WHAT (did you mean "X"?)'.
 */
int	 ynode_check_keys(const struct ynode *m, const char *file,
	    const char *what, const char *const *keys, struct diag *d);

#endif
