/*
 * The one random workload of the tests, the fuzzers' seed corpus and the
 * benchmarks: a population of processes making syscalls through
 * system_syscall on the fake platform, every choice drawn from a seeded
 * generator (rng.h) and made from the live state. Two mixes:
 *
 *  WORKLOAD_EVERY_CALL  plausible and nonsensical calls, to reach every
 *      call and every refusal: spawns through the spawn authority,
 *      endpoints, sends with and without capabilities, blocking and
 *      non-blocking receives, calls and replies (parking and resuming the
 *      caller), grants, derives (some with an expiry), revokes, deletes,
 *      kills, exits, platform faults, failed spawns, device and query calls
 *      and plain garbage. Init keeps the population between a floor and a
 *      ceiling and never blocks, so someone can always run and every commit
 *      type keeps occurring however long it runs. Property, tamper and
 *      determinism tests and the fuzz_log seeds use it.
 *  WORKLOAD_SERVICES  a message-heavy mix that mostly succeeds, closer to
 *      what services do: Init spawns workers and hands out endpoints and
 *      send rights; a send is mostly received at once by the endpoint's
 *      owner, a call is served and the caller resumed with the reply; caps
 *      are passed, derived, revoked and deleted; workers exit, are killed or
 *      fault; the clock moves on between steps. The replay benchmark
 *      (bench/replay_rate.c) records its log with it.
 *
 * The sequence depends only on the mix, the seed and the System's state,
 * never on the compiler: no expression draws more than one number.
 * tests/support/record.h records a CommitLog from a workload.
 */
#ifndef ZOS_TEST_WORKLOAD_H
#define ZOS_TEST_WORKLOAD_H

#include <stdint.h>

#include "fake_platform.h"
#include "rng.h"

enum workload_mix {
	WORKLOAD_EVERY_CALL,
	WORKLOAD_SERVICES,
};

struct workload_stats {
	uint64_t calls, ok, errors, parks, resumes, faults;
};

struct workload {
	struct zos_system *sys;  /* may be replaced between steps (a reboot) */
	struct fake_platform *fp;
	enum workload_mix mix;
	struct rng rng;
	struct workload_stats stats;
	uint32_t names;          /* for fresh process names */
	uint32_t tags;           /* for CALL tags the callee looks for */
	uint8_t body[ZOS_MSG_MAX + 64];
	uint8_t out[sizeof(struct zos_msg_header) + ZOS_MSG_MAX];
};

void workload_init(struct workload *w, struct zos_system *sys, struct fake_platform *fp,
		   enum workload_mix mix, uint64_t seed);
/* One step of the mix: a syscall or a few (or a platform fault), then, in
 * the every-call mix, the resumes of the processes it woke. ZOS_OK, or
 * ZOS_ERR_NOT_FOUND when no process can run any more. */
int workload_step(struct workload *w);

#endif
