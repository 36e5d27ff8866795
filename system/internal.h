/*
 * Shared between the System's files; nothing outside system/ includes it.
 */
#ifndef ZOS_SYSTEM_INTERNAL_H
#define ZOS_SYSTEM_INTERNAL_H

#include <zos/pid.h>

#include "system/system.h"

uint64_t sys_now(const struct zos_system *sys);

/* The one door (door.c): every change to the kernel state. Refuses with
 * LOG_FAILED once the log stopped; else pid's syscall sc is decided, its
 * commits appended and applied (caused by SysLog event `cause`), and the
 * processes they concern are woken or reported ended. st says what the
 * kernel decided, next step included. Returns the result. */
int64_t door_step(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc, uint64_t cause,
		  struct kstep *st);
/* A step pid 0 makes on its own account: logged in SysLog like any
 * syscall, through the door. */
int64_t door_kernel_call(struct zos_system *sys, zos_syscall_t *sc, struct kstep *st);
/* pid crashed (or could not be started): ProcessFaulted, through the door. */
int door_fault(struct zos_system *sys, uint32_t pid, uint32_t reason, const char *desc,
	       uint32_t desc_len, uint64_t cause);
/* Pid 0 gives up its cap at slot (a reply cap no longer needed). */
void door_drop_kernel_cap(struct zos_system *sys, uint32_t slot);

/* After a step that made or checked process n->pid: the platform starts it
 * (syscall.c). Returns r, or SPAWN_FAILED (a fresh process is then
 * faulted, caused by `cause`). */
int64_t system_start_process(struct zos_system *sys, const struct knext *n, uint64_t cause,
			     int64_t r);

/* Platform and device syscalls (platform_calls.c): the cap check from the
 * syscall's row, then the handler. */
int64_t platform_call(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc);
/* The audit syscalls (audit.c), their capability already checked. */
int64_t platform_audit_commits(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc);
int64_t platform_audit_syslog(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc);
int64_t platform_audit_verify(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc);
int64_t platform_audit_caps(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc);

/* Parked receivers (park.c). */
void park_enter(struct zos_system *sys, uint32_t pid, uint32_t slot, uint64_t request,
		uint32_t num);
struct parked *park_find(struct zos_system *sys, uint32_t pid);
void park_leave(struct parked *p);
/* After a step's commits: wake the receivers a message (or a loss) concerns. */
void park_wake_after(struct zos_system *sys, const struct kstep *st);

/* Init's inbox (init_inbox.c): a process ended, as the commit c says
 * (Init's own end stops the system instead). */
void inbox_process_ended(struct zos_system *sys, const zos_commit_t *c);

/* Durability (durable.c). Before an output leaves the system: the log is
 * durable up to here, or the output must not happen (LOG_FAILED). */
int durable_before_output(struct zos_system *sys);
/* A commit was appended: the tail's age starts now if it was clean. */
void durable_appended(struct zos_system *sys, uint64_t was_unflushed);
/* The log stopped (err): say so once, and stop the system. */
void durable_log_stopped(struct zos_system *sys, int err);
/* The system stops with code, for why ("" for no reason worth saying). */
void system_stop(struct zos_system *sys, int code, const char *why);
/* Says text on the console through the HAL, with no durability gate: for
 * the System's own reports, which depend on nothing unsaved. */
void sys_say(struct zos_system *sys, const char *text);

#endif
