/*
 * Differential test: our Argon2id (lib/crypto/argon2.c) against libsodium's
 * crypto_pwhash with crypto_pwhash_ALG_ARGON2ID13 on random passwords,
 * salts, output lengths (including ones over 64 bytes, where H' chains
 * BLAKE2b), passes and memory sizes. libsodium always uses one lane and
 * no secret or associated data, so those are what is compared; RFC 9106's
 * vector (tests/test_crypto_argon2.c) covers several lanes, a secret and
 * associated data.
 */
#include <sodium.h>

#include "diff/diff.h"
#include "harness.h"
#include "lib/crypto/argon2.h"
#include "zos/error.h"

#define TEST_RNG_SEED 0xA4602ull
#include "support/rnd.h"

static void test_random_match(void)
{
	int mismatches = 0, runs = 0;
	size_t cap = zos_argon2id_memory_bytes(1024, 1);
	uint64_t *mem = malloc(cap);

	CHECK(mem != NULL);
	if (!mem)
		return;
	for (int i = 0; i < 1000; i++) {
		uint8_t pwd[64], salt[crypto_pwhash_SALTBYTES], ours[160], sod[160];
		uint32_t pwlen = rnd(65), outlen = 16 + rnd(145);
		uint32_t t = 1 + rnd(3), m_kib = 8 + rnd(i % 10 == 0 ? 1017 : 120);
		struct zos_argon2_params p = { t, m_kib, 1, 0, 0, 0, 0 };

		for (uint32_t j = 0; j < pwlen; j++)
			pwd[j] = (uint8_t)rnd(256);
		for (uint32_t j = 0; j < sizeof salt; j++)
			salt[j] = (uint8_t)rnd(256);
		CHECK_EQ(zos_argon2id(ours, outlen, pwd, pwlen, salt, sizeof salt, &p, mem, cap), ZOS_OK);
		CHECK_EQ(crypto_pwhash(sod, outlen, (const char *)pwd, pwlen, salt, t, (size_t)m_kib * 1024,
				       crypto_pwhash_ALG_ARGON2ID13),
			 0);
		mismatches += memcmp(ours, sod, outlen) != 0;
		runs++;
	}
	free(mem);
	CHECK_EQ(mismatches, 0);
	CHECK_EQ(runs, 1000);
}

int main(int argc, char **argv)
{
	diff_start(argc, argv);
	RUN(test_random_match);
	return harness_finish("diff_argon2");
}
