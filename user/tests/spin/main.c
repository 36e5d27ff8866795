/*
 * A test program that spins without syscalls (started by `spawn spin`):
 * after one line saying so it never calls the kernel again, so nothing
 * but a KILL by a capability holder ends it (the platform then stops it
 * without its cooperation: SIGKILL on Linux, Worker.terminate in the
 * browser).
 */
#include "zos.h"

int zos_main(void)
{
	volatile uint64_t turns = 0;

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	zos_print("spin: spinning without syscalls\n");
	for (;;)
		turns++;
}
