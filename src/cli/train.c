/*
 * cli/train: `vecdoc train` — word2vec (SGNS or CBOW) on a corpus.
 * Reads the command line and a corpus file; produces the vectors (.vds,
 * or word2vec text/binary by extension), snapshots, a token dump, and a
 * progress bar or plain progress lines on stderr. Never exits (main.c
 * does); never leaves a half-written model (files are renamed into place).
 */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "corpus/corpus.h"
#include "corpus/trainset.h"
#include "kern/w2v.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/xalloc.h"

static const char train_help[] =
"usage: vecdoc train CORPUS OUT [--model sgns|cbow] [--dim D] [--window W]\n"
"                    [--negative K] [--min-count M] [--sample T] [--alpha A]\n"
"                    [--epochs E] [--threads N] [--seed S] [--snapshots 1,2,5]\n"
"                    [--heldout P] [--format lines|wikitext] [--no-lowercase]\n"
"                    [--dump-tokens FILE] [--quiet]\n"
"       vecdoc train CORPUS --dump-tokens FILE\n"
"\n"
"Trains word2vec vectors on CORPUS with the semantics of word2vec.c and\n"
"writes the input vectors to OUT: .vds (default), .txt/.vec (word2vec\n"
"text) or .bin (word2vec binary), renamed into place when complete.\n"
"\n"
"CORPUS is read as vecdoc.yml corpora are: one document per line,\n"
"lowercased, split into words by the corpus word splitter (letters,\n"
"marks and digits; inner apostrophes and hyphens kept; punctuation\n"
"dropped); each line is a sentence (cut after 1000 kept words).\n"
"\n"
"  --model sgns|cbow  skip-gram or CBOW, negative sampling (sgns)\n"
"  --dim D            vector size (100)\n"
"  --window W         maximal window; each word uses 1..W at random (5)\n"
"  --negative K       noise words per positive (5)\n"
"  --min-count M      drop words seen fewer than M times (5)\n"
"  --sample T         subsampling threshold, 0 for none (1e-3)\n"
"  --alpha A          starting learning rate (0.025 sgns, 0.05 cbow),\n"
"                     decayed linearly to A * 1e-4\n"
"  --epochs E         passes over the corpus (5)\n"
"  --threads N        1 (default) is deterministic: the same seed gives\n"
"                     byte-identical vectors; N > 1 trains Hogwild-style\n"
"                     like word2vec.c and is not reproducible\n"
"  --seed S           random seed (1)\n"
"  --snapshots LIST   also write the vectors after these epochs, to\n"
"                     OUT with .epochN before the extension\n"
"  --heldout P        measure the SGNS loss on P pairs from lines kept\n"
"                     out of training, chosen by the seed (10000; 0: no\n"
"                     loss, train on every line)\n"
"  --format F         lines (default) or wikitext\n"
"  --no-lowercase     keep case\n"
"  --dump-tokens FILE write the tokens, one line per document, space-\n"
"                     separated (to give other tools the same text)\n"
"  --quiet            no progress\n"
"\n"
"Exit status: 0 done, 1 bad data or interrupted, 2 bad usage.\n";

struct train_opts {
	struct w2v_params p;
	const char	*corpus, *out, *dump, *snaplist;
	long		 min_count;
	long		 heldout;
	int		 wikitext, nolower, quiet;
	int		*snap;		/* epochs to snapshot, ascending */
	int		 nsnap;
};

static volatile int interrupted;

static void
on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static double
clock_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Strict integer in [lo, hi]; a usage error names the option. */
static int
arg_long(const char *opt, const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0)
		return cli_usage_error("train", "%s '%s': not an integer",
		    opt, s);
	if (v < lo || v > hi)
		return cli_usage_error("train", "%s %ld: out of range (%ld to "
		    "%ld)", opt, v, lo, hi);
	*out = v;
	return 0;
}

static int
arg_double(const char *opt, const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || errno != 0 || !isfinite(v))
		return cli_usage_error("train", "%s '%s': not a number", opt, s);
	*out = v;
	return 0;
}

/* "1,2,5": ascending-sorted unique epochs in 1..epochs. */
static int
parse_snapshots(struct train_opts *o)
{
	const char *s = o->snaplist, *q;
	char *end;
	long v;
	int n = 0, i, j, t, item = 1;

	o->snap = xcalloc(strlen(s) / 2 + 2, sizeof(int));
	for (q = s;; item++) {
		errno = 0;
		v = strtol(q, &end, 10);
		if (end == q || errno != 0 || (*end != ',' && *end != '\0') ||
		    (q > s && (*q == ' ' || *q == '+' || *q == '-')) ||
		    *q == ' ')
			return cli_usage_error("train", "--snapshots '%s': "
			    "item %d ('%.*s') is not an epoch number", s,
			    item, (int)strcspn(q, ","), q);
		if (v < 1 || v > o->p.epochs)
			return cli_usage_error("train", "--snapshots '%s': "
			    "epoch %ld is not between 1 and %d (--epochs)", s,
			    v, o->p.epochs);
		for (i = 0; i < n && o->snap[i] != (int)v; i++)
			;
		if (i == n)
			o->snap[n++] = (int)v;
		if (*end == '\0')
			break;
		q = end + 1;
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && o->snap[j - 1] > o->snap[j]; j--) {
			t = o->snap[j];
			o->snap[j] = o->snap[j - 1];
			o->snap[j - 1] = t;
		}
	o->nsnap = n;
	return 0;
}

/* Returns 0, 2 for usage errors (printed), or -1 for --help. */
static int
parse_args(int argc, char **argv, struct train_opts *o)
{
	const char *a, *v, *pos[2];
	int i, npos = 0, model_set = 0, alpha_set = 0;
	long n;
	double x;

	memset(o, 0, sizeof(*o));
	w2v_params_init(&o->p, W2V_SGNS);
	o->min_count = 5;
	o->heldout = 10000;
	for (i = 1; i < argc; i++) {
		a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
			return -1;
		if (strcmp(a, "--quiet") == 0) {
			o->quiet = 1;
			continue;
		}
		if (strcmp(a, "--no-lowercase") == 0) {
			o->nolower = 1;
			continue;
		}
		if (a[0] != '-' || a[1] == '\0') {
			if (npos == 2)
				return cli_usage_error("train", "unexpected "
				    "argument '%s'", a);
			pos[npos++] = a;
			continue;
		}
		if (i + 1 >= argc)
			return cli_usage_error("train", "%s needs a value", a);
		v = argv[++i];
		if (strcmp(a, "--model") == 0) {
			if (strcmp(v, "sgns") == 0 || strcmp(v, "skipgram") == 0)
				o->p.model = W2V_SGNS;
			else if (strcmp(v, "cbow") == 0)
				o->p.model = W2V_CBOW;
			else
				return cli_usage_error("train", "--model '%s': "
				    "expected sgns or cbow", v);
			model_set = 1;
		} else if (strcmp(a, "--dim") == 0) {
			if (arg_long(a, v, 1, W2V_MAX_DIM, &n))
				return 2;
			o->p.dim = (int)n;
		} else if (strcmp(a, "--window") == 0) {
			if (arg_long(a, v, 1, W2V_MAX_WINDOW, &n))
				return 2;
			o->p.window = (int)n;
		} else if (strcmp(a, "--negative") == 0) {
			if (arg_long(a, v, 1, W2V_MAX_NEGATIVE, &n))
				return 2;
			o->p.negative = (int)n;
		} else if (strcmp(a, "--min-count") == 0) {
			if (arg_long(a, v, 1, 1000000000L, &o->min_count))
				return 2;
		} else if (strcmp(a, "--sample") == 0) {
			if (arg_double(a, v, &x))
				return 2;
			if (!(x >= 0 && x < 1))
				return cli_usage_error("train", "--sample %s: "
				    "out of range [0, 1)", v);
			o->p.sample = x;
		} else if (strcmp(a, "--alpha") == 0) {
			if (arg_double(a, v, &x))
				return 2;
			if (!(x > 0 && x <= 1))
				return cli_usage_error("train", "--alpha %s: "
				    "out of range (0, 1]", v);
			o->p.alpha = x;
			alpha_set = 1;
		} else if (strcmp(a, "--epochs") == 0) {
			if (arg_long(a, v, 1, W2V_MAX_EPOCHS, &n))
				return 2;
			o->p.epochs = (int)n;
		} else if (strcmp(a, "--threads") == 0) {
			if (arg_long(a, v, 1, W2V_MAX_THREADS, &n))
				return 2;
			o->p.threads = (int)n;
		} else if (strcmp(a, "--seed") == 0) {
			if (arg_long(a, v, 0, 2147483647L, &n))
				return 2;
			o->p.seed = (uint64_t)n;
		} else if (strcmp(a, "--snapshots") == 0)
			o->snaplist = v;
		else if (strcmp(a, "--heldout") == 0) {
			if (arg_long(a, v, 0, 100000000L, &o->heldout))
				return 2;
		} else if (strcmp(a, "--format") == 0) {
			if (strcmp(v, "lines") == 0)
				o->wikitext = 0;
			else if (strcmp(v, "wikitext") == 0)
				o->wikitext = 1;
			else
				return cli_usage_error("train", "--format '%s': "
				    "expected lines or wikitext", v);
		} else if (strcmp(a, "--dump-tokens") == 0)
			o->dump = v;
		else
			return cli_usage_error("train", "unknown option '%s'", a);
	}
	if (model_set && !alpha_set && o->p.model == W2V_CBOW)
		o->p.alpha = 0.05;
	if (npos == 0)
		return cli_usage_error("train", "no CORPUS given");
	o->corpus = pos[0];
	o->out = npos > 1 ? pos[1] : NULL;
	if (o->out == NULL && o->dump == NULL)
		return cli_usage_error("train", "no OUT given");
	if (o->snaplist != NULL && parse_snapshots(o))
		return 2;
	return 0;
}

/* Writes every document as a line of space-separated tokens. */
static int
dump_tokens(const struct corpus *c, const char *path, struct diag *d)
{
	FILE *fp;
	size_t i, j;
	char *tmp;
	int bad;

	tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	if ((fp = fopen(tmp, "w")) == NULL) {
		diag_fail(d, path, 0, 0, "cannot write: %s", strerror(errno));
		free(tmp);
		return -1;
	}
	for (i = 0; i < c->ndocs; i++) {
		if (c->doc[i] == c->doc[i + 1])
			continue;
		for (j = c->doc[i]; j < c->doc[i + 1]; j++) {
			fputs(c->word[c->tok[j]], fp);
			putc(j + 1 < c->doc[i + 1] ? ' ' : '\n', fp);
		}
	}
	bad = ferror(fp);
	if (fclose(fp) != 0 || bad || rename(tmp, path) != 0) {
		diag_fail(d, path, 0, 0, "cannot write: %s", strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

/* What the report hook needs. */
struct progress {
	const struct train_opts *o;
	int		 tty;
	size_t		 nvec;		/* nvocab * dim */
	float		**snaps;	/* copies, by index in o->snap */
	double		 last_loss;
	double		 wps;
};

static void
fmt_count(char *out, size_t n, double v)
{
	if (v >= 1e6)
		snprintf(out, n, "%.2f M", v / 1e6);
	else if (v >= 1e3)
		snprintf(out, n, "%.1f k", v / 1e3);
	else
		snprintf(out, n, "%.0f", v);
}

static int
on_report(void *ctx, const struct w2v_progress *p)
{
	struct progress *pg = ctx;
	const struct train_opts *o = pg->o;
	char wps[32], words[32], loss[32], eta[32];
	double left;
	int i, bar, fill;

	for (i = 0; i < o->nsnap; i++)
		if (p->epoch_end && p->epoch == o->snap[i])
			memcpy(pg->snaps[i], p->in, pg->nvec * sizeof(float));
	if (!isnan(p->loss))
		pg->last_loss = p->loss;
	if (p->epoch > 0 && !isnan(p->words_per_s))
		pg->wps = p->words_per_s;
	if (o->quiet)
		return interrupted;
	fmt_count(wps, sizeof(wps), isnan(p->words_per_s) ? 0 :
	    p->words_per_s);
	fmt_count(words, sizeof(words), (double)p->words);
	if (isnan(p->loss))
		snprintf(loss, sizeof(loss), "-");
	else
		snprintf(loss, sizeof(loss), "%.4f", p->loss);
	if (pg->tty) {
		left = p->words_per_s > 0 ? (double)(p->total - p->words) /
		    p->words_per_s : 0;
		snprintf(eta, sizeof(eta), "%d:%02d", (int)(left / 60),
		    (int)fmod(left, 60));
		bar = 24;
		fill = p->total > 0 ? (int)((double)bar * (double)p->words /
		    (double)p->total) : 0;
		fputc('\r', stderr);
		fputc('[', stderr);
		for (i = 0; i < bar; i++)
			fputc(i < fill ? '#' : '.', stderr);
		fprintf(stderr, "] %3.0f%% epoch %d/%d  lr %.5f  loss %s  "
		    "%s words/s  ETA %s  ", p->total > 0 ? 100.0 *
		    (double)p->words / (double)p->total : 100.0,
		    p->epoch > 0 ? p->epoch : 1, o->p.epochs, p->lr, loss,
		    p->epoch > 0 ? wps : "-", eta);
		if (p->epoch_end && p->epoch == o->p.epochs)
			fputc('\n', stderr);
	} else if (p->epoch_end)
		fprintf(stderr, "epoch %d/%d: %s words, lr %.6f, held-out "
		    "loss %s, %s words/s\n", p->epoch, o->p.epochs, words,
		    p->lr, loss, p->epoch > 0 ? wps : "-");
	return interrupted;
}

/* OUT with ".epochN" before its extension. */
static char *
snap_path(const char *out, int epoch)
{
	const char *slash = strrchr(out, '/'), *dot = strrchr(out, '.');
	char *s;

	if (dot == NULL || (slash != NULL && dot < slash) || dot == out ||
	    (slash != NULL && dot == slash + 1))
		s = xasprintf("%s.epoch%d", out, epoch);
	else
		s = xasprintf("%.*s.epoch%d%s", (int)(dot - out), out, epoch,
		    dot);
	return s;
}

static const char *
out_format(const char *path)
{
	size_t n = strlen(path);

	if (n > 4 && strcmp(path + n - 4, ".bin") == 0)
		return "word2vec-bin";
	if (n > 4 && (strcmp(path + n - 4, ".txt") == 0 ||
	    strcmp(path + n - 4, ".vec") == 0))
		return "word2vec";
	return "vds";
}

static int
write_vectors(const char *path, const struct corpus *c, size_t nvocab,
    int dim, const float *m, struct diag *d)
{
	struct space *s;
	int rc;

	/* The corpus stands as the space's origin, so that where the
	 * output goes does not change its bytes. */
	s = space_from_rows(c->path, "vecdoc-train",
	    (const char *const *)c->word, (long)nvocab, dim, m, d);
	if (s == NULL)
		return -1;
	rc = space_write(s, path, out_format(path), d);
	space_free(s);
	return rc;
}

int
cmd_train(int argc, char **argv)
{
	struct train_opts o;
	struct corpus_decl decl;
	struct corpus *c = NULL;
	struct trainset td;
	struct w2v_hooks hk;
	struct progress pg;
	struct sigaction sa, oldint, oldterm;
	struct diag d;
	const char *field;
	float *in = NULL, *out = NULL;
	size_t nvocab, i;
	char *sp;
	double t0, secs;
	int rc = 1, trained = 0;

	memset(&pg, 0, sizeof(pg));
	memset(&td, 0, sizeof(td));
	if ((rc = parse_args(argc, argv, &o)) != 0) {
		free(o.snap);
		if (rc < 0) {
			fputs(train_help, stdout);
			return 0;
		}
		return 2;
	}
	rc = 1;
	corpus_decl_init(&decl, o.wikitext ? CORPUS_WIKITEXT : CORPUS_LINES);
	decl.lowercase = !o.nolower;
	t0 = clock_now();
	if ((c = corpus_load(&decl, o.corpus, &d)) == NULL) {
		diag_print(stderr, &d);
		goto out;
	}
	if (c->ntokens == 0) {
		diag_fail(&d, c->path, 0, 0, "the corpus has no words");
		diag_print(stderr, &d);
		goto out;
	}
	if (o.dump != NULL) {
		if (dump_tokens(c, o.dump, &d) < 0) {
			diag_print(stderr, &d);
			goto out;
		}
		if (!o.quiet)
			fprintf(stderr, "%s: %zu tokens in %zu lines\n", o.dump,
			    c->ntokens, c->ndocs);
		if (o.out == NULL) {
			rc = 0;
			goto out;
		}
	}
	if (trainset_build(c, o.min_count, o.heldout, o.p.window,
	    o.p.negative, o.p.seed, &td, &d) < 0) {
		diag_print(stderr, &d);
		goto out;
	}
	nvocab = td.nvocab;
	if (w2v_params_check(&o.p, nvocab, &field, &d) < 0) {
		if (strcmp(field, "negative") == 0)
			fprintf(stderr, "vecdoc train: --negative %d: must be "
			    "smaller than the vocabulary: %s has %zu word%s "
			    "seen at least %ld time%s (--min-count)\n",
			    o.p.negative, o.corpus, nvocab, nvocab == 1 ? "" :
			    "s", o.min_count, o.min_count == 1 ? "" : "s");
		else
			fprintf(stderr, "vecdoc train: --%s: %s\n", field, d.msg);
		goto out;
	}
	if (td.text.ntok == 0) {
		diag_fail(&d, o.corpus, 0, 0, "no words left to train on");
		diag_print(stderr, &d);
		goto out;
	}
	if (!o.quiet)
		fprintf(stderr, "%s: %zu words, %zu lines, read in %.1f s; "
		    "vocabulary %zu (min-count %ld); training on %zu words, "
		    "%zu held-out pairs; %s, dim %d, window %d, negative %d, "
		    "%d epoch%s, %d thread%s%s\n", o.corpus, c->ntokens,
		    c->ndocs, clock_now() - t0, nvocab, o.min_count, td.text.ntok,
		    td.held.n, o.p.model == W2V_SGNS ? "sgns" : "cbow",
		    o.p.dim, o.p.window, o.p.negative, o.p.epochs,
		    o.p.epochs == 1 ? "" : "s", o.p.threads,
		    o.p.threads == 1 ? "" : "s", o.p.threads == 1 ?
		    " (deterministic)" : " (Hogwild, not reproducible)");
	pg.o = &o;
	pg.tty = isatty(2);
	pg.nvec = nvocab * (size_t)o.p.dim;
	pg.last_loss = NAN;
	pg.snaps = xcalloc((size_t)o.nsnap + 1, sizeof(float *));
	for (i = 0; i < (size_t)o.nsnap; i++)
		pg.snaps[i] = xmalloc(pg.nvec * sizeof(float));
	if (pg.tty && !o.quiet) {
		o.p.report_every = (long long)td.text.ntok / 40;
		if (o.p.report_every < 100000)
			o.p.report_every = 100000;
	}
	in = xmalloc(pg.nvec * sizeof(float));
	out = xmalloc(pg.nvec * sizeof(float));
	memset(&hk, 0, sizeof(hk));
	hk.report = on_report;
	hk.ctx = &pg;
	hk.now = clock_now;
	hk.stop = &interrupted;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &oldint);
	sigaction(SIGTERM, &sa, &oldterm);
	t0 = clock_now();
	trained = w2v_train(&td.text, &o.p, td.held.n > 0 ? &td.held : NULL, &hk,
	    in, out, &d) == 0;
	secs = clock_now() - t0;
	sigaction(SIGINT, &oldint, NULL);
	sigaction(SIGTERM, &oldterm, NULL);
	if (!trained) {
		if (pg.tty && !o.quiet)
			fputc('\n', stderr);
		fprintf(stderr, "vecdoc train: %s; %s not written\n", d.msg,
		    o.out);
		goto out;
	}
	if (write_vectors(o.out, c, nvocab, o.p.dim, in, &d) < 0) {
		diag_print(stderr, &d);
		goto out;
	}
	for (i = 0; i < (size_t)o.nsnap; i++) {
		sp = snap_path(o.out, o.snap[i]);
		if (write_vectors(sp, c, nvocab, o.p.dim, pg.snaps[i], &d) < 0) {
			diag_print(stderr, &d);
			free(sp);
			goto out;
		}
		if (!o.quiet)
			fprintf(stderr, "wrote %s (after epoch %d)\n", sp,
			    o.snap[i]);
		free(sp);
	}
	if (!o.quiet)
		fprintf(stderr, "wrote %s: %zu x %d in %.1f s, %.0f words/s%s"
		    "\n", o.out, nvocab, o.p.dim, secs,
		    (double)td.text.ntok * o.p.epochs / secs, "");
	rc = 0;
out:
	if (pg.snaps != NULL)
		for (i = 0; i < (size_t)o.nsnap; i++)
			free(pg.snaps[i]);
	free(pg.snaps);
	free(in);
	free(out);
	trainset_clear(&td);
	corpus_free(c);
	free(o.snap);
	return rc;
}
