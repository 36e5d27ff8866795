/*
 * HMAC (RFC 2104) over SHA-256 and SHA-512, tested with RFC 4231. Keys
 * longer than a block are hashed first, as the RFC says. The contexts hold
 * key-derived state: final wipes them; a caller that abandons one calls
 * zos_ct_wipe on it.
 */
#ifndef ZOS_LIB_CRYPTO_HMAC_H
#define ZOS_LIB_CRYPTO_HMAC_H

#include <stddef.h>
#include <stdint.h>

#include "lib/crypto/sha512.h"
#include "lib/sha256.h"

struct zos_hmac_sha256 {
	struct zos_sha256 inner, outer;
};

struct zos_hmac_sha512 {
	struct zos_sha512 inner, outer;
};

void zos_hmac_sha256_init(struct zos_hmac_sha256 *c, const void *key, size_t key_len);
void zos_hmac_sha256_update(struct zos_hmac_sha256 *c, const void *data, size_t n);
void zos_hmac_sha256_final(struct zos_hmac_sha256 *c, uint8_t out[ZOS_SHA256_SIZE]);
void zos_hmac_sha256(const void *key, size_t key_len, const void *data, size_t n,
		     uint8_t out[ZOS_SHA256_SIZE]);

void zos_hmac_sha512_init(struct zos_hmac_sha512 *c, const void *key, size_t key_len);
void zos_hmac_sha512_update(struct zos_hmac_sha512 *c, const void *data, size_t n);
void zos_hmac_sha512_final(struct zos_hmac_sha512 *c, uint8_t out[ZOS_SHA512_SIZE]);
void zos_hmac_sha512(const void *key, size_t key_len, const void *data, size_t n,
		     uint8_t out[ZOS_SHA512_SIZE]);

#endif
