/*
 * The shell's current directory and its paths: every path a command gets
 * is made absolute and canonical here, so what the shell shows (the
 * prompt, `pwd`, its messages) is the path VFS sees. VFS canonicalises and
 * checks every path again: this is for people, not for safety.
 */
#include "shell.h"

#include "lib/fmt.h"
#include "lib/mem.h"

const char *shell_cwd(void)
{
	return sh.cwd[0] ? sh.cwd : "/";
}

/* Appends component c (n bytes) to out (length *len): "." nothing, ".."
 * drops the last component (never above the root). 0, or -1 when too long. */
static int push(char *out, uint32_t *len, const char *c, uint32_t n)
{
	if (n == 1 && c[0] == '.')
		return 0;
	if (n == 2 && c[0] == '.' && c[1] == '.') {
		while (*len > 0 && out[*len - 1] != '/')
			(*len)--;
		if (*len > 0)
			(*len)--; /* the slash before it */
		out[*len] = 0;
		return 0;
	}
	if (*len + 1 + n > ZOS_VFS_PATH_MAX)
		return -1;
	out[(*len)++] = '/';
	zos_memcpy(out + *len, c, n);
	*len += n;
	out[*len] = 0;
	return 0;
}

/* Every component of p, in order, onto out. */
static int push_all(char *out, uint32_t *len, const char *p)
{
	while (*p) {
		uint32_t n = 0;
		while (*p == '/')
			p++;
		while (p[n] && p[n] != '/')
			n++;
		if (n && push(out, len, p, n) < 0)
			return -1;
		p += n;
	}
	return 0;
}

int shell_path(const char *cmd, const char *arg, char out[ZOS_VFS_PATH_MAX + 1])
{
	uint32_t len = 0;

	out[0] = 0;
	if (!arg[0]) {
		zos_printf("%s: an empty path\n", cmd);
		return -1;
	}
	if ((arg[0] != '/' && push_all(out, &len, shell_cwd()) < 0) || push_all(out, &len, arg) < 0) {
		zos_printf("%s: path too long (at most %d bytes): %s\n", cmd, ZOS_VFS_PATH_MAX, arg);
		return -1;
	}
	if (len == 0)
		zos_strlcpy(out, "/", ZOS_VFS_PATH_MAX + 1);
	return 0;
}

void shell_vfs_fail(const char *cmd, int64_t err)
{
	const char *why = zos_vfs_error();

	if (err == ZOS_ERR_NOT_FOUND && !why[0])
		why = "no such file or directory";
	zos_printf("%s: %s\n", cmd, why[0] ? why : zos_strerror(err));
}
