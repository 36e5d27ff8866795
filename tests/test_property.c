/*
 * Property tests: long random syscall sequences from many processes (the
 * workload of tests/support/workload.h, in both its mixes).
 *
 * After every step the kernel invariants hold (tests/support/invariants.c),
 * and at many points (every checkpoint the gateway writes, plus the end)
 * replay(genesis, commits) reproduces the live state hash exactly.
 * Deterministic: each run is a fixed seed, printed on failure.
 */
#include <zos/error.h>

#include "axiom/replay.h"
#include "axiom/state_hash.h"
#include "harness.h"
#include "support/record.h"

#define SEEDS 12
#define STEPS 4000

static struct kernel replayed;

/* Replays the framed log so far and compares with the live state. */
static int replay_matches(struct fake_platform *fp, struct zos_system *s, uint64_t seed)
{
	struct replay_report rep;
	uint8_t live[32], again[32];

	if (replay_records(&replayed, fp->log, fp->log_len, &rep) != ZOS_OK) {
		harness_fail(__FILE__, __LINE__, "seed %llu: replay failed at seq %llu: %s",
			     (unsigned long long)seed, (unsigned long long)rep.bad_seq, rep.reason);
		return 0;
	}
	state_hash(&s->k.s, live);
	state_hash(&replayed.s, again);
	if (memcmp(live, again, 32) != 0 || rep.commits != s->ax.log.next_seq) {
		harness_fail(__FILE__, __LINE__, "seed %llu: replayed state differs after %llu commits",
			     (unsigned long long)seed, (unsigned long long)rep.commits);
		return 0;
	}
	return 1;
}

static void run_seed(enum workload_mix mix, uint64_t seed, uint64_t *checkpoints)
{
	static struct recording rec;

	recording_start(&rec, mix, seed, 64); /* many checkpoints, each verified by replay */
	rec.check_invariants = 1;
	for (int i = 0; i < STEPS; i++) {
		if (recording_step(&rec) != ZOS_OK) {
			harness_fail(__FILE__, __LINE__, "seed %llu step %d: %s",
				     (unsigned long long)seed, i, rec.error);
			break;
		}
		if (i % 1000 == 999 && !replay_matches(&rec.fp, rec.sys, seed))
			break;
	}
	if (replay_matches(&rec.fp, rec.sys, seed)) {
		struct replay_report rep;
		replay_records(&replayed, rec.fp.log, rec.fp.log_len, &rep);
		*checkpoints += rep.checkpoints;
	}
	recording_free(&rec);
}

static void test_invariants_and_replay_hold_under_random_syscalls(void)
{
	uint64_t checkpoints = 0;
	for (uint64_t seed = 1; seed <= SEEDS; seed++)
		run_seed(WORKLOAD_EVERY_CALL, seed, &checkpoints);
	CHECK(checkpoints > SEEDS * 8);
}

/* The same under the benchmark's message-heavy mix. */
static void test_invariants_and_replay_hold_under_the_services_mix(void)
{
	uint64_t checkpoints = 0;
	for (uint64_t seed = 1; seed <= 3; seed++)
		run_seed(WORKLOAD_SERVICES, seed, &checkpoints);
	CHECK(checkpoints > 3 * 8);
}

/* The same seed twice gives byte-identical logs: the kernel is a pure
 * function of its inputs. */
static void test_same_inputs_same_log(void)
{
	static struct recording a, b;

	recording_start(&a, WORKLOAD_EVERY_CALL, 42, 0);
	recording_start(&b, WORKLOAD_EVERY_CALL, 42, 0);
	for (int i = 0; i < 2000; i++) {
		CHECK_EQ(recording_step(&a), ZOS_OK);
		CHECK_EQ(recording_step(&b), ZOS_OK);
	}
	CHECK_EQ(a.fp.log_len, b.fp.log_len);
	CHECK(a.fp.log_len > 0 && memcmp(a.fp.log, b.fp.log, a.fp.log_len) == 0);
	recording_free(&a);
	recording_free(&b);
}

/* The mix really reaches the interesting commits: every commit type a
 * syscall makes occurs. */
static void check_covers_every_commit_type(enum workload_mix mix, uint64_t seed, int steps)
{
	static struct recording rec;

	recording_start(&rec, mix, seed, 50);
	for (int i = 0; i < steps; i++)
		CHECK_EQ(recording_step(&rec), ZOS_OK);
	for (uint32_t t = 0; t < ZOS_COMMIT_TYPE_COUNT; t++) {
		if (t == ZOS_COMMIT_GENESIS || t == ZOS_COMMIT_BOOT || t == ZOS_COMMIT_PROCESS_FAULTED)
			continue; /* made outside syscalls */
		if (!rec.types[t])
			harness_fail(__FILE__, __LINE__, "mix %d: no %s commit in the workload", mix,
				     zos_commit_type_name(t));
	}
	recording_free(&rec);
}

static void test_workload_covers_every_commit_type(void)
{
	check_covers_every_commit_type(WORKLOAD_EVERY_CALL, 7, 6000);
}

static void test_services_mix_covers_every_commit_type(void)
{
	check_covers_every_commit_type(WORKLOAD_SERVICES, 7, 6000);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_invariants_and_replay_hold_under_random_syscalls);
	RUN(test_invariants_and_replay_hold_under_the_services_mix);
	RUN(test_same_inputs_same_log);
	RUN(test_workload_covers_every_commit_type);
	RUN(test_services_mix_covers_every_commit_type);
	return harness_finish("property");
}
