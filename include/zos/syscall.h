/*
 * Zero OS syscall numbers and the syscall record that crosses the ABI.
 *
 * This header is the single place a syscall number is written. The list is an
 * X-macro so that the enum, the name table used by tools and SysLog dumps, and
 * the collision test are all generated from the same lines.
 *
 * A syscall is (number, four integer arguments, an input buffer, an output
 * buffer) and returns a signed 64-bit result: >= 0 success, < 0 an error code
 * from <zos/error.h>. Bulk data travels in the buffers, never as raw pointers
 * into another address space.
 */
#ifndef ZOS_SYSCALL_H
#define ZOS_SYSCALL_H

#include <stdint.h>

/* X(name, number, class) — class says who carries the syscall out:
 *   K: the kernel state machine (decide/apply, may emit commits)
 *   P: the platform (HAL), after the kernel has checked any capability */
#define ZOS_SYSCALL_LIST(X)                 \
	X(DEBUG, 0x01, P)                   \
	X(YIELD, 0x02, P)                   \
	X(EXIT, 0x03, K)                    \
	X(TIME, 0x04, P)                    \
	X(RANDOM, 0x05, P)                  \
	X(WALLCLOCK, 0x06, P)               \
	X(CONSOLE_WRITE, 0x07, P)           \
	X(CREATE_ENDPOINT, 0x11, K)         \
	X(DELETE_ENDPOINT, 0x12, K)         \
	X(KILL, 0x13, K)                    \
	X(REGISTER_PROCESS, 0x14, K)        \
	X(CREATE_ENDPOINT_FOR, 0x15, K)     \
	X(LOAD_BINARY, 0x16, P)             \
	X(SPAWN_PROCESS, 0x17, K)           \
	X(CAP_GRANT, 0x30, K)               \
	X(CAP_REVOKE, 0x31, K)              \
	X(CAP_DELETE, 0x32, K)              \
	X(CAP_INSPECT, 0x33, K)             \
	X(CAP_DERIVE, 0x34, K)              \
	X(CAP_LIST, 0x35, K)                \
	X(SEND, 0x40, K)                    \
	X(RECV, 0x41, K)                    \
	X(CALL, 0x42, K)                    \
	X(REPLY, 0x43, K)                   \
	X(SEND_CAP, 0x44, K)                \
	X(PS, 0x50, K)                      \
	X(AUDIT_COMMITS, 0x60, P)           \
	X(AUDIT_SYSLOG, 0x61, P)            \
	X(AUDIT_VERIFY, 0x62, P)            \
	X(AUDIT_CAPS, 0x63, P)              \
	X(STORAGE_READ, 0x70, P)            \
	X(STORAGE_WRITE, 0x71, P)           \
	X(STORAGE_DELETE, 0x72, P)          \
	X(STORAGE_LIST, 0x73, P)            \
	X(STORAGE_EXISTS, 0x74, P)          \
	X(STORAGE_BATCH_WRITE, 0x79, P)     \
	X(KEYSTORE_READ, 0x80, P)           \
	X(KEYSTORE_WRITE, 0x81, P)          \
	X(KEYSTORE_DELETE, 0x82, P)         \
	X(KEYSTORE_LIST, 0x83, P)           \
	X(KEYSTORE_EXISTS, 0x84, P)         \
	X(NETWORK_FETCH, 0x90, P)

#define ZOS_SYSCALL_CLASS_K 1
#define ZOS_SYSCALL_CLASS_P 0

enum zos_syscall_num {
#define ZOS_X_SYSCALL_ENUM(name, num, cls) ZOS_SYS_##name = (num),
	ZOS_SYSCALL_LIST(ZOS_X_SYSCALL_ENUM)
#undef ZOS_X_SYSCALL_ENUM
};

/* RECV / CALL flags (arg1 of RECV). */
#define ZOS_RECV_NONBLOCK 0u
#define ZOS_RECV_BLOCK 1u

/* SPAWN_PROCESS flags (arg1). NEW creates a process and starts it. START
 * starts a process made earlier by REGISTER_PROCESS (its Process cap in
 * arg2), so that its parent can set up its capabilities before it runs. */
#define ZOS_SPAWN_NEW 0u
#define ZOS_SPAWN_START 1u

/*
 * One syscall as the System sees it. The platform fills num, arg, in/in_len
 * and out/out_cap from the process's request (after copying or validating
 * the buffers: the kernel never follows a pointer a process chose); the
 * kernel writes at most out_cap bytes to out and sets out_len. After
 * ZOS_ERR_BUFFER_TOO_SMALL, out_len is the size the result needs.
 */
typedef struct zos_syscall {
	uint32_t num;
	uint32_t in_len;
	uint64_t arg[4];
	const uint8_t *in;
	uint8_t *out;
	uint32_t out_cap;
	uint32_t out_len;
} zos_syscall_t;

/* Name of a syscall number ("SEND"), or 0 when the number is unknown. */
const char *zos_syscall_name(uint32_t num);

#endif
