/*
 * store/fetch: `vecdoc fetch`: every file vecdoc.yml declares (spaces:
 * and files:) that is missing is obtained from its sources in order:
 * mirror directories ($VECDOC_MIRROR, colon-separated) first, then npm
 * packages (`npm pack`, integrity checked) and https URLs (curl, with an
 * optional zip/tar member), verified against the declared sha256,
 * converted to the declared format and recorded in PATH.source.
 * Never leaves a partial or unverified file at a declared path: all work
 * happens in a temporary directory and ends with a rename. The one thing
 * kept across runs is the part file of a tensor whose transfer broke
 * (DIR/.vecdoc-cache/fetch/), so that the next run resumes it.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/assemble.h"
#include "store/config.h"
#include "store/fetch.h"
#include "store/space.h"
#include "store/store.h"
#include "store/tensorfetch.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/hash.h"
#include "util/xalloc.h"
#include "util/yamltree.h"

/*
 * Runs argv (no shell) with stdout into "out" (NULL: discarded) or into
 * the file "tofile"; stderr is passed through. Returns the exit status,
 * or -1 if it could not run.
 */
static int
run(char *const argv[], struct buf *out, const char *tofile)
{
	int pfd[2] = { -1, -1 }, st, fd;
	pid_t pid;
	char tmp[65536];
	ssize_t r;

	if (out && pipe(pfd) < 0)
		return -1;
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		if (out) {
			dup2(pfd[1], 1);
			close(pfd[0]);
			close(pfd[1]);
		} else if (tofile) {
			if ((fd = open(tofile, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
				_exit(127);
			dup2(fd, 1);
			close(fd);
		} else if ((fd = open("/dev/null", O_WRONLY)) >= 0) {
			dup2(fd, 1);
			close(fd);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (out) {
		close(pfd[1]);
		while ((r = read(pfd[0], tmp, sizeof(tmp))) > 0)
			buf_put(out, tmp, (size_t)r);
		close(pfd[0]);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* 1 if the URL names one gzip-compressed file (".gz", not ".tar.gz"). */
static int
has_gz_suffix(const char *u)
{
	size_t n = strlen(u);

	return n > 3 && strcmp(u + n - 3, ".gz") == 0 &&
	    !(n > 7 && strcmp(u + n - 7, ".tar.gz") == 0);
}

static int
sha256_file(const char *path, char out[65])
{
	char *argv[] = { (char *)"sha256sum", (char *)"--", (char *)path, NULL };
	struct buf b = BUF_INIT;
	int rc = run(argv, &b, NULL);

	if (rc != 0 || b.len < 64) {
		buf_clear(&b);
		return -1;
	}
	memcpy(out, b.data, 64);
	out[64] = '\0';
	buf_clear(&b);
	return 0;
}

/* Set by SIGINT or SIGTERM: the fetch stops where it is, keeps a
 * tensor's part file and cleans up the rest. */
static volatile sig_atomic_t stopped;

static void
on_stop(int sig)
{
	(void)sig;
	stopped = 1;
}

struct fetchctx {
	const char	*cfg;		/* vecdoc.yml */
	const char	*root;
	const char	*cachedir;
	int		 tty;		/* progress bars on stderr */
	int		 quiet;		/* diagnostics only */
	int		 dry;
	int		 errors;
	int		 optional;	/* the declaration being fetched is */
	const struct space_decl *files;	/* files: (tokenizer vocabularies) */
	size_t		 nfiles;
};

static int	fetch_one(struct fetchctx *, const struct space_decl *, int);

static void
say(const struct fetchctx *c, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(const struct fetchctx *c, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (c->quiet)
		return;
	printf("fetch: %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static void
err(struct fetchctx *c, const struct space_decl *sd, long line, int col,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
err(struct fetchctx *c, const struct space_decl *sd, long line, int col,
    const char *fmt, ...)
{
	va_list ap;
	char msg[1024];
	struct diag d;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_fail(&d, c->cfg, line ? line : sd->line, line ? col : sd->col,
	    "%s: %s", sd->name, msg);
	/* Optional data that cannot be obtained is a warning only. */
	if (c->optional)
		d.level = DIAG_WARNING;
	diag_print(stderr, &d);
}

/* Copies with a progress bar on a terminal. 0 or -1. */
static int
copy_progress(const struct fetchctx *c, const char *from, const char *to)
{
	int in, out;
	char *b;
	ssize_t r;
	struct stat st;
	long long done = 0;
	int last = -1;

	if ((in = open(from, O_RDONLY)) < 0)
		return -1;
	if ((out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
		close(in);
		return -1;
	}
	fstat(in, &st);
	b = xmalloc(1 << 20);
	while ((r = read(in, b, 1 << 20)) > 0) {
		if (write(out, b, (size_t)r) != r) {
			r = -1;
			break;
		}
		done += r;
		if (c->tty && st.st_size > 0) {
			int pct = (int)(done * 100 / st.st_size);

			if (pct != last) {
				int k, w = pct * 40 / 100;

				fprintf(stderr, "\r  [");
				for (k = 0; k < 40; k++)
					fputc(k < w ? '#' : ' ', stderr);
				fprintf(stderr, "] %3d%%", pct);
				last = pct;
			}
		}
	}
	if (c->tty && last >= 0)
		fprintf(stderr, "\n");
	free(b);
	close(in);
	if (close(out) < 0)
		r = -1;
	return r < 0 ? -1 : 0;
}

/* A located message of tensorfetch as one line: "URL: byte N: msg". */
static void
tf_message(const struct diag *d, char *out, size_t n)
{
	if (d->offset >= 0 && d->line == 0)
		snprintf(out, n, "%s: byte %lld: %s", d->file, d->offset, d->msg);
	else if (d->file[0])
		snprintf(out, n, "%s: %s", d->file, d->msg);
	else
		snprintf(out, n, "%s", d->msg);
}

/*
 * The part file of a model-file source and its record, in
 * CACHEDIR/fetch/, named by a digest of the URL and the tensor's name
 * so that the next run finds them. Heap strings.
 */
static void
tensor_part_paths(const struct fetchctx *c, const struct source_decl *s,
    char **part, char **meta)
{
	struct buf k = BUF_INIT;
	unsigned long long h;

	buf_printf(&k, "%s\n%s", s->ref, s->tensor);
	h = (unsigned long long)hash64(k.data, k.len);
	*part = xasprintf("%s/fetch/tensor-%016llx.part", c->cachedir, h);
	*meta = xasprintf("%s/fetch/tensor-%016llx.meta", c->cachedir, h);
	buf_clear(&k);
}

/*
 * Part files of tensors no declaration fetches any more are removed,
 * so that at most one part file per declared model-file source stays
 * in CACHEDIR/fetch/ (each removed when its fetch succeeds).
 */
static void
prune_parts(const struct fetchctx *c, const struct space_decl *v[2],
    const size_t nv[2])
{
	char *dir = fs_join(c->cachedir, "fetch"), *part, *meta, *p;
	char **names = NULL;
	struct diag d;
	long n, i;
	size_t j, k, l;
	int keep;

	if ((n = fs_list(dir, &names, &d)) < 0) {
		free(dir);
		return;
	}
	for (i = 0; i < n; i++) {
		if (strncmp(names[i], "tensor-", 7) != 0)
			continue;
		keep = 0;
		for (l = 0; l < 2 && !keep; l++)
			for (j = 0; j < nv[l] && !keep; j++)
				for (k = 0; k < v[l][j].nsources && !keep; k++) {
					const struct source_decl *s =
					    &v[l][j].sources[k];

					if (s->tensor == NULL)
						continue;
					tensor_part_paths(c, s, &part, &meta);
					p = strrchr(part, '/') + 1;
					keep = strncmp(names[i], p,
					    strlen(p) - 4) == 0;
					free(part);
					free(meta);
				}
		if (!keep) {
			p = fs_join(dir, names[i]);
			unlink(p);
			free(p);
		}
	}
	fs_names_free(names, n);
	rmdir(dir);	/* when empty */
	free(dir);
}

/*
 * A model-file source: one tensor of a remote safetensors file, fetched
 * with range requests into a part file that a later run resumes if this
 * one breaks, its bytes checked against the source's sha256, written to
 * "got" as .vds with the space's tokenizer pieces (or its vocab:)
 * naming the rows, or row numbers. The part file is removed once used,
 * or when its bytes turn out to be of no use. 0 or -1 (message printed).
 */
static int
obtain_tensor(struct fetchctx *c, const struct space_decl *sd,
    const struct source_decl *s, const char *work, const char *got,
    struct buf *prov)
{
	const char *vocab = sd->tok.vocab ? sd->tok.vocab : sd->vocab;
	struct tfetch f;
	struct diag d;
	char msg[2048], sha[65];
	char *part, *meta, *dir;
	size_t i;
	int rc = -1, discard = 1;

	if (vocab != NULL && !fs_exists(vocab))
		for (i = 0; i < c->nfiles; i++)
			if (c->files[i].path != NULL &&
			    strcmp(c->files[i].path, vocab) == 0) {
				int opt = c->optional;

				fetch_one(c, &c->files[i], 0);
				c->optional = opt;
				break;
			}
	memset(&f, 0, sizeof(f));
	f.url = s->ref;
	f.tensor = s->tensor;
	f.tty = c->tty && !c->quiet;
	f.quiet = c->quiet;
	f.stop = &stopped;
	f.vocab_n = -1;
	f.vocabname = vocab;
	if (vocab != NULL) {
		if (!fs_exists(vocab)) {
			err(c, sd, s->line, s->col, "the tokenizer's vocabulary "
			    "%s is missing: its rows cannot be named", vocab);
			return -1;
		}
		if ((f.vocab_n = tensorfetch_vocab_size(vocab, &d)) < 0) {
			err(c, sd, s->line, s->col, "%s", d.msg);
			return -1;
		}
	}
	(void)work;
	tensor_part_paths(c, s, &part, &meta);
	f.part = part;
	f.meta = meta;
	dir = fs_dirname(part);
	if (fs_mkdirs(dir, &d) < 0) {
		err(c, sd, s->line, s->col, "%s: %s", d.file, d.msg);
		free(dir);
		goto out;
	}
	free(dir);
	say(c, sd->name, "range requests to %s for tensor %s", s->ref,
	    s->tensor);
	if (tensorfetch_download(&f, &d) < 0) {
		tf_message(&d, msg, sizeof(msg));
		discard = f.discard;
		if (!discard && f.downloaded > 0)
			err(c, sd, s->line, s->col, "%s (%llu of %llu bytes kept "
			    "in %s: the next vecdoc fetch resumes there)", msg,
			    (unsigned long long)f.downloaded,
			    (unsigned long long)(f.end - f.begin), part);
		else
			err(c, sd, s->line, s->col, "%s", msg);
		goto out;
	}
	say(c, sd->name, "tensor %s: %s %llu x %llu, bytes [%llu, %llu) of %s "
	    "(%s%s)", s->tensor, f.dtype, (unsigned long long)f.rows,
	    (unsigned long long)f.cols, (unsigned long long)f.begin,
	    (unsigned long long)f.end, f.filesize ? "a known size" :
	    "an unknown size", f.ranged ? "range requests" : "the server "
	    "ignores Range: streamed past the other tensors",
	    f.resumes || f.kept ? ", resumed" : "");
	if (sha256_file(part, sha) < 0) {
		err(c, sd, s->line, s->col, "cannot compute the sha256 of "
		    "tensor %s", s->tensor);
		goto out;
	}
	if (s->sha256 != NULL && strcmp(sha, s->sha256) != 0) {
		err(c, sd, s->line, s->col, "sha256 mismatch for tensor %s of "
		    "%s: got %s, declared %s", s->tensor, s->ref, sha,
		    s->sha256);
		goto out;
	}
	if (s->sha256 == NULL)
		say(c, sd->name, "no sha256 declared for tensor %s; its bytes "
		    "have sha256 %s (declare it to verify later fetches)",
		    s->tensor, sha);
	if (tensorfetch_convert(&f, vocab, s->ref, got, &d) < 0) {
		tf_message(&d, msg, sizeof(msg));
		err(c, sd, s->line, s->col, "%s", msg);
		goto out;
	}
	buf_printf(prov, "url %s tensor %s %s %llux%llu sha256 %.16s%s",
	    s->ref, s->tensor, f.dtype, (unsigned long long)f.rows,
	    (unsigned long long)f.cols, sha, s->sha256 ? "" : " (undeclared)");
	rc = 0;
out:
	if (discard) {
		char *pd = fs_dirname(part);

		tensorfetch_part_remove(&f);
		rmdir(pd);	/* when empty */
		free(pd);
	}
	free(part);
	free(meta);
	return rc;
}

/* curl's --proto for a URL: https, or http for this machine's (tests). */
static char *
url_proto(const char *u)
{
	return source_url_loopback(u) ? (char *)"=http" : (char *)"=https";
}

/*
 * A parts source: every part downloaded in order (checked against its
 * own sha256 when one is declared), converted by the source's
 * conversion and appended to "got"; the caller checks the whole file's
 * sha256. A failing part stops the assembly: its message names the
 * part's place in vecdoc.yml and, for a conversion error, the line of
 * the part. 0 or -1 (message printed; "got" removed).
 */
static int
obtain_parts(struct fetchctx *c, const struct space_decl *sd,
    const struct source_decl *s, const char *work, const char *got,
    struct buf *prov)
{
	char *dl = fs_join(work, "part");
	struct buf data = BUF_INIT, text = BUF_INIT;
	struct diag d;
	FILE *f;
	size_t i, checked = 0;
	int rc = -1;

	if ((f = fopen(got, "wb")) == NULL) {
		err(c, sd, s->line, s->col, "cannot create %s: %s", got,
		    strerror(errno));
		free(dl);
		return -1;
	}
	say(c, sd->name, "assembling %zu part%s (convert: %s)", s->nparts,
	    s->nparts == 1 ? "" : "s", s->convert);
	for (i = 0; i < s->nparts; i++) {
		const struct part_decl *p = &s->parts[i];
		char *argv[] = { (char *)"curl", (char *)"-fL", (char *)"--proto",
		    url_proto(p->url), (char *)"-sS", (char *)"-o", dl,
		    p->url, NULL };
		char sha[65];
		int r;

		if (c->tty)
			fprintf(stderr, "\r  part %zu/%zu", i + 1, s->nparts);
		unlink(dl);
		if ((r = run(argv, NULL, NULL)) != 0) {
			err(c, sd, p->line, p->col, "part %zu: download of %s "
			    "failed (curl exit %d)", i + 1, p->url, r);
			goto out;
		}
		if (p->sha256 != NULL) {
			if (sha256_file(dl, sha) < 0) {
				err(c, sd, p->line, p->col, "part %zu: cannot "
				    "compute the sha256 of %s", i + 1, p->url);
				goto out;
			}
			if (strcmp(sha, p->sha256) != 0) {
				err(c, sd, p->line, p->col, "part %zu: sha256 "
				    "mismatch for %s: got %s, declared %s", i + 1,
				    p->url, sha, p->sha256);
				goto out;
			}
			checked++;
		}
		buf_reset(&data);
		buf_reset(&text);
		if (fs_read(dl, &data, &d) < 0) {
			err(c, sd, p->line, p->col, "part %zu: %s", i + 1, d.msg);
			goto out;
		}
		if (assemble_part(s->convert, data.data ? data.data : "",
		    data.len, p->url, &text, &d) < 0) {
			if (d.line > 0)
				err(c, sd, p->line, p->col, "part %zu: %s:%ld: %s",
				    i + 1, d.file, d.line, d.msg);
			else
				err(c, sd, p->line, p->col, "part %zu: %s: %s",
				    i + 1, d.file, d.msg);
			goto out;
		}
		if (text.len > 0 && fwrite(text.data, 1, text.len, f) !=
		    text.len) {
			err(c, sd, p->line, p->col, "part %zu: cannot write %s: "
			    "%s", i + 1, got, strerror(errno));
			goto out;
		}
	}
	if (c->tty)
		fprintf(stderr, "\n");
	buf_printf(prov, "parts %zu convert %s (%zu with sha256)", s->nparts,
	    s->convert, checked);
	rc = 0;
out:
	if (fclose(f) != 0 && rc == 0) {
		err(c, sd, s->line, s->col, "cannot write %s: %s", got,
		    strerror(errno));
		rc = -1;
	}
	if (rc < 0)
		unlink(got);
	unlink(dl);
	free(dl);
	buf_clear(&data);
	buf_clear(&text);
	return rc;
}

/* The file a source yields, placed at "got" in the work directory.
 * Fills "prov" with a one-line provenance. 0, 1 (not applicable: try the
 * next), or -1 (failed; message printed). */
static int
obtain(struct fetchctx *c, const struct space_decl *sd,
    const struct source_decl *s, const char *work, const char *got,
    struct buf *prov)
{
	if (s->tensor != NULL)
		return obtain_tensor(c, sd, s, work, got, prov);
	if (strcmp(s->kind, "parts") == 0)
		return obtain_parts(c, sd, s, work, got, prov);
	if (strcmp(s->kind, "mirror") == 0) {
		const char *m = getenv("VECDOC_MIRROR");
		char *list, *dir, *save = NULL, *p;
		int found = 0;

		if (m == NULL || *m == '\0')
			return 1;
		list = xstrdup(m);
		for (dir = strtok_r(list, ":", &save); dir && !found;
		    dir = strtok_r(NULL, ":", &save)) {
			p = fs_join(dir, s->ref);
			if (fs_exists(p)) {
				found = 1;
				say(c, sd->name, "from mirror %s", p);
				if (copy_progress(c, p, got) < 0) {
					err(c, sd, s->line, s->col, "cannot copy "
					    "%s: %s", p, strerror(errno));
					free(p);
					free(list);
					return -1;
				}
				buf_printf(prov, "mirror %s", s->ref);
			}
			free(p);
		}
		free(list);
		return found ? 0 : 1;
	}
	if (strcmp(s->kind, "npm") == 0) {
		char *argv[] = { (char *)"npm", (char *)"pack", s->ref,
		    (char *)"--silent", (char *)"--json", (char *)"--pack-destination",
		    (char *)work, NULL };
		struct buf out = BUF_INIT;
		char *tgz = NULL, *q, *e;
		int rc;

		say(c, sd->name, "npm pack %s", s->ref);
		rc = run(argv, &out, NULL);
		if (rc != 0) {
			err(c, sd, s->line, s->col, "npm pack %s failed (exit %d)",
			    s->ref, rc);
			buf_clear(&out);
			return -1;
		}
		/* npm checked the tarball against the registry's integrity;
		 * we also want the one declared. */
		if (s->integrity && strstr(buf_str(&out), s->integrity) == NULL) {
			err(c, sd, s->line, s->col, "npm package %s: integrity "
			    "differs from the declared %.20s...", s->ref,
			    s->integrity);
			buf_clear(&out);
			return -1;
		}
		if ((q = strstr(buf_str(&out), "\"filename\"")) != NULL &&
		    (q = strchr(q + 10, '"')) != NULL &&
		    (e = strchr(q + 1, '"')) != NULL) {
			char *fn = xstrndup(q + 1, (size_t)(e - q - 1));

			tgz = fs_join(work, fn);
			free(fn);
		}
		buf_clear(&out);
		if (tgz == NULL || !fs_exists(tgz)) {
			err(c, sd, s->line, s->col, "npm pack %s: no tarball",
			    s->ref);
			free(tgz);
			return -1;
		}
		{
			char *targv[] = { (char *)"tar", (char *)"-xzOf", tgz,
			    s->file, NULL };

			rc = run(targv, NULL, got);
		}
		unlink(tgz);
		free(tgz);
		if (rc != 0) {
			err(c, sd, s->line, s->col, "%s has no member %s",
			    s->ref, s->file);
			return -1;
		}
		buf_printf(prov, "npm %s %s%s%s", s->ref, s->file,
		    s->integrity ? " " : "", s->integrity ? s->integrity : "");
		return 0;
	}
	/* https URL, maybe a member of an archive. */
	{
		char *dl = fs_join(work, "download");
		char *argv[] = { (char *)"curl", (char *)"-fL", (char *)"--proto",
		    url_proto(s->ref), c->tty ? (char *)"-#" : (char *)"-sS",
		    (char *)"-o", dl, s->ref, NULL };
		int rc;

		say(c, sd->name, "download %s", s->ref);
		if ((rc = run(argv, NULL, NULL)) != 0) {
			err(c, sd, s->line, s->col, "download of %s failed "
			    "(curl exit %d)", s->ref, rc);
			free(dl);
			return -1;
		}
		if (s->member) {
			size_t n = strlen(s->ref);
			int zip = n > 4 && strcmp(s->ref + n - 4, ".zip") == 0;
			char *zargv[] = { (char *)"unzip", (char *)"-p", dl,
			    s->member, NULL };
			char *targv[] = { (char *)"tar", (char *)"-xOf", dl,
			    s->member, NULL };

			rc = run(zip ? zargv : targv, NULL, got);
			unlink(dl);
			if (rc != 0) {
				err(c, sd, s->line, s->col, "%s has no member %s",
				    s->ref, s->member);
				free(dl);
				return -1;
			}
		} else if (has_gz_suffix(s->ref)) {
			/* A single gzip-compressed file (gensim-data's
			 * word2vec-google-news-300.gz). */
			char *gargv[] = { (char *)"gzip", (char *)"-dc", dl,
			    NULL };

			rc = run(gargv, NULL, got);
			unlink(dl);
			if (rc != 0) {
				err(c, sd, s->line, s->col, "%s is not a valid "
				    "gzip file", s->ref);
				free(dl);
				return -1;
			}
		} else if (rename(dl, got) < 0) {
			free(dl);
			return -1;
		}
		free(dl);
		buf_printf(prov, "url %s%s%s", s->ref, s->member ? " " : "",
		    s->member ? s->member : "");
		return 0;
	}
}

/* Converts "got" (in format "from") to "out" in the declared format. */
static int
convert(struct fetchctx *c, const struct space_decl *sd, const char *got,
    const char *from, const char *out)
{
	struct diag d;
	struct space_opts o;
	struct space *s;
	const char *to = sd->format ? sd->format : "glove";

	/* npy and safetensors name their rows from the space's vocabulary
	 * (vocab:, else its tokenizer's pieces). */
	memset(&o, 0, sizeof(o));
	o.format = from;
	o.tensor = sd->tensor;
	o.vocab = sd->vocab ? sd->vocab : sd->tok.vocab;
	o.positions = sd->positions;	/* rows: positions: 0 .. n-1 */
	s = space_open_opts(got, &o, NULL, &d);

	if (s == NULL) {
		diag_print(stderr, &d);
		return -1;
	}
	say(c, sd->name, "converting %s -> %s", from, to);
	if (space_write(s, out, to, &d) < 0) {
		diag_print(stderr, &d);
		space_free(s);
		return -1;
	}
	space_free(s);
	return 0;
}

static int
fetch_one(struct fetchctx *c, const struct space_decl *sd, int isspace)
{
	char *work = NULL, *got = NULL, *conv = NULL, *final, *sp;
	struct buf prov = BUF_INIT;
	size_t i, k, order[64];
	size_t no = 0;
	int rc = -1, r, tried = 0;
	const char *mir = getenv("VECDOC_MIRROR");

	c->optional = sd->optional;
	if (sd->gen != NULL || sd->derive != NULL) {
		say(c, sd->name, "computed (%s)", sd->relpath);
		return 0;
	}
	if (fs_exists(sd->path)) {
		say(c, sd->name, "present (%s)", sd->relpath);
		return 0;
	}
	if (sd->nsources == 0) {
		err(c, sd, 0, 0, "%s is missing and no sources: are declared",
		    sd->relpath);
		if (sd->optional) {
			say(c, sd->name, "unavailable (optional: pages that use "
			    "it cannot be built until it is fetched)");
			return 0;
		}
		return -1;
	}
	/* Mirrors first when $VECDOC_MIRROR is set, then declared order. */
	for (k = 0; k < 2; k++)
		for (i = 0; i < sd->nsources && no < 64; i++)
			if ((strcmp(sd->sources[i].kind, "mirror") == 0) ==
			    (k == 0) && (k == 1 || (mir && *mir)))
				order[no++] = i;
	if (c->dry) {
		for (i = 0; i < no; i++)
			say(c, sd->name, "would try %s %s%s%s",
			    sd->sources[order[i]].kind, sd->sources[order[i]].ref,
			    sd->sources[order[i]].tensor ? " tensor " : "",
			    sd->sources[order[i]].tensor ?
			    sd->sources[order[i]].tensor : "");
		return 0;
	}
	{
		char *dir = fs_dirname(sd->relpath), *ddir;

		ddir = *dir ? fs_join(c->root, dir) : xstrdup(c->root);
		free(dir);
		if (fs_mkdirs(ddir, NULL) < 0) {
			err(c, sd, 0, 0, "cannot create %s", ddir);
			free(ddir);
			return -1;
		}
		work = xasprintf("%s/.vecdoc-fetch-XXXXXX", ddir);
		free(ddir);
	}
	if (mkdtemp(work) == NULL) {
		err(c, sd, 0, 0, "cannot create a work directory: %s",
		    strerror(errno));
		free(work);
		return -1;
	}
	got = fs_join(work, "got");
	conv = fs_join(work, "converted");
	for (i = 0; i < no && rc < 0 && !stopped; i++) {
		const struct source_decl *s = &sd->sources[order[i]];
		char sha[65];

		buf_reset(&prov);
		unlink(got);
		r = obtain(c, sd, s, work, got, &prov);
		if (r == 1)
			continue;
		tried++;
		if (r < 0)
			continue;
		if (s->sha256 && s->tensor == NULL) {
			if (sha256_file(got, sha) < 0) {
				err(c, sd, s->line, s->col, "cannot compute the "
				    "sha256 of what %s %s gave", s->kind, s->ref);
				continue;
			}
			if (strcmp(sha, s->sha256) != 0) {
				err(c, sd, s->line, s->col, "sha256 mismatch for "
				    "%s %s: got %s, declared %s", s->kind, s->ref,
				    sha, s->sha256);
				continue;
			}
			buf_printf(&prov, " sha256 %.16s", sha);
		}
		final = got;
		if (isspace && s->tensor != NULL && sd->format != NULL &&
		    strcmp(sd->format, "vds") != 0) {
			/* A model-file source yields a .vds. */
			if (convert(c, sd, got, "vds", conv) < 0)
				continue;
			final = conv;
		} else if (isspace && s->tensor == NULL && s->format &&
		    (sd->format == NULL || strcmp(s->format, sd->format) != 0)) {
			if (convert(c, sd, got, s->format, conv) < 0)
				continue;
			final = conv;
			buf_printf(&prov, " converted from %s", s->format);
		}
		if (sd->sha256_or_digest && strncmp(sd->sha256_or_digest,
		    "sha256:", 7) == 0 && (sha256_file(final, sha) < 0 ||
		    strcmp(sha, sd->sha256_or_digest + 7) != 0)) {
			err(c, sd, 0, 0, "sha256 mismatch for %s from %s %s: got "
			    "%s, declared %s", sd->relpath, s->kind, s->ref, sha,
			    sd->sha256_or_digest + 7);
			continue;
		}
		if (sd->sha256_or_digest && strncmp(sd->sha256_or_digest,
		    "sha256:", 7) == 0 && s->sha256 == NULL)
			buf_printf(&prov, " sha256 %.16s", sha);
		if (sd->sha256_or_digest && strncmp(sd->sha256_or_digest,
		    "xxh3:", 5) == 0) {
			char xx[33];
			struct diag d2;

			if (store_digest_file(final, xx, &d2) < 0 ||
			    strcmp(xx, sd->sha256_or_digest + 5) != 0) {
				err(c, sd, 0, 0, "xxh3 mismatch for %s from %s %s: "
				    "got %s, declared %s", sd->relpath, s->kind,
				    s->ref, xx, sd->sha256_or_digest + 5);
				continue;
			}
		}
		sp = xasprintf("%s.source", sd->path);
		{
			struct buf line = BUF_INIT;
			struct diag d;

			buf_printf(&line, "%s\n", buf_str(&prov));
			if (fs_write(sp, line.data, line.len, &d) < 0 ||
			    rename(final, sd->path) < 0) {
				err(c, sd, 0, 0, "cannot install %s: %s",
				    sd->relpath, strerror(errno));
				unlink(sp);
			} else
				rc = 0;
			buf_clear(&line);
		}
		free(sp);
	}
	if (rc == 0)
		say(c, sd->name, "ok: %s (%s)", sd->relpath, buf_str(&prov));
	else if (tried == 0)
		err(c, sd, 0, 0, "%s is missing and no source applies%s",
		    sd->relpath, mir && *mir ? "" : " (mirror sources need "
		    "VECDOC_MIRROR)");
	unlink(got);
	unlink(conv);
	rmdir(work);
	free(got);
	free(conv);
	free(work);
	buf_clear(&prov);
	if (rc < 0 && sd->optional && !stopped) {
		say(c, sd->name, "unavailable (optional: pages that use it "
		    "cannot be built until it is fetched)");
		return 0;
	}
	return rc;
}

/* After fetching, each space is loaded once so that its .vds cache entry
 * exists (the conversion a build would otherwise do). */
static int
warm(struct fetchctx *c, const struct space_decl *sd)
{
	struct diag d;
	struct space *s;
	struct space_info in;

	if (sd->gen != NULL || sd->derive != NULL)
		return 0;
	if (!fs_exists(sd->path))
		return sd->optional ? 0 : -1;
	if ((s = space_open(sd, c->cachedir, &d)) == NULL) {
		diag_print(stderr, &d);
		return -1;
	}
	space_get_info(s, &in);
	say(c, sd->name, "%ld x %d, xxh3 %.12s, cache %s", in.rows, in.dims,
	    in.digest, in.cache == 1 ? "hit" : "written");
	space_free(s);
	return 0;
}

int
fetch_all(const char *dir, int dry, int noconv, int quiet)
{
	struct fetchctx c;
	struct sigaction sa, oldint, oldterm;
	struct buf b = BUF_INIT;
	struct diag d;
	struct ynode *root = NULL;
	struct space_decl *sp = NULL, *fl = NULL;
	size_t nsp = 0, nfl = 0, i;
	int rc = 1;
	char *cfg;

	memset(&c, 0, sizeof(c));
	c.dry = dry;
	c.quiet = quiet;
	cfg = fs_join(dir, "vecdoc.yml");
	c.cfg = cfg;
	c.root = dir;
	c.tty = isatty(2) && !quiet;
	c.cachedir = NULL;
	if (fs_read(cfg, &b, &d) < 0) {
		diag_print(stderr, &d);
		goto out;
	}
	if ((root = ynode_parse(b.data ? b.data : "", b.len, cfg, 0, &d)) == NULL ||
	    spacedecls_parse(ynode_get(root, "spaces"), cfg, dir, &sp, &nsp,
	    &d) < 0 ||
	    filedecls_parse(ynode_get(root, "files"), cfg, dir, &fl, &nfl,
	    &d) < 0) {
		diag_print(stderr, &d);
		goto out;
	}
	{
		char *cd = fs_join(dir, ".vecdoc-cache");
		const struct space_decl *v[2] = { sp, fl };
		const size_t nv[2] = { nsp, nfl };

		c.cachedir = cd;
		c.files = fl;
		c.nfiles = nfl;
		if (!c.dry)
			prune_parts(&c, v, nv);
		/* Ctrl-C or a kill stops the fetch through its normal
		 * cleanup: work directories go, a tensor's part file stays
		 * for the next run. */
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_stop;
		sigemptyset(&sa.sa_mask);
		stopped = 0;
		sigaction(SIGINT, &sa, &oldint);
		sigaction(SIGTERM, &sa, &oldterm);
		for (i = 0; i < nsp && !stopped; i++) {
			if (fetch_one(&c, &sp[i], 1) < 0)
				c.errors++;
			else if (!noconv && !c.dry && !stopped &&
			    warm(&c, &sp[i]) < 0)
				c.errors++;
		}
		for (i = 0; i < nfl && !stopped; i++)
			if (fetch_one(&c, &fl[i], 0) < 0)
				c.errors++;
		sigaction(SIGINT, &oldint, NULL);
		sigaction(SIGTERM, &oldterm, NULL);
		free(cd);
	}
	rc = c.errors ? 1 : 0;
	if (stopped) {
		fprintf(stderr, "vecdoc fetch: interrupted\n");
		rc = 130;
	} else if (c.errors)
		fprintf(stderr, "vecdoc fetch: %d declared file%s not "
		    "obtained\n", c.errors, c.errors == 1 ? "" : "s");
out:
	spacedecls_free(sp, nsp);
	spacedecls_free(fl, nfl);
	ynode_free(root);
	buf_clear(&b);
	free(cfg);
	return rc;
}
