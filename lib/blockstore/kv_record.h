/*
 * The key-value store's records and sector I/O (kv_record.c), shared by
 * the store (kv.c) and its compaction (kv_compact.c); not for other callers.
 *
 * Record (starts on a sector boundary, padded with zeros to the next):
 *   off size field
 *     0    4 magic "ZKVR"
 *     4    4 length: header + body bytes
 *     8    8 nonce (the disk's)
 *    16    8 epoch it was written in
 *    24    4 generation of the half
 *    28    4 CRC of the record before it in the half (0 for the first)
 *    32    4 CRC-32C of bytes 0..31 and 36..length-1
 *    36    4 zero
 *    40    . body: the batch encoding (lib/kv_batch.h)
 */
#ifndef ZOS_LIB_BLOCKSTORE_KV_RECORD_H
#define ZOS_LIB_BLOCKSTORE_KV_RECORD_H

#include "lib/blockstore/kv.h"

/* First sector of half h in the region. */
uint64_t bs_kv_half_lba(const struct bs_kv *kv, uint32_t h);
uint32_t bs_kv_sectors(uint32_t bytes);
/* The most body bytes a record of this store may carry: what its record
 * buffer holds, and never more than a batch (ZOS_KV_BATCH_MAX), because
 * open checks every body as one (BS_KV_RECORD_MAX rounds up to a whole
 * sector, so its buffer holds a little more). */
uint32_t bs_kv_body_max(const struct bs_kv *kv);
/* The CRC a record of len bytes carries at offset 32. */
uint32_t bs_kv_record_crc(const uint8_t *rec, uint32_t len);
/* Seals the record in kv->rec (len bytes, body in place) for generation
 * gen after the record whose CRC is prev; returns its CRC. */
uint32_t bs_kv_seal(struct bs_kv *kv, uint32_t len, uint32_t gen, uint32_t prev);
/* Writes the sealed record in kv->rec at sector at of half h (not
 * flushed). */
int bs_kv_put(struct bs_kv *kv, uint32_t h, uint64_t at, uint32_t len);
/* n bytes at byte address pos of the region into dst, via kv->window. */
int bs_kv_get_bytes(struct bs_kv *kv, uint64_t pos, uint8_t *dst, uint32_t n);
/* Copies the live entries into the other half and switches to it. */
int bs_kv_compact(struct bs_kv *kv);

#endif
