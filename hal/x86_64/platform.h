/*
 * The x86_64 platform as the System sees it: the zos_hal table and the
 * state behind it. Spawning loads an ELF image into its own ring-3 address
 * space (proc.h); in the kernel-driven self-tests (run_init unset) a
 * process may instead only be recorded, running no code. With disks
 * (disks.h) the CommitLog is on the system disk and
 * storage and keystore requests are served from the disks' key-value
 * stores, synchronously, their results queued and delivered between
 * process runs (never from inside a syscall); without, the log lives in
 * memory (memlog.h) and device requests answer NOT_SUPPORTED.
 */
#ifndef ZOS_X86_PLATFORM_H
#define ZOS_X86_PLATFORM_H

#include <stdint.h>

#include "hal/hal.h"
#include "hal/x86_64/disks.h"
#include "hal/x86_64/memlog.h"
#include <zos/msg.h>

#define PLATFORM_LOG_BYTES (4u << 20)
#define PLATFORM_MAX_SPAWNS 16
#define PLATFORM_RESULTS 8 /* device results awaiting delivery */

struct platform_result {
	uint64_t request;
	uint32_t tag, len;
	uint8_t body[ZOS_MSG_MAX];
};

struct x86_platform {
	struct zos_hal hal;
	struct memlog log;
	struct zos_system *sys;     /* set once the System is up (for the pump) */
	int run_init;               /* spawn of Init loads the embedded "init" */
	uint32_t spawned[PLATFORM_MAX_SPAWNS]; /* pids handed to spawn, in order */
	uint32_t n_spawned;
	uint32_t n_ended;
	uint32_t n_wakes;
	struct x86_disks *disks;    /* 0: no disks (the self-tests) */
	struct platform_result results[PLATFORM_RESULTS];
	uint32_t n_results;
};

/* Fills p->hal and allocates the in-memory log; ZOS_OK or an error. */
int platform_init(struct x86_platform *p);
/* Between process runs: delivers queued device results, and lets the
 * System deliver console input (polled from COM1 as far as it has room)
 * and its notices to Init. Whether anything was delivered. */
int platform_pump(struct x86_platform *p);

#endif
