/*
 * The x86_64 scheduler and the syscall path from ring 3.
 *
 * Round robin: a process runs until it blocks in a receive, ends, or the
 * APIC timer ticks (every APIC_TICK_MS); then the next ready process (in
 * slot order) runs. A syscall that does not block returns to its caller. A process blocked in a receive waits for the System's wake. The
 * kernel itself runs with interrupts off: only ring 3 is preempted.
 */
#ifndef ZOS_X86_SCHED_H
#define ZOS_X86_SCHED_H

#include <stdint.h>
#include <zos/param.h>

#include "hal/x86_64/proc.h"
#include "system/system.h"

/* Kernel buffers the syscall path copies user data through. */
#define SYSCALL_BOUNCE ZOS_SYSCALL_DATA_MAX

struct sched_stats {
	uint32_t started, exited, faulted, syscalls, refused, preemptions;
};

/* What the platform wants to hear, all optional: a chance to deliver input
 * and notices between process runs (whether it delivered anything);
 * whether to stop running altogether. (That a process ended, the System
 * already knows: it told Init.) */
struct sched_hooks {
	void *ctx;
	int (*pump)(void *ctx);
	int (*stop)(void *ctx);
};

/* The syscall MSRs, the trap stack and the bounce buffers; ZOS_OK or an
 * error. sys is the System every syscall goes to. */
int sched_init(struct zos_system *sys, const struct sched_hooks *hooks);
/* Runs ready processes. Without `forever` it returns when none is ready;
 * with it, it idles (hlt, woken by the timer) and pumps input until the
 * stop hook says so. */
void sched_run(struct sched_stats *out, int forever);
/* The process running now (0 in the kernel). */
struct uproc *sched_running(void);
/* The running process ended during its own syscall (it killed itself...). */
void sched_end_running(void);
void sched_note_started(void);

/* From the trap path, with a frame from ring 3. */
__attribute__((noreturn)) void sched_syscall(struct trap_frame *f);
/* The timer interrupted ring 3: the next ready process runs. */
__attribute__((noreturn)) void sched_preempt(struct trap_frame *f);
__attribute__((noreturn)) void sched_fault(struct trap_frame *f, uint32_t reason,
					   const char *what);

#endif
