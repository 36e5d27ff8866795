/*
 * The CommitLog region (see logstore.h).
 *
 * Data sector (region sector 2 + index):
 *   off size field
 *     0    4 magic "ZLGS"
 *     4    2 bytes of stream used (0..480; 480: the stream goes on)
 *     6    2 zero
 *     8    8 nonce (the disk's)
 *    16    8 epoch of the session that wrote it
 *    24    4 index (its place in the stream)
 *    28    4 CRC-32C of the sector with this field taken as zero
 *    32  480 stream bytes (the unused part zero)
 *
 * Appending fills the stage (images of sectors stage_base onwards). A full
 * stage goes out at once; a flush writes what is staged, with the last
 * sector partly filled, then flushes the device, and keeps that last
 * sector as stage[0] (stage_durable bytes of it now flushed). Whenever
 * stage[0] holds flushed bytes it is written on its own, a single-sector
 * write; sectors after it hold only unflushed bytes and may go out
 * together. Nothing else ever writes a sector below stage_base.
 */
#include "lib/blockstore/logstore.h"

#include <zos/error.h>

#include "lib/bytes.h"
#include "lib/crc32c.h"
#include "lib/mem.h"

static uint8_t *stage_sector(struct bs_log *l, uint32_t i)
{
	return l->stage + (size_t)i * BLOCKDEV_SECTOR;
}

static uint32_t sector_crc(const uint8_t *s)
{
	static const uint8_t zero[4];
	uint32_t c = zos_crc32c(0, s, 28);
	c = zos_crc32c(c, zero, 4);
	return zos_crc32c(c, s + 32, BLOCKDEV_SECTOR - 32);
}

/* Fills the header of a sector image whose payload is in place. */
static void seal(const struct bs_log *l, uint8_t *s, uint64_t index, uint32_t used)
{
	zos_st32(s, BS_LOG_MAGIC);
	s[4] = (uint8_t)used;
	s[5] = (uint8_t)(used >> 8);
	s[6] = 0;
	s[7] = 0;
	zos_st64(s + 8, l->r->nonce);
	zos_st64(s + 16, l->ctl.epoch);
	zos_st32(s + 24, (uint32_t)index);
	zos_memset(s + BS_LOG_HEADER + used, 0, BS_LOG_PAYLOAD - used);
	zos_st32(s + 28, sector_crc(s));
}

/* Bytes used by the sector image s at index, or -1 when it does not check
 * out. *epoch must hold the previous sector's epoch and gets this one's. */
static int check(const struct bs_log *l, const uint8_t *s, uint64_t index, uint64_t *epoch)
{
	uint32_t used = (uint32_t)s[4] | (uint32_t)s[5] << 8;
	uint64_t e = zos_le64(s + 16);

	if (zos_le32(s) != BS_LOG_MAGIC || used > BS_LOG_PAYLOAD || s[6] || s[7])
		return -1;
	if (zos_le64(s + 8) != l->r->nonce || zos_le32(s + 24) != (uint32_t)index)
		return -1;
	if (e < *epoch || e > l->ctl.epoch || zos_le32(s + 28) != sector_crc(s))
		return -1;
	*epoch = e;
	return (int)used;
}

/* ---- open: find the end of the stream ---------------------------------- */

/* Walks the data sectors; on return l->size is the stream's length and the
 * stage holds its last, partly filled sector. */
static int scan(struct bs_log *l)
{
	uint64_t index = 0, epoch = 0;

	while (index < l->data_sectors) {
		uint64_t left = l->data_sectors - index;
		uint32_t n = left < l->bounce_sectors ? (uint32_t)left : l->bounce_sectors;
		int ret = bs_region_read(l->r, BS_CONTROL_SECTORS + index, n, l->bounce);

		if (ret != ZOS_OK)
			return ret;
		for (uint32_t i = 0; i < n; i++, index++) {
			const uint8_t *s = l->bounce + (size_t)i * BLOCKDEV_SECTOR;
			int used = check(l, s, index, &epoch);
			if (used < 0)
				used = 0;
			l->size += (uint32_t)used;
			if ((uint32_t)used < BS_LOG_PAYLOAD) {
				zos_memcpy(stage_sector(l, 0), s, BLOCKDEV_SECTOR);
				l->stage_base = index;
				l->stage_fill = l->stage_durable = (uint32_t)used;
				return ZOS_OK;
			}
		}
	}
	l->stage_base = l->data_sectors; /* every sector full: the log is full */
	return ZOS_OK;
}

int bs_log_open(struct bs_log *l, const struct bs_region *r, void *mem, size_t mem_size)
{
	uint32_t sectors = (uint32_t)((mem_size > (1u << 30) ? (1u << 30) : mem_size) / BLOCKDEV_SECTOR);
	int ret;

	zos_memset(l, 0, sizeof *l);
	if (!r || r->kind != BS_REGION_LOG || !mem || mem_size < BS_LOG_MEM_MIN ||
	    r->sectors <= BS_CONTROL_SECTORS + 1)
		return ZOS_ERR_INVALID_ARGUMENT;
	l->r = r;
	l->data_sectors = r->sectors - BS_CONTROL_SECTORS;
	/* The stream's byte offsets fit in 32-bit sector indexes. */
	if (l->data_sectors > 0xFFFFFFFFull)
		l->data_sectors = 0xFFFFFFFFull;
	l->stage = mem;
	l->stage_sectors = sectors / 2;
	l->bounce = l->stage + (size_t)l->stage_sectors * BLOCKDEV_SECTOR;
	l->bounce_sectors = sectors - l->stage_sectors;
	ret = bs_control_load(r, &l->ctl);
	if (ret == ZOS_OK)
		ret = scan(l);
	if (ret != ZOS_OK)
		l->failed = ret;
	return ret;
}

uint64_t bs_log_capacity(const struct bs_log *l)
{
	return l->data_sectors * BS_LOG_PAYLOAD;
}

/* ---- reading ------------------------------------------------------------ */

/* Stream bytes of data sector index, checked again, into the bounce. */
static int read_sectors(struct bs_log *l, uint64_t index, uint32_t n)
{
	int ret = bs_region_read(l->r, BS_CONTROL_SECTORS + index, n, l->bounce);
	uint64_t epoch = 0;

	if (ret != ZOS_OK)
		return ret;
	for (uint32_t i = 0; i < n; i++) {
		/* Epoch order was checked at open; here each sector on its own. */
		epoch = 0;
		if (check(l, l->bounce + (size_t)i * BLOCKDEV_SECTOR, index + i, &epoch) < 0)
			return ZOS_ERR_CORRUPT;
	}
	return ZOS_OK;
}

int bs_log_read(struct bs_log *l, uint64_t off, void *buf, size_t n)
{
	uint8_t *out = buf;

	if (off > l->size || n > l->size - off)
		return ZOS_ERR_INVALID_ARGUMENT;
	while (n > 0) {
		uint64_t index = off / BS_LOG_PAYLOAD;
		const uint8_t *s;
		uint32_t k = 1;

		if (index >= l->stage_base) {
			s = stage_sector(l, (uint32_t)(index - l->stage_base));
		} else {
			uint64_t left = l->stage_base - index;
			int ret;
			k = left < l->bounce_sectors ? (uint32_t)left : l->bounce_sectors;
			ret = read_sectors(l, index, k);
			if (ret != ZOS_OK)
				return ret;
			s = l->bounce;
		}
		for (uint32_t i = 0; i < k && n > 0; i++) {
			uint32_t in = (uint32_t)(off % BS_LOG_PAYLOAD);
			uint32_t chunk = BS_LOG_PAYLOAD - in;
			if (chunk > n)
				chunk = (uint32_t)n;
			zos_memcpy(out, s + (size_t)i * BLOCKDEV_SECTOR + BS_LOG_HEADER + in, chunk);
			out += chunk;
			off += chunk;
			n -= chunk;
		}
	}
	return ZOS_OK;
}

/* ---- appending ------------------------------------------------------------ */

/* The first write of a session bumps the epoch, durably, before anything
 * of the session reaches a data sector. */
static int begin_writing(struct bs_log *l)
{
	int ret;

	if (l->writing)
		return ZOS_OK;
	ret = bs_control_next_epoch(l->r, &l->ctl);
	l->writing = ret == ZOS_OK;
	return ret;
}

/* Writes stage sectors [0, n): stage[0] alone when it holds flushed bytes. */
static int emit(struct bs_log *l, uint32_t n)
{
	uint64_t lba = BS_CONTROL_SECTORS + l->stage_base;
	int ret = ZOS_OK;

	for (uint32_t i = 0; i < n; i++) {
		uint32_t done = i * BS_LOG_PAYLOAD;
		uint32_t used = l->stage_fill - done > BS_LOG_PAYLOAD ? BS_LOG_PAYLOAD : l->stage_fill - done;
		seal(l, stage_sector(l, i), l->stage_base + i, used);
	}
	l->unflushed = 1;
	if (l->stage_durable > 0) {
		ret = bs_region_write(l->r, lba, 1, stage_sector(l, 0));
		if (ret != ZOS_OK || n == 1)
			return ret;
		return bs_region_write(l->r, lba + 1, n - 1, stage_sector(l, 1));
	}
	return bs_region_write(l->r, lba, n, stage_sector(l, 0));
}

static int fail(struct bs_log *l, int ret)
{
	if (ret != ZOS_OK && l->failed == ZOS_OK)
		l->failed = ret;
	return ret;
}

int bs_log_write(void *ctx, const uint8_t *data, size_t len)
{
	struct bs_log *l = ctx;
	uint32_t stage_bytes = l->stage_sectors * BS_LOG_PAYLOAD;
	int ret;

	if (l->failed != ZOS_OK)
		return l->failed;
	if (len > bs_log_capacity(l) - l->size)
		return ZOS_ERR_RESOURCE_EXHAUSTED; /* the log stays as it was */
	ret = begin_writing(l);
	if (ret != ZOS_OK)
		return fail(l, ret);
	while (len > 0) {
		uint32_t at = l->stage_fill;
		uint32_t chunk = BS_LOG_PAYLOAD - at % BS_LOG_PAYLOAD;

		if (at == stage_bytes) {
			ret = emit(l, l->stage_sectors);
			if (ret != ZOS_OK)
				return fail(l, ret);
			l->stage_base += l->stage_sectors;
			l->stage_fill = l->stage_durable = 0;
			continue;
		}
		if (chunk > len)
			chunk = (uint32_t)len;
		zos_memcpy(stage_sector(l, at / BS_LOG_PAYLOAD) + BS_LOG_HEADER + at % BS_LOG_PAYLOAD, data,
			   chunk);
		l->stage_fill += chunk;
		l->size += chunk;
		data += chunk;
		len -= chunk;
	}
	return ZOS_OK;
}

int bs_log_flush(void *ctx)
{
	struct bs_log *l = ctx;
	uint32_t n = (l->stage_fill + BS_LOG_PAYLOAD - 1) / BS_LOG_PAYLOAD;
	uint32_t last;
	int ret = ZOS_OK;

	if (l->failed != ZOS_OK)
		return l->failed;
	if (l->stage_fill > l->stage_durable)
		ret = emit(l, n);
	if (ret == ZOS_OK && l->unflushed)
		ret = bs_region_flush(l->r); /* durable here */
	if (ret != ZOS_OK)
		return fail(l, ret);
	l->unflushed = 0;
	if (n == 0)
		return ZOS_OK;
	/* Keep the last sector staged if it has room left. */
	last = l->stage_fill - (n - 1) * BS_LOG_PAYLOAD;
	if (last == BS_LOG_PAYLOAD) {
		l->stage_base += n;
		l->stage_fill = l->stage_durable = 0;
		return ZOS_OK;
	}
	if (n > 1)
		zos_memcpy(stage_sector(l, 0), stage_sector(l, n - 1), BLOCKDEV_SECTOR);
	l->stage_base += n - 1;
	l->stage_fill = l->stage_durable = last;
	return ZOS_OK;
}

int bs_log_store_anchor(struct bs_log *l, const uint8_t anchor[BS_CONTROL_ANCHOR])
{
	struct bs_control next = l->ctl;
	int ret;

	if (l->failed != ZOS_OK)
		return l->failed;
	zos_memcpy(next.anchor, anchor, BS_CONTROL_ANCHOR);
	ret = bs_control_store(l->r, &next);
	if (ret != ZOS_OK)
		return fail(l, ret);
	l->ctl = next;
	return ZOS_OK;
}

void bs_log_anchor(const struct bs_log *l, uint8_t anchor[BS_CONTROL_ANCHOR])
{
	zos_memcpy(anchor, l->ctl.anchor, BS_CONTROL_ANCHOR);
}

/* Rewrites data sector index with its first used bytes (read back from the
 * disk) under a new epoch: the stream now ends there. */
static int cut_at(struct bs_log *l, uint64_t index, uint32_t used)
{
	uint8_t *s = stage_sector(l, 0);
	int ret = ZOS_OK;

	if (used > 0) {
		ret = read_sectors(l, index, 1);
		if (ret != ZOS_OK)
			return ret;
		zos_memcpy(s, l->bounce, BLOCKDEV_SECTOR);
	}
	seal(l, s, index, used);
	ret = bs_region_write(l->r, BS_CONTROL_SECTORS + index, 1, s);
	if (ret == ZOS_OK)
		ret = bs_region_flush(l->r); /* the cut is durable here */
	if (ret != ZOS_OK)
		return ret;
	l->stage_base = index;
	l->stage_fill = l->stage_durable = used;
	l->unflushed = 0;
	return ZOS_OK;
}

int bs_log_truncate(void *ctx, size_t len)
{
	struct bs_log *l = ctx;
	int ret;

	if (l->failed != ZOS_OK)
		return l->failed;
	if (len > l->size)
		return ZOS_ERR_INVALID_ARGUMENT;
	ret = bs_log_flush(l);
	if (ret != ZOS_OK || len == l->size)
		return ret;
	ret = begin_writing(l);
	if (ret != ZOS_OK)
		return fail(l, ret);
	/* A new epoch: sectors after the cut, written in this one, are then
	 * older than the cut sector and can never rejoin the stream. */
	ret = bs_control_next_epoch(l->r, &l->ctl);
	if (ret != ZOS_OK)
		return fail(l, ret);
	ret = cut_at(l, len / BS_LOG_PAYLOAD, (uint32_t)(len % BS_LOG_PAYLOAD));
	if (ret != ZOS_OK)
		return fail(l, ret);
	l->size = len;
	return ZOS_OK;
}
