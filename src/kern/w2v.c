/*
 * kern/w2v: word2vec (SGNS and CBOW with negative sampling) training with
 * word2vec.c's semantics; the rules and deviations are listed in w2v.h.
 * Reads token ids and counts; writes the caller's vector matrices.
 * Never prints, reads files or keeps global state; the clock and the
 * reports come from the caller's hooks.
 */
#include <immintrin.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "kern/rng.h"
#include "kern/w2v.h"
#include "util/xalloc.h"

/* word2vec.c's sigmoid table: EXP_TABLE_SIZE entries over [-MAX_EXP, MAX_EXP). */
#define SIG_SIZE	1000
#define SIG_MAX		6
/* Words between learning-rate updates (and stop checks), as word2vec.c. */
#define LR_EVERY	10000

/* What every worker shares: read-only tables and the vectors. */
struct w2v_shared {
	enum w2v_model	 model;
	int		 dim, window, negative, epochs;
	float		*in, *out;
	float		 sig[SIG_SIZE + 1];
	uint64_t	*keep;		/* per word: keep iff 32 random bits <
					   keep; >= 2^32: always, no draw */
	uint64_t	*athr;		/* alias table: stay iff low bits < athr */
	uint32_t	*alias;
	uint32_t	 nvocab;
	const struct w2v_text *t;
	const struct w2v_heldout *held;
	const struct w2v_hooks *hooks;
	double		 alpha0;
	long long	 total;
	long long	 report_every;
	int		 simd;
	int		 epoch;
	double		 t0;
	_Atomic long long done;
	_Atomic long long next_report;
	_Atomic int	 stop;
	pthread_mutex_t	 replock;
};

/* One worker: its random stream, range of sentences and scratch;
 * aligned so that two workers' hot fields never share a cache line. */
struct w2v_worker {
	struct w2v_shared *sh;
	uint64_t	 s[4];
	size_t		 s0, s1;	/* sentences [s0, s1) */
	long long	 count, last;	/* words read; last added to done */
	float		 alpha;
	float		*neu1, *neu1e;	/* in raw, 64-byte aligned */
	void		*raw;
	uint32_t	 tg[W2V_MAX_NEGATIVE + 1];	/* one update's targets */
	uint32_t	 sen[W2V_MAX_SENTENCE];
	int		 orig[W2V_MAX_SENTENCE];	/* position in the text's
							   sentence */
} __attribute__((aligned(64)));

/* What w2v_explain records (see w2v.h). */
struct trace {
	int		*span;
	struct w2v_pair	*pairs;
	size_t		 cap, n;
	uint32_t	*neg;
};

/* xoshiro256** inline (the same generator as kern/rng, for speed). */
static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t
xnext(uint64_t *s)
{
	uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

static void
xseed(uint64_t *s, uint64_t seed)
{
	struct rng r;

	rng_seed(&r, seed);
	memcpy(s, r.s, sizeof(r.s));
}

/* A noise word from unigram^0.75: one 64-bit draw, high half picks the
 * column, low half decides between it and its alias (Walker/Vose). */
static inline uint32_t
alias_draw(const struct w2v_shared *sh, uint64_t *s)
{
	uint64_t r = xnext(s);
	uint32_t i = (uint32_t)(((r >> 32) * (uint64_t)sh->nvocab) >> 32);

	return (r & 0xffffffffu) < sh->athr[i] ? i : sh->alias[i];
}

/*
 * Vose's alias method over weights count^0.75, built in index order so
 * the table is a function of the counts alone. athr[i] is the chance of
 * staying at i scaled to 2^32.
 */
static void
alias_build(const long *count, size_t n, uint64_t *athr, uint32_t *alias)
{
	double *q = xmalloc(n * sizeof(*q)), sum = 0;
	uint32_t *small = xmalloc(n * sizeof(*small));
	uint32_t *large = xmalloc(n * sizeof(*large));
	size_t i, ns = 0, nl = 0;
	uint32_t a, b;

	for (i = 0; i < n; i++)
		sum += pow((double)count[i], 0.75);
	for (i = 0; i < n; i++) {
		q[i] = pow((double)count[i], 0.75) * (double)n / sum;
		alias[i] = (uint32_t)i;
		if (q[i] < 1)
			small[ns++] = (uint32_t)i;
		else
			large[nl++] = (uint32_t)i;
	}
	while (ns > 0 && nl > 0) {
		a = small[--ns];
		b = large[nl - 1];
		athr[a] = (uint64_t)(q[a] * 4294967296.0);
		alias[a] = b;
		q[b] = (q[b] + q[a]) - 1;
		if (q[b] < 1) {
			nl--;
			small[ns++] = b;
		}
	}
	/* What is left has q = 1 up to rounding: always stays. */
	while (nl > 0)
		athr[large[--nl]] = (uint64_t)1 << 32;
	while (ns > 0)
		athr[small[--ns]] = (uint64_t)1 << 32;
	free(q);
	free(small);
	free(large);
}

double
w2v_keep_prob(long count, long long total, double sample)
{
	double tt, r;

	if (sample <= 0 || count <= 0)
		return 1;
	tt = sample * (double)total;
	r = (sqrt((double)count / tt) + 1) * tt / (double)count;
	return r < 1 ? r : 1;
}

/* The gradient step: (label - s(f)) alpha, s from the table. */
static inline float
sig_grad(const float *sig, float f, int label, float alpha)
{
	if (f > SIG_MAX)
		return ((float)label - 1) * alpha;
	if (f < -SIG_MAX)
		return (float)label * alpha;
	return ((float)label - sig[(int)((f + (float)SIG_MAX) *
	    ((float)SIG_SIZE / (2 * SIG_MAX)))]) * alpha;
}

static inline void
vadd(float *x, const float *e, int n)
{
	int i;

	for (i = 0; i < n; i++)
		x[i] += e[i];
}

static inline void
vdiv(float *x, float c, int n)
{
	int i;

	for (i = 0; i < n; i++)
		x[i] /= c;
}

/*
 * Dot product in a fixed order: two 8-lane accumulators over blocks of
 * 16, one more block of 8 into the first, lanes added pairwise, then the
 * tail with fmaf. dot_port does exactly what dot_avx2 does, lane by
 * lane, so both give the same bits.
 */
static inline float
hsum8(const float *a)
{
	return ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]));
}

static inline float
dot_port(const float *x, const float *y, int n)
{
	float a[8] = { 0 }, b[8] = { 0 }, s;
	int i = 0, l;

	for (; i + 16 <= n; i += 16)
		for (l = 0; l < 8; l++) {
			a[l] = fmaf(x[i + l], y[i + l], a[l]);
			b[l] = fmaf(x[i + 8 + l], y[i + 8 + l], b[l]);
		}
	if (i + 8 <= n) {
		for (l = 0; l < 8; l++)
			a[l] = fmaf(x[i + l], y[i + l], a[l]);
		i += 8;
	}
	for (l = 0; l < 8; l++)
		a[l] += b[l];
	s = hsum8(a);
	for (; i < n; i++)
		s = fmaf(x[i], y[i], s);
	return s;
}

/* e += g y; y += g x (y's old value feeds e), as word2vec.c's two loops. */
static inline void
upd_port(const float *x, float *y, float *e, float g, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		e[i] = fmaf(g, y[i], e[i]);
		y[i] = fmaf(g, x[i], y[i]);
	}
}

__attribute__((target("avx2,fma")))
static inline float
dot_avx2(const float *x, const float *y, int n)
{
	__m256 a = _mm256_setzero_ps(), b = _mm256_setzero_ps();
	float l[8], s;
	int i = 0;

	for (; i + 16 <= n; i += 16) {
		a = _mm256_fmadd_ps(_mm256_loadu_ps(x + i),
		    _mm256_loadu_ps(y + i), a);
		b = _mm256_fmadd_ps(_mm256_loadu_ps(x + i + 8),
		    _mm256_loadu_ps(y + i + 8), b);
	}
	if (i + 8 <= n) {
		a = _mm256_fmadd_ps(_mm256_loadu_ps(x + i),
		    _mm256_loadu_ps(y + i), a);
		i += 8;
	}
	_mm256_storeu_ps(l, _mm256_add_ps(a, b));
	s = hsum8(l);
	for (; i < n; i++)
		s = fmaf(x[i], y[i], s);
	return s;
}

__attribute__((target("avx2,fma")))
static inline void
upd_avx2(const float *x, float *y, float *e, float g, int n)
{
	__m256 gv = _mm256_set1_ps(g), yv;
	int i = 0;

	for (; i + 8 <= n; i += 8) {
		yv = _mm256_loadu_ps(y + i);
		_mm256_storeu_ps(e + i, _mm256_fmadd_ps(gv, yv,
		    _mm256_loadu_ps(e + i)));
		_mm256_storeu_ps(y + i, _mm256_fmadd_ps(gv,
		    _mm256_loadu_ps(x + i), yv));
	}
	for (; i < n; i++) {
		e[i] = fmaf(g, y[i], e[i]);
		y[i] = fmaf(g, x[i], y[i]);
	}
}

/*
 * The targets of one update into tg: the positive "word", then
 * sh->negative noise draws, leaving out those equal to word (as
 * word2vec.c skips them); each row is prefetched, since with a large
 * vocabulary the noise rows are mostly not in cache. With tr, records
 * every draw at row "at" of tr->neg. Returns the number of targets.
 */
static inline int
draw_targets(struct w2v_worker *w, uint32_t word, struct trace *tr,
    size_t at, uint32_t *tg)
{
	const struct w2v_shared *sh = w->sh;
	const size_t rowb = (size_t)sh->dim * sizeof(float);
	const int K = sh->negative;
	uint32_t target;
	size_t o;
	int k, nt = 1;

	tg[0] = word;
	for (k = 1; k <= K; k++) {
		target = alias_draw(sh, w->s);
		if (tr != NULL && (sh->model == W2V_CBOW || at < tr->cap))
			tr->neg[at * (size_t)K + (size_t)(k - 1)] = target;
		if (target == word)
			continue;
		tg[nt++] = target;
		if (tr == NULL)
			for (o = 0; o < rowb; o += 64)
				__builtin_prefetch((const char *)(sh->out +
				    (size_t)target * (size_t)sh->dim) + o, 1, 3);
	}
	return nt;
}

#define W2V_SFX avx2
#define W2V_ATTR __attribute__((target("avx2,fma")))
#include "kern/w2v_sent.h"
#undef W2V_SFX
#undef W2V_ATTR
#define W2V_SFX port
#define W2V_ATTR
#include "kern/w2v_sent.h"
#undef W2V_SFX
#undef W2V_ATTR

void
w2v_params_init(struct w2v_params *p, enum w2v_model model)
{
	memset(p, 0, sizeof(*p));
	p->model = model;
	p->dim = 100;
	p->window = 5;
	p->negative = 5;
	p->epochs = 5;
	p->threads = 1;
	p->alpha = model == W2V_CBOW ? 0.05 : 0.025;
	p->sample = 1e-3;
	p->seed = 1;
}

int
w2v_params_check(const struct w2v_params *p, size_t nvocab,
    const char **field, struct diag *d)
{
	const char *f = NULL;

	memset(d, 0, sizeof(*d));
	if (p->model != W2V_SGNS && p->model != W2V_CBOW) {
		f = "model";
		diag_fail(d, "", 0, 0, "model must be sgns or cbow");
	} else if (p->dim < 1 || p->dim > W2V_MAX_DIM) {
		f = "dim";
		diag_fail(d, "", 0, 0, "dim %d is out of range (1 to %d)",
		    p->dim, W2V_MAX_DIM);
	} else if (p->window < 1 || p->window > W2V_MAX_WINDOW) {
		f = "window";
		diag_fail(d, "", 0, 0, "window %d is out of range (1 to %d)",
		    p->window, W2V_MAX_WINDOW);
	} else if (p->epochs < 1 || p->epochs > W2V_MAX_EPOCHS) {
		f = "epochs";
		diag_fail(d, "", 0, 0, "epochs %d is out of range (1 to %d)",
		    p->epochs, W2V_MAX_EPOCHS);
	} else if (p->threads < 1 || p->threads > W2V_MAX_THREADS) {
		f = "threads";
		diag_fail(d, "", 0, 0, "threads %d is out of range (1 to %d)",
		    p->threads, W2V_MAX_THREADS);
	} else if (!(p->alpha > 0 && p->alpha <= 1)) {
		f = "alpha";
		diag_fail(d, "", 0, 0, "alpha %g is out of range (0, 1]",
		    p->alpha);
	} else if (!(p->sample >= 0 && p->sample < 1)) {
		f = "sample";
		diag_fail(d, "", 0, 0, "sample %g is out of range [0, 1)",
		    p->sample);
	} else if (p->report_every < 0) {
		f = "report_every";
		diag_fail(d, "", 0, 0, "report interval must not be negative");
	} else if (nvocab == 0) {
		f = "vocabulary";
		diag_fail(d, "", 0, 0, "the vocabulary is empty: no word "
		    "occurs min-count times");
	} else if (nvocab > UINT32_MAX) {
		f = "vocabulary";
		diag_fail(d, "", 0, 0, "vocabulary of %zu words is too large",
		    nvocab);
	} else if (p->negative < 1 || p->negative > W2V_MAX_NEGATIVE ||
	    (size_t)p->negative >= nvocab) {
		f = "negative";
		if ((size_t)p->negative >= nvocab && p->negative >= 1)
			diag_fail(d, "", 0, 0, "negative %d is not smaller than "
			    "the vocabulary (%zu word%s)", p->negative, nvocab,
			    nvocab == 1 ? "" : "s");
		else
			diag_fail(d, "", 0, 0, "negative %d is out of range "
			    "(1 to %d)", p->negative, W2V_MAX_NEGATIVE);
	}
	if (field != NULL)
		*field = f;
	return f == NULL ? 0 : -1;
}

size_t
w2v_min_count(const long *count, size_t n, long min_count)
{
	size_t i = 0;

	while (i < n && count[i] >= min_count)
		i++;
	return i;
}

/* Fills the tables of sh from counts and p. */
static void
shared_init(struct w2v_shared *sh, const long *count, size_t nvocab,
    const struct w2v_params *p)
{
	long long total = 0;
	double kp, x;
	size_t i;

	memset(sh, 0, sizeof(*sh));
	sh->model = p->model;
	sh->dim = p->dim;
	sh->window = p->window;
	sh->negative = p->negative;
	sh->epochs = p->epochs;
	sh->nvocab = (uint32_t)nvocab;
	sh->alpha0 = p->alpha;
	sh->report_every = p->report_every;
	/* word2vec.c: expTable[i] = e^x / (e^x + 1), x = (2i/SIZE - 1) MAX. */
	for (i = 0; i <= SIG_SIZE; i++) {
		x = ((double)i / SIG_SIZE * 2 - 1) * SIG_MAX;
		sh->sig[i] = (float)(1 / (1 + exp(-x)));
	}
	for (i = 0; i < nvocab; i++)
		total += count[i];
	sh->keep = xmalloc(nvocab * sizeof(*sh->keep));
	for (i = 0; i < nvocab; i++) {
		kp = w2v_keep_prob(count[i], total, p->sample);
		sh->keep[i] = kp >= 1 ? (uint64_t)1 << 32 :
		    (uint64_t)(kp * 4294967296.0);
	}
	sh->athr = xmalloc(nvocab * sizeof(*sh->athr));
	sh->alias = xmalloc(nvocab * sizeof(*sh->alias));
	alias_build(count, nvocab, sh->athr, sh->alias);
	sh->simd = !p->no_simd && __builtin_cpu_supports("avx2") &&
	    __builtin_cpu_supports("fma");
	pthread_mutex_init(&sh->replock, NULL);
}

static void
shared_clear(struct w2v_shared *sh)
{
	free(sh->keep);
	free(sh->athr);
	free(sh->alias);
	pthread_mutex_destroy(&sh->replock);
}

/* The first 64-byte boundary in raw (which has 63 bytes to spare). */
static void *
align64(void *raw)
{
	return (void *)(((uintptr_t)raw + 63) & ~(uintptr_t)63);
}

static void
worker_init(struct w2v_worker *w, struct w2v_shared *sh, uint64_t seed)
{
	size_t row;

	memset(w, 0, sizeof(*w));
	w->sh = sh;
	xseed(w->s, seed);
	w->alpha = (float)sh->alpha0;
	/* Whole cache lines of their own: two threads' scratch rows must
	 * not share one (false sharing slows Hogwild down). */
	row = ((size_t)sh->dim + 15) / 16 * 16;
	w->raw = xcalloc(2 * row * sizeof(float) + 64, 1);
	w->neu1 = align64(w->raw);
	w->neu1e = w->neu1 + row;
}

static void
worker_clear(struct w2v_worker *w)
{
	free(w->raw);
}

/* Reads the next sentence of text positions [*pos, end): subsampled,
 * at most W2V_MAX_SENTENCE kept words. Returns the number kept. */
static int
sentence_read(struct w2v_worker *w, const uint32_t *tok, size_t start,
    size_t *pos, size_t end)
{
	const uint64_t *keep = w->sh->keep;
	uint32_t word;
	int len = 0;

	while (*pos < end && len < W2V_MAX_SENTENCE) {
		word = tok[*pos];
		w->orig[len] = (int)(*pos - start);
		++*pos;
		w->count++;
		if (keep[word] <= 0xffffffffu &&
		    (xnext(w->s) >> 32) >= keep[word])
			continue;
		w->sen[len++] = word;
	}
	return len;
}

static double
now(const struct w2v_shared *sh)
{
	return sh->hooks != NULL && sh->hooks->now != NULL ?
	    sh->hooks->now() : NAN;
}

/* Calls the report hook (never two at once); sets stop if it asks. */
static void
report(struct w2v_shared *sh, int epoch, int end, long long words,
    float alpha)
{
	struct w2v_progress pr;

	if (sh->hooks == NULL || sh->hooks->report == NULL)
		return;
	memset(&pr, 0, sizeof(pr));
	pr.epoch = epoch;
	pr.epoch_end = end;
	pr.words = words;
	pr.total = sh->total;
	pr.lr = alpha;
	pr.loss = w2v_heldout_loss(sh->held, sh->in, sh->out, sh->dim);
	pr.seconds = now(sh) - sh->t0;
	pr.words_per_s = pr.seconds > 0 ? (double)words / pr.seconds : NAN;
	pr.in = sh->in;
	pr.out = sh->out;
	if (sh->hooks->report(sh->hooks->ctx, &pr) != 0)
		atomic_store(&sh->stop, 1);
}

/* Every LR_EVERY words: publish the count, update the rate, poll stop,
 * report when a mark is passed. */
static void
tick(struct w2v_worker *w)
{
	struct w2v_shared *sh = w->sh;
	long long done, mark;
	double a;

	done = atomic_fetch_add(&sh->done, w->count - w->last) +
	    (w->count - w->last);
	w->last = w->count;
	a = sh->alpha0 * (1 - (double)done / (double)(sh->total + 1));
	if (a < sh->alpha0 * 1e-4)
		a = sh->alpha0 * 1e-4;
	w->alpha = (float)a;
	if (sh->hooks != NULL && sh->hooks->stop != NULL && *sh->hooks->stop)
		atomic_store(&sh->stop, 1);
	if (sh->report_every > 0 && done >= atomic_load(&sh->next_report) &&
	    pthread_mutex_trylock(&sh->replock) == 0) {
		mark = atomic_load(&sh->next_report);
		if (done >= mark) {
			atomic_store(&sh->next_report,
			    (done / sh->report_every + 1) * sh->report_every);
			report(sh, sh->epoch, 0, done, w->alpha);
		}
		pthread_mutex_unlock(&sh->replock);
	}
}

/* One epoch over the worker's sentences. */
static void
worker_epoch(struct w2v_worker *w)
{
	struct w2v_shared *sh = w->sh;
	const struct w2v_text *t = sh->t;
	size_t si, pos, end;
	int len;

	for (si = w->s0; si < w->s1; si++) {
		pos = t->sent[si];
		end = t->sent[si + 1];
		while (pos < end) {
			if (w->count - w->last > LR_EVERY) {
				tick(w);
				if (atomic_load_explicit(&sh->stop,
				    memory_order_relaxed))
					return;
			}
			len = sentence_read(w, t->tok, pos, &pos, end);
			if (len == 0)
				continue;
			if (sh->simd)
				sentence_avx2(w, len, NULL);
			else
				sentence_port(w, len, NULL);
		}
	}
	atomic_fetch_add(&sh->done, w->count - w->last);
	w->last = w->count;
}

static void *
worker_run(void *arg)
{
	worker_epoch(arg);
	return NULL;
}

/* Thread i's seed: the first is the seed itself, so that w2v_explain and
 * a one-thread run draw the same numbers. */
static uint64_t
thread_seed(uint64_t seed, int i)
{
	return seed + (uint64_t)i * 0x9e3779b97f4a7c15ULL;
}

int
w2v_train(const struct w2v_text *t, const struct w2v_params *p,
    const struct w2v_heldout *h, const struct w2v_hooks *hooks,
    float *in, float *out, struct diag *d)
{
	struct w2v_shared sh;
	struct w2v_worker *wk;
	void *wkraw;
	pthread_t th[W2V_MAX_THREADS];
	int started[W2V_MAX_THREADS];
	size_t i, n, lo, hi, mid, target;
	uint64_t s[4];
	int nt, e, k, rc = 0;

	if (w2v_params_check(p, t->nvocab, NULL, d) < 0)
		return -1;
	shared_init(&sh, t->count, t->nvocab, p);
	sh.t = t;
	sh.held = h;
	sh.hooks = hooks;
	sh.in = in;
	sh.out = out;
	sh.total = (long long)p->epochs * (long long)t->ntok;
	atomic_store(&sh.next_report, p->report_every);
	/* word2vec.c's initialisation, from a stream of its own. */
	xseed(s, p->seed ^ 0x6a09e667f3bcc908ULL);
	n = t->nvocab * (size_t)p->dim;
	if (!p->no_init) {
		for (i = 0; i < n; i++)
			in[i] = ((float)(xnext(s) >> 40) * 0x1p-24f - 0.5f) /
			    (float)p->dim;
		memset(out, 0, n * sizeof(float));
	}
	/* Fixed ranges: thread k starts at the first sentence at or after
	 * token k ntok / threads. */
	nt = p->threads;
	wkraw = xcalloc((size_t)nt * sizeof(*wk) + 64, 1);
	wk = align64(wkraw);
	for (k = 0; k < nt; k++) {
		worker_init(&wk[k], &sh, thread_seed(p->seed, k));
		target = (size_t)((double)t->ntok * k / nt);
		lo = 0;
		hi = t->nsent;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (t->sent[mid] < target)
				lo = mid + 1;
			else
				hi = mid;
		}
		wk[k].s0 = k == 0 ? 0 : lo;
		if (k > 0)
			wk[k - 1].s1 = wk[k].s0;
	}
	wk[nt - 1].s1 = t->nsent;
	sh.t0 = now(&sh);
	report(&sh, 0, 1, 0, (float)p->alpha);
	for (e = 1; e <= p->epochs && !atomic_load(&sh.stop); e++) {
		sh.epoch = e;
		if (nt == 1)
			worker_epoch(&wk[0]);
		else {
			for (k = 0; k < nt; k++)
				started[k] = pthread_create(&th[k], NULL,
				    worker_run, &wk[k]) == 0;
			for (k = 0; k < nt; k++)
				if (started[k])
					pthread_join(th[k], NULL);
				else
					worker_epoch(&wk[k]);
		}
		if (atomic_load(&sh.stop))
			break;
		report(&sh, e, 1, atomic_load(&sh.done), wk[0].alpha);
	}
	if (atomic_load(&sh.stop))
		rc = diag_fail(d, "", 0, 0, "training interrupted");
	for (k = 0; k < nt; k++)
		worker_clear(&wk[k]);
	free(wkraw);
	shared_clear(&sh);
	return rc;
}

size_t
w2v_heldout_draw(const struct w2v_text *held, const long *count,
    size_t nvocab, int window, int k, uint64_t seed, size_t cap,
    uint32_t *centre, uint32_t *context, uint32_t *neg)
{
	struct w2v_shared sh;
	struct w2v_params p;
	uint64_t s[4];
	size_t si, i, c, lo, hi, n = 0;
	int j;

	if (nvocab == 0 || cap == 0 || window < 1 || k < 0)
		return 0;
	w2v_params_init(&p, W2V_SGNS);
	shared_init(&sh, count, nvocab, &p);
	xseed(s, seed);
	for (si = 0; si < held->nsent && n < cap; si++) {
		lo = held->sent[si];
		hi = held->sent[si + 1];
		for (i = lo; i < hi && n < cap; i++)
			for (c = i > lo + (size_t)window ? i - (size_t)window : lo;
			    c < hi && c <= i + (size_t)window && n < cap; c++) {
				if (c == i)
					continue;
				centre[n] = held->tok[i];
				context[n] = held->tok[c];
				for (j = 0; j < k; j++)
					neg[n * (size_t)k + (size_t)j] =
					    alias_draw(&sh, s);
				n++;
			}
	}
	shared_clear(&sh);
	return n;
}

/* log s(x), exactly and without overflow. */
static double
log_sigmoid(double x)
{
	return x >= 0 ? -log1p(exp(-x)) : x - log1p(exp(x));
}

static double
ddot(const float *x, const float *y, int n)
{
	double s = 0;
	int i;

	for (i = 0; i < n; i++)
		s += (double)x[i] * (double)y[i];
	return s;
}

double
w2v_heldout_loss(const struct w2v_heldout *h, const float *in,
    const float *out, int dim)
{
	const float *v;
	double sum = 0;
	size_t i;
	int j;

	if (h == NULL || h->n == 0)
		return NAN;
	for (i = 0; i < h->n; i++) {
		v = in + (size_t)h->context[i] * (size_t)dim;
		sum -= log_sigmoid(ddot(v, out + (size_t)h->centre[i] *
		    (size_t)dim, dim));
		for (j = 0; j < h->k; j++)
			sum -= log_sigmoid(-ddot(v, out +
			    (size_t)h->neg[i * (size_t)h->k + (size_t)j] *
			    (size_t)dim, dim));
	}
	return sum / (double)h->n;
}

int
w2v_explain(const uint32_t *tok, size_t n, const long *count,
    size_t nvocab, const struct w2v_params *p, double *keep,
    unsigned char *kept, int *span, struct w2v_pair *pairs,
    size_t cap, size_t *npairs, uint32_t *neg, struct diag *d)
{
	struct w2v_shared sh;
	struct w2v_worker *w;
	void *wraw;
	struct trace tr;
	long long total = 0;
	size_t i, pos = 0;
	int len, j;

	if (w2v_params_check(p, nvocab, NULL, d) < 0)
		return -1;
	if (n > W2V_MAX_SENTENCE)
		return diag_fail(d, "", 0, 0, "a sentence of %zu words is "
		    "longer than %d", n, W2V_MAX_SENTENCE);
	for (i = 0; i < n; i++)
		if (tok[i] >= nvocab)
			return diag_fail(d, "", 0, 0, "word id %u at position "
			    "%zu is outside the vocabulary", tok[i], i);
	for (i = 0; i < nvocab; i++)
		total += count[i];
	shared_init(&sh, count, nvocab, p);
	wraw = xmalloc(sizeof(*w) + 64);
	w = align64(wraw);
	worker_init(w, &sh, thread_seed(p->seed, 0));
	len = sentence_read(w, tok, 0, &pos, n);
	for (i = 0; i < n; i++) {
		keep[i] = w2v_keep_prob(count[tok[i]], total, p->sample);
		kept[i] = 0;
		span[i] = 0;
	}
	for (j = 0; j < len; j++)
		kept[w->orig[j]] = 1;
	tr.span = span;
	tr.pairs = pairs;
	tr.cap = cap;
	tr.n = 0;
	tr.neg = neg;
	sentence_port(w, len, &tr);
	*npairs = tr.n;
	worker_clear(w);
	free(wraw);
	shared_clear(&sh);
	return 0;
}
