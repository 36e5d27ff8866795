/*
 * The unit-test harness: a test is a function; CHECK records a failure with
 * its place and carries on, so one run reports every broken expectation.
 * Each test binary ends by printing "RESULT <suite> <passed> <failed>", which
 * tests/run.sh adds up into the line `make test` ends with.
 *
 * Tests are independent: each builds its own state; none depends on order.
 */
#ifndef ZOS_TEST_HARNESS_H
#define ZOS_TEST_HARNESS_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern int harness_failed_checks; /* in the current test */
extern const char *harness_current;

void harness_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void harness_run(const char *name, void (*fn)(void));
/* Prints the summary and returns the process exit code. */
int harness_finish(const char *suite);

#define CHECK(cond)                                                           \
	do {                                                                  \
		if (!(cond))                                                  \
			harness_fail(__FILE__, __LINE__, "CHECK(%s)", #cond); \
	} while (0)

#define CHECK_EQ(a, b)                                                                \
	do {                                                                          \
		long long a_ = (long long)(a), b_ = (long long)(b);                   \
		if (a_ != b_)                                                         \
			harness_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, \
				     #b, a_, b_);                                     \
	} while (0)

#define CHECK_MEM(a, b, n)                                                       \
	do {                                                                     \
		if (memcmp((a), (b), (n)) != 0)                                  \
			harness_fail(__FILE__, __LINE__, "memory %s != %s", #a, #b); \
	} while (0)

/* The text got holds want somewhere. */
#define CHECK_CONTAINS(got, want)                                                     \
	do {                                                                          \
		const char *g_ = (got);                                               \
		if (!strstr(g_, want))                                                \
			harness_fail(__FILE__, __LINE__, "got %s, want it to hold %s", g_, \
				     want);                                           \
	} while (0)

#define RUN(fn) harness_run(#fn, fn)

#endif
