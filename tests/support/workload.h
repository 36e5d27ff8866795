/*
 * A deterministic random workload: many processes making plausible (and
 * sometimes nonsensical) syscalls, driven by a seeded generator. Property
 * tests, tamper tests, the benchmarks and the log recorder share it, so
 * they all exercise the same mix of commits.
 */
#ifndef ZOS_TEST_WORKLOAD_H
#define ZOS_TEST_WORKLOAD_H

#include <stdint.h>

#include "fake_platform.h"

struct workload {
	struct zos_system *sys;
	struct fake_platform *fp;
	uint64_t rng;
	uint64_t steps;
	uint8_t out[ZOS_MSG_MAX + 64];
	/* Which pids are parked (blocked in a receive), and their syscalls. */
	uint8_t parked[1024];
	zos_syscall_t parked_sc[1024];
	uint8_t parked_out[1024][64];
	uint32_t wakes_seen;
	uint32_t requests_done;  /* device requests answered so far */
};

void workload_init(struct workload *w, struct zos_system *sys, struct fake_platform *fp,
		   uint64_t seed);
/* One random syscall (or a resume of a woken process). Returns its result. */
int64_t workload_step(struct workload *w);
uint64_t workload_rand(struct workload *w);

#endif
