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

/*
 * X(name, stem, number, class, device, right): the one table of syscalls.
 * Everything that dispatches on a number is generated from it: the kernel's
 * decide table (decide_<stem>), the System's platform table
 * (platform_<stem>) and the capability each platform syscall needs, the
 * names in SysLog dumps, and the tests' coverage checks. A number listed
 * without its handler, or a handler without its number, does not build.
 *
 * class says who carries the syscall out:
 *   K  the kernel state machine (decide/apply; it checks its own caps)
 *   P  the platform, now, after the System has checked the cap below
 *   D  a device, later: the call returns a request id at once and the
 *      result arrives as a message on the caller's reply endpoint
 *   S  the System's own steps, made as pid 0 (creating Init, a fault
 *      the platform saw, a device request's reply cap, Genesis, Boot).
 *      Never accepted from a process (UNKNOWN_SYSCALL), so they are ABI
 *      only in that SysLog may name them.
 * device, right: for P and D, the cap the caller must hold in the slot in
 * arg0: a cap to device ZOS_DEV_<device> with ZOS_RIGHT_<right> (NONE:
 * no cap needed). K and I calls check their caps in the kernel.
 */
#define ZOS_SYSCALL_LIST(X)                                                   \
	X(DEBUG, debug, 0x01, P, NONE, NONE)                                  \
	X(YIELD, yield, 0x02, P, NONE, NONE)                                  \
	X(EXIT, exit, 0x03, K, NONE, NONE)                                    \
	X(TIME, time, 0x04, P, NONE, NONE)                                    \
	X(RANDOM, random, 0x05, P, NONE, NONE)                                \
	X(WALLCLOCK, wallclock, 0x06, P, NONE, NONE)                          \
	X(CONSOLE_WRITE, console_write, 0x07, P, CONSOLE, WRITE)              \
	X(CREATE_ENDPOINT, create_endpoint, 0x11, K, NONE, NONE)              \
	X(DELETE_ENDPOINT, delete_endpoint, 0x12, K, NONE, NONE)              \
	X(KILL, kill, 0x13, K, NONE, NONE)                                    \
	X(REGISTER_PROCESS, register_process, 0x14, K, NONE, NONE)            \
	X(CREATE_ENDPOINT_FOR, create_endpoint_for, 0x15, K, NONE, NONE)      \
	X(LOAD_BINARY, load_binary, 0x16, P, SPAWN, READ)                     \
	X(SPAWN_PROCESS, spawn_process, 0x17, K, NONE, NONE)                  \
	X(CAP_GRANT, cap_grant, 0x30, K, NONE, NONE)                          \
	X(CAP_REVOKE, cap_revoke, 0x31, K, NONE, NONE)                        \
	X(CAP_DELETE, cap_delete, 0x32, K, NONE, NONE)                        \
	X(CAP_INSPECT, cap_inspect, 0x33, K, NONE, NONE)                      \
	X(CAP_DERIVE, cap_derive, 0x34, K, NONE, NONE)                        \
	X(CAP_LIST, cap_list, 0x35, K, NONE, NONE)                            \
	X(SEND, send, 0x40, K, NONE, NONE)                                    \
	X(RECV, recv, 0x41, K, NONE, NONE)                                    \
	X(CALL, call, 0x42, K, NONE, NONE)                                    \
	X(REPLY, reply, 0x43, K, NONE, NONE)                                  \
	X(SEND_CAP, send_cap, 0x44, K, NONE, NONE)                            \
	X(PS, ps, 0x50, K, NONE, NONE)                                        \
	X(AUDIT_COMMITS, audit_commits, 0x60, P, AUDIT, READ)                 \
	X(AUDIT_SYSLOG, audit_syslog, 0x61, P, AUDIT, READ)                   \
	X(AUDIT_VERIFY, audit_verify, 0x62, P, AUDIT, READ)                   \
	X(AUDIT_CAPS, audit_caps, 0x63, P, AUDIT, READ)                       \
	X(STORAGE_READ, storage_read, 0x70, D, STORAGE, READ)                 \
	X(STORAGE_WRITE, storage_write, 0x71, D, STORAGE, WRITE)              \
	X(STORAGE_DELETE, storage_delete, 0x72, D, STORAGE, WRITE)            \
	X(STORAGE_LIST, storage_list, 0x73, D, STORAGE, READ)                 \
	X(STORAGE_EXISTS, storage_exists, 0x74, D, STORAGE, READ)             \
	X(STORAGE_BATCH_WRITE, storage_batch_write, 0x79, D, STORAGE, WRITE)  \
	X(KEYSTORE_READ, keystore_read, 0x80, D, KEYSTORE, READ)              \
	X(KEYSTORE_WRITE, keystore_write, 0x81, D, KEYSTORE, WRITE)           \
	X(KEYSTORE_DELETE, keystore_delete, 0x82, D, KEYSTORE, WRITE)         \
	X(KEYSTORE_LIST, keystore_list, 0x83, D, KEYSTORE, READ)              \
	X(KEYSTORE_EXISTS, keystore_exists, 0x84, D, KEYSTORE, READ)          \
	X(NETWORK_FETCH, network_fetch, 0x90, D, NETWORK, WRITE)              \
	X(KERNEL_GENESIS, genesis, 0xF0, S, NONE, NONE)                       \
	X(KERNEL_BOOT, boot, 0xF1, S, NONE, NONE)                             \
	X(KERNEL_SPAWN_INIT, spawn_init, 0xF2, S, NONE, NONE)                 \
	X(KERNEL_FAULT, fault, 0xF3, S, NONE, NONE)                           \
	X(KERNEL_REPLY_CAP, reply_cap, 0xF4, S, NONE, NONE)

/* Every number is below this: dispatch tables are indexed by number. */
#define ZOS_SYSCALL_TABLE_SIZE 256u

#define ZOS_SYSCALL_CLASS_K 1
#define ZOS_SYSCALL_CLASS_P 2
#define ZOS_SYSCALL_CLASS_D 3
#define ZOS_SYSCALL_CLASS_S 4

enum zos_syscall_num {
#define ZOS_X_SYSCALL_ENUM(name, stem, num, cls, dev, right) ZOS_SYS_##name = (num),
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

/* The internal steps' arguments. KERNEL_FAULT: arg0 the pid that crashed,
 * arg1 its reason (ZOS_FAULT_*), in = a description (cut to
 * ZOS_FAULT_DESC_MAX). KERNEL_REPLY_CAP: arg0 the pid making a device
 * request, arg1 its reply endpoint's slot. The others take none. */

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
/* Its class (ZOS_SYSCALL_CLASS_*), or 0 when the number is unknown. */
int zos_syscall_class(uint32_t num);

#endif
