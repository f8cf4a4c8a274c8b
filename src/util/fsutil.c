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
#include <unistd.h>

#include "util/fsutil.h"
#include "util/xalloc.h"

int
fs_read(const char *path, struct buf *b, struct diag *d)
{
	int fd;
	ssize_t n;
	struct stat st;

	buf_reset(b);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return diag_fail(d, path, 0, 0, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return diag_fail(d, path, 0, 0, "is a directory");
	}
	if (fstat(fd, &st) == 0 && st.st_size > 0)
		buf_grow(b, (size_t)st.st_size);
	for (;;) {
		buf_grow(b, 65536);
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return diag_fail(d, path, 0, 0, "cannot read: %s", strerror(errno));
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
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
