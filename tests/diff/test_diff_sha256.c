/*
 * Differential test: our SHA-256 (lib/sha256.c) against OpenSSL's and
 * libsodium's on thousands of random inputs of every length up to a few
 * blocks, one-shot and streamed in random pieces.
 */
#include <openssl/sha.h>
#include <sodium.h>

#include "diff/diff.h"
#include "harness.h"
#include "lib/sha256.h"

#define TEST_RNG_SEED 0x5EEDull
#include "support/rnd.h"

static void test_random_inputs_match(void)
{
	static uint8_t buf[1024];
	uint8_t ours[32], ossl[32], sod[32];
	int mismatches = 0;

	for (int i = 0; i < 4000; i++) {
		uint32_t len = i < 300 ? (uint32_t)i : rnd(sizeof buf);
		struct zos_sha256 c;

		for (uint32_t j = 0; j < len; j++)
			buf[j] = (uint8_t)rnd(256);
		zos_sha256(buf, len, ours);
		SHA256(buf, len, ossl);
		crypto_hash_sha256(sod, buf, len);
		mismatches += memcmp(ours, ossl, 32) != 0 || memcmp(ours, sod, 32) != 0;
		zos_sha256_init(&c);
		for (uint32_t pos = 0; pos < len;) {
			uint32_t n = 1 + rnd(len - pos);
			zos_sha256_update(&c, buf + pos, n);
			pos += n;
		}
		zos_sha256_final(&c, ours);
		mismatches += memcmp(ours, ossl, 32) != 0;
	}
	CHECK_EQ(mismatches, 0);
}

int main(int argc, char **argv)
{
	diff_start(argc, argv);
	harness_run("random inputs match OpenSSL and libsodium", test_random_inputs_match);
	return harness_finish("diff_sha256");
}
