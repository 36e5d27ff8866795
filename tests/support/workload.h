/*
 * A deterministic random workload: many processes making plausible (and
 * sometimes nonsensical) syscalls, driven by a seeded generator, through
 * system_syscall on the fake platform: spawns through the spawn authority,
 * endpoints, sends with and without capabilities, blocking and non-blocking
 * receives, calls and replies (parking and resuming the caller), grants,
 * derives (some with an expiry), revokes, deletes, kills, exits, platform
 * faults, failed spawns, device and query calls and plain garbage. The
 * population is steered so that it never dies out and every commit type
 * keeps occurring. Property tests, tamper tests and the log recorder of the
 * determinism test share it, so they all exercise the same mix of commits.
 * (The replay benchmark has a message-heavy mix of its own, closer to what
 * services do; this one is for reaching every call and every refusal.)
 *
 * The sequence depends only on the seed and the System's state, never on
 * the compiler: no expression draws more than one number (the order in
 * which function arguments are evaluated is unspecified).
 */
#ifndef ZOS_TEST_WORKLOAD_H
#define ZOS_TEST_WORKLOAD_H

#include <stdint.h>

#include "fake_platform.h"

struct workload_stats {
	uint64_t calls, ok, errors, parks, resumes, faults;
};

struct workload {
	struct zos_system *sys;  /* may be replaced between steps (a reboot) */
	struct fake_platform *fp;
	uint64_t rng;
	struct workload_stats stats;
	uint32_t names;          /* for fresh process names */
	uint32_t tags;           /* for CALL tags the callee looks for */
	uint8_t body[ZOS_MSG_MAX + 64];
	uint8_t out[sizeof(struct zos_msg_header) + ZOS_MSG_MAX];
};

void workload_init(struct workload *w, struct zos_system *sys, struct fake_platform *fp,
		   uint64_t seed);
/* One syscall (or platform fault), then the resumes of the processes it
 * woke. ZOS_OK, or ZOS_ERR_NOT_FOUND when no process can run any more. */
int workload_step(struct workload *w);
uint64_t workload_rand(struct workload *w);

#endif
