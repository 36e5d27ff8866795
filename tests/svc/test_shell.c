/*
 * The shell's parsing on the host: words, quotes, backslashes and
 * redirections (user/apps/terminal/parse.c), and path resolution against
 * the current directory (path.c). The terminal is not a service; the
 * Makefile links those two files into this test, over the service host
 * (tests/svc/svc_host.h) so that what they print has somewhere to go.
 */
#include "harness.h"
#include "svc/svc_host.h"
#include "user/apps/terminal/shell.h"

struct shell sh;
static struct svc_host h;
static char *args[SHELL_MAX_ARGS];

static int split(const char *line)
{
	return shell_split(line, args);
}

#define WORD(i, want)                                                                       \
	do {                                                                                \
		if (strcmp(args[i], want) != 0)                                             \
			harness_fail(__FILE__, __LINE__, "word %d: got [%s], want [%s]", i, \
				     args[i], want);                                        \
	} while (0)

static void test_words_and_quotes(void)
{
	CHECK_EQ(split(""), 0);
	CHECK_EQ(split("   \t "), 0);
	CHECK_EQ(split("ls"), 1);
	WORD(0, "ls");
	CHECK_EQ(split("  write  /home/a   b  "), 3);
	WORD(1, "/home/a");
	WORD(2, "b");
	CHECK_EQ(split("write /home/a \"two  words\""), 3);
	WORD(2, "two  words");
	CHECK_EQ(split("echo 'it''s' \"a\"'b'c"), 3);
	WORD(1, "its");
	WORD(2, "abc");
	CHECK_EQ(split("echo \"\" ''"), 3); /* empty words stay words */
	WORD(1, "");
	WORD(2, "");
	CHECK_EQ(split("echo a\\ b \"q\\\"q\" 'x\\y'"), 4);
	WORD(1, "a b");
	WORD(2, "q\"q");
	WORD(3, "x\\y"); /* single quotes keep backslashes */
	CHECK_EQ(split("echo \"open"), -1);
	CHECK_EQ(split("echo 'open"), -1);
	CHECK_EQ(split("echo trailing\\"), 2);
	WORD(1, "trailing\\");
}

static void test_redirections(void)
{
	CHECK_EQ(split("echo hi > /tmp/f"), 4);
	CHECK(args[2] == shell_redir_write);
	WORD(3, "/tmp/f");
	CHECK_EQ(split("echo hi>>f"), 4);
	WORD(1, "hi");
	CHECK(args[2] == shell_redir_append);
	WORD(3, "f");
	CHECK_EQ(split("echo >x"), 3);
	CHECK(args[1] == shell_redir_write);
	/* a quoted > is text */
	CHECK_EQ(split("echo \">\" '>>' a\\>b"), 4);
	CHECK(args[1] != shell_redir_write);
	WORD(1, ">");
	WORD(2, ">>");
	WORD(3, "a>b");
	CHECK_EQ(split("echo a >>> b"), 5);
	CHECK(args[2] == shell_redir_append && args[3] == shell_redir_write);
}

static void test_too_many_words_is_refused(void)
{
	char line[SHELL_LINE_MAX + 1] = "";

	for (int i = 0; i < SHELL_MAX_ARGS; i++)
		strcat(line, "w ");
	CHECK_EQ(split(line), SHELL_MAX_ARGS);
	strcat(line, "one-more");
	CHECK_EQ(split(line), -1);
	/* the longest line, one word */
	memset(line, 'a', SHELL_LINE_MAX);
	line[SHELL_LINE_MAX] = 0;
	CHECK_EQ(split(line), 1);
	CHECK_EQ(strlen(args[0]), SHELL_LINE_MAX);
}

static const char *resolve(const char *cwd, const char *arg)
{
	static char out[ZOS_VFS_PATH_MAX + 1];

	snprintf(sh.cwd, sizeof sh.cwd, "%s", cwd);
	if (shell_path("t", arg, out) < 0)
		return "(refused)";
	return out;
}

#define RESOLVES(cwd, arg, want)                                                                  \
	do {                                                                                      \
		const char *g_ = resolve(cwd, arg);                                               \
		if (strcmp(g_, want) != 0)                                                        \
			harness_fail(__FILE__, __LINE__, "%s in %s: got %s, want %s", arg, cwd, g_, \
				     want);                                                       \
	} while (0)

static void test_paths(void)
{
	RESOLVES("", "a", "/a");
	RESOLVES("", ".", "/");
	RESOLVES("/", "/", "/");
	RESOLVES("/home/alice", "notes", "/home/alice/notes");
	RESOLVES("/home/alice", "./docs//a.txt", "/home/alice/docs/a.txt");
	RESOLVES("/home/alice", "..", "/home");
	RESOLVES("/home/alice", "../..", "/");
	RESOLVES("/home/alice", "../../../../etc", "/etc"); /* never above the root */
	RESOLVES("/home/alice", "/system/./settings/../config/", "/system/config");
	RESOLVES("/home/alice", "docs/..", "/home/alice");
	RESOLVES("/home/alice", "...", "/home/alice/..."); /* a name, not a step */
	RESOLVES("/home", "", "(refused)");
	char longarg[2 * ZOS_VFS_PATH_MAX];
	memset(longarg, 'a', sizeof longarg - 1);
	longarg[sizeof longarg - 1] = 0;
	RESOLVES("/", longarg, "(refused)");
	/* long, but .. brings it back within bounds */
	char back[ZOS_VFS_PATH_MAX + 64];
	memset(back, 'b', 300);
	strcpy(back + 300, "/../c");
	RESOLVES("/", back, "/c");
	sh.cwd[0] = 0;
	CHECK(strcmp(shell_cwd(), "/") == 0);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	svc_host_boot(&h, "terminal", 0);
	RUN(test_words_and_quotes);
	RUN(test_redirections);
	RUN(test_too_many_words_is_refused);
	RUN(test_paths);
	svc_host_free(&h);
	return harness_finish("svc/shell");
}
