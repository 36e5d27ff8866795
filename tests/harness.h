/*
 * The unit-test harness: a test is a function; CHECK records a failure with
 * its place and carries on, so one run reports every broken expectation.
 * Each test binary ends by printing "RESULT <suite> <passed> <failed>", which
 * tests/run.sh adds up into the line `make test` ends with.
 *
 * Tests are independent: each builds its own state; none depends on order,
 * so any one of them can run alone. A test binary's main starts with
 * harness_args(argc, argv), which reads its command line:
 *
 *   test_ipc                        every test of the suite
 *   test_ipc send_to_full_queue     the tests so named ("test_" may be left
 *   test_ipc 'send_*' '*revoke*'    off; a glob picks several)
 *   test_ipc --list                 the names, one a line, nothing run
 *   test_ipc -v                     "ok NAME" for every test that passed
 *
 * A name no test has is a usage error (exit 2) that says how to list them.
 */
#ifndef ZOS_TEST_HARNESS_H
#define ZOS_TEST_HARNESS_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern int harness_failed_checks; /* in the current test */
extern const char *harness_current;

/* Reads the command line (above). Exits at once on --help or a bad option. */
void harness_args(int argc, char **argv);
/* 1 under --list: a main prints nothing of its own then (its notes). */
int harness_listing(void);
void harness_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Runs fn as the test `name`, unless the command line left it out. */
void harness_run(const char *name, void (*fn)(void));
/* Prints the summary and returns the process exit code: 0 when every test
 * run passed, 1 when one failed, 2 when a name on the command line matched
 * no test. */
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
