/*
 * Storage and keystore requests as every platform's key-value device sees
 * them: the STORAGE_* / KEYSTORE_* syscall decoded into one operation on
 * one store (key, value), and a finished operation shaped into the result
 * message the requester receives (struct zos_device_result + data).
 *
 * Portable and shared, so the hosted SQLite store and the x86_64 disk store
 * read a request's bytes, and answer, the same way. The decoded key and
 * value point into the syscall's input; nothing is copied.
 */
#ifndef ZOS_LIB_KV_REQUEST_H
#define ZOS_LIB_KV_REQUEST_H

#include <stdint.h>
#include <zos/syscall.h>

/* KV_WRITE and KV_DELETE are also the batch entry ops of the ABI
 * (include/zos/abi.h: 2 write, 3 delete). */
enum kv_op {
	KV_READ = 1,
	KV_WRITE = 2,
	KV_DELETE = 3,
	KV_LIST = 4,    /* keys starting with the given prefix, in key order */
	KV_EXISTS = 5,
	KV_BATCH = 6,   /* value holds the batch entries */
};

struct kv_call {
	uint8_t op;          /* enum kv_op */
	uint8_t keystore;    /* 1: the keystore device, 0: storage */
	const uint8_t *key;  /* READ/WRITE/DELETE/EXISTS: the key; LIST: the prefix */
	uint32_t key_len;
	const uint8_t *value; /* WRITE: the value; BATCH: the entries */
	uint32_t value_len;
};

/* sc as a kv_call, checked: ZOS_OK, ZOS_ERR_NOT_SUPPORTED (not a storage
 * or keystore syscall) or ZOS_ERR_INVALID_ARGUMENT (a WRITE whose header
 * does not fit or names an empty key, or anything kv_call_check refuses).
 * Both platforms decode every request with it before their store sees it,
 * so a request one platform takes, the other takes too. */
int kv_call_decode(const zos_syscall_t *sc, struct kv_call *out);

/* The device limits of include/zos/param.h: a known op, a key of at most
 * ZOS_KV_KEY_MAX bytes, a WRITE's value of at most ZOS_KV_VALUE_MAX, a
 * BATCH that kv_batch_check accepts. ZOS_OK or INVALID_ARGUMENT. */
int kv_call_check(const struct kv_call *c);

/* Whether op changes the store (the log must be durable before it runs). */
int kv_op_mutates(uint8_t op);

/* Appends key (klen bytes) to the LIST result in out (cap bytes, *len of
 * them used: u32 count, then count × (u16 length, key); the caller stores
 * *count, which this counts): 1, or 0 when it does not fit. A reserved key
 * (ZOS_KV_RESERVED_PREFIX) is left out and not counted: 1. */
int kv_list_add(uint8_t *out, uint32_t cap, uint32_t *len, uint32_t *count, const uint8_t *key,
		uint32_t klen);

/* The result message for request: the header, then data (len bytes).
 * Data over ZOS_KV_RESULT_DATA_MAX (which no store produces: a LIST is
 * cut to fit, and no value is larger) becomes an ERROR result saying so.
 * body must hold ZOS_MSG_MAX bytes; returns the body's length. */
uint32_t kv_result_body(uint8_t *body, uint32_t request, uint8_t kind, uint8_t exists,
			uint8_t truncated, const uint8_t *data, uint32_t len);

#endif
