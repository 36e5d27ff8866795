/*
 * The CommitLog region (lib/blockstore/logstore.h): appends, flushes,
 * reading back, truncation, a full region, a failed flush that stays
 * failed, and random appends with power cuts at random device calls.
 * After every cut the log is reopened from what reached the disk and must
 * be a prefix of what was written (or tried) that holds at least everything
 * flushed;
 * bytes cut off by a truncation never come back. Axiom's framed records
 * go through it too, with a torn tail found and cut as at boot.
 */
#include <zos/error.h>

#include "lib/commit_codec.h"
#include "axiom/frame.h"
#include "harness.h"
#include "lib/blockstore/logstore.h"
#include "support/memdev.h"

#define TEST_RNG_SEED 0x10651ull
#include "support/rnd.h"

#define MODEL_MAX (2u << 20)

struct rig {
	struct memdev md;
	struct bs_disk disk;
	const struct bs_region *region;
	struct bs_log log;
	uint8_t *mem;
	size_t mem_size;
};

static const struct bs_layout log_and_kv = { 2, { { BS_REGION_LOG, "log", 0 }, { BS_REGION_KV, "storage", 64 } } };

static int rig_open(struct rig *g)
{
	int ret = bs_disk_open(&g->disk, &g->md.dev, 0, 0);

	if (ret == ZOS_OK)
		ret = bs_disk_find(&g->disk, "log", BS_REGION_LOG, &g->region);
	if (ret == ZOS_OK)
		ret = bs_log_open(&g->log, g->region, g->mem, g->mem_size);
	return ret;
}

static int rig_init(struct rig *g, uint64_t sectors, size_t mem_size, uint64_t seed)
{
	struct bs_layout l = log_and_kv;
	int ret;

	memset(g, 0, sizeof *g);
	/* The log takes what the kv region leaves: sizes "0" only last. */
	l.region[0].sectors = sectors - 64 - 2 * BS_REGION_ALIGN;
	l.region[1].sectors = 0;
	g->mem_size = mem_size;
	g->mem = malloc(mem_size);
	if (!g->mem || memdev_init(&g->md, sectors, seed) != ZOS_OK)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	ret = bs_disk_format(&g->disk, &g->md.dev, &l, seed);
	return ret == ZOS_OK ? rig_open(g) : ret;
}

static void rig_free(struct rig *g)
{
	memdev_free(&g->md);
	free(g->mem);
}

/* 1 when the log reads back exactly as want[0..n). */
static int log_is(struct rig *g, const uint8_t *want, uint64_t n)
{
	uint8_t *got = malloc(n ? n : 1);
	int same;

	if (!got)
		return 0;
	same = g->log.size == n && bs_log_read(&g->log, 0, got, n) == ZOS_OK && memcmp(got, want, n) == 0;
	free(got);
	return same;
}

static void test_append_read_reopen(void)
{
	static uint8_t data[20000];
	struct rig g;
	uint64_t n = 0;

	CHECK_EQ(rig_init(&g, 2048, BS_LOG_MEM_MIN, 1), ZOS_OK);
	CHECK_EQ(g.log.size, 0);
	fill(data, sizeof data);
	while (n < sizeof data) {
		uint32_t k = 1 + rnd(1500);
		if (k > sizeof data - n)
			k = (uint32_t)(sizeof data - n);
		CHECK_EQ(bs_log_write(&g.log, data + n, k), ZOS_OK);
		n += k;
		if (rnd(3) == 0)
			CHECK_EQ(bs_log_flush(&g.log), ZOS_OK);
		CHECK(log_is(&g, data, n)); /* unflushed bytes read back too */
	}
	CHECK_EQ(bs_log_flush(&g.log), ZOS_OK);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK(log_is(&g, data, sizeof data));
	/* A read in the middle, across sectors. */
	uint8_t part[1000];
	CHECK_EQ(bs_log_read(&g.log, 4321, part, sizeof part), ZOS_OK);
	CHECK_MEM(part, data + 4321, sizeof part);
	CHECK_EQ(bs_log_read(&g.log, sizeof data - 10, part, 11), ZOS_ERR_INVALID_ARGUMENT);
	/* Opening writes nothing: a reader (zos-disk) changes no byte. */
	uint64_t writes = g.md.writes;
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK_EQ(g.md.writes, writes);
	rig_free(&g);
}

/* Truncate to the middle of a sector, then append exactly enough to fill
 * that sector: the sectors after it, left from before the cut, belong to an
 * older epoch and must not rejoin the stream. Then a cut on a sector
 * boundary. */
static void test_truncate_never_resurrects(void)
{
	static uint8_t data[10 * BS_LOG_PAYLOAD], more[BS_LOG_PAYLOAD], want[10 * BS_LOG_PAYLOAD];
	struct rig g;
	uint32_t cut = 3 * BS_LOG_PAYLOAD + 100;

	CHECK_EQ(rig_init(&g, 2048, 16 * BLOCKDEV_SECTOR, 2), ZOS_OK);
	fill(data, sizeof data);
	fill(more, sizeof more);
	CHECK_EQ(bs_log_write(&g.log, data, sizeof data), ZOS_OK);
	CHECK_EQ(bs_log_flush(&g.log), ZOS_OK);
	CHECK_EQ(bs_log_truncate(&g.log, cut), ZOS_OK);
	CHECK_EQ(g.log.size, cut);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK(log_is(&g, data, cut));
	CHECK_EQ(bs_log_write(&g.log, more, BS_LOG_PAYLOAD - 100), ZOS_OK);
	CHECK_EQ(bs_log_flush(&g.log), ZOS_OK);
	memcpy(want, data, cut);
	memcpy(want + cut, more, BS_LOG_PAYLOAD - 100);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK(log_is(&g, want, 4 * BS_LOG_PAYLOAD));
	/* On a boundary, with nothing appended after. */
	CHECK_EQ(bs_log_truncate(&g.log, 2 * BS_LOG_PAYLOAD), ZOS_OK);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK(log_is(&g, want, 2 * BS_LOG_PAYLOAD));
	CHECK_EQ(bs_log_truncate(&g.log, 0), ZOS_OK);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK_EQ(g.log.size, 0);
	CHECK_EQ(bs_log_truncate(&g.log, 1), ZOS_ERR_INVALID_ARGUMENT);
	rig_free(&g);
}

static void test_full_region(void)
{
	static uint8_t chunk[1000];
	struct rig g;
	uint64_t n = 0;
	int ret = ZOS_OK;

	CHECK_EQ(rig_init(&g, 200, BS_LOG_MEM_MIN, 3), ZOS_OK);
	fill(chunk, sizeof chunk);
	while ((ret = bs_log_write(&g.log, chunk, sizeof chunk)) == ZOS_OK)
		n += sizeof chunk;
	CHECK_EQ(ret, ZOS_ERR_RESOURCE_EXHAUSTED);
	CHECK(n + sizeof chunk > bs_log_capacity(&g.log));
	CHECK_EQ(bs_log_flush(&g.log), ZOS_OK); /* what fitted is still good */
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK_EQ(g.log.size, n);
	rig_free(&g);
}

/* A failed flush is final, and the next open finds the flushed prefix. */
static void test_failed_flush_is_final(void)
{
	static uint8_t a[700], b[900];
	struct rig g;

	CHECK_EQ(rig_init(&g, 2048, BS_LOG_MEM_MIN, 4), ZOS_OK);
	fill(a, sizeof a);
	fill(b, sizeof b);
	CHECK_EQ(bs_log_write(&g.log, a, sizeof a), ZOS_OK);
	CHECK_EQ(bs_log_flush(&g.log), ZOS_OK);
	CHECK_EQ(bs_log_write(&g.log, b, sizeof b), ZOS_OK);
	g.md.die_after = 2; /* the data write gets through, the flush fails */
	CHECK_EQ(bs_log_flush(&g.log), ZOS_ERR_IO);
	memdev_crash(&g.md); /* the device is back: the log still refuses */
	CHECK_EQ(bs_log_write(&g.log, a, 1), ZOS_ERR_IO);
	CHECK_EQ(bs_log_flush(&g.log), ZOS_ERR_IO);
	CHECK_EQ(bs_log_truncate(&g.log, 0), ZOS_ERR_IO);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK(g.log.size == sizeof a || g.log.size == sizeof a + sizeof b ||
	      g.log.size == 2 * BS_LOG_PAYLOAD || g.log.size == 3 * BS_LOG_PAYLOAD);
	CHECK(g.log.size >= sizeof a);
	rig_free(&g);
}

/* ---- random appends with power cuts ---------------------------------------- */

static uint64_t cuts, truncations;

static void run_sequence(size_t mem, uint32_t steps, uint64_t seed)
{
	uint8_t *model = malloc(MODEL_MAX), *chunk = malloc(4096);
	uint64_t written = 0, durable = 0;
	struct rig g;

	if (!model || !chunk || rig_init(&g, 4096, mem, seed) != ZOS_OK) {
		CHECK(0);
		free(model);
		free(chunk);
		return;
	}
	for (uint32_t i = 0; i < steps && !harness_failed_checks; i++) {
		uint32_t k = 1 + rnd(rnd(4) == 0 ? 4000 : 300);
		int ret;

		if (written + k > MODEL_MAX || written + k > bs_log_capacity(&g.log))
			break;
		fill(chunk, k);
		if (rnd(8) == 0)
			g.md.die_after = 1 + rnd(4);
		/* A write that fails may still leave a prefix of its bytes on
		 * the disk (as a torn tail): written counts what was tried. */
		ret = bs_log_write(&g.log, chunk, k);
		memcpy(model + written, chunk, k);
		written += k;
		if (ret == ZOS_OK && rnd(3) == 0 && (ret = bs_log_flush(&g.log)) == ZOS_OK)
			durable = written;
		g.md.die_after = -1;
		if (ret == ZOS_OK && rnd(15) != 0)
			continue;
		/* Power cut; the log must be a prefix holding all that was
		 * flushed. The next session goes on from what is there. */
		memdev_crash(&g.md);
		cuts++;
		CHECK_EQ(rig_open(&g), ZOS_OK);
		if (g.log.size < durable || g.log.size > written || !log_is(&g, model, g.log.size))
			harness_fail(__FILE__, __LINE__, "seed %llu step %u: log %llu bytes, flushed %llu, written %llu",
				     (unsigned long long)seed, i, (unsigned long long)g.log.size,
				     (unsigned long long)durable, (unsigned long long)written);
		written = durable = g.log.size;
		if (rnd(3) == 0 && written > 0) {
			uint64_t t = written - rnd((uint32_t)(written < 2000 ? written : 2000));
			CHECK_EQ(bs_log_truncate(&g.log, t), ZOS_OK);
			written = durable = t;
			truncations++;
		}
	}
	memdev_crash(&g.md);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	CHECK(g.log.size >= durable && g.log.size <= written && log_is(&g, model, g.log.size));
	rig_free(&g);
	free(model);
	free(chunk);
}

static void test_random_cuts(void)
{
	for (uint32_t s = 0; s < 150; s++)
		run_sequence(s % 3 == 0 ? BS_LOG_MEM_MIN : (s % 3 == 1 ? 16 * BLOCKDEV_SECTOR : 64 * BLOCKDEV_SECTOR),
			     300, 100 + s);
}

/* Axiom's use: framed records, a torn last one found by frame_next after a
 * cut, truncated away, and the log extended. */
static void test_frames_torn_tail(void)
{
	uint8_t rec[600], frame[700], *all = malloc(1 << 16);
	struct rig g;
	uint64_t framed = 0;

	CHECK_EQ(rig_init(&g, 2048, BS_LOG_MEM_MIN, 5), ZOS_OK);
	for (uint32_t i = 0; i < 200 && all; i++) {
		uint32_t len = 20 + rnd(ZOS_COMMIT_MAX_ENCODED - 20);
		int n;
		fill(rec, len);
		n = frame_write(rec, len, frame, sizeof frame);
		CHECK(n > 0);
		CHECK_EQ(bs_log_write(&g.log, frame, (size_t)n), ZOS_OK);
		if (i % 10 == 9 && i < 190)
			CHECK_EQ(bs_log_flush(&g.log), ZOS_OK);
	}
	g.md.die_after = 2; /* the last group dies on its way */
	CHECK_EQ(bs_log_flush(&g.log), ZOS_ERR_IO);
	memdev_crash(&g.md);
	CHECK_EQ(rig_open(&g), ZOS_OK);
	if (all && g.log.size <= (1 << 16)) {
		size_t pos = 0;
		const uint8_t *r;
		uint32_t len;
		enum frame_status st;
		CHECK_EQ(bs_log_read(&g.log, 0, all, g.log.size), ZOS_OK);
		while ((st = frame_next(all, g.log.size, &pos, &r, &len)) == FRAME_OK)
			framed++;
		CHECK(st == FRAME_END || st == FRAME_TORN);
		CHECK(framed >= 190);
		CHECK_EQ(bs_log_truncate(&g.log, pos), ZOS_OK);
		CHECK_EQ(bs_log_write(&g.log, frame, 30), ZOS_OK);
		CHECK_EQ(bs_log_flush(&g.log), ZOS_OK);
		CHECK_EQ(rig_open(&g), ZOS_OK);
		CHECK_EQ(g.log.size, pos + 30);
	}
	free(all);
	rig_free(&g);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_append_read_reopen);
	RUN(test_truncate_never_resurrects);
	RUN(test_full_region);
	RUN(test_failed_flush_is_final);
	RUN(test_frames_torn_tail);
	RUN(test_random_cuts);
	if (!harness_listing())
		printf("log: %llu power cuts, %llu truncations\n", (unsigned long long)cuts,
		       (unsigned long long)truncations);
	return harness_finish("blockstore_log");
}
