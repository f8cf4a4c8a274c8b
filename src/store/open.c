/*
 * store/open: opening an embedding file of any format — format
 * detection, the dispatch to the readers, the .vds cache in front of the
 * slow ones (keyed by a digest of the source), and writing spaces out
 * (atomically, through afile).
 * Never leaves a partial cache entry: entries appear by rename only.
 */#include <sys/mman.h>
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <utf8proc.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "store/config.h"
#include "store/store.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/par.h"
#include "util/xalloc.h"

int
store_digest_file(const char *path, char out[33], struct diag *d)
{
	XXH3_state_t *st;
	XXH128_hash_t h;
	XXH128_canonical_t c;
	char *b;
	ssize_t r;
	int fd, i;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return diag_fail(d, path, 0, 0, "cannot open: %s", strerror(errno));
	st = XXH3_createState();
	XXH3_128bits_reset(st);
	b = xmalloc(1 << 20);
	while ((r = read(fd, b, 1 << 20)) > 0)
		XXH3_128bits_update(st, b, (size_t)r);
	free(b);
	close(fd);
	if (r < 0) {
		XXH3_freeState(st);
		return diag_fail(d, path, 0, 0, "read error: %s", strerror(errno));
	}
	h = XXH3_128bits_digest(st);
	XXH3_freeState(st);
	XXH128_canonicalFromHash(&c, h);
	for (i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", c.digest[i]);
	return 0;
}

/* Text, word2vec binary or neither, judged by the first line. */
static const char *
detect_text(const unsigned char *p, size_t n)
{
	size_t i, nl;
	int fields = 0, allint = 1, infield = 0;

	for (nl = 0; nl < n && p[nl] != '\n'; nl++)
		;
	for (i = 0; i < nl; i++) {
		if (p[i] == ' ' || p[i] == '\t' || p[i] == '\r') {
			infield = 0;
			continue;
		}
		if (!infield) {
			fields++;
			infield = 1;
		}
		if (!isdigit(p[i]))
			allint = 0;
	}
	if (fields == 2 && allint) {
		/* "N D" header: the body tells text from binary. */
		size_t ctl = 0, end = nl + 4096 < n ? nl + 4096 : n;

		for (i = nl + 1; i < end; i++)
			if (p[i] == 0 || (p[i] < 0x20 && p[i] != '\n' &&
			    p[i] != '\r' && p[i] != '\t'))
				ctl++;
		return ctl ? "word2vec-bin" : "word2vec";
	}
	return "glove";
}

const char *
space_detect(const char *path, struct diag *d)
{
	unsigned char p[4096];
	ssize_t n;
	int fd;
	uint64_t hl;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		diag_fail(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	n = read(fd, p, sizeof(p));
	close(fd);
	if (n < 0) {
		diag_fail(d, path, 0, 0, "read error: %s", strerror(errno));
		return NULL;
	}
	if (n == 0) {
		diag_fail(d, path, 0, 0, "empty file");
		return NULL;
	}
	if (n >= 8 && memcmp(p, "\x89VDS\r\n\x1a\n", 8) == 0)
		return "vds";
	if (n >= 6 && memcmp(p, "\x93NUMPY", 6) == 0)
		return "npy";
	if (n >= 9) {
		memcpy(&hl, p, 8);	/* little-endian hosts only */
		if (hl > 1 && p[8] == '{')
			return "safetensors";
	}
	if (n >= 2 && p[0] == '{')
		return "wink";
	return detect_text(p, (size_t)n);
}

static int
known_format(const char *f)
{
	static const char *const fmts[] = { "glove", "word2vec", "word2vec-bin",
	    "npy", "safetensors", "wink", "vds", NULL };
	int i;

	for (i = 0; fmts[i]; i++)
		if (strcmp(f, fmts[i]) == 0)
			return 1;
	return 0;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static struct space *
read_any1(const char *path, const char *fmt, const struct space_opts *o,
    struct diag *d);

static struct space *
read_any(const char *path, const char *fmt, const struct space_opts *o,
    struct diag *d)
{
	double t0 = now();
	struct space *s = read_any1(path, fmt, o, d);

	if (s)
		s->t_read = now() - t0;
	return s;
}

static struct space *
read_any1(const char *path, const char *fmt, const struct space_opts *o,
    struct diag *d)
{
	if (strcmp(fmt, "glove") == 0 || strcmp(fmt, "word2vec") == 0)
		return text_read(path, fmt, d);
	if (strcmp(fmt, "word2vec-bin") == 0)
		return w2vbin_read(path, d);
	if (strcmp(fmt, "npy") == 0)
		return npy_read(path, o->vocab, o->positions, d);
	if (strcmp(fmt, "safetensors") == 0)
		return safetensors_read(path, o->tensor, o->vocab,
		    o->positions, d);
	if (strcmp(fmt, "wink") == 0)
		return wink_read(path, d);
	return vds_read(path, !o->noverify, d);
}

/* The provenance sidecar `vecdoc fetch` writes: PATH.source. */
static char *
read_source(const char *path)
{
	char *sp = xasprintf("%s.source", path);
	struct buf b = BUF_INIT;
	struct diag d;
	char *r = NULL;

	if (fs_exists(sp) && fs_read(sp, &b, &d) == 0 && b.len > 0) {
		r = buf_detach(&b);
		r[strcspn(r, "\n")] = '\0';
	}
	buf_clear(&b);
	free(sp);
	return r;
}

static int
env_debug(void)
{
	const char *e = getenv("VECDOC_DEBUG");

	return e != NULL && *e != '\0' && strcmp(e, "0") != 0;
}

/*
 * The cache: DIR/NAME.vds where NAME is the xxh3-128 digest of the file
 * and a hash of how it is read (format, tensor, vocabulary file). The
 * digest of a file is remembered in DIR/stat-H (H: hash of the absolute
 * path) with its size, mtime and ctime (fs_stat_stamp) and inode, so
 * that an unchanged file is not even re-read; any change of those
 * re-hashes the bytes, and a file changed in the last few seconds
 * (fs_stat_racy) is not remembered. A vocabulary file enters the
 * variant by its digest too.
 */
static int
cached_digest(const char *path, const char *cachedir, const struct stat *st,
    char out[33], struct diag *d)
{
	char *abs = fs_abspath(path), *sf, line[256], dg[40];
	unsigned long long sz, mt, ino;
	FILE *fp;
	int ok = 0;

	sf = xasprintf("%s/stat-%016llx", cachedir,
	    (unsigned long long)store_hash(abs, strlen(abs)));
	free(abs);
	if ((fp = fopen(sf, "r")) != NULL) {
		if (fgets(line, sizeof(line), fp) &&
		    sscanf(line, "%llu %llu %llu %39s", &sz, &mt, &ino, dg) == 4 &&
		    sz == (unsigned long long)st->st_size &&
		    mt == fs_stat_stamp(st) &&
		    ino == (unsigned long long)st->st_ino && strlen(dg) == 32) {
			memcpy(out, dg, 33);
			ok = 1;
		}
		fclose(fp);
	}
	if (!ok) {
		if (store_digest_file(path, out, d) < 0) {
			free(sf);
			return -1;
		}
		snprintf(line, sizeof(line), "%llu %llu %llu %s\n",
		    (unsigned long long)st->st_size,
		    fs_stat_stamp(st),
		    (unsigned long long)st->st_ino, out);
		struct afile af;
		if (!fs_stat_racy(st) && afile_open(&af, sf, NULL) == 0) {
			afile_write(&af, line, strlen(line));
			afile_commit(&af, NULL);
		}
	}
	free(sf);
	return 0;
}

static void
variant_of(const char *fmt, const struct space_opts *o, const char *cachedir,
    struct buf *v)
{
	struct stat st;
	struct diag d;
	char dg[33];

	buf_printf(v, "v2|%s|%s|", fmt, o->tensor ? o->tensor : "");
	if (o->positions && o->vocab == NULL)
		buf_puts(v, "positions|");
	if (o->vocab) {
		char *abs = fs_abspath(o->vocab);

		buf_printf(v, "%s", abs);
		free(abs);
		if (stat(o->vocab, &st) == 0 &&
		    cached_digest(o->vocab, cachedir, &st, dg, &d) == 0)
			buf_printf(v, "|%s", dg);
		else
			buf_puts(v, "|-");
	}
}

struct space *
space_open_opts(const char *path, const struct space_opts *o,
    const char *cachedir, struct diag *d)
{
	struct space *s = NULL;
	struct stat st;
	const char *fmt = o->format;
	char digest[33], *vds = NULL;
	struct buf v = BUF_INIT;
	struct diag d2;
	struct vds_meta m;

	if (fmt != NULL && !known_format(fmt)) {
		diag_fail(d, path, 0, 0, "unknown format \"%s\" (known: %s)",
		    fmt, SPACE_FORMATS);
		return NULL;
	}
	if (stat(path, &st) < 0) {
		diag_fail(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		diag_fail(d, path, 0, 0, "is a directory");
		return NULL;
	}
	if (fmt == NULL && (fmt = space_detect(path, d)) == NULL)
		return NULL;
	if (strcmp(fmt, "vds") == 0 || cachedir == NULL) {
		if ((s = read_any(path, fmt, o, d)) == NULL)
			return NULL;
		double t0 = now();

		if (strcmp(fmt, "vds") != 0 &&
		    store_digest_file(path, s->digest, d) < 0) {
			space_free(s);
			return NULL;
		}
		s->t_digest = now() - t0;
		goto done;
	}
	if (fs_mkdirs(cachedir, d) < 0)
		return NULL;
	if (cached_digest(path, cachedir, &st, digest, d) < 0)
		return NULL;
	variant_of(fmt, o, cachedir, &v);
	vds = xasprintf("%s/%s-%08x.vds", cachedir, digest,
	    (unsigned)store_hash(v.data, v.len));
	buf_clear(&v);
	if (fs_exists(vds)) {
		double t0 = now();

		s = vds_read(vds, !o->noverify, &d2);
		if (s)
			s->t_read = now() - t0;
		if (s != NULL) {
			if (env_debug())
				fprintf(stderr, "vecdoc: cache hit %s -> %s\n",
				    path, vds);
			free(s->path);
			s->path = xstrdup(path);
			free(s->format);
			s->format = xstrdup(fmt);
			memcpy(s->digest, digest, 33);
			s->cache = 1;
			goto done;
		}
		/* A damaged entry is replaced, not trusted. */
		unlink(vds);
	}
	if (env_debug())
		fprintf(stderr, "vecdoc: cache miss %s: parsing\n", path);
	if ((s = read_any(path, fmt, o, d)) == NULL)
		goto out;
	memcpy(s->digest, digest, 33);
	s->cache = 2;
	memset(&m, 0, sizeof(m));
	m.format = fmt;
	m.path = path;
	m.digest = digest;
	m.dtype = s->dtype;
	if (vds_write(s, vds, &m, &d2) < 0) {
		/* The space is fine; only the cache could not be written. */
		diaglist_add(&s->warn, DIAG_WARNING, d2.file, 0, 0, "not cached: "
		    "%s", d2.msg);
		s->cache = 0;
	}
done:
	if (o->name) {
		free(s->name);
		s->name = xstrdup(o->name);
	}
	if (s->source == NULL)
		s->source = read_source(path);
out:
	free(vds);
	return s;
}

struct space *
space_open_file(const char *path, const char *format, const char *cachedir,
    struct diag *d)
{
	struct space_opts o;

	memset(&o, 0, sizeof(o));
	o.format = format;
	return space_open_opts(path, &o, cachedir, d);
}

struct space *
space_open(const struct space_decl *decl, const char *cachedir, struct diag *d)
{
	struct space_opts o;

	memset(&o, 0, sizeof(o));
	o.format = decl->format;
	o.tensor = decl->tensor;
	o.vocab = decl->vocab;
	o.positions = decl->positions;
	o.name = decl->name;
	return space_open_opts(decl->path, &o, cachedir, d);
}

int
space_write(const struct space *s, const char *path, const char *format,
    struct diag *d)
{
	if (strcmp(format, "vds") == 0)
		return space_write_vds(s, path, d);
	if (strcmp(format, "glove") == 0)
		return space_write_glove(s, path, d);
	if (strcmp(format, "word2vec") == 0)
		return space_write_word2vec(s, path, d);
	if (strcmp(format, "word2vec-bin") == 0)
		return space_write_w2vbin(s, path, d);
	return diag_fail(d, path, 0, 0, "cannot write format \"%s\" "
	    "(writable: vds, glove, word2vec, word2vec-bin)", format);
}

struct space *
space_from_rows(const char *name, const char *format,
    const char *const *words, long rows, int dims, const float *mat,
    struct diag *d)
{
	struct space *s = store_new(name, format);
	struct wordbuf wb;
	long i;

	s->dims = dims;
	snprintf(s->dtype, sizeof(s->dtype), "<f4");
	if (store_mat_reserve(s, rows, dims, d) < 0) {
		space_free(s);
		return NULL;
	}
	memcpy(s->mat, mat, (size_t)rows * (size_t)dims * sizeof(float));
	wordbuf_init(&wb);
	for (i = 0; i < rows; i++)
		if (wordbuf_add(&wb, words[i], strlen(words[i])) < 0) {
			wordbuf_clear(&wb);
			space_free(s);
			diag_fail(d, name, 0, 0, "vocabulary too large");
			return NULL;
		}
	s->rows = rows;
	wordbuf_give(&wb, s);
	if (store_finish(s, -1, d) < 0) {
		space_free(s);
		return NULL;
	}
	return s;
}

int
space_write_vds(const struct space *s, const char *path, struct diag *d)
{
	struct vds_meta m;

	memset(&m, 0, sizeof(m));
	m.format = s->format;
	m.path = s->path;
	m.digest = s->digest;
	m.source = s->source;
	m.name = s->name;
	m.dtype = s->dtype;
	return vds_write(s, path, &m, d);
}

int
afile_open(struct afile *f, const char *path, struct diag *d)
{
	char *dir;
	const char *slash;

	memset(f, 0, sizeof(*f));
	slash = strrchr(path, '/');
	if (slash && slash != path) {
		dir = xstrndup(path, (size_t)(slash - path));
		if (!fs_isdir(dir) && fs_mkdirs(dir, d) < 0) {
			free(dir);
			return -1;
		}
		free(dir);
	}
	f->path = xstrdup(path);
	f->tmp = xasprintf("%s.tmp-XXXXXX", path);
	if ((f->fd = mkstemp(f->tmp)) < 0) {
		diag_fail(d, path, 0, 0, "cannot create: %s", strerror(errno));
		free(f->path);
		free(f->tmp);
		return -1;
	}
	fchmod(f->fd, 0644);
	f->cap = 1 << 20;
	f->buf = xmalloc(f->cap);
	return 0;
}

static void
afile_flush(struct afile *f)
{
	size_t off = 0;
	ssize_t r;

	while (off < f->len && !f->err) {
		r = write(f->fd, f->buf + off, f->len - off);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			f->err = errno;
			break;
		}
		off += (size_t)r;
	}
	f->len = 0;
}

void
afile_write(struct afile *f, const void *p, size_t n)
{
	if (f->len + n > f->cap)
		afile_flush(f);
	if (n >= f->cap) {
		size_t off = 0;
		ssize_t r;

		while (off < n && !f->err) {
			r = write(f->fd, (const char *)p + off, n - off);
			if (r < 0) {
				if (errno == EINTR)
					continue;
				f->err = errno;
				break;
			}
			off += (size_t)r;
		}
		return;
	}
	memcpy(f->buf + f->len, p, n);
	f->len += n;
}

void
afile_abandon(struct afile *f)
{
	if (f->fd >= 0)
		close(f->fd);
	unlink(f->tmp);
	free(f->tmp);
	free(f->path);
	free(f->buf);
	f->fd = -1;
	f->tmp = f->path = f->buf = NULL;
}

int
afile_commit(struct afile *f, struct diag *d)
{
	afile_flush(f);
	if (f->err) {
		diag_fail(d, f->path, 0, 0, "write error: %s", strerror(f->err));
		afile_abandon(f);
		return -1;
	}
	if (close(f->fd) < 0) {
		f->fd = -1;
		diag_fail(d, f->path, 0, 0, "write error: %s", strerror(errno));
		afile_abandon(f);
		return -1;
	}
	f->fd = -1;
	if (rename(f->tmp, f->path) < 0) {
		diag_fail(d, f->path, 0, 0, "cannot rename into place: %s",
		    strerror(errno));
		afile_abandon(f);
		return -1;
	}
	free(f->tmp);
	free(f->path);
	free(f->buf);
	f->tmp = f->path = f->buf = NULL;
	return 0;
}
