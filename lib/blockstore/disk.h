/*
 * A Zero OS disk: a superblock that names the regions one block device is
 * cut into (the system disk holds a CommitLog region and the VFS storage
 * region; the keystore disk one key-value region), and bounded I/O inside
 * one region.
 *
 * The superblock is written once, when the disk is formatted, and never
 * rewritten: two identical copies in sectors 0 and 1 (either one that
 * checks out is enough). A disk whose two first sectors are all zero is
 * blank; any other content that does not check out is foreign or damaged
 * and is refused (ZOS_ERR_CORRUPT) unless the caller formats explicitly.
 * The layout is in docs/storage-blockstore.md.
 *
 * Every region carries the disk's nonce (chosen by the formatter, random):
 * the stores stamp it into what they write, so data left over from an
 * earlier format of the same sectors is never taken for current data.
 */
#ifndef ZOS_LIB_BLOCKSTORE_DISK_H
#define ZOS_LIB_BLOCKSTORE_DISK_H

#include <stdint.h>

#include "lib/blockstore/blockdev.h"

#define BS_DISK_VERSION 1u
#define BS_MAX_REGIONS 8u
#define BS_LABEL_MAX 8u       /* bytes of a region's label, NUL-padded */
#define BS_SUPER_SECTORS 2u   /* the two superblock copies */
#define BS_REGION_ALIGN 8u    /* regions start on 4 KiB boundaries */
#define BS_FIRST_REGION_LBA BS_REGION_ALIGN

enum bs_region_kind {
	BS_REGION_LOG = 1, /* the CommitLog (logstore.h) */
	BS_REGION_KV = 2,  /* a key-value store (kv.h) */
};

/* What a format asks for: regions in order, each with a size in sectors
 * (0: the rest of the disk; only the last may say so). */
struct bs_region_spec {
	uint32_t kind;
	char label[BS_LABEL_MAX + 1];
	uint64_t sectors;
};

struct bs_layout {
	uint32_t count;
	struct bs_region_spec region[BS_MAX_REGIONS];
};

/* One region, as the superblock describes it. I/O through bs_region_read
 * and bs_region_write never leaves [start, start + sectors). */
struct bs_region {
	const struct blockdev *dev;
	uint32_t kind;
	char label[BS_LABEL_MAX + 1];
	uint64_t start;    /* first sector on the device */
	uint64_t sectors;
	uint64_t nonce;    /* the disk's format nonce */
};

struct bs_disk {
	const struct blockdev *dev;
	uint64_t nonce;
	uint64_t sectors;          /* the disk's size when it was formatted */
	uint32_t count;
	struct bs_region region[BS_MAX_REGIONS];
	uint8_t copies_ok;         /* superblock copies that checked out: 1 or 2 */
	uint8_t formatted;         /* bs_disk_open formatted a blank disk */
};

/* The two disks of the x86_64 platform, one definition for the kernel and
 * the tools: the system disk holds the CommitLog (half the disk) and the
 * VFS storage region (the rest); the keystore disk one key-value region. */
#define BS_LABEL_LOG "log"
#define BS_LABEL_STORAGE "storage"
#define BS_LABEL_KEYSTORE "keystore"
void bs_layout_system(struct bs_layout *l, uint64_t disk_sectors);
void bs_layout_keystore(struct bs_layout *l);

/* Writes a new superblock for layout (and initialises every region) on dev,
 * whatever was there. nonce should be random: it tells this format's data
 * from an earlier one's. ZOS_OK, INVALID_ARGUMENT (a layout that does not
 * fit or makes no sense) or IO. */
int bs_disk_format(struct bs_disk *d, const struct blockdev *dev, const struct bs_layout *layout,
		   uint64_t nonce);
/* Reads the superblock. A blank disk is formatted with blank_layout when
 * one is given (else NOT_FOUND). A foreign or damaged superblock is
 * ZOS_ERR_CORRUPT and nothing is written. */
int bs_disk_open(struct bs_disk *d, const struct blockdev *dev, const struct bs_layout *blank_layout,
		 uint64_t nonce);
/* The region with this label and kind: ZOS_OK or NOT_FOUND. */
int bs_disk_find(const struct bs_disk *d, const char *label, uint32_t kind,
		 const struct bs_region **out);

/* count sectors at lba (relative to the region). INVALID_ARGUMENT when the
 * range leaves the region; otherwise what the device returns. */
int bs_region_read(const struct bs_region *r, uint64_t lba, uint32_t count, void *buf);
int bs_region_write(const struct bs_region *r, uint64_t lba, uint32_t count, const void *buf);
int bs_region_flush(const struct bs_region *r);

#endif
