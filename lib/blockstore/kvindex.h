/*
 * The key-value store's in-memory index: key -> where its value lies on the
 * disk, in key order (a treap: a binary search tree on the keys, a heap on
 * a hash of the node's slot, so its depth stays logarithmic), rebuilt at
 * every open by scanning the records.
 *
 * Memory is the caller's: a table of nodes and an arena of key bytes. An
 * arena entry is (u32 owning node, u16 length, key); a removed key's entry
 * is marked dead and the arena is compacted in place when it fills. The
 * store asks for room first (bs_index_reserve), so that applying a record
 * that is already durable never fails for want of memory.
 */
#ifndef ZOS_LIB_BLOCKSTORE_KVINDEX_H
#define ZOS_LIB_BLOCKSTORE_KVINDEX_H

#include <stddef.h>
#include <stdint.h>

#define BS_NIL 0xFFFFFFFFu
#define BS_KEY_ENTRY_OVERHEAD 6u

struct bs_node {
	uint32_t left, right;  /* BS_NIL: none; left free-list link when free */
	uint32_t key_off;      /* the key's arena entry */
	uint32_t value_len;
	uint64_t value_pos;    /* byte address of the value in the region */
	uint64_t new_pos;      /* compaction's copy, until it commits */
	uint16_t key_len;
};

struct bs_index {
	struct bs_node *node;
	uint32_t cap;
	uint32_t free_head;    /* free nodes, linked through left */
	uint32_t count;        /* keys in the tree */
	uint32_t root;
	uint8_t *keys;
	uint32_t keys_cap;
	uint32_t keys_top;     /* arena bytes handed out */
	uint32_t keys_dead;    /* of those, belonging to removed keys */
	uint64_t live_bytes;   /* sum of entry sizes (7 + key + value) */
};

/* Callback of bs_index_walk: nonzero stops the walk. */
typedef int (*bs_index_visit)(void *ctx, uint32_t node);

void bs_index_init(struct bs_index *ix, struct bs_node *nodes, uint32_t cap, uint8_t *keys,
		   uint32_t keys_cap);
/* The node holding key, or BS_NIL. */
uint32_t bs_index_find(const struct bs_index *ix, const uint8_t *key, uint32_t len);
const uint8_t *bs_index_key(const struct bs_index *ix, uint32_t node);
/* Makes sure n more keys of key_bytes in total can be added:
 * ZOS_OK or RESOURCE_EXHAUSTED. */
int bs_index_reserve(struct bs_index *ix, uint32_t n, uint64_t key_bytes);
/* Sets key's value location, adding the key if new. RESOURCE_EXHAUSTED
 * only when the room was not reserved. */
int bs_index_put(struct bs_index *ix, const uint8_t *key, uint32_t len, uint64_t pos, uint32_t vlen);
void bs_index_remove(struct bs_index *ix, const uint8_t *key, uint32_t len);
/* Visits the keys that start with prefix, in key order (bytewise, a
 * shorter key first). Returns what the last visit returned (0: all seen). */
int bs_index_walk(const struct bs_index *ix, const uint8_t *prefix, uint32_t plen,
		  bs_index_visit fn, void *ctx);

#endif
