/*
 * Damaged disks (lib/blockstore): a populated system disk (a CommitLog of
 * framed records, a key-value store that has compacted) hit with random
 * bit flips, garbage sectors, zeroed sectors and sectors copied over
 * others, thousands of times. Every open gives a clear error or a state
 * that reads back: the log a prefix of what was written (a flip inside a
 * frame is Axiom's to find by its CRC), the store's keys in order, each
 * readable, each value one that was written for that key. Never a crash
 * (this suite also runs under ASan and UBSan; tests/fuzz/fuzz_blockstore.c
 * explores further).
 */
#include <zos/error.h>

#include "harness.h"
#include "lib/blockstore/disk.h"
#include "lib/blockstore/kv.h"
#include "lib/blockstore/logstore.h"
#include "lib/bytes.h"
#include "support/memdev.h"

#define TEST_RNG_SEED 0xDA3A6Eull
#include "support/rnd.h"

#define SECTORS 384u
#define KEYS 20u
#define LOG_BYTES 9000u

static uint8_t image[SECTORS * BLOCKDEV_SECTOR];
static uint8_t log_data[LOG_BYTES], log_back[SECTORS * BLOCKDEV_SECTOR];
static uint8_t log_mem[8 * BLOCKDEV_SECTOR];
static uint8_t *kv_mem;
static size_t kv_mem_size;
static struct memdev md;
static uint64_t opened_log, opened_kv, refused;

/* Values are (key number, version) repeated: any value read back can be
 * told to be one that was really written for its key. */
static uint32_t value_for(uint32_t key, uint32_t version, uint8_t *v)
{
	uint32_t len = 50 + (key * 37 + version * 11) % 600;
	for (uint32_t i = 0; i < len; i++)
		v[i] = (uint8_t)(i % 2 ? key : version);
	return len;
}

static int kv_open(struct bs_kv *kv, const struct bs_region *r)
{
	struct bs_kv_config cfg = { kv_mem, kv_mem_size, BS_KV_RECORD_ONE, 64 };
	return bs_kv_open(kv, r, &cfg);
}

static int make_image(void)
{
	struct bs_disk d;
	struct bs_layout l;
	const struct bs_region *r;
	struct bs_log log;
	struct bs_kv kv;
	uint8_t v[700];
	char k[16];

	bs_layout_system(&l, SECTORS);
	if (memdev_init(&md, SECTORS, 9) != ZOS_OK || bs_disk_format(&d, &md.dev, &l, 0xDA) != ZOS_OK ||
	    bs_disk_find(&d, BS_LABEL_LOG, BS_REGION_LOG, &r) != ZOS_OK ||
	    bs_log_open(&log, r, log_mem, sizeof log_mem) != ZOS_OK)
		return 0;
	fill(log_data, sizeof log_data);
	if (bs_log_write(&log, log_data, sizeof log_data) != ZOS_OK || bs_log_flush(&log) != ZOS_OK ||
	    bs_disk_find(&d, BS_LABEL_STORAGE, BS_REGION_KV, &r) != ZOS_OK || kv_open(&kv, r) != ZOS_OK)
		return 0;
	for (uint32_t i = 0; i < 200; i++) {
		uint32_t key = i % KEYS, n = (uint32_t)sprintf(k, "k%02u", key);
		if (bs_kv_write(&kv, (const uint8_t *)k, n, v, value_for(key, i / KEYS, v)) != ZOS_OK)
			return 0;
	}
	memcpy(image, md.now, sizeof image);
	return kv.compactions > 0;
}

static void damage(void)
{
	uint32_t n = 1 + rnd(4);

	for (uint32_t i = 0; i < n; i++) {
		uint32_t s = rnd(SECTORS);
		uint8_t *p = md.now + (size_t)s * BLOCKDEV_SECTOR;
		switch (rnd(4)) {
		case 0: {
			uint32_t at = rnd(BLOCKDEV_SECTOR); /* one draw per expression */
			p[at] ^= (uint8_t)(1u << rnd(8));
			break;
		}
		case 1:
			fill(p, BLOCKDEV_SECTOR);
			break;
		case 2:
			memset(p, 0, BLOCKDEV_SECTOR);
			break;
		default:
			memcpy(p, md.now + (size_t)rnd(SECTORS) * BLOCKDEV_SECTOR, BLOCKDEV_SECTOR);
			break;
		}
	}
}

/* 1 when value v (len bytes) is one that value_for makes for key. */
static int a_real_value(uint32_t key, const uint8_t *v, uint32_t len)
{
	static uint8_t want[700];
	for (uint32_t version = 0; version < 200 / KEYS; version++)
		if (value_for(key, version, want) == len && memcmp(want, v, len) == 0)
			return 1;
	return 0;
}

static void check_kv(const struct bs_region *r)
{
	static uint8_t list[8192], v[ZOS_KV_VALUE_MAX];
	struct bs_kv kv;
	uint32_t len = 0, pos = 4;
	int truncated;

	if (kv_open(&kv, r) != ZOS_OK) {
		refused++;
		return;
	}
	opened_kv++;
	CHECK_EQ(bs_kv_list(&kv, 0, 0, list, sizeof list, &len, &truncated), ZOS_OK);
	for (uint32_t i = 0; i < zos_le32(list) && pos + 2 <= len; i++) {
		uint32_t kl = (uint32_t)(list[pos] | list[pos + 1] << 8), vl = 0, key;
		char k[16] = "";
		if (kl >= sizeof k || pos + 2 + kl > len) {
			CHECK(0);
			return;
		}
		memcpy(k, list + pos + 2, kl);
		pos += 2 + kl;
		/* A damaged record fails its CRC at open and ends the store
		 * there, so every value that reads is one really written. */
		CHECK_EQ(bs_kv_read(&kv, (const uint8_t *)k, kl, v, sizeof v, &vl), ZOS_OK);
		if (sscanf(k, "k%02u", &key) != 1 || key >= KEYS || !a_real_value(key, v, vl))
			harness_fail(__FILE__, __LINE__, "key %s: a value never written", k);
	}
	CHECK_EQ(pos, len);
}

static void check_log(const struct bs_region *r)
{
	struct bs_log log;

	if (bs_log_open(&log, r, log_mem, sizeof log_mem) != ZOS_OK) {
		refused++;
		return;
	}
	opened_log++;
	CHECK(log.size <= sizeof log_back);
	if (log.size > sizeof log_back)
		return;
	CHECK_EQ(bs_log_read(&log, 0, log_back, log.size), ZOS_OK);
	/* Whole sectors that check out are ours: the stream is a prefix of
	 * what was written (a flipped bit fails its sector's CRC). */
	if (log.size > LOG_BYTES || memcmp(log_back, log_data, log.size) != 0)
		harness_fail(__FILE__, __LINE__, "log of %llu bytes is not a prefix of what was written",
			     (unsigned long long)log.size);
}

static void test_random_damage(void)
{
	struct bs_disk d;

	kv_mem_size = bs_kv_mem_size(BS_KV_RECORD_ONE, 64, 4096);
	kv_mem = malloc(kv_mem_size);
	CHECK(kv_mem && make_image());
	for (uint32_t round = 0; round < 3000 && !harness_failed_checks; round++) {
		memcpy(md.now, image, sizeof image);
		damage();
		if (bs_disk_open(&d, &md.dev, 0, 0) != ZOS_OK) {
			refused++;
			continue;
		}
		for (uint32_t i = 0; i < d.count; i++) {
			if (d.region[i].kind == BS_REGION_LOG)
				check_log(&d.region[i]);
			else
				check_kv(&d.region[i]);
		}
	}
	printf("damage: 3000 damaged disks; log opened %llu times, store %llu, refused %llu\n",
	       (unsigned long long)opened_log, (unsigned long long)opened_kv, (unsigned long long)refused);
	CHECK(opened_kv > 1000 && opened_log > 1000);
	memdev_free(&md);
	free(kv_mem);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_random_damage);
	return harness_finish("blockstore_damage");
}
