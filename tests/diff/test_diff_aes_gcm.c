/*
 * Differential test: our AES-256-GCM, portable and hardware paths, against
 * OpenSSL's EVP_aes_256_gcm and (where the CPU allows it) libsodium's
 * crypto_aead_aes256gcm on thousands of random keys, IVs, AADs and
 * messages of every length up to a few hundred bytes; the portable and
 * hardware paths also agree with each other.
 */
#include <openssl/evp.h>
#include <sodium.h>

#include "harness.h"
#include "lib/crypto/aes_gcm.h"

static uint64_t rng = 0xAE5ull;

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

static void ossl_gcm(const uint8_t *key, const uint8_t *iv, const uint8_t *aad, size_t al, const uint8_t *pt,
		     size_t n, uint8_t *ct, uint8_t *tag)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int len;

	EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, key, iv);
	if (al > 0)
		EVP_EncryptUpdate(c, NULL, &len, aad, (int)al);
	if (n > 0)
		EVP_EncryptUpdate(c, ct, &len, pt, (int)n);
	EVP_EncryptFinal_ex(c, ct + n, &len);
	EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, tag);
	EVP_CIPHER_CTX_free(c);
}

static void test_random(void)
{
	static uint8_t pt[700], ct[700], o[700], s[700 + 16], back[700];
	uint8_t key[32], iv[12], aad[80], tag[16], otag[16];
	int bad = 0, sodium_hw = crypto_aead_aes256gcm_is_available();

	if (!sodium_hw)
		printf("  (libsodium's AES-GCM needs AES-NI: compared with OpenSSL only)\n");
	for (int i = 0; i < 6000; i++) {
		size_t n = i < 300 ? (size_t)i : rnd(sizeof pt), al = rnd(sizeof aad);
		unsigned long long sl;

		zos_aes_gcm_force_portable(i & 1);
		fill(key, 32);
		fill(iv, 12);
		fill(aad, al);
		fill(pt, n);
		bad += zos_aes256_gcm_encrypt(key, iv, aad, al, pt, n, ct, tag) != 0;
		ossl_gcm(key, iv, aad, al, pt, n, o, otag);
		bad += memcmp(ct, o, n) != 0 || memcmp(tag, otag, 16) != 0;
		if (sodium_hw) {
			crypto_aead_aes256gcm_encrypt(s, &sl, pt, n, aad, al, NULL, iv, key);
			bad += sl != n + 16 || memcmp(s, ct, n) != 0 || memcmp(s + n, tag, 16) != 0;
		}
		zos_aes_gcm_force_portable(!(i & 1));
		bad += zos_aes256_gcm_decrypt(key, iv, aad, al, ct, n, tag, back) != 0;
		bad += memcmp(back, pt, n) != 0;
	}
	zos_aes_gcm_force_portable(0);
	CHECK_EQ(bad, 0);
}

int main(void)
{
	if (sodium_init() < 0) {
		printf("libsodium did not initialise\n");
		return 1;
	}
	harness_run("AES-256-GCM random inputs match OpenSSL and libsodium, both paths", test_random);
	return harness_finish("diff_aes_gcm");
}
