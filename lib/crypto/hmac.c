/*
 * HMAC per RFC 2104: H((K ^ opad) || H((K ^ ipad) || m)), K padded with
 * zeros to the block size (or replaced by H(K) when longer). The padded key
 * and the intermediate digest are wiped before returning. Only the key's
 * length (public) decides a branch.
 */
#include "lib/crypto/hmac.h"
#include "lib/crypto/ct.h"

void zos_hmac_sha256_init(struct zos_hmac_sha256 *c, const void *key, size_t key_len)
{
	uint8_t k[ZOS_SHA256_BLOCK] = {0};
	const uint8_t *kp = key;

	if (key_len > ZOS_SHA256_BLOCK)
		zos_sha256(key, key_len, k);
	else
		for (size_t i = 0; i < key_len; i++)
			k[i] = kp[i];
	for (int i = 0; i < ZOS_SHA256_BLOCK; i++)
		k[i] ^= 0x36;
	zos_sha256_init(&c->inner);
	zos_sha256_update(&c->inner, k, sizeof k);
	for (int i = 0; i < ZOS_SHA256_BLOCK; i++)
		k[i] ^= 0x36 ^ 0x5c;
	zos_sha256_init(&c->outer);
	zos_sha256_update(&c->outer, k, sizeof k);
	zos_ct_wipe(k, sizeof k);
}

void zos_hmac_sha256_update(struct zos_hmac_sha256 *c, const void *data, size_t n)
{
	zos_sha256_update(&c->inner, data, n);
}

void zos_hmac_sha256_final(struct zos_hmac_sha256 *c, uint8_t out[ZOS_SHA256_SIZE])
{
	uint8_t d[ZOS_SHA256_SIZE];

	zos_sha256_final(&c->inner, d);
	zos_sha256_update(&c->outer, d, sizeof d);
	zos_sha256_final(&c->outer, out);
	zos_ct_wipe(d, sizeof d);
	zos_ct_wipe(c, sizeof *c);
}

void zos_hmac_sha256(const void *key, size_t key_len, const void *data, size_t n,
		     uint8_t out[ZOS_SHA256_SIZE])
{
	struct zos_hmac_sha256 c;

	zos_hmac_sha256_init(&c, key, key_len);
	zos_hmac_sha256_update(&c, data, n);
	zos_hmac_sha256_final(&c, out);
}

void zos_hmac_sha512_init(struct zos_hmac_sha512 *c, const void *key, size_t key_len)
{
	uint8_t k[ZOS_SHA512_BLOCK] = {0};
	const uint8_t *kp = key;

	if (key_len > ZOS_SHA512_BLOCK)
		zos_sha512(key, key_len, k);
	else
		for (size_t i = 0; i < key_len; i++)
			k[i] = kp[i];
	for (int i = 0; i < ZOS_SHA512_BLOCK; i++)
		k[i] ^= 0x36;
	zos_sha512_init(&c->inner);
	zos_sha512_update(&c->inner, k, sizeof k);
	for (int i = 0; i < ZOS_SHA512_BLOCK; i++)
		k[i] ^= 0x36 ^ 0x5c;
	zos_sha512_init(&c->outer);
	zos_sha512_update(&c->outer, k, sizeof k);
	zos_ct_wipe(k, sizeof k);
}

void zos_hmac_sha512_update(struct zos_hmac_sha512 *c, const void *data, size_t n)
{
	zos_sha512_update(&c->inner, data, n);
}

void zos_hmac_sha512_final(struct zos_hmac_sha512 *c, uint8_t out[ZOS_SHA512_SIZE])
{
	uint8_t d[ZOS_SHA512_SIZE];

	zos_sha512_final(&c->inner, d);
	zos_sha512_update(&c->outer, d, sizeof d);
	zos_sha512_final(&c->outer, out);
	zos_ct_wipe(d, sizeof d);
	zos_ct_wipe(c, sizeof *c);
}

void zos_hmac_sha512(const void *key, size_t key_len, const void *data, size_t n,
		     uint8_t out[ZOS_SHA512_SIZE])
{
	struct zos_hmac_sha512 c;

	zos_hmac_sha512_init(&c, key, key_len);
	zos_hmac_sha512_update(&c, data, n);
	zos_hmac_sha512_final(&c, out);
}
