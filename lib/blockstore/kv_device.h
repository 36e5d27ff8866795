/*
 * The storage and keystore devices of the x86_64 platform on a block key-
 * value store: one STORAGE_* / KEYSTORE_* request (the syscall's number and
 * input, as system/platform_calls.c lets it through) in, the body of the
 * STORAGE_RESULT / KEYSTORE_RESULT message out (struct zos_device_result
 * then the data), the same results as the hosted SQLite device gives:
 *
 *   READ    READ_OK + value, or NOT_FOUND
 *   WRITE   WRITE_OK (input: struct zos_kv_write_in, key, value; a key of
 *           at least one byte)
 *   DELETE  WRITE_OK, present or not
 *   EXISTS  EXISTS_OK with exists 0 or 1
 *   LIST    LIST_OK + (u32 count, count × (u16 length, key)), cut to one
 *           message with truncated set
 *   BATCH   WRITE_OK, all or nothing
 *   else    ERROR + a sentence for people (a value larger than a message,
 *           a malformed request, a full device, a failed disk)
 *
 * Synchronous: a mutation is durable when this returns WRITE_OK. The
 * platform must make its CommitLog durable first (the log is ahead of
 * every write that leaves the system), as the hosted platform does.
 */
#ifndef ZOS_LIB_BLOCKSTORE_KV_DEVICE_H
#define ZOS_LIB_BLOCKSTORE_KV_DEVICE_H

#include <stdint.h>

#include "lib/blockstore/kv.h"

/* Writes the result body for request into out (cap bytes, at least
 * sizeof(struct zos_device_result) + 64; a result never needs more than
 * ZOS_MSG_MAX) and returns its length. */
uint32_t bs_kv_device_request(struct bs_kv *kv, uint32_t num, uint64_t request, const uint8_t *in,
			      uint32_t in_len, uint8_t *out, uint32_t cap);

#endif
