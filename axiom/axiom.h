/*
 * Axiom: the two logs every syscall passes, and the step that turns a
 * decision into state.
 *
 * SysLog records each syscall's request and response (audit only, a
 * bounded ring). The CommitLog holds every state change, hash-chained;
 * axiom_commit_step appends a decision's commits (each linked to the SysLog
 * request that caused it) and applies each as it is appended, the only way
 * live state changes. Every `checkpoint_every` commits it appends a
 * Checkpoint carrying the state hash, so verification can compare replayed
 * and live state at many points, not just at the end. With the machine's
 * log key (axiom_use_log_key), each Checkpoint is followed by a LogSigned
 * commit vouching for the log up to it (axiom/log_sign.h).
 *
 * Axiom is not the door: the System (system/door.c) is, and it calls these
 * in order for every change (request, decide, commit step, response).
 */
#ifndef ZOS_AXIOM_H
#define ZOS_AXIOM_H

#include <stdint.h>
#include <zos/syscall.h>

#include "axiom/commitlog.h"
#include "axiom/log_sign.h"
#include "axiom/syslog.h"
#include "kernel/kernel.h"

#define ZOS_CHECKPOINT_EVERY 1024

struct axiom {
	struct syslog syslog;
	struct commitlog log;
	uint32_t checkpoint_every;   /* 0: no automatic checkpoints */
	uint32_t since_checkpoint;
	int signing;                 /* key holds the machine's log key */
	struct log_key key;
};

/* Signs after every checkpoint from now on with the key of seed. */
void axiom_use_log_key(struct axiom *ax, const uint8_t seed[ZOS_LOG_KEY_SEED_SIZE]);

void axiom_init(struct axiom *ax, struct sysevent *events, uint32_t nevents, zos_commit_t *window,
		uint32_t nwindow, const struct log_sink *sink);

/* The two SysLog halves of a syscall. */
uint64_t axiom_request(struct axiom *ax, uint32_t pid, const zos_syscall_t *sc, uint64_t now);
void axiom_response(struct axiom *ax, uint32_t pid, uint32_t num, uint64_t request,
		    int64_t result, uint64_t now);
/* Appends and applies a step's commits, caused by SysLog event `cause`
 * (ZOS_CAUSE_NONE for steps no syscall asked for). A stopped log refuses
 * with its error. A commit that does not apply live is a kernel bug: the
 * log is stopped (fail closed) and CORRUPT returned. */
int axiom_commit_step(struct axiom *ax, struct kernel *k, const struct kstep *st, uint64_t cause);
/* Appends a Checkpoint with the current state hash. */
int axiom_checkpoint(struct axiom *ax, struct kernel *k, uint64_t now);

#endif
