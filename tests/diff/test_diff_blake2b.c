/*
 * Differential test: our BLAKE2b (lib/crypto/blake2b.c) against libsodium's
 * crypto_generichash on thousands of random inputs, keys and output
 * lengths (libsodium allows outputs of 16..64 bytes), one-shot and
 * streamed in random pieces.
 */
#include <sodium.h>

#include "diff/diff.h"
#include "harness.h"
#include "lib/crypto/blake2b.h"
#include "zos/error.h"

#define TEST_RNG_SEED 0xB1A4E2Bull
#include "support/rnd.h"

static void test_random_match(void)
{
	static uint8_t buf[1200];
	int mismatches = 0;

	for (int i = 0; i < 4000; i++) {
		uint32_t len = i < 300 ? (uint32_t)i : rnd(sizeof buf);
		uint32_t outlen = 16 + rnd(49), keylen = i % 3 ? rnd(65) : 0;
		uint8_t key[64], ours[64], sod[64];
		struct zos_blake2b c;

		for (uint32_t j = 0; j < len; j++)
			buf[j] = (uint8_t)rnd(256);
		for (uint32_t j = 0; j < keylen; j++)
			key[j] = (uint8_t)rnd(256);
		CHECK_EQ(zos_blake2b(ours, outlen, buf, len, key, keylen), ZOS_OK);
		CHECK_EQ(crypto_generichash(sod, outlen, buf, len, keylen ? key : NULL, keylen), 0);
		mismatches += memcmp(ours, sod, outlen) != 0;
		CHECK_EQ(zos_blake2b_init(&c, outlen, key, keylen), ZOS_OK);
		for (uint32_t pos = 0; pos < len;) {
			uint32_t n = 1 + rnd(len - pos);
			zos_blake2b_update(&c, buf + pos, n);
			pos += n;
		}
		zos_blake2b_final(&c, ours);
		mismatches += memcmp(ours, sod, outlen) != 0;
	}
	CHECK_EQ(mismatches, 0);
}

int main(int argc, char **argv)
{
	diff_start(argc, argv);
	RUN(test_random_match);
	return harness_finish("diff_blake2b");
}
