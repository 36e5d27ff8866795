/*
 * The batch encoding of the storage device (STORAGE_BATCH_WRITE, as
 * include/zos/abi.h describes it): u32 count, then count × (u8 op
 * ZOS_KV_BATCH_WRITE or ZOS_KV_BATCH_DELETE, u16 key length, key, u32
 * value length, value).
 *
 * One parser for every place that reads a batch: the hosted SQLite store
 * and the x86_64 block store check a request with it, and the block store
 * checks its own records with it when it opens (they carry exactly this
 * encoding). The writers (VFS, tests, benchmarks) build batches with
 * kv_batch_put, so both sides agree on the bytes.
 */
#ifndef ZOS_LIB_KV_BATCH_H
#define ZOS_LIB_KV_BATCH_H

#include <stddef.h>
#include <stdint.h>
#include <zos/param.h>

#include "lib/bytes.h"

#define KV_BATCH_ENTRY_OVERHEAD 7u /* op, key length, value length */

struct kv_batch_entry {
	uint8_t op;
	uint16_t key_len;
	const uint8_t *key;
	uint32_t value_len;
	const uint8_t *value;
	uint32_t value_off; /* where the value starts in the batch */
};

/* What a whole batch adds up to, for checks before anything is written. */
struct kv_batch_sum {
	uint32_t count;
	uint32_t writes;
	uint64_t write_key_bytes;
};

/* Checks the whole batch: at most ZOS_KV_BATCH_MAX bytes, every entry well
 * formed and within the bounds (keys up to ZOS_KV_KEY_MAX, values up to
 * value_max, a DELETE with no value), the count exact, no bytes left over.
 * value_max is ZOS_KV_VALUE_MAX for a request; a store reading back its
 * own records passes the most a record holds, since what it wrote under
 * an earlier, larger limit must still read. ZOS_OK with *sum filled, or
 * INVALID_ARGUMENT. */
/* 1 when key is under ZOS_KV_RESERVED_PREFIX: the platform's own. */
int kv_key_reserved(const uint8_t *key, uint32_t len);
int kv_batch_check(const uint8_t *p, size_t len, uint32_t value_max, struct kv_batch_sum *sum);
/* The entry at *pos (start at 4, after the count) of a checked batch;
 * advances *pos. */
void kv_batch_next(const uint8_t *p, size_t *pos, struct kv_batch_entry *e);
/* Appends one entry to w (key_len at most ZOS_KV_KEY_MAX; the count at
 * the start is the caller's). */
void kv_batch_put(struct zos_wbuf *w, uint8_t op, const void *key, uint32_t key_len, const void *value,
		  uint32_t value_len);

#endif
