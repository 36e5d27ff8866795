/*
 * Property tests: long random syscall sequences from many processes.
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
#include "support/fake_platform.h"
#include "support/invariants.h"
#include "support/workload.h"

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

static void run_seed(uint64_t seed, uint64_t *checkpoints)
{
	static struct fake_platform fp;
	static struct workload w;
	struct zos_system *s;
	const char *why;

	fake_init(&fp);
	s = fake_system(&fp);
	s->ax.checkpoint_every = 64; /* many checkpoints, each verified by replay */
	workload_init(&w, s, &fp, seed);
	for (int i = 0; i < STEPS; i++) {
		workload_step(&w);
		if (check_invariants(&s->k.s, &why)) {
			harness_fail(__FILE__, __LINE__, "seed %llu step %d: %s",
				     (unsigned long long)seed, i, why);
			break;
		}
		if (i % 1000 == 999 && !replay_matches(&fp, s, seed))
			break;
	}
	if (replay_matches(&fp, s, seed)) {
		struct replay_report rep;
		replay_records(&replayed, fp.log, fp.log_len, &rep);
		*checkpoints += rep.checkpoints;
	}
	fake_system_free(s);
	fake_free(&fp);
}

static void test_invariants_and_replay_hold_under_random_syscalls(void)
{
	uint64_t checkpoints = 0;
	for (uint64_t seed = 1; seed <= SEEDS; seed++)
		run_seed(seed, &checkpoints);
	CHECK(checkpoints > SEEDS * 8);
}

/* The same seed twice gives byte-identical logs: the kernel is a pure
 * function of its inputs. */
static void test_same_inputs_same_log(void)
{
	static struct fake_platform a, b;
	static struct workload wa, wb;
	struct zos_system *sa, *sb;

	fake_init(&a);
	fake_init(&b);
	sa = fake_system(&a);
	sb = fake_system(&b);
	workload_init(&wa, sa, &a, 42);
	workload_init(&wb, sb, &b, 42);
	for (int i = 0; i < 2000; i++) {
		workload_step(&wa);
		workload_step(&wb);
	}
	CHECK_EQ(a.log_len, b.log_len);
	CHECK(a.log_len > 0 && memcmp(a.log, b.log, a.log_len) == 0);
	fake_system_free(sa);
	fake_system_free(sb);
	fake_free(&a);
	fake_free(&b);
}

/* The workload really reaches the interesting commits. */
static void test_workload_covers_every_commit_type(void)
{
	static struct fake_platform fp;
	static struct workload w;
	struct zos_system *s;
	uint32_t seen[ZOS_COMMIT_TYPE_COUNT] = { 0 };

	fake_init(&fp);
	s = fake_system(&fp);
	s->ax.checkpoint_every = 50;
	workload_init(&w, s, &fp, 7);
	for (int i = 0; i < 6000; i++) {
		uint64_t before = s->ax.log.next_seq;
		workload_step(&w);
		for (uint64_t q = before; q < s->ax.log.next_seq; q++) {
			const zos_commit_t *c = commitlog_at(&s->ax.log, s->ax.log.count - 1 -
								 (uint32_t)(s->ax.log.next_seq - 1 - q));
			if (c && c->type < ZOS_COMMIT_TYPE_COUNT)
				seen[c->type]++;
		}
	}
	for (uint32_t t = 0; t < ZOS_COMMIT_TYPE_COUNT; t++) {
		if (t == ZOS_COMMIT_GENESIS || t == ZOS_COMMIT_BOOT || t == ZOS_COMMIT_PROCESS_FAULTED)
			continue; /* made outside syscalls */
		if (!seen[t])
			harness_fail(__FILE__, __LINE__, "no %s commit in the workload",
				     zos_commit_type_name(t));
	}
	fake_system_free(s);
	fake_free(&fp);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_invariants_and_replay_hold_under_random_syscalls);
	RUN(test_same_inputs_same_log);
	RUN(test_workload_covers_every_commit_type);
	return harness_finish("property");
}
