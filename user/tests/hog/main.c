/*
 * hog: a test program that takes every shared kernel resource it is
 * allowed to and holds on to it. It creates endpoints until the kernel
 * refuses, then fills their queues with messages to itself until refused
 * again, says how far it got, and waits (a blocking receive on its own
 * endpoint, which nobody else can reach) until it is killed:
 *
 *   hog: 16 endpoints, then: a kernel table is full
 *   hog: 48 messages queued, then: a kernel table is full
 *   hog: holding them; kill me when done
 *
 * Its shares are bounded per process (include/zos/param.h, kernel/quota.c):
 * with hog running, and even several, the console's `ps`, `spawn` and
 * `kill` must keep working (tests/e2e/confine.sh, tests/x86_64/shell.sh).
 */
#include "zos.h"

#define HOG_MAX_EPS 256

int zos_main(void)
{
	static uint32_t eps[HOG_MAX_EPS];
	static struct zos_msg m;
	uint32_t n = 0, queued = 0;
	int64_t r = 0;

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	while (n < HOG_MAX_EPS && (r = zos_create_endpoint()) >= 0)
		eps[n++] = ZOS_UNPACK_SLOT(r);
	zos_printf("hog: %u endpoints, then: %s\n", n, zos_strerror(r));
	for (uint32_t i = 0; i < n; i++) {
		while ((r = zos_send(eps[i], 0x4060, "hog", 3)) >= 0)
			queued++;
		if (r != ZOS_ERR_QUEUE_FULL)
			break;
	}
	zos_printf("hog: %u messages queued, then: %s\n", queued, zos_strerror(r));
	zos_printf("hog: holding them; kill me when done\n");
	for (;;)
		if (zos_recv(ZOS_SLOT_SELF, &m, 1) < 0)
			return 1;
}
