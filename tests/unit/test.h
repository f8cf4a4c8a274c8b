/*
 * tests/unit/test.h: the unit-test harness every unit test includes.
 * Each TEST is a function; RUN() calls it and counts a failure if any
 * CHECK in it failed. test_end() ends with "NAME: N passed, N failed,
 * N skipped", the line tests/run.sh adds up. SKIP_TEST() says why a test
 * could not run here (e.g. this CPU lacks an instruction set); such
 * skips are expected anywhere, so they never fail CI.
 */
#ifndef VECDOC_TEST_H
#define VECDOC_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int t_passed, t_failed, t_skipped, t_cur_failed;
static const char *t_cur;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: %s: CHECK failed: %s\n",	\
		    __FILE__, __LINE__, t_cur, #cond);			\
		t_cur_failed = 1;					\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *t_a = (a), *t_b = (b);				\
	if (t_a == NULL || t_b == NULL || strcmp(t_a, t_b) != 0) {	\
		fprintf(stderr, "%s:%d: %s: expected \"%s\", got \"%s\"\n", \
		    __FILE__, __LINE__, t_cur, t_b ? t_b : "(null)",	\
		    t_a ? t_a : "(null)");				\
		t_cur_failed = 1;					\
	}								\
} while (0)

#define CHECK_INT(a, b) do {						\
	long long t_a = (long long)(a), t_b = (long long)(b);		\
	if (t_a != t_b) {						\
		fprintf(stderr, "%s:%d: %s: expected %lld, got %lld (%s)\n", \
		    __FILE__, __LINE__, t_cur, t_b, t_a, #a);		\
		t_cur_failed = 1;					\
	}								\
} while (0)

#define CHECK_NEAR(a, b, tol) do {					\
	double t_a = (double)(a), t_b = (double)(b);			\
	if (!(fabs(t_a - t_b) <= (tol))) {				\
		fprintf(stderr, "%s:%d: %s: expected %.9g, got %.9g (%s)\n", \
		    __FILE__, __LINE__, t_cur, t_b, t_a, #a);		\
		t_cur_failed = 1;					\
	}								\
} while (0)

#define RUN(fn) do {							\
	t_cur = #fn;							\
	t_cur_failed = 0;						\
	fn();								\
	if (t_cur_failed < 0) t_skipped++;				\
	else if (t_cur_failed) t_failed++; else t_passed++;		\
} while (0)

/* Ends the current test as skipped, saying why (a printf format). */
#define SKIP_TEST(...) do {						\
	printf("SKIP %s: ", t_cur);					\
	printf(__VA_ARGS__);						\
	printf("\n");							\
	t_cur_failed = -1;						\
	return;								\
} while (0)

static int
test_end(const char *suite)
{
	printf("%s: %d passed, %d failed, %d skipped\n", suite, t_passed,
	    t_failed, t_skipped);
	return t_failed != 0;
}

#endif
