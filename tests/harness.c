/* The unit-test harness's bookkeeping and command line (see harness.h). */
#include "harness.h"

#include <fnmatch.h>
#include <stdarg.h>

#define MAX_PATTERNS 64

int harness_failed_checks;
const char *harness_current = "?";
static int passed, failed;
static int verbose = -1;
static int listing;
static const char *program = "test";
static const char *patterns[MAX_PATTERNS];
static int matched[MAX_PATTERNS];
static int npatterns;

static void usage(FILE *to)
{
	fprintf(to,
		"usage: %s [-v] [NAME|GLOB]...\n"
		"       %s --list\n"
		"Runs this suite's tests: all of them, or those named (a name may leave off\n"
		"its \"test_\" prefix; a glob such as 'send_*' or '*revoke*' picks several).\n"
		"  --list   print the test names, one a line, and run nothing\n"
		"  -v       print \"ok NAME\" for each test that passed (also when names\n"
		"           are given, or with ZOS_TEST_VERBOSE set)\n"
		"A failed check prints \"FAIL NAME (file:line): what\", a failed test\n"
		"\"not ok NAME\"; the last line is \"RESULT <suite> <passed> <failed>\".\n"
		"Exit status: 0 all passed, 1 a test failed, 2 a usage error.\n",
		program, program);
}

void harness_args(int argc, char **argv)
{
	const char *slash;

	if (argc > 0 && argv[0]) {
		slash = strrchr(argv[0], '/');
		program = slash ? slash + 1 : argv[0];
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			exit(0);
		} else if (strcmp(argv[i], "--list") == 0) {
			listing = 1;
		} else if (strcmp(argv[i], "-v") == 0) {
			verbose = 1;
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "%s: unknown option %s\n", program, argv[i]);
			usage(stderr);
			exit(2);
		} else if (npatterns == MAX_PATTERNS) {
			fprintf(stderr, "%s: more than %d names\n", program, MAX_PATTERNS);
			exit(2);
		} else {
			patterns[npatterns++] = argv[i];
		}
	}
	if (npatterns && !listing)
		verbose = 1; /* a test asked for by name says that it ran */
}

int harness_listing(void)
{
	return listing;
}

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

/* Does the command line ask for this test? Every pattern that names it is
 * marked, so that harness_finish can report the ones that named nothing. */
static int wanted(const char *name)
{
	const char *bare = strncmp(name, "test_", 5) == 0 ? name + 5 : name;
	int want = npatterns == 0;

	for (int i = 0; i < npatterns; i++)
		if (fnmatch(patterns[i], name, 0) == 0 || fnmatch(patterns[i], bare, 0) == 0) {
			matched[i] = 1;
			want = 1;
		}
	return want;
}

void harness_run(const char *name, void (*fn)(void))
{
	if (verbose < 0)
		verbose = getenv("ZOS_TEST_VERBOSE") != NULL;
	if (!wanted(name))
		return;
	if (listing) {
		printf("%s\n", name);
		return;
	}
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
	int unknown = 0;

	for (int i = 0; i < npatterns; i++)
		if (!matched[i]) {
			fprintf(stderr, "%s: no test named '%s' in suite %s (`%s --list` lists them)\n",
				program, patterns[i], suite, program);
			unknown = 1;
		}
	if (listing)
		return unknown ? 2 : 0;
	printf("RESULT %s %d %d\n", suite, passed, failed);
	return unknown ? 2 : failed ? 1 : 0;
}
