/*
 * The vfs service, as it stands now: it counts its starts on its device
 * (which shows the device works end to end and keeps data across
 * reboots), registers with Init, reports ready and answers PING with the
 * count. Its protocol arrives with the services issue.
 */
#include "zos.h"

#include "lib/fmt.h"

int zos_main(void)
{
	static char status[64];
	int64_t boots = zos_boot_counter(ZOS_SYS_STORAGE_READ, ZOS_SYS_STORAGE_WRITE, "/vfs/boots");

	if (boots < 0)
		zos_snprintf(status, sizeof status, "vfs (its device failed: %s)", zos_strerror(boots));
	else
		zos_snprintf(status, sizeof status, "vfs (start %lld on its device)", (long long)boots);
	return zos_serve("vfs", status, 0);
}
