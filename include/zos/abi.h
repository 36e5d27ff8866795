/*
 * Records that cross the syscall boundary in the input and output buffers.
 *
 * Every platform Zero OS runs on is little-endian with 8-byte alignment for
 * 64-bit integers (x86_64, wasm32), so these are plain structs with explicit
 * padding; the static asserts below pin their layout so that a process built
 * for one target reads what a kernel built for another wrote.
 */
#ifndef ZOS_ABI_H
#define ZOS_ABI_H

#include <stddef.h>
#include <stdint.h>
#include <zos/param.h>

/* Process states as PS reports them (running vs blocked is scheduling state,
 * kept by the platform, not by the replayed kernel). */
#define ZOS_PROC_STATE_LIST(X) \
	X(FREE, 0)             \
	X(ALIVE, 1)            \
	X(ZOMBIE, 2)

enum zos_proc_state {
#define ZOS_X_PSTATE_ENUM(name, value) ZOS_PROC_##name = (value),
	ZOS_PROC_STATE_LIST(ZOS_X_PSTATE_ENUM)
#undef ZOS_X_PSTATE_ENUM
};

/* RECV / CALL output: this header, then `size` body bytes. The result of the
 * syscall is the body size. */
struct zos_msg_header {
	uint32_t sender;
	uint32_t tag;
	uint32_t size;
	uint32_t ncaps;
	uint32_t cap_slots[ZOS_MSG_MAX_CAPS]; /* where the carried caps landed */
};

/* SEND_CAP input: this header, then the body. Each carried cap is a copy
 * of the sender's cap in slots[i] (which needs GRANT) with rights[i], a
 * subset of the sender's; 0 means the same rights as the sender's cap. */
struct zos_send_cap_in {
	uint32_t ncaps;
	uint32_t slots[ZOS_MSG_MAX_CAPS];
	uint8_t rights[ZOS_MSG_MAX_CAPS];
};

/* CAP_INSPECT output (one), CAP_LIST output (an array; result = count). */
struct zos_cap_info {
	uint64_t cap_id;
	uint64_t obj_id;
	uint64_t expires_at;
	uint32_t slot;
	uint32_t generation;
	uint8_t obj_type;
	uint8_t rights;
	uint8_t depth; /* how many ancestors it remembers */
	uint8_t pad[5];
};

/* PS output: an array; result = count. */
struct zos_ps_entry {
	uint32_t pid;
	uint32_t parent;
	int32_t exit_code;
	uint8_t state;
	uint8_t name_len;
	uint8_t pad[2];
	char name[ZOS_NAME_MAX];
};

/* SPAWN_PROCESS input: this header, the name, then the binary. */
struct zos_spawn_in {
	uint32_t name_len;
};

_Static_assert(sizeof(struct zos_msg_header) == 32, "msg header layout");
_Static_assert(sizeof(struct zos_send_cap_in) == 24, "send_cap layout");
_Static_assert(sizeof(struct zos_cap_info) == 40, "cap_info layout");
_Static_assert(offsetof(struct zos_cap_info, slot) == 24, "cap_info layout");
_Static_assert(sizeof(struct zos_ps_entry) == 48, "ps_entry layout");
_Static_assert(offsetof(struct zos_ps_entry, name) == 16, "ps_entry layout");

/* Storage and keystore requests (STORAGE_* / KEYSTORE_*): the input is
 * the key (READ, DELETE, EXISTS) or prefix (LIST); for WRITE it is this
 * header, the key, then the value; for BATCH_WRITE, u32 count then count ×
 * (u8 op: 2 write, 3 delete; u16 key length; key; u32 value length; value).
 * A result carries at most ZOS_KV_RESULT_DATA_MAX bytes of data, which is
 * why a stored value is at most ZOS_KV_VALUE_MAX (the device limits, with
 * their reasons, are in include/zos/param.h). A LIST result holds u32
 * count, then count × (u16 length, key bytes). */
struct zos_kv_write_in {
	uint32_t key_len;
};

#define ZOS_KV_RESULT_DATA_MAX (ZOS_MSG_MAX - 8)

/* The two entry kinds of a BATCH_WRITE, as encoded above. */
#define ZOS_KV_BATCH_WRITE 2
#define ZOS_KV_BATCH_DELETE 3

/* The body of a STORAGE_RESULT, KEYSTORE_RESULT or NET_RESULT message:
 * this header, then the data (a value, a key list, or an error text). */
struct zos_device_result {
	uint32_t request;  /* the id the request syscall returned */
	uint8_t kind;      /* ZOS_STORAGE_RESULT_LIST */
	uint8_t exists;    /* EXISTS_OK: 1 or 0 */
	uint8_t truncated; /* LIST_OK: more keys matched than fit */
	uint8_t pad;
};

_Static_assert(sizeof(struct zos_device_result) == 8, "device result layout");
_Static_assert(ZOS_KV_RESULT_DATA_MAX == ZOS_MSG_MAX - sizeof(struct zos_device_result),
	       "a result's data follows its header in one message");
_Static_assert(ZOS_KV_VALUE_MAX == ZOS_KV_RESULT_DATA_MAX, "every stored value can be read back");

/* NETWORK_FETCH (ours; docs/services/network.md). The input is this header,
 * then url_len bytes of URL, headers_len bytes of request headers, and
 * body_len bytes of request body. A header block (request or response) is
 * a sequence of entries, each u16 length + "Name: value" (no CR, LF or
 * NUL). The result arrives as NET_RESULT: struct zos_device_result with
 * kind READ_OK, then struct zos_net_result, the response's header block
 * and its body; or kind ERROR, then struct zos_net_error and a message for
 * people. Every limit below is checked before a request leaves the system,
 * and a reply over a limit is an error, never a truncated body. */
#define ZOS_NET_METHOD_LIST(X) \
	X(GET, 1)              \
	X(HEAD, 2)             \
	X(POST, 3)             \
	X(PUT, 4)              \
	X(DELETE, 5)           \
	X(PATCH, 6)

enum zos_net_method {
#define ZOS_X_NET_METHOD(name, value) ZOS_NET_##name = (value),
	ZOS_NET_METHOD_LIST(ZOS_X_NET_METHOD)
#undef ZOS_X_NET_METHOD
};

/* Why a request failed (struct zos_net_error.code). */
#define ZOS_NET_ERROR_LIST(X) \
	X(BAD_REQUEST, 1)     \
	X(TIMEOUT, 2)         \
	X(RESOLVE, 3)         \
	X(CONNECT, 4)         \
	X(TOO_LARGE, 5)       \
	X(FAILED, 6)          \
	X(BUSY, 7)

enum zos_net_error_code {
#define ZOS_X_NET_ERROR(name, value) ZOS_NET_ERR_##name = (value),
	ZOS_NET_ERROR_LIST(ZOS_X_NET_ERROR)
#undef ZOS_X_NET_ERROR
};

#define ZOS_NET_URL_MAX 1024           /* bytes of URL (http:// or https://) */
#define ZOS_NET_REQ_HEADERS_MAX 16     /* request headers */
#define ZOS_NET_HEADER_MAX 512         /* bytes of one "Name: value" */
#define ZOS_NET_REQ_HEADER_BYTES 1024  /* bytes of the request's header block */
#define ZOS_NET_REQ_BODY_MAX 2048      /* bytes of request body */
#define ZOS_NET_RESP_HEADER_BYTES 768  /* response headers kept, whole, in order */
#define ZOS_NET_RESP_BODY_MAX 3072     /* bytes of response body; more is TOO_LARGE */
#define ZOS_NET_TIMEOUT_DEFAULT_MS 10000
#define ZOS_NET_TIMEOUT_MAX_MS 30000
#define ZOS_NET_CONNECT_TIMEOUT_MS 5000 /* at most; never more than the total */

struct zos_net_request_in {
	uint8_t method;       /* enum zos_net_method */
	uint8_t nheaders;     /* entries in the header block */
	uint16_t url_len;
	uint32_t timeout_ms;  /* the whole request; 0: ZOS_NET_TIMEOUT_DEFAULT_MS */
	uint32_t headers_len;
	uint32_t body_len;
};

struct zos_net_result {
	uint16_t status;          /* the HTTP status */
	uint16_t nheaders;        /* entries in the header block that follows */
	uint16_t headers_len;     /* bytes of it */
	uint16_t headers_omitted; /* response headers beyond ZOS_NET_RESP_HEADER_BYTES */
	uint32_t body_len;        /* bytes of body after the headers */
};

struct zos_net_error {
	uint32_t code;        /* enum zos_net_error_code; a message follows */
};

_Static_assert(sizeof(struct zos_net_request_in) == 16, "net request layout");
_Static_assert(sizeof(struct zos_net_result) == 12, "net result layout");
_Static_assert(sizeof(struct zos_device_result) + sizeof(struct zos_net_result) +
		       ZOS_NET_RESP_HEADER_BYTES + ZOS_NET_RESP_BODY_MAX <= ZOS_MSG_MAX,
	       "a network reply fits one message");

/* The body of the platform's PROCESS_ENDED notice to Init. */
struct zos_process_ended {
	uint32_t pid;
	int32_t code;      /* its exit code; -1 when killed or faulted */
	uint32_t fault;    /* 0, or a ZOS_FAULT_* reason when it crashed */
	uint32_t killed;   /* 1 when another process killed it */
};

_Static_assert(sizeof(struct zos_process_ended) == 16, "process ended layout");

/* The audit syscalls (ours), each with a Device cap to AUDIT (READ) in
 * arg0:
 *   AUDIT_COMMITS(count): the newest commits still in memory, oldest first,
 *     each as u16 length + its canonical encoding (docs/commit-format.md);
 *     result: how many.
 *   AUDIT_SYSLOG(count): the newest SysLog events, oldest first, as
 *     struct zos_audit_event; result: how many.
 *   AUDIT_VERIFY: the log re-verified (struct zos_audit_verify).
 *   AUDIT_CAPS(pid): that process's capabilities, as CAP_LIST gives one's
 *     own; result: how many. */
struct zos_audit_event {
	uint64_t id;
	uint64_t timestamp;
	uint64_t request_id;  /* responses: the request they answer */
	int64_t result;       /* responses */
	uint64_t args[4];     /* requests */
	uint32_t sender;
	uint32_t num;
	uint8_t kind;         /* 1 request, 2 response */
	uint8_t pad[7];
};

struct zos_audit_verify {
	int32_t memory_status;   /* the in-memory window: ZOS_OK or CORRUPT */
	int32_t disk_status;     /* the durable log re-read and replayed: ZOS_OK,
	                          * CORRUPT, or NOT_SUPPORTED with no disk */
	uint64_t memory_commits; /* commits checked in memory */
	uint64_t disk_commits;   /* commits replayed from the disk */
	uint64_t epochs;
	uint64_t checkpoints;    /* checkpoints whose state hash matched */
	uint64_t bad_seq;        /* the first bad seq, when a status is CORRUPT */
	uint8_t matches_live;    /* the replayed state hash equals the live one */
	uint8_t torn;
	uint8_t pad[6];
	uint8_t head[32];        /* the hash of the last commit on disk */
	char reason[64];         /* what was wrong at bad_seq */
};

_Static_assert(sizeof(struct zos_audit_event) == 80, "audit event layout");
_Static_assert(sizeof(struct zos_audit_verify) == 152, "audit verify layout");

/* Results that pack two values: (slot << 32) | id. */
#define ZOS_PACK_SLOT_ID(slot, id) (((int64_t)(slot) << 32) | (int64_t)(uint32_t)(id))
#define ZOS_UNPACK_SLOT(r) ((uint32_t)((uint64_t)(r) >> 32))
#define ZOS_UNPACK_ID(r) ((uint32_t)((uint64_t)(r) & 0xFFFFFFFFu))

#endif
