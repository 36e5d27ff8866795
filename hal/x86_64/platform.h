/*
 * The x86_64 platform as the System sees it: the zos_hal table and the
 * state behind it. This stage has no ring-3 processes yet: spawn records
 * the pid and name (the process exists in the kernel's table but runs no
 * code), device requests answer NOT_SUPPORTED, and the CommitLog lives in
 * memory (memlog.h).
 */
#ifndef ZOS_X86_PLATFORM_H
#define ZOS_X86_PLATFORM_H

#include <stdint.h>

#include "hal/hal.h"
#include "hal/x86_64/memlog.h"

#define PLATFORM_LOG_BYTES (4u << 20)
#define PLATFORM_MAX_SPAWNS 16

struct x86_platform {
	struct zos_hal hal;
	struct memlog log;
	uint32_t spawned[PLATFORM_MAX_SPAWNS]; /* pids handed to spawn, in order */
	uint32_t n_spawned;
	uint32_t n_ended;
	uint32_t n_wakes;
};

/* Fills p->hal and allocates the in-memory log; ZOS_OK or an error. */
int platform_init(struct x86_platform *p);

#endif
