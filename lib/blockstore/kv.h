/*
 * The key-value store on a block device region: log-structured, crash-safe,
 * with compaction. The storage and keystore devices of the x86_64 platform;
 * the same operations and meanings as the hosted SQLite store
 * (hal/hosted/kvstore.h), called synchronously.
 *
 * Layout: the region's control record (control.h) in sectors 0 and 1, then
 * two halves of equal size; one is active. It holds records, each starting
 * on a sector boundary: a 40-byte header (nonce, epoch, generation, the CRC
 * of the record before it, its own CRC-32C) and a body in the batch
 * encoding (lib/kv_batch.h). Every mutating call appends one record and flushes
 * before it returns ZOS_OK: durable from then on. A batch is one record, so
 * after a crash it is there whole or not at all.
 *
 * Open scans the active half from its start; the store is the records up to
 * the first one that does not check out (torn, stale, foreign), replayed
 * into the in-memory index. When the active half fills, the live entries
 * are copied, packed, into the other half under the next generation, and
 * the control record switches halves only once the copy is durable: a
 * crash at any point leaves one complete, acknowledged state.
 *
 * Limits: the devices' own (include/zos/param.h): keys up to
 * ZOS_KV_KEY_MAX bytes, values up to ZOS_KV_VALUE_MAX, a batch up to
 * ZOS_KV_BATCH_MAX, and no more than the configured record holds (with
 * BS_KV_RECORD_MAX, what the platform configures, every batch; with
 * BS_KV_RECORD_ONE, any single write). Open reads back values up to what a
 * record holds: disks written when the value limit was 64 KiB keep every
 * key. The index holds at most max_keys keys
 * and as many key bytes as the memory left for them. When the live data
 * cannot fit (a half, or the index), mutations return
 * ZOS_ERR_RESOURCE_EXHAUSTED and change nothing. An I/O error while
 * writing is final (as for the CommitLog): every later mutation returns it.
 * A store is opened with at least the record size it was written with (a
 * smaller one refuses to open rather than cut records off).
 *
 * Not reentrant: one caller at a time (the x86_64 kernel's single thread).
 * After a failed open, no other call may be made on the store.
 */
#ifndef ZOS_LIB_BLOCKSTORE_KV_H
#define ZOS_LIB_BLOCKSTORE_KV_H

#include <stddef.h>
#include <stdint.h>
#include <zos/abi.h>

#include "lib/blockstore/control.h"
#include "lib/blockstore/disk.h"
#include "lib/kv_batch.h"
#include "lib/blockstore/kvindex.h"

#define BS_KV_MAGIC 0x52564B5Au /* "ZKVR" */
#define BS_KV_HEADER 40u
/* The largest record, a whole batch in sectors: what the platform
 * configures, so that every request the devices take fits one record. */
#define BS_KV_RECORD_MAX ((BS_KV_HEADER + ZOS_KV_BATCH_MAX + BLOCKDEV_SECTOR - 1) / BLOCKDEV_SECTOR * BLOCKDEV_SECTOR)
/* The record size at which every single write of a valid key and value
 * fits. It and smaller records (down to BS_KV_RECORD_LEAST) are for tests
 * and small stores: a write or batch that does not fit is
 * INVALID_ARGUMENT. */
#define BS_KV_RECORD_ONE ((BS_KV_HEADER + 4u + KV_BATCH_ENTRY_OVERHEAD + ZOS_KV_KEY_MAX + ZOS_KV_VALUE_MAX + BLOCKDEV_SECTOR - 1) / BLOCKDEV_SECTOR * BLOCKDEV_SECTOR)
#define BS_KV_RECORD_LEAST (4u * BLOCKDEV_SECTOR)
#define BS_KV_WINDOW (8u * BLOCKDEV_SECTOR) /* reads of values */

struct bs_kv_config {
	void *mem;           /* all the store's memory; see bs_kv_mem_size */
	size_t mem_size;
	uint32_t record_max; /* bytes, a multiple of the sector size: from
	                      * BS_KV_RECORD_ONE (or _LEAST) to _MAX */
	uint32_t max_keys;
};

struct bs_kv {
	const struct bs_region *r;
	struct bs_control ctl;   /* gen, active half; epoch: this session's */
	uint64_t half;           /* sectors in each half */
	uint64_t tail;           /* next free sector of the active half */
	uint32_t last_crc;       /* CRC of the newest record (0: none) */
	uint8_t *rec;            /* one record being built or read */
	uint32_t rec_max;
	uint8_t *window;         /* BS_KV_WINDOW bytes */
	struct bs_index ix;
	int writing;             /* the epoch was bumped for this session */
	int failed;              /* ZOS_OK, or the error that stopped writes */
	uint64_t records;        /* records found at open and appended since */
	uint64_t compactions;
};

/* Memory a store needs for this record size, key count and key bytes. */
size_t bs_kv_mem_size(uint32_t record_max, uint32_t max_keys, uint64_t key_bytes);

/* Opens the store in region r (kind BS_REGION_KV) and rebuilds the index;
 * writes nothing. ZOS_OK, INVALID_ARGUMENT (wrong region or memory),
 * CORRUPT (no control record), RESOURCE_EXHAUSTED (the index memory
 * cannot hold the stored keys) or IO. */
int bs_kv_open(struct bs_kv *kv, const struct bs_region *r, const struct bs_kv_config *cfg);

/* READ: the value into out (cap bytes), its length in *len. NOT_FOUND,
 * or BUFFER_TOO_SMALL with *len set to the value's length. */
int bs_kv_read(struct bs_kv *kv, const uint8_t *key, uint32_t klen, void *out, uint32_t cap,
	       uint32_t *len);
int bs_kv_exists(struct bs_kv *kv, const uint8_t *key, uint32_t klen, int *exists);
int bs_kv_write(struct bs_kv *kv, const uint8_t *key, uint32_t klen, const void *value,
		uint32_t vlen);
/* Deleting an absent key succeeds and writes nothing. */
int bs_kv_delete(struct bs_kv *kv, const uint8_t *key, uint32_t klen);
/* All or nothing; INVALID_ARGUMENT for a malformed batch. */
int bs_kv_batch(struct bs_kv *kv, const uint8_t *batch, size_t len);
/* LIST: the keys that start with prefix, in key order, encoded as u32
 * count then count × (u16 length, key) into out (cap bytes, at least 4);
 * *truncated when a matching key did not fit. */
int bs_kv_list(struct bs_kv *kv, const uint8_t *prefix, uint32_t plen, uint8_t *out,
	       uint32_t cap, uint32_t *len, int *truncated);

/* For people and tests: keys, live entry bytes, sectors used of the half. */
struct bs_kv_info {
	uint32_t keys;
	uint64_t live_bytes;
	uint64_t used_sectors;
	uint64_t half_sectors;
	uint32_t generation;
	uint64_t epoch;
};
void bs_kv_info(const struct bs_kv *kv, struct bs_kv_info *out);

#endif
