/*
 * The kernel's interface: a pure state machine split into decide and apply.
 *
 *   kernel_decide(k, pid, syscall, now, step)
 *       reads the state, checks authority with axiom_check, validates the
 *       arguments, writes any output into the syscall's output buffer and
 *       fills `step` with a result and zero or more commits. It never writes
 *       kernel state, so returning early is always safe.
 *   kernel_apply(k, commit, body)
 *       the only function that writes kernel state. The live system applies
 *       each commit as Axiom appends it; replay applies the same commits
 *       with the same function, so live and replayed state cannot drift.
 *
 * The sender pid is given by the trusted caller (the System), never read
 * from the syscall's bytes. `now` is the caller's monotonic clock; decide
 * uses it for expiry checks and to stamp commits, and apply never reads it,
 * so replay does not depend on time.
 */
#ifndef ZOS_KERNEL_H
#define ZOS_KERNEL_H

#include <stdint.h>
#include <zos/commit.h>
#include <zos/syscall.h>

#include "kernel/state.h"

/* What a decide produced. */
struct kstep {
	int64_t result;          /* >= 0 success, < 0 a ZOS_ERR_* */
	const uint8_t *body;     /* the body of this step's MessageSent, if any */
	uint32_t ncommits;
	zos_commit_t commits[ZOS_STEP_MAX_COMMITS];
	/* Where an emit past ZOS_STEP_MAX_COMMITS lands, so that a kernel bug
	 * becomes RESOURCE_EXHAUSTED instead of an overflow. */
	uint8_t overflow;
	zos_commit_t spill;
};

/* A zeroed struct kernel is "before genesis": apply the Genesis commit
 * (kernel_genesis_commit) to start. */
void kernel_genesis_commit(zos_commit_t *c);

/* Decide a syscall of the kernel class (see ZOS_SYSCALL_LIST). A platform
 * syscall number yields ZOS_ERR_UNKNOWN_SYSCALL here; system/ routes those. */
void kernel_decide(const struct kernel *k, uint32_t pid, zos_syscall_t *sc, uint64_t now,
		   struct kstep *step);

/* Apply one commit. `body` is the message body for MessageSent (live only;
 * replay passes 0 and the body reads as zeros). Returns ZOS_OK, or
 * ZOS_ERR_CORRUPT without changing anything when the commit does not fit
 * the state (a replayed log that was tampered with, or a kernel bug). */
int kernel_apply(struct kernel *k, const zos_commit_t *c, const uint8_t *body);

/* Kernel-internal operations (no syscall behind them). */
/* Create Init (pid 1, child of 0) holding a full capability to every
 * genesis device (Init's slot for device d is ZOS_INIT_DEVICE_SLOT(d)) and
 * to its inbox (ZOS_INIT_INBOX_SLOT), to which pid 0 gets a WRITE cap in
 * ZOS_KERNEL_INIT_SLOT. */
void kernel_decide_spawn_init(const struct kernel *k, uint64_t now, struct kstep *step);
/* A message pid 0 sends (SEND or REPLY through its own caps), or one of
 * its caps given up (CAP_DELETE); any other number is UNKNOWN_SYSCALL. */
void kernel_decide_kernel(const struct kernel *k, zos_syscall_t *sc, uint64_t now,
			  struct kstep *step);
/* A device request by pid that will answer on pid's endpoint at slot: pid 0
 * receives a WRITE-only copy of that endpoint cap; the result is its slot
 * in pid 0's CSpace. The copy's cap id serves as the request id. */
void kernel_decide_reply_cap(const struct kernel *k, uint32_t pid, uint64_t slot, uint64_t now,
			     struct kstep *step);
/* A process the platform saw crash. */
void kernel_decide_fault(const struct kernel *k, uint32_t pid, uint32_t reason, const char *desc,
			 uint32_t desc_len, uint64_t now, struct kstep *step);
/* The Boot commit that starts the next epoch. */
void kernel_boot_commit(const struct kernel *k, zos_commit_t *c);

/* The gate for every use of a capability (see kernel/cap.c). */
int axiom_check(const struct kstate *s, const struct proc *p, uint32_t slot, uint8_t rights,
		uint8_t type, uint64_t now, const struct cap **out);

/* Checks a capability for a platform syscall: pid must be alive and hold
 * at `slot` a cap of `type` to object `obj_id` with `rights`. */
int kernel_check_device(const struct kernel *k, uint32_t pid, uint32_t slot, uint8_t type,
			uint64_t obj_id, uint8_t rights, uint64_t now);

/* Read-only queries for the System, tools and tests. */
/* pid's capabilities as CAP_LIST gives one's own (for the audit device). */
int64_t kernel_list_caps(const struct kernel *k, uint32_t pid, uint8_t *out, uint32_t cap,
			 uint32_t *out_len);
const struct proc *kernel_proc(const struct kstate *s, uint32_t pid);
const struct endpoint *kernel_endpoint(const struct kstate *s, uint64_t id);
/* The endpoint id behind pid's slot, or 0 when it is not an endpoint cap. */
uint64_t kernel_slot_endpoint(const struct kernel *k, uint32_t pid, uint32_t slot);
/* The id of the cap in pid's slot (0: none), and the slot holding cap id
 * (-1: none). Cap ids are never reused within an epoch, slots are. */
uint64_t kernel_slot_cap_id(const struct kernel *k, uint32_t pid, uint32_t slot);
int kernel_find_cap(const struct kernel *k, uint32_t pid, uint64_t cap_id);

#endif
