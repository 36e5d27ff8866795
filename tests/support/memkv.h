/*
 * An in-memory key-value device for host tests: the same operations and
 * result encodings as the hosted SQLite store (hal/hosted/kvstore.h), but
 * answered at once, so service code can run and be fuzzed in-process.
 */
#ifndef ZOS_TEST_MEMKV_H
#define ZOS_TEST_MEMKV_H

#include <stddef.h>
#include <stdint.h>

struct memkv_entry {
	uint8_t *key;
	uint32_t key_len;
	uint8_t *value;
	uint32_t value_len;
};

struct memkv {
	struct memkv_entry *e; /* sorted by key (bytes, then length) */
	uint32_t n;
	uint32_t cap;
	uint64_t writes;       /* successful writes and deletes, for tests */
};

void memkv_init(struct memkv *kv);
void memkv_free(struct memkv *kv);
/* Performs a STORAGE_* / KEYSTORE_* request (the syscall's number and input
 * as the device receives them) and writes the result body (struct
 * zos_device_result + data) into out; returns its length. */
uint32_t memkv_request(struct memkv *kv, uint32_t num, uint64_t request, const uint8_t *in,
		       uint32_t in_len, uint8_t *out, uint32_t cap);
/* Direct access for assertions. */
const struct memkv_entry *memkv_get(const struct memkv *kv, const void *key, uint32_t len);

#endif
