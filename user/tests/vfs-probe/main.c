/*
 * A test program for tests/e2e/vfs_namespace.sh: a process started with
 * `spawn` (so confined to /apps/vfs-probe and /tmp) tries to reach the
 * rest of the tree every way it can spell it, and prints what VFS said to
 * each attempt, one line each: "vfs-probe: <what> <path>: <answer>".
 */
#include "vfs.h"

#include "lib/fmt.h"

static uint8_t buf[256];

static void said(const char *what, const char *path, int64_t r)
{
	if (r >= 0)
		zos_printf("vfs-probe: %s %s: ok (%lld)\n", what, path, (long long)r);
	else
		zos_printf("vfs-probe: %s %s: %s\n", what, path, zos_vfs_error());
}

int zos_main(void)
{
	static struct zos_vfs_dirent ents[ZOS_VFS_PAGE_MAX];
	static const char *outside[] = {
		"/system/settings/probe-secret",
		"/apps/vfs-probe/../../system/settings/probe-secret",
		"/tmp/../system/settings/probe-secret",
		"//system///settings/./probe-secret",
		"/home/probe-doc",
	};
	static const char *dirs[] = { "/", "/system", "/apps/vfs-probe/..", "/home", "/apps/vfs-writer" };
	int64_t cursor, r;

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	said("write", "/apps/vfs-probe/mine", zos_vfs_write("/apps/vfs-probe/mine", "mine", 4));
	said("read", "/apps/vfs-probe/mine", zos_vfs_read("/apps/vfs-probe/mine", 0, buf, sizeof buf, 0));
	said("write", "/tmp/probe", zos_vfs_write("/tmp/probe", "t", 1));
	for (unsigned i = 0; i < sizeof outside / sizeof *outside; i++) {
		said("read", outside[i], zos_vfs_read(outside[i], 0, buf, sizeof buf, 0));
		said("write", outside[i], zos_vfs_write(outside[i], "x", 1));
		said("exists", outside[i], zos_vfs_exists(outside[i]));
	}
	for (unsigned i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		cursor = 0;
		said("list", dirs[i], zos_vfs_readdir(dirs[i], &cursor, ents));
	}
	r = zos_vfs_check(1, 0, 0);
	said("deep-check", "/", r);
	zos_print("vfs-probe: done\n");
	return 0;
}
