/*
 * Ed25519 (lib/crypto/ed25519.c): RFC 8032's vectors (key, signature,
 * verification), and the strict verification rules: a flipped bit
 * anywhere fails, S >= L fails (S + L is the classic malleated copy),
 * small-order and non-canonical public keys and R values fail.
 */
#include "harness.h"
#include "crypto/vectors.h"
#include "lib/crypto/ed25519.h"
#include "lib/crypto/ge25519.h"
#include "zos/error.h"

static const uint8_t L_bytes[32] = {
	0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
};

static void test_rfc8032_vectors(void)
{
	FILE *f = vec_open("tests/crypto/vectors/ed25519_rfc8032.txt");
	struct vec_rec r = { 0 };
	int seen = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	while (vec_next(f, &r)) {
		uint8_t seed[32], pk_want[32], sig_want[64], msg[1024], pk[32], sk[64], sig[64];
		long n = vec_hex(&r, "message", msg, sizeof msg);

		CHECK_EQ(vec_hex(&r, "secret", seed, 32), 32);
		CHECK_EQ(vec_hex(&r, "public", pk_want, 32), 32);
		CHECK_EQ(vec_hex(&r, "signature", sig_want, 64), 64);
		CHECK(n >= 0);
		zos_ed25519_keypair(pk, sk, seed);
		CHECK_MEM(pk, pk_want, 32);
		zos_ed25519_sign(sig, msg, (size_t)n, sk);
		CHECK_MEM(sig, sig_want, 64);
		CHECK_EQ(zos_ed25519_verify(sig, msg, (size_t)n, pk), ZOS_OK);
		seen++;
	}
	vec_clear(&r);
	fclose(f);
	CHECK_EQ(seen, 4);
}

static void test_any_flipped_bit_fails(void)
{
	uint8_t seed[32], pk[32], sk[64], sig[64], msg[40];

	for (int i = 0; i < 32; i++)
		seed[i] = (uint8_t)(i + 100);
	for (int i = 0; i < 40; i++)
		msg[i] = (uint8_t)(i * 3);
	zos_ed25519_keypair(pk, sk, seed);
	zos_ed25519_sign(sig, msg, sizeof msg, sk);
	CHECK_EQ(zos_ed25519_verify(sig, msg, sizeof msg, pk), ZOS_OK);
	for (int bit = 0; bit < 64 * 8; bit += 7) {
		sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		CHECK_EQ(zos_ed25519_verify(sig, msg, sizeof msg, pk), ZOS_ERR_CORRUPT);
		sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
	for (int bit = 0; bit < 40 * 8; bit += 5) {
		msg[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		CHECK_EQ(zos_ed25519_verify(sig, msg, sizeof msg, pk), ZOS_ERR_CORRUPT);
		msg[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
	pk[5] ^= 1;
	CHECK_EQ(zos_ed25519_verify(sig, msg, sizeof msg, pk), ZOS_ERR_CORRUPT);
}

/* S + L is the same scalar mod L: a lax verifier accepts it. */
static void test_s_plus_l_refused(void)
{
	uint8_t seed[32] = { 7 }, pk[32], sk[64], sig[64];
	unsigned carry = 0;

	zos_ed25519_keypair(pk, sk, seed);
	zos_ed25519_sign(sig, "m", 1, sk);
	for (int i = 0; i < 32; i++) {
		unsigned v = sig[32 + i] + L_bytes[i] + carry;
		sig[32 + i] = (uint8_t)v;
		carry = v >> 8;
	}
	CHECK_EQ(carry, 0);
	CHECK_EQ(zos_ed25519_verify(sig, "m", 1, pk), ZOS_ERR_CORRUPT);
}

/* The identity (y = 1) as public key and as R; y = p + 1 (non-canonical 1). */
static void test_small_order_and_noncanonical_refused(void)
{
	uint8_t seed[32] = { 9 }, pk[32], sk[64], sig[64], bad[32] = { 1 };

	zos_ed25519_keypair(pk, sk, seed);
	zos_ed25519_sign(sig, "x", 1, sk);
	CHECK_EQ(zos_ed25519_verify(sig, "x", 1, bad), ZOS_ERR_CORRUPT);
	memcpy(sig, bad, 32);
	CHECK_EQ(zos_ed25519_verify(sig, "x", 1, pk), ZOS_ERR_CORRUPT);
	memset(bad, 0xFF, 32);
	bad[0] = 0xEE;
	bad[31] = 0x7F;
	CHECK_EQ(zos_ed25519_verify(sig, "x", 1, bad), ZOS_ERR_CORRUPT);
}

#include "lib/crypto/ge25519_base.h"

static int same_fe(const fe25519 *a, const fe25519 *b)
{
	uint8_t x[32], y[32];

	fe_tobytes(x, a);
	fe_tobytes(y, b);
	return memcmp(x, y, 32) == 0;
}

/* The generated base table (tools/crypto/gen_ed25519_base.c) against the
 * points recomputed with the generic group law: every entry of every row. */
static void test_base_table_entries(void)
{
	ge_p3 row, p;
	ge_cached c;
	int bad = 0;

	ge_base(&row);
	for (int i = 0; i < 32; i++) {
		p = row;
		ge_to_cached(&c, &row);
		for (int j = 0; j < 8; j++) {
			ge_precomp q;

			if (j > 0)
				ge_add(&p, &p, &c);
			ge_to_precomp(&q, &p);
			bad += !same_fe(&q.yplusx, &ge_base_table[i][j].yplusx) ||
			       !same_fe(&q.yminusx, &ge_base_table[i][j].yminusx) ||
			       !same_fe(&q.xy2d, &ge_base_table[i][j].xy2d);
		}
		for (int k = 0; k < 8; k++)
			ge_dbl(&row, &row);
	}
	CHECK_EQ(bad, 0);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_base_table_entries);
	RUN(test_rfc8032_vectors);
	RUN(test_any_flipped_bit_fails);
	RUN(test_s_plus_l_refused);
	RUN(test_small_order_and_noncanonical_refused);
	return harness_finish("crypto_ed25519");
}
