/* Shamir sharing (lib/crypto/shamir.c): every k-subset of n rebuilds the
 * secret; fewer than k, duplicates, malformed, tampered (with or without a
 * fixed-up checksum) and foreign shares are refused with the right error. */
#include "harness.h"
#include "lib/crypto/shamir.h"
#include "lib/sha256.h"
#include "zos/error.h"

#define SL ZOS_SHAMIR_SHARE_LEN(32)

static struct zos_csprng rng;
static uint8_t secret[32], shares[5 * SL];

static void setup(void)
{
	uint8_t seed[32] = {42};

	CHECK_EQ(zos_csprng_init(&rng, seed, sizeof seed), ZOS_OK);
	for (int i = 0; i < 32; i++)
		secret[i] = (uint8_t)(i * 11 + 3);
	CHECK_EQ(zos_shamir_split(secret, 32, 3, 5, &rng, shares), ZOS_OK);
}

static void test_every_three_of_five(void)
{
	uint8_t out[32];
	size_t len;
	int combos = 0;

	setup();
	for (int a = 0; a < 5; a++)
		for (int b = 0; b < 5; b++)
			for (int c = 0; c < 5; c++) {
				const uint8_t *s[3] = {shares + a * SL, shares + b * SL, shares + c * SL};
				int rc = zos_shamir_combine(s, 3, SL, out, &len);
				if (a == b || b == c || a == c) {
					CHECK_EQ(rc, ZOS_ERR_INVALID_ARGUMENT);
					continue;
				}
				CHECK_EQ(rc, ZOS_OK);
				CHECK_EQ(len, 32);
				CHECK(memcmp(out, secret, 32) == 0);
				combos++;
			}
	CHECK_EQ(combos, 60);
	{
		const uint8_t *s[5] = {shares, shares + SL, shares + 2 * SL, shares + 3 * SL, shares + 4 * SL};
		CHECK_EQ(zos_shamir_combine(s, 5, SL, out, &len), ZOS_OK);
		CHECK_EQ(zos_shamir_combine(s, 2, SL, out, &len), ZOS_ERR_INVALID_ARGUMENT);
	}
}

static void test_tampered_and_foreign_refused(void)
{
	uint8_t out[32], bad[SL], other[5 * SL], sum[32];
	size_t len;
	const uint8_t *s[3] = {shares, shares + SL, bad};

	setup();
	memcpy(bad, shares + 2 * SL, SL);
	bad[10] ^= 1; /* a typo: checksum catches it */
	CHECK_EQ(zos_shamir_combine(s, 3, SL, out, &len), ZOS_ERR_CORRUPT);
	for (int i = 0; i < 32; i++)
		CHECK_EQ(out[i], 0);
	zos_sha256(bad, SL - 4, sum); /* a forgery with a valid checksum: the secret tag catches it */
	memcpy(bad + SL - 4, sum, 4);
	CHECK_EQ(zos_shamir_combine(s, 3, SL, out, &len), ZOS_ERR_CORRUPT);
	CHECK_EQ(len, 0);
	CHECK_EQ(zos_shamir_split(secret, 32, 3, 5, &rng, other), ZOS_OK); /* same secret, other polynomial */
	memcpy(bad, other + 2 * SL, SL);
	CHECK_EQ(zos_shamir_combine(s, 3, SL, out, &len), ZOS_ERR_CORRUPT);
	memcpy(bad, shares + 2 * SL, SL);
	CHECK_EQ(zos_shamir_combine(s, 3, SL, out, &len), ZOS_OK);
	CHECK_EQ(zos_shamir_combine(s, 3, SL - 1, out, &len), ZOS_ERR_CORRUPT); /* cut short */
	CHECK_EQ(zos_shamir_combine(s, 3, 8, out, &len), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_shamir_combine(s, 0, SL, out, &len), ZOS_ERR_INVALID_ARGUMENT);
}

static void test_parameter_limits(void)
{
	static uint8_t many[255 * ZOS_SHAMIR_SHARE_LEN(1)];
	const uint8_t *s[255];
	uint8_t out[1], one = 0xA7;
	size_t len;

	setup();
	CHECK_EQ(zos_shamir_split(secret, 32, 1, 5, &rng, shares), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_shamir_split(secret, 32, 6, 5, &rng, shares), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_shamir_split(secret, 32, 3, 256, &rng, shares), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_shamir_split(secret, 0, 3, 5, &rng, shares), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_shamir_split(secret, 65, 3, 5, &rng, shares), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_shamir_split(&one, 1, 255, 255, &rng, many), ZOS_OK);
	for (int i = 0; i < 255; i++)
		s[i] = many + (254 - i) * ZOS_SHAMIR_SHARE_LEN(1);
	CHECK_EQ(zos_shamir_combine(s, 255, ZOS_SHAMIR_SHARE_LEN(1), out, &len), ZOS_OK);
	CHECK_EQ(out[0], 0xA7);
	CHECK_EQ(zos_shamir_combine(s, 254, ZOS_SHAMIR_SHARE_LEN(1), out, &len), ZOS_ERR_INVALID_ARGUMENT);
}

int main(void)
{
	harness_run("every 3 of 5 rebuilds the secret", test_every_three_of_five);
	harness_run("tampered and foreign shares refused", test_tampered_and_foreign_refused);
	harness_run("parameter limits", test_parameter_limits);
	return harness_finish("crypto_shamir");
}
