/*
 * A block device as the portable stores see it: fixed-size sectors, read
 * and written whole, and a flush that returns only once every write before
 * it is on stable media. Implemented by the x86_64 virtio-blk driver and by
 * the host tests' file- and memory-backed devices (which can drop unflushed
 * writes to simulate a power cut).
 *
 * Assumption the stores rely on: a single sector write is atomic (all of
 * the new sector or all of the old one after a crash); a write spanning
 * several sectors is not, and writes not yet flushed may be lost in any
 * subset.
 */
#ifndef ZOS_LIB_BLOCKDEV_H
#define ZOS_LIB_BLOCKDEV_H

#include <stdint.h>

#define BLOCKDEV_SECTOR 512u

struct blockdev {
	void *ctx;
	uint64_t sectors; /* capacity in BLOCKDEV_SECTOR units */
	/* count sectors from lba into buf; ZOS_OK or an error (ZOS_ERR_IO,
	 * ZOS_ERR_INVALID_ARGUMENT when past the end). */
	int (*read)(void *ctx, uint64_t lba, uint32_t count, void *buf);
	int (*write)(void *ctx, uint64_t lba, uint32_t count, const void *buf);
	/* Every completed write is durable once this returns ZOS_OK. */
	int (*flush)(void *ctx);
};

#endif
