/*
 * The syscall mailbox's request, read from a private copy of its header
 * (include/zos/mailbox.h): the one rule every platform with a mailbox
 * follows, so hosted Linux and the browser trust a process's mailbox
 * exactly as little.
 *
 * The caller first copies the header (ZOS_MAILBOX_HEAD bytes) out of the
 * shared memory in one go; everything the System sees is read from that
 * copy, once, and in_len and out_cap are clamped to the mailbox's data
 * areas. The caller then copies in_len bytes of input, no more.
 */
#ifndef ZOS_LIB_MAILBOX_H
#define ZOS_LIB_MAILBOX_H

#include <stddef.h>
#include <stdint.h>
#include <zos/mailbox.h>
#include <zos/syscall.h>

/* Bytes of the header: everything before the input area. */
#define ZOS_MAILBOX_HEAD ((uint32_t)offsetof(struct zos_mailbox, in))

/* sc from the header copy `head`: 1 when its state is ZOS_MB_REQUEST (sc
 * filled: num, arguments, clamped in_len and out_cap; in and out are the
 * caller's private buffers), 0 otherwise (sc zeroed). */
int mailbox_request(const uint8_t *head, zos_syscall_t *sc, const uint8_t *in, uint8_t *out);

/* How many output bytes an answer carries into the mailbox: out_len, but
 * never more than the request's out_cap. */
uint32_t mailbox_answer_len(const zos_syscall_t *sc);

#endif
