/*
 * What the kernel worker (TypeScript) must know of kernel.wasm and of the
 * ABI, written once: the records kernel.wasm fills for it, and the list of
 * every number the JavaScript side uses (ZOS_WASM_ABI_LIST).
 *
 * tools/web/gen_zos_ts.c writes the table below into
 * web/src/generated/zos.ts at build time; kernel.wasm carries the same
 * table (hal/wasm/abi.c, linked into both) and the
 * worker compares the two before it boots, so a page built from other
 * headers than its kernel.wasm refuses to start instead of misreading a
 * mailbox. Every value in the list is the same on the host and on wasm32
 * (fixed-width fields only; the wasm32 layout of zos_syscall_t is pinned
 * in include/zos/wasm.h).
 */
#ifndef ZOS_HAL_WASM_ABI_H
#define ZOS_HAL_WASM_ABI_H

#include <stddef.h>
#include <stdint.h>
#include <zos/abi.h>
#include <zos/cap.h>
#include <zos/commit.h>
#include <zos/error.h>
#include <zos/fault.h>
#include <zos/mailbox.h>
#include <zos/msg.h>
#include <zos/param.h>
#include <zos/pid.h>
#include <zos/syscall.h>
#include <zos/wasm.h>

#include "lib/kv_request.h"
#include "lib/mailbox.h"

/* Requests a device may hold before RESOURCE_EXHAUSTED (the hosted
 * platform's figures: 1,024 per store, 16 network requests). */
#define ZOS_WASM_KV_MAX_PENDING 1024u
#define ZOS_WASM_NET_MAX_PENDING 16u
/* Bytes of the scratch area the worker hands data in through
 * (zos_wasm_scratch): a device result's data, a key, a header, a message. */
#define ZOS_WASM_SCRATCH ZOS_MSG_MAX

/* What zos_wasm_boot found (zos_wasm_boot_report). */
struct zos_wasm_boot {
	int32_t status;          /* ZOS_OK, CORRUPT (refused), or another error */
	uint32_t torn;           /* a torn tail was cut off */
	uint64_t commits;        /* commits verified and replayed */
	uint64_t epochs;         /* Genesis and each Boot before this one */
	uint64_t checkpoints;    /* checkpoints whose state hash matched */
	uint64_t bad_seq;        /* CORRUPT: the first bad seq */
	uint64_t good_bytes;     /* the verified prefix */
	uint64_t log_commits;    /* commits in the log after Boot and Init */
	uint8_t head[ZOS_HASH_SIZE];  /* the last verified commit's hash */
	uint8_t state[ZOS_HASH_SIZE]; /* the live state hash after boot */
	char reason[64];         /* CORRUPT: what is wrong at bad_seq */
};

/* The System's status for the worker (zos_wasm_status). */
struct zos_wasm_status {
	uint64_t commits;        /* appended so far */
	uint64_t unflushed;
	int32_t log_failed;
	int32_t for_init;
	int32_t stopping;        /* stop now, with exit_code and why */
	int32_t exit_code;
	char why[48];
};

_Static_assert(sizeof(struct zos_wasm_boot) == 184, "boot report layout");
_Static_assert(sizeof(struct zos_wasm_status) == 80, "status layout");

#define ZOS_WASM_OFF(type, field) ((uint32_t)offsetof(struct type, field))
#define ZOS_WASM_MB(field) ((uint32_t)offsetof(struct zos_mailbox, field))

/* X(name, value): every number of the JavaScript side. */
#define ZOS_WASM_ABI_LIST(X)                                                        \
	X(ABI_VERSION, ZOS_ABI_VERSION)                                             \
	X(MB_IDLE, ZOS_MB_IDLE)                                                     \
	X(MB_REQUEST, ZOS_MB_REQUEST)                                               \
	X(MB_RESPONSE, ZOS_MB_RESPONSE)                                             \
	X(MB_STATE, ZOS_WASM_MB(state))                                             \
	X(MB_NUM, ZOS_WASM_MB(num))                                                 \
	X(MB_ARG, ZOS_WASM_MB(arg))                                                 \
	X(MB_IN_LEN, ZOS_WASM_MB(in_len))                                           \
	X(MB_OUT_CAP, ZOS_WASM_MB(out_cap))                                         \
	X(MB_RESULT, ZOS_WASM_MB(result))                                           \
	X(MB_OUT_LEN, ZOS_WASM_MB(out_len))                                         \
	X(MB_IN, ZOS_WASM_MB(in))                                                   \
	X(MB_OUT, ZOS_WASM_MB(out))                                                 \
	X(MB_HEAD, ZOS_MAILBOX_HEAD)                                                \
	X(MB_DATA, ZOS_MAILBOX_DATA)                                                \
	X(MB_DOORBELL, ZOS_WASM_DOORBELL_OFFSET)                                    \
	X(MB_BYTES, ZOS_WASM_MAILBOX_BYTES)                                         \
	X(SC_NUM, ZOS_WASM_SC_NUM)                                                  \
	X(SC_IN_LEN, ZOS_WASM_SC_IN_LEN)                                            \
	X(SC_ARG, ZOS_WASM_SC_ARG)                                                  \
	X(SC_IN, ZOS_WASM_SC_IN)                                                    \
	X(SC_OUT, ZOS_WASM_SC_OUT)                                                  \
	X(SC_OUT_CAP, ZOS_WASM_SC_OUT_CAP)                                          \
	X(SC_OUT_LEN, ZOS_WASM_SC_OUT_LEN)                                          \
	X(SC_SIZE, ZOS_WASM_SC_SIZE)                                                \
	X(MEMORY_LIMIT, ZOS_WASM_MEMORY_LIMIT)                                      \
	X(WASM_PAGE, ZOS_WASM_PAGE)                                                 \
	X(MAX_PROCS, ZOS_MAX_PROCS)                                                 \
	X(NAME_MAX, ZOS_NAME_MAX)                                                   \
	X(MSG_MAX, ZOS_MSG_MAX)                                                     \
	X(FAULT_DESC_MAX, ZOS_FAULT_DESC_MAX)                                       \
	X(HASH_SIZE, ZOS_HASH_SIZE)                                                 \
	X(PID_INIT, ZOS_PID_INIT)                                                   \
	X(KV_KEY_MAX, ZOS_KV_KEY_MAX)                                               \
	X(KV_VALUE_MAX, ZOS_KV_VALUE_MAX)                                           \
	X(KV_RESULT_DATA_MAX, ZOS_KV_RESULT_DATA_MAX)                               \
	X(KV_READ, KV_READ)                                                         \
	X(KV_WRITE, KV_WRITE)                                                       \
	X(KV_DELETE, KV_DELETE)                                                     \
	X(KV_LIST, KV_LIST)                                                         \
	X(KV_EXISTS, KV_EXISTS)                                                     \
	X(KV_BATCH, KV_BATCH)                                                       \
	X(KV_MAX_PENDING, ZOS_WASM_KV_MAX_PENDING)                                  \
	X(RES_READ_OK, ZOS_STORAGE_RES_READ_OK)                                     \
	X(RES_WRITE_OK, ZOS_STORAGE_RES_WRITE_OK)                                   \
	X(RES_NOT_FOUND, ZOS_STORAGE_RES_NOT_FOUND)                                 \
	X(RES_ERROR, ZOS_STORAGE_RES_ERROR)                                         \
	X(RES_LIST_OK, ZOS_STORAGE_RES_LIST_OK)                                     \
	X(RES_EXISTS_OK, ZOS_STORAGE_RES_EXISTS_OK)                                 \
	X(NET_MAX_PENDING, ZOS_WASM_NET_MAX_PENDING)                                \
	X(NET_RESP_BODY_MAX, ZOS_NET_RESP_BODY_MAX)                                 \
	X(NET_RESP_HEADER_BYTES, ZOS_NET_RESP_HEADER_BYTES)                         \
	X(NET_GET, ZOS_NET_GET)                                                     \
	X(NET_HEAD, ZOS_NET_HEAD)                                                   \
	X(NET_POST, ZOS_NET_POST)                                                   \
	X(NET_PUT, ZOS_NET_PUT)                                                     \
	X(NET_DELETE, ZOS_NET_DELETE)                                               \
	X(NET_PATCH, ZOS_NET_PATCH)                                                 \
	X(NET_ERR_BAD_REQUEST, ZOS_NET_ERR_BAD_REQUEST)                             \
	X(NET_ERR_TIMEOUT, ZOS_NET_ERR_TIMEOUT)                                     \
	X(NET_ERR_RESOLVE, ZOS_NET_ERR_RESOLVE)                                     \
	X(NET_ERR_CONNECT, ZOS_NET_ERR_CONNECT)                                     \
	X(NET_ERR_TOO_LARGE, ZOS_NET_ERR_TOO_LARGE)                                 \
	X(NET_ERR_FAILED, ZOS_NET_ERR_FAILED)                                       \
	X(NET_ERR_BUSY, ZOS_NET_ERR_BUSY)                                           \
	X(FAULT_MEMORY, ZOS_FAULT_MEMORY)                                           \
	X(FAULT_ILLEGAL_INSTRUCTION, ZOS_FAULT_ILLEGAL_INSTRUCTION)                 \
	X(FAULT_ARITHMETIC, ZOS_FAULT_ARITHMETIC)                                   \
	X(FAULT_ABORTED, ZOS_FAULT_ABORTED)                                         \
	X(FAULT_SPAWN_FAILED, ZOS_FAULT_SPAWN_FAILED)                               \
	X(FAULT_PROTOCOL, ZOS_FAULT_PROTOCOL)                                       \
	X(FAULT_OTHER, ZOS_FAULT_OTHER)                                             \
	X(SCRATCH, ZOS_WASM_SCRATCH)                                                \
	X(BOOT_STATUS, ZOS_WASM_OFF(zos_wasm_boot, status))                         \
	X(BOOT_TORN, ZOS_WASM_OFF(zos_wasm_boot, torn))                             \
	X(BOOT_COMMITS, ZOS_WASM_OFF(zos_wasm_boot, commits))                       \
	X(BOOT_EPOCHS, ZOS_WASM_OFF(zos_wasm_boot, epochs))                         \
	X(BOOT_CHECKPOINTS, ZOS_WASM_OFF(zos_wasm_boot, checkpoints))               \
	X(BOOT_BAD_SEQ, ZOS_WASM_OFF(zos_wasm_boot, bad_seq))                       \
	X(BOOT_GOOD_BYTES, ZOS_WASM_OFF(zos_wasm_boot, good_bytes))                 \
	X(BOOT_LOG_COMMITS, ZOS_WASM_OFF(zos_wasm_boot, log_commits))               \
	X(BOOT_HEAD, ZOS_WASM_OFF(zos_wasm_boot, head))                             \
	X(BOOT_STATE, ZOS_WASM_OFF(zos_wasm_boot, state))                           \
	X(BOOT_REASON, ZOS_WASM_OFF(zos_wasm_boot, reason))                         \
	X(BOOT_REASON_MAX, sizeof(((struct zos_wasm_boot *)0)->reason))             \
	X(STATUS_COMMITS, ZOS_WASM_OFF(zos_wasm_status, commits))                   \
	X(STATUS_UNFLUSHED, ZOS_WASM_OFF(zos_wasm_status, unflushed))               \
	X(STATUS_LOG_FAILED, ZOS_WASM_OFF(zos_wasm_status, log_failed))             \
	X(STATUS_FOR_INIT, ZOS_WASM_OFF(zos_wasm_status, for_init))                 \
	X(STATUS_STOPPING, ZOS_WASM_OFF(zos_wasm_status, stopping))                 \
	X(STATUS_EXIT_CODE, ZOS_WASM_OFF(zos_wasm_status, exit_code))               \
	X(STATUS_WHY, ZOS_WASM_OFF(zos_wasm_status, why))                           \
	X(STATUS_WHY_MAX, sizeof(((struct zos_wasm_status *)0)->why))

/* The table: the list above, then ERR_<name> for every error and
 * SYS_<name> for every syscall number (hal/wasm/abi.c). kernel.wasm
 * exports it; the generator links the same file and writes it out. */
uint32_t zos_wasm_abi_count(void);
const char *zos_wasm_abi_name(uint32_t i);  /* 0 past the end */
double zos_wasm_abi_value(uint32_t i);

#endif
