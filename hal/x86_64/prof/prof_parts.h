/*
 * What the System's parts cost alone, measured in the running boot for
 * `make bench` (see prof.h): the SysLog request + response every syscall
 * writes, sealing one commit (canonical encoding + its SHA-256 hash in the
 * chain), framing it for the log sink (length, CRC32C), and hashing the
 * whole kernel state (a Checkpoint commit, every ZOS_CHECKPOINT_EVERY
 * commits). Each is timed
 * in TSC cycles over many repetitions on scratch copies: the live SysLog
 * and CommitLog are not touched.
 */
#ifndef ZOS_X86_PROF_PARTS_H
#define ZOS_X86_PROF_PARTS_H

#include <stdint.h>

#include "system/system.h"

struct prof_parts {
	uint64_t syslog_pair; /* one syscall's two SysLog events */
	uint64_t seal;        /* one commit encoded and hashed, averaged over recent commits */
	uint64_t frame;       /* one commit framed for the sink */
	uint64_t state_hash;  /* the whole state hashed, as each checkpoint does */
	char cpu_model[49];   /* the CPUID brand string, spaces as '_' (one word) */
};

void prof_parts_measure(struct zos_system *sys, struct prof_parts *out);

#endif
