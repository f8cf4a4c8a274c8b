/*
 * Unit tests for src/corpus and the cross-space kernels (kern/linmap,
 * kern/anerr): a 3-document corpus counted, compared and co-occurred by
 * hand, the `corpora:` declarations and their errors, and the degenerate
 * inputs (empty corpus, one word, no shared vocabulary) that must give
 * located errors, never a NaN. Never reads ../shared/data.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "corpus/compare.h"
#include "corpus/cooc.h"
#include "corpus/corpus.h"
#include "corpus/freq.h"
#include "corpus/spectrum.h"
#include "corpus/xspace.h"
#include "kern/anerr.h"
#include "kern/knn.h"
#include "kern/linmap.h"
#include "store/space.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "util/yamltree.h"

static struct corpus *
lines(const char *text)
{
	struct corpus_decl decl;
	struct diag d;
	struct corpus *c;

	corpus_decl_init(&decl, CORPUS_LINES);
	c = corpus_load_mem(&decl, text, strlen(text), "t.txt", &d);
	if (c == NULL)
		fprintf(stderr, "%s\n", d.msg);
	return c;
}

static const char *
diagstr(const struct diag *d)
{
	static char out[2048];

	diag_format(d, out, sizeof(out));
	return out;
}

/*
 * Three documents:  "a b a c" / "B, a!" / "c c d"
 * counts a 3, c 3, b 2, d 1 (9 tokens; "B" lowercased, ",", "!" dropped);
 * rank order: a, c (tie: bytes), b, d.
 */
static const char THREE[] = "a b a c\nB, a!\nc c d\n";

static void
test_load_three(void)
{
	struct corpus *c = lines(THREE);

	CHECK(c != NULL);
	if (c == NULL)
		return;
	CHECK_INT(c->ntokens, 9);
	CHECK_INT(c->ntypes, 4);
	CHECK_INT(c->ndocs, 3);
	CHECK_INT(c->npunct, 2);
	CHECK_STR(c->word[0], "a");
	CHECK_STR(c->word[1], "c");
	CHECK_STR(c->word[2], "b");
	CHECK_STR(c->word[3], "d");
	CHECK_INT(c->count[0], 3);
	CHECK_INT(c->count[1], 3);
	CHECK_INT(c->count[2], 2);
	CHECK_INT(c->count[3], 1);
	CHECK_INT(c->doc[0], 0);
	CHECK_INT(c->doc[1], 4);
	CHECK_INT(c->doc[2], 6);
	CHECK_INT(c->doc[3], 9);
	/* doc 2 is "b a" -> ids 2 0 */
	CHECK_INT(c->tok[4], 2);
	CHECK_INT(c->tok[5], 0);
	CHECK_INT(corpus_find(c, "d", 1), 3);
	CHECK_INT(corpus_find(c, "e", 1), -1);
	corpus_free(c);
}

static void
test_freq_three(void)
{
	struct corpus *c = lines(THREE);
	struct freq_summary fs;
	struct diag d;
	/* H = −Σ p log2 p with p = 3/9, 3/9, 2/9, 1/9 = 1.8910611...  */
	double h = -(2 * (3.0 / 9) * log2(3.0 / 9) + (2.0 / 9) * log2(2.0 / 9) +
	    (1.0 / 9) * log2(1.0 / 9));

	CHECK(c != NULL);
	if (c == NULL)
		return;
	CHECK_INT(freq_summary(c->count, c->ntypes, &fs, &d), 0);
	CHECK_INT(fs.tokens, 9);
	CHECK_INT(fs.types, 4);
	CHECK_INT(fs.hapax, 1);
	CHECK_NEAR(fs.hapax_types, 0.25, 1e-15);
	CHECK_NEAR(fs.hapax_tokens, 1.0 / 9, 1e-15);
	CHECK_NEAR(fs.entropy, h, 1e-12);
	CHECK_NEAR(fs.entropy, 1.8910611, 1e-7);
	CHECK_NEAR(fs.max_entropy, 2.0, 1e-15);
	CHECK_NEAR(fs.norm_entropy, h / 2, 1e-12);
	corpus_free(c);
}

static void
test_kl_js_mi(void)
{
	/* P = THREE (a c b d = 3 3 2 1), Q = "a b c d a a" (3 1 1 1) */
	static const long p[] = { 3, 3, 2, 1 }, q[] = { 3, 1, 1, 1 };
	static const long q0[] = { 3, 0, 2, 1 };
	struct diag d;
	double kl, want, js, mi, hd;

	want = (1.0 / 3) * log2((1.0 / 3) / 0.5) + (1.0 / 3) * log2(2) +
	    (2.0 / 9) * log2((2.0 / 9) / (1.0 / 6)) +
	    (1.0 / 9) * log2((1.0 / 9) / (1.0 / 6));
	CHECK_INT(compare_kl(p, q, 4, 0, &kl, &d), 0);
	CHECK_NEAR(kl, want, 1e-14);
	CHECK_NEAR(kl, 0.1655806, 1e-7);
	/* smoothing 1: P = (4 4 3 2)/13, Q = (4 2 2 2)/10 */
	CHECK_INT(compare_kl(p, q, 4, 1, &kl, &d), 0);
	want = (4.0 / 13) * log2((4.0 / 13) / 0.4) +
	    (4.0 / 13) * log2((4.0 / 13) / 0.2) +
	    (3.0 / 13) * log2((3.0 / 13) / 0.2) +
	    (2.0 / 13) * log2((2.0 / 13) / 0.2);
	CHECK_NEAR(kl, want, 1e-14);
	/* a word of P missing from Q without smoothing: infinite, an error */
	CHECK_INT(compare_kl(p, q0, 4, 0, &kl, &d), -1);
	CHECK(strstr(d.msg, "infinite") != NULL);
	CHECK_INT(compare_kl(q0, p, 4, 0, &kl, &d), 0);	/* fine this way */
	/* JS: identical 0, disjoint 1 bit; MI of disjoint equal halves = H(D) = 1 */
	{
		static const long x[] = { 5, 5, 0, 0 }, y[] = { 0, 0, 3, 7 };
		static const long e[] = { 0, 0, 0, 0 };

		CHECK_INT(compare_js(p, p, 4, &js, &d), 0);
		CHECK_NEAR(js, 0, 1e-15);
		CHECK_INT(compare_js(x, y, 4, &js, &d), 0);
		CHECK_NEAR(js, 1, 1e-15);
		CHECK_INT(compare_mi(x, y, 4, &mi, &hd, &d), 0);
		CHECK_NEAR(mi, 1, 1e-15);
		CHECK_NEAR(hd, 1, 1e-15);
		CHECK_INT(compare_mi(p, p, 4, &mi, &hd, &d), 0);
		CHECK_NEAR(mi, 0, 1e-15);
		CHECK_INT(compare_js(x, e, 4, &js, &d), -1);
		CHECK(strstr(d.msg, "no tokens") != NULL);
		CHECK_INT(compare_kl(e, x, 4, 0.5, &kl, &d), -1);
	}
	/* MI, unequal sizes: N = 9 + 6 = 15, by the definition */
	CHECK_INT(compare_mi(p, q, 4, &mi, &hd, &d), 0);
	want = 0;
	{
		int i;

		for (i = 0; i < 4; i++) {
			double pw = (double)(p[i] + q[i]) / 15;

			want += p[i] / 15.0 * log2(p[i] / 15.0 / (pw * 9 / 15.0));
			want += q[i] / 15.0 * log2(q[i] / 15.0 / (pw * 6 / 15.0));
		}
	}
	CHECK_NEAR(mi, want, 1e-14);
	CHECK_NEAR(hd, -(0.6 * log2(0.6) + 0.4 * log2(0.4)), 1e-14);
}

static void
test_logodds(void)
{
	/* p = (10, 0), q = (0, 10), alpha0 = 2: a_w = 1 for both words;
	 * δ0 = ln(11/1) − ln(1/11) = 2 ln 11, σ² = 1/11 + 1, z0 = 4.5916... */
	static const long p[] = { 10, 0, 0 }, q[] = { 0, 10, 0 };
	double z[3], delta[3];
	long ids[3];
	struct diag d;

	CHECK_INT(compare_logodds(p, q, 3, 2, delta, z, &d), 0);
	CHECK_NEAR(delta[0], 2 * log(11), 1e-14);
	CHECK_NEAR(z[0], 2 * log(11) / sqrt(1.0 / 11 + 1), 1e-14);
	CHECK_NEAR(z[0], 4.5916, 1e-4);
	CHECK_NEAR(z[1], -z[0], 1e-14);
	CHECK_NEAR(z[2], 0, 0);		/* in neither corpus */
	CHECK_INT(compare_topk(z, 3, 3, 1, ids), 1);
	CHECK_INT(ids[0], 0);
	CHECK_INT(compare_topk(z, 3, 3, -1, ids), 1);
	CHECK_INT(ids[0], 1);
	CHECK_INT(compare_logodds(p, q, 3, 0, delta, z, &d), -1);
}

/*
 * Window 2 over THREE (ids a0 c1 b2 d3):
 *   "a b a c": a-b, a-a, b-a, b-c, a-c   "b a": b-a   "c c d": c-c, c-d, c-d
 * X(a,b) = 3, X(a,a) = 2 (one pair, both directions), X(a,c) = 1,
 * X(b,c) = 1, X(c,c) = 2, X(c,d) = 2; marginals a 6, c 6, b 4, d 2,
 * total 18. PPMI(a,b) = ln(3·18 / (6·4)) = ln 2.25, PPMI(c,d) = ln 3,
 * PPMI(a,a) = ln 1 = 0, PPMI(a,c) = max(0, ln 0.5) = 0.
 */
static void
test_cooc_three(void)
{
	struct corpus *c = lines(THREE);
	struct cooc x;
	struct diag d;
	double m[16], z;

	CHECK(c != NULL);
	if (c == NULL)
		return;
	CHECK_INT(cooc_count(c->tok, c->doc, c->ndocs, c->ntypes, 2, 0, 0, &x,
	    &d), 0);
	CHECK_NEAR(cooc_get(&x, 0, 2), 3, 0);
	CHECK_NEAR(cooc_get(&x, 2, 0), 3, 0);
	CHECK_NEAR(cooc_get(&x, 0, 0), 2, 0);
	CHECK_NEAR(cooc_get(&x, 0, 1), 1, 0);
	CHECK_NEAR(cooc_get(&x, 2, 1), 1, 0);
	CHECK_NEAR(cooc_get(&x, 1, 1), 2, 0);
	CHECK_NEAR(cooc_get(&x, 1, 3), 2, 0);
	CHECK_NEAR(cooc_get(&x, 2, 3), 0, 0);
	CHECK_NEAR(x.marg[0], 6, 0);
	CHECK_NEAR(x.marg[1], 6, 0);
	CHECK_NEAR(x.marg[2], 4, 0);
	CHECK_NEAR(x.marg[3], 2, 0);
	CHECK_NEAR(x.total, 18, 0);
	CHECK_INT(x.nnz, 10);
	z = cooc_cds_norm(&x, 1);
	CHECK_NEAR(cooc_ppmi(&x, 0, 2, 1, z), log(2.25), 1e-15);
	CHECK_NEAR(cooc_ppmi(&x, 1, 3, 1, z), log(3), 1e-15);
	CHECK_NEAR(cooc_ppmi(&x, 0, 0, 1, z), 0, 1e-15);
	CHECK_NEAR(cooc_ppmi(&x, 0, 1, 1, z), 0, 0);
	CHECK_INT(cooc_dense(&x, 4, COOC_PPMI, 1, m, &d), 0);
	CHECK_NEAR(m[0 * 4 + 2], log(2.25), 1e-15);
	CHECK_NEAR(m[3 * 4 + 1], log(3), 1e-15);
	CHECK_NEAR(m[2 * 4 + 3], 0, 0);
	/* cds 0.75: Z = 6^.75 + 6^.75 + 4^.75 + 2^.75; PPMI(a,b) =
	 * ln(3 Z / (6 · 4^.75)) */
	z = 2 * pow(6, 0.75) + pow(4, 0.75) + pow(2, 0.75);
	CHECK_NEAR(cooc_cds_norm(&x, 0.75), z, 1e-12);
	CHECK_NEAR(cooc_ppmi(&x, 0, 2, 0.75, z), log(3 * z / (6 * pow(4, 0.75))),
	    1e-12);
	CHECK_INT(cooc_dense(&x, 5, COOC_COUNTS, 1, m, &d), -1);
	cooc_clear(&x);
	/* harmonic weights 1/d, window 2, two rows kept: X(a,a) = 2 · 1/2 */
	CHECK_INT(cooc_count(c->tok, c->doc, c->ndocs, c->ntypes, 2, 1, 2, &x,
	    &d), 0);
	CHECK_INT(x.nrows, 2);
	CHECK_NEAR(cooc_get(&x, 0, 0), 1, 1e-15);
	CHECK_NEAR(cooc_get(&x, 1, 1), 2, 0);	/* "c c": adjacent */
	/* marginals still count every context: a's are b 1+1+1 (distance
	 * 1 each), a ½+½ (distance 2, both occurrences), c 1 */
	CHECK_NEAR(x.marg[0], 5, 1e-15);
	cooc_clear(&x);
	CHECK_INT(cooc_count(c->tok, c->doc, c->ndocs, c->ntypes, 0, 0, 0, &x,
	    &d), -1);
	corpus_free(c);
}

static void
test_spectrum(void)
{
	double a[4] = { 3, 0, 0, 1 }, b[4] = { 0, 2, 0, 0 }, z[4] = { 0 };
	struct spectrum s;
	struct diag d;
	/* p = (3/4, 1/4): H = 0.8112781 bits, effective rank 2^H */
	double h = -(0.75 * log2(0.75) + 0.25 * log2(0.25));

	CHECK_INT(spectrum_compute(a, 2, 1, 1, &s, &d), 0);
	CHECK_NEAR(s.sv[0], 3, 1e-14);
	CHECK_NEAR(s.sv[1], 1, 1e-14);
	CHECK_NEAR(s.norm[0], 0.75, 1e-14);
	CHECK_NEAR(s.entropy, h, 1e-14);
	CHECK_NEAR(s.norm_entropy, h, 1e-14);
	CHECK_NEAR(s.erank, exp2(h), 1e-14);
	CHECK_NEAR(s.top_energy, 0.9, 1e-14);
	CHECK_NEAR(s.top_share, 0.75, 1e-14);
	CHECK_INT(s.rank, 2);
	spectrum_clear(&s);
	/* not symmetric: dgesdd; rank one */
	CHECK_INT(spectrum_compute(b, 2, 0, 5, &s, &d), 0);
	CHECK_NEAR(s.sv[0], 2, 1e-14);
	CHECK_NEAR(s.sv[1], 0, 1e-14);
	CHECK_INT(s.k, 2);
	CHECK_INT(s.rank, 1);
	CHECK_NEAR(s.entropy, 0, 1e-14);
	CHECK_NEAR(s.erank, 1, 1e-14);
	spectrum_clear(&s);
	CHECK_INT(spectrum_compute(z, 2, 1, 1, &s, &d), -1);
	CHECK(strstr(d.msg, "all zeros") != NULL);
	CHECK(s.sv == NULL);
}

static void
test_zipf(void)
{
	/* f = 3600 / r exactly: alpha 1, intercept log10 3600, R² 1 */
	static const long c[] = { 3600, 1800, 1200, 900, 720, 600 };
	static const long one[] = { 7 };
	static const long flat[] = { 4, 4, 4 };
	struct zipf_ls z;
	struct zipf_mle m;
	struct diag d;

	CHECK_INT(zipf_ls_fit(c, 6, 1, 0, &z, &d), 0);
	CHECK_NEAR(z.alpha, 1, 1e-12);
	CHECK_NEAR(z.intercept, log10(3600), 1e-12);
	CHECK_NEAR(z.r2_fit, 1, 1e-12);
	CHECK_INT(z.r2, 6);
	CHECK_INT(zipf_ls_fit(c, 6, 2, 4, &z, &d), 0);
	CHECK_INT(z.npoints, 3);
	CHECK_NEAR(z.alpha, 1, 1e-12);
	/* constant counts: a flat line, alpha 0 (defined, not NaN) */
	CHECK_INT(zipf_ls_fit(flat, 3, 1, 0, &z, &d), 0);
	CHECK_NEAR(z.alpha, 0, 1e-15);
	/* one distinct word: undefined, an error */
	CHECK_INT(zipf_ls_fit(one, 1, 1, 0, &z, &d), -1);
	CHECK(strstr(d.msg, "fewer than 2 ranks") != NULL);
	CHECK_INT(zipf_ls_fit(c, 6, 0, 0, &z, &d), -1);
	{
		static const long up[] = { 1, 5 };

		CHECK_INT(zipf_ls_fit(up, 2, 1, 0, &z, &d), -1);
		CHECK(strstr(d.msg, "descending") != NULL);
	}
	CHECK_INT(zipf_mle_fit(one, 1, 1, 1, &m, &d), -1);
	CHECK_INT(zipf_mle_fit(flat, 3, 4, 1, &m, &d), -1);
	CHECK(strstr(d.msg, "without bound") != NULL);
	CHECK_INT(zipf_mle_fit(flat, 3, 0, 1, &m, &d), -1);
	CHECK(!isnan(m.alpha));
	/* the MLE maximises the likelihood: L(alpha ± h) < L(alpha) */
	CHECK_INT(zipf_mle_fit(c, 6, 600, 0, &m, &d), 0);
	{
		double ml = 0, h = 1e-4, l0, lm, lp;
		int i;

		for (i = 0; i < 6; i++)
			ml += log((double)c[i]) / 6;
		l0 = -log(freq_hurwitz_zeta(m.alpha, 600)) - m.alpha * ml;
		lm = -log(freq_hurwitz_zeta(m.alpha - h, 600)) - (m.alpha - h) * ml;
		lp = -log(freq_hurwitz_zeta(m.alpha + h, 600)) - (m.alpha + h) * ml;
		CHECK(l0 > lm && l0 > lp);
		CHECK_NEAR(m.loglik, 6 * l0, 1e-9);
		CHECK_INT(m.ntail, 6);
		CHECK_NEAR(m.s, 1 / (m.alpha - 1), 1e-12);
		CHECK_NEAR(m.sigma, (m.alpha - 1) / sqrt(6), 1e-12);
	}
	/* chart ranks: 1000 ranks in 4 points: 1, 10, 100, 1000 */
	{
		long r[8];

		CHECK_INT(freq_logranks(1000, 4, r), 4);
		CHECK_INT(r[0], 1);
		CHECK_INT(r[1], 10);
		CHECK_INT(r[2], 100);
		CHECK_INT(r[3], 1000);
		/* 3 ranks, 8 points: duplicates dropped */
		CHECK_INT(freq_logranks(3, 8, r), 3);
		CHECK_INT(r[2], 3);
		CHECK_INT(freq_logranks(1, 8, r), 1);
		CHECK_INT(freq_logranks(0, 8, r), 0);
	}
	/* Hurwitz zeta: ζ(2,1) = π²/6, ζ(4,1) = π⁴/90, ζ(2,2) = π²/6 − 1,
	 * Apéry's constant ζ(3,1) */
	CHECK_NEAR(freq_hurwitz_zeta(2, 1), M_PI * M_PI / 6, 1e-15);
	CHECK_NEAR(freq_hurwitz_zeta(4, 1), pow(M_PI, 4) / 90, 1e-15);
	CHECK_NEAR(freq_hurwitz_zeta(2, 2), M_PI * M_PI / 6 - 1, 1e-15);
	CHECK_NEAR(freq_hurwitz_zeta(3, 1), 1.2020569031595942, 1e-15);
	CHECK(isnan(freq_hurwitz_zeta(1, 1)));
}

static void
test_degenerate(void)
{
	struct corpus *c = lines("");
	struct corpus *one = lines("x x\nx");
	struct freq_summary fs;
	struct zipf_ls z;
	struct zipf_mle m;
	struct cooc x;
	struct diag d;
	double blk[1];
	struct spectrum s;

	CHECK(c != NULL && one != NULL);
	if (c == NULL || one == NULL)
		return;
	/* empty corpus: counts 0, entropy an error, nothing NaN */
	CHECK_INT(c->ntokens, 0);
	CHECK_INT(c->ntypes, 0);
	CHECK_INT(c->ndocs, 0);
	CHECK_INT(freq_summary(c->count, c->ntypes, &fs, &d), -1);
	CHECK(strstr(d.msg, "no tokens") != NULL);
	CHECK_INT(fs.tokens, 0);
	CHECK(!isnan(fs.entropy));
	CHECK_INT(zipf_ls_fit(c->count, c->ntypes, 1, 0, &z, &d), -1);
	CHECK_INT(zipf_mle_fit(c->count, c->ntypes, 0, 0, &m, &d), -1);
	CHECK_INT(cooc_count(c->tok, c->doc, c->ndocs, c->ntypes, 2, 0, 0, &x,
	    &d), 0);
	CHECK_INT(x.nnz, 0);
	CHECK_INT(cooc_dense(&x, 1, COOC_PPMI, 1, blk, &d), -1);
	cooc_clear(&x);
	/* one distinct word: entropy exactly 0, Zipf undefined */
	CHECK_INT(freq_summary(one->count, one->ntypes, &fs, &d), 0);
	CHECK_NEAR(fs.entropy, 0, 0);
	CHECK(!signbit(fs.entropy));
	CHECK_NEAR(fs.norm_entropy, 0, 0);
	CHECK_INT(zipf_ls_fit(one->count, one->ntypes, 1, 0, &z, &d), -1);
	CHECK_INT(zipf_mle_fit(one->count, one->ntypes, 0, 0, &m, &d), -1);
	/* "x x" co-occurs with itself; the 1 × 1 PPMI block is ln 1 = 0, so
	 * its spectrum is undefined */
	CHECK_INT(cooc_count(one->tok, one->doc, one->ndocs, one->ntypes, 2, 0,
	    0, &x, &d), 0);
	CHECK_NEAR(cooc_get(&x, 0, 0), 2, 0);
	CHECK_INT(cooc_dense(&x, 1, COOC_PPMI, 1, blk, &d), 0);
	CHECK_NEAR(blk[0], 0, 0);
	CHECK_INT(spectrum_compute(blk, 1, 1, 1, &s, &d), -1);
	cooc_clear(&x);
	corpus_free(c);
	corpus_free(one);
}

static void
test_wikitext(void)
{
	static const char text[] =
	    " \n = Title One = \n a @-@ b <unk> , c @,@ 0 \n"
	    " = = Sub = = \n <unk> @-@ x d \n = Two = \n e E \n @-@ \n";
	struct corpus_decl decl;
	struct corpus *c;
	struct diag d;
	static char unk[] = "<unk>";
	char *drop[] = { unk };

	corpus_decl_init(&decl, CORPUS_WIKITEXT);
	CHECK_INT(decl.docs, CORPUS_DOC_ARTICLES);
	CHECK_INT(decl.join_wikitext, 1);
	decl.drop = drop;
	decl.ndrop = 1;
	c = corpus_load_mem(&decl, text, strlen(text), "w.txt", &d);
	CHECK(c != NULL);
	if (c == NULL)
		return;
	/* doc 1: title one a-b c,0 sub d; doc 2: two e e */
	CHECK_INT(c->ndocs, 2);
	CHECK_INT(c->doc[1], 6);
	CHECK_INT(c->ntokens, 9);
	CHECK_INT(c->ndropped, 2);	/* "<unk>" and "<unk>-x" */
	CHECK_INT(c->npunct, 2);	/* "," and the lone "-" */
	CHECK_INT(c->nheadings, 3);
	CHECK(corpus_find(c, "a-b", 3) >= 0);
	CHECK(corpus_find(c, "c,0", 3) >= 0);
	CHECK(corpus_find(c, "title", 5) >= 0);
	CHECK(corpus_find(c, "=", 1) < 0);
	CHECK_STR(c->word[0], "e");
	CHECK_INT(c->count[0], 2);
	corpus_free(c);
	/* per-line documents, no joining: "@-@" is punctuation */
	corpus_decl_init(&decl, CORPUS_WIKITEXT);
	decl.docs = CORPUS_DOC_LINES;
	decl.join_wikitext = 0;
	c = corpus_load_mem(&decl, text, strlen(text), "w.txt", &d);
	CHECK(c != NULL);
	if (c == NULL)
		return;
	CHECK_INT(c->ndocs, 6);
	CHECK(corpus_find(c, "<unk>", 5) >= 0);
	CHECK(corpus_find(c, "a-b", 3) < 0);
	corpus_free(c);
}

static void
collect(void *ctx, const char *w, size_t n, int isword)
{
	struct buf *b = ctx;

	buf_printf(b, "%s%.*s|", isword ? "" : "P:", (int)n, w);
}

static void
test_words(void)
{
	struct buf b = BUF_INIT;
	size_t bad = 0;
	static const char s[] = "Don\xE2\x80\x99t well-known 3.5 1,000 5. U.S. "
	    "x--y :) #Tag \xCE\xA3\xCE\x99 caf\xC3\xA9\xF0\x9F\x98\x80";

	CHECK_INT(corpus_words(s, strlen(s), 1, 0, collect, &b, &bad), 0);
	CHECK_STR(buf_str(&b), "don't|well-known|3.5|1,000|5|u|s|x|y|tag|\xCF\x83"
	    "\xCE\xB9|caf\xC3\xA9|");
	buf_reset(&b);
	CHECK_INT(corpus_words(s, strlen(s), 0, 1, collect, &b, &bad), 0);
	CHECK_STR(buf_str(&b), "Don't|well-known|3.5|1,000|5|P:.|U|P:.|S|P:.|x|"
	    "P:--|y|P::)|P:#|Tag|\xCE\xA3\xCE\x99|caf\xC3\xA9|P:\xF0\x9F\x98\x80|");
	buf_reset(&b);
	CHECK_INT(corpus_words("ok \xFF", 4, 1, 0, collect, &b, &bad), -1);
	CHECK_INT(bad, 3);
	buf_clear(&b);
}

static void
test_bad_utf8(void)
{
	struct corpus_decl decl;
	struct diag d;

	corpus_decl_init(&decl, CORPUS_LINES);
	CHECK(corpus_load_mem(&decl, "fine\nab\xC3(x\n", 10, "bad.txt", &d) ==
	    NULL);
	CHECK_STR(diagstr(&d), "bad.txt:2:3: error: invalid UTF-8 (byte 0xC3)");
	CHECK(corpus_load_mem(&decl, "a\0b\n", 4, "nul.txt", &d) == NULL);
	CHECK_STR(diagstr(&d), "nul.txt:1:2: error: NUL byte in text");
	/* a BOM and CRLF are fine */
	{
		struct corpus *c = corpus_load_mem(&decl, "\xEF\xBB\xBFone\r\ntwo\r\n",
		    13, "crlf.txt", &d);

		CHECK(c != NULL);
		if (c) {
			CHECK_INT(c->ntokens, 2);
			CHECK(corpus_find(c, "one", 3) >= 0);
			corpus_free(c);
		}
	}
}

/* Parses a `corpora:` YAML snippet; returns 0 or -1 with d set. */
static int
decls(const char *yaml, struct corpus_decl **v, size_t *n, struct diag *d)
{
	struct ynode *root = ynode_parse(yaml, strlen(yaml), "vecdoc.yml", 0, d);
	int rc;

	if (root == NULL)
		return -1;
	rc = corpusdecls_parse(ynode_get(root, "corpora"), "vecdoc.yml", "/tmp",
	    v, n, d);
	ynode_free(root);
	return rc;
}

static void
test_decls(void)
{
	struct corpus_decl *v = NULL;
	size_t n = 0;
	struct diag d;

	CHECK_INT(decls("corpora:\n"
	    "  wiki: { file: wikitext2, format: wikitext, drop: [\"<unk>\"] }\n"
	    "  tweets:\n"
	    "    path: data/tweets.txt\n"
	    "    lowercase: false\n"
	    "    punctuation: true\n", &v, &n, &d), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(v[0].name, "wiki");
		CHECK_STR(v[0].file, "wikitext2");
		CHECK(v[0].path == NULL);
		CHECK_INT(v[0].format, CORPUS_WIKITEXT);
		CHECK_INT(v[0].docs, CORPUS_DOC_ARTICLES);
		CHECK_INT(v[0].join_wikitext, 1);
		CHECK_INT(v[0].lowercase, 1);
		CHECK_INT(v[0].ndrop, 1);
		CHECK_STR(v[0].drop[0], "<unk>");
		CHECK_INT(v[0].line, 2);
		CHECK_STR(v[1].path, "/tmp/data/tweets.txt");
		CHECK_STR(v[1].relpath, "data/tweets.txt");
		CHECK_INT(v[1].format, CORPUS_LINES);
		CHECK_INT(v[1].lowercase, 0);
		CHECK_INT(v[1].punctuation, 1);
		CHECK_STR(v[1].tokenizer, "word");
	}
	corpusdecls_free(v, n);

	CHECK_INT(decls("corpora:\n  w: { path: a.txt, lowercse: true }\n",
	    &v, &n, &d), -1);
	CHECK_STR(diagstr(&d), "vecdoc.yml:2:21: error: unknown key \"lowercse\" "
	    "in a corpus (did you mean \"lowercase\"?)");
	CHECK_INT(decls("corpora:\n  w:\n    path: a.txt\n    format: wikitxt\n",
	    &v, &n, &d), -1);
	CHECK_STR(diagstr(&d), "vecdoc.yml:4:13: error: format: unknown value "
	    "\"wikitxt\" (did you mean \"wikitext\"?) (known: lines, wikitext)");
	CHECK_INT(decls("corpora:\n  w: { path: a.txt, file: b }\n", &v, &n, &d),
	    -1);
	CHECK(strstr(d.msg, "exactly one of path:") != NULL);
	CHECK_INT(d.line, 2);
	CHECK_INT(decls("corpora:\n  w: { format: lines }\n", &v, &n, &d), -1);
	CHECK(strstr(d.msg, "exactly one of path:") != NULL);
	/* vecdoc.yml's data may live anywhere (the site owner's file). */
	CHECK_INT(decls("corpora:\n  w: { path: ../../etc/passwd }\n", &v, &n,
	    &d), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(v[0].path, "/tmp/../../etc/passwd");
	corpusdecls_free(v, n);
	CHECK_INT(decls("corpora:\n  w: { path: a.txt, join_wikitext: true }\n",
	    &v, &n, &d), -1);
	CHECK_STR(diagstr(&d), "vecdoc.yml:2:36: error: join_wikitext: only for "
	    "format: wikitext");
	CHECK_INT(decls("corpora:\n  w: { path: a.txt, documents: articles }\n",
	    &v, &n, &d), -1);
	CHECK(strstr(d.msg, "articles needs format: wikitext") != NULL);
	CHECK_INT(decls("corpora:\n  w: { path: a.txt, drop: \"<unk>\" }\n", &v,
	    &n, &d), -1);
	CHECK(strstr(d.msg, "drop: expected a list") != NULL);
	CHECK_INT(decls("corpora:\n  w: { path: a.txt, tokenizer: bpe }\n", &v,
	    &n, &d), -1);
	CHECK(strstr(d.msg, "tokenizer: unknown value \"bpe\"") != NULL);
	CHECK_INT(decls("corpora:\n  w: { path: a.txt, lowercase: maybe }\n", &v,
	    &n, &d), -1);
	CHECK_INT(d.line, 2);
	CHECK_INT(decls("corpora: [a, b]\n", &v, &n, &d), -1);
	CHECK(strstr(d.msg, "expected a map of names") != NULL);
	CHECK_INT(decls("title: x\n", &v, &n, &d), 0);	/* no corpora: fine */
	CHECK_INT(n, 0);
	CHECK(v == NULL);
}

static void
test_union(void)
{
	struct corpus *a = lines("x y y\n"), *b = lines("z y z z\n");
	struct corpus_union u;

	CHECK(a && b);
	if (!a || !b)
		return;
	corpus_union_init(&u, a, b);
	/* a's words (y 2, x 1), then b's new ones (z 3) */
	CHECK_INT(u.n, 3);
	CHECK_INT(u.nshared, 1);
	CHECK_STR(u.word[0], "y");
	CHECK_INT(u.ca[0], 2);
	CHECK_INT(u.cb[0], 1);
	CHECK_STR(u.word[1], "x");
	CHECK_INT(u.cb[1], 0);
	CHECK_INT(u.idb[1], -1);
	CHECK_STR(u.word[2], "z");
	CHECK_INT(u.ca[2], 0);
	CHECK_INT(u.cb[2], 3);
	CHECK_INT(u.ida[2], -1);
	corpus_union_clear(&u);
	corpus_free(a);
	corpus_free(b);
}

/*
 * Four words in 3-d, A rows independent enough that XᵀX is invertible;
 * B = A · R with R 3 × 2: the ridge fit with lambda 0 recovers R.
 */
static const float A4[] = {
	1, 0, 0,
	0, 2, 0,
	0, 0, 3,
	1, 1, 1
};
static const float R32[] = {
	0.5f, -1,
	2, 0.25f,
	-1, 1
};

static void
test_linmap_exact(void)
{
	float b[8], w[6], xw[8];
	double res[4];
	struct diag d;
	int i;

	linmap_apply(A4, 4, 3, 2, R32, b);
	CHECK_NEAR(b[6], 1.5, 1e-6);	/* (1,1,1) · R = (1.5, 0.25) */
	CHECK_NEAR(b[7], 0.25, 1e-6);
	CHECK_INT(linmap_fit(A4, b, 4, 3, 2, 0, w, &d), 0);
	for (i = 0; i < 6; i++)
		CHECK_NEAR(w[i], R32[i], 1e-5);
	linmap_apply(A4, 4, 3, 2, w, xw);
	linmap_residuals(xw, b, 4, 2, res);
	for (i = 0; i < 4; i++)
		CHECK_NEAR(res[i], 0, 1e-5);
	/* ridge shrinks: with lambda > 0, ‖W‖ < ‖R‖ */
	CHECK_INT(linmap_fit(A4, b, 4, 3, 2, 10, w, &d), 0);
	{
		double nw = 0, nr = 0;

		for (i = 0; i < 6; i++) {
			nw += (double)w[i] * w[i];
			nr += (double)R32[i] * R32[i];
		}
		CHECK(nw < nr);
	}
	/* two words for three dimensions: singular without ridge */
	CHECK_INT(linmap_fit(A4, b, 2, 3, 2, 0, w, &d), -1);
	CHECK(strstr(d.msg, "not positive definite") != NULL);
	CHECK_INT(linmap_fit(A4, b, 2, 3, 2, 0.1, w, &d), 0);
	CHECK_INT(linmap_fit(A4, b, 0, 3, 2, 0.1, w, &d), -1);
	CHECK_INT(linmap_fit(A4, b, 4, 3, 2, -1, w, &d), -1);
	/* precision: map A exactly, targets are b's rows themselves */
	{
		struct knn_index ix;
		struct linmap_eval ev;
		long gold[4] = { 0, 1, 2, 3 }, pred[4 * LINMAP_TOPK];

		linmap_fit(A4, b, 4, 3, 2, 0, w, &d);
		linmap_apply(A4, 4, 3, 2, w, xw);
		knn_index_init(&ix, b, 4, 2);
		CHECK_INT(linmap_precision(&ix, xw, 4, 2, gold, pred, &ev, &d), 0);
		CHECK_INT(ev.hit1, 4);
		CHECK_NEAR(ev.p1, 1, 0);
		CHECK_NEAR(ev.pk, 1, 0);
		CHECK_INT(pred[LINMAP_TOPK * 2], 2);
		CHECK_INT(pred[4], -1);		/* only 4 candidates for 5 ranks */
		CHECK_INT(linmap_precision(&ix, xw, 4, 3, gold, pred, &ev, &d), -1);
		knn_index_clear(&ix);
	}
}

static struct space *
space_text(const char *s)
{
	struct diag d;
	struct space *sp = text_parse("s.txt", s, strlen(s), "glove", &d);

	if (sp == NULL)
		fprintf(stderr, "%s\n", d.msg);
	return sp;
}

static void
test_xspace(void)
{
	struct space *a = space_text("one 1 0 0\ntwo 0 2 0\nthree 0 0 3\n"
	    "four 1 1 1\nfive 1 -1 0\nsix 2 0 1\n");
	/* b = a · R32 exactly for the six shared words, plus "zzz" */
	struct space *b = space_text("six 0 -1\ntwo 4 0.5\none 0.5 -1\n"
	    "four 1.5 0.25\nzzz 9 9\nthree -3 3\nfive -1.5 -1.25\n");
	struct space *c = space_text("uno 1 2\ndos 3 4\n");
	struct space *e = space_text("one 1 2\nzwei 3 4\nfour 5 6\n");
	struct xspace_linmap_opts o;
	struct xspace_linmap_result r;
	struct xspace_pairs p;
	struct diag d;
	int i;

	CHECK(a && b && c && e);
	if (!a || !b || !c || !e)
		return;
	CHECK_INT(xspace_shared(a, b, 0, &p, &d), 0);
	CHECK_INT(p.n, 6);
	CHECK_INT(p.ida[0], 0);
	CHECK_INT(p.idb[0], 2);		/* "one" is b's row 2 */
	xspace_pairs_clear(&p);
	xspace_linmap_defaults(&o);
	o.lambda = 0;
	o.test_frac = 0.34;		/* 2 of 6 */
	CHECK_INT(xspace_linmap(a, b, &o, &r, &d), 0);
	CHECK_INT(r.ntest, 2);
	CHECK_INT(r.ntrain, 4);
	CHECK_INT(r.d1, 3);
	CHECK_INT(r.d2, 2);
	/* exact: W = R, residuals 0, every test word maps onto itself */
	for (i = 0; i < 6; i++)
		CHECK_NEAR(r.w[i], R32[i], 1e-5);
	CHECK_INT(r.eval.n, 2);
	CHECK_INT(r.eval.hit1, 2);
	CHECK_NEAR(r.mean_resid, 0, 1e-5);
	CHECK_NEAR(r.mean_resid_train, 0, 1e-5);
	CHECK_INT(r.pred[0], r.pairs.idb[r.test[0]]);
	xspace_linmap_clear(&r);
	/* the same seed gives the same split */
	{
		long t1[2], t2[2];

		xspace_linmap(a, b, &o, &r, &d);
		t1[0] = r.test[0];
		t1[1] = r.test[1];
		xspace_linmap_clear(&r);
		xspace_linmap(a, b, &o, &r, &d);
		t2[0] = r.test[0];
		t2[1] = r.test[1];
		xspace_linmap_clear(&r);
		CHECK(t1[0] == t2[0] && t1[1] == t2[1]);
		CHECK(t1[0] < t1[1]);
	}
	/* no shared vocabulary */
	CHECK_INT(xspace_shared(a, c, 0, &p, &d), -1);
	CHECK(strstr(d.msg, "share no word") != NULL);
	CHECK_INT(xspace_linmap(a, c, &o, &r, &d), -1);
	CHECK(r.w == NULL);
	/* two shared words: too few to split */
	CHECK_INT(xspace_linmap(a, e, &o, &r, &d), -1);
	CHECK_STR(d.msg, "linear map: the spaces share only 2 words; a "
	    "train/test split needs at least 3");
	/* exact recovery on the five exact words, all used for training
	 * through the kernel directly */
	{
		float x[15], y[10], w[6];
		static const char *ws[] = { "one", "two", "three", "four", "five" };

		for (i = 0; i < 5; i++) {
			memcpy(x + i * 3, space_row(a, space_find(a, ws[i],
			    strlen(ws[i]))), 3 * sizeof(float));
			memcpy(y + i * 2, space_row(b, space_find(b, ws[i],
			    strlen(ws[i]))), 2 * sizeof(float));
		}
		CHECK_INT(linmap_fit(x, y, 5, 3, 2, 0, w, &d), 0);
		for (i = 0; i < 6; i++)
			CHECK_NEAR(w[i], R32[i], 1e-5);
	}
	space_free(a);
	space_free(b);
	space_free(c);
	space_free(e);
}

static void
test_anerr(void)
{
	/* rows: 0 (2,0)  1 (0,3)  2 (1,0)  3 (0,5)  4 (1,1)  5 (0,0) */
	static const float m[] = { 2, 0, 0, 3, 1, 0, 0, 5, 1, 1, 0, 0 };
	struct knn_index ix;
	struct analogy_result res;
	struct analogy_item it[3];
	struct analogy_section sec[2];
	struct anerr_summary s;
	struct diag d;
	double eps[3], sm[2], e2;

	/* b̂ − â + ĉ − d̂ = (0,1) − (1,0) + (1,0) − (0,1) = 0 */
	CHECK_NEAR(anerr_one(m + 0, m + 2, m + 4, m + 6, 2), 0, 1e-15);
	/* d = (1,1)/√2: (−1/√2, 1 − 1/√2), ε² = ½ + (1 − 1/√2)² */
	e2 = 0.5 + (1 - M_SQRT1_2) * (1 - M_SQRT1_2);
	CHECK_NEAR(anerr_one(m + 0, m + 2, m + 4, m + 8, 2), sqrt(e2), 1e-15);
	CHECK(isnan(anerr_one(m + 0, m + 2, m + 4, m + 10, 2)));

	knn_index_init(&ix, m, 6, 2);
	memset(&res, 0, sizeof(res));
	memset(it, 0, sizeof(it));
	memset(sec, 0, sizeof(sec));
	res.sec = sec;
	res.nsec = 2;
	res.item = it;
	res.nitem = 3;
	it[0].a = 0; it[0].b = 1; it[0].c = 2; it[0].expected = 3;
	it[0].correct = 1; it[0].section = 0;
	it[1].a = 0; it[1].b = 1; it[1].c = 2; it[1].expected = 4;
	it[1].correct = 0; it[1].section = 1;
	it[2].a = 0; it[2].b = 1; it[2].c = 2; it[2].expected = 5;
	it[2].correct = 0; it[2].section = 1;
	res.correct = 1;
	res.incorrect = 2;
	CHECK_INT(anerr_eval(&ix, &res, eps, sm, &s, &d), 0);
	CHECK_NEAR(eps[0], 0, 1e-15);
	CHECK_NEAR(eps[1], sqrt(e2), 1e-15);
	CHECK(isnan(eps[2]));
	CHECK_INT(s.n, 3);
	CHECK_INT(s.nzero, 1);
	CHECK_NEAR(s.mean, sqrt(e2) / 2, 1e-15);
	CHECK_NEAR(s.mean_correct, 0, 1e-15);
	CHECK_NEAR(s.mean_incorrect, sqrt(e2), 1e-15);
	CHECK_NEAR(s.accuracy, 1.0 / 3, 1e-15);
	CHECK_NEAR(sm[0], 0, 1e-15);
	CHECK_NEAR(sm[1], sqrt(e2), 1e-15);
	/* chance: unit rows 0..4 = (1,0) (0,1) (1,0) (0,1) (1,1)/√2, row 5
	 * is zero; ū = (2 + 1/√2, 2 + 1/√2) / 5 */
	{
		double u = (2 + M_SQRT1_2) / 5;

		CHECK_INT(s.nwords, 5);
		CHECK_NEAR(s.mean_sq, 2 * u * u, 1e-15);
		CHECK_NEAR(s.chance, 2 * sqrt(1 - 2 * u * u), 1e-15);
	}
	res.nitem = 0;
	res.oov = 7;
	CHECK_INT(anerr_eval(&ix, &res, eps, sm, &s, &d), -1);
	CHECK(strstr(d.msg, "7 skipped") != NULL);
	knn_index_clear(&ix);
}

static void
test_analogy_run(void)
{
	/* king - man + woman = queen in a toy 2-d space */
	struct space *s = space_text("man 1 0\nwoman 1 1\nking 3 0\n"
	    "queen 3 1\napple -1 -1\n");
	static const char q[] = ": toy\nman woman king queen\n"
	    "man woman king pear\nMan Woman King Queen\n";
	struct xspace_analogy r;
	struct diag d;

	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK_INT(xspace_analogy_run(s, q, strlen(q), "q.txt", 0, &r, &d), 0);
	CHECK_INT(r.res.nitem, 2);	/* "pear" is out of vocabulary */
	CHECK_INT(r.res.oov, 1);
	CHECK_INT(r.sum.ncorrect, 2);
	CHECK_NEAR(r.sum.accuracy, 1, 0);
	CHECK(r.sum.mean > 0 && r.sum.mean < 1);
	CHECK_NEAR(r.eps[0], r.eps[1], 1e-15);
	xspace_analogy_clear(&r);
	CHECK_INT(xspace_analogy_run(s, ": x\na b c d\n", 11, "q.txt", 0, &r,
	    &d), -1);
	CHECK(strstr(d.msg, "no question") != NULL);
	space_free(s);
}

/* :restrict: 0 means every row, also past the 300,000 of the default. */
static void
test_analogy_restrict_all(void)
{
	enum { N = 300004 };
	static const char q[] = ": toy\nman woman king queen\n";
	static const char *const last[] = { "man", "woman", "king", "queen" };
	static const float lv[] = { 1, 0, 1, 1, 3, 0, 3, 1 };
	char **w = xcalloc(N, sizeof(*w));
	float *m = xcalloc((size_t)N * 2, sizeof(float));
	struct xspace_analogy r;
	struct space *s;
	struct diag d;
	long i;

	for (i = 0; i < N; i++) {
		char b[32];

		if (i >= N - 4)
			snprintf(b, sizeof(b), "%s", last[i - (N - 4)]);
		else
			snprintf(b, sizeof(b), "f%ld", i);
		w[i] = xstrdup(b);
		m[2 * i] = i >= N - 4 ? lv[2 * (i - (N - 4))] : -1000.f;
		m[2 * i + 1] = i >= N - 4 ? lv[2 * (i - (N - 4)) + 1] :
		    -1000.f - (float)i;
	}
	s = space_from_rows("big", "test", (const char *const *)w, N, 2, m,
	    &d);
	CHECK(s != NULL);
	if (s != NULL) {
		CHECK_INT(xspace_analogy_run(s, q, strlen(q), "q.txt", 0, &r,
		    &d), 0);
		CHECK_INT(r.res.nitem, 1);
		CHECK_INT(r.sum.ncorrect, 1);
		xspace_analogy_clear(&r);
		/* the first 300,000 rows lack the four words */
		CHECK_INT(xspace_analogy_run(s, q, strlen(q), "q.txt", 300000,
		    &r, &d), -1);
		space_free(s);
	}
	for (i = 0; i < N; i++)
		free(w[i]);
	free(w);
	free(m);
}

int
main(void)
{
	RUN(test_load_three);
	RUN(test_freq_three);
	RUN(test_kl_js_mi);
	RUN(test_logodds);
	RUN(test_cooc_three);
	RUN(test_spectrum);
	RUN(test_zipf);
	RUN(test_analogy_restrict_all);
	RUN(test_degenerate);
	RUN(test_wikitext);
	RUN(test_words);
	RUN(test_bad_utf8);
	RUN(test_decls);
	RUN(test_union);
	RUN(test_linmap_exact);
	RUN(test_xspace);
	RUN(test_anerr);
	RUN(test_analogy_run);
	return test_end("test_corpus");
}
