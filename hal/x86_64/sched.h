/*
 * The x86_64 scheduler and the syscall path from ring 3.
 *
 * Round robin: a process runs until it makes a syscall or the APIC timer
 * ticks (every APIC_TICK_MS); then the next ready process (in slot order)
 * runs. A process blocked in a receive waits for the System's wake. The
 * kernel itself runs with interrupts off: only ring 3 is preempted.
 */
#ifndef ZOS_X86_SCHED_H
#define ZOS_X86_SCHED_H

#include <stdint.h>

#include "hal/x86_64/proc.h"
#include "system/system.h"

/* Kernel buffers the syscall path copies user data through. */
#define SYSCALL_BOUNCE (1u << 20)

struct sched_stats {
	uint32_t started, exited, faulted, syscalls, refused, preemptions;
};

/* The syscall MSRs, the trap stack and the bounce buffers; ZOS_OK or an
 * error. sys is the System every syscall goes to. */
int sched_init(struct zos_system *sys);
/* Runs ready processes until none is; then returns (stats so far). */
void sched_run(struct sched_stats *out);
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
