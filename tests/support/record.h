/*
 * Recording a CommitLog from the random workload (workload.h): a System on
 * the fake platform, the workload driving it, and a sink in front of the
 * fake one that counts the commits by type and checks that the CommitLog
 * writes exactly one framed record at a time. The determinism test's
 * recorder (tests/record_log.c), the property and tamper tests, the
 * fuzz_log start-up, the seed corpus (tests/fuzz/make_corpus.c) and the
 * replay benchmark all record this way.
 *
 * A reboot flushes the log, replays it into a new System (which appends a
 * Boot commit) on the same platform with its monotonic clock back at zero,
 * and carries on with the same workload, so one log spans several epochs.
 * Every function returns ZOS_OK or an error code, with the reason in
 * `error`; after an error the recording only stops.
 */
#ifndef ZOS_TEST_RECORD_H
#define ZOS_TEST_RECORD_H

#include <stdint.h>
#include <zos/commit.h>

#include "fake_platform.h"
#include "workload.h"

struct recording {
	struct fake_platform fp;  /* fp.log, fp.log_len: the framed log so far */
	struct log_sink inner;    /* the fake platform's own sink, behind the tally */
	struct zos_system *sys;
	struct workload w;
	uint32_t checkpoint_every; /* 0: the System's default */
	int check_invariants;      /* after every step (support/invariants.h) */
	uint32_t reboots;
	uint64_t types[ZOS_COMMIT_TYPE_COUNT]; /* commits written, by type */
	const char *error;         /* why the recording stopped */
};

/* A fresh System (Genesis, Init) with the workload of `mix` and `seed`. */
int recording_start(struct recording *r, enum workload_mix mix, uint64_t seed,
		    uint32_t checkpoint_every);
/* One workload step, then the checks: the log has not stopped, and (with
 * check_invariants) the kernel invariants hold. */
int recording_step(struct recording *r);
int recording_reboot(struct recording *r);
/* `steps` steps with `reboots` reboots spread evenly among them, the log
 * flushed at the end. */
int recording_run(struct recording *r, uint32_t steps, uint32_t reboots);
/* Steps until the log holds at least `commits` commits, then flushes. */
int recording_run_until(struct recording *r, uint64_t commits);
void recording_free(struct recording *r);

#endif
