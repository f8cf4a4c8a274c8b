/*
 * store/text: GloVe text (no header) and word2vec/fastText text ("N D"
 * header), read in parallel with gensim's semantics, and written back.
 * Reads the file with pread (so the page cache is not charged to us);
 * produces a space. Never accepts a non-finite component or a ragged row.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/fparse.h"
#include "store/store.h"
#include "util/xalloc.h"

#define BLOCK	(4u << 20)
#define MAXTHREADS 8

/* The bytes of the file: a descriptor, or memory (fuzzers, tests). */
struct src {
	int		 fd;
	const char	*mem;
	size_t		 size;
};

static ssize_t
src_read(const struct src *s, char *b, size_t n, size_t off)
{
	ssize_t r;
	size_t got = 0;

	if (off >= s->size)
		return 0;
	if (n > s->size - off)
		n = s->size - off;
	if (s->mem) {
		memcpy(b, s->mem + off, n);
		return (ssize_t)n;
	}
	while (got < n) {
		r = pread(s->fd, b + got, n - got, (off_t)(off + got));
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

struct job {
	const struct src *src;
	const char	*name;
	size_t		 start, stop;	/* line-aligned byte range */
	long		 nlines;	/* phase 1 */
	long		 row0;		/* phase 2: first row */
	long		 line0;		/* line number of row 0 of the file */
	int		 dims;
	float		*mat;
	struct wordbuf	 words;
	const char	*lim;		/* readable end of the buffer */
	int		 failed;	/* phase 1 or 2 error in d */
	struct diag	 d;
};

static void *
count_lines(void *arg)
{
	struct job *j = arg;
	size_t bsz = j->stop - j->start < BLOCK ? j->stop - j->start + 1 : BLOCK;
	char *b = xmalloc(bsz);
	size_t off = j->start, i;
	ssize_t r;
	long n = 0;
	char last = '\n';

	while (off < j->stop) {
		size_t want = j->stop - off < bsz ? j->stop - off : bsz;

		if ((r = src_read(j->src, b, want, off)) <= 0) {
			j->failed = 1;
			diag_fail(&j->d, j->name, 0, 0, "read error: %s",
			    r < 0 ? strerror(errno) : "file shrank");
			break;
		}
		{
			const char *p = b, *e = b + r;

			while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
				n++;
				p++;
			}
		}
		last = b[r - 1];
		off += (size_t)r;
	}
	if (last != '\n' && j->stop > j->start)
		n++;
	(void)i;
	j->nlines = n;
	free(b);
	return NULL;
}

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
	/* Fast path: token, then exactly D numbers separated by one space. */
	p = sp + 1;
	for (k = 0; k < D; k++) {
		n = fparse_fast(p, le, j->lim, &row[k]);
		if (n == 0 || !isfinite(row[k]))
			break;
		p += n;
		if (k + 1 < D) {
			if (p >= le || *p != ' ')
				break;
			p++;
		}
	}
	if (k == D && p == le) {
		if (wordbuf_add(&j->words, ls, (size_t)(sp - ls)) < 0)
			return diag_fail(&j->d, j->name, line, 0,
			    "vocabulary too large");
		return 0;
	}
	return parse_line_slow(j, line, ls, le, row);
}

static void *
parse_range(void *arg)
{
	struct job *j = arg;
	size_t cap = j->stop - j->start < BLOCK ? j->stop - j->start + 64 : BLOCK;
	size_t have = 0, off = j->start, i0;
	char *b = xmalloc(cap + 1);
	long row = j->row0, line;
	ssize_t r;
	int eof = 0;

	while (!j->failed) {
		/* Refill after the unfinished line kept at the front. */
		if (!eof && off < j->stop) {
			size_t want = j->stop - off;

			if (have == cap) {
				cap *= 2;
				b = xrealloc(b, cap + 1);
			}
			if (want > cap - have)
				want = cap - have;
			if ((r = src_read(j->src, b + have, want, off)) <= 0) {
				j->failed = 1;
				diag_fail(&j->d, j->name, 0, 0, "read error: %s",
				    r < 0 ? strerror(errno) : "file shrank");
				break;
			}
			have += (size_t)r;
			off += (size_t)r;
		}
		if (off >= j->stop)
			eof = 1;
		i0 = 0;
		for (;;) {
			char *nl = memchr(b + i0, '\n', have - i0);
			char *le;

			if (nl == NULL) {
				if (!eof || i0 == have)
					break;
				le = b + have;	/* last line, no newline */
			} else
				le = nl;
			line = j->line0 + row;
			j->lim = b + have;
			if (parse_line(j, line, b + i0, le,
			    j->mat + (size_t)(row - 0) * (size_t)j->dims) < 0) {
				j->failed = 1;
				break;
			}
			row++;
			i0 = (size_t)(le - b) + (nl ? 1 : 0);
			if (nl == NULL)
				break;
		}
		if (j->failed)
			break;
		memmove(b, b + i0, have - i0);
		have -= i0;
		if (eof && have == 0)
			break;
		if (eof && have > 0)
			continue;
	}
	free(b);
	return NULL;
}

/* First line: "N D" header or a first GloVe row; fills dims/body. */
static int
read_head(const struct src *src, const char *name, const char *format,
    int *dims, long *hrows, size_t *body, struct diag *d)
{
	char b[65536];
	ssize_t r = src_read(src, b, sizeof(b) - 1, 0);
	char *nl, *le, *p;
	long n1 = -1, n2 = -1;
	int fields = 0, header;
	char extra;

	if (r < 0)
		return diag_fail(d, name, 0, 0, "read error: %s", strerror(errno));
	if (r == 0)
		return diag_fail(d, name, 0, 0, "empty file");
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

static struct space *
text_run(const char *name, struct src *src, const char *format, struct diag *d)
{
	struct job jobs[MAXTHREADS];
	pthread_t tid[MAXTHREADS];
	int nt = 1, t, dims = 0, started[MAXTHREADS];
	long hrows = -1, total = 0, line0;
	size_t body = 0, split[MAXTHREADS + 1];
	struct space *s = NULL;
	struct wordbuf all;
	long nproc;

	if (read_head(src, name, format, &dims, &hrows, &body, d) < 0)
		return NULL;
	line0 = hrows >= 0 ? 2 : 1;
	nproc = sysconf(_SC_NPROCESSORS_ONLN);
	if (src->size - body > (16u << 20))
		nt = nproc > MAXTHREADS ? MAXTHREADS : nproc < 1 ? 1 : (int)nproc;
	/* Line-aligned split points. */
	split[0] = body;
	for (t = 1; t < nt; t++) {
		size_t at = body + (src->size - body) / (size_t)nt * (size_t)t;
		char b[65536];
		ssize_t r;
		char *nl = NULL;

		if (at < split[t - 1])
			at = split[t - 1];
		while ((r = src_read(src, b, sizeof(b), at)) > 0 &&
		    (nl = memchr(b, '\n', (size_t)r)) == NULL)
			at += (size_t)r;
		split[t] = nl ? at + (size_t)(nl - b) + 1 : src->size;
	}
	split[nt] = src->size;
	memset(jobs, 0, sizeof(jobs));
	for (t = 0; t < nt; t++) {
		jobs[t].src = src;
		jobs[t].name = name;
		jobs[t].start = split[t];
		jobs[t].stop = split[t + 1];
		jobs[t].dims = dims;
		wordbuf_init(&jobs[t].words);
	}
	for (t = 0; t < nt; t++)
		started[t] = nt > 1 && pthread_create(&tid[t], NULL, count_lines,
		    &jobs[t]) == 0;
	for (t = 0; t < nt; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			count_lines(&jobs[t]);
	}
	for (t = 0; t < nt; t++) {
		if (jobs[t].failed) {
			*d = jobs[t].d;
			goto fail;
		}
		jobs[t].row0 = total;
		total += jobs[t].nlines;
	}
	if (hrows >= 0 && total != hrows) {
		diag_fail(d, name, 1, 0, "header says %ld rows but the file has "
		    "%ld", hrows, total);
		goto fail;
	}
	if (total == 0) {
		diag_fail(d, name, 0, 0, "no vectors in the file");
		goto fail;
	}
	s = store_new(name, format);
	s->dims = dims;
	snprintf(s->dtype, sizeof(s->dtype), "text");
	if (store_mat_reserve(s, total, dims, d) < 0)
		goto fail;
	for (t = 0; t < nt; t++) {
		jobs[t].mat = s->mat;
		jobs[t].line0 = line0;
	}
	for (t = 0; t < nt; t++)
		started[t] = nt > 1 && pthread_create(&tid[t], NULL, parse_range,
		    &jobs[t]) == 0;
	for (t = 0; t < nt; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		else
			parse_range(&jobs[t]);
	}
	for (t = 0; t < nt; t++)
		if (jobs[t].failed) {
			*d = jobs[t].d;
			goto fail;
		}
	/* Join the words of every range. */
	wordbuf_init(&all);
	for (t = 0; t < nt; t++) {
		struct wordbuf *w = &jobs[t].words;
		size_t i;

		for (i = 0; i < w->n; i++) {
			size_t end = i + 1 < w->n ? w->off[i + 1] : w->blob.len;

			if (wordbuf_add(&all, w->blob.data + w->off[i],
			    end - w->off[i] - 1) < 0) {
				wordbuf_clear(&all);
				diag_fail(d, name, 0, 0, "vocabulary too large");
				goto fail;
			}
		}
		wordbuf_clear(w);
	}
	s->rows = total;
	wordbuf_give(&all, s);
	if (store_finish(s, line0, d) < 0)
		goto fail;
	return s;
fail:
	for (t = 0; t < nt; t++)
		wordbuf_clear(&jobs[t].words);
	space_free(s);
	return NULL;
}

struct space *
text_parse(const char *name, const char *p, size_t n, const char *format,
    struct diag *d)
{
	struct src src = { -1, p, n };

	return text_run(name, &src, format, d);
}

struct space *
text_read(const char *path, const char *format, struct diag *d)
{
	struct src src;
	struct stat st;
	struct space *s;

	src.mem = NULL;
	if ((src.fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		diag_fail(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(src.fd, &st) < 0) {
		diag_fail(d, path, 0, 0, "cannot stat: %s", strerror(errno));
		close(src.fd);
		return NULL;
	}
	src.size = (size_t)st.st_size;
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
