/*
 * The decide side's shared context. A decide function reads the state
 * through `s`, validates, writes any syscall output, and records its result
 * and commits in `st`. It never writes kernel state.
 */
#ifndef ZOS_KERNEL_DECIDE_H
#define ZOS_KERNEL_DECIDE_H

#include "kernel/internal.h"

struct dctx {
	const struct kernel *k;
	const struct kstate *s;
	const struct proc *self;   /* the caller, alive */
	uint32_t pid;
	zos_syscall_t *sc;
	uint64_t now;
	struct kstep *st;
};

/* Appends a commit of `type` stamped with now; the caller fills the payload.
 * No decide emits more than ZOS_STEP_MAX_COMMITS, so running out is a
 * kernel bug: it lands in the step's spill and fails the syscall with
 * RESOURCE_EXHAUSTED, never overflows. */
zos_commit_t *emit(struct dctx *d, uint16_t type);
/* Finishes with an error: drops any commit emitted so far. */
int64_t fail(struct dctx *d, int err);
/* The cap at slot, checked with axiom_check. */
int check(struct dctx *d, uint64_t slot, uint8_t rights, uint8_t type, const struct cap **c);
/* Runs the kernel-class syscall d->sc for d->self. */
int64_t dispatch(struct dctx *d);
/* A new endpoint owned by owner (its id is the next endpoint id), and a cap
 * to it; several caps to the same new endpoint take consecutive cap ids. */
void emit_endpoint(struct dctx *d, uint32_t owner);
void emit_endpoint_cap(struct dctx *d, uint32_t pid, uint32_t slot, uint64_t cap_id,
		       uint8_t rights);

int64_t decide_exit(struct dctx *d);
int64_t decide_kill(struct dctx *d);
int64_t decide_register_process(struct dctx *d);
int64_t decide_spawn_process(struct dctx *d);
int64_t decide_ps(struct dctx *d);

int64_t decide_create_endpoint(struct dctx *d);
int64_t decide_create_endpoint_for(struct dctx *d);
int64_t decide_delete_endpoint(struct dctx *d);
int64_t decide_send(struct dctx *d);
int64_t decide_send_cap(struct dctx *d);
int64_t decide_recv(struct dctx *d);
int64_t decide_call(struct dctx *d);
int64_t decide_reply(struct dctx *d);

int64_t decide_cap_grant(struct dctx *d);
int64_t decide_cap_revoke(struct dctx *d);
int64_t decide_cap_delete(struct dctx *d);
int64_t decide_cap_inspect(struct dctx *d);
int64_t decide_cap_derive(struct dctx *d);
int64_t decide_cap_list(struct dctx *d);

#endif
