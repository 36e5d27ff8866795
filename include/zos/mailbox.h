/*
 * The syscall mailbox: how a process reaches the kernel on the platforms
 * where processes are not under the kernel's MMU (hosted Linux: a shared
 * memory file; the browser: a SharedArrayBuffer).
 *
 * One mailbox per process, shared between the process and the kernel side.
 * The process fills in a request (number, arguments, input bytes, output
 * capacity), publishes it by storing ZOS_MB_REQUEST into `state` (release
 * order), rings the kernel's doorbell, and waits on `state` (futex /
 * Atomics.wait) until the kernel stores ZOS_MB_RESPONSE. A process parked
 * in a blocking receive simply keeps waiting: it uses no CPU.
 *
 * The kernel never trusts what it reads here: it copies the header and the
 * input out of shared memory before looking at them (the process could
 * change them concurrently), bounds in_len and out_cap by the buffer
 * sizes, and writes the output only after the syscall is complete.
 */
#ifndef ZOS_MAILBOX_H
#define ZOS_MAILBOX_H

#include <stdint.h>
#include <zos/param.h>

#define ZOS_MAILBOX_DATA ZOS_SYSCALL_DATA_MAX /* bytes of input, and of output */

enum zos_mailbox_state {
	ZOS_MB_IDLE = 0,
	ZOS_MB_REQUEST = 1,
	ZOS_MB_RESPONSE = 2,
};

struct zos_mailbox {
	uint32_t state;    /* the futex word */
	uint32_t num;
	uint64_t arg[4];
	uint32_t in_len;
	uint32_t out_cap;
	int64_t result;
	uint32_t out_len;
	uint32_t pad;
	uint8_t in[ZOS_MAILBOX_DATA];
	uint8_t out[ZOS_MAILBOX_DATA];
};

_Static_assert(__builtin_offsetof(struct zos_mailbox, in) == 64, "mailbox layout");

/* Hosted Linux: the file descriptors a process starts with. */
#define ZOS_HOSTED_MAILBOX_FD 3  /* memfd holding struct zos_mailbox */
#define ZOS_HOSTED_DOORBELL_FD 4 /* eventfd: write 1 to ring the kernel */
#define ZOS_HOSTED_BINARY_FD 5   /* the program's memfd, close-on-exec: gone once it runs */

#endif
