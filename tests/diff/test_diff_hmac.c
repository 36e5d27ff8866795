/*
 * Differential test: HMAC-SHA-256/512 (lib/crypto/hmac.c) against
 * OpenSSL's HMAC() and libsodium's crypto_auth_hmacsha256/512 (any key
 * length, through their streaming APIs), and HKDF-SHA-256
 * (lib/crypto/hkdf.c) against OpenSSL's EVP_PKEY HKDF, on thousands of
 * random keys, messages, salts, infos and output lengths.
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <sodium.h>

#include "diff/diff.h"
#include "harness.h"
#include "lib/crypto/hkdf.h"
#include "lib/crypto/hmac.h"

#define TEST_RNG_SEED 0x4A11Cull
#include "support/rnd.h"

static void test_hmac_matches(void)
{
	static uint8_t key[300], msg[1100];
	uint8_t ours[64], ossl[64], sod[64];
	unsigned olen;
	int mismatches = 0;

	for (int i = 0; i < 4000; i++) {
		size_t kl = i < 300 ? (size_t)i : rnd(sizeof key), ml = rnd(sizeof msg);
		crypto_auth_hmacsha256_state s256;
		crypto_auth_hmacsha512_state s512;

		fill(key, kl);
		fill(msg, ml);
		zos_hmac_sha256(ours, key, kl, msg, ml);
		HMAC(EVP_sha256(), key, (int)kl, msg, ml, ossl, &olen);
		crypto_auth_hmacsha256_init(&s256, key, kl);
		crypto_auth_hmacsha256_update(&s256, msg, ml);
		crypto_auth_hmacsha256_final(&s256, sod);
		mismatches += olen != 32 || memcmp(ours, ossl, 32) != 0 || memcmp(ours, sod, 32) != 0;
		zos_hmac_sha512(ours, key, kl, msg, ml);
		HMAC(EVP_sha512(), key, (int)kl, msg, ml, ossl, &olen);
		crypto_auth_hmacsha512_init(&s512, key, kl);
		crypto_auth_hmacsha512_update(&s512, msg, ml);
		crypto_auth_hmacsha512_final(&s512, sod);
		mismatches += olen != 64 || memcmp(ours, ossl, 64) != 0 || memcmp(ours, sod, 64) != 0;
	}
	CHECK_EQ(mismatches, 0);
}

static int ossl_hkdf(uint8_t *out, size_t len, const uint8_t *salt, size_t sl, const uint8_t *ikm,
		     size_t il, const uint8_t *info, size_t fl)
{
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, NULL);
	int ok = c && EVP_PKEY_derive_init(c) == 1 && EVP_PKEY_CTX_set_hkdf_md(c, EVP_sha256()) == 1 &&
		 (sl == 0 || EVP_PKEY_CTX_set1_hkdf_salt(c, salt, (int)sl) == 1) &&
		 EVP_PKEY_CTX_set1_hkdf_key(c, ikm, (int)il) == 1 &&
		 (fl == 0 || EVP_PKEY_CTX_add1_hkdf_info(c, info, (int)fl) == 1) &&
		 EVP_PKEY_derive(c, out, &len) == 1;

	EVP_PKEY_CTX_free(c);
	return ok;
}

static void test_hkdf_matches(void)
{
	static uint8_t ikm[200], salt[200], info[200], ours[2000], ossl[2000];
	int mismatches = 0;

	for (int i = 0; i < 3000; i++) {
		size_t il = 1 + rnd(sizeof ikm), sl = rnd(sizeof salt), fl = rnd(sizeof info);
		size_t len = 1 + rnd(i % 10 ? 100 : sizeof ours);

		fill(ikm, il);
		fill(salt, sl);
		fill(info, fl);
		mismatches += zos_hkdf_sha256(ours, len, salt, sl, ikm, il, info, fl) != 0;
		mismatches += !ossl_hkdf(ossl, len, salt, sl, ikm, il, info, fl);
		mismatches += memcmp(ours, ossl, len) != 0;
	}
	CHECK_EQ(mismatches, 0);
}

int main(int argc, char **argv)
{
	diff_start(argc, argv);
	harness_run("HMAC-SHA-256/512 match OpenSSL and libsodium", test_hmac_matches);
	harness_run("HKDF-SHA-256 matches OpenSSL", test_hkdf_matches);
	return harness_finish("diff_hmac");
}
