/*
 * A test program for tests/e2e/perm.sh: a process started with `spawn`
 * (confined by VFS to /apps/perm-probe and /tmp) asks PermissionService
 * for what its built-in manifest lists and what it does not, and shows
 * that an fs grant widens what VFS lets it see and that giving it back
 * narrows it again. One line per step: "perm-probe: <step>: <answer>".
 */
#include "perm.h"
#include "vfs.h"

static void list(const char *step, const char *path)
{
	static struct zos_vfs_dirent ents[ZOS_VFS_PAGE_MAX];
	int64_t cursor = 0, r = zos_vfs_readdir(path, &cursor, ents);

	if (r >= 0)
		zos_printf("perm-probe: %s: listed %s\n", step, path);
	else
		zos_printf("perm-probe: %s: %s\n", step, zos_vfs_error());
}

static void request(const char *step, const char *cap)
{
	int32_t slot;
	int64_t r = zos_perm_request(cap, ZOS_SLOT_SELF, &slot);

	if (r >= 0)
		zos_printf("perm-probe: %s: granted %s\n", step, cap);
	else
		zos_printf("perm-probe: %s: %s\n", step, zos_perm_error()[0] ? zos_perm_error()
									    : zos_strerror(r));
}

int zos_main(void)
{
	int64_t r;

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	list("before", "/home");
	request("ask-home", "fs:/home:read");
	list("granted", "/home");
	r = zos_perm_revoke("fs:/home:read", 0);
	zos_printf("perm-probe: give-back: %s\n", r >= 0 ? "revoked" : zos_perm_error());
	list("after", "/home");
	request("ask-system", "fs:/system:read");
	request("ask-network", "network");
	zos_print("perm-probe: done\n");
	return 0;
}
