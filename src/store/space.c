/*
 * store/space: the space object, its lookup tables, format detection and
 * the .vds cache in front of the slow readers.
 * Reads embedding files through the readers; produces struct space.
 * Never leaves a partial cache entry: entries appear by rename only.
 */
#include <sys/mman.h>
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

struct space *
store_new(const char *path, const char *format)
{
	struct space *s = xcalloc(1, sizeof(*s));

	s->path = xstrdup(path);
	s->format = xstrdup(format);
	diaglist_init(&s->warn);
	return s;
}

int
store_mat_reserve(struct space *s, long rows, int dims, struct diag *d)
{
	size_t need, pg = (size_t)sysconf(_SC_PAGESIZE);
	void *p;

	if (rows < 0 || dims <= 0 ||
	    (unsigned long)rows > SIZE_MAX / sizeof(float) / (size_t)dims)
		return diag_fail(d, s->path, 0, 0, "matrix of %ld x %d is too large",
		    rows, dims);
	need = (size_t)rows * (size_t)dims * sizeof(float);
	need = (need + pg - 1) / pg * pg;
	if (need == 0)
		need = pg;
	if (need <= s->matcap)
		return 0;
	if (s->matmem == NULL)
		p = mmap(NULL, need, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	else
		p = mremap(s->matmem, s->matcap, need, MREMAP_MAYMOVE);
	if (p == MAP_FAILED)
		return diag_fail(d, s->path, 0, 0, "cannot allocate %zu bytes "
		    "for the matrix: %s", need, strerror(errno));
#ifdef MADV_HUGEPAGE
	/* Large matrices: 2 MB pages fault in 512 times less often. */
	if (need >= (4u << 20))
		madvise(p, need, MADV_HUGEPAGE);
#endif
	s->matmem = p;
	s->matcap = need;
	s->mat = p;
	return 0;
}

void
store_mat_trim(struct space *s)
{
	size_t need, pg = (size_t)sysconf(_SC_PAGESIZE);
	void *p;

	if (s->matmem == NULL)
		return;
	need = (size_t)s->rows * (size_t)s->dims * sizeof(float);
	need = (need + pg - 1) / pg * pg;
	if (need == 0)
		need = pg;
	if (need >= s->matcap)
		return;
	p = mremap(s->matmem, s->matcap, need, 0);
	if (p != MAP_FAILED) {
		s->matmem = p;
		s->matcap = need;
		s->mat = p;
	}
}

void
wordbuf_init(struct wordbuf *w)
{
	memset(w, 0, sizeof(*w));
	buf_init(&w->blob);
}

void
wordbuf_clear(struct wordbuf *w)
{
	buf_clear(&w->blob);
	free(w->off);
	memset(w, 0, sizeof(*w));
}

int
wordbuf_add(struct wordbuf *w, const char *p, size_t n)
{
	if (w->blob.len + n + 1 > UINT32_MAX)
		return -1;
	if (w->n + 2 > w->cap) {
		w->cap = w->cap ? w->cap * 2 : 1024;
		w->off = xreallocarray(w->off, w->cap, sizeof(*w->off));
	}
	w->off[w->n++] = (uint32_t)w->blob.len;
	buf_put(&w->blob, p, n);
	buf_putc(&w->blob, '\0');
	return 0;
}

int
wordbuf_append(struct wordbuf *w, const struct wordbuf *from)
{
	size_t i, base = w->blob.len;

	if (base + from->blob.len > UINT32_MAX)
		return -1;
	if (w->n + from->n + 2 > w->cap) {
		w->cap = w->n + from->n + 2;
		w->off = xreallocarray(w->off, w->cap, sizeof(*w->off));
	}
	for (i = 0; i < from->n; i++)
		w->off[w->n + i] = (uint32_t)(base + from->off[i]);
	w->n += from->n;
	buf_put(&w->blob, from->blob.data, from->blob.len);
	return 0;
}

void
wordbuf_give(struct wordbuf *w, struct space *s)
{
	if (w->off == NULL)
		w->off = xmalloc(sizeof(*w->off));
	w->off[w->n] = (uint32_t)w->blob.len;
	free(s->blobmem);
	free(s->woffmem);
	s->blobmem = w->blob.data ? buf_detach(&w->blob) : xstrdup("");
	s->woffmem = w->off;
	s->blob = s->blobmem;
	s->woff = s->woffmem;
	w->off = NULL;
	w->n = w->cap = 0;
	buf_clear(&w->blob);
}

uint64_t
store_hash(const char *w, size_t n)
{
	return XXH3_64bits(w, n);
}

void
store_fold(const char *w, size_t n, struct buf *b)
{
	size_t i;
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t r;

	buf_reset(b);
	for (i = 0; i < n; i++)
		if ((unsigned char)w[i] >= 0x80)
			break;
	if (i == n) {
		buf_grow(b, n + 1);
		for (i = 0; i < n; i++)
			b->data[i] = (char)tolower((unsigned char)w[i]);
		b->data[n] = '\0';
		b->len = n;
		return;
	}
	r = utf8proc_map((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, &out,
	    UTF8PROC_CASEFOLD | UTF8PROC_STABLE);
	if (r < 0) {
		/* Not UTF-8: only ASCII letters fold. */
		buf_grow(b, n + 1);
		for (i = 0; i < n; i++)
			b->data[i] = (char)tolower((unsigned char)w[i]);
		b->data[n] = '\0';
		b->len = n;
		return;
	}
	buf_put(b, out, (size_t)r);
	free(out);
}

static const char *
word_at(const struct space *s, long i, size_t *len)
{
	*len = s->woff[i + 1] - s->woff[i] - 1;
	return s->blob + s->woff[i];
}

static void
place(const struct space *s, long line0, long row, char *out, size_t n)
{
	if (line0 >= 0)
		snprintf(out, n, "line %ld", row + line0);
	else
		snprintf(out, n, "row %ld", row);
}

static uint32_t
slots_for(long rows)
{
	uint64_t n = 16;

	while (n < (uint64_t)rows + (uint64_t)rows / 2 + 1)
		n <<= 1;
	return (uint32_t)n;
}

/* Builds the exact table; marks duplicates in dup[] (may be NULL when
 * none are expected). Returns the number of duplicates. */
static long
build_exact(struct space *s, uint32_t *tab, unsigned char *dup, long line0)
{
	uint32_t mask = s->nslots - 1, h;
	long i, ndup = 0;
	size_t len, len2;
	const char *w, *w2;
	char where[64], first[64];

	for (i = 0; i < s->rows; i++) {
		w = word_at(s, i, &len);
		h = (uint32_t)store_hash(w, len) & mask;
		for (;;) {
			if (tab[h] == 0) {
				tab[h] = (uint32_t)i + 1;
				break;
			}
			w2 = word_at(s, (long)tab[h] - 1, &len2);
			if (len2 == len && memcmp(w, w2, len) == 0) {
				if (dup)
					dup[i] = 1;
				if (s->warn.n < STORE_MAXWARN) {
					place(s, line0, i, where, sizeof(where));
					place(s, line0, (long)tab[h] - 1, first,
					    sizeof(first));
					diaglist_add(&s->warn, DIAG_WARNING,
					    s->path, line0 >= 0 ? i + line0 : 0,
					    0, "duplicate token \"%.80s\" on %s "
					    "ignored (first on %s)", w, where,
					    first);
				}
				ndup++;
				break;
			}
			h = (h + 1) & mask;
		}
	}
	return ndup;
}

static void
build_ci(struct space *s, uint32_t *tab)
{
	uint32_t mask = s->nslots - 1, h;
	uint64_t *fh = xmalloc((size_t)s->rows * sizeof(*fh) + 1);
	struct buf a = BUF_INIT, b = BUF_INIT;
	long i, r;
	size_t len;
	const char *w;

	for (i = 0; i < s->rows; i++) {
		w = word_at(s, i, &len);
		store_fold(w, len, &a);
		fh[i] = store_hash(buf_str(&a), a.len);
		h = (uint32_t)fh[i] & mask;
		for (;;) {
			if (tab[h] == 0) {
				tab[h] = (uint32_t)i + 1;
				break;
			}
			r = (long)tab[h] - 1;
			if (fh[r] == fh[i]) {
				w = word_at(s, r, &len);
				store_fold(w, len, &b);
				if (a.len == b.len &&
				    memcmp(buf_str(&a), buf_str(&b), a.len) == 0)
					break;	/* lower row already there */
			}
			h = (h + 1) & mask;
		}
	}
	free(fh);
	buf_clear(&a);
	buf_clear(&b);
}

struct ci_job {
	struct space	*s;
	uint32_t	*tab;
};

static void *
build_ci_run(void *arg)
{
	struct ci_job *j = arg;

	build_ci(j->s, j->tab);
	return NULL;
}

int
store_finish(struct space *s, long line0, struct diag *d)
{
	unsigned char *dup;
	uint32_t *tab;
	long i, j, ndup;
	struct wordbuf wb;
	size_t len, rowb = (size_t)s->dims * sizeof(float);
	const char *w;
	struct ci_job cj;
	pthread_t th;
	int threaded;

	if (s->rows <= 0)
		return diag_fail(d, s->path, 0, 0, "no vectors in the file");
	if (s->rows >= (long)UINT32_MAX / 2)
		return diag_fail(d, s->path, 0, 0, "too many rows (%ld)", s->rows);
	s->nslots = slots_for(s->rows);
	free(s->tabmem);
	s->tabmem = xcalloc((size_t)s->nslots * 2, sizeof(uint32_t));
	tab = s->tabmem;
	dup = xcalloc((size_t)s->rows, 1);
	/*
	 * The case-folded table is built beside the exact one (large
	 * vocabularies: it is the slower of the two); both only read the
	 * words. Duplicates are rare: they rebuild both after compaction.
	 */
	cj.s = s;
	cj.tab = tab + s->nslots;
	/* a second thread only when the build's budget has one free */
	threaded = s->rows >= 65536 && par_reserve(1) == 1;
	if (threaded && pthread_create(&th, NULL, build_ci_run, &cj) != 0) {
		par_release(1);
		threaded = 0;
	}
	ndup = build_exact(s, tab, dup, line0);
	if (threaded) {
		pthread_join(th, NULL);
		par_release(1);
	}
	if (ndup > 0) {
		wordbuf_init(&wb);
		for (i = 0, j = 0; i < s->rows; i++) {
			if (dup[i])
				continue;
			w = word_at(s, i, &len);
			wordbuf_add(&wb, w, len);
			if (i != j)
				memmove((char *)s->mat + (size_t)j * rowb,
				    (char *)s->mat + (size_t)i * rowb, rowb);
			j++;
		}
		s->rows = j;
		wordbuf_give(&wb, s);
		store_mat_trim(s);
		memset(tab, 0, (size_t)s->nslots * 2 * sizeof(uint32_t));
		build_exact(s, tab, NULL, line0);
		threaded = 0;
	}
	free(dup);
	s->ndup = ndup;
	if (!threaded)
		build_ci(s, tab + s->nslots);
	s->tab = tab;
	s->tabci = tab + s->nslots;
	return 0;
}

void
space_free(struct space *s)
{
	if (s == NULL)
		return;
	if (s->map)
		munmap(s->map, s->maplen);
	if (s->matmem)
		munmap(s->matmem, s->matcap);
	free(s->blobmem);
	free(s->woffmem);
	free(s->tabmem);
	free(s->name);
	free(s->path);
	free(s->format);
	free(s->source);
	diaglist_clear(&s->warn);
	free(s);
}

long
space_rows(const struct space *s)
{
	return s->rows;
}

int
space_dims(const struct space *s)
{
	return s->dims;
}

const float *
space_row(const struct space *s, long i)
{
	return s->mat + (size_t)i * (size_t)s->dims;
}

const char *
space_word(const struct space *s, long i, size_t *len)
{
	size_t l;
	const char *w = word_at(s, i, &l);

	if (len)
		*len = l;
	return w;
}

long
space_find(const struct space *s, const char *w, size_t len)
{
	uint32_t mask = s->nslots - 1, h, k;
	size_t l2;
	const char *w2;
	long r;

	h = (uint32_t)store_hash(w, len) & mask;
	for (k = 0; k < s->nslots; k++, h = (h + 1) & mask) {
		if (s->tab[h] == 0)
			return -1;
		r = (long)s->tab[h] - 1;
		if (r >= s->rows)
			return -1;
		w2 = word_at(s, r, &l2);
		if (l2 == len && memcmp(w, w2, len) == 0)
			return r;
	}
	return -1;
}

long
space_find_ci(const struct space *s, const char *w, size_t len)
{
	uint32_t mask = s->nslots - 1, h, k;
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t l2;
	const char *w2;
	long r, found = -1;

	store_fold(w, len, &a);
	h = (uint32_t)store_hash(buf_str(&a), a.len) & mask;
	for (k = 0; k < s->nslots; k++, h = (h + 1) & mask) {
		if (s->tabci[h] == 0)
			break;
		r = (long)s->tabci[h] - 1;
		if (r >= s->rows)
			break;
		w2 = word_at(s, r, &l2);
		store_fold(w2, l2, &b);
		if (a.len == b.len && memcmp(buf_str(&a), buf_str(&b), a.len) == 0) {
			found = r;
			break;
		}
	}
	buf_clear(&a);
	buf_clear(&b);
	return found;
}

size_t
space_lookup(const struct space *s, const char *const *words, size_t n,
    int ci, long *ids, const char **oov, size_t oovcap)
{
	size_t i, noov = 0;

	for (i = 0; i < n; i++) {
		size_t len = strlen(words[i]);

		ids[i] = ci ? space_find_ci(s, words[i], len) :
		    space_find(s, words[i], len);
		if (ids[i] < 0) {
			if (oov && noov < oovcap)
				oov[noov] = words[i];
			noov++;
		}
	}
	return noov;
}

void
space_get_info(const struct space *s, struct space_info *out)
{
	memset(out, 0, sizeof(*out));
	out->name = s->name;
	out->path = s->path;
	out->format = s->format;
	memcpy(out->digest, s->digest, sizeof(out->digest));
	out->rows = s->rows;
	out->dims = s->dims;
	out->source = s->source;
	out->cache = s->cache;
	out->duplicates = s->ndup;
	out->t_read = s->t_read;
	out->t_digest = s->t_digest;
	out->dtype = s->dtype[0] ? s->dtype : "float32";
}

const struct diag *
space_warnings(const struct space *s, size_t *n)
{
	*n = s->warn.n;
	return s->warn.v;
}

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
		return npy_read(path, o->vocab, d);
	if (strcmp(fmt, "safetensors") == 0)
		return safetensors_read(path, o->tensor, o->vocab, d);
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
 * path) with its size, mtime and inode, so that an unchanged file is not
 * even re-read; any change of those re-hashes the bytes.
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
		    mt == (unsigned long long)st->st_mtim.tv_sec * 1000000000ULL +
		    (unsigned long long)st->st_mtim.tv_nsec &&
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
		    (unsigned long long)st->st_mtim.tv_sec * 1000000000ULL +
		    (unsigned long long)st->st_mtim.tv_nsec,
		    (unsigned long long)st->st_ino, out);
		struct afile af;
		if (afile_open(&af, sf, NULL) == 0) {
			afile_write(&af, line, strlen(line));
			afile_commit(&af, NULL);
		}
	}
	free(sf);
	return 0;
}

static void
variant_of(const char *fmt, const struct space_opts *o, struct buf *v)
{
	struct stat st;

	buf_printf(v, "v1|%s|%s|", fmt, o->tensor ? o->tensor : "");
	if (o->vocab) {
		char *abs = fs_abspath(o->vocab);

		buf_printf(v, "%s", abs);
		free(abs);
		if (stat(o->vocab, &st) == 0)
			buf_printf(v, "|%lld|%lld.%09ld|%llu", (long long)st.st_size,
			    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
			    (unsigned long long)st.st_ino);
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
	variant_of(fmt, o, &v);
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
