/*
 * A block device on a Linux file (lib/blockstore/blockdev.h): sectors are
 * the file's 512-byte blocks, writes are pwrite, a flush is fdatasync. For
 * the host tools (zos-disk) and the block-store benchmark; a disk image
 * made with it is exactly what QEMU's virtio-blk shows the x86_64 platform.
 *
 * As on the CommitLog file, a failed fdatasync is final: every later call
 * fails, because the file's state after it is unknown.
 */
#ifndef ZOS_HAL_HOSTED_BLOCKFILE_H
#define ZOS_HAL_HOSTED_BLOCKFILE_H

#include <stdint.h>

#include "lib/blockstore/blockdev.h"

struct blockfile {
	struct blockdev dev;
	int fd;
	int failed;
};

/* Opens path (read-only unless writable). With create_sectors > 0 the file
 * is created if missing and a new one sized to that many sectors. Returns
 * ZOS_OK, or ZOS_ERR_IO with errno telling why; a file whose size is not a
 * whole number of sectors is INVALID_ARGUMENT. */
int blockfile_open(struct blockfile *bf, const char *path, int writable, uint64_t create_sectors);
void blockfile_close(struct blockfile *bf);

#endif
