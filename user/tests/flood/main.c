/*
 * A test program that floods the kernel with syscalls (started by `spawn
 * flood`): YIELD as fast as it can, the cheapest call there is, so it
 * rings the kernel as often as a process can. Other processes' calls must
 * still be served in their turn. It stops by itself after a minute (the
 * kernel's clock, read every 1,024 calls), saying how many calls it made;
 * a test usually KILLs it sooner.
 */
#include "zos.h"

#define FLOOD_NS (60ull * 1000 * 1000 * 1000)

int zos_main(void)
{
	uint64_t t0, now, calls = 0;

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	zos_print("flood: flooding the kernel with YIELD\n");
	t0 = zos_time_ns();
	do {
		for (int i = 0; i < 1024; i++)
			zos_yield();
		calls += 1024;
		now = zos_time_ns();
	} while (now - t0 < FLOOD_NS);
	zos_printf("flood: %llu calls in %llu ms\n", (unsigned long long)calls,
		   (unsigned long long)((now - t0) / 1000000));
	return 0;
}
