/*
 * Axiom: the only door to the kernel.
 *
 * For every syscall the gateway logs the request to SysLog, runs the kernel
 * step with the trusted sender pid, appends the step's commits to the
 * CommitLog (each linked to the request that caused it) and applies each as
 * it is appended, logs the response, and returns the result. Platform
 * syscalls (which change no kernel state) are logged through the same
 * request/response pair by the System.
 *
 * Every `checkpoint_every` commits the gateway appends a Checkpoint carrying
 * the state hash, so verification can compare replayed and live state at
 * many points, not just at the end.
 */
#ifndef ZOS_AXIOM_H
#define ZOS_AXIOM_H

#include <stdint.h>
#include <zos/syscall.h>

#include "axiom/commitlog.h"
#include "axiom/syslog.h"
#include "kernel/kernel.h"

#define ZOS_CHECKPOINT_EVERY 1024

struct axiom {
	struct syslog syslog;
	struct commitlog log;
	uint32_t checkpoint_every;   /* 0: no automatic checkpoints */
	uint32_t since_checkpoint;
};

void axiom_init(struct axiom *ax, struct sysevent *events, uint32_t nevents, zos_commit_t *window,
		uint32_t nwindow, const struct log_sink *sink);

/* A kernel-class syscall through the whole gateway. */
int64_t axiom_syscall(struct axiom *ax, struct kernel *k, uint32_t pid, zos_syscall_t *sc,
		      uint64_t now);
/* The two SysLog halves, for syscalls the System completes itself. */
uint64_t axiom_request(struct axiom *ax, uint32_t pid, const zos_syscall_t *sc, uint64_t now);
void axiom_response(struct axiom *ax, uint32_t pid, uint32_t num, uint64_t request,
		    int64_t result, uint64_t now);
/* Appends and applies a step's commits, caused by SysLog event `cause`
 * (ZOS_CAUSE_NONE for kernel-internal steps). A commit that does not apply
 * live is a kernel bug: the log is stopped (fail closed) and CORRUPT
 * returned. */
int axiom_commit_step(struct axiom *ax, struct kernel *k, const struct kstep *st, uint64_t cause);
/* Starts a fresh log: Genesis. */
int axiom_genesis(struct axiom *ax, struct kernel *k, uint64_t now);
/* Starts a new epoch on a replayed log: Boot. */
int axiom_boot(struct axiom *ax, struct kernel *k, uint64_t now);
/* Appends a Checkpoint with the current state hash. */
int axiom_checkpoint(struct axiom *ax, struct kernel *k, uint64_t now);

#endif
