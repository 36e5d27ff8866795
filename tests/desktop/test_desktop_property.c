/*
 * The desktop engine under random call sequences (tests/desktop/ops.c):
 * seeded splitmix64 streams of every call, with live, stale and made-up
 * ids and with NaN, the infinities, huge and negative numbers among the
 * arguments. After every call: the invariants hold, a failed call changed
 * nothing, the frame builds and agrees with the state, and snapshot ->
 * restore -> snapshot gives the same bytes. A failure names its seed and
 * step; the same seed replays it exactly.
 *
 * So that no check passes by never being reached, every call must succeed
 * at least once over the run.
 *
 * `test_desktop_property --corpus DIR` writes fuzz_desktop's seeds instead:
 * stream-N, 1024 bytes of splitmix64 stream N; snapshot-N, 0xFF and the
 * snapshot of a desktop N*40 random calls old.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desktop/ops.h"
#include "desktop/util.h"
#include "harness.h"

#define SEEDS 48
#define STEPS 600
#define NOPS 64

static int ok_count[NOPS], call_count[NOPS];

/* One seed's run; 0 when every step held. */
static int run_seed(uint64_t seed, struct dt_engine *before)
{
	struct dt_engine *dt = dtu_new();
	struct ops_src s;
	int failed = 0;

	ops_from_seed(&s, seed);
	for (int step = 0; step < STEPS && !failed; step++) {
		struct ops_result r;
		const char *why;

		memcpy(before, dt, dt_engine_size());
		r = ops_step(dt, &s);
		call_count[r.op]++;
		ok_count[r.op] += r.rc >= 0;
		if ((why = ops_verify(dt, before, r)) != 0) {
			harness_fail(__FILE__, __LINE__, "seed %llu step %d (%s, rc %d): %s",
				     (unsigned long long)seed, step, ops_name(r.op), r.rc, why);
			failed = 1;
		}
	}
	dtu_free(dt);
	return failed;
}

static void test_random_sequences_keep_the_invariants(void)
{
	struct dt_engine *before = malloc(dt_engine_size());

	for (uint64_t seed = 1; seed <= SEEDS; seed++)
		run_seed(seed * 0x9E3779B97F4A7C15ull, before);
	free(before);
	for (int op = 0; op < NOPS && ops_name(op)[0] != '?'; op++) {
		if (ok_count[op] == 0)
			harness_fail(__FILE__, __LINE__, "%s never succeeded (%d calls)",
				     ops_name(op), call_count[op]);
	}
}

/* Many windows on few desktops, and drags among them: a sequence that
 * starts from a full engine rather than an empty one. */
static void test_random_sequences_from_a_crowded_desktop(void)
{
	struct dt_engine *before = malloc(dt_engine_size());

	for (uint64_t seed = 1; seed <= 8; seed++) {
		struct dt_engine *dt = dtu_new();
		struct ops_src s;

		for (int d = 0; d < 3; d++)
			dt_desktop_create(dt, 0, 0);
		for (int i = 0; i < 120; i++) {
			dtu_window(dt, "w");
			if (i % 40 == 39)
				dt_desktop_switch(dt, dt->desks[i / 40 + 1].id, i);
		}
		ops_from_seed(&s, seed);
		for (int step = 0; step < 300; step++) {
			struct ops_result r;
			const char *why;
			memcpy(before, dt, dt_engine_size());
			r = ops_step(dt, &s);
			if ((why = ops_verify(dt, before, r)) != 0) {
				harness_fail(__FILE__, __LINE__, "crowded seed %llu step %d (%s): %s",
					     (unsigned long long)seed, step, ops_name(r.op), why);
				break;
			}
		}
		dtu_free(dt);
	}
	free(before);
}

static void write_seed(const char *dir, const char *name, int n, const uint8_t *p, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s-%d", dir, name, n);
	if (!(f = fopen(path, "wb")) || fwrite(p, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static int write_corpus(const char *dir)
{
	static uint8_t buf[DT_SNAPSHOT_MAX + 1];

	for (int n = 1; n <= 8; n++) {
		struct rng r = rng_seeded((uint64_t)n);
		rng_fill(&r, buf, 1024);
		write_seed(dir, "stream", n, buf, 1024);
	}
	for (int n = 1; n <= 4; n++) {
		struct dt_engine *dt = dtu_new();
		struct ops_src s;
		int32_t len;

		ops_from_seed(&s, (uint64_t)n);
		for (int i = 0; i < n * 40; i++)
			ops_step(dt, &s);
		buf[0] = 0xFF;
		len = dt_snapshot(dt, buf + 1, sizeof buf - 1);
		write_seed(dir, "snapshot", n, buf, (size_t)len + 1);
		dtu_free(dt);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--corpus") == 0)
		return write_corpus(argv[2]);
	harness_args(argc, argv);
	RUN(test_random_sequences_keep_the_invariants);
	RUN(test_random_sequences_from_a_crowded_desktop);
	return harness_finish("desktop_property");
}
