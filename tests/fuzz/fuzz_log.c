/*
 * fuzz_log: a libFuzzer target for everything that reads a CommitLog back
 * from bytes: frame_next, commit_decode and replay_records (and, for logs
 * that verify, booting a System from them).
 *
 * The first byte picks a mode; the rest is its input (log_input.h has
 * the exact layout):
 *
 *   RAW      the bytes are a framed log, as read from a disk;
 *   COMMITS  a flags byte, then chunks (u8 length, bytes) of encoded
 *            commits. With FZL_RECHAIN each chunk that decodes gets the
 *            right seq, previous hash and own hash, so the damage reaches
 *            kernel_apply instead of stopping at the hash chain; every
 *            chunk is framed with a correct CRC;
 *   MUTATE   one of the real logs recorded at start-up (a random workload
 *            on the fake platform, one with a reboot), edited by the input:
 *            byte flips and stores inside records, records dropped,
 *            duplicated, swapped, cut; then optionally rechained, with the
 *            checkpoints dropped, and damaged at the file level (a torn
 *            tail, zeros, a flipped byte);
 *   DECODE   the bytes are one encoded commit / one record.
 *
 * Oracles, any failure aborts with the reason:
 *  - nothing crashes, hangs or trips a sanitizer;
 *  - the report is consistent: status OK or CORRUPT; good_bytes <= len;
 *    next_seq == commits; a CORRUPT report names its seq and a reason; an
 *    OK report either consumed everything or stopped at a torn tail;
 *  - replaying exactly the first good_bytes gives status OK, no torn tail,
 *    the same commits, head and state hash (so apply changed nothing when
 *    it refused a commit);
 *  - chain-only verification (no kernel) accepts at least as much;
 *  - the replayed state satisfies the kernel invariants: apply never lets
 *    a log (tampered and re-hashed or not) build a state the kernel could
 *    not reach;
 *  - every record frame_next accepts is canonical (reframing gives the same
 *    bytes) and every commit that decodes re-encodes to the same bytes;
 *  - a log that replays with at least one commit boots a System (RAW
 *    inputs, and others with FZL_BOOT), and that log plus what the System
 *    appended replays to the live state hash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/commit.h>
#include <zos/error.h>

#include "lib/commit_codec.h"
#include "axiom/frame.h"
#include "axiom/replay.h"
#include "axiom/state_hash.h"
#include "support/fake_platform.h"
#include "support/invariants.h"
#include "support/record.h"
#include "log_input.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_RECS 1024
#define REC_MAX ZOS_COMMIT_MAX_ENCODED
#define FRAME_MAX (ZOS_FRAME_HEADER_SIZE + REC_MAX)

/* A log as a list of encoded commits, before framing. */
struct recs {
	uint32_t n;
	uint16_t len[MAX_RECS];
	uint8_t b[MAX_RECS][REC_MAX];
};

static struct recs real[FZL_REAL_LOGS];   /* recorded at start-up */
static struct recs work;              /* the one being edited */
static zos_commit_t decoded[MAX_RECS];
static uint8_t file[MAX_RECS * FRAME_MAX];
static struct kernel *ka, *kb, *kc;   /* replay targets, allocated once */

/* ---- failing loudly ------------------------------------------------------ */

static void die(const char *what, const struct replay_report *rep) __attribute__((noreturn));

static void die(const char *what, const struct replay_report *rep)
{
	fprintf(stderr, "fuzz_log: %s\n", what);
	if (rep)
		fprintf(stderr, "  report: status %d torn %d commits %llu next_seq %llu bad_seq %llu "
				"good_bytes %zu reason %s\n",
			rep->status, rep->torn, (unsigned long long)rep->commits,
			(unsigned long long)rep->next_seq, (unsigned long long)rep->bad_seq,
			rep->good_bytes, rep->reason ? rep->reason : "-");
	abort();
}

static void require(int cond, const char *what, const struct replay_report *rep)
{
	if (!cond)
		die(what, rep);
}

/* ---- reading the input ------------------------------------------------- */

struct reader {
	const uint8_t *p;
	size_t n;
	size_t pos;
};

static uint8_t rd8(struct reader *r)
{
	return r->pos < r->n ? r->p[r->pos++] : 0;
}

static uint32_t rd16(struct reader *r)
{
	uint32_t lo = rd8(r);
	return lo | (uint32_t)rd8(r) << 8;
}

/* ---- record- and commit-level checks ------------------------------------ */

/* A commit that decodes has exactly one encoding: re-encoding gives back
 * the same bytes. */
static void check_codec(const uint8_t *rec, uint32_t len)
{
	zos_commit_t c;
	uint8_t again[REC_MAX], h[ZOS_HASH_SIZE];
	int n;

	if (commit_decode(rec, len, &c) != ZOS_OK)
		return;
	n = commit_encode(&c, again, sizeof again);
	require(n == (int)len && memcmp(again, rec, len) == 0,
		"a commit that decodes does not re-encode to the same bytes", 0);
	commit_hash(&c, h); /* must be safe on anything that decodes */
}

/* Walks the frames: positions only move forward, accepted records are
 * canonical, and every accepted commit round-trips. */
static void walk_frames(const uint8_t *buf, size_t len)
{
	uint8_t again[FRAME_MAX];
	size_t pos = 0;

	for (;;) {
		size_t before = pos;
		const uint8_t *rec = 0;
		uint32_t n = 0;
		enum frame_status st = frame_next(buf, len, &pos, &rec, &n);

		if (st != FRAME_OK) {
			require(pos == before, "frame_next moved pos without a record", 0);
			require(st == FRAME_END ? pos == len : st == FRAME_TORN || st == FRAME_CORRUPT,
				"frame_next gave an unknown status or END before the end", 0);
			return;
		}
		require(n <= REC_MAX && pos == before + ZOS_FRAME_HEADER_SIZE + n && pos <= len &&
				rec == buf + before + ZOS_FRAME_HEADER_SIZE,
			"frame_next returned a record outside its frame", 0);
		require(frame_write(rec, n, again, sizeof again) == (int)(ZOS_FRAME_HEADER_SIZE + n) &&
				memcmp(again, buf + before, ZOS_FRAME_HEADER_SIZE + n) == 0,
			"an accepted frame is not the canonical framing of its record", 0);
		check_codec(rec, n);
	}
}

/* ---- replay checks --------------------------------------------------------- */

static void check_report(const struct replay_report *r, int st, const uint8_t *buf, size_t len)
{
	size_t pos = r->good_bytes;
	const uint8_t *rec;
	uint32_t n;

	require(st == r->status, "replay_records returned something else than its status", r);
	require(st == ZOS_OK || st == ZOS_ERR_CORRUPT, "status neither OK nor CORRUPT", r);
	require(r->good_bytes <= len, "good_bytes beyond the input", r);
	require(r->next_seq == r->commits, "next_seq differs from the commits counted", r);
	require(r->epochs <= r->commits && r->checkpoints <= r->commits, "counters too big", r);
	if (st != ZOS_OK) {
		require(r->reason != 0 && r->bad_seq == r->next_seq && !r->torn,
			"a CORRUPT report without its seq and reason", r);
		return;
	}
	if (!r->torn)
		require(r->good_bytes == len, "an OK replay that is not torn left bytes over", r);
	else
		require(frame_next(buf, len, &pos, &rec, &n) == FRAME_TORN,
			"a torn report whose tail frame_next does not call torn", r);
}

static void hash_of(const struct kernel *k, uint8_t out[ZOS_HASH_SIZE])
{
	state_hash(&k->s, out);
}

/* The verified prefix replays alone to the same point and state. */
static void check_prefix(const uint8_t *buf, const struct replay_report *a)
{
	struct replay_report b;
	uint8_t ha[ZOS_HASH_SIZE], hb[ZOS_HASH_SIZE];
	int st = replay_records(kb, buf, a->good_bytes, &b);

	require(st == ZOS_OK && !b.torn && b.good_bytes == a->good_bytes,
		"the verified prefix does not replay cleanly on its own", &b);
	require(b.commits == a->commits && memcmp(b.head, a->head, ZOS_HASH_SIZE) == 0,
		"the verified prefix replays to a different head or count", &b);
	hash_of(ka, ha);
	hash_of(kb, hb);
	require(memcmp(ha, hb, sizeof ha) == 0,
		"a refused commit changed the state (prefix state hash differs)", a);
}

/* Without a kernel only the chain is checked: it accepts at least as much,
 * and exactly as much when the full replay passed. */
static void compare_chain_only(const struct replay_report *c, const struct replay_report *a)
{
	require(c->commits >= a->commits, "chain-only replay accepts less than a full replay", c);
	if (a->status == ZOS_OK)
		require(c->status == ZOS_OK && c->commits == a->commits && c->torn == a->torn &&
				c->good_bytes == a->good_bytes,
			"a full replay passed where chain-only replay differs", c);
}

/* A log that verifies boots: the System replays it, appends Boot and
 * starts Init; the whole log then replays to the live state. */
static void check_boot(const uint8_t *buf, size_t len)
{
	static struct fake_platform fp;
	struct zos_system *sys;
	struct replay_report rep;
	uint8_t live[ZOS_HASH_SIZE], again[ZOS_HASH_SIZE];
	const char *why;
	uint8_t *all;

	fake_init(&fp);
	require(fake_system_boot(&fp, buf, len, &sys, &rep) == ZOS_OK,
		"a log that replays does not boot", &rep);
	require(check_invariants(&sys->k.s, &why) == 0, "invariants broken after boot", 0);
	all = malloc(len + fp.log_len);
	if (!all)
		abort();
	memcpy(all, buf, len);
	memcpy(all + len, fp.log, fp.log_len);
	require(replay_records(kc, all, len + fp.log_len, &rep) == ZOS_OK && !rep.torn,
		"the log plus its Boot does not replay", &rep);
	state_hash(&sys->k.s, live);
	hash_of(kc, again);
	require(memcmp(live, again, sizeof live) == 0, "booted state differs from its replay", &rep);
	free(all);
	fake_system_free(sys);
	fake_free(&fp);
}

static void check_log(const uint8_t *buf, size_t len, int boot)
{
	struct replay_report a, c;
	const char *why = 0;
	int st = replay_records(0, buf, len, &c);

	check_report(&c, st, buf, len);
	walk_frames(buf, len);
	/* When not even the first commit passes the chain checks, a replay
	 * with a kernel stops at the same place before any apply (and zeroing
	 * a kernel is the costly part of a replay): nothing more to learn. */
	if (c.commits == 0)
		return;
	st = replay_records(ka, buf, len, &a);
	check_report(&a, st, buf, len);
	if (a.commits && check_invariants(&ka->s, &why)) {
		fprintf(stderr, "fuzz_log: replayed state breaks an invariant: %s\n", why);
		die("apply accepted a commit that breaks a kernel invariant", &a);
	}
	if (a.status != ZOS_OK || a.torn)
		check_prefix(buf, &a); /* else the prefix is the whole input */
	compare_chain_only(&c, &a);
	if (boot && st == ZOS_OK && a.commits > 0 && a.torn == 0)
		check_boot(buf, len);
}

/* ---- building logs from records ---------------------------------------------- */

/* Gives every record that decodes the right seq, link and hash. */
static void rechain(struct recs *r, int drop_checkpoints)
{
	uint8_t head[ZOS_HASH_SIZE] = { 0 };
	uint64_t seq = 0;
	uint32_t out = 0;

	for (uint32_t i = 0; i < r->n; i++) {
		zos_commit_t *c = &decoded[out];
		int n;
		if (commit_decode(r->b[i], r->len[i], c) != ZOS_OK) {
			memmove(r->b[out], r->b[i], r->len[i]); /* kept as it is */
			r->len[out++] = r->len[i];
			continue;
		}
		if (drop_checkpoints && c->type == ZOS_COMMIT_CHECKPOINT)
			continue;
		c->seq = seq++;
		memcpy(c->prev, head, ZOS_HASH_SIZE);
		commit_hash(c, c->hash);
		memcpy(head, c->hash, ZOS_HASH_SIZE);
		n = commit_encode(c, r->b[out], REC_MAX);
		require(n > 0, "a decoded commit does not encode", 0);
		r->len[out++] = (uint16_t)n;
	}
	r->n = out;
}

static size_t frame_all(const struct recs *r)
{
	size_t len = 0;

	for (uint32_t i = 0; i < r->n; i++) {
		int n = frame_write(r->b[i], r->len[i], file + len, sizeof file - len);
		require(n > 0, "frame_write refused a record of legal size", 0);
		len += (size_t)n;
	}
	return len;
}

/* File-level damage after framing. */
static size_t damage(struct reader *rd, uint8_t flags, size_t len)
{
	if ((flags & FZL_CUT) && len)
		len -= 1 + rd16(rd) % len;
	if ((flags & FZL_ZEROS) && len) {
		size_t from = rd16(rd) % len;
		memset(file + from, 0, len - from);
	}
	if ((flags & FZL_FLIP) && len) {
		size_t at = rd16(rd) % len;
		uint8_t x = rd8(rd);
		file[at] ^= x ? x : 1;
	}
	return len;
}

static void finish_log(struct reader *rd, uint8_t flags)
{
	size_t len;

	if (flags & FZL_RECHAIN)
		rechain(&work, flags & FZL_NO_CHECKPOINTS);
	len = damage(rd, flags, frame_all(&work));
	check_log(file, len, flags & FZL_BOOT);
}

/* ---- the modes --------------------------------------------------------------- */

static void mode_commits(struct reader *rd)
{
	uint8_t flags = rd8(rd);

	work.n = 0;
	while (rd->pos < rd->n && work.n < MAX_RECS) {
		uint32_t len = rd8(rd);
		for (uint32_t i = 0; i < len; i++)
			work.b[work.n][i] = rd8(rd);
		work.len[work.n++] = (uint16_t)len;
	}
	finish_log(rd, flags);
}

static uint32_t pick_rec(struct reader *rd)
{
	return work.n ? rd16(rd) % work.n : 0;
}

static void rec_store(struct reader *rd, int bytes)
{
	uint32_t i = pick_rec(rd), off = rd8(rd);
	uint8_t *p;

	if (!work.n || !work.len[i])
		return;
	off %= work.len[i];
	p = work.b[i] + off;
	for (int k = 0; k < bytes && off + (uint32_t)k < work.len[i]; k++)
		p[k] = rd8(rd);
}

static void rec_remove(uint32_t i)
{
	memmove(&work.b[i], &work.b[i + 1], (size_t)(work.n - i - 1) * REC_MAX);
	memmove(&work.len[i], &work.len[i + 1], (size_t)(work.n - i - 1) * sizeof work.len[0]);
	work.n--;
}

static void rec_dup(uint32_t i)
{
	if (work.n >= MAX_RECS)
		return;
	memmove(&work.b[i + 1], &work.b[i], (size_t)(work.n - i) * REC_MAX);
	memmove(&work.len[i + 1], &work.len[i], (size_t)(work.n - i) * sizeof work.len[0]);
	work.n++;
}

static void rec_swap(uint32_t i, uint32_t j)
{
	static uint8_t tmp[REC_MAX];
	uint16_t l = work.len[i];

	memcpy(tmp, work.b[i], REC_MAX);
	memcpy(work.b[i], work.b[j], REC_MAX);
	memcpy(work.b[j], tmp, REC_MAX);
	work.len[i] = work.len[j];
	work.len[j] = l;
}

/* One edit of the record list. */
static void edit(struct reader *rd)
{
	uint8_t op = rd8(rd) % 8;
	uint32_t i, j;

	switch (op) {
	case FZL_EDIT_FLIP: {
		uint8_t x;
		i = pick_rec(rd);
		j = rd8(rd);
		x = rd8(rd);
		if (work.n && work.len[i])
			work.b[i][j % work.len[i]] ^= x ? x : 1;
		break;
	}
	case FZL_EDIT_SET8: rec_store(rd, 1); break;
	case FZL_EDIT_SET64: rec_store(rd, 8); break;
	case FZL_EDIT_DROP: i = pick_rec(rd); if (work.n) rec_remove(i); break;
	case FZL_EDIT_DUP: i = pick_rec(rd); if (work.n) rec_dup(i); break;
	case FZL_EDIT_SWAP: i = pick_rec(rd); j = pick_rec(rd); if (work.n) rec_swap(i, j); break;
	case FZL_EDIT_KEEP: work.n = work.n ? rd16(rd) % (work.n + 1) : 0; break;
	default: /* FZL_EDIT_RESIZE: cut, or grow with zeros */
		i = pick_rec(rd);
		j = rd8(rd);
		if (work.n) {
			if (j > work.len[i])
				memset(work.b[i] + work.len[i], 0, j - work.len[i]);
			work.len[i] = (uint16_t)j;
		}
		break;
	}
}

static void mode_mutate(struct reader *rd)
{
	uint8_t which = rd8(rd) % FZL_REAL_LOGS, flags = rd8(rd), nedits = rd8(rd) % 16;

	work.n = real[which].n;
	memcpy(work.len, real[which].len, work.n * sizeof work.len[0]);
	memcpy(work.b, real[which].b, (size_t)work.n * REC_MAX);
	for (uint8_t e = 0; e < nedits; e++)
		edit(rd);
	finish_log(rd, flags);
}

static void mode_decode(const uint8_t *p, size_t n)
{
	uint8_t frame[FRAME_MAX];
	const uint8_t *rec;
	uint32_t len;
	size_t pos = 0;

	check_codec(p, (uint32_t)(n < 0xFFFFFFFFu ? n : 0xFFFFFFFFu));
	if (n > REC_MAX) {
		require(frame_write(p, (uint32_t)n, frame, sizeof frame) < 0,
			"frame_write accepted an oversized record", 0);
		return;
	}
	require(frame_write(p, (uint32_t)n, frame, sizeof frame) == (int)(ZOS_FRAME_HEADER_SIZE + n),
		"frame_write refused a record of legal size", 0);
	require(frame_next(frame, ZOS_FRAME_HEADER_SIZE + n, &pos, &rec, &len) == FRAME_OK &&
			len == n && memcmp(rec, p, n) == 0,
		"frame_next does not read back what frame_write wrote", 0);
	walk_frames(p, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader rd = { data + 1, size ? size - 1 : 0, 0 };

	if (size == 0)
		return 0;
	switch (data[0] & 3) {
	case FZL_RAW: check_log(data + 1, size - 1, 1); break;
	case FZL_COMMITS: mode_commits(&rd); break;
	case FZL_MUTATE: mode_mutate(&rd); break;
	default: mode_decode(data + 1, size - 1); break; /* FZL_DECODE */
	}
	return 0;
}

/* ---- start-up: the real logs --------------------------------------------------- */

/* Splits a framed log the fake sink recorded into its records. */
static void split(const uint8_t *log, size_t len, struct recs *r)
{
	size_t pos = 0;
	const uint8_t *rec;
	uint32_t n;

	r->n = 0;
	while (r->n < MAX_RECS && frame_next(log, len, &pos, &rec, &n) == FRAME_OK) {
		memcpy(r->b[r->n], rec, n);
		r->len[r->n++] = (uint16_t)n;
	}
}

/* A seeded workload's log (support/record.h), split into its records. */
static void record(uint64_t seed, uint32_t steps, uint32_t reboots, struct recs *out)
{
	static struct recording rec;

	recording_start(&rec, WORKLOAD_EVERY_CALL, seed, 40);
	if (recording_run(&rec, steps, reboots) != ZOS_OK) {
		fprintf(stderr, "fuzz_log: recording a log: %s\n", rec.error);
		abort();
	}
	split(rec.fp.log, rec.fp.log_len, out);
	recording_free(&rec);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	ka = calloc(1, sizeof *ka);
	kb = calloc(1, sizeof *kb);
	kc = calloc(1, sizeof *kc);
	if (!ka || !kb || !kc)
		abort();
	record(11, 300, 0, &real[0]);
	record(12, 240, 1, &real[1]);
	return 0;
}
