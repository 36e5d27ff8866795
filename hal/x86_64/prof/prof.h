/*
 * Cycle accounting for `make bench` on x86_64 (boot option `zos.bench`).
 *
 * When on, the scheduler stamps the TSC at the points of the syscall path
 * that split it into the trap path (entry, checks, copies, exit), the
 * System's own work per syscall number (and how many commits it appended),
 * completing a parked receive, and the switch to the next process. At the
 * end of a run prof_report prints the sums and, measured in the same boot,
 * what the System's parts cost alone (see prof_parts.c). When off (every
 * other boot) each hook is one test of prof_on.
 *
 * Figures are TSC cycles as the guest sees them: under TCG they are the
 * emulator's costs, comparable with each other, not the CPU's.
 */
#ifndef ZOS_X86_PROF_H
#define ZOS_X86_PROF_H

#include <stdint.h>
#include <zos/syscall.h>

#include "system/system.h"

#define PROF_SYSCALLS 0xA0 /* syscall numbers accounted one by one; others share the last */

struct prof_bucket {
	uint64_t n, trap, system, commits;
};

extern int prof_on;

/* One syscall that returned to its caller (or parked: trap is then the
 * part up to the park). */
void prof_syscall(uint32_t num, uint64_t trap, uint64_t system, uint64_t commits);
/* A parked receive completed: the System's part. */
void prof_resume(uint64_t system, uint64_t commits);
/* A switch to another process: pump (notices, console input) and the rest. */
void prof_switch(uint64_t pump, uint64_t rest);
/* Prints the accounting and the parts' costs measured on sys now. */
void prof_report(struct zos_system *sys);
/* The console in bench mode: every line starts with the time since
 * kernel entry, so the host can read when each line was written. */
void prof_console_write(const uint8_t *buf, uint32_t len);

#endif
