/*
 * HKDF-SHA-256 (RFC 5869): extract a pseudorandom key from input keying
 * material, then expand it into up to 255 * 32 bytes bound to `info`.
 * Constant time in the secrets (it is HMAC throughout); intermediate
 * blocks are wiped.
 */
#ifndef ZOS_LIB_CRYPTO_HKDF_H
#define ZOS_LIB_CRYPTO_HKDF_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_HKDF_SHA256_PRK_SIZE 32
#define ZOS_HKDF_SHA256_MAX_OUT (255 * 32)

/* prk = HMAC-SHA-256(salt, ikm); an absent salt (0, 0) means 32 zero bytes. */
void zos_hkdf_sha256_extract(uint8_t prk[ZOS_HKDF_SHA256_PRK_SIZE], const void *salt,
			     size_t salt_len, const void *ikm, size_t ikm_len);

/* out[0..out_len) = T(1) || T(2) || ... Returns ZOS_OK, or
 * ZOS_ERR_INVALID_ARGUMENT when out_len > 255 * 32 or prk_len < 32. */
int zos_hkdf_sha256_expand(uint8_t *out, size_t out_len, const void *prk, size_t prk_len,
			   const void *info, size_t info_len);

/* Extract then expand; same errors as expand. */
int zos_hkdf_sha256(uint8_t *out, size_t out_len, const void *salt, size_t salt_len,
		    const void *ikm, size_t ikm_len, const void *info, size_t info_len);

#endif
