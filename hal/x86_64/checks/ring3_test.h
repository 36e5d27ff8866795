/*
 * The boot-time ring-3 check: the embedded r3* programs run as processes
 * (see ring3_test.c). ZOS_OK when each did what it must.
 */
#ifndef ZOS_X86_RING3_TEST_H
#define ZOS_X86_RING3_TEST_H

#include "system/system.h"

/* preempt: the APIC timer runs, so preemptions must be seen. */
int ring3_test(struct zos_system *s, int preempt);

#endif
