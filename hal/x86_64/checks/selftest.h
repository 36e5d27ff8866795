/*
 * A boot check (zos.checks, zos.tests-only): the portable System on x86_64
 * driven from the kernel before any process runs: Genesis, syscalls made on
 * Init's behalf, the CommitLog verified and replayed, a second boot from
 * the same log (a Boot commit), and the state hash printed.
 */
#ifndef ZOS_X86_SELFTEST_H
#define ZOS_X86_SELFTEST_H

#include "hal/x86_64/platform.h"
#include "system/system.h"

/* The System after both boots, or 0 if any step failed (each step prints
 * a line). The System stays up: ring-3 programs run on it next. */
struct zos_system *system_selftest(struct x86_platform *p);
/* Syscalls made on Init's behalf (pid 1), for kernel-driven tests. */
int64_t init_call(struct zos_system *s, zos_syscall_t *sc);

#endif
