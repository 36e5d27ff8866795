/*
 * The shell's file commands, over VFS (libzos vfs.h): ls, cat, write,
 * mkdir, rm, rmdir, stat, cd, pwd, and echo's > and >> (tree: tree.c). Paths are
 * resolved against the current directory (path.c); what VFS refuses is
 * printed in its words ("cat: no such file: /home/x"), after the
 * command's name.
 */
#include "shell.h"

#include "clock.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "time_settings.h"

static char path[ZOS_VFS_PATH_MAX + 1];
static struct zos_vfs_dirent page[ZOS_VFS_PAGE_MAX];
static uint8_t chunk[ZOS_VFS_IO_MAX];

int shell_write_file(const char *cmd, const char *arg, const char *text, uint32_t n, int append)
{
	int64_t r;

	if (shell_path(cmd, arg, path) < 0)
		return 1;
	r = append ? zos_vfs_append(path, text, n) : zos_vfs_write(path, text, n);
	if (r < 0) {
		shell_vfs_fail(cmd, r);
		return 1;
	}
	return 0;
}

/* The last component of a canonical path ("/" for the root). */
static const char *base_name(const char *p)
{
	const char *b = p;

	for (; *p; p++)
		if (*p == '/' && p[1])
			b = p + 1;
	return b;
}

static int list_dir(const char *dir)
{
	int64_t cursor = 0;

	do {
		int64_t n = zos_vfs_readdir(dir, &cursor, page);
		if (n < 0) {
			shell_vfs_fail("ls", n);
			return 1;
		}
		for (int64_t i = 0; i < n; i++)
			zos_printf("%s%s\n", page[i].name, page[i].type == ZOS_VFS_DIR ? "/" : "");
	} while (cursor >= 0);
	return 0;
}

static int cmd_ls(int argc, char **argv)
{
	struct zos_vfs_stat st;
	int64_t r;
	int failed = 0;

	if (argc == 1)
		return list_dir(shell_cwd());
	for (int i = 1; i < argc; i++) {
		if (shell_path("ls", argv[i], path) < 0) {
			failed = 1;
			continue;
		}
		r = zos_vfs_stat(path, &st);
		if (r < 0) {
			shell_vfs_fail("ls", r);
			failed = 1;
			continue;
		}
		if (st.type != ZOS_VFS_DIR) {
			zos_printf("%s\n", base_name(path));
			continue;
		}
		if (argc > 2)
			zos_printf("%s:\n", path);
		failed |= list_dir(path);
	}
	return failed;
}

static int cat_one(const char *arg)
{
	uint64_t offset = 0, size = 0;
	uint8_t last = '\n';

	if (shell_path("cat", arg, path) < 0)
		return 1;
	for (;;) {
		int64_t n = zos_vfs_read(path, offset, chunk, sizeof chunk, &size);
		if (n < 0) {
			shell_vfs_fail("cat", n);
			return 1;
		}
		if (n == 0)
			break;
		zos_console_write((uint32_t)zos_console_slot, chunk, (uint32_t)n);
		last = chunk[n - 1];
		offset += (uint64_t)n;
		if (offset >= size)
			break;
	}
	if (last != '\n')
		zos_print("\n"); /* the prompt starts on its own line */
	return 0;
}

static int cmd_cat(int argc, char **argv)
{
	int failed = 0;

	if (argc < 2) {
		zos_print("usage: cat FILE...\n");
		return 1;
	}
	for (int i = 1; i < argc; i++)
		failed |= cat_one(argv[i]);
	return failed;
}

/* argv[from..argc) joined by single spaces into text (cap bytes); its
 * length, or -1 when it does not fit. */
static int64_t join(int from, int argc, char **argv, char *text, uint32_t cap)
{
	uint32_t len = 0;

	for (int i = from; i < argc; i++) {
		uint32_t n = (uint32_t)zos_strlen(argv[i]);
		if (len + n + 2 > cap)
			return -1;
		if (i > from)
			text[len++] = ' ';
		zos_memcpy(text + len, argv[i], n);
		len += n;
	}
	text[len] = 0;
	return len;
}

static int cmd_write(int argc, char **argv)
{
	static char text[SHELL_LINE_MAX + 1];
	int64_t n;

	if (argc < 3) {
		zos_print("usage: write FILE TEXT   (quote TEXT to keep its spaces: \"two  words\")\n");
		return 1;
	}
	n = join(2, argc, argv, text, sizeof text);
	if (n < 0) {
		zos_print("write: the text is too long\n");
		return 1;
	}
	return shell_write_file("write", argv[1], text, (uint32_t)n, 0);
}

static int cmd_mkdir(int argc, char **argv)
{
	int parents = argc > 1 && !zos_strcmp(argv[1], "-p"), failed = 0;

	if (argc < 2 + parents) {
		zos_print("usage: mkdir [-p] DIR...\n");
		return 1;
	}
	for (int i = 1 + parents; i < argc; i++) {
		int64_t r;
		if (shell_path("mkdir", argv[i], path) < 0) {
			failed = 1;
			continue;
		}
		r = zos_vfs_mkdir(path, parents);
		if (r < 0) {
			shell_vfs_fail("mkdir", r);
			failed = 1;
		}
	}
	return failed;
}

/* rm and rmdir: one VFS call per argument. */
static int remove_each(const char *cmd, int argc, char **argv, int64_t (*op)(const char *))
{
	int failed = 0;

	if (argc < 2) {
		zos_printf("usage: %s %s...\n", cmd, cmd[1] == 'm' ? "FILE" : "DIR");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		int64_t r;
		if (shell_path(cmd, argv[i], path) < 0) {
			failed = 1;
			continue;
		}
		r = op(path);
		if (r < 0) {
			shell_vfs_fail(cmd, r);
			failed = 1;
		}
	}
	return failed;
}

static int cmd_rm(int argc, char **argv)
{
	return remove_each("rm", argc, argv, zos_vfs_unlink);
}

static int cmd_rmdir(int argc, char **argv)
{
	return remove_each("rmdir", argc, argv, zos_vfs_rmdir);
}

/* Times as the person set them (TimeService), or in UTC when it cannot say. */
static void print_when(const char *what, int64_t ms, const struct zos_time_info *t)
{
	char when[48];

	zos_time_format(ms, t ? t->offset_minutes : 0, t ? t->hour24 : 1, when, sizeof when);
	zos_printf("%-9s %s %s\n", what, when, t ? t->zone : "UTC");
}

static int cmd_stat(int argc, char **argv)
{
	struct zos_time_info t;
	struct zos_vfs_stat st;
	int known;
	int64_t r;

	if (argc != 2) {
		zos_print("usage: stat PATH\n");
		return 1;
	}
	if (shell_path("stat", argv[1], path) < 0)
		return 1;
	r = zos_vfs_stat(path, &st);
	if (r < 0) {
		shell_vfs_fail("stat", r);
		return 1;
	}
	zos_printf("path:     %s\n", path);
	zos_printf("type:     %s\n", st.type == ZOS_VFS_DIR ? "directory" : "file");
	if (st.type == ZOS_VFS_DIR)
		zos_printf("entries:  %u\n", st.entries);
	else
		zos_printf("size:     %llu bytes\n", (unsigned long long)st.size);
	zos_printf("owner:    %s\n", st.owner);
	zos_printf("mode:     0%c%c%c\n", '0' + (st.mode >> 6 & 7), '0' + (st.mode >> 3 & 7),
		   '0' + (st.mode & 7));
	zos_printf("inode:    %llu\n", (unsigned long long)st.ino);
	known = zos_time_get(&t) == ZOS_OK;
	print_when("created:", st.created, known ? &t : 0);
	print_when("modified:", st.modified, known ? &t : 0);
	return 0;
}

static int cmd_cd(int argc, char **argv)
{
	static char to[ZOS_VFS_PATH_MAX + 1];
	struct zos_vfs_stat st;
	int64_t r;

	if (argc > 2) {
		zos_print("usage: cd [DIR]\n");
		return 1;
	}
	if (shell_path("cd", argc == 2 ? argv[1] : "/", to) < 0)
		return 1;
	r = zos_vfs_stat(to, &st);
	if (r < 0) {
		shell_vfs_fail("cd", r);
		return 1;
	}
	if (st.type != ZOS_VFS_DIR) {
		zos_printf("cd: not a directory: %s\n", to);
		return 1;
	}
	zos_strlcpy(sh.cwd, to, sizeof sh.cwd);
	return 0;
}

static int cmd_pwd(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	zos_printf("%s\n", shell_cwd());
	return 0;
}

static const struct command commands[] = {
	{ "ls", "[PATH...]", "list a directory (the current one by default)", cmd_ls },
	{ "cat", "FILE...", "show what files hold", cmd_cat },
	{ "write", "FILE TEXT", "make FILE hold TEXT (quote it: \"two words\")", cmd_write },
	{ "mkdir", "[-p] DIR...", "make directories (-p: and their parents)", cmd_mkdir },
	{ "rm", "FILE...", "remove files", cmd_rm },
	{ "rmdir", "DIR...", "remove empty directories", cmd_rmdir },
	{ "stat", "PATH", "a file's or directory's inode", cmd_stat },
	{ "cd", "[DIR]", "change the current directory (/ by default)", cmd_cd },
	{ "pwd", "", "the current directory", cmd_pwd },
	{ "tree", "[DIR]", "a directory and everything under it", cmd_tree },
};

const struct command_set fs_commands = { commands, sizeof commands / sizeof commands[0] };
