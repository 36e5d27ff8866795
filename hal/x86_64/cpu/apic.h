/*
 * The local APIC timer: the preemption tick. The legacy 8259 PICs are
 * remapped out of the exception range and masked; the local APIC is
 * enabled with a spurious vector, and its timer is calibrated against the
 * TSC and set periodic at APIC_TICK_MS on vector VEC_TIMER.
 */
#ifndef ZOS_X86_APIC_H
#define ZOS_X86_APIC_H

#include <stdint.h>

#define VEC_TIMER 32
#define VEC_SPURIOUS 255
#define APIC_TICK_MS 10

/* 0, or why there is no timer (then processes are only switched at
 * syscalls). *hz gets the timer's input rate after the divider. */
const char *apic_init(uint64_t *hz);
void apic_eoi(void);

#endif
