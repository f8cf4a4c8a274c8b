/*
 * util/fsutil: files and paths.
 * Reads and writes whole files, makes and removes directories.
 * Never removes anything it was not given explicitly; never prints.
 */
#ifndef VECDOC_FSUTIL_H
#define VECDOC_FSUTIL_H

#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/hash.h"

/* Reads all of "path" into b (replacing its contents). 0, or -1 with d set. */
int	 fs_read(const char *path, struct buf *b, struct diag *d);
/* Writes n bytes to "path", creating parent directories. 0 or -1. */
int	 fs_write(const char *path, const void *p, size_t n, struct diag *d);
/* mkdir -p. 0 or -1. */
int	 fs_mkdirs(const char *path, struct diag *d);
/* rm -rf of one tree (does not follow symlinks). 0 or -1. */
int	 fs_rmtree(const char *path);
/* Copies a file. 0 or -1. */
int	 fs_copy(const char *from, const char *to, struct diag *d);
int	 fs_exists(const char *path);
struct stat;
/*
 * 1 when a file's size, mtime and inode cannot vouch for its bytes: it
 * changed (mtime or ctime) within the last few seconds, so a second write
 * in the same timestamp tick (a whole second on some file systems) would
 * leave all three unchanged. Memos keyed by stat must not remember such a
 * file (git's "racily clean" rule).
 */
int	 fs_stat_racy(const struct stat *st);
/* mtime and ctime (ns) folded into one number, for stat-keyed memos:
 * restoring a file's mtime after rewriting it (cp -p, tar, touch -r)
 * still changes its ctime. */
unsigned long long fs_stat_stamp(const struct stat *st);
int	 fs_isdir(const char *path);
/* "a" + "/" + "b", heap-allocated. */
char	*fs_join(const char *a, const char *b);
/* Absolute, symlink-free form of a path that may not exist yet
 * (its longest existing prefix is resolved). Heap-allocated. */
char	*fs_abspath(const char *path);
/* 1 if absolute path "p" is "dir" or lies below it. */
int	 fs_within(const char *p, const char *dir);
/*
 * A data path as vecdoc.yml writes it: "~/x" is x in $HOME, an absolute
 * path stays, anything else is joined to "root". Symlinks and ".." are
 * kept: the site owner's data may live anywhere. Heap-allocated.
 */
char	*fs_data_path(const char *root, const char *s);
/* 1 if "path" is a symbolic link whose target (followed to the end)
 * lies outside "absdir" (absolute, symlink-free), else 0; a dangling
 * link counts as outside. Only the last component is examined: callers
 * walking a tree check each level as they go. */
int	 fs_link_escapes(const char *path, const char *absdir);
/* The relative path from directory "fromdir" to file "to" (both relative
 * to one root, '/'-separated, no "." or ".." parts). Heap-allocated. */
char	*fs_relpath(const char *fromdir, const char *to);
/* Directory part of a '/'-separated relative path ("" for none); heap. */
char	*fs_dirname(const char *path);

/*
 * A directory being filled with many files (a site's output): the
 * directory is opened once and files are created relative to it, each
 * parent folder is made once (the writer remembers which it made), and a
 * file is one open, write and close. The folder must be new and empty:
 * fs_tree_open removes nothing. Error messages name root/rel.
 */
struct fs_tree {
	char		*root;
	int		 fd;
	struct strmap	 made;	/* relative folders already created */
	int		 sfd;	/* the link store (fs_tree_store), or -1 */
	int		 nostore;	/* set when linking failed (another disk) */
	size_t		 linked;	/* files given by the store */
};

/* mkdir -p root, then opens it. 0, or -1 with d set. */
int	 fs_tree_open(struct fs_tree *t, const char *root, struct diag *d);
/* Makes the folders rel lies in (once per tree). 0, or -1 with d set. */
int	 fs_tree_dirs(struct fs_tree *t, const char *rel, struct diag *d);
/* Writes n bytes to root/rel, creating its folders. 0, or -1 with d set.
 * Threads may write at once when every folder they need was made first
 * (fs_tree_dirs): then the writer's state is only read. */
int	 fs_tree_write(struct fs_tree *t, const char *rel, const void *p,
	    size_t n, struct diag *d);
void	 fs_tree_close(struct fs_tree *t);
/*
 * A link store: a folder of finished files named by the xxh3-128 of their
 * bytes. With one, fs_tree_write gives root/rel as a hard link to a stored
 * file whose bytes are compared equal to p first (so a stored file edited
 * through one of its links is never reused), and a file it had to write
 * is linked into the store once complete (a store never holds a partial
 * file). Creating an inode is most of a small file's cost; a link is a
 * fraction of it. The store must lie on the tree's filesystem: when a
 * link fails, the tree goes on without it. 0, or -1 (no store; not an
 * error).
 */
int	 fs_tree_store(struct fs_tree *t, const char *dir);
/*
 * Removes the store's files that no other link holds (no output uses
 * them). Returns how many were removed.
 */
size_t	 fs_store_sweep(const char *dir);

/* Sorted (bytewise) names in a directory, without "." and "..".
 * Returns the count, or -1 with d set; *names is a heap array of heap
 * strings (free with fs_names_free). */
long	 fs_list(const char *dir, char ***names, struct diag *d);
void	 fs_names_free(char **names, long n);

#endif
