/*
 * fuzz_blockstore: a libFuzzer target for everything that reads a Zero OS
 * disk (lib/blockstore): the superblock, the control records, the log's
 * sectors and the key-value records, damaged in any way.
 *
 * The first byte picks a mode; the rest is its input:
 *   MUTATE  a real disk made at start-up (a CommitLog region with a few
 *           thousand bytes, a key-value region that has compacted), then
 *           edited by the input: groups of (u16 where, u8 what, u8 kind):
 *           xor one byte, zero a sector, fill a sector with a byte, copy a
 *           sector onto another;
 *   RAW     the input is the first sectors of the disk (the rest zero).
 *
 * Oracles, any failure aborts with the reason:
 *  - nothing crashes, hangs or trips a sanitizer: bad bytes give an error
 *    (CORRUPT, NOT_FOUND, ...) or a recovered state;
 *  - a log that opens reads back whole, and after an append and a flush
 *    reopens exactly that much longer;
 *  - a key-value store that opens lists keys in strictly increasing order,
 *    each of which reads back; after a write it reopens with that value
 *    and after a delete without the key (or says RESOURCE_EXHAUSTED).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/error.h>

#include "lib/blockstore/disk.h"
#include "lib/blockstore/kv.h"
#include "lib/blockstore/logstore.h"
#include "support/memdev.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SECTORS 256u
#define MAX_KEYS 128u
#define LIST_MAX 65536u

enum { MODE_MUTATE, MODE_RAW, MODE_COUNT };

static const struct bs_layout layout = {
	2, { { BS_REGION_LOG, "log", 60 }, { BS_REGION_KV, "storage", 0 } }
};

static uint8_t image[SECTORS * BLOCKDEV_SECTOR]; /* the real disk */
static uint8_t log_mem[16 * BLOCKDEV_SECTOR];
static uint8_t *kv_mem, *log_copy, *list, *value;
static size_t kv_mem_size;
static struct memdev md;

static void die(const char *what) __attribute__((noreturn));
static void die(const char *what)
{
	fprintf(stderr, "fuzz_blockstore: %s\n", what);
	abort();
}

static int kv_open(struct bs_kv *kv, const struct bs_region *r)
{
	struct bs_kv_config cfg = { kv_mem, kv_mem_size, BS_KV_RECORD_ONE, MAX_KEYS };
	return bs_kv_open(kv, r, &cfg);
}

/* The real disk: a log of a few thousand bytes, keys written, overwritten
 * and deleted until the store compacted. */
static void make_image(void)
{
	struct bs_disk d;
	const struct bs_region *r;
	struct bs_log log;
	struct bs_kv kv;
	uint8_t v[700];
	char k[16];

	if (memdev_init(&md, SECTORS, 1) != ZOS_OK || bs_disk_format(&d, &md.dev, &layout, 0xF022) != ZOS_OK)
		die("cannot format the seed disk");
	if (bs_disk_find(&d, "log", BS_REGION_LOG, &r) != ZOS_OK ||
	    bs_log_open(&log, r, log_mem, sizeof log_mem) != ZOS_OK)
		die("cannot open the seed log");
	for (uint32_t i = 0; i < 40; i++) {
		memset(v, (int)i, 100 + i);
		if (bs_log_write(&log, v, 100 + i) != ZOS_OK || (i % 7 == 0 && bs_log_flush(&log) != ZOS_OK))
			die("cannot write the seed log");
	}
	if (bs_log_flush(&log) != ZOS_OK || bs_disk_find(&d, "storage", BS_REGION_KV, &r) != ZOS_OK ||
	    kv_open(&kv, r) != ZOS_OK)
		die("cannot open the seed store");
	for (uint32_t i = 0; i < 300; i++) {
		int n = snprintf(k, sizeof k, "k/%u", i % 23);
		memset(v, (int)i, sizeof v);
		if (i % 5 == 4 ? bs_kv_delete(&kv, (const uint8_t *)k, (uint32_t)n) :
				 bs_kv_write(&kv, (const uint8_t *)k, (uint32_t)n, v, 100 + i % 600))
			die("cannot write the seed store");
	}
	if (kv.compactions == 0)
		die("the seed store never compacted");
	memcpy(image, md.now, sizeof image);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	kv_mem_size = bs_kv_mem_size(BS_KV_RECORD_ONE, MAX_KEYS, 16384);
	kv_mem = malloc(kv_mem_size);
	log_copy = malloc(SECTORS * BLOCKDEV_SECTOR);
	list = malloc(LIST_MAX);
	value = malloc(ZOS_KV_VALUE_MAX);
	if (!kv_mem || !log_copy || !list || !value)
		die("out of memory");
	make_image();
	return 0;
}

static void mutate(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i += 4) {
		uint32_t where = (uint32_t)(p[i] | p[i + 1] << 8);
		uint8_t what = p[i + 2];
		uint32_t sector = where % SECTORS;
		uint8_t *s = md.now + (size_t)sector * BLOCKDEV_SECTOR;

		switch (p[i + 3] % 4) {
		case 0: /* bytes land where the data is: the first 64 KiB */
			md.now[((size_t)where * 3) % (64 * 1024)] ^= what ? what : 1;
			break;
		case 1:
			memset(s, 0, BLOCKDEV_SECTOR);
			break;
		case 2:
			memset(s, what, BLOCKDEV_SECTOR);
			break;
		default:
			memcpy(s, md.now + (size_t)(what % SECTORS) * BLOCKDEV_SECTOR, BLOCKDEV_SECTOR);
			break;
		}
	}
}

static void check_log(const struct bs_region *r)
{
	struct bs_log log;
	uint64_t size;
	static const uint8_t more[100] = { 1, 2, 3 };

	if (bs_log_open(&log, r, log_mem, sizeof log_mem) != ZOS_OK)
		return;
	if (log.size > bs_log_capacity(&log) || log.size > SECTORS * BLOCKDEV_SECTOR)
		die("log longer than its region");
	if (bs_log_read(&log, 0, log_copy, log.size) != ZOS_OK)
		die("an open log does not read back");
	size = log.size;
	if (bs_log_write(&log, more, sizeof more) != ZOS_OK || bs_log_flush(&log) != ZOS_OK)
		return; /* full, or the control record is gone */
	if (bs_log_open(&log, r, log_mem, sizeof log_mem) != ZOS_OK || log.size != size + sizeof more)
		die("an appended and flushed log does not reopen with it");
}

struct walk {
	uint8_t prev[ZOS_KV_KEY_MAX];
	uint32_t prev_len;
};

static void check_list(struct bs_kv *kv)
{
	struct walk w = { { 0 }, 0 };
	uint32_t len = 0, count, pos = 4;
	int truncated = 0;

	if (bs_kv_list(kv, 0, 0, list, LIST_MAX, &len, &truncated) != ZOS_OK || len < 4)
		die("list failed");
	count = (uint32_t)(list[0] | list[1] << 8 | list[2] << 16 | (uint32_t)list[3] << 24);
	for (uint32_t i = 0; i < count; i++) {
		uint32_t kl = (uint32_t)(list[pos] | list[pos + 1] << 8), vl = 0;
		const uint8_t *k = list + pos + 2;
		int c;

		if (kl > ZOS_KV_KEY_MAX || pos + 2 + kl > len)
			die("list entry out of bounds");
		c = memcmp(w.prev, k, kl < w.prev_len ? kl : w.prev_len);
		if (i > 0 && (c > 0 || (c == 0 && w.prev_len >= kl)))
			die("list out of order");
		if (bs_kv_read(kv, k, kl, value, ZOS_KV_VALUE_MAX, &vl) != ZOS_OK)
			die("a listed key does not read");
		memcpy(w.prev, k, kl);
		w.prev_len = kl;
		pos += 2 + kl;
	}
	if (pos != len)
		die("list length disagrees with its entries");
}

static void check_kv(const struct bs_region *r)
{
	struct bs_kv kv;
	uint32_t vl = 0;
	int ret, exists = 1;

	if (kv_open(&kv, r) != ZOS_OK)
		return;
	check_list(&kv);
	ret = bs_kv_write(&kv, (const uint8_t *)"fz", 2, "value", 5);
	if (ret == ZOS_OK) {
		if (kv_open(&kv, r) != ZOS_OK)
			die("store does not reopen after a write");
		if (bs_kv_read(&kv, (const uint8_t *)"fz", 2, value, 16, &vl) != ZOS_OK || vl != 5 ||
		    memcmp(value, "value", 5) != 0)
			die("acknowledged write lost");
		check_list(&kv);
		if (bs_kv_delete(&kv, (const uint8_t *)"fz", 2) == ZOS_OK) {
			if (kv_open(&kv, r) != ZOS_OK || bs_kv_exists(&kv, (const uint8_t *)"fz", 2, &exists) != ZOS_OK ||
			    exists)
				die("acknowledged delete lost");
		}
	} else if (ret != ZOS_ERR_RESOURCE_EXHAUSTED && ret != ZOS_ERR_CORRUPT && ret != ZOS_ERR_INVALID_ARGUMENT) {
		die("write failed with an unexpected error");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bs_disk d;

	if (size < 1)
		return 0;
	memset(md.now, 0, sizeof image);
	if (data[0] % MODE_COUNT == MODE_MUTATE) {
		memcpy(md.now, image, sizeof image);
		mutate(data + 1, size - 1);
	} else {
		memcpy(md.now, data + 1, size - 1 < sizeof image ? size - 1 : sizeof image);
	}
	md.die_after = -1;
	md.dead = 0;
	if (bs_disk_open(&d, &md.dev, 0, 0) != ZOS_OK)
		return 0;
	for (uint32_t i = 0; i < d.count; i++) {
		if (d.region[i].kind == BS_REGION_LOG)
			check_log(&d.region[i]);
		else
			check_kv(&d.region[i]);
	}
	memdev_sync_all(&md); /* the pending list must not grow across inputs */
	return 0;
}
