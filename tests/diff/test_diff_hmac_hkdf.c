/*
 * Differential test: our HMAC-SHA-256/512 and HKDF-SHA-256 against
 * OpenSSL (HMAC(), EVP_KDF "HKDF") and libsodium (crypto_auth_hmacsha256/
 * 512 with arbitrary key lengths via their init/update/final) on thousands
 * of random keys, messages and lengths.
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <sodium.h>

#include "harness.h"
#include "lib/crypto/hkdf.h"
#include "lib/crypto/hmac.h"

static uint64_t rng = 0xC0FFEEull;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static void fill(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)rnd(256);
}

static void test_hmac_random(void)
{
	static uint8_t key[300], msg[700];
	uint8_t a[64], b[64], s[64];
	unsigned int blen;
	int bad = 0;

	for (int i = 0; i < 3000; i++) {
		size_t kl = rnd(sizeof key), ml = rnd(sizeof msg);
		crypto_auth_hmacsha256_state s256;
		crypto_auth_hmacsha512_state s512;

		fill(key, kl);
		fill(msg, ml);
		zos_hmac_sha256(key, kl, msg, ml, a);
		HMAC(EVP_sha256(), key, (int)kl, msg, ml, b, &blen);
		crypto_auth_hmacsha256_init(&s256, key, kl);
		crypto_auth_hmacsha256_update(&s256, msg, ml);
		crypto_auth_hmacsha256_final(&s256, s);
		bad += blen != 32 || memcmp(a, b, 32) != 0 || memcmp(a, s, 32) != 0;
		zos_hmac_sha512(key, kl, msg, ml, a);
		HMAC(EVP_sha512(), key, (int)kl, msg, ml, b, &blen);
		crypto_auth_hmacsha512_init(&s512, key, kl);
		crypto_auth_hmacsha512_update(&s512, msg, ml);
		crypto_auth_hmacsha512_final(&s512, s);
		bad += blen != 64 || memcmp(a, b, 64) != 0 || memcmp(a, s, 64) != 0;
	}
	CHECK_EQ(bad, 0);
}

static int ossl_hkdf(const uint8_t *salt, size_t sl, const uint8_t *ikm, size_t il, const uint8_t *info,
		     size_t nl, uint8_t *out, size_t ol)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	EVP_KDF_CTX *k = EVP_KDF_CTX_new(kdf);
	OSSL_PARAM p[5], *q = p;
	int rc;

	*q++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA256", 0);
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)(uintptr_t)ikm, il);
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)(uintptr_t)salt, sl);
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)(uintptr_t)info, nl);
	*q = OSSL_PARAM_construct_end();
	rc = EVP_KDF_derive(k, out, ol, p);
	EVP_KDF_CTX_free(k);
	EVP_KDF_free(kdf);
	return rc;
}

static void test_hkdf_random(void)
{
	static uint8_t salt[100], ikm[100], info[100], a[600], b[600];
	int bad = 0;

	for (int i = 0; i < 2000; i++) {
		size_t sl = 1 + rnd(sizeof salt - 1), il = rnd(sizeof ikm), nl = rnd(sizeof info),
		       ol = 1 + rnd(sizeof a - 1);

		fill(salt, sl);
		fill(ikm, il);
		fill(info, nl);
		bad += zos_hkdf_sha256(salt, sl, ikm, il, info, nl, a, ol) != 0;
		bad += ossl_hkdf(salt, sl, ikm, il, info, nl, b, ol) != 1;
		bad += memcmp(a, b, ol) != 0;
	}
	CHECK_EQ(bad, 0);
}

int main(void)
{
	if (sodium_init() < 0) {
		printf("libsodium did not initialise\n");
		return 1;
	}
	harness_run("HMAC random inputs match OpenSSL and libsodium", test_hmac_random);
	harness_run("HKDF random inputs match OpenSSL", test_hkdf_random);
	return harness_finish("diff_hmac_hkdf");
}
