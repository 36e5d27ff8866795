/*
 * VfsService's start: it counts its starts on its device (a check, at
 * every boot, that the device works end to end), mounts the filesystem
 * (making the standard tree on a fresh device), then serves (vfs_service.h, docs/services/vfs.md).
 */
#include "vfs_service.h"

#include "lib/fmt.h"

int zos_main(void)
{
	static char status[96];
	int64_t boots = zos_boot_counter(ZOS_SYS_STORAGE_READ, ZOS_SYS_STORAGE_WRITE, "/vfs/boots");
	int st = vfs_start();

	if (boots < 0)
		zos_snprintf(status, sizeof status, "vfs (its device failed: %s)", zos_strerror(boots));
	else if (st != VFS_OK)
		zos_snprintf(status, sizeof status, "vfs (start %lld on its device; cannot mount: %d)",
			     (long long)boots, st);
	else
		zos_snprintf(status, sizeof status, "vfs (start %lld on its device)", (long long)boots);
	if (st != VFS_OK)
		zos_printf("vfs: cannot mount the filesystem (error %d)\n", st);
	return zos_serve("vfs", status, vfs_handle);
}
