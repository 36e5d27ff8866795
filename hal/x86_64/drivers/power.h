/*
 * Stopping the machine. With the boot option `zos.exit` (tests use it) the
 * stop also ends QEMU through its isa-debug-exit device at port 0xf4, so
 * QEMU's exit status is (code << 1) | 1; without it the CPU just halts.
 */
#ifndef ZOS_X86_POWER_H
#define ZOS_X86_POWER_H

#include <stdint.h>

void power_exit_to_qemu(int enabled);
__attribute__((noreturn)) void machine_stop(uint8_t code);

#endif
