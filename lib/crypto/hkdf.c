/*
 * HKDF per RFC 5869 sections 2.2 (extract) and 2.3 (expand), over
 * HMAC-SHA-256. Branches depend only on lengths. Intermediate blocks are
 * wiped.
 */
#include "lib/crypto/hkdf.h"
#include "lib/crypto/ct.h"
#include "lib/crypto/hmac.h"
#include "zos/error.h"

void zos_hkdf_sha256_extract(const void *salt, size_t salt_len, const void *ikm, size_t ikm_len,
			     uint8_t prk[ZOS_SHA256_SIZE])
{
	static const uint8_t zeros[ZOS_SHA256_SIZE];

	if (salt == NULL || salt_len == 0) {
		salt = zeros;
		salt_len = sizeof zeros;
	}
	zos_hmac_sha256(salt, salt_len, ikm, ikm_len, prk);
}

int zos_hkdf_sha256_expand(const void *prk, size_t prk_len, const void *info, size_t info_len,
			   uint8_t *out, size_t out_len)
{
	uint8_t t[ZOS_SHA256_SIZE];
	size_t done = 0;
	uint8_t counter = 1;

	if (out_len > ZOS_HKDF_SHA256_MAX_OUT || prk_len < ZOS_SHA256_SIZE)
		return ZOS_ERR_INVALID_ARGUMENT;
	while (done < out_len) {
		struct zos_hmac_sha256 c;
		size_t take = out_len - done;

		zos_hmac_sha256_init(&c, prk, prk_len);
		if (counter > 1)
			zos_hmac_sha256_update(&c, t, sizeof t);
		if (info_len > 0)
			zos_hmac_sha256_update(&c, info, info_len);
		zos_hmac_sha256_update(&c, &counter, 1);
		zos_hmac_sha256_final(&c, t);
		if (take > sizeof t)
			take = sizeof t;
		for (size_t i = 0; i < take; i++)
			out[done + i] = t[i];
		done += take;
		counter++;
	}
	zos_ct_wipe(t, sizeof t);
	return ZOS_OK;
}

int zos_hkdf_sha256(const void *salt, size_t salt_len, const void *ikm, size_t ikm_len,
		    const void *info, size_t info_len, uint8_t *out, size_t out_len)
{
	uint8_t prk[ZOS_SHA256_SIZE];
	int rc;

	if (out_len > ZOS_HKDF_SHA256_MAX_OUT)
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_hkdf_sha256_extract(salt, salt_len, ikm, ikm_len, prk);
	rc = zos_hkdf_sha256_expand(prk, sizeof prk, info, info_len, out, out_len);
	zos_ct_wipe(prk, sizeof prk);
	return rc;
}
