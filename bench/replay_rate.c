/*
 * replay_rate: how fast a recorded CommitLog is verified and replayed, next
 * to raw SHA-256 over exactly the same bytes (figure 2 of `make bench`).
 *
 * The log is recorded first, untimed (tests/support/record.h), by the
 * seeded workload in its services mix (tests/support/workload.h: messages
 * mostly received at once, calls served, caps passed; most calls succeed,
 * as services' calls do) running through a System on the fake platform,
 * whose sink keeps the framed records in memory, Checkpoints included. The
 * workload's other mix, the one the property and determinism tests use,
 * is built to reach every refusal: a log of it holds fewer commits per
 * syscall and is less like what a running system writes. The commit mix is
 * printed so the figure can be read against it; replaying the log must
 * reproduce the live state hash before anything is timed.
 *
 * Figure 2 times replay_records over those framed bytes: per record the
 * frame check (CRC-32C), strict decoding, the chain check (seq, previous
 * hash, the commit's own SHA-256), kernel_apply, and the state hash at each
 * Checkpoint. The baseline is zos_sha256 over the same buffer in one
 * stream. Two more rows place it: a chain-only replay (no kernel: nothing
 * applied, no state hashes) and SHA-256 of each record on its own, which is
 * the least a per-commit hash chain can cost (padding and finalisation once
 * per record).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/commit.h>
#include <zos/error.h>

#include "axiom/frame.h"
#include "axiom/replay.h"
#include "axiom/state_hash.h"
#include "bench.h"
#include "lib/bytes.h"
#include "lib/sha256.h"
#include "support/record.h"

#define SEED 0x5245504C4159ull /* "REPLAY" */
#define MIN_COMMITS 60000u     /* record until the log holds at least this many */

struct recorded {
	struct recording *rec;
	const uint8_t *log;
	size_t len;
	uint64_t commits;
	uint64_t types[ZOS_COMMIT_TYPE_COUNT];
	uint8_t live_hash[ZOS_HASH_SIZE];
	uint64_t steps;
};

struct replay_ctx {
	const struct recorded *r;
	struct kernel *k;      /* 0 in the chain-only replay */
	uint8_t sink[ZOS_HASH_SIZE];
};

/* ---- recording (untimed) ------------------------------------------------------ */

static void record(struct recorded *r)
{
	static struct recording rec;

	recording_start(&rec, WORKLOAD_SERVICES, SEED, 0);
	if (recording_run_until(&rec, MIN_COMMITS) != ZOS_OK)
		bench_die(rec.error, (long long)rec.sys->ax.log.next_seq);
	r->rec = &rec;
	r->log = rec.fp.log;
	r->len = rec.fp.log_len;
	r->commits = rec.sys->ax.log.next_seq;
	r->steps = rec.w.stats.calls;
	memcpy(r->types, rec.types, sizeof r->types);
	state_hash(&rec.sys->k.s, r->live_hash);
}

/* Untimed: the replay must reproduce the live state, or the figure is void. */
static void check_replay(const struct recorded *r, struct kernel *k)
{
	struct replay_report rep;

	if (replay_and_verify(k, r->log, r->len, r->live_hash, &rep) != ZOS_OK)
		bench_die(rep.reason ? rep.reason : "replay failed", (long long)rep.bad_seq);
	if (rep.commits != r->commits || rep.torn || rep.good_bytes != r->len)
		bench_die("replay did not cover the whole log", (long long)rep.commits);
}

/* ---- the timed work --------------------------------------------------------- */

static void replay_runs(void *ctx, uint64_t iters)
{
	struct replay_ctx *c = ctx;
	struct replay_report rep;

	for (uint64_t i = 0; i < iters; i++)
		if (replay_records(c->k, c->r->log, c->r->len, &rep) != ZOS_OK ||
		    rep.commits != c->r->commits)
			bench_die("replay failed", (long long)rep.bad_seq);
}

static void sha_stream_runs(void *ctx, uint64_t iters)
{
	struct replay_ctx *c = ctx;

	for (uint64_t i = 0; i < iters; i++)
		zos_sha256(c->r->log, c->r->len, c->sink);
}

/* Each framed record hashed on its own (record boundaries from the length
 * field; the frames are known good). */
static void sha_record_runs(void *ctx, uint64_t iters)
{
	struct replay_ctx *c = ctx;
	const uint8_t *log = c->r->log;

	for (uint64_t i = 0; i < iters; i++)
		for (size_t pos = 0; pos < c->r->len;) {
			size_t n = ZOS_FRAME_HEADER_SIZE + (size_t)zos_le32(log + pos + 4);
			zos_sha256(log + pos, n, c->sink);
			pos += n;
		}
}

/* ---- printing ----------------------------------------------------------------- */

static void print_mix(const struct recorded *r)
{
	uint32_t shown = 0;

	printf("log: %llu commits from %llu syscalls, %zu framed bytes (%.1f B/commit); mix:",
	       (unsigned long long)r->commits, (unsigned long long)r->steps, r->len,
	       (double)r->len / (double)r->commits);
	for (uint32_t t = 0; t < ZOS_COMMIT_TYPE_COUNT; t++)
		if (r->types[t])
			printf("%s%s %.1f%%", shown++ % 6 ? ", " : "\n  ", zos_commit_type_name(t),
			       100.0 * (double)r->types[t] / (double)r->commits);
	printf("\n");
}

static void print_rates(const struct recorded *r, const struct bench_series *s)
{
	char a[32];
	double ns = bench_stat_of(s->t).med;

	bench_note("= %scommits/s, %.1f MB/s", bench_fmt_rate(a, sizeof a, bench_rate(ns)),
		   (double)r->len / (double)r->commits / ns * 1e3);
}

enum { REPLAY, CHAIN, STREAM, RECORDS, NCASES };

static void print_fig2(const struct recorded *r, const struct bench_series *t)
{
	bench_title("replay_rate: replay-and-verify vs raw SHA-256 of the same bytes (figure 2)");
	print_mix(r);
	bench_table_header();
	bench_row("2. replay_records (verify + apply)", &t[REPLAY], "SHA-256 of the log, one stream",
		  &t[STREAM], "commit");
	print_rates(r, &t[REPLAY]);
	bench_note("baseline: %.1f MB/s",
		   (double)r->len / (double)r->commits / bench_stat_of(t[STREAM].t).med * 1e3);
	bench_row("   replay_records, chain only (no kernel)", &t[CHAIN],
		  "SHA-256 of the log, one stream", &t[STREAM], "commit");
	print_rates(r, &t[CHAIN]);
	bench_row("   replay_records (verify + apply)", &t[REPLAY], "SHA-256 of each record alone",
		  &t[RECORDS], "commit");
	bench_note("aim for figure 2: replay within 2x of raw hashing of the same bytes");
}

int main(void)
{
	static struct recorded r;
	struct replay_ctx full = { &r, 0, { 0 } }, chain = { &r, 0, { 0 } };
	struct bench_case cs[NCASES] = {
		[REPLAY] = { replay_runs, 0, &full, 1 },
		[CHAIN] = { replay_runs, 0, &chain, 1 },
		[STREAM] = { sha_stream_runs, 0, &full, 1 },
		[RECORDS] = { sha_record_runs, 0, &full, 1 },
	};
	struct bench_series t[NCASES];

	record(&r);
	full.k = malloc(sizeof *full.k);
	if (!full.k)
		bench_die("out of memory", 0);
	check_replay(&r, full.k);
	bench_rounds(cs, NCASES, t);
	for (int i = 0; i < NCASES; i++)
		t[i] = bench_scale(t[i], 1.0 / (double)r.commits); /* per commit */
	print_fig2(&r, t);
	free(full.k);
	recording_free(r.rec);
	return 0;
}
