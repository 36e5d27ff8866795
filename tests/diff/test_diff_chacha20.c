/*
 * Differential test: our ChaCha20 against libsodium's
 * crypto_stream_chacha20_ietf_xor_ic and OpenSSL's EVP_chacha20 on
 * thousands of random keys, nonces, counters and lengths; and the CSPRNG's
 * output against its construction rebuilt from libsodium's ChaCha20.
 */
#include <openssl/evp.h>
#include <sodium.h>

#include "harness.h"
#include "lib/crypto/chacha20.h"
#include "lib/crypto/csprng.h"

static uint64_t rng = 0xCAC4A20ull;

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

static void test_random(void)
{
	static uint8_t msg[1500], a[1500], s[1500], o[1500];
	uint8_t key[32], nonce[12], iv[16];
	int bad = 0;

	for (int i = 0; i < 4000; i++) {
		size_t n = rnd(sizeof msg);
		uint32_t ctr = rnd(1000);
		EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
		int len = 0;

		fill(key, 32);
		fill(nonce, 12);
		fill(msg, n);
		zos_chacha20_xor(key, ctr, nonce, msg, a, n);
		crypto_stream_chacha20_ietf_xor_ic(s, msg, n, nonce, ctr, key);
		for (int j = 0; j < 4; j++)
			iv[j] = (uint8_t)(ctr >> (8 * j));
		memcpy(iv + 4, nonce, 12);
		EVP_EncryptInit_ex(c, EVP_chacha20(), NULL, key, iv);
		EVP_EncryptUpdate(c, o, &len, msg, (int)n);
		EVP_CIPHER_CTX_free(c);
		bad += memcmp(a, s, n) != 0 || memcmp(a, o, n) != 0 || (size_t)len != n;
	}
	CHECK_EQ(bad, 0);
}

static void test_csprng_construction(void)
{
	struct zos_csprng r;
	uint8_t seed[32], key[32], nonce[12] = {0}, got[300], want[300 + 32];
	crypto_hash_sha256_state h;
	int bad = 0;

	fill(seed, 32);
	memset(key, 0, 32);
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const uint8_t *)"zos csprng", 10);
	crypto_hash_sha256_update(&h, key, 32);
	crypto_hash_sha256_update(&h, seed, 32);
	crypto_hash_sha256_final(&h, key);
	CHECK_EQ(zos_csprng_init(&r, seed, 32), 0);
	for (uint64_t q = 0; q < 50; q++) {
		size_t n = 1 + rnd(sizeof got);
		for (int i = 0; i < 8; i++)
			nonce[i] = (uint8_t)(q >> (8 * i));
		crypto_stream_chacha20_ietf(want, n + 32, nonce, key);
		CHECK_EQ(zos_csprng_generate(&r, got, n), 0);
		bad += memcmp(got, want + 32, n) != 0;
		memcpy(key, want, 32);
		bad += memcmp(key, r.key, 32) != 0;
	}
	CHECK_EQ(bad, 0);
}

int main(void)
{
	if (sodium_init() < 0) {
		printf("libsodium did not initialise\n");
		return 1;
	}
	harness_run("ChaCha20 random inputs match libsodium and OpenSSL", test_random);
	harness_run("CSPRNG output equals its construction", test_csprng_construction);
	return harness_finish("diff_chacha20");
}
