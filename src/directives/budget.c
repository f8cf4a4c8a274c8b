/*
 * directives/budget: estimates against budgets, and the watchdog that stops
 * a block running far past its estimate.
 * Reads the budget settings and a directive's estimate hook; produces
 * located errors. Never prints.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "directives/budget.h"
#include "util/xalloc.h"

void
budget_init(struct budget *b)
{
	b->ops = BUDGET_OPS;
	b->bytes = BUDGET_BYTES;
	b->seconds = BUDGET_SECONDS;
	b->from = "budget: in vecdoc.yml";
}

/* "1e12", "2.5e9", "10^12", "4000000000"; > 0 and finite. */
static int
parse_num(const char *s, double *out)
{
	char *end;
	double v;

	while (*s == ' ' || *s == '\t')
		s++;
	errno = 0;
	if (strncmp(s, "10^", 3) == 0) {
		v = strtod(s + 3, &end);
		v = pow(10.0, v);
	} else
		v = strtod(s, &end);
	while (*end == ' ' || *end == '\t')
		end++;
	if (end == s || *end != '\0' || errno != 0 || !isfinite(v) || v <= 0)
		return -1;
	*out = v;
	return 0;
}

int
budget_parse(struct budget *b, const char *text)
{
	char *t = xstrdup(text), *comma = strchr(t, ',');
	int rc = 0;

	if (comma != NULL)
		*comma = '\0';
	if (parse_num(t, &b->ops) != 0 ||
	    (comma != NULL && parse_num(comma + 1, &b->bytes) != 0))
		rc = -1;
	free(t);
	return rc;
}

int
budget_config(struct budget *b, const struct ynode *cfg, const char *cfgfile,
    struct diaglist *diags)
{
	static const char *const keys[] = { "operations", "memory", "seconds",
	    NULL };
	static const char *const what[] = { "operations", "bytes", "seconds" };
	const struct ynode *n = cfg ? ynode_get(cfg, "budget") : NULL, *v;
	double *dst[3];
	struct diag dg;
	size_t k;

	budget_init(b);
	if (n == NULL)
		return 0;
	if (n->kind == YNODE_SCALAR) {
		if (parse_num(n->str, &b->ops) == 0)
			return 0;
		return diaglist_add(diags, DIAG_ERROR, cfgfile, n->line, n->col,
		    "budget: needs a number of operations (e.g. 1e12) or a map "
		    "of operations:, memory: and seconds:, not '%s'", n->str);
	}
	if (n->kind != YNODE_MAP)
		return diaglist_add(diags, DIAG_ERROR, cfgfile, n->line, n->col,
		    "budget: needs a number of operations or a map of "
		    "operations:, memory: and seconds:");
	if (ynode_check_keys(n, cfgfile, "budget", keys, &dg) != 0) {
		diaglist_push(diags, &dg);
		return -1;
	}
	dst[0] = &b->ops;
	dst[1] = &b->bytes;
	dst[2] = &b->seconds;
	for (k = 0; keys[k] != NULL; k++) {
		if ((v = ynode_get(n, keys[k])) == NULL)
			continue;
		if (v->kind != YNODE_SCALAR || parse_num(v->str, dst[k]) != 0)
			return diaglist_add(diags, DIAG_ERROR, cfgfile, v->line,
			    v->col, "budget: %s: needs a positive number of %s "
			    "(e.g. 1e12)", keys[k], what[k]);
	}
	return 0;
}

static const char *fmt_prec(double v, char *out, size_t n, int prec);

const char *
budget_fmt(double v, char *out, size_t n)
{
	return fmt_prec(v, out, n, 1);
}

/* prec digits after the point of the mantissa. */
static const char *
fmt_prec(double v, char *out, size_t n, int prec)
{
	static const char *const sup[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶",
	    "⁷", "⁸", "⁹" };
	char e[64], m[32];
	int x, k;
	double mant;

	if (!isfinite(v) || v < 1e5) {
		snprintf(out, n, "%.0f", isfinite(v) ? v : 0.0);
		return out;
	}
	x = (int)floor(log10(v));
	mant = v / pow(10.0, x);
	/* 9.96 rounds to 10.0: carry into the exponent. */
	if (mant >= 10 - 0.5 * pow(10, -prec)) {
		mant /= 10;
		x++;
	}
	e[0] = '\0';
	snprintf(m, sizeof(m), "%d", x);
	for (k = 0; m[k] != '\0'; k++)
		strcat(e, sup[m[k] - '0']);
	if (fabs(mant - 1.0) < 0.5 * pow(10, -prec))
		snprintf(out, n, "10%s", e);
	else
		snprintf(out, n, "%.*f × 10%s", prec, mant, e);
	return out;
}

/* An estimate and a budget, with enough digits to tell them apart. */
static void
pair_fmt(double est, double lim, char *a, char *b, size_t n)
{
	int prec;

	for (prec = 1; prec < 6; prec++) {
		fmt_prec(est, a, n, prec);
		fmt_prec(lim, b, n, prec);
		if (strcmp(a, b) != 0)
			break;
	}
}

int
budget_check(struct dctx *ctx, const struct directive *d,
    const struct budget *site, struct work_estimate *we)
{
	const struct dopt *bo = directive_opt(d, "budget");
	struct budget b = *site;
	char e1[48], e2[48];
	const char *raise;

	memset(we, 0, sizeof(*we));
	if (d->spec->estimate == NULL)
		return dctx_error(ctx, "{%s} has no work estimate (a directive "
		    "must declare one)", d->name);
	if (bo != NULL && bo->set) {
		if (budget_parse(&b, bo->text) != 0)
			return dctx_error_at(ctx, bo, "option ':budget:' needs "
			    "operations, or operations and bytes (e.g. '1e12' "
			    "or '1e12, 8e9'), not '%s'", bo->text);
		b.from = ":budget:";
	}
	if (d->spec->estimate(ctx, d, we) != 0)
		return -1;
	raise = strcmp(b.from, ":budget:") == 0 ? "raise :budget:" :
	    strcmp(b.from, "--budget") == 0 ? "raise --budget" :
	    "raise budget: (or :budget: for this block)";
	if (we->ops > b.ops) {
		pair_fmt(we->ops, b.ops, e1, e2, sizeof(e1));
		return dctx_error_at(ctx, we->at ? we->at : NULL,
		    "{%s}: %s ≈ %s operations, budget %s; lower %s, or %s",
		    d->name, we->why[0] ? we->why : "the work", e1, e2,
		    we->lower ? we->lower : "the sizes", raise);
	}
	if (we->bytes > b.bytes) {
		pair_fmt(we->bytes, b.bytes, e1, e2, sizeof(e1));
		return dctx_error_at(ctx, we->mat ? we->mat : we->at,
		    "{%s}: %s ≈ %s bytes of memory, budget %s; lower %s, or %s",
		    d->name, we->mwhy[0] ? we->mwhy : we->why, e1, e2,
		    we->mlower ? we->mlower : we->lower ? we->lower :
		    "the sizes", raise);
	}
	return 0;
}

/*
 * A build instrumented by AddressSanitizer or UndefinedBehaviorSanitizer
 * runs kernels several times slower than the rate the guard assumes: its
 * wall-clock limit stretches by the same factor, so that the guard still
 * stops only runaway blocks (the estimate and the budget check are
 * unchanged).
 */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
#define BUDGET_SLOWDOWN	20.0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define BUDGET_SLOWDOWN	20.0
#endif
#endif
#ifndef BUDGET_SLOWDOWN
#define BUDGET_SLOWDOWN	1.0
#endif

double
budget_deadline(const struct budget *b, const struct work_estimate *we)
{
	const char *t = getenv("VECDOC_TEST_DEADLINE");
	double s;

	/* Tests of the guard itself need a limit below any real run. */
	if (t != NULL && (s = strtod(t, NULL)) > 0)
		return s;
	return BUDGET_SLOWDOWN * (b->seconds + BUDGET_GRACE * we->ops /
	    BUDGET_OPS_PER_SECOND);
}

struct watchdog {
	pthread_t		 th;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct timespec		 until;
	struct timespec		 held;		/* when the hold began */
	int			 hold;		/* 1: the clock is stopped */
	int			 done;
	volatile int		 fired;
};

static void *
watchdog_main(void *arg)
{
	struct watchdog *w = arg;
	int rc = 0;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		if (w->done)
			break;
		if (w->hold) {
			pthread_cond_wait(&w->cv, &w->mu);
			continue;
		}
		rc = pthread_cond_timedwait(&w->cv, &w->mu, &w->until);
		if (rc == ETIMEDOUT && !w->done && !w->hold) {
			w->fired = 1;
			break;
		}
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

struct watchdog *
watchdog_start(double seconds)
{
	struct watchdog *w = xcalloc(1, sizeof(*w));
	double whole;

	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	clock_gettime(CLOCK_REALTIME, &w->until);
	if (seconds > 1e8)
		seconds = 1e8;
	whole = floor(seconds);
	w->until.tv_sec += (time_t)whole;
	w->until.tv_nsec += (long)((seconds - whole) * 1e9);
	if (w->until.tv_nsec >= 1000000000L) {
		w->until.tv_sec++;
		w->until.tv_nsec -= 1000000000L;
	}
	if (pthread_create(&w->th, NULL, watchdog_main, w) != 0)
		w->done = -1;	/* no guard; the block still runs */
	return w;
}

void
watchdog_hold(void *ctx, int on)
{
	struct watchdog *w = ctx;
	struct timespec now;
	long long ns;

	if (w == NULL || w->done == -1)
		return;
	pthread_mutex_lock(&w->mu);
	clock_gettime(CLOCK_REALTIME, &now);
	if (on && w->hold++ == 0)
		w->held = now;
	else if (!on && w->hold > 0 && --w->hold == 0) {
		/* The deadline moves by the time the clock was stopped. */
		ns = (long long)(now.tv_sec - w->held.tv_sec) * 1000000000LL +
		    (now.tv_nsec - w->held.tv_nsec);
		ns += w->until.tv_nsec;
		w->until.tv_sec += (time_t)(ns / 1000000000LL);
		w->until.tv_nsec = (long)(ns % 1000000000LL);
		if (w->until.tv_nsec < 0) {
			w->until.tv_sec--;
			w->until.tv_nsec += 1000000000L;
		}
	}
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

const volatile int *
watchdog_flag(const struct watchdog *w)
{
	return &w->fired;
}

int
watchdog_stop(struct watchdog *w)
{
	int fired;

	if (w->done != -1) {
		pthread_mutex_lock(&w->mu);
		w->done = 1;
		pthread_cond_signal(&w->cv);
		pthread_mutex_unlock(&w->mu);
		pthread_join(w->th, NULL);
	}
	fired = w->fired;
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
	return fired;
}
