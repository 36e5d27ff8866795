/*
 * The kernel's interface: a pure state machine split into decide and apply.
 *
 *   kernel_decide(k, pid, syscall, now, step)
 *       reads the state, checks authority with axiom_check, validates the
 *       arguments, writes any output into the syscall's output buffer and
 *       fills `step` with a result, zero or more commits and what runs next
 *       (the caller waits for a message, or a process starts). It never
 *       writes kernel state, so returning early is always safe. It is the
 *       only decision: the System's own steps (Genesis, Boot, Init, faults,
 *       reply caps) are syscalls pid 0 makes, listed in ZOS_SYSCALL_LIST.
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

/* What runs after a step, when more than returning its result (the System
 * acts on it; the kernel has no notion of running). */
enum knext_kind {
	KNEXT_RETURN = 0, /* the result goes back to the caller */
	KNEXT_WAIT = 1,   /* the caller now receives on its endpoint at `slot`:
			   * RECV with ZOS_RECV_BLOCK found nothing (result
			   * WOULD_BLOCK), or CALL sent its request (result OK) */
	KNEXT_START = 2,  /* the platform starts `pid` running `image` */
};

struct knext {
	uint8_t kind;            /* enum knext_kind */
	uint8_t fresh;           /* START: made by this step (a start that fails faults it) */
	uint32_t slot;           /* WAIT */
	uint32_t pid;            /* START */
	const char *name;        /* START: its name, and its binary (0: the */
	uint32_t name_len;       /* platform's own copy, for Init); both point */
	const uint8_t *image;    /* into the syscall's input */
	uint32_t image_len;
};

/* What a decide produced. */
struct kstep {
	int64_t result;          /* >= 0 success, < 0 a ZOS_ERR_* */
	const uint8_t *body;     /* the body of this step's MessageSent, if any */
	uint32_t ncommits;
	zos_commit_t commits[ZOS_STEP_MAX_COMMITS];
	struct knext next;
	/* Where an emit past ZOS_STEP_MAX_COMMITS lands, so that a kernel bug
	 * becomes RESOURCE_EXHAUSTED instead of an overflow. */
	uint8_t overflow;
	zos_commit_t spill;
};

/* The state before Genesis (all zero); the KERNEL_GENESIS step starts
 * from it. Besides kernel_apply, the only writer of kernel state. */
void kernel_reset(struct kernel *k);

/* The one decision: syscall sc made by pid (given by the trusted System,
 * never read from the syscall's bytes). A process may make the syscalls of
 * class K (ZOS_SYSCALL_LIST); pid 0 makes the System's own steps (class S)
 * and SEND, REPLY and CAP_DELETE through its own caps. Anything else is
 * UNKNOWN_SYSCALL; platform and device calls are the System's to route. */
void kernel_decide(const struct kernel *k, uint32_t pid, zos_syscall_t *sc, uint64_t now,
		   struct kstep *step);

/* Apply one commit. `body` is the message body for MessageSent (live only;
 * replay passes 0 and the body reads as zeros). Returns ZOS_OK, or
 * ZOS_ERR_CORRUPT without changing anything when the commit does not fit
 * the state (a replayed log that was tampered with, or a kernel bug). */
int kernel_apply(struct kernel *k, const zos_commit_t *c, const uint8_t *body);

/* The gate for every use of a capability (see kernel/cap.c). */
int axiom_check(const struct kstate *s, const struct proc *p, uint32_t slot, uint8_t rights,
		uint8_t type, uint64_t now, const struct cap **out);

/* Read-only queries for the System, tools and tests (kernel/query.c). */
/* Checks a capability for a platform syscall: pid must be alive and hold
 * at `slot` a cap to device `dev` (enum zos_device_id) with `rights`. */
int kernel_check_device(const struct kernel *k, uint32_t pid, uint64_t slot, uint32_t dev,
			uint8_t rights, uint64_t now);
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
/* 1 when a message may still reach endpoint ep: one is queued on it, or a
 * process other than `except` holds a WRITE cap to it, in its CSpace or in
 * a message in flight. 0: whoever waits on it waits for ever. */
int kernel_endpoint_can_hear(const struct kernel *k, uint64_t ep, uint32_t except);

#endif
