/*
 * KeystoreService's start: it counts its starts on its device (a check, at
 * every boot, that the device works end to end), then serves (keystore.h).
 */
#include "keystore.h"

#include "lib/fmt.h"

int zos_main(void)
{
	static char status[64];
	int64_t boots = zos_boot_counter(ZOS_SYS_KEYSTORE_READ, ZOS_SYS_KEYSTORE_WRITE, "/keys/system/boots");

	if (boots < 0)
		zos_snprintf(status, sizeof status, "keystore (its device failed: %s)", zos_strerror(boots));
	else
		zos_snprintf(status, sizeof status, "keystore (start %lld on its device)", (long long)boots);
	return zos_serve("keystore", status, keystore_handle);
}
