/*
 * tests/unit/test_w2v.c: the word2vec trainer (kern/w2v) — one SGD step
 * computed by hand, bit-reproducibility of the one-thread mode (and of the
 * portable path against AVX2), what w2v_explain lists, the noise
 * distribution, parameter checks, and that training learns something.
 */
#include <stdlib.h>

#include "corpus/corpus.h"
#include "corpus/trainset.h"
#include "kern/rng.h"
#include "kern/w2v.h"
#include "test.h"

/* word2vec.c's table value for f, as w2v.h documents it. */
static float
sig_tab(float f)
{
	int i = (int)((f + 6.0f) * (1000.0f / 12.0f));
	double x = ((double)i / 1000 * 2 - 1) * 6;

	return (float)(1 / (1 + exp(-x)));
}

/* dot of two 2-vectors as the trainer rounds it (fma chain from 0). */
static float
dot2(const float *x, const float *y)
{
	return fmaf(x[1], y[1], fmaf(x[0], y[0], 0.0f));
}

static void
upd2(const float *x, float *y, float *e, float g)
{
	int i;

	for (i = 0; i < 2; i++) {
		e[i] = fmaf(g, y[i], e[i]);
		y[i] = fmaf(g, x[i], y[i]);
	}
}

/*
 * Vocabulary a, b, c with counts 0, 0, 1 (so every negative is c),
 * sentence "a b", window 1 (b is always 0), one negative, no
 * subsampling, alpha 0.1 (the rate only changes after 10,000 words).
 * Position 0: in[b] predicts out[a] (label 1) and out[c] (label 0);
 * position 1: in[a] predicts out[b] and out[c].
 */
static void
test_one_step(void)
{
	static const uint32_t tok[] = { 0, 1 };
	static const size_t sent[] = { 0, 2 };
	static const long count[] = { 0, 0, 1 };
	float in[6] = { 0.1f, 0.2f, 0.3f, -0.1f, 0.0f, 0.0f };
	float out[6] = { 0.5f, -0.5f, 0.2f, 0.4f, -0.3f, 0.1f };
	float ein[6], eout[6], e[2], f, g;
	struct w2v_text t = { tok, 2, sent, 1, count, 3 };
	struct w2v_params p;
	struct diag d;
	int i;

	w2v_params_init(&p, W2V_SGNS);
	p.dim = 2;
	p.window = 1;
	p.negative = 1;
	p.sample = 0;
	p.alpha = 0.1;
	p.epochs = 1;
	p.no_init = 1;
	memcpy(ein, in, sizeof(in));
	memcpy(eout, out, sizeof(out));
	/* centre a, context b */
	e[0] = e[1] = 0;
	f = dot2(ein + 2, eout + 0);		/* 0.3*0.5 + -0.1*-0.5 = 0.2 */
	CHECK_NEAR(f, 0.2, 1e-7);
	g = (1.0f - sig_tab(f)) * 0.1f;
	upd2(ein + 2, eout + 0, e, g);
	f = dot2(ein + 2, eout + 4);		/* -0.09 - 0.01 = -0.1 */
	CHECK_NEAR(f, -0.1, 1e-7);
	g = (0.0f - sig_tab(f)) * 0.1f;
	upd2(ein + 2, eout + 4, e, g);
	ein[2] += e[0];
	ein[3] += e[1];
	/* centre b, context a */
	e[0] = e[1] = 0;
	f = dot2(ein + 0, eout + 2);		/* 0.02 + 0.08 = 0.1 */
	CHECK_NEAR(f, 0.1, 1e-7);
	g = (1.0f - sig_tab(f)) * 0.1f;
	upd2(ein + 0, eout + 2, e, g);
	f = dot2(ein + 0, eout + 4);
	g = (0.0f - sig_tab(f)) * 0.1f;
	upd2(ein + 0, eout + 4, e, g);
	ein[0] += e[0];
	ein[1] += e[1];
	/* The numbers themselves, from the formulas above by hand:
	 * s(0.2) ~ 0.5498 (table: x = 0.192, 0.54785), g = 0.0452148... */
	CHECK_NEAR(ein[2], 0.3 + 0.045215 * 0.5 + -0.047303 * -0.3, 2e-5);
	CHECK(w2v_train(&t, &p, NULL, NULL, in, out, &d) == 0);
	for (i = 0; i < 6; i++) {
		CHECK(in[i] == ein[i]);
		CHECK(out[i] == eout[i]);
	}
	/* CBOW on the same text: one context word, so the mean is it. */
	memcpy(in, (float[6]){ 0.1f, 0.2f, 0.3f, -0.1f, 0.0f, 0.0f },
	    sizeof(in));
	memcpy(out, (float[6]){ 0.5f, -0.5f, 0.2f, 0.4f, -0.3f, 0.1f },
	    sizeof(out));
	p.model = W2V_CBOW;
	CHECK(w2v_train(&t, &p, NULL, NULL, in, out, &d) == 0);
	for (i = 0; i < 6; i++) {
		CHECK(in[i] == ein[i]);
		CHECK(out[i] == eout[i]);
	}
}

/* A synthetic corpus: 6 topics of 10 words, plus 5 common words; each
 * sentence draws 8-20 words from one topic mixed with common words. */
struct toy {
	uint32_t	*tok;
	size_t		*sent, ntok, nsent;
	long		 count[65];
};

static void
toy_make(struct toy *c, size_t nsent, uint64_t seed)
{
	struct rng r;
	size_t i, j, len;
	int topic;
	uint32_t w;

	memset(c, 0, sizeof(*c));
	rng_seed(&r, seed);
	c->tok = malloc(nsent * 20 * sizeof(uint32_t));
	c->sent = malloc((nsent + 1) * sizeof(size_t));
	c->sent[0] = 0;
	for (i = 0; i < nsent; i++) {
		topic = (int)rng_below(&r, 6);
		len = 8 + rng_below(&r, 13);
		for (j = 0; j < len; j++) {
			if (rng_below(&r, 3) == 0)
				w = (uint32_t)rng_below(&r, 5);
			else
				w = 5 + (uint32_t)topic * 10 +
				    (uint32_t)rng_below(&r, 10);
			c->tok[c->ntok++] = w;
			c->count[w]++;
		}
		c->sent[++c->nsent] = c->ntok;
	}
}

static void
toy_free(struct toy *c)
{
	free(c->tok);
	free(c->sent);
}

static double
cosine(const float *a, const float *b, int n)
{
	double ab = 0, aa = 0, bb = 0;
	int i;

	for (i = 0; i < n; i++) {
		ab += (double)a[i] * b[i];
		aa += (double)a[i] * a[i];
		bb += (double)b[i] * b[i];
	}
	return ab / sqrt(aa * bb);
}

/* Collects the reports of a run. */
struct rep {
	int		 n, ends;
	double		 first, last;
	long long	 words;
	float		 snap[65 * 16];
	int		 snapped;
};

static int
on_rep(void *ctx, const struct w2v_progress *p)
{
	struct rep *r = ctx;

	if (r->n == 0)
		r->first = p->loss;
	r->last = p->loss;
	r->n++;
	r->ends += p->epoch_end;
	r->words = p->words;
	if (p->epoch_end && p->epoch == 1) {
		memcpy(r->snap, p->in, sizeof(r->snap));
		r->snapped = 1;
	}
	return 0;
}

static int
stop_at_two(void *ctx, const struct w2v_progress *p)
{
	(void)ctx;
	return p->epoch >= 2;
}

static void
test_reproducible_and_learns(void)
{
	struct toy c;
	struct w2v_text t;
	struct w2v_params p;
	struct w2v_heldout h;
	struct w2v_hooks hk;
	struct rep rp;
	struct diag d;
	static float in1[65 * 16], out1[65 * 16], in2[65 * 16], out2[65 * 16];
	uint32_t hc[2000], hx[2000], hn[2000 * 5];
	double same = 0, diff = 0;
	int i, j, ns = 0, nd = 0;

	toy_make(&c, 3000, 7);
	t.tok = c.tok;
	t.ntok = c.ntok;
	t.sent = c.sent;
	t.nsent = c.nsent;
	t.count = c.count;
	t.nvocab = 65;
	w2v_params_init(&p, W2V_SGNS);
	p.dim = 16;
	p.epochs = 3;
	p.seed = 42;
	p.report_every = 5000;
	/* held-out pairs from a fresh text of the same kind */
	{
		struct toy hcorp;
		struct w2v_text ht;

		toy_make(&hcorp, 100, 99);
		ht.tok = hcorp.tok;
		ht.ntok = hcorp.ntok;
		ht.sent = hcorp.sent;
		ht.nsent = hcorp.nsent;
		ht.count = hcorp.count;
		ht.nvocab = 65;
		h.n = w2v_heldout_draw(&ht, c.count, 65, 5, 5, 3, 2000, hc, hx,
		    hn);
		h.centre = hc;
		h.context = hx;
		h.neg = hn;
		h.k = 5;
		toy_free(&hcorp);
	}
	CHECK_INT(h.n, 2000);
	memset(&hk, 0, sizeof(hk));
	memset(&rp, 0, sizeof(rp));
	hk.report = on_rep;
	hk.ctx = &rp;
	CHECK(w2v_train(&t, &p, &h, &hk, in1, out1, &d) == 0);
	/* before training: out = 0, every term is log 2 */
	CHECK_NEAR(rp.first, 6 * log(2), 1e-12);
	CHECK(rp.last < rp.first - 0.5);
	CHECK_INT(rp.ends, 4);		/* epoch 0 and three ends */
	CHECK_INT(rp.words, 3 * (long long)c.ntok);
	CHECK(rp.n > 4);		/* reports within epochs too */
	CHECK(rp.snapped);
	CHECK(memcmp(rp.snap, in1, sizeof(in1)) != 0);
	/* same seed: the same bits */
	CHECK(w2v_train(&t, &p, NULL, NULL, in2, out2, &d) == 0);
	CHECK(memcmp(in1, in2, sizeof(in1)) == 0);
	CHECK(memcmp(out1, out2, sizeof(out1)) == 0);
	/* the portable path gives the same bits as the vector path */
	p.no_simd = 1;
	CHECK(w2v_train(&t, &p, NULL, NULL, in2, out2, &d) == 0);
	CHECK(memcmp(in1, in2, sizeof(in1)) == 0);
	CHECK(memcmp(out1, out2, sizeof(out1)) == 0);
	p.no_simd = 0;
	/* another seed: other vectors */
	p.seed = 43;
	CHECK(w2v_train(&t, &p, NULL, NULL, in2, out2, &d) == 0);
	CHECK(memcmp(in1, in2, sizeof(in1)) != 0);
	/* topic words end closer to each other than to other topics */
	for (i = 5; i < 65; i++)
		for (j = i + 1; j < 65; j++) {
			if ((i - 5) / 10 == (j - 5) / 10) {
				same += cosine(in1 + i * 16, in1 + j * 16, 16);
				ns++;
			} else {
				diff += cosine(in1 + i * 16, in1 + j * 16, 16);
				nd++;
			}
		}
	CHECK(same / ns > diff / nd + 0.3);
	/* CBOW learns the topics too */
	p.model = W2V_CBOW;
	p.alpha = 0.05;
	p.seed = 42;
	CHECK(w2v_train(&t, &p, NULL, NULL, in2, out2, &d) == 0);
	same = diff = 0;
	ns = nd = 0;
	for (i = 5; i < 65; i++)
		for (j = i + 1; j < 65; j++) {
			if ((i - 5) / 10 == (j - 5) / 10) {
				same += cosine(in2 + i * 16, in2 + j * 16, 16);
				ns++;
			} else {
				diff += cosine(in2 + i * 16, in2 + j * 16, 16);
				nd++;
			}
		}
	CHECK(same / ns > diff / nd + 0.3);
	/* Hogwild on two threads: finishes, every word counted, learns */
	p.model = W2V_SGNS;
	p.alpha = 0.025;
	p.threads = 2;
	memset(&rp, 0, sizeof(rp));
	CHECK(w2v_train(&t, &p, &h, &hk, in2, out2, &d) == 0);
	CHECK_INT(rp.words, 3 * (long long)c.ntok);
	CHECK(rp.last < rp.first - 0.5);
	for (i = 0; i < 65 * 16; i++)
		CHECK(isfinite(in2[i]));
	/* a report asking to stop */
	p.threads = 1;
	hk.report = stop_at_two;
	CHECK(w2v_train(&t, &p, NULL, &hk, in2, out2, &d) == -1);
	CHECK_STR(d.msg, "training interrupted");
	toy_free(&c);
}

/* w2v_explain: the draws it lists obey the rules. */
static void
test_explain(void)
{
	struct toy c;
	struct w2v_params p;
	struct w2v_pair pairs[4000];
	uint32_t neg[4000 * 5], ncbow[40 * 5];
	double keep[40];
	unsigned char kept[40];
	int span[40], i, j, nk = 0, lo, hi;
	size_t np, np2, want = 0, k;
	struct diag d;
	long long total = 0;

	toy_make(&c, 3000, 7);
	for (i = 0; i < 65; i++)
		total += c.count[i];
	w2v_params_init(&p, W2V_SGNS);
	p.sample = 0.005;	/* the 5 common words are subsampled */
	p.seed = 5;
	CHECK(w2v_explain(c.tok, 40, c.count, 65, &p, keep, kept, span, pairs,
	    4000, &np, neg, &d) == 0);
	for (i = 0; i < 40; i++) {
		CHECK_NEAR(keep[i], w2v_keep_prob(c.count[c.tok[i]], total,
		    0.005), 1e-15);
		if (keep[i] >= 1)
			CHECK(kept[i]);
		if (!kept[i])
			CHECK_INT(span[i], 0);
		else {
			CHECK(span[i] >= 1 && span[i] <= 5);
			nk++;
		}
	}
	CHECK(nk < 40);		/* something was dropped */
	/* pairs: the kept neighbours within span, counted in kept words */
	for (i = 0; i < 40; i++) {
		if (!kept[i])
			continue;
		/* index of i among kept words */
		for (lo = 0, j = 0; j < i; j++)
			lo += kept[j];
		for (j = 0, hi = 0; j < 40; j++) {
			int kj;

			if (!kept[j] || j == i)
				continue;
			for (kj = 0, k = 0; k < (size_t)j; k++)
				kj += kept[k];
			if (abs(kj - lo) <= span[i])
				hi++;
		}
		want += (size_t)hi;
	}
	CHECK_INT(np, want);
	for (k = 0; k < np; k++) {
		CHECK(kept[pairs[k].centre] && kept[pairs[k].context]);
		CHECK(pairs[k].centre != pairs[k].context);
		for (j = 0; j < 5; j++)
			CHECK(neg[k * 5 + (size_t)j] < 65);
	}
	/* same seed, same listing; cap bounds the writing, not the count */
	CHECK(w2v_explain(c.tok, 40, c.count, 65, &p, keep, kept, span, pairs,
	    3, &np2, neg, &d) == 0);
	CHECK_INT(np2, np);
	/* CBOW: negatives per centre position */
	p.model = W2V_CBOW;
	memset(ncbow, 0xff, sizeof(ncbow));
	CHECK(w2v_explain(c.tok, 40, c.count, 65, &p, keep, kept, span, pairs,
	    4000, &np2, ncbow, &d) == 0);
	for (i = 0; i < 40; i++)
		if (kept[i])
			CHECK(ncbow[i * 5] < 65);
	/* errors */
	CHECK(w2v_explain(c.tok, 1001, c.count, 65, &p, keep, kept, span,
	    pairs, 4000, &np, neg, &d) == -1);
	toy_free(&c);
}

/* Noise words follow count^0.75. */
static void
test_noise(void)
{
	static const long count[] = { 1000, 100, 10, 1, 0 };
	static uint32_t tok[8000];
	static const size_t sent[] = { 0, 8000 };
	struct w2v_text t = { tok, 8000, sent, 1, count, 5 };
	static uint32_t c[100000], x[100000], neg[100000 * 10];
	double w[5], sum = 0, seen[5] = { 0 };
	size_t n, i;

	for (i = 0; i < 8000; i++)
		tok[i] = (uint32_t)(i % 4);
	n = w2v_heldout_draw(&t, count, 5, 7, 10, 11, 100000, c, x, neg);
	CHECK_INT(n, 100000);
	CHECK_INT(c[0], 0);
	CHECK_INT(x[0], 1);
	CHECK_INT(c[7], 1);		/* position 1's first context is 0 */
	CHECK_INT(x[7], 0);
	for (i = 0; i < 5; i++)
		sum += (w[i] = pow((double)count[i], 0.75));
	for (i = 0; i < n * 10; i++)
		seen[neg[i]]++;
	for (i = 0; i < 5; i++)
		CHECK_NEAR(seen[i] / (double)(n * 10), w[i] / sum,
		    4 * sqrt(w[i] / sum / (double)(n * 10)) + 1e-9);
	CHECK(seen[4] == 0);
	/* keep probabilities: word2vec.c's formula */
	CHECK_NEAR(w2v_keep_prob(10000, 1000000, 1e-3),
	    (sqrt(10) + 1) * 0.1, 1e-15);
	CHECK(w2v_keep_prob(1000, 1000000, 1e-3) == 1);
	CHECK(w2v_keep_prob(5, 10, 0) == 1);
}

static void
test_checks(void)
{
	struct w2v_params p;
	struct diag d;
	const char *f;
	static const long cnt[] = { 9, 7, 7, 5, 4, 1 };

	w2v_params_init(&p, W2V_SGNS);
	CHECK(w2v_params_check(&p, 100, &f, &d) == 0);
	CHECK(f == NULL);
	p.dim = 0;
	CHECK(w2v_params_check(&p, 100, &f, &d) == -1);
	CHECK_STR(f, "dim");
	CHECK_STR(d.msg, "dim 0 is out of range (1 to 10000)");
	p.dim = 100;
	p.window = 0;
	CHECK(w2v_params_check(&p, 100, &f, &d) == -1);
	CHECK_STR(f, "window");
	p.window = 5;
	CHECK(w2v_params_check(&p, 5, &f, &d) == -1);
	CHECK_STR(f, "negative");
	CHECK_STR(d.msg, "negative 5 is not smaller than the vocabulary "
	    "(5 words)");
	CHECK(w2v_params_check(&p, 0, &f, &d) == -1);
	CHECK_STR(f, "vocabulary");
	p.sample = -1;
	CHECK(w2v_params_check(&p, 100, &f, &d) == -1);
	CHECK_STR(f, "sample");
	CHECK_INT(w2v_min_count(cnt, 6, 5), 4);
	CHECK_INT(w2v_min_count(cnt, 6, 10), 0);
	CHECK_INT(w2v_min_count(cnt, 6, 1), 6);
}

/* corpus/trainset: min-count, sentences, counts, held-out documents. */
static void
test_trainset(void)
{
	static const char text[] = "the cat sat\nthe dog\nzebra\n"
	    "the cat ran\ncat the\n";
	struct corpus_decl decl;
	struct corpus *c;
	struct trainset ts;
	struct diag d;
	size_t i, nt;

	corpus_decl_init(&decl, CORPUS_LINES);
	c = corpus_load_mem(&decl, text, sizeof(text) - 1, "t.txt", &d);
	CHECK(c != NULL);
	if (c == NULL)
		return;
	/* the 4, cat 3: kept with min-count 2; dog ran sat zebra dropped */
	CHECK(trainset_build(c, 2, 0, 5, 1, 1, &ts, &d) == 0);
	CHECK_INT(ts.nvocab, 2);
	CHECK_INT(ts.text.ntok, 7);
	CHECK_INT(ts.text.nsent, 4);	/* "zebra" leaves an empty line */
	CHECK_INT(ts.sent[1], 2);
	CHECK_INT(ts.sent[2], 3);
	CHECK_INT(ts.count[0], 4);
	CHECK_INT(ts.count[1], 3);
	CHECK_INT(ts.held.n, 0);
	trainset_clear(&ts);
	/* held-out documents leave the training text and its counts */
	CHECK(trainset_build(c, 2, 1, 5, 1, 1, &ts, &d) == 0);
	nt = ts.text.ntok;
	CHECK(nt < 7 || ts.heldtok == 1);	/* "zebra" may be the one */
	CHECK_INT(ts.count[0] + ts.count[1], (long)nt);
	for (i = 0; i < ts.held.n; i++)
		CHECK(ts.held.centre[i] < 2 && ts.held.context[i] < 2);
	trainset_clear(&ts);
	CHECK(trainset_build(c, 5, 0, 5, 1, 1, &ts, &d) == -1);
	CHECK_STR(d.msg, "no word occurs 5 times or more (--min-count); the "
	    "most frequent, \"the\", occurs 4 times");
	trainset_clear(&ts);
	corpus_free(c);
}

int
main(void)
{
	RUN(test_one_step);
	RUN(test_reproducible_and_learns);
	RUN(test_explain);
	RUN(test_noise);
	RUN(test_checks);
	RUN(test_trainset);
	return test_end("test_w2v");
}
