/*
 * data/digest.h: content digests of data files, remembered between
 * builds by path, size, modification time and inode, so that a file whose
 * metadata has not changed is never read again, and a touched file whose
 * bytes did not change keeps its digest.
 */
#ifndef VECDOC_DIGEST_H
#define VECDOC_DIGEST_H

#include <stdint.h>

struct digests;

/* The memo kept in "file" (NULL: in memory only). Loading a missing or
 * damaged memo starts empty. */
struct digests *digests_open(const char *file);
/* Writes the memo back if it changed (atomically), then frees it. */
void	 digests_close(struct digests *g);
/*
 * The xxh3 of the bytes of "path" into *out; 0, or -1 when it cannot be
 * read (*out is then a fixed "missing" value). Thread-safe.
 */
int	 digests_file(struct digests *g, const char *path, uint64_t *out);

#endif
