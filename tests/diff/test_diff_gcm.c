/*
 * Differential test: AES-256-GCM (lib/crypto/gcm.c), portable path and
 * AES-NI path, against OpenSSL's EVP aes-256-gcm (any IV length) and
 * libsodium's crypto_aead_aes256gcm (12-byte IVs; when the CPU has it) on
 * thousands of random keys, IVs, messages and AADs; decryption of
 * OpenSSL's output, and OpenSSL refusing our tag when it is altered.
 */
#include <openssl/evp.h>
#include <sodium.h>

#include "diff/diff.h"
#include "harness.h"
#include "lib/crypto/gcm.h"
#include <zos/error.h>

#define TEST_RNG_SEED 0x6C3D1Full
#include "support/rnd.h"

static int ossl_gcm(int enc, const uint8_t *key, const uint8_t *iv, size_t ivn, const uint8_t *aad,
		    size_t an, const uint8_t *in, size_t n, uint8_t *out, uint8_t tag[16])
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int len = 0, fin = 0, ok;

	ok = c && EVP_CipherInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL, enc) == 1 &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, (int)ivn, NULL) == 1 &&
	     EVP_CipherInit_ex(c, NULL, NULL, key, iv, enc) == 1 &&
	     (an == 0 || EVP_CipherUpdate(c, NULL, &len, aad, (int)an) == 1) &&
	     EVP_CipherUpdate(c, out, &len, in, (int)n) == 1 &&
	     (enc || EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, tag) == 1) &&
	     EVP_CipherFinal_ex(c, out + len, &fin) == 1 &&
	     (!enc || EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, tag) == 1);
	EVP_CIPHER_CTX_free(c);
	return ok;
}

static int diff_path(int hw, int rounds)
{
	static uint8_t pt[1500], ours[1500 + 16], ossl[1500], back[1500], aad[200];
	uint8_t key[32], iv[64], tag[16], otag[16];
	int sod = crypto_aead_aes256gcm_is_available(), mismatches = 0;
	struct zos_aes256_gcm g;

	for (int i = 0; i < rounds; i++) {
		size_t n = i < 100 ? (size_t)i : rnd(sizeof pt), an = rnd(i % 4 ? 40 : sizeof aad);
		size_t ivn = i % 3 ? 12 : 1 + rnd(sizeof iv);
		unsigned long long clen = 0;

		fill(key, 32);
		fill(iv, ivn);
		fill(pt, n);
		fill(aad, an);
		if (hw)
			zos_aes256_gcm_init(&g, key);
		else
			zos_aes256_gcm_init_portable(&g, key);
		mismatches += zos_aes256_gcm_encrypt(&g, ours, tag, pt, n, iv, ivn, aad, an) != 0;
		mismatches += !ossl_gcm(1, key, iv, ivn, aad, an, pt, n, ossl, otag);
		mismatches += memcmp(ours, ossl, n) != 0 || memcmp(tag, otag, 16) != 0;
		mismatches += zos_aes256_gcm_decrypt(&g, back, ossl, n, otag, iv, ivn, aad, an) != 0;
		mismatches += memcmp(back, pt, n) != 0;
		if (sod && ivn == 12) {
			static uint8_t sc[1500 + 16];
			crypto_aead_aes256gcm_encrypt(sc, &clen, pt, n, aad, an, NULL, iv, key);
			mismatches += clen != n + 16 || memcmp(sc, ours, n) != 0 || memcmp(sc + n, tag, 16) != 0;
		}
		/* an altered tag: OpenSSL refuses it, and so do we */
		tag[rnd(16)] ^= (uint8_t)(1 + rnd(255));
		mismatches += ossl_gcm(0, key, iv, ivn, aad, an, ours, n, back, tag);
		mismatches += zos_aes256_gcm_decrypt(&g, back, ours, n, tag, iv, ivn, aad, an) != ZOS_ERR_CORRUPT;
		zos_aes256_gcm_wipe(&g);
	}
	return mismatches;
}

static void test_portable_matches(void)
{
	CHECK_EQ(diff_path(0, 2000), 0);
}

static void test_hw_matches(void)
{
	if (!zos_aes256_gcm_hw_available()) {
		printf("  (no AES-NI + PCLMULQDQ here: portable path only)\n");
		return;
	}
	CHECK_EQ(diff_path(1, 4000), 0);
}

int main(int argc, char **argv)
{
	diff_start(argc, argv);
	if (!harness_listing())
		printf("libsodium AES-256-GCM %savailable on this CPU\n", crypto_aead_aes256gcm_is_available() ? "" : "not ");
	harness_run("portable AES-256-GCM matches OpenSSL (and libsodium)", test_portable_matches);
	harness_run("AES-NI AES-256-GCM matches OpenSSL (and libsodium)", test_hw_matches);
	return harness_finish("diff_gcm");
}
