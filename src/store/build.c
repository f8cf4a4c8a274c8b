/*
 * store/build: the readers' toolkit — a new space, its matrix reserved
 * and trimmed, words gathered, and the finishing step that builds the
 * exact and case-folded lookup tables and reports duplicate words.
 * Reads nothing from disk; every reader (text.c, w2vbin.c, npy.c, ...)
 * fills a space through these.
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
wordbuf_number(struct wordbuf *w, long rows)
{
	char name[24];
	long i;

	for (i = 0; i < rows; i++) {
		int len = snprintf(name, sizeof(name), "%ld", i);

		wordbuf_add(w, name, (size_t)len);
	}
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
