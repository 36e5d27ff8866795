/*
 * Fuzzes the shell's parsing on the host: arbitrary lines through
 * shell_split (user/apps/terminal/parse.c), and every word through
 * shell_path (path.c) from an arbitrary current directory. A line is
 * either refused or split into at most SHELL_MAX_ARGS words, and every
 * path that comes out is canonical: absolute, no empty, "." or ".."
 * component, at most ZOS_VFS_PATH_MAX bytes. (Built by the service rule,
 * which links the shell's parse.c and path.c in: there is no
 * user/services/shell.)
 *
 * Input: a current directory, a NUL byte, then the line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svc/svc_host.h"
#include "user/apps/terminal/shell.h"

struct shell sh;

static void check_canonical(const char *p)
{
	size_t n = strlen(p);

	if (p[0] != '/' || n > ZOS_VFS_PATH_MAX || (n > 1 && p[n - 1] == '/') || strstr(p, "//") ||
	    strstr(p, "/./") || strstr(p, "/../") || (n >= 2 && !strcmp(p + n - 2, "/.")) ||
	    (n >= 3 && !strcmp(p + n - 3, "/.."))) {
		fprintf(stderr, "fuzz_svc_shell: not canonical: [%s]\n", p);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct svc_host h;
	static int booted;
	static char line[SHELL_LINE_MAX + 1], cwd_arg[SHELL_LINE_MAX + 1];
	static char out[ZOS_VFS_PATH_MAX + 1];
	char *argv[SHELL_MAX_ARGS];
	size_t c = 0, n;
	int argc;

	if (!booted) { /* what the parser prints goes to the service host */
		svc_host_boot(&h, "terminal", 0);
		booted = 1;
	}
	while (c < size && data[c] && c < SHELL_LINE_MAX)
		c++;
	memcpy(cwd_arg, data, c);
	cwd_arg[c] = 0;
	data += c < size ? c + 1 : c;
	size -= c < size ? c + 1 : c;
	/* the line editor hands over printable bytes only, at most SHELL_LINE_MAX */
	for (n = 0; n < size && n < SHELL_LINE_MAX; n++)
		line[n] = data[n] >= ' ' && data[n] < 0x7f ? (char)data[n] : ' ';
	line[n] = 0;

	sh.cwd[0] = 0;
	if (cwd_arg[0] && shell_path("cd", cwd_arg, out) == 0) {
		check_canonical(out);
		memcpy(sh.cwd, out, strlen(out) + 1);
	}
	argc = shell_split(line, argv);
	if (argc < -1 || argc > SHELL_MAX_ARGS) {
		fprintf(stderr, "fuzz_svc_shell: %d words\n", argc);
		abort();
	}
	for (int i = 0; i < argc; i++) {
		if (argv[i] == shell_redir_write || argv[i] == shell_redir_append)
			continue;
		if (strlen(argv[i]) > SHELL_LINE_MAX) {
			fprintf(stderr, "fuzz_svc_shell: a word longer than the line\n");
			abort();
		}
		if (shell_path("t", argv[i], out) == 0)
			check_canonical(out);
	}
	return 0;
}
