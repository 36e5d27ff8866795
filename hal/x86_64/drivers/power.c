/* Stopping the machine (see power.h). */
#include "hal/x86_64/drivers/power.h"

#include "hal/x86_64/cpu/cpu.h"

#define QEMU_DEBUG_EXIT_PORT 0xf4

static int exit_to_qemu;

void power_exit_to_qemu(int enabled)
{
	exit_to_qemu = enabled;
}

void machine_stop(uint8_t code)
{
	/* Only on request: on real hardware port 0xf4 may belong to a device. */
	if (exit_to_qemu)
		outb(QEMU_DEBUG_EXIT_PORT, code);
	halt_forever();
}
