/*
 * Base64 (RFC 4648, the standard alphabet, with '=' padding): how file
 * contents travel in the VFS protocol's JSON bodies. Freestanding, no
 * allocation. Decoding is strict, so every byte string has exactly one
 * accepted text: the length is a multiple of 4, padding only at the end,
 * no whitespace, and the unused bits of the last group are zero.
 */
#ifndef ZOS_LIB_BASE64_H
#define ZOS_LIB_BASE64_H

#include <stddef.h>
#include <stdint.h>

/* Characters that encoding n bytes takes (without a terminator). */
#define ZOS_B64_LEN(n) ((((n) + 2) / 3) * 4)

/* Encodes in[0..n) into out, NUL-terminated: ZOS_OK with *out_len
 * characters, or ZOS_ERR_BUFFER_TOO_SMALL when cap < ZOS_B64_LEN(n) + 1. */
int zos_b64_encode(const void *in, size_t n, char *out, size_t cap, size_t *out_len);
/* Decodes text[0..n) into out: ZOS_OK with *out_len bytes,
 * ZOS_ERR_INVALID_ARGUMENT for text that is not strict base64, or
 * ZOS_ERR_BUFFER_TOO_SMALL when the bytes do not fit in cap. */
int zos_b64_decode(const char *text, size_t n, void *out, size_t cap, size_t *out_len);

#endif
