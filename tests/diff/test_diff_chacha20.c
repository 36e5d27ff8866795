/*
 * Differential test: ChaCha20 (lib/crypto/chacha20.c) against libsodium's
 * crypto_stream_chacha20_ietf_xor_ic and OpenSSL's EVP_chacha20 on
 * thousands of random keys, nonces, counters and lengths.
 */
#include <openssl/evp.h>
#include <sodium.h>

#include "diff/diff.h"
#include "harness.h"
#include "lib/crypto/chacha20.h"

#define TEST_RNG_SEED 0xC4AC4Aull
#include "support/rnd.h"

static int ossl_chacha(uint8_t *out, const uint8_t *in, size_t n, const uint8_t key[32],
		       const uint8_t nonce[12], uint32_t ctr)
{
	uint8_t iv[16];
	int len = 0;
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int ok;

	for (int i = 0; i < 4; i++)
		iv[i] = (uint8_t)(ctr >> (8 * i));
	memcpy(iv + 4, nonce, 12);
	ok = c && EVP_EncryptInit_ex(c, EVP_chacha20(), NULL, key, iv) == 1 &&
	     EVP_EncryptUpdate(c, out, &len, in, (int)n) == 1 && (size_t)len == n;
	EVP_CIPHER_CTX_free(c);
	return ok;
}

static void test_random_inputs_match(void)
{
	static uint8_t in[2000], ours[2000], sod[2000], ossl[2000];
	uint8_t key[32], nonce[12];
	int mismatches = 0;

	for (int i = 0; i < 4000; i++) {
		size_t n = i < 300 ? (size_t)i : rnd(sizeof in);
		/* counters near the top too (the stream must stay within 2^32 blocks) */
		uint32_t ctr = i % 3 ? rnd(1000) : 0xffffffffu - 40;

		fill(key, 32);
		fill(nonce, 12);
		fill(in, n);
		mismatches += zos_chacha20_xor(ours, in, n, key, nonce, ctr) != 0;
		crypto_stream_chacha20_ietf_xor_ic(sod, in, n, nonce, ctr, key);
		mismatches += memcmp(ours, sod, n) != 0;
		if (ctr < 0xfffff000u) { /* OpenSSL carries the counter into the nonce */
			mismatches += !ossl_chacha(ossl, in, n, key, nonce, ctr);
			mismatches += memcmp(ours, ossl, n) != 0;
		}
	}
	CHECK_EQ(mismatches, 0);
}

int main(int argc, char **argv)
{
	diff_start(argc, argv);
	harness_run("ChaCha20 matches libsodium and OpenSSL", test_random_inputs_match);
	return harness_finish("diff_chacha20");
}
