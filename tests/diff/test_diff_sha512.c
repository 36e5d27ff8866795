/* Differential test: our SHA-512 (lib/crypto/sha512.c) against OpenSSL's
 * and libsodium's on thousands of random inputs up to several blocks. */
#include <openssl/sha.h>
#include <sodium.h>

#include "diff/diff.h"
#include "harness.h"
#include "lib/crypto/sha512.h"

#define TEST_RNG_SEED 0x5A512ull
#include "support/rnd.h"

static void test_random_inputs_match(void)
{
	static uint8_t buf[1100];
	int mismatches = 0;

	for (int i = 0; i < 4000; i++) {
		uint32_t len = i < 300 ? (uint32_t)i : rnd(sizeof buf);
		uint8_t ours[64], ossl[64], sod[64];

		for (uint32_t j = 0; j < len; j++)
			buf[j] = (uint8_t)rnd(256);
		zos_sha512(buf, len, ours);
		SHA512(buf, len, ossl);
		crypto_hash_sha512(sod, buf, len);
		mismatches += memcmp(ours, ossl, 64) != 0 || memcmp(ours, sod, 64) != 0;
	}
	CHECK_EQ(mismatches, 0);
}

int main(int argc, char **argv)
{
	diff_start(argc, argv);
	RUN(test_random_inputs_match);
	return harness_finish("diff_sha512");
}
