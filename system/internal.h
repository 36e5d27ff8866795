/*
 * Shared between the System's files.
 */
#ifndef ZOS_SYSTEM_INTERNAL_H
#define ZOS_SYSTEM_INTERNAL_H

#include <zos/pid.h>

#include "system/system.h"

uint64_t sys_now(const struct zos_system *sys);
/* Pid 0 gives up its cap at slot (a reply cap no longer needed). */
void drop_kernel_cap(struct zos_system *sys, uint32_t slot);
/* Platform-class syscalls (system/platform_calls.c). */
int64_t platform_call(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc);
int is_kernel_call(uint32_t num);
/* The audit syscalls (system/audit.c), their capability already checked. */
int64_t audit_call(struct zos_system *sys, zos_syscall_t *sc);

/* Parking (system/park.c). */
void park(struct zos_system *sys, uint32_t pid, uint32_t slot, uint64_t request, uint32_t num);
struct parked *parked_of(struct zos_system *sys, uint32_t pid);
void unpark(struct parked *p);
/* After a step's commits: wake those a message (or a loss) concerns, and
 * tell the HAL about processes that ended. */
void after_commits(struct zos_system *sys, const struct kstep *st, uint32_t caller);

#endif
