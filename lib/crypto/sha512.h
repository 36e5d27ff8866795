/*
 * SHA-512 (FIPS 180-4 section 6.4). Ed25519 (RFC 8032) hashes with it.
 * Constant time in the data: no branch or index depends on the bytes.
 */
#ifndef ZOS_LIB_CRYPTO_SHA512_H
#define ZOS_LIB_CRYPTO_SHA512_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_SHA512_SIZE 64

struct zos_sha512 {
	uint64_t h[8];
	uint64_t total;     /* bytes hashed so far (inputs over 2^61 bytes are not supported) */
	uint8_t buf[128];   /* pending input, total % 128 bytes */
};

void zos_sha512_init(struct zos_sha512 *c);
void zos_sha512_update(struct zos_sha512 *c, const void *data, size_t n);
void zos_sha512_final(struct zos_sha512 *c, uint8_t out[ZOS_SHA512_SIZE]);
void zos_sha512(const void *data, size_t n, uint8_t out[ZOS_SHA512_SIZE]);

#endif
