/*
 * The decide side's shared context. A decide function reads the state
 * through `s`, validates, writes any syscall output, and records its result,
 * its commits and what runs next in `st`. It never writes kernel state.
 */
#ifndef ZOS_KERNEL_DECIDE_H
#define ZOS_KERNEL_DECIDE_H

#include "kernel/internal.h"

struct dctx {
	const struct kernel *k;
	const struct kstate *s;
	const struct proc *self;   /* the caller, alive (pid 0 for the System's own steps) */
	uint32_t pid;
	zos_syscall_t *sc;
	uint64_t now;
	struct kstep *st;
};

/* Appends a commit of `type` stamped with now; the caller fills the payload.
 * No decide emits more than ZOS_STEP_MAX_COMMITS, so running out is a
 * kernel bug: it lands in the step's spill and fails the syscall with
 * RESOURCE_EXHAUSTED, never overflows. */
zos_commit_t *step_emit(struct dctx *d, uint16_t type);
/* Finishes with an error: drops any commit emitted so far. */
int64_t step_fail(struct dctx *d, int err);
/* The cap at slot in the caller's CSpace, checked with axiom_check. */
int step_check_cap(struct dctx *d, uint64_t slot, uint8_t rights, uint8_t type,
		   const struct cap **c);
/* After the step the caller waits for a message on its endpoint at slot. */
void step_wait(struct dctx *d, uint64_t slot);
/* After the step the platform starts pid from image (0: its own copy). */
void step_start(struct dctx *d, uint32_t pid, int fresh, const char *name, uint32_t name_len,
		const uint8_t *image, uint32_t image_len);
/* A new endpoint owned by owner (its id is the next endpoint id), and a cap
 * to it; several caps to the same new endpoint take consecutive cap ids. */
void step_emit_endpoint(struct dctx *d, uint32_t owner);
void step_emit_endpoint_cap(struct dctx *d, uint32_t pid, uint32_t slot, uint64_t cap_id,
			    uint8_t rights);

/* One decide function per syscall of class K or S, named decide_<stem>
 * after its row in ZOS_SYSCALL_LIST (kernel/decide.c builds the table). */
#define ZOS_X_DECIDE_DECL(name, stem, num, cls, dev, right) ZOS_X_DECIDE_DECL_##cls(stem)
#define ZOS_X_DECIDE_DECL_K(stem) int64_t decide_##stem(struct dctx *d);
#define ZOS_X_DECIDE_DECL_S(stem) int64_t decide_##stem(struct dctx *d);
#define ZOS_X_DECIDE_DECL_P(stem)
#define ZOS_X_DECIDE_DECL_D(stem)
ZOS_SYSCALL_LIST(ZOS_X_DECIDE_DECL)

#endif
