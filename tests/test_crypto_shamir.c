/* Shamir secret sharing (lib/crypto/shamir.c): every k-subset of small n
 * rebuilds the secret; fewer than k, repeated or zero indices refused;
 * a tampered share (any field) refused with ZOS_ERR_CORRUPT or
 * ZOS_ERR_INVALID_ARGUMENT, never a wrong secret; the shares checked
 * against an independent table-based GF(2^8) evaluation of random
 * polynomials (thousands of splits); encode/decode round trips. */
#include "harness.h"
#include "lib/crypto/shamir.h"
#include <zos/error.h>

static struct zos_csprng rng;

/* Reference field arithmetic: log/exp tables for generator 3 (fine in a
 * test: nothing here is secret). */
static uint8_t exp_t[512], log_t[256];

static void ref_init(void)
{
	uint8_t x = 1;

	for (int i = 0; i < 255; i++) {
		exp_t[i] = exp_t[i + 255] = x;
		log_t[x] = (uint8_t)i;
		x = (uint8_t)(x ^ (x << 1) ^ ((x & 0x80) ? 0x1b : 0)); /* x * 3 */
	}
}

static uint8_t ref_mul(uint8_t a, uint8_t b)
{
	return a && b ? exp_t[log_t[a] + log_t[b]] : 0;
}

static uint8_t ref_div(uint8_t a, uint8_t b)
{
	return a ? exp_t[log_t[a] + 255 - log_t[b]] : 0;
}

/* The secret byte b at 0 by Lagrange, with the reference tables. */
static uint8_t ref_interp0(const struct zos_shamir_share *s, unsigned k, size_t b)
{
	uint8_t acc = 0;

	for (unsigned i = 0; i < k; i++) {
		uint8_t l = 1;
		for (unsigned j = 0; j < k; j++)
			if (j != i)
				l = ref_mul(l, ref_div(s[j].index, (uint8_t)(s[i].index ^ s[j].index)));
		acc ^= ref_mul(s[i].y[b], l);
	}
	return acc;
}

static void fill(uint8_t *p, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(v * 31 + i * 7 + 1);
}

static void test_every_subset(void)
{
	struct zos_shamir_share sh[7], pick[7];
	uint8_t secret[32], out[64];
	size_t len;

	fill(secret, sizeof secret, 1);
	for (unsigned n = 2; n <= 7; n++)
		for (unsigned k = 2; k <= n; k++) {
			CHECK_EQ(zos_shamir_split(sh, n, k, secret, sizeof secret, &rng), ZOS_OK);
			for (unsigned mask = 0; mask < (1u << n); mask++) {
				unsigned c = 0;
				for (unsigned i = 0; i < n; i++)
					if (mask >> i & 1)
						pick[c++] = sh[i];
				if (c < k) {
					if (c > 0)
						CHECK_EQ(zos_shamir_combine(out, &len, pick, c), ZOS_ERR_INVALID_ARGUMENT);
					continue;
				}
				CHECK_EQ(zos_shamir_combine(out, &len, pick, c), ZOS_OK);
				CHECK_EQ(len, sizeof secret);
				CHECK_MEM(out, secret, sizeof secret);
			}
		}
}

static void test_against_reference(void)
{
	struct zos_shamir_share sh[20];
	uint8_t secret[64], out[64];
	size_t len;
	int bad = 0;

	for (int t = 0; t < 3000; t++) {
		unsigned n = 2 + (unsigned)(t % 19), k = 2 + (unsigned)((t / 19) % (n - 1));
		size_t slen = 1 + (size_t)(t % 64);

		CHECK_EQ(zos_csprng_bytes(&rng, secret, slen), ZOS_OK);
		CHECK_EQ(zos_shamir_split(sh, n, k, secret, slen, &rng), ZOS_OK);
		/* the last k shares, by the reference interpolation */
		for (size_t b = 0; b < slen; b++)
			bad += ref_interp0(sh + (n - k), k, b) != secret[b];
		bad += zos_shamir_combine(out, &len, sh + (n - k), k) != ZOS_OK || len != slen ||
		       memcmp(out, secret, slen) != 0;
		/* all n shares: the extras are checked against the polynomial */
		bad += zos_shamir_combine(out, &len, sh, n) != ZOS_OK || memcmp(out, secret, slen) != 0;
	}
	CHECK_EQ(bad, 0);
}

static void test_tampering_refused(void)
{
	struct zos_shamir_share sh[5], t[5];
	uint8_t secret[32], out[64];
	size_t len;

	fill(secret, sizeof secret, 2);
	CHECK_EQ(zos_shamir_split(sh, 5, 3, secret, sizeof secret, &rng), ZOS_OK);
	/* a flipped bit in any of the 32 + 16 y bytes of any of the three */
	for (int who = 0; who < 3; who++) {
		for (size_t b = 0; b < 32 + 16; b++) {
			memcpy(t, sh, sizeof t);
			t[who].y[b] ^= (uint8_t)(1u << (b % 8)); /* secret part, then tag part */
			memset(out, 0x77, sizeof out);
			CHECK_EQ(zos_shamir_combine(out, &len, t, 3), ZOS_ERR_CORRUPT);
			CHECK_EQ(len, 0);
			for (int i = 0; i < 64; i++)
				CHECK_EQ(out[i], 0);
		}
	}
	/* a wrong index (another share's y under this index) */
	memcpy(t, sh, sizeof t);
	t[0].index = 4;
	CHECK_EQ(zos_shamir_combine(out, &len, t, 3), ZOS_ERR_CORRUPT);
	/* a tampered extra (4th) share */
	memcpy(t, sh, sizeof t);
	t[3].y[5] ^= 1;
	CHECK_EQ(zos_shamir_combine(out, &len, t, 4), ZOS_ERR_CORRUPT);
	/* a share of another secret */
	{
		struct zos_shamir_share other[5];
		uint8_t s2[32];

		fill(s2, sizeof s2, 3);
		CHECK_EQ(zos_shamir_split(other, 5, 3, s2, sizeof s2, &rng), ZOS_OK);
		memcpy(t, sh, sizeof t);
		t[2] = other[2];
		CHECK_EQ(zos_shamir_combine(out, &len, t, 3), ZOS_ERR_CORRUPT);
	}
	/* header mismatches, duplicates, zero index, too few */
	memcpy(t, sh, sizeof t);
	t[1].threshold = 2;
	CHECK_EQ(zos_shamir_combine(out, &len, t, 3), ZOS_ERR_INVALID_ARGUMENT);
	memcpy(t, sh, sizeof t);
	t[1].len = 31;
	CHECK_EQ(zos_shamir_combine(out, &len, t, 3), ZOS_ERR_INVALID_ARGUMENT);
	memcpy(t, sh, sizeof t);
	t[1] = t[0];
	CHECK_EQ(zos_shamir_combine(out, &len, t, 3), ZOS_ERR_INVALID_ARGUMENT);
	memcpy(t, sh, sizeof t);
	t[2].index = 0;
	CHECK_EQ(zos_shamir_combine(out, &len, t, 3), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_shamir_combine(out, &len, sh, 2), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_shamir_combine(out, &len, sh, 0), ZOS_ERR_INVALID_ARGUMENT);
	/* claiming a lower threshold on every share does not help */
	memcpy(t, sh, sizeof t);
	for (int i = 0; i < 5; i++)
		t[i].threshold = 2;
	CHECK_EQ(zos_shamir_combine(out, &len, t, 2), ZOS_ERR_CORRUPT);
}

/* The tag is shared, not stored: with k = 2, the secret and tag bytes are
 * y_1 ^ (y_2 ^ y_1) * ..., never equal in every share to the plain tag. */
static void test_tag_is_shared(void)
{
	struct zos_shamir_share a[3], b[3];
	uint8_t secret[32];

	fill(secret, sizeof secret, 6);
	CHECK_EQ(zos_shamir_split(a, 3, 2, secret, sizeof secret, &rng), ZOS_OK);
	CHECK_EQ(zos_shamir_split(b, 3, 2, secret, sizeof secret, &rng), ZOS_OK);
	/* the same secret split twice: fresh randomness, different tag bytes */
	CHECK(memcmp(a[0].y + 32, b[0].y + 32, 16) != 0);
	CHECK(memcmp(a[0].y, b[0].y, 32) != 0);
}

static void test_bad_split_arguments(void)
{
	struct zos_shamir_share sh[255];
	uint8_t secret[65] = { 1 }, out[64];
	struct zos_csprng unseeded;
	size_t len;

	CHECK_EQ(zos_shamir_split(sh, 5, 1, secret, 32, &rng), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_shamir_split(sh, 5, 6, secret, 32, &rng), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_shamir_split(sh, 256, 3, secret, 32, &rng), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_shamir_split(sh, 5, 3, secret, 0, &rng), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_shamir_split(sh, 5, 3, secret, 65, &rng), ZOS_ERR_INVALID_ARGUMENT);
	zos_csprng_wipe(&unseeded);
	CHECK_EQ(zos_shamir_split(sh, 5, 3, secret, 32, &unseeded), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(sh[0].index, 0);
	/* the extremes: 255 shares, threshold 255; 64-byte secret */
	fill(secret, 64, 4);
	CHECK_EQ(zos_shamir_split(sh, 255, 255, secret, 64, &rng), ZOS_OK);
	CHECK_EQ(zos_shamir_combine(out, &len, sh, 255), ZOS_OK);
	CHECK_MEM(out, secret, 64);
	CHECK_EQ(zos_shamir_combine(out, &len, sh, 254), ZOS_ERR_INVALID_ARGUMENT);
}

static void test_encode_decode(void)
{
	struct zos_shamir_share sh[3], back;
	uint8_t secret[32], enc[ZOS_SHAMIR_ENCODED_MAX];
	int n;

	fill(secret, sizeof secret, 5);
	CHECK_EQ(zos_shamir_split(sh, 3, 2, secret, sizeof secret, &rng), ZOS_OK);
	n = zos_shamir_share_encode(enc, &sh[1]);
	CHECK_EQ(n, 4 + 32 + 16);
	CHECK_EQ(zos_shamir_share_decode(&back, enc, (size_t)n), ZOS_OK);
	CHECK_EQ(back.index, 2);
	CHECK_EQ(back.threshold, 2);
	CHECK_MEM(back.y, sh[1].y, 32 + 16);
	CHECK_EQ(zos_shamir_share_decode(&back, enc, (size_t)n - 1), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_shamir_share_decode(&back, enc, 3), ZOS_ERR_INVALID_ARGUMENT);
	enc[0] = 9;
	CHECK_EQ(zos_shamir_share_decode(&back, enc, (size_t)n), ZOS_ERR_INVALID_ARGUMENT);
	enc[0] = ZOS_SHAMIR_VERSION;
	enc[1] = 0;
	CHECK_EQ(zos_shamir_share_decode(&back, enc, (size_t)n), ZOS_ERR_INVALID_ARGUMENT);
	enc[1] = 2;
	enc[3] = 65;
	CHECK_EQ(zos_shamir_share_decode(&back, enc, (size_t)n), ZOS_ERR_INVALID_ARGUMENT);
	back.len = 0;
	CHECK_EQ(zos_shamir_share_encode(enc, &back), ZOS_ERR_INVALID_ARGUMENT);
}

int main(int argc, char **argv)
{
	uint8_t seed[32];

	harness_args(argc, argv);
	for (int i = 0; i < 32; i++)
		seed[i] = (uint8_t)(i * 11 + 3);
	if (zos_csprng_init(&rng, seed, sizeof seed) != ZOS_OK)
		return 1;
	ref_init();
	RUN(test_every_subset);
	RUN(test_against_reference);
	RUN(test_tampering_refused);
	RUN(test_tag_is_shared);
	RUN(test_bad_split_arguments);
	RUN(test_encode_decode);
	return harness_finish("crypto_shamir");
}
