/*
 * store/tensorfetch: one tensor of a remote safetensors file, without
 * downloading the file. Reads bytes 0-7 (the header length), then the
 * JSON header, with HTTP range requests through libcurl; checks the
 * header as the local reader does (store/safetensors.c); then asks for
 * the tensor's byte range only, appending to a part file and resuming
 * from its length when a transfer breaks, in this run or a later one
 * (the part file's record says which file its bytes came from). A
 * server that ignores Range
 * answers 200 with the whole file: the same byte consumer then reads it
 * as a stream, skipping what it does not need, and stops after the
 * tensor. Never writes the output before every byte arrived and the
 * conversion succeeded.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <dlfcn.h>

#include <curl/curl.h>

#include "store/store.h"
#include "store/tensorfetch.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/xalloc.h"

/*
 * libcurl, opened on the first fetch: linked in, it and the thirty
 * libraries it needs (TLS, Kerberos, LDAP, SSH...) were loaded and
 * relocated by every vecdoc run, a tenth of a warm site build's time.
 */
static struct {
	CURLcode	(*global_init)(long);
	CURL		*(*easy_init)(void);
	CURLcode	(*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode	(*easy_perform)(CURL *);
	CURLcode	(*easy_getinfo)(CURL *, CURLINFO, ...);
	const char	*(*easy_strerror)(CURLcode);
	void		(*easy_cleanup)(CURL *);
} cu;

static int
curl_open(const char *url, struct diag *d)
{
	static const char *const names[] = {
		"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"
	};
	void *h = NULL;
	size_t i;

	if (cu.easy_init != NULL)
		return 0;
	for (i = 0; h == NULL && i < sizeof(names) / sizeof(names[0]); i++)
		h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (h == NULL)
		return diag_fail(d, url, 0, 0, "cannot load libcurl (%s): "
		    "install libcurl4", dlerror());
	*(void **)&cu.global_init = dlsym(h, "curl_global_init");
	*(void **)&cu.easy_setopt = dlsym(h, "curl_easy_setopt");
	*(void **)&cu.easy_perform = dlsym(h, "curl_easy_perform");
	*(void **)&cu.easy_getinfo = dlsym(h, "curl_easy_getinfo");
	*(void **)&cu.easy_strerror = dlsym(h, "curl_easy_strerror");
	*(void **)&cu.easy_cleanup = dlsym(h, "curl_easy_cleanup");
	if (cu.global_init == NULL || cu.easy_setopt == NULL ||
	    cu.easy_perform == NULL || cu.easy_getinfo == NULL ||
	    cu.easy_strerror == NULL || cu.easy_cleanup == NULL ||
	    dlsym(h, "curl_easy_init") == NULL) {
		dlclose(h);
		memset(&cu, 0, sizeof(cu));
		return diag_fail(d, url, 0, 0, "cannot load libcurl: a "
		    "function is missing");
	}
	cu.global_init(CURL_GLOBAL_DEFAULT);
	*(void **)&cu.easy_init = dlsym(h, "curl_easy_init");
	return 0;
}

/* Broken transfers of the tensor's range resumed at most this often. */
#define TF_ATTEMPTS	6

/*
 * The state of the whole fetch, shared by its requests: "pos" is the
 * file offset of the next body byte the server sends. Bytes before the
 * header is known fill len8/json; then bytes before begin + have pass
 * by, bytes up to end go to the part file.
 */
struct xfer {
	struct tfetch	*f;
	struct diag	*d;
	CURL		*h;
	int		 fd;		/* the part file */
	uint64_t	 pos;
	uint64_t	 reqstart;	/* first byte the request asked for */
	int		 started;	/* body of this response seen */
	int		 failed;	/* d is set */
	int		 done;		/* every tensor byte is in */
	/* headers of the current response */
	long long	 crstart, crtotal, clen;
	char		 etag[256], lastmod[128];
	/* the validators of the run's first response, which every later
	 * response must repeat when it has them */
	char		 etag0[256], lastmod0[128];
	int		 validset;
	/* the safetensors header */
	unsigned char	 len8[8];
	uint64_t	 hl;
	int		 hdrdone;
	struct buf	 json;
	uint64_t	 have;		/* tensor bytes in the part file */
	int		 lastpct;
	int		 barup;		/* a bar is drawn, its line open */
};

/* Copies a header's value (after "name:"), blanks and CRLF trimmed. */
static void
header_value(const char *v, char *out, size_t n)
{
	size_t len;

	while (*v == ' ' || *v == '\t')
		v++;
	len = strcspn(v, "\r\n");
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	if (len >= n)
		len = n - 1;
	memcpy(out, v, len);
	out[len] = '\0';
}

/* "Content-Range: bytes A-B/T" and "Content-Length: N" of each response
 * (a redirect's are replaced by the final response's). */
static size_t
on_header(char *p, size_t sz, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = sz * n;
	char line[256];
	unsigned long long a, b, t;

	if (len >= sizeof(line))
		return len;
	memcpy(line, p, len);
	line[len] = '\0';
	if (strncmp(line, "HTTP/", 5) == 0) {
		x->crstart = x->crtotal = x->clen = -1;
		x->etag[0] = x->lastmod[0] = '\0';
		return len;
	}
	if (strncasecmp(line, "etag:", 5) == 0)
		header_value(line + 5, x->etag, sizeof(x->etag));
	else if (strncasecmp(line, "last-modified:", 14) == 0)
		header_value(line + 14, x->lastmod, sizeof(x->lastmod));
	if (strncasecmp(line, "content-range:", 14) == 0) {
		if (sscanf(line + 14, " bytes %llu-%llu/%llu", &a, &b, &t) == 3) {
			x->crstart = (long long)a;
			x->crtotal = (long long)t;
		} else if (sscanf(line + 14, " bytes %llu-%llu/*", &a, &b) == 2)
			x->crstart = (long long)a;
	} else if (strncasecmp(line, "content-length:", 15) == 0 &&
	    sscanf(line + 15, " %llu", &a) == 1)
		x->clen = (long long)a;
	return len;
}

/*
 * The bar on a terminal, 40 columns of '#' and ' ' then "  40% 200.0/500.0
 * MB" (the tensor's bytes in the part file, of its size; B, kB, MB, GB),
 * redrawn in place at each whole percent; its line ends at 100% (or
 * with bar_break before any other message).
 */
static void
progress(struct xfer *x)
{
	uint64_t total = x->f->end - x->f->begin;
	int pct, k, w;

	if (!x->f->tty || total == 0)
		return;
	pct = (int)(x->have * 100 / total);
	if (pct == x->lastpct)
		return;
	x->lastpct = pct;
	w = pct * 40 / 100;
	fprintf(stderr, "\r  [");
	for (k = 0; k < 40; k++)
		fputc(k < w ? '#' : ' ', stderr);
	if (total < 1000)
		fprintf(stderr, "] %3d%% %llu/%llu B", pct,
		    (unsigned long long)x->have, (unsigned long long)total);
	else {
		double u = total >= 1e9 ? 1e9 : total >= 1e6 ? 1e6 : 1e3;

		fprintf(stderr, "] %3d%% %.1f/%.1f %s", pct, (double)x->have /
		    u, (double)total / u, u == 1e9 ? "GB" : u == 1e6 ? "MB" :
		    "kB");
	}
	x->barup = 1;
	if (pct == 100) {
		fputc('\n', stderr);
		x->barup = 0;
	}
}

/* Ends a bar's line, so that a message does not land inside it. */
static void
bar_break(struct xfer *x)
{
	if (x->barup) {
		fputc('\n', stderr);
		x->barup = 0;
		x->lastpct = -1;
	}
}

/* A message of the fetch on stdout (unless quiet), after the bar. */
static void
say(struct xfer *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
say(struct xfer *x, const char *fmt, ...)
{
	va_list ap;

	if (x->f->quiet)
		return;
	bar_break(x);
	printf("fetch: %s: ", x->f->tensor);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* The record of the part file: where its bytes come from. */
static void
record_format(const struct xfer *x, struct buf *b)
{
	const struct tfetch *f = x->f;
	uint64_t h = hash64(x->len8, 8) ^ hash64(x->json.data ? x->json.data :
	    "", x->json.len);

	buf_printf(b, "vecdoc tensor part 1\nurl %s\ntensor %s\nheader "
	    "%016llx\nbytes %llu %llu\nsize %llu\netag %s\nlast-modified %s\n",
	    f->url, f->tensor, (unsigned long long)h,
	    (unsigned long long)f->begin, (unsigned long long)f->end,
	    (unsigned long long)f->filesize, x->etag0, x->lastmod0);
}

/* The value of "key" in a record (up to the line's end), or "". */
static void
record_get(const char *r, const char *key, char *out, size_t n)
{
	size_t k = strlen(key);
	const char *p = r;

	out[0] = '\0';
	while (p != NULL && *p != '\0') {
		if (strncmp(p, key, k) == 0 && p[k] == ' ') {
			header_value(p + k + 1, out, n);
			return;
		}
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
}

/*
 * What differs between the record "old" of an earlier run and "now",
 * as a phrase for a message, or NULL when the part file's bytes are
 * still those of the tensor. A validator (size, ETag, Last-Modified)
 * counts only when both runs know it.
 */
static const char *
record_differs(const char *old, const char *now)
{
	static const struct {
		const char	*key;
		int		 optional;
		const char	*what;
	} keys[] = {
		{ "vecdoc", 0, "the record's version" },
		{ "url", 0, "the URL" },
		{ "tensor", 0, "the tensor's name" },
		{ "header", 0, "the file's header" },
		{ "bytes", 0, "the tensor's place in the file" },
		{ "size", 1, "the file's size" },
		{ "etag", 1, "the file's ETag" },
		{ "last-modified", 1, "the file's Last-Modified date" },
	};
	char a[512], b[512];
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		record_get(old, keys[i].key, a, sizeof(a));
		record_get(now, keys[i].key, b, sizeof(b));
		if (keys[i].optional && (a[0] == '\0' || b[0] == '\0' ||
		    strcmp(a, "0") == 0 || strcmp(b, "0") == 0))
			continue;
		if (strcmp(a, b) != 0)
			return keys[i].what;
	}
	return NULL;
}

/*
 * Opens (and locks) the part file once the header is known, and keeps
 * the bytes an earlier run left in it if its record still describes
 * this tensor of this file; empties it otherwise. The record is written
 * after the part file is emptied and before any tensor byte, so that a
 * run killed at any point leaves either nothing to resume or bytes that
 * its record describes. 0, or -1 with x->d set.
 */
static int
part_open(struct xfer *x)
{
	struct tfetch *f = x->f;
	struct buf now = BUF_INIT, old = BUF_INIT;
	struct diag d2;
	struct stat st;
	uint64_t total = f->end - f->begin;
	const char *what;
	char why[160], *tmp = NULL;
	int rc = -1;

	why[0] = '\0';
	if ((x->fd = open(f->part, O_RDWR | O_CREAT, 0644)) < 0)
		return diag_fail(x->d, f->part, 0, 0, "cannot create: %s",
		    strerror(errno));
	if (flock(x->fd, LOCK_EX | LOCK_NB) < 0) {
		diag_fail(x->d, f->part, 0, 0, "another vecdoc fetch is "
		    "downloading tensor \"%.80s\" (its part file is locked)",
		    f->tensor);
		close(x->fd);
		x->fd = -1;
		return -1;
	}
	if (fstat(x->fd, &st) < 0) {
		diag_fail(x->d, f->part, 0, 0, "cannot stat: %s",
		    strerror(errno));
		goto out;
	}
	record_format(x, &now);
	if (st.st_size > 0) {
		if (fs_read(f->meta, &old, &d2) < 0)
			snprintf(why, sizeof(why), "it has no record of where "
			    "its bytes come from");
		else if ((uint64_t)st.st_size > total)
			snprintf(why, sizeof(why), "it is longer than the tensor");
		else if ((what = record_differs(buf_str(&old),
		    buf_str(&now))) != NULL)
			snprintf(why, sizeof(why), "%s changed since that run",
			    what);
		if (why[0] == '\0') {
			x->have = f->kept = (uint64_t)st.st_size;
			say(x, "resuming at byte %llu: %llu of %llu bytes from an "
			    "earlier run", (unsigned long long)(f->begin +
			    x->have), (unsigned long long)x->have,
			    (unsigned long long)total);
		} else {
			say(x, "the part file of an earlier run is discarded: %s "
			    "(%llu bytes)", why, (unsigned long long)st.st_size);
			if (ftruncate(x->fd, 0) < 0) {
				diag_fail(x->d, f->part, 0, 0, "cannot truncate: "
				    "%s", strerror(errno));
				goto out;
			}
		}
	}
	tmp = xasprintf("%s.tmp", f->meta);
	if (fs_write(tmp, now.data, now.len, x->d) < 0)
		goto out;
	if (rename(tmp, f->meta) < 0) {
		diag_fail(x->d, f->meta, 0, 0, "cannot write: %s",
		    strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (lseek(x->fd, 0, SEEK_END) < 0) {
		diag_fail(x->d, f->part, 0, 0, "cannot seek: %s",
		    strerror(errno));
		goto out;
	}
	if (x->have == total)
		x->done = 1;
	rc = 0;
out:
	free(tmp);
	buf_clear(&now);
	buf_clear(&old);
	return rc;
}

/*
 * The header is complete: checks it (with the data's length when the
 * server told the file's size), finds the tensor, checks that it is a
 * matrix vecdoc converts and that its rows match the vocabulary, then
 * opens the part file. A header that fails a check leaves nothing worth
 * resuming (f->discard).
 */
static int
header_ready(struct xfer *x)
{
	struct tfetch *f = x->f;
	struct st_header h;
	const struct st_tensor *t;
	uint64_t datalen = UINT64_MAX;
	int rc = -1;

	f->discard = 1;
	if (f->filesize != 0) {
		if (f->filesize < 8 + x->hl)
			return diag_fail_at(x->d, f->url, 0, "header length %llu "
			    "exceeds the file (%llu bytes)",
			    (unsigned long long)x->hl,
			    (unsigned long long)f->filesize);
		datalen = f->filesize - 8 - x->hl;
	}
	if (safetensors_header(f->url, (const unsigned char *)x->json.data,
	    x->hl, datalen, &h, x->d) < 0)
		return -1;
	if ((t = safetensors_find(&h, f->url, f->tensor, x->d)) == NULL ||
	    safetensors_check_matrix(f->url, t, x->d) < 0)
		goto out;
	if (f->vocab_n >= 0 && t->shape[0] != (uint64_t)f->vocab_n) {
		diag_fail(x->d, f->url, 0, 0, "tensor \"%.80s\" has %llu rows "
		    "but the tokenizer's vocabulary %s has %ld pieces%s",
		    t->name, (unsigned long long)t->shape[0],
		    f->vocabname ? f->vocabname : "", f->vocab_n,
		    t->shape[0] > (uint64_t)f->vocab_n ? " (padding rows? "
		    "vecdoc does not drop rows silently)" : "");
		goto out;
	}
	snprintf(f->dtype, sizeof(f->dtype), "%s", t->dtype);
	f->rows = t->shape[0];
	f->cols = t->shape[1];
	f->begin = 8 + x->hl + t->begin;
	f->end = 8 + x->hl + t->end;
	x->hdrdone = 1;
	f->discard = 0;
	rc = part_open(x);
out:
	safetensors_header_clear(&h);
	return rc;
}

/* Takes n body bytes at file offset x->pos. 0, or -1 with x->d set. */
static int
consume(struct xfer *x, const unsigned char *p, size_t n)
{
	struct tfetch *f = x->f;
	size_t k;

	while (n > 0 && !x->done) {
		if (!x->hdrdone && x->pos < 8) {
			k = (size_t)(8 - x->pos) < n ? (size_t)(8 - x->pos) : n;
			memcpy(x->len8 + x->pos, p, k);
			if (x->pos + k == 8) {
				memcpy(&x->hl, x->len8, 8);
				if (x->hl > ST_MAXHDR) {
					f->discard = 1;
					return diag_fail_at(x->d, f->url, 0,
					    "header length %llu is absurd (the "
					    "reference implementation stops at "
					    "%llu)", (unsigned long long)x->hl,
					    ST_MAXHDR);
				}
			}
		} else if (!x->hdrdone) {
			uint64_t left = 8 + x->hl - x->pos;

			k = left < n ? (size_t)left : n;
			buf_put(&x->json, p, k);
			if (k == left && header_ready(x) < 0)
				return -1;
		} else if (x->pos < f->begin + x->have) {
			uint64_t left = f->begin + x->have - x->pos;

			k = left < n ? (size_t)left : n;	/* passes by */
		} else {
			uint64_t left = f->end - x->pos;
			size_t w = 0;
			ssize_t r;

			k = left < n ? (size_t)left : n;
			while (w < k) {
				if ((r = write(x->fd, p + w, k - w)) < 0) {
					if (errno == EINTR)
						continue;
					f->discard = 1;
					return diag_fail(x->d, f->part, 0, 0,
					    "cannot write: %s", strerror(errno));
				}
				w += (size_t)r;
			}
			x->have += k;
			progress(x);
			if (x->pos + k == f->end)
				x->done = 1;
		}
		x->pos += k;
		p += k;
		n -= k;
		if (x->hdrdone && x->pos >= f->end && x->have == f->end - f->begin)
			x->done = 1;
	}
	return 0;
}

/* libcurl's write callback: placing the first byte of a response needs
 * its status; returning less than given stops the transfer. */
static size_t
on_body(char *p, size_t sz, size_t n, void *arg)
{
	struct xfer *x = arg;
	struct tfetch *f = x->f;
	size_t len = sz * n;
	long code = 0;

	if (x->failed || x->done || (f->stop != NULL && *f->stop))
		return 0;
	if (!x->started) {
		x->started = 1;
		cu.easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
		/* Every response of the fetch is of one file: the same
		 * validators as the first, when the server sends them. */
		if (code == 200 || code == 206) {
			if (!x->validset) {
				memcpy(x->etag0, x->etag, sizeof(x->etag0));
				memcpy(x->lastmod0, x->lastmod,
				    sizeof(x->lastmod0));
				x->validset = 1;
			} else if ((x->etag0[0] && x->etag[0] &&
			    strcmp(x->etag0, x->etag) != 0) ||
			    (x->lastmod0[0] && x->lastmod[0] &&
			    strcmp(x->lastmod0, x->lastmod) != 0)) {
				diag_fail(x->d, f->url, 0, 0, "the file changed "
				    "on the server during the fetch (%s %s, "
				    "then %s): run vecdoc fetch again",
				    strcmp(x->etag0, x->etag) != 0 ? "ETag" :
				    "Last-Modified", strcmp(x->etag0, x->etag) !=
				    0 ? x->etag0 : x->lastmod0, strcmp(x->etag0,
				    x->etag) != 0 ? x->etag : x->lastmod);
				f->discard = 1;
				x->failed = 1;
				return 0;
			}
		}
		if (code == 206) {
			if (x->crstart != (long long)x->reqstart) {
				diag_fail(x->d, f->url, 0, 0, "asked for bytes "
				    "from %llu, the server sent bytes from %lld",
				    (unsigned long long)x->reqstart, x->crstart);
				x->failed = 1;
				return 0;
			}
			f->ranged = 1;
			if (x->crtotal > 0)
				f->filesize = (uint64_t)x->crtotal;
		} else if (code == 200) {
			/* Range ignored: the whole file, from byte 0 (a
			 * header begun by an earlier request starts over). */
			f->ranged = 0;
			x->reqstart = 0;
			if (!x->hdrdone)
				buf_reset(&x->json);
			if (x->clen > 0)
				f->filesize = (uint64_t)x->clen;
		} else
			return 0;	/* reported after the transfer */
		x->pos = x->reqstart;
	}
	if (consume(x, (const unsigned char *)p, len) < 0) {
		x->failed = 1;
		return 0;
	}
	return x->done ? 0 : len;
}

/* libcurl's progress callback (at least once a second, even while the
 * server is silent): nonzero stops the transfer when a signal came. */
static int
on_xferinfo(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct xfer *x = arg;

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return x->f->stop != NULL && *x->f->stop;
}

/*
 * One GET of bytes [from, to] (to inclusive). Returns 0 when the request
 * ended normally or because everything needed arrived; 1 when the
 * transfer broke (resumable); -1 with x->d set.
 */
static int
request(struct xfer *x, uint64_t from, uint64_t to)
{
	struct tfetch *f = x->f;
	char range[64];
	CURLcode cc;
	long code = 0;

	snprintf(range, sizeof(range), "%llu-%llu", (unsigned long long)from,
	    (unsigned long long)to);
	x->reqstart = from;
	x->started = 0;
	x->crstart = x->crtotal = x->clen = -1;
	cu.easy_setopt(x->h, CURLOPT_RANGE, range);
	cc = cu.easy_perform(x->h);
	if (x->failed)
		return -1;
	cu.easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
	if (x->done)
		return 0;
	if (f->stop != NULL && *f->stop) {
		f->interrupted = 1;
		return diag_fail_at(x->d, f->url, (long long)x->pos,
		    "interrupted");
	}
	if (code == 416) {
		f->discard = 1;
		return diag_fail_at(x->d, f->url, (long long)from, "the server "
		    "has no byte %llu (HTTP 416): the file is shorter than "
		    "its header says", (unsigned long long)from);
	}
	if (code != 0 && code != 200 && code != 206)
		return diag_fail(x->d, f->url, 0, 0, "HTTP %ld", code);
	if (cc == CURLE_OK)
		return 0;
	if (code == 0 && !x->started)
		return diag_fail(x->d, f->url, 0, 0, "%s",
		    cu.easy_strerror(cc));
	return 1;
}

long
tensorfetch_vocab_size(const char *vocab, struct diag *d)
{
	struct wordbuf w;
	long n;

	wordbuf_init(&w);
	if (vocab_read(vocab, &w, d) < 0) {
		wordbuf_clear(&w);
		return -1;
	}
	n = (long)w.n;
	wordbuf_clear(&w);
	return n;
}

int
tensorfetch_download(struct tfetch *f, struct diag *d)
{
	struct xfer x;
	uint64_t before;
	int rc = -1, r, attempt;

	memset(&x, 0, sizeof(x));
	x.f = f;
	x.d = d;
	x.fd = -1;	/* opened when the header is known */
	x.lastpct = -1;
	f->filesize = 0;
	f->ranged = 0;
	f->resumes = 0;
	f->kept = 0;
	f->discard = 0;
	f->interrupted = 0;
	if (curl_open(f->url, d) != 0)
		goto out;
	if ((x.h = cu.easy_init()) == NULL) {
		diag_fail(d, f->url, 0, 0, "cannot start libcurl");
		goto out;
	}
	cu.easy_setopt(x.h, CURLOPT_URL, f->url);
	cu.easy_setopt(x.h, CURLOPT_FOLLOWLOCATION, 1L);
	cu.easy_setopt(x.h, CURLOPT_MAXREDIRS, 10L);
	/* config.c admits http:// for the loopback only (tests); a
	 * redirect may not leave https. */
	cu.easy_setopt(x.h, CURLOPT_PROTOCOLS_STR, "http,https");
	cu.easy_setopt(x.h, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	cu.easy_setopt(x.h, CURLOPT_USERAGENT, "vecdoc-fetch/1");
	cu.easy_setopt(x.h, CURLOPT_CONNECTTIMEOUT, 30L);
	/* A stalled server is a broken transfer, not a hang. */
	cu.easy_setopt(x.h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	cu.easy_setopt(x.h, CURLOPT_LOW_SPEED_TIME, 60L);
	cu.easy_setopt(x.h, CURLOPT_HEADERFUNCTION, on_header);
	cu.easy_setopt(x.h, CURLOPT_HEADERDATA, &x);
	cu.easy_setopt(x.h, CURLOPT_WRITEFUNCTION, on_body);
	cu.easy_setopt(x.h, CURLOPT_WRITEDATA, &x);
	cu.easy_setopt(x.h, CURLOPT_NOSIGNAL, 1L);
	cu.easy_setopt(x.h, CURLOPT_XFERINFOFUNCTION, on_xferinfo);
	cu.easy_setopt(x.h, CURLOPT_XFERINFODATA, &x);
	cu.easy_setopt(x.h, CURLOPT_NOPROGRESS, 0L);

	/* 1. The header length (with a server that ignores Range, the
	 * whole fetch happens here). */
	if ((r = request(&x, 0, 7)) < 0)
		goto out;
	if (!x.done && x.pos < 8) {
		diag_fail_at(d, f->url, (long long)x.pos, "truncated: %llu "
		    "bytes, the header length alone is 8",
		    (unsigned long long)x.pos);
		goto out;
	}
	/* 2. The JSON header. */
	if (!x.done && !x.hdrdone) {
		if ((r = request(&x, 8, 8 + x.hl - 1)) < 0)
			goto out;
		if (!x.hdrdone) {
			diag_fail_at(d, f->url, (long long)x.pos, "truncated: the "
			    "header ends at byte %llu of %llu",
			    (unsigned long long)x.pos,
			    (unsigned long long)(8 + x.hl));
			goto out;
		}
	}
	/* 3. The tensor's bytes, resumed from the part file's length. */
	for (attempt = 0; !x.done; attempt++) {
		before = x.have;
		if (attempt > 0) {
			f->resumes++;
			say(&x, "transfer broke at byte %llu; resuming",
			    (unsigned long long)(f->begin + x.have));
		}
		r = request(&x, f->begin + x.have, f->end - 1);
		if (r < 0)
			goto out;
		if (x.done)
			break;
		if (x.have == before || attempt + 1 >= TF_ATTEMPTS) {
			diag_fail_at(d, f->url, (long long)(f->begin + x.have),
			    "truncated body: tensor \"%.80s\" is bytes [%llu, "
			    "%llu), the transfer stops at byte %llu%s",
			    f->tensor, (unsigned long long)f->begin,
			    (unsigned long long)f->end,
			    (unsigned long long)(f->begin + x.have),
			    x.have == before ? "" : " after every resume");
			goto out;
		}
	}
	rc = 0;
out:
	bar_break(&x);
	f->downloaded = x.have;
	if (x.h)
		cu.easy_cleanup(x.h);
	if (x.fd >= 0 && close(x.fd) < 0 && rc == 0) {
		rc = diag_fail(d, f->part, 0, 0, "cannot write: %s",
		    strerror(errno));
		f->discard = 1;
	}
	buf_clear(&x.json);
	return rc;
}

void
tensorfetch_part_remove(const struct tfetch *f)
{
	unlink(f->part);
	unlink(f->meta);
}

int
tensorfetch_convert(const struct tfetch *f, const char *vocab,
    const char *label, const char *out, struct diag *d)
{
	struct st_tensor t;
	struct wordbuf w;
	struct space *s = NULL;
	const unsigned char *p;
	size_t n;
	uint64_t i;
	int rc = -1;

	memset(&t, 0, sizeof(t));
	t.name = f->tensor;
	t.dtype = f->dtype;
	t.bits = strcmp(f->dtype, "F64") == 0 ? 64 : strcmp(f->dtype, "F32") ==
	    0 ? 32 : 16;
	t.ndim = 2;
	t.shape[0] = f->rows;
	t.shape[1] = f->cols;
	wordbuf_init(&w);
	if (vocab != NULL && vocab_read(vocab, &w, d) < 0)
		return -1;
	if (vocab == NULL)
		for (i = 0; i < f->rows; i++) {
			char tmp[24];
			int len = snprintf(tmp, sizeof(tmp), "%llu",
			    (unsigned long long)i);

			wordbuf_add(&w, tmp, (size_t)len);
		}
	if (w.n != f->rows) {
		diag_fail(d, vocab, 0, 0, "%zu pieces for %llu rows", w.n,
		    (unsigned long long)f->rows);
		wordbuf_clear(&w);
		return -1;
	}
	if ((p = store_map(f->part, &n, d)) == NULL) {
		wordbuf_clear(&w);
		return -1;
	}
	if (n != f->end - f->begin) {
		diag_fail(d, f->part, 0, 0, "%zu bytes, the tensor has %llu", n,
		    (unsigned long long)(f->end - f->begin));
		goto out;
	}
	s = store_new(label, "safetensors");
	/* The original's digest: of the tensor's bytes (all vecdoc has). */
	if (store_digest_file(f->part, s->digest, d) < 0)
		goto out;
	s->dims = (int)f->cols;
	snprintf(s->dtype, sizeof(s->dtype), "%s", f->dtype);
	if (store_mat_reserve(s, (long)f->rows, s->dims, d) < 0 ||
	    safetensors_convert(f->url, &t, p, (long long)f->begin, s->mat,
	    d) < 0)
		goto out;
	s->rows = (long)f->rows;
	wordbuf_give(&w, s);
	if (store_finish(s, -1, d) < 0 || space_write_vds(s, out, d) < 0)
		goto out;
	rc = 0;
out:
	space_free(s);
	wordbuf_clear(&w);
	store_unmap(p, n);
	return rc;
}
