/* ChaCha20 (lib/crypto/chacha20.c) against RFC 8439's vectors, and the
 * CSPRNG built on it (lib/crypto/csprng.c): seeding rules, determinism,
 * fast key erasure, reseeding, and that split requests equal one request. */
#include "harness.h"
#include "crypto/vectors.h"
#include "lib/crypto/chacha20.h"
#include "lib/crypto/csprng.h"
#include "lib/crypto/hmac.h"
#include <zos/error.h>

static void test_rfc8439(void)
{
	FILE *f = vec_open("tests/crypto/vectors/chacha20_rfc8439.txt");
	struct vec_rec r = { 0 };
	int seen = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	while (vec_next(f, &r)) {
		uint8_t key[32], nonce[12], pt[256], ct[256], got[256], blk[64];
		long pn = vec_hex(&r, "plaintext", pt, sizeof pt);
		uint32_t ctr = (uint32_t)vec_num(&r, "counter");

		CHECK_EQ(vec_hex(&r, "key", key, 32), 32);
		CHECK_EQ(vec_hex(&r, "nonce", nonce, 12), 12);
		CHECK_EQ(vec_hex(&r, "ciphertext", ct, sizeof ct), pn);
		if (pn <= 0)
			break;
		CHECK_EQ(zos_chacha20_xor(got, pt, (size_t)pn, key, nonce, ctr), ZOS_OK);
		CHECK_MEM(got, ct, (size_t)pn);
		/* in place, and back again */
		CHECK_EQ(zos_chacha20_xor(got, got, (size_t)pn, key, nonce, ctr), ZOS_OK);
		CHECK_MEM(got, pt, (size_t)pn);
		/* the first block through the block function */
		zos_chacha20_block(blk, key, ctr, nonce);
		for (long i = 0; i < (pn < 64 ? pn : 64); i++)
			CHECK_EQ(blk[i] ^ pt[i], ct[i]);
		seen++;
	}
	vec_clear(&r);
	fclose(f);
	CHECK_EQ(seen, 6);
}

static void test_counter_end(void)
{
	uint8_t key[32] = { 1 }, nonce[12] = { 2 }, buf[130] = { 0 };

	CHECK_EQ(zos_chacha20_xor(buf, 0, 64, key, nonce, 0xffffffffu), ZOS_OK);
	CHECK_EQ(zos_chacha20_xor(buf, 0, 65, key, nonce, 0xffffffffu), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_chacha20_xor(buf, 0, 128, key, nonce, 0xfffffffeu), ZOS_OK);
	CHECK_EQ(zos_chacha20_xor(buf, 0, 129, key, nonce, 0xfffffffeu), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_chacha20_xor(buf, 0, 0, key, nonce, 0xffffffffu), ZOS_OK);
}

static void seed_of(uint8_t *s, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++)
		s[i] = (uint8_t)(v + i * 3);
}

static void test_csprng_seeding(void)
{
	struct zos_csprng c;
	uint8_t seed[64], out[16];

	seed_of(seed, sizeof seed, 1);
	CHECK_EQ(zos_csprng_init(&c, seed, 31), ZOS_ERR_INVALID_ARGUMENT);
	memset(out, 0xAA, sizeof out);
	CHECK_EQ(zos_csprng_bytes(&c, out, sizeof out), ZOS_ERR_INVALID_ARGUMENT);
	for (size_t i = 0; i < sizeof out; i++)
		CHECK_EQ(out[i], 0);
	CHECK_EQ(zos_csprng_reseed(&c, seed, 32), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_csprng_init(&c, 0, 32), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_csprng_init(&c, seed, 32), ZOS_OK);
	CHECK_EQ(zos_csprng_bytes(&c, out, sizeof out), ZOS_OK);
	CHECK_EQ(zos_csprng_reseed(&c, seed, 0), ZOS_ERR_INVALID_ARGUMENT);
	zos_csprng_wipe(&c);
	CHECK_EQ(zos_csprng_bytes(&c, out, sizeof out), ZOS_ERR_INVALID_ARGUMENT);
}

static void test_csprng_deterministic_and_split(void)
{
	static uint8_t a[5000], b[5000];
	struct zos_csprng c, d;
	uint8_t seed[48];

	seed_of(seed, sizeof seed, 9);
	CHECK_EQ(zos_csprng_init(&c, seed, sizeof seed), ZOS_OK);
	CHECK_EQ(zos_csprng_init(&d, seed, sizeof seed), ZOS_OK);
	CHECK_EQ(zos_csprng_bytes(&c, a, sizeof a), ZOS_OK);
	for (size_t pos = 0, step = 1; pos < sizeof b; pos += step, step = step * 2 + 1) {
		size_t n = sizeof b - pos < step ? sizeof b - pos : step;
		CHECK_EQ(zos_csprng_bytes(&d, b + pos, n), ZOS_OK);
	}
	CHECK_MEM(a, b, sizeof a);
	/* another seed, another stream */
	seed[47] ^= 1;
	CHECK_EQ(zos_csprng_init(&d, seed, sizeof seed), ZOS_OK);
	CHECK_EQ(zos_csprng_bytes(&d, b, 64), ZOS_OK);
	CHECK(memcmp(a, b, 64) != 0);
}

static void test_csprng_fast_key_erasure(void)
{
	static const char label[] = "Zero OS csprng seed";
	static const uint8_t nonce[12];
	struct zos_csprng c;
	uint8_t seed[32], k0[32], ks[1024], out[100];

	seed_of(seed, sizeof seed, 5);
	CHECK_EQ(zos_csprng_init(&c, seed, sizeof seed), ZOS_OK);
	zos_hmac_sha256(k0, label, sizeof label - 1, seed, sizeof seed);
	CHECK_MEM(c.key, k0, 32);
	CHECK_EQ(zos_csprng_bytes(&c, out, sizeof out), ZOS_OK);
	/* output = key stream under k0 after the 32 bytes that became the next key */
	CHECK_EQ(zos_chacha20_xor(ks, 0, sizeof ks, k0, nonce, 0), ZOS_OK);
	CHECK_MEM(out, ks + 32, sizeof out);
	CHECK_MEM(c.key, ks, 32);
	CHECK(memcmp(c.key, k0, 32) != 0);
	/* what was handed out is gone from the buffer */
	for (size_t i = 0; i < sizeof out; i++)
		CHECK_EQ(c.buf[i], 0);
}

static void test_csprng_reseed_changes_stream(void)
{
	struct zos_csprng c, d;
	uint8_t seed[32], a[64], b[64];

	seed_of(seed, sizeof seed, 7);
	CHECK_EQ(zos_csprng_init(&c, seed, sizeof seed), ZOS_OK);
	CHECK_EQ(zos_csprng_init(&d, seed, sizeof seed), ZOS_OK);
	CHECK_EQ(zos_csprng_bytes(&c, a, 10), ZOS_OK);
	CHECK_EQ(zos_csprng_bytes(&d, b, 10), ZOS_OK);
	CHECK_EQ(zos_csprng_reseed(&d, "more", 4), ZOS_OK);
	CHECK_EQ(zos_csprng_bytes(&c, a, sizeof a), ZOS_OK);
	CHECK_EQ(zos_csprng_bytes(&d, b, sizeof b), ZOS_OK);
	CHECK(memcmp(a, b, sizeof a) != 0);
}

static void test_csprng_bit_balance(void)
{
	static uint8_t buf[1 << 16];
	struct zos_csprng c;
	uint8_t seed[32];
	long ones = 0, bits = (long)sizeof buf * 8;

	seed_of(seed, sizeof seed, 11);
	CHECK_EQ(zos_csprng_init(&c, seed, sizeof seed), ZOS_OK);
	CHECK_EQ(zos_csprng_bytes(&c, buf, sizeof buf), ZOS_OK);
	for (size_t i = 0; i < sizeof buf; i++)
		ones += __builtin_popcount(buf[i]);
	/* 524288 fair bits: the standard deviation is 362; allow 6 of them */
	CHECK(ones > bits / 2 - 2200 && ones < bits / 2 + 2200);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_rfc8439);
	RUN(test_counter_end);
	RUN(test_csprng_seeding);
	RUN(test_csprng_deterministic_and_split);
	RUN(test_csprng_fast_key_erasure);
	RUN(test_csprng_reseed_changes_stream);
	RUN(test_csprng_bit_balance);
	return harness_finish("crypto_chacha20");
}
