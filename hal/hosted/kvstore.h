/*
 * The hosted platform's key-value store: one SQLite database file per
 * device (storage, keystore), served by a worker thread so that the kernel
 * thread never waits for the disk.
 *
 * The kernel thread submits requests (kv_submit) and collects results
 * (kv_take) when the store's eventfd becomes readable; each result carries
 * the request id and the caller's cookie, so the System can deliver it to
 * the process that asked. Requests complete in submission order. Writes are
 * durable when their result is reported (SQLite transaction committed with
 * synchronous=FULL); a batch write is one transaction: all or nothing.
 *
 * Bounds: the devices' own (include/zos/param.h, checked by kv_call_check
 * as on every platform): keys at most ZOS_KV_KEY_MAX bytes, values at most
 * ZOS_KV_VALUE_MAX, a batch at most ZOS_KV_BATCH_MAX. This store's own:
 * at most ZOS_KV_MAX_PENDING requests in flight (more is
 * ZOS_ERR_RESOURCE_EXHAUSTED); a request is in flight from kv_submit until
 * kv_take hands back its result, so results left untaken count too. A LIST
 * result holds the keys that fit one result message
 * (ZOS_KV_RESULT_DATA_MAX bytes) and says whether it was cut short. DELETE
 * of an absent key is WRITE_OK.
 */
#ifndef ZOS_HAL_HOSTED_KVSTORE_H
#define ZOS_HAL_HOSTED_KVSTORE_H

#include <stddef.h>
#include <stdint.h>
#include <zos/abi.h>

#include "lib/kv_request.h" /* enum kv_op */

#define ZOS_KV_MAX_PENDING 1024


struct kv_request {
	uint32_t id;          /* chosen by the caller, echoed in the result */
	uint64_t cookie;      /* opaque to the store, echoed in the result */
	uint8_t op;           /* enum kv_op */
	const uint8_t *key;   /* copied by kv_submit */
	uint32_t key_len;
	const uint8_t *value; /* WRITE, BATCH; copied by kv_submit */
	uint32_t value_len;
};

/* Result kinds are the ABI's (ZOS_STORAGE_RESULT_LIST in <zos/msg.h>):
 * READ_OK, WRITE_OK, NOT_FOUND, ERROR, LIST_OK, EXISTS_OK. */
struct kv_result {
	uint32_t id;
	uint64_t cookie;
	uint8_t op;
	uint8_t kind;
	uint8_t exists;       /* EXISTS_OK: 1 or 0 */
	uint8_t truncated;    /* LIST_OK: more keys matched than fit */
	uint8_t *data;        /* READ_OK: the value; LIST_OK: the key list
	                       * (u32 count, then count × (u16 len, bytes));
	                       * ERROR: a message for people. Owned by the
	                       * result: free it with kv_result_free. */
	uint32_t data_len;
};

struct kvstore;

/* Opens (creating if needed) the database at path and starts its worker.
 * On failure returns 0 and writes a reason into err (cap bytes). */
struct kvstore *kv_open(const char *path, char *err, size_t cap);
/* Stops the worker after finishing what was submitted, closes the file. */
void kv_close(struct kvstore *kv);
/* Queues a request. ZOS_OK, ZOS_ERR_INVALID_ARGUMENT (what kv_call_check
 * refuses: a bad op, an oversized key or value, a malformed batch) or
 * ZOS_ERR_RESOURCE_EXHAUSTED. */
int kv_submit(struct kvstore *kv, const struct kv_request *req);
/* An fd that is readable while results wait (for epoll). */
int kv_event_fd(const struct kvstore *kv);
/* Takes the oldest finished result: 1 if one was taken, 0 if none. */
int kv_take(struct kvstore *kv, struct kv_result *out);
void kv_result_free(struct kv_result *r);

/* The platform's own secret `name` (under ZOS_KV_RESERVED_PREFIX) of len
 * bytes from the database at db_path, made with make() and stored durably
 * when it is not there yet (kvsecret.c). ZOS_OK, IO, or CORRUPT (a stored
 * one of another size, never replaced). */
int kv_platform_secret(const char *db_path, const char *name, uint8_t *out, uint32_t len,
		       int (*make)(void *ctx, uint8_t *out, uint32_t len), void *ctx);

/* Batch encoding (the value of a KV_BATCH request, the input of
 * STORAGE_BATCH_WRITE): u32 count, then count × (u8 op: KV_WRITE or
 * KV_DELETE, u16 key length, key, u32 value length, value). */

#endif
