/*
 * The superblock and the region table (see disk.h).
 *
 * Superblock (sectors 0 and 1, identical):
 *   off size field
 *     0    8 magic "ZOSDISK1"
 *     8    4 version (1)
 *    12    4 region count (1..8)
 *    16    8 disk size in sectors at format
 *    24    8 nonce
 *    32  256 region table: 8 entries of 32 bytes
 *              0 u32 kind, 4 u32 zero, 8 u64 start, 16 u64 sectors,
 *              24 label (8 bytes, NUL-padded)
 *   288  220 zero
 *   508    4 CRC-32C of bytes 0..507
 *
 * Format writes every region's initial state, flushes, then writes the
 * superblock and flushes again: until the superblock is on the disk, the
 * disk still reads as blank (or as whatever it was), never as half made.
 */
#include "lib/blockstore/disk.h"

#include <zos/error.h>

#include "lib/blockstore/control.h"
#include "lib/bytes.h"
#include "lib/crc32c.h"
#include "lib/mem.h"

static const uint8_t disk_magic[8] = { 'Z', 'O', 'S', 'D', 'I', 'S', 'K', '1' };

/* The smallest region of each kind: control slots and a few data sectors. */
#define BS_REGION_MIN_SECTORS 16u

static uint64_t align_up(uint64_t v)
{
	return (v + BS_REGION_ALIGN - 1) / BS_REGION_ALIGN * BS_REGION_ALIGN;
}

static int kind_ok(uint32_t kind)
{
	return kind == BS_REGION_LOG || kind == BS_REGION_KV;
}

/* Lays the spec out on a disk of total sectors, filling d's table. */
static int plan(struct bs_disk *d, const struct bs_layout *l, uint64_t total)
{
	uint64_t at = BS_FIRST_REGION_LBA;

	if (l->count == 0 || l->count > BS_MAX_REGIONS)
		return ZOS_ERR_INVALID_ARGUMENT;
	for (uint32_t i = 0; i < l->count; i++) {
		const struct bs_region_spec *s = &l->region[i];
		struct bs_region *r = &d->region[i];
		uint64_t n = s->sectors;

		if (!kind_ok(s->kind) || zos_strnlen(s->label, sizeof s->label) > BS_LABEL_MAX)
			return ZOS_ERR_INVALID_ARGUMENT;
		at = align_up(at);
		if (at >= total)
			return ZOS_ERR_INVALID_ARGUMENT;
		if (n == 0 && i + 1 != l->count)
			return ZOS_ERR_INVALID_ARGUMENT;
		if (n == 0)
			n = total - at;
		if (n < BS_REGION_MIN_SECTORS || n > total - at)
			return ZOS_ERR_INVALID_ARGUMENT;
		zos_memset(r, 0, sizeof *r);
		r->kind = s->kind;
		zos_memcpy(r->label, s->label, zos_strnlen(s->label, BS_LABEL_MAX));
		r->start = at;
		r->sectors = n;
		at += n;
	}
	d->count = l->count;
	return ZOS_OK;
}

static void encode_super(const struct bs_disk *d, uint8_t *s)
{
	zos_memset(s, 0, BLOCKDEV_SECTOR);
	zos_memcpy(s, disk_magic, sizeof disk_magic);
	zos_st32(s + 8, BS_DISK_VERSION);
	zos_st32(s + 12, d->count);
	zos_st64(s + 16, d->sectors);
	zos_st64(s + 24, d->nonce);
	for (uint32_t i = 0; i < d->count; i++) {
		uint8_t *e = s + 32 + 32 * i;
		zos_st32(e, d->region[i].kind);
		zos_st64(e + 8, d->region[i].start);
		zos_st64(e + 16, d->region[i].sectors);
		zos_memcpy(e + 24, d->region[i].label, zos_strnlen(d->region[i].label, BS_LABEL_MAX));
	}
	zos_st32(s + 508, zos_crc32c(0, s, 508));
}

/* One table entry, checked against the disk and the entries before it. */
static int decode_region(struct bs_disk *d, uint32_t i, const uint8_t *e)
{
	struct bs_region *r = &d->region[i];

	zos_memset(r, 0, sizeof *r);
	r->kind = zos_le32(e);
	r->start = zos_le64(e + 8);
	r->sectors = zos_le64(e + 16);
	zos_memcpy(r->label, e + 24, BS_LABEL_MAX);
	if (!kind_ok(r->kind) || zos_le32(e + 4) != 0)
		return 0;
	if (r->start < BS_FIRST_REGION_LBA || r->start > d->sectors ||
	    r->sectors < BS_REGION_MIN_SECTORS || r->sectors > d->sectors - r->start)
		return 0;
	/* Regions are stored in disk order and never overlap. */
	if (i > 0 && r->start < d->region[i - 1].start + d->region[i - 1].sectors)
		return 0;
	return 1;
}

/* 1 when s is a superblock this code can use, decoded into d. */
static int decode_super(struct bs_disk *d, const uint8_t *s)
{
	if (zos_memcmp(s, disk_magic, sizeof disk_magic) != 0 || zos_le32(s + 8) != BS_DISK_VERSION)
		return 0;
	if (zos_le32(s + 508) != zos_crc32c(0, s, 508))
		return 0;
	d->count = zos_le32(s + 12);
	d->sectors = zos_le64(s + 16);
	d->nonce = zos_le64(s + 24);
	if (d->count == 0 || d->count > BS_MAX_REGIONS)
		return 0;
	for (uint32_t i = 0; i < d->count; i++)
		if (!decode_region(d, i, s + 32 + 32 * i))
			return 0;
	return 1;
}

static int all_zero(const uint8_t *p, uint32_t n)
{
	uint8_t acc = 0;
	for (uint32_t i = 0; i < n; i++)
		acc |= p[i];
	return acc == 0;
}

static void bind_regions(struct bs_disk *d, const struct blockdev *dev)
{
	d->dev = dev;
	for (uint32_t i = 0; i < d->count; i++) {
		d->region[i].dev = dev;
		d->region[i].nonce = d->nonce;
	}
}

static void spec(struct bs_region_spec *s, uint32_t kind, const char *label, uint64_t sectors)
{
	zos_memset(s, 0, sizeof *s);
	s->kind = kind;
	zos_strlcpy(s->label, label, sizeof s->label);
	s->sectors = sectors;
}

void bs_layout_system(struct bs_layout *l, uint64_t disk_sectors)
{
	zos_memset(l, 0, sizeof *l);
	l->count = 2;
	spec(&l->region[0], BS_REGION_LOG, BS_LABEL_LOG, align_up(disk_sectors / 2));
	spec(&l->region[1], BS_REGION_KV, BS_LABEL_STORAGE, 0);
}

void bs_layout_keystore(struct bs_layout *l)
{
	zos_memset(l, 0, sizeof *l);
	l->count = 1;
	spec(&l->region[0], BS_REGION_KV, BS_LABEL_KEYSTORE, 0);
}

int bs_disk_format(struct bs_disk *d, const struct blockdev *dev, const struct bs_layout *layout,
		   uint64_t nonce)
{
	uint8_t s[BS_SUPER_SECTORS][BLOCKDEV_SECTOR];
	int ret;

	zos_memset(d, 0, sizeof *d);
	if (!dev || !layout || dev->sectors <= BS_FIRST_REGION_LBA)
		return ZOS_ERR_INVALID_ARGUMENT;
	ret = plan(d, layout, dev->sectors);
	if (ret != ZOS_OK)
		return ret;
	d->sectors = dev->sectors;
	d->nonce = nonce;
	bind_regions(d, dev);
	for (uint32_t i = 0; i < d->count && ret == ZOS_OK; i++)
		ret = bs_control_init(&d->region[i]);
	if (ret == ZOS_OK)
		ret = dev->flush(dev->ctx);
	if (ret != ZOS_OK)
		return ret;
	encode_super(d, s[0]);
	zos_memcpy(s[1], s[0], BLOCKDEV_SECTOR);
	ret = dev->write(dev->ctx, 0, BS_SUPER_SECTORS, s);
	if (ret == ZOS_OK)
		ret = dev->flush(dev->ctx); /* the disk is formatted here */
	d->copies_ok = BS_SUPER_SECTORS;
	return ret;
}

int bs_disk_open(struct bs_disk *d, const struct blockdev *dev, const struct bs_layout *blank_layout,
		 uint64_t nonce)
{
	uint8_t s[BS_SUPER_SECTORS][BLOCKDEV_SECTOR];
	struct bs_disk copy[BS_SUPER_SECTORS];
	int ok[BS_SUPER_SECTORS];
	int ret;

	zos_memset(d, 0, sizeof *d);
	if (!dev || dev->sectors <= BS_FIRST_REGION_LBA)
		return ZOS_ERR_INVALID_ARGUMENT;
	ret = dev->read(dev->ctx, 0, BS_SUPER_SECTORS, s);
	if (ret != ZOS_OK)
		return ret;
	for (uint32_t i = 0; i < BS_SUPER_SECTORS; i++) {
		zos_memset(&copy[i], 0, sizeof copy[i]);
		ok[i] = decode_super(&copy[i], s[i]);
	}
	if (!ok[0] && !ok[1]) {
		if (!all_zero(s[0], sizeof s))
			return ZOS_ERR_CORRUPT; /* foreign or damaged: never overwritten here */
		if (!blank_layout)
			return ZOS_ERR_NOT_FOUND;
		ret = bs_disk_format(d, dev, blank_layout, nonce);
		d->formatted = 1;
		return ret;
	}
	/* Both copies were written together: if both check out they agree. */
	if (ok[0] && ok[1] && zos_memcmp(s[0], s[1], BLOCKDEV_SECTOR) != 0)
		return ZOS_ERR_CORRUPT;
	*d = ok[0] ? copy[0] : copy[1];
	if (d->sectors > dev->sectors)
		return ZOS_ERR_CORRUPT; /* the disk shrank under its regions */
	d->copies_ok = (uint8_t)(ok[0] + ok[1]);
	bind_regions(d, dev);
	return ZOS_OK;
}

int bs_disk_find(const struct bs_disk *d, const char *label, uint32_t kind,
		 const struct bs_region **out)
{
	size_t n = zos_strnlen(label, BS_LABEL_MAX + 1);

	for (uint32_t i = 0; i < d->count; i++) {
		const struct bs_region *r = &d->region[i];
		if (r->kind == kind && n == zos_strnlen(r->label, BS_LABEL_MAX) &&
		    zos_memcmp(r->label, label, n) == 0) {
			*out = r;
			return ZOS_OK;
		}
	}
	return ZOS_ERR_NOT_FOUND;
}

static int range_ok(const struct bs_region *r, uint64_t lba, uint32_t count)
{
	return count > 0 && lba < r->sectors && count <= r->sectors - lba;
}

int bs_region_read(const struct bs_region *r, uint64_t lba, uint32_t count, void *buf)
{
	if (!range_ok(r, lba, count))
		return ZOS_ERR_INVALID_ARGUMENT;
	return r->dev->read(r->dev->ctx, r->start + lba, count, buf);
}

int bs_region_write(const struct bs_region *r, uint64_t lba, uint32_t count, const void *buf)
{
	if (!range_ok(r, lba, count))
		return ZOS_ERR_INVALID_ARGUMENT;
	return r->dev->write(r->dev->ctx, r->start + lba, count, buf);
}

int bs_region_flush(const struct bs_region *r)
{
	return r->dev->flush(r->dev->ctx);
}
