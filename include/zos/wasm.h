/*
 * The browser platform's process ABI: what a Zero OS process built as a
 * wasm32 module may import, how it reaches the kernel, and the wasm32
 * layout of the syscall record the platform reads from its memory.
 *
 * A process module imports exactly two things (docs/abi.md):
 *   env.memory   its linear memory (the platform creates it, up to the
 *                per-process limit; the mailbox is not in it)
 *   zos.syscall  (i32 record) -> i64: one syscall. The record is a
 *                zos_syscall_t in the process's memory, laid out as below;
 *                the platform copies the request into the process's
 *                mailbox (include/zos/mailbox.h, a SharedArrayBuffer of
 *                its own), rings the doorbell, waits with Atomics.wait
 *                until the kernel answers, copies the answer back, sets
 *                out_len and returns the result.
 * and exports `_start` (no arguments, never returns: it ends with EXIT).
 * Any other import refuses the spawn.
 *
 * The doorbell is an i32 counter in the same SharedArrayBuffer as the
 * mailbox, just past it: a process adds 1 and notifies after publishing a
 * request; the kernel worker waits on it with Atomics.waitAsync. The pid
 * of a request is the mailbox it came on, never a field of it.
 */
#ifndef ZOS_WASM_H
#define ZOS_WASM_H

#include <zos/mailbox.h>

#define ZOS_WASM_IMPORT_MEMORY_MODULE "env"
#define ZOS_WASM_IMPORT_MEMORY_NAME "memory"
#define ZOS_WASM_IMPORT_SYSCALL_MODULE "zos"
#define ZOS_WASM_IMPORT_SYSCALL_NAME "syscall"
#define ZOS_WASM_EXPORT_START "_start"

/* Where the doorbell is in a process's mailbox buffer, and the buffer's
 * size (the doorbell, then padding to 8 bytes). */
#define ZOS_WASM_DOORBELL_OFFSET ((uint32_t)sizeof(struct zos_mailbox))
#define ZOS_WASM_MAILBOX_BYTES ((uint32_t)sizeof(struct zos_mailbox) + 8u)

/* A process's memory may grow to this many bytes by default (64 MiB);
 * a module asking for more at start is refused. */
#define ZOS_WASM_MEMORY_LIMIT (64u << 20)
#define ZOS_WASM_PAGE 65536u

/* zos_syscall_t as wasm32 lays it out (pointers are 4 bytes): the
 * platform's shim reads the record at these offsets. Pinned below when
 * compiled for wasm32. */
#define ZOS_WASM_SC_NUM 0u
#define ZOS_WASM_SC_IN_LEN 4u
#define ZOS_WASM_SC_ARG 8u
#define ZOS_WASM_SC_IN 40u
#define ZOS_WASM_SC_OUT 44u
#define ZOS_WASM_SC_OUT_CAP 48u
#define ZOS_WASM_SC_OUT_LEN 52u
#define ZOS_WASM_SC_SIZE 56u

#if defined(__wasm32__)
#include <stddef.h>
#include <zos/syscall.h>
_Static_assert(offsetof(zos_syscall_t, num) == ZOS_WASM_SC_NUM, "wasm32 syscall record");
_Static_assert(offsetof(zos_syscall_t, in_len) == ZOS_WASM_SC_IN_LEN, "wasm32 syscall record");
_Static_assert(offsetof(zos_syscall_t, arg) == ZOS_WASM_SC_ARG, "wasm32 syscall record");
_Static_assert(offsetof(zos_syscall_t, in) == ZOS_WASM_SC_IN, "wasm32 syscall record");
_Static_assert(offsetof(zos_syscall_t, out) == ZOS_WASM_SC_OUT, "wasm32 syscall record");
_Static_assert(offsetof(zos_syscall_t, out_cap) == ZOS_WASM_SC_OUT_CAP, "wasm32 syscall record");
_Static_assert(offsetof(zos_syscall_t, out_len) == ZOS_WASM_SC_OUT_LEN, "wasm32 syscall record");
_Static_assert(sizeof(zos_syscall_t) == ZOS_WASM_SC_SIZE, "wasm32 syscall record");
#endif

#endif
