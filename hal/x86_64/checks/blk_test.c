/*
 * The disk self-tests (see blk_test.h). Sector contents are a pattern
 * computed from (seed, sector number, word), so a sector read back from
 * the wrong place, or stale, or half written, never compares equal.
 */
#include "hal/x86_64/checks/blk_test.h"

#include <zos/error.h>

#include "hal/x86_64/drivers/clock.h"
#include "hal/x86_64/cpu/cpu.h"
#include "hal/x86_64/drivers/entropy.h"
#include "hal/x86_64/mem/kheap.h"
#include "hal/x86_64/kprint.h"
#include "hal/x86_64/drivers/virtio_blk.h"
#include "lib/bytes.h"
#include "lib/mem.h"

#define SECTOR BLOCKDEV_SECTOR
#define WORDS (SECTOR / 8)
#define TEST_LBA 1
#define TEST_SECTORS 300u        /* more than two requests' worth: split three ways */
#define REREAD_CHUNK 7u          /* re-read in pieces that straddle request boundaries */
#define BENCH_LBA 1024u
#define BENCH_IO_SECTORS 8u      /* 4 KiB requests */
#define BENCH_BYTES (4u << 20)
#define PERSIST_SECTORS 2048u    /* 1 MiB after the header sector */
#define PERSIST_MAGIC "ZOSBLKT1"

static int failures;

static void check(const char *what, int ok)
{
	kprintf("  blk: %-52s %s\n", what, ok ? "ok" : "FAILED");
	if (!ok)
		failures++;
}

/* A 64-bit mixer (splitmix64's finaliser): neighbours look unrelated. */
static uint64_t mix(uint64_t x)
{
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static void fill(uint8_t *buf, uint64_t seed, uint64_t lba, uint32_t count)
{
	for (uint64_t s = 0; s < count; s++)
		for (uint32_t w = 0; w < WORDS; w++)
			zos_st64(buf + s * SECTOR + w * 8, mix(seed ^ ((lba + s) * WORDS + w)));
}

static uint64_t fresh_seed(void)
{
	uint8_t b[8];

	if (entropy_fill(b, sizeof b) != ZOS_OK)
		return mix(rdtsc());
	return zos_le64(b);
}

/* Writes, flushes and reads back count patterned sectors at lba. */
static void roundtrip(struct blockdev *d, uint8_t *w, uint8_t *r, uint64_t lba, uint32_t count)
{
	int ok = 1;

	fill(w, 0x5eed, lba, count);
	check("write 300 sectors (three requests)", d->write(d->ctx, lba, count, w) == ZOS_OK);
	check("flush", d->flush(d->ctx) == ZOS_OK);
	zos_memset(r, 0, (size_t)count * SECTOR);
	check("read them back in one call", d->read(d->ctx, lba, count, r) == ZOS_OK &&
						    zos_memcmp(w, r, (size_t)count * SECTOR) == 0);
	zos_memset(r, 0, (size_t)count * SECTOR);
	for (uint32_t i = 0; i < count; i += REREAD_CHUNK) {
		uint32_t n = count - i < REREAD_CHUNK ? count - i : REREAD_CHUNK;
		ok &= d->read(d->ctx, lba + i, n, r + (size_t)i * SECTOR) == ZOS_OK;
	}
	check("read them back 7 sectors at a time", ok && zos_memcmp(w, r, (size_t)count * SECTOR) == 0);
}

static void last_sector_and_bounds(struct blockdev *d, uint8_t *w, uint8_t *r)
{
	uint64_t last = d->sectors - 1;

	fill(w, 0x1a57, last, 1);
	zos_memset(r, 0, SECTOR);
	check("the last sector written and read back",
	      d->write(d->ctx, last, 1, w) == ZOS_OK && d->read(d->ctx, last, 1, r) == ZOS_OK &&
		      zos_memcmp(w, r, SECTOR) == 0);
	check("read past the end refused",
	      d->read(d->ctx, d->sectors, 1, r) == ZOS_ERR_INVALID_ARGUMENT);
	check("write across the end refused",
	      d->write(d->ctx, last, 2, w) == ZOS_ERR_INVALID_ARGUMENT);
	check("sector number that wraps around refused",
	      d->read(d->ctx, ~0ull, 2, r) == ZOS_ERR_INVALID_ARGUMENT);
	check("no buffer refused", d->read(d->ctx, 0, 1, 0) == ZOS_ERR_INVALID_ARGUMENT);
}

static void print_rate(const char *what, uint64_t ios, uint64_t bytes, uint64_t ns)
{
	uint64_t tenths = ns ? bytes * 10000 / ns : 0; /* MB/s (10^6 bytes) in tenths */

	if (!ns)
		ns = 1;
	kprintf("blk: %s: %llu x 4 KiB in %llu ms: %llu.%llu MB/s, %llu sectors/s\n", what,
		(unsigned long long)ios, (unsigned long long)(ns / 1000000),
		(unsigned long long)(tenths / 10), (unsigned long long)(tenths % 10),
		(unsigned long long)(bytes / SECTOR * 1000000000ull / ns));
}

/* Sequential 4 KiB requests: writes then one flush, then reads. */
static void bench(struct blockdev *d, uint8_t *buf)
{
	uint64_t room = d->sectors > BENCH_LBA ? d->sectors - BENCH_LBA : 0;
	uint64_t ios = room * SECTOR < BENCH_BYTES ? room / BENCH_IO_SECTORS : BENCH_BYTES / 4096;
	uint64_t t0, tw, t1, t2;
	int ok = 1;

	if (ios == 0) {
		kprintf("blk: disk too small to measure the rate\n");
		return;
	}
	fill(buf, 0xbe4c, BENCH_LBA, BENCH_IO_SECTORS);
	t0 = clock_now_ns();
	for (uint64_t i = 0; i < ios; i++)
		ok &= d->write(d->ctx, BENCH_LBA + i * BENCH_IO_SECTORS, BENCH_IO_SECTORS, buf) == ZOS_OK;
	tw = clock_now_ns();
	ok &= d->flush(d->ctx) == ZOS_OK;
	t1 = clock_now_ns();
	for (uint64_t i = 0; i < ios; i++)
		ok &= d->read(d->ctx, BENCH_LBA + i * BENCH_IO_SECTORS, BENCH_IO_SECTORS, buf) == ZOS_OK;
	t2 = clock_now_ns();
	check("sequential 4 KiB writes, flush and reads", ok);
	print_rate("sequential 4 KiB writes + flush", ios, ios * 4096, t1 - t0);
	print_rate("sequential 4 KiB reads", ios, ios * 4096, t2 - t1);
	kprintf("blk: of the writes' time, the final flush took %llu ms\n",
		(unsigned long long)((t1 - tw) / 1000000));
}

/* buf holds 2 * TEST_SECTORS: what is written, then what is read. */
static void full_test(struct blockdev *d, uint8_t *buf)
{
	uint8_t *w = buf, *r = buf + (size_t)TEST_SECTORS * SECTOR;

	if (d->sectors < TEST_LBA + TEST_SECTORS) {
		check("scratch disk large enough", 0);
		return;
	}
	roundtrip(d, w, r, TEST_LBA, TEST_SECTORS);
	last_sector_and_bounds(d, w, r);
	bench(d, w);
}

/* Sector 0 of the scratch disk names the pattern in sectors 1.. . */
static void persist_header(uint8_t *sec, uint64_t seed)
{
	zos_memset(sec, 0, SECTOR);
	zos_memcpy(sec, PERSIST_MAGIC, 8);
	zos_st64(sec + 8, seed);
	zos_st64(sec + 16, PERSIST_SECTORS);
}

/* The header goes last, after a flush: present means the data is there. */
static void persist_write(struct blockdev *d, uint8_t *buf)
{
	uint64_t seed = fresh_seed();
	uint8_t hdr[SECTOR];

	zos_memset(hdr, 0, SECTOR);
	check("old header cleared", d->write(d->ctx, 0, 1, hdr) == ZOS_OK && d->flush(d->ctx) == ZOS_OK);
	fill(buf, seed, 1, PERSIST_SECTORS);
	check("pattern written and flushed", d->write(d->ctx, 1, PERSIST_SECTORS, buf) == ZOS_OK &&
						    d->flush(d->ctx) == ZOS_OK);
	persist_header(hdr, seed);
	check("header written and flushed", d->write(d->ctx, 0, 1, hdr) == ZOS_OK &&
						   d->flush(d->ctx) == ZOS_OK);
	kprintf("blk: persistence pattern seed %016llx, %u sectors\n", (unsigned long long)seed,
		PERSIST_SECTORS);
}

static void persist_verify(struct blockdev *d, uint8_t *buf)
{
	uint8_t hdr[SECTOR], want[SECTOR];
	uint64_t seed;
	int ok;

	ok = d->read(d->ctx, 0, 1, hdr) == ZOS_OK;
	seed = zos_le64(hdr + 8);
	persist_header(want, seed);
	check("header from the earlier boot found", ok && zos_memcmp(hdr, want, SECTOR) == 0);
	if (failures)
		return;
	kprintf("blk: persistence pattern seed %016llx, %u sectors\n", (unsigned long long)seed,
		PERSIST_SECTORS);
	ok = d->read(d->ctx, 1, PERSIST_SECTORS, buf) == ZOS_OK;
	fill(buf + (size_t)PERSIST_SECTORS * SECTOR, seed, 1, PERSIST_SECTORS);
	check("pattern read back equal", ok && zos_memcmp(buf, buf + (size_t)PERSIST_SECTORS * SECTOR,
						       (size_t)PERSIST_SECTORS * SECTOR) == 0);
}

/* A disk whose writes and flushes fail (QEMU's blkdebug injects EIO). */
static void eio_test(struct blockdev *d, uint8_t *buf)
{
	fill(buf, 0xe10, 0, 1);
	check("a write the disk fails: IO error", d->write(d->ctx, 0, 1, buf) == ZOS_ERR_IO);
	check("the disk still reads", d->read(d->ctx, 0, 1, buf) == ZOS_OK);
	check("a flush the disk fails: IO error", d->flush(d->ctx) == ZOS_ERR_IO);
}

/* A disk throttled so hard that the second large read cannot finish in
 * time: the request times out, then the disk refuses everything at once. */
static void slow_test(struct blockdev *d, uint8_t *buf)
{
	uint64_t t0, t1, t2;
	int first, second, third;

	first = d->read(d->ctx, 0, VBLK_MAX_SECTORS, buf);
	t0 = clock_now_ns();
	second = d->read(d->ctx, 0, VBLK_MAX_SECTORS, buf);
	t1 = clock_now_ns();
	third = d->read(d->ctx, 0, 1, buf);
	t2 = clock_now_ns();
	check("a first read in time", first == ZOS_OK);
	check("a read without an answer: IO error after the timeout",
	      second == ZOS_ERR_IO && t1 - t0 >= VBLK_TIMEOUT_MS * 1000000ull);
	check("the stopped disk refuses the next request at once",
	      third == ZOS_ERR_IO && t2 - t1 < 100000000ull);
	kprintf("blk: the timeout took %llu ms\n", (unsigned long long)((t1 - t0) / 1000000));
}

static void run(const char *name, const char *serial, void (*test)(struct blockdev *, uint8_t *),
		uint32_t buf_sectors)
{
	struct blockdev *d = virtio_blk_find(serial);
	uint8_t *buf = 0;

	failures = 0;
	kprintf("blk: %s on the disk with serial %s\n", name, serial);
	if (!d)
		check("a disk with that serial", 0);
	else if (!(buf = kalloc((size_t)buf_sectors * SECTOR)))
		check("memory for the test buffer", 0);
	else
		test(d, buf);
	kfree(buf, (size_t)buf_sectors * SECTOR);
	kprintf("blk: %s %s\n", name, failures ? "FAIL" : "PASS");
}

void blk_test_run(const struct boot_info *bi)
{
	if (bootinfo_has_option(bi, "zos.test=blk"))
		run("self-test", BLK_TEST_SERIAL, full_test, 2 * TEST_SECTORS);
	if (bootinfo_has_option(bi, "zos.test=blk-write"))
		run("persistence write", BLK_TEST_SERIAL, persist_write, PERSIST_SECTORS);
	if (bootinfo_has_option(bi, "zos.test=blk-verify"))
		run("persistence verify", BLK_TEST_SERIAL, persist_verify, 2 * PERSIST_SECTORS);
	if (bootinfo_has_option(bi, "zos.test=blk-faults")) {
		run("fault test", BLK_EIO_SERIAL, eio_test, 1);
		run("timeout test", BLK_SLOW_SERIAL, slow_test, VBLK_MAX_SECTORS);
	}
}
