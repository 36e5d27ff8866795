/*
 * The disk layer (lib/blockstore/disk.h, control.h): a blank disk is
 * formatted on first use, a foreign or damaged one refused without a byte
 * written, one damaged superblock copy tolerated, bad layouts refused,
 * region I/O bounded; the control record survives a torn update; a
 * reformat's data never shows the earlier format's.
 */
#include <zos/error.h>

#include "harness.h"
#include "lib/blockstore/control.h"
#include "lib/blockstore/disk.h"
#include "lib/blockstore/kv.h"
#include "lib/blockstore/logstore.h"
#include "support/memdev.h"

#define TEST_RNG_SEED 0xD15Cull
#include "support/rnd.h"

static const struct bs_layout system_disk = {
	2, { { BS_REGION_LOG, "log", 1024 }, { BS_REGION_KV, "storage", 0 } }
};

static void test_blank_is_formatted(void)
{
	struct memdev md;
	struct bs_disk d;
	const struct bs_region *r;

	CHECK_EQ(memdev_init(&md, 4096, 1), ZOS_OK);
	CHECK_EQ(bs_disk_open(&d, &md.dev, 0, 0), ZOS_ERR_NOT_FOUND); /* blank, no layout */
	CHECK_EQ(md.writes, 0);
	CHECK_EQ(bs_disk_open(&d, &md.dev, &system_disk, 77), ZOS_OK);
	CHECK_EQ(d.formatted, 1);
	CHECK_EQ(d.count, 2);
	CHECK_EQ(bs_disk_find(&d, "log", BS_REGION_LOG, &r), ZOS_OK);
	CHECK_EQ(r->start, BS_FIRST_REGION_LBA);
	CHECK_EQ(r->sectors, 1024);
	CHECK_EQ(bs_disk_find(&d, "storage", BS_REGION_KV, &r), ZOS_OK);
	CHECK_EQ(r->start, BS_FIRST_REGION_LBA + 1024);
	CHECK_EQ(r->sectors, 4096 - 1024 - BS_FIRST_REGION_LBA);
	CHECK_EQ(bs_disk_find(&d, "storage", BS_REGION_LOG, &r), ZOS_ERR_NOT_FOUND);
	CHECK_EQ(bs_disk_find(&d, "keystore", BS_REGION_KV, &r), ZOS_ERR_NOT_FOUND);
	/* Open again: the same table, nothing written. */
	uint64_t writes = md.writes;
	CHECK_EQ(bs_disk_open(&d, &md.dev, &system_disk, 78), ZOS_OK);
	CHECK_EQ(d.formatted, 0);
	CHECK_EQ(d.nonce, 77);
	CHECK_EQ(d.copies_ok, 2);
	CHECK_EQ(md.writes, writes);
	memdev_free(&md);
}

static void test_foreign_refused(void)
{
	struct memdev md;
	struct bs_disk d;

	CHECK_EQ(memdev_init(&md, 4096, 2), ZOS_OK);
	memcpy(md.now + 510, "\x55\xAA", 2); /* an MBR's signature */
	CHECK_EQ(bs_disk_open(&d, &md.dev, &system_disk, 1), ZOS_ERR_CORRUPT);
	CHECK_EQ(md.writes, 0);
	CHECK_EQ(bs_disk_format(&d, &md.dev, &system_disk, 1), ZOS_OK); /* only when asked */
	CHECK_EQ(bs_disk_open(&d, &md.dev, 0, 0), ZOS_OK);
	memdev_free(&md);
}

static void test_one_copy_damaged(void)
{
	struct memdev md;
	struct bs_disk d;

	CHECK_EQ(memdev_init(&md, 4096, 3), ZOS_OK);
	CHECK_EQ(bs_disk_format(&d, &md.dev, &system_disk, 5), ZOS_OK);
	md.now[100] ^= 1; /* copy 0 */
	CHECK_EQ(bs_disk_open(&d, &md.dev, 0, 0), ZOS_OK);
	CHECK_EQ(d.copies_ok, 1);
	md.now[BLOCKDEV_SECTOR + 100] ^= 4; /* and copy 1: nothing left */
	CHECK_EQ(bs_disk_open(&d, &md.dev, &system_disk, 5), ZOS_ERR_CORRUPT);
	memdev_free(&md);
}

/* Every single bit flipped in a superblock sector: still one good copy. */
static void test_every_bit_of_a_copy(void)
{
	struct memdev md;
	struct bs_disk d;

	CHECK_EQ(memdev_init(&md, 256, 4), ZOS_OK);
	CHECK_EQ(bs_disk_format(&d, &md.dev, &system_disk, 6), ZOS_ERR_INVALID_ARGUMENT); /* too small */
	CHECK_EQ(bs_disk_format(&d, &md.dev, &(struct bs_layout){ 1, { { BS_REGION_KV, "keystore", 0 } } }, 6),
		 ZOS_OK);
	for (uint32_t bit = 0; bit < 8 * BLOCKDEV_SECTOR; bit++) {
		md.now[bit / 8] ^= (uint8_t)(1u << bit % 8);
		CHECK_EQ(bs_disk_open(&d, &md.dev, 0, 0), ZOS_OK);
		CHECK_EQ(d.copies_ok, 1);
		md.now[bit / 8] ^= (uint8_t)(1u << bit % 8);
	}
	memdev_free(&md);
}

static void test_bad_layouts(void)
{
	struct memdev md;
	struct bs_disk d;
	struct bs_layout l = system_disk;

	CHECK_EQ(memdev_init(&md, 4096, 5), ZOS_OK);
	l.count = 0;
	CHECK_EQ(bs_disk_format(&d, &md.dev, &l, 1), ZOS_ERR_INVALID_ARGUMENT);
	l.count = BS_MAX_REGIONS + 1;
	CHECK_EQ(bs_disk_format(&d, &md.dev, &l, 1), ZOS_ERR_INVALID_ARGUMENT);
	l = system_disk;
	l.region[0].sectors = 0; /* "the rest", but not last */
	CHECK_EQ(bs_disk_format(&d, &md.dev, &l, 1), ZOS_ERR_INVALID_ARGUMENT);
	l = system_disk;
	l.region[0].sectors = 5000; /* past the end */
	CHECK_EQ(bs_disk_format(&d, &md.dev, &l, 1), ZOS_ERR_INVALID_ARGUMENT);
	l = system_disk;
	l.region[1].kind = 9;
	CHECK_EQ(bs_disk_format(&d, &md.dev, &l, 1), ZOS_ERR_INVALID_ARGUMENT);
	l = system_disk;
	l.region[0].sectors = 4; /* too small for a store */
	CHECK_EQ(bs_disk_format(&d, &md.dev, &l, 1), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(md.writes, 0);
	memdev_free(&md);
}

static void test_region_bounds(void)
{
	struct memdev md;
	struct bs_disk d;
	const struct bs_region *r;
	uint8_t s[2 * BLOCKDEV_SECTOR];

	CHECK_EQ(memdev_init(&md, 4096, 6), ZOS_OK);
	CHECK_EQ(bs_disk_format(&d, &md.dev, &system_disk, 1), ZOS_OK);
	CHECK_EQ(bs_disk_find(&d, "log", BS_REGION_LOG, &r), ZOS_OK);
	CHECK_EQ(bs_region_read(r, r->sectors - 1, 1, s), ZOS_OK);
	CHECK_EQ(bs_region_read(r, r->sectors - 1, 2, s), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(bs_region_write(r, r->sectors, 1, s), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(bs_region_write(r, 0, 0, s), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(bs_region_read(r, UINT64_MAX, 1, s), ZOS_ERR_INVALID_ARGUMENT);
	/* A device that shrank below the formatted size is refused. */
	md.dev.sectors = 2048;
	CHECK_EQ(bs_disk_open(&d, &md.dev, 0, 0), ZOS_ERR_CORRUPT);
	md.dev.sectors = 4096;
	memdev_free(&md);
}

/* A torn (lost) control update leaves the previous record. */
static void test_control_torn_update(void)
{
	struct memdev md;
	struct bs_disk d;
	const struct bs_region *r;
	struct bs_control c, back;

	CHECK_EQ(memdev_init(&md, 4096, 7), ZOS_OK);
	CHECK_EQ(bs_disk_format(&d, &md.dev, &system_disk, 1), ZOS_OK);
	CHECK_EQ(bs_disk_find(&d, "storage", BS_REGION_KV, &r), ZOS_OK);
	CHECK_EQ(bs_control_load(r, &c), ZOS_OK);
	CHECK_EQ(c.counter, 1);
	for (uint32_t i = 0; i < 20; i++) {
		struct bs_control before = c;
		c.gen = i;
		md.die_after = 2; /* the write goes out, the flush fails */
		CHECK_EQ(bs_control_store(r, &c), ZOS_ERR_IO);
		memdev_crash(&md);
		CHECK_EQ(bs_control_load(r, &back), ZOS_OK);
		CHECK(back.counter == before.counter || back.counter == before.counter + 1);
		if (back.counter == before.counter + 1)
			CHECK_EQ(back.gen, i);
		c = back;
		CHECK_EQ(bs_control_next_epoch(r, &c), ZOS_OK);
		CHECK_EQ(bs_control_load(r, &back), ZOS_OK);
		CHECK_EQ(back.epoch, c.epoch);
	}
	/* Both slots destroyed: CORRUPT, not a guess. */
	memset(md.now + r->start * BLOCKDEV_SECTOR, 0xA5, 2 * BLOCKDEV_SECTOR);
	CHECK_EQ(bs_control_load(r, &back), ZOS_ERR_CORRUPT);
	memdev_free(&md);
}

/* Format again over a used disk (a new nonce): neither the old log nor the
 * old keys show through. */
static void test_reformat_hides_old_data(void)
{
	static uint8_t mem[64 * 1024], data[5000];
	size_t kvmem = bs_kv_mem_size(BS_KV_RECORD_ONE, 64, 4096);
	void *km = malloc(kvmem);
	struct bs_kv_config cfg = { km, kvmem, BS_KV_RECORD_ONE, 64 };
	struct memdev md;
	struct bs_disk d;
	const struct bs_region *r;
	struct bs_log log;
	struct bs_kv kv;

	CHECK_EQ(memdev_init(&md, 4096, 8), ZOS_OK);
	CHECK_EQ(bs_disk_format(&d, &md.dev, &system_disk, 100), ZOS_OK);
	CHECK_EQ(bs_disk_find(&d, "log", BS_REGION_LOG, &r), ZOS_OK);
	CHECK_EQ(bs_log_open(&log, r, mem, sizeof mem), ZOS_OK);
	fill(data, sizeof data);
	CHECK_EQ(bs_log_write(&log, data, sizeof data), ZOS_OK);
	CHECK_EQ(bs_log_flush(&log), ZOS_OK);
	CHECK_EQ(bs_disk_find(&d, "storage", BS_REGION_KV, &r), ZOS_OK);
	CHECK_EQ(bs_kv_open(&kv, r, &cfg), ZOS_OK);
	CHECK_EQ(bs_kv_write(&kv, (const uint8_t *)"old", 3, "x", 1), ZOS_OK);

	CHECK_EQ(bs_disk_format(&d, &md.dev, &system_disk, 101), ZOS_OK);
	CHECK_EQ(bs_disk_find(&d, "log", BS_REGION_LOG, &r), ZOS_OK);
	CHECK_EQ(bs_log_open(&log, r, mem, sizeof mem), ZOS_OK);
	CHECK_EQ(log.size, 0);
	/* A full first sector in the same epoch as the old ones: only the
	 * nonce tells the old second sector from a continuation. */
	CHECK_EQ(bs_log_write(&log, data, BS_LOG_PAYLOAD), ZOS_OK);
	CHECK_EQ(bs_log_flush(&log), ZOS_OK);
	CHECK_EQ(bs_log_open(&log, r, mem, sizeof mem), ZOS_OK);
	CHECK_EQ(log.size, BS_LOG_PAYLOAD);
	CHECK_EQ(bs_disk_find(&d, "storage", BS_REGION_KV, &r), ZOS_OK);
	CHECK_EQ(bs_kv_open(&kv, r, &cfg), ZOS_OK);
	CHECK_EQ(kv.ix.count, 0);
	free(km);
	memdev_free(&md);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_blank_is_formatted);
	RUN(test_foreign_refused);
	RUN(test_one_copy_damaged);
	RUN(test_every_bit_of_a_copy);
	RUN(test_bad_layouts);
	RUN(test_region_bounds);
	RUN(test_control_torn_update);
	RUN(test_reformat_hides_old_data);
	return harness_finish("blockstore_disk");
}
