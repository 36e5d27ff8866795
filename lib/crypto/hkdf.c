/*
 * HKDF-SHA-256 (RFC 5869 section 2; see hkdf.h). T(0) is empty,
 * T(i) = HMAC(PRK, T(i-1) || info || i); the output is their concatenation
 * cut to out_len. Lengths are checked before anything is written.
 */
#include "lib/crypto/hkdf.h"

#include <zos/error.h>

#include "lib/crypto/ct.h"
#include "lib/crypto/hmac.h"

void zos_hkdf_sha256_extract(uint8_t prk[ZOS_HKDF_SHA256_PRK_SIZE], const void *salt,
			     size_t salt_len, const void *ikm, size_t ikm_len)
{
	static const uint8_t zeros[ZOS_HKDF_SHA256_PRK_SIZE];

	if (!salt || salt_len == 0) {
		salt = zeros;
		salt_len = sizeof zeros;
	}
	zos_hmac_sha256(prk, salt, salt_len, ikm, ikm_len);
}

int zos_hkdf_sha256_expand(uint8_t *out, size_t out_len, const void *prk, size_t prk_len,
			   const void *info, size_t info_len)
{
	uint8_t t[ZOS_HMAC_SHA256_SIZE];
	size_t done = 0;
	uint8_t counter = 1;

	if (out_len > ZOS_HKDF_SHA256_MAX_OUT || prk_len < ZOS_HKDF_SHA256_PRK_SIZE)
		return ZOS_ERR_INVALID_ARGUMENT;
	while (done < out_len) {
		struct zos_hmac_sha256 c;
		size_t take = out_len - done < sizeof t ? out_len - done : sizeof t;

		zos_hmac_sha256_init(&c, prk, prk_len);
		if (counter > 1)
			zos_hmac_sha256_update(&c, t, sizeof t);
		zos_hmac_sha256_update(&c, info, info_len);
		zos_hmac_sha256_update(&c, &counter, 1);
		zos_hmac_sha256_final(&c, t);
		for (size_t i = 0; i < take; i++)
			out[done + i] = t[i];
		done += take;
		counter++;
	}
	zos_ct_wipe(t, sizeof t);
	return ZOS_OK;
}

int zos_hkdf_sha256(uint8_t *out, size_t out_len, const void *salt, size_t salt_len,
		    const void *ikm, size_t ikm_len, const void *info, size_t info_len)
{
	uint8_t prk[ZOS_HKDF_SHA256_PRK_SIZE];
	int rc;

	if (out_len > ZOS_HKDF_SHA256_MAX_OUT)
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_hkdf_sha256_extract(prk, salt, salt_len, ikm, ikm_len);
	rc = zos_hkdf_sha256_expand(out, out_len, prk, sizeof prk, info, info_len);
	zos_ct_wipe(prk, sizeof prk);
	return rc;
}
