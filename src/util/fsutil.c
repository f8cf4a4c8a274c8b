/*
 * util/fsutil: whole-file I/O and path arithmetic.
 * Produces file contents, directories and heap-allocated paths.
 * Never follows symlinks when removing; never touches paths it is not given.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/fsutil.h"
#include "util/hash.h"
#include "util/xalloc.h"

int
fs_read(const char *path, struct buf *b, struct diag *d)
{
	int fd;
	ssize_t n;
	struct stat st;
	size_t want = 0;	/* a regular file's size: read no further */

	buf_reset(b);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return diag_fail(d, path, 0, 0, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			close(fd);
			return diag_fail(d, path, 0, 0, "is a directory");
		}
		if (st.st_size > 0)
			buf_grow(b, (size_t)st.st_size);
		if (S_ISREG(st.st_mode) && st.st_size > 0)
			want = (size_t)st.st_size;
	}
	for (;;) {
		/* one read of the size fstat gave is the usual whole story
		 * (a file growing meanwhile is read as it was) */
		if (want > 0 && b->len == want)
			break;
		char probe[4096];

		/* A buffer sized from fstat is full at the end of the file:
		 * the read that finds the end goes to the stack, so a page
		 * is not reallocated 64 KiB larger just to learn that. */
		if (b->data == NULL)
			buf_grow(b, 65536);
		if (b->cap - b->len - 1 == 0) {
			n = read(fd, probe, sizeof(probe));
			if (n > 0)
				buf_put(b, probe, (size_t)n);
			if (n == (ssize_t)sizeof(probe))
				buf_grow(b, 65536);
		} else {
			n = read(fd, b->data + b->len, b->cap - b->len - 1);
			if (n > 0)
				b->len += (size_t)n;
		}
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return diag_fail(d, path, 0, 0, "cannot read: %s", strerror(errno));
		}
		if (n == 0)
			break;
	}
	b->data[b->len] = '\0';
	close(fd);
	return 0;
}

int
fs_mkdirs(const char *path, struct diag *d)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0777) != 0 && errno != EEXIST) {
				rc = diag_fail(d, p, 0, 0, "cannot create directory: %s",
				    strerror(errno));
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return rc;
}

int
fs_write(const char *path, const void *p, size_t n, struct diag *d)
{
	char *dir;
	const char *slash = strrchr(path, '/');
	FILE *fp;
	int werr;

	if (slash != NULL && slash != path) {
		dir = xstrndup(path, (size_t)(slash - path));
		if (fs_mkdirs(dir, d) != 0) {
			free(dir);
			return -1;
		}
		free(dir);
	}
	if ((fp = fopen(path, "wb")) == NULL)
		return diag_fail(d, path, 0, 0, "cannot write: %s", strerror(errno));
	werr = n > 0 && fwrite(p, 1, n, fp) != n;
	/* fclose always runs: it flushes and reports late write errors. */
	if (fclose(fp) != 0)
		werr = 1;
	if (werr)
		return diag_fail(d, path, 0, 0, "cannot write: %s", strerror(errno));
	return 0;
}

int
fs_tree_open(struct fs_tree *t, const char *root, struct diag *d)
{
	memset(t, 0, sizeof(*t));
	t->fd = -1;
	t->sfd = -1;
	strmap_init(&t->made);
	if (fs_mkdirs(root, d) != 0)
		return -1;
	if ((t->fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return diag_fail(d, root, 0, 0, "cannot open directory: %s",
		    strerror(errno));
	t->root = xstrdup(root);
	return 0;
}

/* The folders of rel (each prefix before a '/'), made once per tree. */
int
fs_tree_dirs(struct fs_tree *t, const char *rel, struct diag *d)
{
	const char *slash = strrchr(rel, '/'), *s;
	char *p;
	int created;

	if (slash == NULL || strmap_get(&t->made, rel,
	    (size_t)(slash - rel)) != NULL)
		return 0;
	p = xstrndup(rel, (size_t)(slash - rel));
	for (s = strchr(p, '/'); ; s = strchr(s + 1, '/')) {
		size_t n = s ? (size_t)(s - p) : strlen(p);

		strmap_put(&t->made, p, n, &created);
		if (created) {
			p[n] = '\0';
			if (mkdirat(t->fd, p, 0777) != 0 && errno != EEXIST) {
				char *full = fs_join(t->root, p);
				int rc = diag_fail(d, full, 0, 0,
				    "cannot create directory: %s", strerror(errno));

				free(full);
				free(p);
				return rc;
			}
			if (s != NULL)
				p[n] = '/';
		}
		if (s == NULL)
			break;
	}
	free(p);
	return 0;
}

/*
 * root/rel as a link to the stored file name when its bytes are p's.
 * 0 when linked; -1 to write the file instead (a stored file that differs
 * is dropped from the store).
 */
static int
store_link(struct fs_tree *t, const char *name, const char *rel,
    const void *p, size_t n)
{
	struct stat st;
	char b[65536];
	size_t got = 0;
	ssize_t r;
	int fd, same = 0;

	if ((fd = openat(t->sfd, name, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	/* the size, then every byte: a file edited in place through an
	 * output that linked it differs in one or the other */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size == n) {
		same = 1;
		while (same && got < n) {
			size_t want = n - got < sizeof(b) ? n - got : sizeof(b);

			if ((r = read(fd, b, want)) < 0 && errno == EINTR)
				continue;
			if (r <= 0 || memcmp(b, (const char *)p + got,
			    (size_t)r) != 0)
				same = 0;
			else
				got += (size_t)r;
		}
	}
	close(fd);
	if (!same) {
		(void)unlinkat(t->sfd, name, 0);
		return -1;
	}
	if (linkat(t->sfd, name, t->fd, rel, 0) != 0) {
		if (errno == EXDEV || errno == EPERM || errno == EMLINK ||
		    errno == ENOTSUP)
			__atomic_store_n(&t->nostore, 1, __ATOMIC_RELAXED);
		return -1;
	}
	__atomic_fetch_add(&t->linked, 1, __ATOMIC_RELAXED);
	return 0;
}

int
fs_tree_store(struct fs_tree *t, const char *dir)
{
	struct diag d;

	if (fs_mkdirs(dir, &d) != 0)
		return -1;
	t->sfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return t->sfd >= 0 ? 0 : -1;
}

size_t
fs_store_sweep(const char *dir)
{
	DIR *dp;
	struct dirent *de;
	struct stat st;
	size_t n = 0;

	if ((dp = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (fstatat(dirfd(dp), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    (!S_ISREG(st.st_mode) || st.st_nlink <= 1) &&
		    unlinkat(dirfd(dp), de->d_name, 0) == 0)
			n++;
	}
	closedir(dp);
	return n;
}

int
fs_tree_write(struct fs_tree *t, const char *rel, const void *p, size_t n,
    struct diag *d)
{
	const char *c = p;
	char *full;
	ssize_t w;
	int fd, err = 0;

	char name[33];
	int stored = t->sfd >= 0 && !__atomic_load_n(&t->nostore,
	    __ATOMIC_RELAXED);

	if (fs_tree_dirs(t, rel, d) != 0)
		return -1;
	if (stored) {
		hash128_hex(p, n, name);
		if (store_link(t, name, rel, p, n) == 0)
			return 0;
	}
	if ((fd = openat(t->fd, rel, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666)) < 0)
		err = errno;
	while (fd >= 0 && n > 0) {
		if ((w = write(fd, c, n)) < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		c += w;
		n -= (size_t)w;
	}
	/* close reports late write errors (NFS, quotas) */
	if (fd >= 0 && close(fd) != 0 && err == 0)
		err = errno;
	if (err == 0) {
		/* complete: the store may hand it out from now on */
		if (stored && linkat(t->fd, rel, t->sfd, name, 0) != 0 &&
		    errno != EEXIST)
			__atomic_store_n(&t->nostore, 1, __ATOMIC_RELAXED);
		return 0;
	}
	full = fs_join(t->root, rel);
	diag_fail(d, full, 0, 0, "cannot write: %s", strerror(err));
	free(full);
	return -1;
}

void
fs_tree_close(struct fs_tree *t)
{
	if (t->fd >= 0)
		close(t->fd);
	if (t->sfd >= 0)
		close(t->sfd);
	strmap_clear(&t->made);
	free(t->root);
	memset(t, 0, sizeof(*t));
	t->fd = -1;
	t->sfd = -1;
}

int
fs_copy(const char *from, const char *to, struct diag *d)
{
	struct buf b = BUF_INIT;
	int rc;

	rc = fs_read(from, &b, d);
	if (rc == 0)
		rc = fs_write(to, b.data ? b.data : "", b.len, d);
	buf_clear(&b);
	return rc;
}

int
fs_rmtree(const char *path)
{
	struct stat st;
	DIR *dp;
	struct dirent *de;
	char *sub;
	int rc = 0;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	if ((dp = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		sub = fs_join(path, de->d_name);
		if (fs_rmtree(sub) != 0)
			rc = -1;
		free(sub);
	}
	closedir(dp);
	if (rmdir(path) != 0)
		rc = -1;
	return rc;
}

int
fs_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

int
fs_stat_racy(const struct stat *st)
{
	time_t now = time(NULL);

	return st->st_mtim.tv_sec >= now - 3 || st->st_ctim.tv_sec >= now - 3;
}

unsigned long long
fs_stat_stamp(const struct stat *st)
{
	unsigned long long m = (unsigned long long)st->st_mtim.tv_sec *
	    1000000000ULL + (unsigned long long)st->st_mtim.tv_nsec;
	unsigned long long c = (unsigned long long)st->st_ctim.tv_sec *
	    1000000000ULL + (unsigned long long)st->st_ctim.tv_nsec;

	return m ^ (c * 0x9e3779b97f4a7c15ULL);
}

int
fs_isdir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
fs_join(const char *a, const char *b)
{
	size_t la = strlen(a);

	if (la == 0)
		return xstrdup(b);
	if (a[la - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

char *
fs_abspath(const char *path)
{
	char resolved[PATH_MAX], *head, *tail, *res, *cwd;
	char *slash;

	if (realpath(path, resolved) != NULL)
		return xstrdup(resolved);
	/* Resolve the longest existing prefix, keep the rest as written. */
	if (path[0] != '/') {
		if ((cwd = getcwd(NULL, 0)) == NULL)
			return xstrdup(path);
		head = fs_join(cwd, path);
		free(cwd);
	} else
		head = xstrdup(path);
	tail = xstrdup("");
	while ((slash = strrchr(head, '/')) != NULL && slash != head) {
		char *nt = *tail ? xasprintf("%s/%s", slash + 1, tail) :
		    xstrdup(slash + 1);

		free(tail);
		tail = nt;
		*slash = '\0';
		if (realpath(head, resolved) != NULL) {
			res = fs_join(resolved, tail);
			free(head);
			free(tail);
			return res;
		}
	}
	res = xasprintf("/%s", tail);
	free(head);
	free(tail);
	return res;
}

char *
fs_data_path(const char *root, const char *s)
{
	const char *home;

	if (s[0] == '~' && (s[1] == '/' || s[1] == '\0') &&
	    (home = getenv("HOME")) != NULL && home[0] != '\0')
		return s[1] == '\0' ? xstrdup(home) : fs_join(home, s + 2);
	return s[0] == '/' ? xstrdup(s) : fs_join(root, s);
}

int
fs_within(const char *p, const char *dir)
{
	size_t n = strlen(dir);

	if (n > 0 && dir[n - 1] == '/')
		n--;
	return strncmp(p, dir, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

int
fs_link_escapes(const char *path, const char *absdir)
{
	struct stat st;
	char *real;
	int out;

	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return 0;
	if ((real = realpath(path, NULL)) == NULL)
		return 1;
	out = !fs_within(real, absdir);
	free(real);
	return out;
}

char *
fs_relpath(const char *fromdir, const char *to)
{
	struct buf b = BUF_INIT;
	const char *a = fromdir, *t = to, *ea, *et;
	size_t la;

	/* Drop the leading directories both paths share. */
	while (*a != '\0' && (et = strchr(t, '/')) != NULL) {
		ea = strchr(a, '/');
		la = ea ? (size_t)(ea - a) : strlen(a);
		if (la != (size_t)(et - t) || memcmp(a, t, la) != 0)
			break;
		a += la + (ea ? 1 : 0);
		t = et + 1;
	}
	/* Climb out of what is left of fromdir. */
	while (*a != '\0') {
		buf_puts(&b, "../");
		ea = strchr(a, '/');
		if (ea == NULL)
			break;
		a = ea + 1;
	}
	buf_puts(&b, t);
	return buf_detach(&b);
}

char *
fs_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup("");
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

long
fs_list(const char *dir, char ***names, struct diag *d)
{
	DIR *dp;
	struct dirent *de;
	char **v = NULL;
	long n = 0, cap = 0;

	if ((dp = opendir(dir)) == NULL)
		return diag_fail(d, dir, 0, 0, "cannot open directory: %s",
		    strerror(errno));
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, (size_t)cap, sizeof(*v));
		}
		v[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (n > 0)
		qsort(v, (size_t)n, sizeof(*v), cmp_names);
	*names = v;
	return n;
}

void
fs_names_free(char **names, long n)
{
	long i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
