/*
 * The file-backed block device (see blockfile.h).
 */
#define _GNU_SOURCE
#include "hal/hosted/blockfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zos/error.h>

static int range_ok(const struct blockfile *bf, uint64_t lba, uint32_t count)
{
	return count > 0 && lba < bf->dev.sectors && count <= bf->dev.sectors - lba;
}

/* All n bytes at sector lba, through pread or pwrite, however the kernel
 * splits them. */
static int transfer(struct blockfile *bf, uint64_t lba, uint32_t count, uint8_t *rd, const uint8_t *wr)
{
	size_t n = (size_t)count * BLOCKDEV_SECTOR, done = 0;

	if (!range_ok(bf, lba, count))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (wr && bf->failed)
		return ZOS_ERR_IO;
	while (done < n) {
		off_t at = (off_t)(lba * BLOCKDEV_SECTOR + done);
		ssize_t r = wr ? pwrite(bf->fd, wr + done, n - done, at) : pread(bf->fd, rd + done, n - done, at);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return ZOS_ERR_IO;
		done += (size_t)r;
	}
	return ZOS_OK;
}

static int bf_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	return transfer(ctx, lba, count, buf, 0);
}

static int bf_write(void *ctx, uint64_t lba, uint32_t count, const void *buf)
{
	return transfer(ctx, lba, count, 0, buf);
}

static int bf_flush(void *ctx)
{
	struct blockfile *bf = ctx;

	if (bf->failed || fdatasync(bf->fd) != 0) {
		bf->failed = 1; /* never retried: see blockfile.h */
		return ZOS_ERR_IO;
	}
	return ZOS_OK;
}

int blockfile_open(struct blockfile *bf, const char *path, int writable, uint64_t create_sectors)
{
	int flags = (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC;
	struct stat st;

	memset(bf, 0, sizeof *bf);
	if (create_sectors > 0)
		flags |= O_CREAT;
	bf->fd = open(path, flags, 0644);
	if (bf->fd < 0)
		return ZOS_ERR_IO;
	if (fstat(bf->fd, &st) != 0)
		goto io;
	if (st.st_size == 0 && create_sectors > 0) {
		if (ftruncate(bf->fd, (off_t)(create_sectors * BLOCKDEV_SECTOR)) != 0 || fstat(bf->fd, &st) != 0)
			goto io;
	}
	if (st.st_size <= 0 || st.st_size % BLOCKDEV_SECTOR != 0) {
		close(bf->fd);
		bf->fd = -1;
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	bf->dev.ctx = bf;
	bf->dev.sectors = (uint64_t)st.st_size / BLOCKDEV_SECTOR;
	bf->dev.read = bf_read;
	bf->dev.write = bf_write;
	bf->dev.flush = bf_flush;
	return ZOS_OK;
io:
	close(bf->fd);
	bf->fd = -1;
	return ZOS_ERR_IO;
}

void blockfile_close(struct blockfile *bf)
{
	if (bf->fd >= 0)
		close(bf->fd);
	bf->fd = -1;
}
