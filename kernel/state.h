/*
 * The whole mutable state of the kernel, in one struct with one definition.
 *
 * `struct kstate` is the replayed state: it is rebuilt bit for bit by
 * applying the CommitLog from genesis, and axiom/state_hash.c hashes exactly
 * its fields (read that file beside this one). `struct kbodies` holds what is
 * deliberately NOT replayed: the bytes of queued message bodies (the log
 * never holds message content). Scheduling state (who is parked in a
 * blocking receive) and statistics live outside the kernel, in system/.
 *
 * Only kernel_apply writes to these structs (kernel/apply.c and the
 * *_apply_* functions it calls in process.c, endpoint.c and cap.c), and
 * kernel_reset, which gives the zeroed state before Genesis. Everything
 * else, decide included, reads.
 * Tables are fixed-size (include/zos/param.h); an entry is free when its id
 * (or pid state, or cap id) is zero.
 */
#ifndef ZOS_KERNEL_STATE_H
#define ZOS_KERNEL_STATE_H

#include <stdint.h>
#include <zos/abi.h>
#include <zos/cap.h>
#include <zos/param.h>

/* One capability. Empty slot: id == 0. */
struct cap {
	uint64_t id;           /* unique within a boot epoch, never 0 */
	uint64_t obj_id;       /* endpoint id, pid, or device id */
	uint64_t expires_at;   /* monotonic ns; 0 = never */
	uint64_t ancestors[ZOS_DERIVE_DEPTH]; /* ids it was derived/granted from, oldest first */
	uint32_t generation;   /* the object's generation when the cap was made */
	uint8_t type;          /* enum zos_obj_type */
	uint8_t rights;        /* ZOS_RIGHT_* bits */
	uint8_t depth;         /* used entries of ancestors[] */
};

/* A process table entry. Free: state == ZOS_PROC_FREE. A zombie keeps its
 * entry (pid, parent, name, exit code) but holds no capabilities. */
struct proc {
	uint32_t pid;
	uint32_t parent;
	int32_t exit_code;
	uint32_t generation;   /* bumped each time the entry is reused */
	uint8_t state;         /* enum zos_proc_state */
	uint8_t name_len;
	char name[ZOS_NAME_MAX];
	struct cap slots[ZOS_MAX_SLOTS];
};

/* A queued message's replayed part: who sent what size with which caps. */
struct kmsg {
	uint32_t sender;
	uint32_t tag;
	uint32_t size;
	uint8_t used;
	uint8_t ncaps;
	struct cap caps[ZOS_MSG_MAX_CAPS]; /* in flight: in no CSpace yet */
};

/* An endpoint. Free: id == 0. Its queue is a ring of indexes into msgs[]. */
struct endpoint {
	uint64_t id;
	uint32_t owner;
	uint32_t generation;
	uint16_t head;         /* ring position of the oldest message */
	uint16_t count;        /* queue depth, <= ZOS_QUEUE_DEPTH */
	uint16_t queue[ZOS_QUEUE_DEPTH];
};

struct kstate {
	uint64_t epoch;            /* 0 after Genesis, +1 per Boot */
	uint64_t next_cap_id;
	uint64_t next_endpoint_id;
	uint32_t next_pid;
	uint8_t genesis_done;      /* set by Genesis; every other commit needs it */
	uint32_t ep_generation;    /* source of endpoint-entry generations */
	struct proc procs[ZOS_MAX_PROCS];
	struct endpoint eps[ZOS_MAX_ENDPOINTS];
	struct kmsg msgs[ZOS_MAX_MESSAGES];
};

/* Not replayed: body bytes, indexed like kstate.msgs. After a replay the
 * queued messages are known by size only and their bodies read as zeros. */
struct kbodies {
	uint8_t bytes[ZOS_MAX_MESSAGES][ZOS_MSG_MAX];
};

struct kernel {
	struct kstate s;
	struct kbodies b;
};

#endif
