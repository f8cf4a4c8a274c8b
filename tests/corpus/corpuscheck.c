/*
 * tests/corpus/corpuscheck: a driver that loads corpora declared in a
 * small YAML file (a vecdoc.yml `corpora:` section) and embedding files,
 * runs the src/corpus and cross-space kernels and prints JSON (or TSV)
 * for tests/corpus/crosscheck.py to compare with numpy/scipy.
 * Reads the files named on the command line; prints to stdout; writes
 * raw dumps only where asked. Never part of vecdoc itself (noinst).
 *
 *   corpuscheck vocab CFG NAME                 word<TAB>count, rank order
 *   corpuscheck docs CFG NAME                  tokens per document
 *   corpuscheck stats CFG NAME R1 R2 XMIN MINTAIL
 *   corpuscheck compare CFG NAMEA NAMEB ALPHA ALPHA0 K
 *   corpuscheck cooc CFG NAME WINDOW HARMONIC N CDS K DUMP|-
 *   corpuscheck linmap SPACEA SPACEB LAMBDA TESTFRAC SEED NORMALIZE
 *                      all|shared MAXPAIRS WDUMP|-
 *   corpuscheck anerr SPACE QUESTIONS TSV|-
 *   corpuscheck zeta FILE                      "s q" lines -> ζ(s, q)
 *   corpuscheck report CFG WIKI TWITTER SPACEA SPACEB QUESTIONS
 *                                              every figure of the report,
 *                                              with timings
 * CFG `file:` names are taken as paths relative to CFG's directory.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus/compare.h"
#include "corpus/cooc.h"
#include "corpus/corpus.h"
#include "corpus/freq.h"
#include "corpus/spectrum.h"
#include "corpus/xspace.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fsutil.h"
#include "util/json.h"
#include "util/xalloc.h"
#include "util/yamltree.h"

static void
die(const struct diag *d)
{
	diag_print(stderr, d);
	exit(2);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct corpus_decl *decls;
static size_t ndecls;
static char *cfgdir;

static void
load_cfg(const char *path)
{
	struct buf b = BUF_INIT;
	struct diag d;
	struct ynode *root;

	if (fs_read(path, &b, &d) < 0)
		die(&d);
	root = ynode_parse(buf_str(&b), b.len, path, 0, &d);
	buf_clear(&b);
	if (root == NULL)
		die(&d);
	cfgdir = fs_dirname(path);
	if (*cfgdir == '\0') {
		free(cfgdir);
		cfgdir = xstrdup(".");
	}
	if (corpusdecls_parse(ynode_get(root, "corpora"), path, cfgdir, &decls,
	    &ndecls, &d) < 0)
		die(&d);
	ynode_free(root);
}

static struct corpus *
load_corpus(const char *name)
{
	struct diag d;
	struct corpus *c;
	size_t i;
	char *p = NULL;

	for (i = 0; i < ndecls; i++)
		if (strcmp(decls[i].name, name) == 0)
			break;
	if (i == ndecls) {
		fprintf(stderr, "corpuscheck: no corpus %s\n", name);
		exit(2);
	}
	if (decls[i].file)
		p = decls[i].file[0] == '/' ? xstrdup(decls[i].file) :
		    fs_join(cfgdir, decls[i].file);
	c = corpus_load(&decls[i], p, &d);
	free(p);
	if (c == NULL)
		die(&d);
	return c;
}

static void
print_json(struct buf *b)
{
	fputs(buf_str(b), stdout);
	fputc('\n', stdout);
	buf_clear(b);
}

static int
cmd_vocab(char **argv)
{
	struct corpus *c;
	size_t i;

	load_cfg(argv[1]);
	c = load_corpus(argv[2]);
	printf("#tokens %zu types %zu docs %zu lines %ld dropped %ld punct %ld "
	    "headings %ld\n", c->ntokens, c->ntypes, c->ndocs, c->nlines,
	    c->ndropped, c->npunct, c->nheadings);
	for (i = 0; i < c->ntypes; i++)
		printf("%s\t%ld\n", c->word[i], c->count[i]);
	corpus_free(c);
	return 0;
}

static int
cmd_docs(char **argv)
{
	struct corpus *c;
	size_t i;

	load_cfg(argv[1]);
	c = load_corpus(argv[2]);
	for (i = 0; i < c->ndocs; i++)
		printf("%zu\n", c->doc[i + 1] - c->doc[i]);
	corpus_free(c);
	return 0;
}

static void
json_stats(struct jw *w, const struct corpus *c, long r1, long r2,
    long xmin, long mintail)
{
	struct freq_summary fs;
	struct zipf_ls zl;
	struct zipf_mle zm;
	struct diag d;
	double t0;
	size_t i;

	jw_key(w, "tokens");
	jw_int(w, (long long)c->ntokens);
	jw_key(w, "types");
	jw_int(w, (long long)c->ntypes);
	jw_key(w, "docs");
	jw_int(w, (long long)c->ndocs);
	jw_key(w, "dropped");
	jw_int(w, c->ndropped);
	jw_key(w, "punct");
	jw_int(w, c->npunct);
	jw_key(w, "t_load");
	jw_num(w, c->t_load);
	jw_key(w, "top");
	jw_arr_begin(w);
	for (i = 0; i < c->ntypes && i < 20; i++)
		jw_str(w, c->word[i]);
	jw_arr_end(w);
	if (freq_summary(c->count, c->ntypes, &fs, &d) < 0) {
		jw_key(w, "summary_error");
		jw_str(w, d.msg);
	} else {
		jw_key(w, "hapax");
		jw_int(w, fs.hapax);
		jw_key(w, "hapax_types");
		jw_num(w, fs.hapax_types);
		jw_key(w, "hapax_tokens");
		jw_num(w, fs.hapax_tokens);
		jw_key(w, "entropy");
		jw_num(w, fs.entropy);
		jw_key(w, "norm_entropy");
		jw_num(w, fs.norm_entropy);
		jw_key(w, "perplexity");
		jw_num(w, fs.perplexity);
	}
	if (zipf_ls_fit(c->count, c->ntypes, r1, r2, &zl, &d) < 0) {
		jw_key(w, "zipf_ls_error");
		jw_str(w, d.msg);
	} else {
		jw_key(w, "zipf_ls");
		jw_obj_begin(w);
		jw_key(w, "r1");
		jw_int(w, zl.r1);
		jw_key(w, "r2");
		jw_int(w, zl.r2);
		jw_key(w, "alpha");
		jw_num(w, zl.alpha);
		jw_key(w, "intercept");
		jw_num(w, zl.intercept);
		jw_key(w, "r2_fit");
		jw_num(w, zl.r2_fit);
		jw_obj_end(w);
	}
	t0 = now();
	if (zipf_mle_fit(c->count, c->ntypes, xmin, mintail, &zm, &d) < 0) {
		jw_key(w, "zipf_mle_error");
		jw_str(w, d.msg);
	} else {
		jw_key(w, "zipf_mle");
		jw_obj_begin(w);
		jw_key(w, "alpha");
		jw_num(w, zm.alpha);
		jw_key(w, "sigma");
		jw_num(w, zm.sigma);
		jw_key(w, "s");
		jw_num(w, zm.s);
		jw_key(w, "xmin");
		jw_int(w, zm.xmin);
		jw_key(w, "ntail");
		jw_int(w, zm.ntail);
		jw_key(w, "ks");
		jw_num(w, zm.ks);
		jw_key(w, "loglik");
		jw_num(w, zm.loglik);
		jw_key(w, "ncandidates");
		jw_int(w, zm.ncandidates);
		jw_key(w, "t_fit");
		jw_num(w, now() - t0);
		jw_obj_end(w);
	}
}

static int
cmd_stats(char **argv)
{
	struct buf b = BUF_INIT;
	struct jw w;
	struct corpus *c;

	load_cfg(argv[1]);
	c = load_corpus(argv[2]);
	jw_init(&w, &b, 1);
	jw_obj_begin(&w);
	json_stats(&w, c, atol(argv[3]), atol(argv[4]), atol(argv[5]),
	    atol(argv[6]));
	jw_obj_end(&w);
	print_json(&b);
	corpus_free(c);
	return 0;
}

static void
json_side(struct jw *w, const struct corpus_union *u, const double *z,
    const double *delta, size_t k, int side)
{
	long *ids = xcalloc(k + 1, sizeof(*ids));
	size_t m = compare_topk(z, u->n, k, side, ids), i;

	jw_arr_begin(w);
	for (i = 0; i < m; i++) {
		jw_obj_begin(w);
		jw_key(w, "word");
		jw_str(w, u->word[ids[i]]);
		jw_key(w, "z");
		jw_num(w, z[ids[i]]);
		jw_key(w, "delta");
		jw_num(w, delta[ids[i]]);
		jw_key(w, "ca");
		jw_int(w, u->ca[ids[i]]);
		jw_key(w, "cb");
		jw_int(w, u->cb[ids[i]]);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	free(ids);
}

static void
json_compare(struct jw *w, const struct corpus *a, const struct corpus *b,
    double alpha, double alpha0, size_t k)
{
	struct corpus_union u;
	struct diag d;
	double v, hd, *z, *delta, t0 = now();

	corpus_union_init(&u, a, b);
	jw_key(w, "union");
	jw_int(w, (long long)u.n);
	jw_key(w, "shared");
	jw_int(w, (long long)u.nshared);
	jw_key(w, "alpha");
	jw_num(w, alpha);
	if (compare_kl(u.ca, u.cb, u.n, alpha, &v, &d) < 0)
		die(&d);
	jw_key(w, "kl_ab");
	jw_num(w, v);
	if (compare_kl(u.cb, u.ca, u.n, alpha, &v, &d) < 0)
		die(&d);
	jw_key(w, "kl_ba");
	jw_num(w, v);
	if (compare_js(u.ca, u.cb, u.n, &v, &d) < 0)
		die(&d);
	jw_key(w, "js");
	jw_num(w, v);
	if (compare_mi(u.ca, u.cb, u.n, &v, &hd, &d) < 0)
		die(&d);
	jw_key(w, "mi");
	jw_num(w, v);
	jw_key(w, "hd");
	jw_num(w, hd);
	z = xcalloc(u.n + 1, sizeof(*z));
	delta = xcalloc(u.n + 1, sizeof(*delta));
	if (compare_logodds(u.ca, u.cb, u.n, alpha0, delta, z, &d) < 0)
		die(&d);
	jw_key(w, "alpha0");
	jw_num(w, alpha0);
	jw_key(w, "top_a");
	json_side(w, &u, z, delta, k, 1);
	jw_key(w, "top_b");
	json_side(w, &u, z, delta, k, -1);
	jw_key(w, "t_compare");
	jw_num(w, now() - t0);
	free(z);
	free(delta);
	corpus_union_clear(&u);
}

static int
cmd_compare(char **argv)
{
	struct buf b = BUF_INIT;
	struct jw w;
	struct corpus *ca, *cb;

	load_cfg(argv[1]);
	ca = load_corpus(argv[2]);
	cb = load_corpus(argv[3]);
	jw_init(&w, &b, 1);
	jw_obj_begin(&w);
	json_compare(&w, ca, cb, atof(argv[4]), atof(argv[5]),
	    (size_t)atol(argv[6]));
	jw_obj_end(&w);
	print_json(&b);
	corpus_free(ca);
	corpus_free(cb);
	return 0;
}

static void
json_cooc(struct jw *w, const struct corpus *c, int window, int harmonic,
    size_t n, double cds, int k, const char *dump)
{
	struct cooc x;
	struct spectrum sp;
	struct diag d;
	double *m, t0 = now(), t1, t2;
	int i;

	if (n > c->ntypes)
		n = c->ntypes;
	if (cooc_count(c->tok, c->doc, c->ndocs, c->ntypes, window, harmonic,
	    n, &x, &d) < 0)
		die(&d);
	t1 = now();
	m = xcalloc(n * n, sizeof(*m));
	if (dump) {
		struct buf p = BUF_INIT;

		if (cooc_dense(&x, n, COOC_COUNTS, 1, m, &d) < 0 ||
		    fs_write(dump, m, n * n * sizeof(*m), &d) < 0)
			die(&d);
		if (cooc_dense(&x, n, COOC_PPMI, cds, m, &d) < 0)
			die(&d);
		buf_printf(&p, "%s.ppmi", dump);
		if (fs_write(buf_str(&p), m, n * n * sizeof(*m), &d) < 0)
			die(&d);
		buf_clear(&p);
	}
	if (cooc_dense(&x, n, COOC_PPMI, cds, m, &d) < 0)
		die(&d);
	t2 = now();
	if (spectrum_compute(m, (int)n, cds == 1, k, &sp, &d) < 0)
		die(&d);
	jw_key(w, "n");
	jw_int(w, (long long)n);
	jw_key(w, "window");
	jw_int(w, window);
	jw_key(w, "harmonic");
	jw_int(w, harmonic);
	jw_key(w, "cds");
	jw_num(w, cds);
	jw_key(w, "nnz");
	jw_int(w, (long long)x.nnz);
	jw_key(w, "total");
	jw_num(w, x.total);
	jw_key(w, "marg");
	jw_arr_begin(w);
	for (i = 0; i < (int)n && i < 50; i++)
		jw_num(w, x.marg[i]);
	jw_arr_end(w);
	jw_key(w, "sv");
	jw_arr_begin(w);
	for (i = 0; i < sp.n; i++)
		jw_num(w, sp.sv[i]);
	jw_arr_end(w);
	jw_key(w, "k");
	jw_int(w, sp.k);
	jw_key(w, "top_share");
	jw_num(w, sp.top_share);
	jw_key(w, "top_energy");
	jw_num(w, sp.top_energy);
	jw_key(w, "entropy");
	jw_num(w, sp.entropy);
	jw_key(w, "norm_entropy");
	jw_num(w, sp.norm_entropy);
	jw_key(w, "erank");
	jw_num(w, sp.erank);
	jw_key(w, "rank");
	jw_int(w, sp.rank);
	jw_key(w, "t_cooc");
	jw_num(w, t1 - t0);
	jw_key(w, "t_ppmi");
	jw_num(w, t2 - t1);
	jw_key(w, "t_svd");
	jw_num(w, now() - t2);
	spectrum_clear(&sp);
	free(m);
	cooc_clear(&x);
}

static int
cmd_cooc(char **argv)
{
	struct buf b = BUF_INIT;
	struct jw w;
	struct corpus *c;

	load_cfg(argv[1]);
	c = load_corpus(argv[2]);
	jw_init(&w, &b, 1);
	jw_obj_begin(&w);
	json_cooc(&w, c, atoi(argv[3]), atoi(argv[4]), (size_t)atol(argv[5]),
	    atof(argv[6]), atoi(argv[7]), strcmp(argv[8], "-") ? argv[8] : NULL);
	jw_obj_end(&w);
	print_json(&b);
	corpus_free(c);
	return 0;
}

static struct space *
open_space(const char *path, double *t)
{
	struct diag d;
	struct space *s;
	double t0 = now();

	s = space_open_file(path, "glove", NULL, &d);
	if (s == NULL)
		die(&d);
	if (t)
		*t = now() - t0;
	return s;
}

static void
json_linmap(struct jw *w, const struct space *a, const struct space *b,
    const struct xspace_linmap_opts *o, const char *wdump, int lists)
{
	struct xspace_linmap_result r;
	struct diag d;
	double t0 = now();
	long i;

	if (xspace_linmap(a, b, o, &r, &d) < 0)
		die(&d);
	jw_key(w, "t_total");
	jw_num(w, now() - t0);
	jw_key(w, "t_fit");
	jw_num(w, r.t_fit);
	jw_key(w, "t_eval");
	jw_num(w, r.t_eval);
	jw_key(w, "lambda");
	jw_num(w, o->lambda);
	jw_key(w, "normalize");
	jw_int(w, o->normalize);
	jw_key(w, "candidates");
	jw_str(w, o->candidates == XSPACE_CAND_ALL ? "all" : "shared");
	jw_key(w, "shared");
	jw_int(w, r.pairs.n);
	jw_key(w, "ntrain");
	jw_int(w, r.ntrain);
	jw_key(w, "ntest");
	jw_int(w, r.ntest);
	jw_key(w, "p1");
	jw_num(w, r.eval.p1);
	jw_key(w, "p5");
	jw_num(w, r.eval.pk);
	jw_key(w, "mean_resid");
	jw_num(w, r.mean_resid);
	jw_key(w, "mean_resid_train");
	jw_num(w, r.mean_resid_train);
	jw_key(w, "mean_norm_y");
	jw_num(w, r.mean_norm_y);
	if (lists) {
		jw_key(w, "test");
		jw_arr_begin(w);
		for (i = 0; i < r.ntest; i++)
			jw_str(w, space_word(a, r.pairs.ida[r.test[i]], NULL));
		jw_arr_end(w);
		jw_key(w, "pred1");
		jw_arr_begin(w);
		for (i = 0; i < r.ntest; i++)
			jw_int(w, r.pred[i * LINMAP_TOPK]);
		jw_arr_end(w);
		jw_key(w, "resid");
		jw_arr_begin(w);
		for (i = 0; i < r.ntest; i++)
			jw_num(w, r.resid[i]);
		jw_arr_end(w);
	} else {
		/* a few examples for the report */
		jw_key(w, "examples");
		jw_arr_begin(w);
		for (i = 0; i < r.ntest && i < 15; i++) {
			long p = r.pred[i * LINMAP_TOPK];

			jw_arr_begin(w);
			jw_str(w, space_word(a, r.pairs.ida[r.test[i]], NULL));
			jw_str(w, p >= 0 ? space_word(b, p, NULL) : "");
			jw_arr_end(w);
		}
		jw_arr_end(w);
	}
	if (wdump && fs_write(wdump, r.w, (size_t)r.d1 * r.d2 * sizeof(float),
	    &d) < 0)
		die(&d);
	xspace_linmap_clear(&r);
}

static int
cmd_linmap(char **argv)
{
	struct buf b = BUF_INIT;
	struct jw w;
	struct space *sa, *sb;
	struct xspace_linmap_opts o;

	sa = open_space(argv[1], NULL);
	sb = open_space(argv[2], NULL);
	xspace_linmap_defaults(&o);
	o.lambda = atof(argv[3]);
	o.test_frac = atof(argv[4]);
	o.seed = strtoull(argv[5], NULL, 10);
	o.normalize = atoi(argv[6]);
	o.candidates = strcmp(argv[7], "shared") == 0 ? XSPACE_CAND_SHARED :
	    XSPACE_CAND_ALL;
	o.max_pairs = atol(argv[8]);
	jw_init(&w, &b, 1);
	jw_obj_begin(&w);
	json_linmap(&w, sa, sb, &o, strcmp(argv[9], "-") ? argv[9] : NULL, 1);
	jw_obj_end(&w);
	print_json(&b);
	space_free(sa);
	space_free(sb);
	return 0;
}

static void
json_anerr(struct jw *w, const struct space *s, const char *qpath,
    const char *tsv)
{
	struct xspace_analogy r;
	struct buf q = BUF_INIT, out = BUF_INIT;
	struct diag d;
	size_t i;

	if (fs_read(qpath, &q, &d) < 0)
		die(&d);
	if (xspace_analogy_run(s, buf_str(&q), q.len, qpath, 0, &r, &d) < 0)
		die(&d);
	jw_key(w, "questions");
	jw_int(w, r.sum.n);
	jw_key(w, "oov");
	jw_int(w, r.res.oov);
	jw_key(w, "accuracy");
	jw_num(w, r.sum.accuracy);
	jw_key(w, "mean_eps");
	jw_num(w, r.sum.mean);
	jw_key(w, "mean_eps_correct");
	jw_num(w, r.sum.mean_correct);
	jw_key(w, "mean_eps_incorrect");
	jw_num(w, r.sum.mean_incorrect);
	jw_key(w, "ncorrect");
	jw_int(w, r.sum.ncorrect);
	jw_key(w, "nwords");
	jw_int(w, r.sum.nwords);
	jw_key(w, "mean_sq");
	jw_num(w, r.sum.mean_sq);
	jw_key(w, "chance");
	jw_num(w, r.sum.chance);
	jw_key(w, "t_eval");
	jw_num(w, r.t_eval);
	jw_key(w, "sections");
	jw_arr_begin(w);
	for (i = 0; i < r.res.nsec; i++) {
		jw_obj_begin(w);
		jw_key(w, "name");
		jw_str(w, r.res.sec[i].name);
		jw_key(w, "mean_eps");
		jw_num(w, r.sec_mean[i]);
		jw_key(w, "correct");
		jw_int(w, r.res.sec[i].correct);
		jw_key(w, "incorrect");
		jw_int(w, r.res.sec[i].incorrect);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	if (tsv) {
		for (i = 0; i < r.res.nitem; i++) {
			const struct analogy_item *it = &r.res.item[i];

			buf_printf(&out, "%ld\t%s\t%s\t%s\t%s\t%.17g\t%d\n",
			    it->line, space_word(s, it->a, NULL),
			    space_word(s, it->b, NULL),
			    space_word(s, it->c, NULL),
			    space_word(s, it->expected, NULL), r.eps[i],
			    it->correct);
		}
		if (fs_write(tsv, out.data ? out.data : "", out.len, &d) < 0)
			die(&d);
	}
	buf_clear(&out);
	buf_clear(&q);
	xspace_analogy_clear(&r);
}

static int
cmd_anerr(char **argv)
{
	struct buf b = BUF_INIT;
	struct jw w;
	struct space *s = open_space(argv[1], NULL);

	jw_init(&w, &b, 1);
	jw_obj_begin(&w);
	json_anerr(&w, s, argv[2], strcmp(argv[3], "-") ? argv[3] : NULL);
	jw_obj_end(&w);
	print_json(&b);
	space_free(s);
	return 0;
}

static int
cmd_zeta(char **argv)
{
	FILE *fp = fopen(argv[1], "r");
	double s, q;

	if (fp == NULL) {
		perror(argv[1]);
		return 2;
	}
	while (fscanf(fp, "%lf %lf", &s, &q) == 2)
		printf("%.17g\n", freq_hurwitz_zeta(s, q));
	fclose(fp);
	return 0;
}

/* Mean analogy error of two spaces on the questions both evaluated. */
static void
json_anerr_common(struct jw *w, const struct space *sa,
    const struct space *sb, const char *qpath)
{
	struct xspace_analogy ra, rb;
	struct buf q = BUF_INIT;
	struct diag d;
	double ea = 0, eb = 0;
	long n = 0, ca = 0, cb = 0;
	size_t i, j = 0;

	if (fs_read(qpath, &q, &d) < 0)
		die(&d);
	if (xspace_analogy_run(sa, buf_str(&q), q.len, qpath, 0, &ra, &d) < 0 ||
	    xspace_analogy_run(sb, buf_str(&q), q.len, qpath, 0, &rb, &d) < 0)
		die(&d);
	/* both item lists are in file order */
	for (i = 0; i < ra.res.nitem; i++) {
		while (j < rb.res.nitem && rb.res.item[j].line <
		    ra.res.item[i].line)
			j++;
		if (j == rb.res.nitem)
			break;
		if (rb.res.item[j].line != ra.res.item[i].line ||
		    isnan(ra.eps[i]) || isnan(rb.eps[j]))
			continue;
		n++;
		ea += ra.eps[i];
		eb += rb.eps[j];
		ca += ra.res.item[i].correct;
		cb += rb.res.item[j].correct;
	}
	jw_key(w, "questions");
	jw_int(w, n);
	jw_key(w, "mean_eps_a");
	jw_num(w, n ? ea / n : 0);
	jw_key(w, "mean_eps_b");
	jw_num(w, n ? eb / n : 0);
	jw_key(w, "accuracy_a");
	jw_num(w, n ? (double)ca / n : 0);
	jw_key(w, "accuracy_b");
	jw_num(w, n ? (double)cb / n : 0);
	xspace_analogy_clear(&ra);
	xspace_analogy_clear(&rb);
	buf_clear(&q);
}

/* Every figure for the report on the real data, with timings. */
static int
cmd_report(char **argv)
{
	struct buf b = BUF_INIT;
	struct jw w;
	struct corpus *wiki, *tw;
	struct space *sa, *sb;
	struct xspace_linmap_opts o;
	double t0, tsa, tsb;

	load_cfg(argv[1]);
	jw_init(&w, &b, 1);
	jw_obj_begin(&w);
	t0 = now();
	wiki = load_corpus(argv[2]);
	tw = load_corpus(argv[3]);
	jw_key(&w, "t_load_both");
	jw_num(&w, now() - t0);
	jw_key(&w, "wiki");
	jw_obj_begin(&w);
	json_stats(&w, wiki, 1, 1000, 0, 50);
	jw_obj_end(&w);
	jw_key(&w, "twitter");
	jw_obj_begin(&w);
	json_stats(&w, tw, 1, 1000, 0, 50);
	jw_obj_end(&w);
	jw_key(&w, "compare");
	jw_obj_begin(&w);
	json_compare(&w, wiki, tw, COMPARE_KL_ALPHA, COMPARE_LOGODDS_ALPHA0, 20);
	jw_obj_end(&w);
	{
		/* the whole vocabulary, sparse */
		struct cooc x;
		struct diag d;

		t0 = now();
		if (cooc_count(tw->tok, tw->doc, tw->ndocs, tw->ntypes, 5, 1, 0,
		    &x, &d) < 0)
			die(&d);
		jw_key(&w, "cooc_twitter_full");
		jw_obj_begin(&w);
		jw_key(&w, "window");
		jw_int(&w, 5);
		jw_key(&w, "harmonic");
		jw_int(&w, 1);
		jw_key(&w, "nnz");
		jw_int(&w, (long long)x.nnz);
		jw_key(&w, "t_cooc");
		jw_num(&w, now() - t0);
		jw_obj_end(&w);
		cooc_clear(&x);
	}
	jw_key(&w, "cooc_wiki");
	jw_obj_begin(&w);
	json_cooc(&w, wiki, 2, 0, 2000, 1, 10, NULL);
	jw_obj_end(&w);
	jw_key(&w, "cooc_twitter");
	jw_obj_begin(&w);
	json_cooc(&w, tw, 2, 0, 2000, 1, 10, NULL);
	jw_obj_end(&w);
	jw_key(&w, "cooc_wiki_cds");
	jw_obj_begin(&w);
	json_cooc(&w, wiki, 2, 0, 2000, COOC_CDS, 10, NULL);
	jw_obj_end(&w);
	jw_key(&w, "cooc_twitter_cds");
	jw_obj_begin(&w);
	json_cooc(&w, tw, 2, 0, 2000, COOC_CDS, 10, NULL);
	jw_obj_end(&w);
	sa = open_space(argv[4], &tsa);
	sb = open_space(argv[5], &tsb);
	jw_key(&w, "t_open_spaces");
	jw_num(&w, tsa + tsb);
	xspace_linmap_defaults(&o);
	jw_key(&w, "linmap");
	jw_obj_begin(&w);
	json_linmap(&w, sa, sb, &o, NULL, 0);
	jw_obj_end(&w);
	o.normalize = 1;
	jw_key(&w, "linmap_unit");
	jw_obj_begin(&w);
	json_linmap(&w, sa, sb, &o, NULL, 0);
	jw_obj_end(&w);
	o.normalize = 0;
	o.candidates = XSPACE_CAND_SHARED;
	jw_key(&w, "linmap_shared");
	jw_obj_begin(&w);
	json_linmap(&w, sa, sb, &o, NULL, 0);
	jw_obj_end(&w);
	xspace_linmap_defaults(&o);
	jw_key(&w, "linmap_reverse");
	jw_obj_begin(&w);
	json_linmap(&w, sb, sa, &o, NULL, 0);
	jw_obj_end(&w);
	jw_key(&w, "anerr_a");
	jw_obj_begin(&w);
	json_anerr(&w, sa, argv[6], NULL);
	jw_obj_end(&w);
	jw_key(&w, "anerr_b");
	jw_obj_begin(&w);
	json_anerr(&w, sb, argv[6], NULL);
	jw_obj_end(&w);
	jw_key(&w, "anerr_common");
	jw_obj_begin(&w);
	json_anerr_common(&w, sa, sb, argv[6]);
	jw_obj_end(&w);
	jw_obj_end(&w);
	print_json(&b);
	corpus_free(wiki);
	corpus_free(tw);
	space_free(sa);
	space_free(sb);
	return 0;
}

static const struct {
	const char	*name;
	int		 argc;
	int		(*fn)(char **);
} cmds[] = {
	{ "vocab", 3, cmd_vocab },
	{ "docs", 3, cmd_docs },
	{ "stats", 7, cmd_stats },
	{ "compare", 7, cmd_compare },
	{ "cooc", 9, cmd_cooc },
	{ "linmap", 10, cmd_linmap },
	{ "anerr", 4, cmd_anerr },
	{ "report", 7, cmd_report },
	{ "zeta", 2, cmd_zeta },
};

int
main(int argc, char **argv)
{
	size_t i;
	int rc;

	for (i = 0; argc > 1 && i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0) {
			if (argc - 1 != cmds[i].argc) {
				fprintf(stderr, "corpuscheck %s: %d arguments "
				    "expected\n", cmds[i].name, cmds[i].argc - 1);
				return 2;
			}
			rc = cmds[i].fn(argv + 1);
			corpusdecls_free(decls, ndecls);
			free(cfgdir);
			return rc;
		}
	fprintf(stderr, "usage: corpuscheck vocab|docs|stats|compare|cooc|"
	    "linmap|anerr|zeta|report ... (see the source)\n");
	return 2;
}
