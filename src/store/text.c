/*
 * store/text: GloVe text (no header) and word2vec/fastText text ("N D"
 * header), read in parallel with gensim's semantics, and written back.
 * Reads the file with pread into small buffers (so the page cache is not
 * charged to us); produces a space. Never accepts a non-finite component
 * or a ragged row.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <float.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/fparse.h"
#include "store/store.h"
#include "util/par.h"
#include "util/xalloc.h"

#define CHUNK	(4u << 20)	/* bytes of a piece of a file */
#define PAD	64		/* readable bytes after a buffer's data */
#define MAXTHREADS 8

/*
 * The bytes to parse: a file read with pread, or memory (fuzzers, tests).
 * Each thread copies its range through a buffer of a few chunks, so no
 * page of the file is ever mapped (on this VM, faulting in a mapping of a
 * 296 MB file costs four times what read() does) and resident memory
 * is the matrix plus a chunk per thread. Memory goes through the same
 * path in small chunks, so line and chunk boundaries meet often in tests.
 */
struct src {
	const char	*p;	/* memory, or NULL: the file fd */
	int		 fd;
	size_t		 size;
	size_t		 chunk;
};

/* n bytes at off into buf; the count read (short only at an error). */
static size_t
src_read(const struct src *s, char *buf, size_t off, size_t n)
{
	size_t got = 0;
	ssize_t r;

	if (s->p != NULL) {
		memcpy(buf, s->p + off, n);
		return n;
	}
	while (got < n) {
		r = pread(s->fd, buf + got, n - got, (off_t)(off + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* Offset just past the first newline at or after "at" (or the size). */
static size_t
src_next_line(const struct src *s, size_t at)
{
	char b[4096];
	const char *nl;
	size_t n;

	while (at < s->size) {
		n = s->size - at < sizeof(b) ? s->size - at : sizeof(b);
		if (src_read(s, b, at, n) != n)
			return s->size;
		if ((nl = memchr(b, '\n', n)) != NULL)
			return at + (size_t)(nl - b) + 1;
		at += n;
	}
	return s->size;
}

/* What parsing a line needs. */
struct job {
	const char	*name;
	int		 dims;
	struct wordbuf	 words;
	const char	*lim;		/* readable end of the bytes */
	int		 simd;		/* fparse_row can run here */
	int		 failed;	/* phase 1 or 2 error in d */
	struct diag	 d;
};

static int
is_rspace(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int
is_nonfinite_word(const char *p, size_t n)
{
	static const char *const w[] = { "nan", "inf", "infinity", NULL };
	int i;

	if (n > 0 && (*p == '-' || *p == '+')) {
		p++;
		n--;
	}
	for (i = 0; w[i]; i++)
		if (strlen(w[i]) == n && strncasecmp(p, w[i], n) == 0)
			return 1;
	return 0;
}

/* One field as a component, with the located errors gensim cannot give. */
static int
parse_field(struct job *j, long line, const char *ls, const char *f,
    const char *fe, int k, float *out)
{
	size_t n;

	if (f == fe)
		return diag_fail(&j->d, j->name, line, (int)(f - ls) + 1,
		    "empty field (two spaces in a row?) where component %d "
		    "was expected", k + 1);
	n = fparse(f, fe, out);
	if (n == (size_t)(fe - f)) {
		if (!isfinite(*out))
			return diag_fail(&j->d, j->name, line, (int)(f - ls) + 1,
			    "component %d is out of float32 range: \"%.*s\"",
			    k + 1, (int)(fe - f > 40 ? 40 : fe - f), f);
		return 0;
	}
	if (is_nonfinite_word(f, (size_t)(fe - f)))
		return diag_fail(&j->d, j->name, line, (int)(f - ls) + 1,
		    "component %d is not finite: \"%.*s\"", k + 1,
		    (int)(fe - f), f);
	return diag_fail(&j->d, j->name, line, (int)(f - ls) + 1,
	    "component %d is not a number: \"%.*s\"", k + 1,
	    (int)(fe - f > 40 ? 40 : fe - f), f);
}

/*
 * Slow path of one line: the last D space-separated fields are the
 * vector, everything before them (spaces included) the token. A token
 * whose last piece is itself a number means a row with too many
 * components rather than a token with a space.
 */
static int
parse_line_slow(struct job *j, long line, const char *ls, const char *le,
    float *row)
{
	int D = j->dims, nf = 0, k, extra;
	const char **fs = xmalloc(sizeof(*fs) * ((size_t)(le - ls) + 2));
	const char *p;
	float x;
	int rc = -1;

	fs[nf++] = ls;
	for (p = ls; p < le; p++)
		if (*p == ' ')
			fs[nf++] = p + 1;
	/* fields: fs[i] .. fs[i+1]-1 (the last ends at le) */
	if (nf - 1 < D) {
		diag_fail(&j->d, j->name, line, 0, "expected %d components, "
		    "found %d", D, nf - 1);
		goto out;
	}
	for (k = 0; k < D; k++) {
		int fi = nf - D + k;
		const char *f = fs[fi], *fe = fi + 1 < nf ? fs[fi + 1] - 1 : le;

		if (parse_field(j, line, ls, f, fe, k, &row[k]) < 0)
			goto out;
	}
	/* An empty field in the token: two spaces in a row (gensim fails). */
	for (k = 0; k < nf - D; k++)
		if (fs[k + 1] - 1 == fs[k]) {
			diag_fail(&j->d, j->name, line, (int)(fs[k] - ls) + 1,
			    "empty field (two spaces in a row?)");
			goto out;
		}
	/* Count how many fields before the vector are numbers too. */
	for (extra = 0; nf - D - 1 - extra > 0; extra++) {
		int fi = nf - D - 1 - extra;
		const char *f = fs[fi], *fe = fs[fi + 1] - 1;

		if (fe == f || fparse(f, fe, &x) != (size_t)(fe - f))
			break;
	}
	if (extra > 0) {
		diag_fail(&j->d, j->name, line, 0, "expected %d components, "
		    "found %d", D, D + extra);
		goto out;
	}
	if (wordbuf_add(&j->words, ls, (size_t)(fs[nf - D] - 1 - ls)) < 0) {
		diag_fail(&j->d, j->name, line, 0, "vocabulary too large");
		goto out;
	}
	rc = 0;
out:
	free(fs);
	return rc;
}

static int
parse_line(struct job *j, long line, const char *ls, const char *le,
    float *row)
{
	const char *p, *sp;
	int k, D = j->dims;
	size_t n;

	while (le > ls && is_rspace(le[-1]))
		le--;
	if (le == ls)
		return diag_fail(&j->d, j->name, line, 0, "empty line");
	sp = memchr(ls, ' ', (size_t)(le - ls));
	if (sp == NULL)
		return diag_fail(&j->d, j->name, line, 0, "expected %d "
		    "components, found 0", D);
	/* Fastest path: the whole row at once (never gives Inf or NaN). */
	p = sp + 1;
	if (j->simd && j->lim - le >= 16 && fparse_row(p, le, D, row) == 0) {
		if (wordbuf_add(&j->words, ls, (size_t)(sp - ls)) < 0)
			return diag_fail(&j->d, j->name, line, 0,
			    "vocabulary too large");
		return 0;
	}
	/* Fast path: token, then exactly D numbers separated by one space. */
	for (k = 0; k < D; k++) {
		n = fparse_sse(p, le, j->lim, &row[k]);
		if (n == 0)
			break;
		p += n;
		if (k + 1 < D) {
			if (p >= le || *p != ' ')
				break;
			p++;
		}
	}
	if (k == D && p == le) {
		/* Only strtod's overflow can give Inf: one pass over the row
		 * (vectorised) instead of a test per component. */
		int bad = 0;

		for (k = 0; k < D; k++)
			bad |= !(fabsf(row[k]) <= FLT_MAX);
		if (bad)
			return parse_line_slow(j, line, ls, le, row);
		if (wordbuf_add(&j->words, ls, (size_t)(sp - ls)) < 0)
			return diag_fail(&j->d, j->name, line, 0,
			    "vocabulary too large");
		return 0;
	}
	return parse_line_slow(j, line, ls, le, row);
}

/*
 * One pass: the body is cut at line starts into pieces of about
 * src->chunk bytes; the threads take them in file order. A
 * piece is read once into a buffer, its lines counted and published;
 * once every earlier piece has published its count, the piece knows its
 * first row and parses its lines from the same buffer into the matrix.
 * (Counting first in a pass of its own would read the whole file twice.)
 * The matrix is reserved for the most rows the bytes can hold when every
 * row is valid (a row needs 2 * dims + 1 bytes; untouched pages cost
 * nothing); a file of many short lines overflows that, and text_run then
 * counts first and runs again, as it does when the bound cannot be
 * reserved.
 * The first failing piece in file order decides the error: pieces before
 * it always finish, pieces after it stop.
 */
struct piece {
	size_t		 start, stop;
	long		 nlines, row0;
	struct wordbuf	 words;
	struct diag	 d;
};

struct pipe {
	const struct src *src;
	const char	*name;
	int		 dims, simd;
	long		 line0;
	float		*mat;
	long		 cap;		/* rows the matrix holds */
	struct piece	*pc;
	size_t		 npc;
	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;
	size_t		 take;		/* the next piece a worker takes */
	size_t		 next;		/* pieces [0, next) have their row0 */
	long		 rows;		/* rows of pieces [0, next) */
	size_t		 fail;		/* first failed piece (npc: none) */
	int		 overflow;
};

struct worker {
	struct pipe	*pp;
};

/* Under the lock: piece k failed (its diag is set). */
static void
pipe_fail(struct pipe *pp, size_t k)
{
	if (k < pp->fail)
		pp->fail = k;
	pthread_cond_broadcast(&pp->cond);
}

static void *
pipe_work(void *arg)
{
	struct worker *w = arg;
	struct pipe *pp = w->pp;
	struct job j;
	size_t k, len, cap = 0, i;
	char *buf = NULL, *p, *e, *nl;
	long n, row;
	int stop;

	memset(&j, 0, sizeof(j));
	j.name = pp->name;
	j.dims = pp->dims;
	j.simd = pp->simd;
	for (;;) {
		struct piece *pc;

		/* Pieces are taken in file order, and a piece is counted
		 * before its worker waits for anything: the count of every
		 * earlier piece is on its way. */
		pthread_mutex_lock(&pp->lock);
		k = pp->take++;
		stop = k >= pp->npc || k > pp->fail || pp->overflow;
		pthread_mutex_unlock(&pp->lock);
		if (stop)
			break;
		pc = &pp->pc[k];
		len = pc->stop - pc->start;
		if (len + PAD > cap) {
			cap = len + PAD;
			buf = xrealloc(buf, cap);
		}
		if (src_read(pp->src, buf, pc->start, len) != len) {
			diag_fail(&pc->d, pp->name, 0, 0, "cannot read: %s",
			    strerror(errno ? errno : EIO));
			pthread_mutex_lock(&pp->lock);
			pipe_fail(pp, k);
			pthread_mutex_unlock(&pp->lock);
			break;
		}
		n = 0;
		for (p = buf, e = buf + len; (p = memchr(p, '\n',
		    (size_t)(e - p))) != NULL; p++)
			n++;
		if (len > 0 && buf[len - 1] != '\n')
			n++;
		pthread_mutex_lock(&pp->lock);
		pc->nlines = n;
		pc->row0 = -1;		/* counted (-2: not yet) */
		for (i = pp->next; i < pp->npc && pp->pc[i].row0 == -1; i++) {
			pp->pc[i].row0 = pp->rows;
			pp->rows += pp->pc[i].nlines;
			pp->next = i + 1;
		}
		pthread_cond_broadcast(&pp->cond);
		while (pp->next <= k && k < pp->fail && !pp->overflow)
			pthread_cond_wait(&pp->cond, &pp->lock);
		stop = k > pp->fail || pp->overflow;
		if (!stop && pc->row0 + n > pp->cap) {
			pp->overflow = 1;
			pthread_cond_broadcast(&pp->cond);
			stop = 1;
		}
		pthread_mutex_unlock(&pp->lock);
		if (stop)
			break;
		j.lim = buf + cap;
		j.words = pc->words;
		row = pc->row0;
		for (p = buf; p < e; p = nl + 1) {
			nl = memchr(p, '\n', (size_t)(e - p));
			if (parse_line(&j, pp->line0 + row, p, nl ? nl : e,
			    pp->mat + (size_t)row * (size_t)pp->dims) < 0) {
				pc->d = j.d;
				j.failed = 1;
				break;
			}
			row++;
			if (nl == NULL)
				break;
		}
		pc->words = j.words;
		if (j.failed) {
			pthread_mutex_lock(&pp->lock);
			pipe_fail(pp, k);
			pthread_mutex_unlock(&pp->lock);
			break;
		}
	}
	free(buf);
	return NULL;
}

/* First line: "N D" header or a first GloVe row; fills dims/body. */
static int
read_head(const struct src *src, const char *name, const char *format,
    int *dims, long *hrows, size_t *body, struct diag *d)
{
	char b[65536];
	ssize_t r = (ssize_t)(src->size < sizeof(b) - 1 ? src->size : sizeof(b) - 1);
	char *nl, *le, *p;
	long n1 = -1, n2 = -1;
	int fields = 0, header;
	char extra;

	if (r == 0)
		return diag_fail(d, name, 0, 0, "empty file");
	if (src_read(src, b, 0, (size_t)r) != (size_t)r)
		return diag_fail(d, name, 0, 0, "cannot read: %s",
		    strerror(errno ? errno : EIO));
	b[r] = '\0';
	nl = memchr(b, '\n', (size_t)r);
	if (nl == NULL && (size_t)r == sizeof(b) - 1)
		return diag_fail(d, name, 1, 0, "first line longer than %zu "
		    "bytes", sizeof(b) - 1);
	le = nl ? nl : b + r;
	while (le > b && is_rspace(le[-1]))
		le--;
	*le = '\0';
	header = sscanf(b, "%ld %ld%c", &n1, &n2, &extra) == 2 &&
	    strspn(b, "0123456789 ") == (size_t)(le - b);
	if (strcmp(format, "word2vec") == 0) {
		if (!header)
			return diag_fail(d, name, 1, 0, "expected a word2vec "
			    "header \"ROWS DIMS\", found \"%.40s\"", b);
		if (n1 < 0 || n2 <= 0 || n2 > 1000000)
			return diag_fail(d, name, 1, 0, "implausible header "
			    "\"%ld %ld\"", n1, n2);
		*dims = (int)n2;
		*hrows = n1;
		*body = nl ? (size_t)(nl - b) + 1 : (size_t)r;
		return 0;
	}
	/* GloVe: dims = fields of the first line - 1 (gensim's glove2word2vec). */
	for (p = b; p < le; p++)
		if (*p == ' ' && (p == b || p[-1] != ' '))
			fields++;
	fields++;
	if (le == b)
		return diag_fail(d, name, 1, 0, "empty line");
	if (fields < 2)
		return diag_fail(d, name, 1, 0, "no vector components on the "
		    "first line");
	*dims = fields - 1;
	*hrows = -1;
	*body = 0;
	return 0;
}

/* Line-aligned pieces of [body, size) of about src->chunk bytes each. */
static size_t
cut_pieces(const struct src *src, size_t body, struct piece **out)
{
	size_t cap = 16, n = 0, at = body, nx;
	struct piece *pc = xmalloc(cap * sizeof(*pc));

	while (at < src->size) {
		nx = src->size - at <= src->chunk ? src->size :
		    src_next_line(src, at + src->chunk - 1);
		if (n == cap) {
			cap *= 2;
			pc = xrealloc(pc, cap * sizeof(*pc));
		}
		memset(&pc[n], 0, sizeof(pc[n]));
		pc[n].start = at;
		pc[n].stop = nx;
		wordbuf_init(&pc[n].words);
		n++;
		at = nx;
	}
	*out = pc;
	return n;
}

/* Every line of the body, counted (the fallback when rows overflow). */
static long
count_all(const struct src *src, const struct piece *pc, size_t npc)
{
	size_t k, len, cap = 0;
	char *buf = NULL, *p, *e;
	long n = 0;

	for (k = 0; k < npc; k++) {
		len = pc[k].stop - pc[k].start;
		if (len > cap) {
			cap = len;
			buf = xrealloc(buf, cap);
		}
		if (src_read(src, buf, pc[k].start, len) != len)
			break;	/* the parse reports it */
		for (p = buf, e = buf + len; (p = memchr(p, '\n',
		    (size_t)(e - p))) != NULL; p++)
			n++;
		if (len > 0 && buf[len - 1] != '\n')
			n++;
	}
	free(buf);
	return n;
}

static struct space *
text_run(const char *name, struct src *src, const char *format, struct diag *d)
{
	struct pipe pp;
	struct worker w[MAXTHREADS];
	pthread_t tid[MAXTHREADS];
	int nt = 1, t, dims = 0, started[MAXTHREADS], again = 0;
	long hrows = -1, total, line0;
	size_t body = 0, k, npc;
	struct space *s = NULL;
	struct piece *pc = NULL;
	struct wordbuf all;
	struct diag d2;
	long nproc;

	if (read_head(src, name, format, &dims, &hrows, &body, d) < 0)
		return NULL;
	line0 = hrows >= 0 ? 2 : 1;
	npc = cut_pieces(src, body, &pc);
	/* Threads from the process's budget (util/par.h): the caller's own
	 * and whatever slots nobody holds; rows land by file order, so the
	 * space is the same for any count. */
	nproc = sysconf(_SC_NPROCESSORS_ONLN);
	if (src->size - body > (16u << 20)) {
		nt = nproc > MAXTHREADS ? MAXTHREADS : nproc < 1 ? 1 : (int)nproc;
		nt = 1 + par_reserve(nt - 1);
	}
	s = store_new(name, format);
	s->dims = dims;
	snprintf(s->dtype, sizeof(s->dtype), "text");
	memset(&pp, 0, sizeof(pp));
	pp.src = src;
	pp.name = name;
	pp.dims = dims;
	pp.simd = fparse_row_simd();
	pp.line0 = line0;
	pp.pc = pc;
	pp.npc = npc;
	pp.cap = (long)((src->size - body) / (2 * (size_t)dims + 1)) + 1;
	pthread_mutex_init(&pp.lock, NULL);
	pthread_cond_init(&pp.cond, NULL);
run:
	if (store_mat_reserve(s, pp.cap, dims, again ? d : &d2) < 0) {
		if (again)
			goto fail;
		/* No room for the bound (a huge file, strict overcommit):
		 * count, then reserve exactly. */
		pp.cap = count_all(src, pc, npc);
		again = 1;
		goto run;
	}
	pp.mat = s->mat;
	pp.next = 0;
	pp.rows = 0;
	pp.fail = npc;
	pp.overflow = 0;
	for (k = 0; k < npc; k++) {
		wordbuf_clear(&pc[k].words);
		wordbuf_init(&pc[k].words);
		pc[k].row0 = -2;
	}
	for (t = 0; t < nt; t++) {
		w[t].pp = &pp;
	}
	pp.take = 0;
	for (t = 1; t < nt; t++)
		started[t] = pthread_create(&tid[t], NULL, pipe_work, &w[t]) == 0;
	pipe_work(&w[0]);
	for (t = 1; t < nt; t++)
		if (started[t])
			pthread_join(tid[t], NULL);
	if (pp.overflow && !again) {
		/* More lines than valid rows could fill: count, then again. */
		pp.cap = count_all(src, pc, npc);
		again = 1;
		goto run;
	}
	if (pp.fail < npc) {
		*d = pc[pp.fail].d;
		goto fail;
	}
	if (pp.overflow) {
		diag_fail(d, name, 0, 0, "cannot read: the file changed while "
		    "it was read");
		goto fail;
	}
	total = pp.rows;
	if (hrows >= 0 && total != hrows) {
		diag_fail(d, name, 1, 0, "header says %ld rows but the file has "
		    "%ld", hrows, total);
		goto fail;
	}
	if (total == 0) {
		diag_fail(d, name, 0, 0, "no vectors in the file");
		goto fail;
	}
	/* Join the words of every piece, in file order. */
	all = pc[0].words;
	wordbuf_init(&pc[0].words);
	for (k = 1; k < npc; k++) {
		if (wordbuf_append(&all, &pc[k].words) < 0) {
			wordbuf_clear(&all);
			diag_fail(d, name, 0, 0, "vocabulary too large");
			goto fail;
		}
		wordbuf_clear(&pc[k].words);	/* words held once, not twice */
	}
	s->rows = total;
	store_mat_trim(s);
	wordbuf_give(&all, s);
	for (k = 0; k < npc; k++)
		wordbuf_clear(&pc[k].words);
	free(pc);
	pc = NULL;
	pthread_mutex_destroy(&pp.lock);
	pthread_cond_destroy(&pp.cond);
	par_release(nt - 1);
	if (store_finish(s, line0, d) < 0) {
		space_free(s);
		return NULL;
	}
	return s;
fail:
	pthread_mutex_destroy(&pp.lock);
	pthread_cond_destroy(&pp.cond);
	par_release(nt - 1);
	for (k = 0; k < npc; k++)
		wordbuf_clear(&pc[k].words);
	free(pc);
	space_free(s);
	return NULL;
}

struct space *
text_parse(const char *name, const char *p, size_t n, const char *format,
    struct diag *d)
{
	struct src src;

	src.p = p;
	src.fd = -1;
	src.size = n;
	src.chunk = 4096;
	return text_run(name, &src, format, d);
}

struct space *
text_read(const char *path, const char *format, struct diag *d)
{
	struct src src;
	struct space *s;
	struct stat st;

	src.p = NULL;
	src.chunk = CHUNK;
	if ((src.fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		diag_fail(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(src.fd, &st) != 0) {
		diag_fail(d, path, 0, 0, "cannot stat: %s", strerror(errno));
		close(src.fd);
		return NULL;
	}
	src.size = (size_t)st.st_size;
#ifdef POSIX_FADV_SEQUENTIAL
	(void)posix_fadvise(src.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	s = text_run(path, &src, format, d);
	close(src.fd);
	return s;
}

/*
 * Shortest decimal that our own reader (fparse) reads back to exactly v:
 * GloVe's 0.418 stays "0.418". Tries 6 significant digits first (most
 * published vectors have at most 6), then walks down or up.
 */
static int
fmt_short(char *out, size_t outsz, float v)
{
	float x;
	int p, len, best = -1;
	char tmp[48];

	if (v == 0)
		return snprintf(out, outsz, signbit(v) ? "-0" : "0");
	len = snprintf(tmp, sizeof(tmp), "%.6g", (double)v);
	if (fparse(tmp, tmp + len, &x) == (size_t)len && x == v) {
		best = len;
		memcpy(out, tmp, (size_t)len + 1);
		for (p = 5; p >= 1; p--) {
			len = snprintf(tmp, sizeof(tmp), "%.*g", p, (double)v);
			if (fparse(tmp, tmp + len, &x) != (size_t)len || x != v)
				break;
			best = len;
			memcpy(out, tmp, (size_t)len + 1);
		}
		return best;
	}
	for (p = 7; p <= 9; p++) {
		len = snprintf(out, outsz, "%.*g", p, (double)v);
		if (fparse(out, out + len, &x) == (size_t)len && x == v)
			break;
	}
	return len;
}

static int
write_text(const struct space *s, const char *path, int header, struct diag *d)
{
	struct afile f;
	char tmp[64];
	long i;
	int k, n;
	size_t len;
	const char *w;
	const float *row;

	if (afile_open(&f, path, d) < 0)
		return -1;
	if (header) {
		n = snprintf(tmp, sizeof(tmp), "%ld %d\n", s->rows, s->dims);
		afile_write(&f, tmp, (size_t)n);
	}
	for (i = 0; i < s->rows; i++) {
		w = space_word(s, i, &len);
		afile_write(&f, w, len);
		row = space_row(s, i);
		for (k = 0; k < s->dims; k++) {
			tmp[0] = ' ';
			n = fmt_short(tmp + 1, sizeof(tmp) - 1, row[k]);
			afile_write(&f, tmp, (size_t)n + 1);
		}
		afile_write(&f, "\n", 1);
	}
	return afile_commit(&f, d);
}

int
space_write_glove(const struct space *s, const char *path, struct diag *d)
{
	return write_text(s, path, 0, d);
}

int
space_write_word2vec(const struct space *s, const char *path, struct diag *d)
{
	return write_text(s, path, 1, d);
}
