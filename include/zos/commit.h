/*
 * Commits: the only description of a kernel state change.
 *
 * The kernel's decide step produces commits; apply(commit) is the only code
 * that writes kernel state; Axiom chains them with SHA-256 and persists them.
 * state = reduce(genesis, CommitLog). The canonical byte encoding lives in
 * lib/commit_codec.c and is documented in docs/commit-format.md; this
 * header is the in-memory form.
 *
 * Some commits have deterministic consequences that apply carries out
 * itself, so that the log stays small and a state change is never split
 * across commits (each is documented at its type below).
 */
#ifndef ZOS_COMMIT_H
#define ZOS_COMMIT_H

#include <stdint.h>
#include <zos/param.h>

/* X(name, value) — values are part of the on-disk format. */
#define ZOS_COMMIT_TYPE_LIST(X)      \
	X(GENESIS, 0)                \
	X(BOOT, 1)                   \
	X(PROCESS_CREATED, 2)        \
	X(PROCESS_EXITED, 3)         \
	X(PROCESS_KILLED, 4)         \
	X(PROCESS_FAULTED, 5)        \
	X(ENDPOINT_CREATED, 6)       \
	X(ENDPOINT_DESTROYED, 7)     \
	X(CAP_INSERTED, 8)           \
	X(CAP_REMOVED, 9)            \
	X(CAP_GRANTED, 10)           \
	X(CAP_DERIVED, 11)           \
	X(CAP_REVOKED, 12)           \
	X(MESSAGE_SENT, 13)          \
	X(MESSAGE_RECEIVED, 14)      \
	X(CHECKPOINT, 15)            \
	X(LOG_SIGNED, 16)

enum zos_commit_type {
#define ZOS_X_COMMIT_ENUM(name, value) ZOS_COMMIT_##name = (value),
	ZOS_COMMIT_TYPE_LIST(ZOS_X_COMMIT_ENUM)
#undef ZOS_X_COMMIT_ENUM
	ZOS_COMMIT_TYPE_COUNT = 17
};

#define ZOS_HASH_SIZE 32
/* caused_by value for commits no syscall caused (genesis, boot, spawn of Init,
 * faults reported by the platform). SysLog event ids start at 1. */
#define ZOS_CAUSE_NONE 0u

/* Genesis: the empty system plus the device objects and process 0. */
struct zos_c_genesis {
	uint32_t abi_version;
};

/* Boot: a new epoch. Every process of the previous boot is gone, objects and
 * id counters return to genesis; only the epoch counter moves on. */
struct zos_c_boot {
	uint64_t epoch;
};

struct zos_c_process_created {
	uint32_t pid;
	uint32_t parent;
	uint8_t name_len;
	char name[ZOS_NAME_MAX];
};

/* Exited, Killed and Faulted all make the process a zombie and reclaim what
 * it held: apply destroys its endpoints (as EndpointDestroyed does) and
 * empties its capability space. Messages it already sent stay queued. */
struct zos_c_process_exited {
	uint32_t pid;
	int32_t code;
};

struct zos_c_process_killed {
	uint32_t pid;
	uint32_t by;
};

struct zos_c_process_faulted {
	uint32_t pid;
	uint32_t reason;
	uint8_t desc_len;
	char desc[ZOS_FAULT_DESC_MAX];
};

struct zos_c_endpoint_created {
	uint64_t id;
	uint32_t owner;
};

/* apply also drops the endpoint's queued messages and removes every
 * capability naming the endpoint, in every CSpace and in flight. */
struct zos_c_endpoint_destroyed {
	uint64_t id;
};

/* A fresh root capability (no ancestors). */
struct zos_c_cap_inserted {
	uint32_t pid;
	uint32_t slot;
	uint64_t cap_id;
	uint8_t obj_type;
	uint64_t obj_id;
	uint8_t rights;
	uint32_t generation;
	uint64_t expires_at;
};

struct zos_c_cap_removed {
	uint32_t pid;
	uint32_t slot;
};

/* A copy of from_pid's cap at from_slot, into to_pid's to_slot, with rights
 * (a subset) and the source as its newest ancestor. */
struct zos_c_cap_granted {
	uint32_t from_pid;
	uint32_t to_pid;
	uint32_t from_slot;
	uint32_t to_slot;
	uint64_t new_cap_id;
	uint8_t rights;
};

/* Like a grant into the same CSpace, with an optional earlier expiry. */
struct zos_c_cap_derived {
	uint32_t pid;
	uint32_t from_slot;
	uint32_t new_slot;
	uint64_t new_cap_id;
	uint8_t rights;
	uint64_t expires_at;
};

/* apply removes the cap at (pid, slot) and every capability, in any CSpace
 * or in flight, that has it among its ancestors. */
struct zos_c_cap_revoked {
	uint32_t pid;
	uint32_t slot;
};

/* One capability carried by a message: a copy of the sender's cap at slot,
 * with rights (a subset), made at send time with a new cap id. */
struct zos_c_msg_cap {
	uint32_t slot;
	uint8_t rights;
	uint64_t cap_id;
};

/* The body itself is never logged: only its size. */
struct zos_c_message_sent {
	uint32_t from;
	uint64_t endpoint;
	uint32_t tag;
	uint32_t size;
	uint8_t ncaps;
	struct zos_c_msg_cap caps[ZOS_MSG_MAX_CAPS];
};

/* pid dequeued the oldest message of endpoint; its capabilities land in
 * slots[0..ncaps). Keeps queue depth and capability flow replayable. */
struct zos_c_message_received {
	uint32_t pid;
	uint64_t endpoint;
	uint8_t ncaps;
	uint32_t slots[ZOS_MSG_MAX_CAPS];
};

/* The state hash after every commit before this one. */
struct zos_c_checkpoint {
	uint8_t state_hash[ZOS_HASH_SIZE];
};

/* The machine's log key vouches for the log up to the commit just before
 * this one (a Checkpoint, seq = this commit's seq - 1): an Ed25519
 * signature over "zero-os log signature v1", seq (8 bytes, little-endian)
 * and that commit's hash (axiom/log_sign.h). The hash chain makes it cover
 * every commit before it. No state changes. */
#define ZOS_LOG_SIGNATURE_SIZE 64
struct zos_c_log_signed {
	uint64_t seq;
	uint8_t signature[ZOS_LOG_SIGNATURE_SIZE];
};

typedef struct zos_commit {
	uint64_t seq;
	uint64_t timestamp;  /* monotonic ns of the boot that made it */
	uint64_t caused_by;  /* SysLog event id, or ZOS_CAUSE_NONE */
	uint8_t prev[ZOS_HASH_SIZE];
	uint8_t hash[ZOS_HASH_SIZE];
	uint16_t type;
	union {
		struct zos_c_genesis genesis;
		struct zos_c_boot boot;
		struct zos_c_process_created process_created;
		struct zos_c_process_exited process_exited;
		struct zos_c_process_killed process_killed;
		struct zos_c_process_faulted process_faulted;
		struct zos_c_endpoint_created endpoint_created;
		struct zos_c_endpoint_destroyed endpoint_destroyed;
		struct zos_c_cap_inserted cap_inserted;
		struct zos_c_cap_removed cap_removed;
		struct zos_c_cap_granted cap_granted;
		struct zos_c_cap_derived cap_derived;
		struct zos_c_cap_revoked cap_revoked;
		struct zos_c_message_sent message_sent;
		struct zos_c_message_received message_received;
		struct zos_c_checkpoint checkpoint;
		struct zos_c_log_signed log_signed;
	} u;
} zos_commit_t;

/* "CapGranted" for ZOS_COMMIT_CAP_GRANTED; 0 when unknown. */
const char *zos_commit_type_name(uint32_t type);

#endif
