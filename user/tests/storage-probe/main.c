/*
 * A test program that has no storage capability and tries the storage
 * device anyway, through every slot it holds and a few it does not. Every
 * attempt must be refused by the kernel. It prints what happened and exits
 * 0 when everything was refused, 1 when anything got through.
 */
#include "zos.h"

int zos_main(void)
{
	static const uint32_t nums[] = { ZOS_SYS_STORAGE_READ, ZOS_SYS_STORAGE_WRITE,
					 ZOS_SYS_KEYSTORE_READ, ZOS_SYS_STORAGE_LIST };
	int allowed = 0;

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	for (uint32_t slot = 0; slot < 8; slot++)
		for (uint32_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
			int64_t r = zos_device(nums[i], slot, ZOS_SLOT_SELF, "/vfs/boots", 10);
			if (r >= 0) {
				zos_printf("storage-probe: %s through slot %u was ALLOWED\n",
					   zos_syscall_name(nums[i]), slot);
				allowed = 1;
			}
		}
	zos_print(allowed ? "storage-probe: storage reachable without the capability\n"
			  : "storage-probe: every storage request was refused\n");
	return allowed;
}
