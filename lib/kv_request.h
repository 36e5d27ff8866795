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

/* sc as a kv_call: ZOS_OK, ZOS_ERR_NOT_SUPPORTED (not a storage or keystore
 * syscall) or ZOS_ERR_INVALID_ARGUMENT (a WRITE whose header does not fit). */
int kv_call_decode(const zos_syscall_t *sc, struct kv_call *out);

/* Whether op changes the store (the log must be durable before it runs). */
int kv_op_mutates(uint8_t op);

/* The result message for request: the header, then data (len bytes).
 * A key list longer than one message keeps the whole entries that fit and
 * is marked truncated; any other data over ZOS_KV_RESULT_DATA_MAX becomes
 * an ERROR result saying so. body must hold ZOS_MSG_MAX bytes; returns the
 * body's length. */
uint32_t kv_result_body(uint8_t *body, uint32_t request, uint8_t kind, uint8_t exists,
			uint8_t truncated, const uint8_t *data, uint32_t len);

#endif
