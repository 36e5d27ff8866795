/*
 * A memory-backed block device for the block-store tests, which can lose
 * power. It keeps two images: what a reader sees now, and what would
 * survive a power cut (everything flushed), plus the writes made since the
 * last flush. memdev_crash resolves those writes as a power cut could: each
 * is lost or kept, and a multi-sector one may keep any subset of its
 * sectors, even part of one (only a single-sector write is all or nothing,
 * as blockdev.h promises).
 *
 * Failure injection: die_after counts device calls (write or flush); the
 * call that brings it to zero fails with ZOS_ERR_IO, as does every later
 * one, until memdev_crash (the power comes back).
 */
#ifndef ZOS_TEST_MEMDEV_H
#define ZOS_TEST_MEMDEV_H

#include <stdint.h>

#include "lib/blockstore/blockdev.h"
#include "rng.h"

struct memdev_write {
	uint64_t lba;
	uint32_t count;
	uint8_t *data;
};

struct memdev {
	struct blockdev dev;
	uint8_t *now;             /* what reads return */
	uint8_t *durable;         /* what survives a crash */
	struct memdev_write *pending;
	uint32_t npending, cap;
	struct rng rng;           /* the crash's choices */
	int64_t die_after;        /* < 0: never */
	int dead;
	uint64_t writes, flushes, sectors_written;
};

int memdev_init(struct memdev *m, uint64_t sectors, uint64_t seed);
void memdev_free(struct memdev *m);
/* A power cut now: the unflushed writes survive in a random subset (torn
 * at sector granularity), the device comes back alive. */
void memdev_crash(struct memdev *m);
/* The same without losing anything: every write reaches the disk. */
void memdev_sync_all(struct memdev *m);

#endif
