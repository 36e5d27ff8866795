/*
 * HKDF-SHA-256 (RFC 5869): extract a pseudorandom key from input keying
 * material and a salt, then expand it into up to 255 * 32 bytes bound to an
 * info string. Callers wipe the PRK and outputs when done.
 */
#ifndef ZOS_LIB_CRYPTO_HKDF_H
#define ZOS_LIB_CRYPTO_HKDF_H

#include <stddef.h>
#include <stdint.h>

#include "lib/sha256.h"

#define ZOS_HKDF_SHA256_MAX_OUT (255u * ZOS_SHA256_SIZE)

/* PRK = HMAC-SHA-256(salt, ikm); a NULL/empty salt means 32 zero bytes. */
void zos_hkdf_sha256_extract(const void *salt, size_t salt_len, const void *ikm, size_t ikm_len,
			     uint8_t prk[ZOS_SHA256_SIZE]);
/* out_len bytes of T(1) || T(2) || ...; ZOS_ERR_INVALID_ARGUMENT (out
 * untouched) when out_len exceeds ZOS_HKDF_SHA256_MAX_OUT or prk_len < 32. */
int zos_hkdf_sha256_expand(const void *prk, size_t prk_len, const void *info, size_t info_len,
			   uint8_t *out, size_t out_len);
/* Extract then expand; the PRK is wiped. */
int zos_hkdf_sha256(const void *salt, size_t salt_len, const void *ikm, size_t ikm_len,
		    const void *info, size_t info_len, uint8_t *out, size_t out_len);

#endif
