/*
 * Tamper tests on a recorded log: flip any byte, drop, duplicate, reorder or
 * truncate records. Verification must fail and name the right seq (the one
 * expected where the damage sits); a torn final record must be told apart
 * from corruption and cut at the right place.
 */
#include <zos/error.h>

#include "lib/commit_codec.h"
#include "axiom/frame.h"
#include "axiom/replay.h"
#include "axiom/state_hash.h"
#include "harness.h"
#include "lib/bytes.h"
#include "lib/crc32c.h"
#include "support/record.h"

#define MAX_RECORDS 4096

static uint8_t *log_bytes;
static size_t log_len;
static size_t rec_off[MAX_RECORDS + 1]; /* record i spans [rec_off[i], rec_off[i+1]) */
static uint32_t nrec;
static uint8_t final_hash[32];
static struct kernel k;

static void record_log(void)
{
	static struct recording rec;
	size_t pos = 0;
	const uint8_t *r;
	uint32_t n;

	recording_start(&rec, WORKLOAD_EVERY_CALL, 2024, 64);
	if (recording_run_until(&rec, 600) != ZOS_OK) {
		fprintf(stderr, "tamper: recording the log: %s\n", rec.error);
		exit(1);
	}
	state_hash(&rec.sys->k.s, final_hash);
	log_len = rec.fp.log_len;
	log_bytes = malloc(log_len);
	memcpy(log_bytes, rec.fp.log, log_len);
	while (frame_next(log_bytes, log_len, &pos, &r, &n) == FRAME_OK && nrec < MAX_RECORDS)
		rec_off[++nrec] = pos;
	recording_free(&rec);
}

static uint32_t record_of(size_t byte)
{
	uint32_t i = 0;
	while (i + 1 < nrec && rec_off[i + 1] <= byte)
		i++;
	return i;
}

static void test_recorded_log_verifies(void)
{
	struct replay_report rep;

	CHECK(nrec > 500);
	CHECK_EQ(rec_off[nrec], log_len);
	CHECK_EQ(replay_and_verify(&k, log_bytes, log_len, final_hash, &rep), 0);
	CHECK_EQ(rep.commits, nrec);
	CHECK(rep.checkpoints >= 8);
	CHECK_EQ(rep.good_bytes, log_len);
	CHECK(!rep.torn);
}

/* Every byte of the first records, the last records and a stride through
 * the middle: one flipped bit anywhere is corruption at its record's seq. */
static void test_flip_any_byte(void)
{
	uint8_t *copy = malloc(log_len);
	struct replay_report rep;
	size_t checked = 0;

	for (size_t b = 0; b < log_len; b += (b < 2000 || b > log_len - 2000) ? 1 : 97) {
		memcpy(copy, log_bytes, log_len);
		copy[b] ^= (uint8_t)(1u << (b % 8));
		replay_records(&k, copy, log_len, &rep);
		if (rep.status != ZOS_ERR_CORRUPT || rep.bad_seq != record_of(b)) {
			harness_fail(__FILE__, __LINE__, "flip at byte %zu (record %u): status %d seq %llu",
				     b, record_of(b), rep.status, (unsigned long long)rep.bad_seq);
			break;
		}
		checked++;
	}
	CHECK(checked > 4000);
	free(copy);
}

/* Builds a log from records in the order given. */
static size_t splice(uint8_t *out, const uint32_t *order, uint32_t n)
{
	size_t len = 0;
	for (uint32_t i = 0; i < n; i++) {
		size_t sz = rec_off[order[i] + 1] - rec_off[order[i]];
		memcpy(out + len, log_bytes + rec_off[order[i]], sz);
		len += sz;
	}
	return len;
}

static void expect_bad(const uint32_t *order, uint32_t n, uint64_t seq, const char *what)
{
	uint8_t *copy = malloc(log_len * 2);
	struct replay_report rep;
	size_t len = splice(copy, order, n);

	replay_records(&k, copy, len, &rep);
	if (rep.status != ZOS_ERR_CORRUPT || rep.bad_seq != seq)
		harness_fail(__FILE__, __LINE__, "%s: status %d seq %llu, wanted seq %llu", what,
			     rep.status, (unsigned long long)rep.bad_seq, (unsigned long long)seq);
	free(copy);
}

static void test_drop_duplicate_reorder(void)
{
	static uint32_t order[MAX_RECORDS * 2];
	uint32_t targets[] = { 0, 1, 2, 50, 333, nrec - 2 };

	for (uint32_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
		uint32_t x = targets[t], n = 0;
		for (uint32_t i = 0; i < nrec; i++)
			if (i != x)
				order[n++] = i;
		expect_bad(order, n, x, "drop");
		n = 0;
		for (uint32_t i = 0; i < nrec; i++) {
			order[n++] = i;
			if (i == x)
				order[n++] = i;
		}
		expect_bad(order, n, x + 1, "duplicate");
		for (uint32_t i = 0; i < nrec; i++)
			order[i] = i;
		order[x] = x + 1;
		order[x + 1] = x;
		expect_bad(order, nrec, x, "swap");
	}
}

static void test_torn_tail_is_not_corruption(void)
{
	size_t last = rec_off[nrec - 1];
	struct replay_report rep;

	for (size_t cut = last + 1; cut < log_len; cut++) {
		replay_records(&k, log_bytes, cut, &rep);
		if (rep.status != 0 || !rep.torn || rep.good_bytes != last ||
		    rep.commits != nrec - 1) {
			harness_fail(__FILE__, __LINE__, "cut at %zu: status %d torn %d good %zu",
				     cut, rep.status, rep.torn, rep.good_bytes);
			break;
		}
	}
}

static void test_zero_filled_tail_is_torn(void)
{
	uint8_t *copy = calloc(1, log_len + 4096);
	struct replay_report rep;

	memcpy(copy, log_bytes, log_len);
	replay_records(&k, copy, log_len + 4096, &rep);
	CHECK_EQ(rep.status, 0);
	CHECK(rep.torn);
	CHECK_EQ(rep.good_bytes, log_len);
	CHECK_EQ(rep.commits, nrec);
	/* but garbage after the end is corruption */
	copy[log_len + 100] = 1;
	replay_records(&k, copy, log_len + 4096, &rep);
	CHECK_EQ(rep.status, ZOS_ERR_CORRUPT);
	CHECK_EQ(rep.bad_seq, nrec);
	free(copy);
}

/* Truncating at a record boundary leaves a valid shorter log; only the
 * expected head (the state hash the system knew) exposes it. */
static void test_truncated_whole_records_caught_by_expected_hash(void)
{
	struct replay_report rep;

	CHECK_EQ(replay_records(&k, log_bytes, rec_off[nrec - 3], &rep), 0);
	CHECK_EQ(rep.commits, nrec - 3);
	CHECK_EQ(replay_and_verify(&k, log_bytes, rec_off[nrec - 3], final_hash, &rep),
		 ZOS_ERR_CORRUPT);
	CHECK_EQ(rep.bad_seq, nrec - 3);
}

/* A forger who fixes up the CRC is caught by the hash; one who also
 * rewrites every later hash is caught by replay or by the head. */
static void test_forged_records(void)
{
	uint8_t *copy = malloc(log_len);
	struct replay_report rep;
	uint32_t target = 0;
	zos_commit_t c;

	for (uint32_t i = 5; i < nrec && !target; i++) {
		const uint8_t *r = log_bytes + rec_off[i] + ZOS_FRAME_HEADER_SIZE;
		commit_decode(r, rec_off[i + 1] - rec_off[i] - ZOS_FRAME_HEADER_SIZE, &c);
		if (c.type == ZOS_COMMIT_CAP_DERIVED || c.type == ZOS_COMMIT_CAP_GRANTED)
			target = i;
	}
	CHECK(target != 0);
	memcpy(copy, log_bytes, log_len);
	/* change the rights byte (the payload's last byte for a grant, or the
	 * 9th-from-last for a derive) and fix the frame CRC */
	uint8_t *r = copy + rec_off[target] + ZOS_FRAME_HEADER_SIZE;
	uint32_t rlen = (uint32_t)(rec_off[target + 1] - rec_off[target] - ZOS_FRAME_HEADER_SIZE);
	r[rlen - ZOS_HASH_SIZE - 1] ^= 0x01;
	zos_st32(copy + rec_off[target] + 12, zos_crc32c(0, r, rlen));
	replay_records(&k, copy, log_len, &rep);
	CHECK_EQ(rep.status, ZOS_ERR_CORRUPT);
	CHECK_EQ(rep.bad_seq, target);
	/* now rewrite the whole chain from there on, consistently */
	size_t out = rec_off[target];
	uint8_t prev[32];
	memcpy(prev, log_bytes + rec_off[target] + ZOS_FRAME_HEADER_SIZE + 28, 32);
	for (uint32_t i = target; i < nrec; i++) {
		uint8_t enc[ZOS_COMMIT_MAX_ENCODED];
		uint8_t *src = copy + rec_off[i] + ZOS_FRAME_HEADER_SIZE;
		commit_decode(src, rec_off[i + 1] - rec_off[i] - ZOS_FRAME_HEADER_SIZE, &c);
		memcpy(c.prev, prev, 32);
		commit_hash(&c, c.hash);
		memcpy(prev, c.hash, 32);
		int n = commit_encode(&c, enc, sizeof enc);
		out += (size_t)frame_write(enc, (uint32_t)n, copy + out, log_len - out);
	}
	/* Replay catches it where the forged commit no longer applies or at the
	 * next checkpoint, whose state hash the forger could not recompute. If
	 * the forged change was undone before any checkpoint, the chain itself
	 * is consistent, but its head differs: any anchored copy of the head
	 * (the running system's, a remote audit's) exposes the rewrite. */
	struct replay_report orig;
	replay_records(&k, log_bytes, log_len, &orig);
	replay_records(&k, copy, out, &rep);
	if (rep.status == 0)
		CHECK(memcmp(rep.head, orig.head, 32) != 0);
	else
		CHECK(rep.bad_seq >= target && rep.reason != 0);
	free(copy);
}

static void test_empty_and_tiny_inputs(void)
{
	struct replay_report rep;
	uint8_t junk[3] = { 'Z', 'C', 'R' };

	CHECK_EQ(replay_records(&k, log_bytes, 0, &rep), 0);
	CHECK_EQ(rep.commits, 0);
	CHECK_EQ(replay_records(&k, junk, 3, &rep), 0);
	CHECK(rep.torn);
	junk[0] = 'X';
	CHECK_EQ(replay_records(&k, junk, 3, &rep), ZOS_ERR_CORRUPT);
	CHECK_EQ(rep.bad_seq, 0);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	record_log();
	RUN(test_recorded_log_verifies);
	RUN(test_flip_any_byte);
	RUN(test_drop_duplicate_reorder);
	RUN(test_torn_tail_is_not_corruption);
	RUN(test_zero_filled_tail_is_torn);
	RUN(test_truncated_whole_records_caught_by_expected_hash);
	RUN(test_forged_records);
	RUN(test_empty_and_tiny_inputs);
	free(log_bytes);
	return harness_finish("tamper");
}
