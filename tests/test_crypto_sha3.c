/* SHA3-256/512 and SHAKE128/256 (lib/crypto/sha3.c) against FIPS 202
 * example values; absorbing and squeezing in pieces gives the one-shot
 * result, across block boundaries. */
#include "harness.h"
#include "crypto/vectors.h"
#include "lib/crypto/sha3.h"

static void fips202_case(const struct vec_rec *r, void *ctx)
{
	static uint8_t msg[256], w[512], g[512];
	long mn = vec_hex(r, "msg", msg, sizeof msg), n;

	(void)ctx;
	CHECK(mn >= 0);
	if (mn < 0)
		return;
	CHECK_EQ(vec_hex(r, "sha3_256", w, sizeof w), 32);
	zos_sha3_256(g, msg, (size_t)mn);
	CHECK_MEM(g, w, 32);
	CHECK_EQ(vec_hex(r, "sha3_512", w, sizeof w), 64);
	zos_sha3_512(g, msg, (size_t)mn);
	CHECK_MEM(g, w, 64);
	n = vec_hex(r, "shake128", w, sizeof w);
	CHECK(n >= 32);
	zos_shake128(g, (size_t)n, msg, (size_t)mn);
	CHECK_MEM(g, w, (size_t)n);
	n = vec_hex(r, "shake256", w, sizeof w);
	CHECK(n >= 64);
	zos_shake256(g, (size_t)n, msg, (size_t)mn);
	CHECK_MEM(g, w, (size_t)n);
}

static void test_fips202(void)
{
	CHECK_EQ(vec_each("tests/crypto/vectors/sha3_fips202.txt", fips202_case, 0), 3);
}

static void test_pieces_match(void)
{
	static uint8_t msg[700], a[600], b[600];

	for (size_t i = 0; i < sizeof msg; i++)
		msg[i] = (uint8_t)(i * 13 + 5);
	for (size_t len = 0; len < sizeof msg; len += 41) {
		struct zos_keccak c;

		zos_shake256(a, sizeof a, msg, len);
		zos_shake256_init(&c);
		for (size_t pos = 0; pos < len; pos += 17)
			zos_keccak_absorb(&c, msg + pos, len - pos < 17 ? len - pos : 17);
		for (size_t pos = 0; pos < sizeof b; pos += 29)
			zos_keccak_squeeze(&c, b + pos, sizeof b - pos < 29 ? sizeof b - pos : 29);
		CHECK_MEM(a, b, sizeof a);
		zos_sha3_512(a, msg, len);
		zos_sha3_512_init(&c);
		zos_keccak_absorb(&c, msg, len / 3);
		zos_keccak_absorb(&c, msg + len / 3, len - len / 3);
		zos_keccak_squeeze(&c, b, 64);
		CHECK_MEM(a, b, 64);
		zos_keccak_wipe(&c);
	}
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_fips202);
	RUN(test_pieces_match);
	return harness_finish("crypto_sha3");
}
