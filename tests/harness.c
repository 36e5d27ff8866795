/* The unit-test harness's bookkeeping (see harness.h). */
#include "harness.h"

#include <stdarg.h>

int harness_failed_checks;
const char *harness_current = "?";
static int passed, failed;
static int verbose = -1;

void harness_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "  FAIL %s (%s:%d): ", harness_current, file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	harness_failed_checks++;
}

void harness_run(const char *name, void (*fn)(void))
{
	if (verbose < 0)
		verbose = getenv("ZOS_TEST_VERBOSE") != NULL;
	harness_current = name;
	harness_failed_checks = 0;
	fn();
	if (harness_failed_checks) {
		failed++;
		fprintf(stderr, "not ok %s\n", name);
	} else {
		passed++;
		if (verbose)
			printf("ok %s\n", name);
	}
}

int harness_finish(const char *suite)
{
	printf("RESULT %s %d %d\n", suite, passed, failed);
	return failed ? 1 : 0;
}
