/*
 * The batch encoding of the storage devices (include/zos/abi.h): u32
 * count, then count × (u8 op ZOS_KV_BATCH_WRITE or ZOS_KV_BATCH_DELETE,
 * u16 key length, key, u32 value length, value). The key-value store's
 * records carry exactly this encoding, so one parser checks both what a
 * caller hands in and what is read back from the disk.
 */
#ifndef ZOS_LIB_BLOCKSTORE_KVBATCH_H
#define ZOS_LIB_BLOCKSTORE_KVBATCH_H

#include <stddef.h>
#include <stdint.h>

/* The largest value the block store keeps (the ABI's results carry less
 * than 4 KiB, VFS splits files into 2 KiB chunks), and the largest batch
 * (VFS's VFS_BATCH_MAX). */
#define BS_KV_VALUE_MAX (64u * 1024u)
#define BS_KV_BATCH_MAX (1024u * 1024u)
#define BS_KV_ENTRY_OVERHEAD 7u /* op, key length, value length */

struct bs_kv_entry {
	uint8_t op;
	uint16_t key_len;
	const uint8_t *key;
	uint32_t value_len;
	const uint8_t *value;
	uint32_t value_off; /* where the value starts in the batch */
};

/* What a whole batch adds up to, for checks before anything is written. */
struct bs_batch_sum {
	uint32_t count;
	uint32_t writes;
	uint64_t write_key_bytes;
};

/* Checks the whole batch: every entry well formed and within the bounds
 * (keys up to ZOS_KV_KEY_MAX, values up to BS_KV_VALUE_MAX, a DELETE with
 * no value), the count exact, no bytes left over. ZOS_OK with *sum filled,
 * or INVALID_ARGUMENT. */
int bs_batch_check(const uint8_t *p, size_t len, struct bs_batch_sum *sum);
/* The entry at *pos (start at 4, after the count) of a checked batch;
 * advances *pos. */
void bs_batch_entry(const uint8_t *p, size_t *pos, struct bs_kv_entry *e);

#endif
