/*
 * HMAC-SHA-256 and HMAC-SHA-512 (RFC 2104 / FIPS 198-1; see hmac.h).
 *
 * HMAC(K, m) = H((K0 ^ opad) || H((K0 ^ ipad) || m)), K0 the key padded
 * with zeros to the block size (hashed first when longer than a block).
 * init absorbs both padded keys, so update/final only hash the message and
 * the inner digest. Every key-derived buffer is wiped before returning.
 */
#include "lib/crypto/hmac.h"

#include "lib/crypto/ct.h"

#define IPAD 0x36
#define OPAD 0x5c

/* k0[0..block) = the key padded with zeros; k0 has room for a block. */
static void pad_key(uint8_t *k0, size_t block, const uint8_t *key, size_t key_len)
{
	for (size_t i = 0; i < block; i++)
		k0[i] = i < key_len ? key[i] : 0;
}

static void xor_all(uint8_t *p, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++)
		p[i] ^= v;
}

void zos_hmac_sha256_init(struct zos_hmac_sha256 *c, const void *key, size_t key_len)
{
	uint8_t k0[ZOS_SHA256_BLOCK], hk[ZOS_SHA256_SIZE];

	if (key_len > ZOS_SHA256_BLOCK) {
		zos_sha256(key, key_len, hk);
		pad_key(k0, sizeof k0, hk, sizeof hk);
	} else {
		pad_key(k0, sizeof k0, key, key_len);
	}
	xor_all(k0, sizeof k0, IPAD);
	zos_sha256_init(&c->inner);
	zos_sha256_update(&c->inner, k0, sizeof k0);
	xor_all(k0, sizeof k0, IPAD ^ OPAD);
	zos_sha256_init(&c->outer);
	zos_sha256_update(&c->outer, k0, sizeof k0);
	zos_ct_wipe(k0, sizeof k0);
	zos_ct_wipe(hk, sizeof hk);
}

void zos_hmac_sha256_update(struct zos_hmac_sha256 *c, const void *data, size_t n)
{
	zos_sha256_update(&c->inner, data, n);
}

void zos_hmac_sha256_final(struct zos_hmac_sha256 *c, uint8_t out[ZOS_HMAC_SHA256_SIZE])
{
	uint8_t ih[ZOS_SHA256_SIZE];

	zos_sha256_final(&c->inner, ih);
	zos_sha256_update(&c->outer, ih, sizeof ih);
	zos_sha256_final(&c->outer, out);
	zos_ct_wipe(ih, sizeof ih);
	zos_ct_wipe(c, sizeof *c);
}

void zos_hmac_sha256(uint8_t out[ZOS_HMAC_SHA256_SIZE], const void *key, size_t key_len,
		     const void *data, size_t n)
{
	struct zos_hmac_sha256 c;

	zos_hmac_sha256_init(&c, key, key_len);
	zos_hmac_sha256_update(&c, data, n);
	zos_hmac_sha256_final(&c, out);
}

void zos_hmac_sha512_init(struct zos_hmac_sha512 *c, const void *key, size_t key_len)
{
	uint8_t k0[128], hk[ZOS_SHA512_SIZE];

	if (key_len > sizeof k0) {
		zos_sha512(key, key_len, hk);
		pad_key(k0, sizeof k0, hk, sizeof hk);
	} else {
		pad_key(k0, sizeof k0, key, key_len);
	}
	xor_all(k0, sizeof k0, IPAD);
	zos_sha512_init(&c->inner);
	zos_sha512_update(&c->inner, k0, sizeof k0);
	xor_all(k0, sizeof k0, IPAD ^ OPAD);
	zos_sha512_init(&c->outer);
	zos_sha512_update(&c->outer, k0, sizeof k0);
	zos_ct_wipe(k0, sizeof k0);
	zos_ct_wipe(hk, sizeof hk);
}

void zos_hmac_sha512_update(struct zos_hmac_sha512 *c, const void *data, size_t n)
{
	zos_sha512_update(&c->inner, data, n);
}

void zos_hmac_sha512_final(struct zos_hmac_sha512 *c, uint8_t out[ZOS_HMAC_SHA512_SIZE])
{
	uint8_t ih[ZOS_SHA512_SIZE];

	zos_sha512_final(&c->inner, ih);
	zos_sha512_update(&c->outer, ih, sizeof ih);
	zos_sha512_final(&c->outer, out);
	zos_ct_wipe(ih, sizeof ih);
	zos_ct_wipe(c, sizeof *c);
}

void zos_hmac_sha512(uint8_t out[ZOS_HMAC_SHA512_SIZE], const void *key, size_t key_len,
		     const void *data, size_t n)
{
	struct zos_hmac_sha512 c;

	zos_hmac_sha512_init(&c, key, key_len);
	zos_hmac_sha512_update(&c, data, n);
	zos_hmac_sha512_final(&c, out);
}
