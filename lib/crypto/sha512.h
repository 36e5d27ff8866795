/*
 * SHA-512 (FIPS 180-4 section 6.4), streaming and one-shot. Ed25519 and
 * HMAC-SHA-512 build on it. Freestanding, no allocation; the context holds
 * message data, so callers hashing secrets wipe it (final does).
 */
#ifndef ZOS_LIB_CRYPTO_SHA512_H
#define ZOS_LIB_CRYPTO_SHA512_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_SHA512_SIZE 64
#define ZOS_SHA512_BLOCK 128

struct zos_sha512 {
	uint64_t h[8];
	uint64_t total;               /* bytes hashed so far (< 2^64 is enough) */
	uint8_t buf[ZOS_SHA512_BLOCK];
	uint32_t buf_len;
};

void zos_sha512_init(struct zos_sha512 *c);
void zos_sha512_update(struct zos_sha512 *c, const void *data, size_t n);
/* Writes the digest and wipes the context. */
void zos_sha512_final(struct zos_sha512 *c, uint8_t out[ZOS_SHA512_SIZE]);
void zos_sha512(const void *data, size_t n, uint8_t out[ZOS_SHA512_SIZE]);

#endif
