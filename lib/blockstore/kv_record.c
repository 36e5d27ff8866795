/*
 * The key-value store's records on the disk (see kv_record.h): where a
 * half starts, sealing a record (header and CRC), writing it, and reading
 * bytes back through the window.
 */
#include "lib/blockstore/kv_record.h"

#include <zos/error.h>

#include "lib/bytes.h"
#include "lib/crc32c.h"
#include "lib/mem.h"

#define SECTOR BLOCKDEV_SECTOR

uint64_t bs_kv_half_lba(const struct bs_kv *kv, uint32_t h)
{
	return BS_CONTROL_SECTORS + (uint64_t)h * kv->half;
}

uint32_t bs_kv_sectors(uint32_t bytes)
{
	return (bytes + SECTOR - 1) / SECTOR;
}

uint32_t bs_kv_body_max(const struct bs_kv *kv)
{
	uint32_t room = kv->rec_max - BS_KV_HEADER;

	return room < ZOS_KV_BATCH_MAX ? room : ZOS_KV_BATCH_MAX;
}

uint32_t bs_kv_record_crc(const uint8_t *rec, uint32_t len)
{
	return zos_crc32c(zos_crc32c(0, rec, 32), rec + 36, len - 36);
}

uint32_t bs_kv_seal(struct bs_kv *kv, uint32_t len, uint32_t gen, uint32_t prev)
{
	uint8_t *h = kv->rec;
	uint32_t crc;

	zos_st32(h, BS_KV_MAGIC);
	zos_st32(h + 4, len);
	zos_st64(h + 8, kv->r->nonce);
	zos_st64(h + 16, kv->ctl.epoch);
	zos_st32(h + 24, gen);
	zos_st32(h + 28, prev);
	zos_st32(h + 36, 0);
	crc = bs_kv_record_crc(h, len);
	zos_st32(h + 32, crc);
	zos_memset(h + len, 0, bs_kv_sectors(len) * SECTOR - len);
	return crc;
}

int bs_kv_put(struct bs_kv *kv, uint32_t h, uint64_t at, uint32_t len)
{
	uint32_t n = bs_kv_sectors(len);

	if (at > kv->half || n > kv->half - at)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	return bs_region_write(kv->r, bs_kv_half_lba(kv, h) + at, n, kv->rec);
}

int bs_kv_get_bytes(struct bs_kv *kv, uint64_t pos, uint8_t *dst, uint32_t n)
{
	while (n > 0) {
		uint64_t lba = pos / SECTOR;
		uint32_t off = (uint32_t)(pos % SECTOR);
		uint32_t count = bs_kv_sectors(off + n);
		uint32_t chunk;
		int ret;

		if (count > BS_KV_WINDOW / SECTOR)
			count = BS_KV_WINDOW / SECTOR;
		ret = bs_region_read(kv->r, lba, count, kv->window);
		if (ret != ZOS_OK)
			return ret;
		chunk = count * SECTOR - off;
		if (chunk > n)
			chunk = n;
		zos_memcpy(dst, kv->window + off, chunk);
		dst += chunk;
		pos += chunk;
		n -= chunk;
	}
	return ZOS_OK;
}
