/*
 * HMAC (RFC 2104, FIPS 198-1) over SHA-256 and SHA-512, streaming and
 * one-shot. Keys longer than the hash's block are hashed first, as the
 * RFC says. Constant time in key and data: the key is padded and XORed
 * byte by byte with no branch on its bytes (only on its length, which is
 * public). final wipes the context (it holds key-derived state).
 */
#ifndef ZOS_LIB_CRYPTO_HMAC_H
#define ZOS_LIB_CRYPTO_HMAC_H

#include <stddef.h>
#include <stdint.h>

#include "lib/crypto/sha512.h"
#include "lib/sha256.h"

#define ZOS_HMAC_SHA256_SIZE 32
#define ZOS_HMAC_SHA512_SIZE 64

struct zos_hmac_sha256 {
	struct zos_sha256 inner, outer; /* H(K ^ ipad || ...), H(K ^ opad || ...) */
};

struct zos_hmac_sha512 {
	struct zos_sha512 inner, outer;
};

void zos_hmac_sha256_init(struct zos_hmac_sha256 *c, const void *key, size_t key_len);
void zos_hmac_sha256_update(struct zos_hmac_sha256 *c, const void *data, size_t n);
void zos_hmac_sha256_final(struct zos_hmac_sha256 *c, uint8_t out[ZOS_HMAC_SHA256_SIZE]);
void zos_hmac_sha256(uint8_t out[ZOS_HMAC_SHA256_SIZE], const void *key, size_t key_len,
		     const void *data, size_t n);

void zos_hmac_sha512_init(struct zos_hmac_sha512 *c, const void *key, size_t key_len);
void zos_hmac_sha512_update(struct zos_hmac_sha512 *c, const void *data, size_t n);
void zos_hmac_sha512_final(struct zos_hmac_sha512 *c, uint8_t out[ZOS_HMAC_SHA512_SIZE]);
void zos_hmac_sha512(uint8_t out[ZOS_HMAC_SHA512_SIZE], const void *key, size_t key_len,
		     const void *data, size_t n);

#endif
