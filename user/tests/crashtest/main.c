/*
 * A test program that crashes on purpose: it writes through a null
 * pointer. The system must record the fault, reclaim the process and go on.
 * Where address 0 is ordinary memory (a wasm32 module's linear memory
 * starts there) the write succeeds, so it then stops with a trap.
 */
#include "zos.h"

int zos_main(void)
{
	volatile int *nowhere = 0;

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	zos_print("crashtest: writing through a null pointer\n");
	*nowhere = 1;
	__builtin_trap();
}
