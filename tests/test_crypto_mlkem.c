/* ML-KEM-768 (lib/crypto/mlkem.c) against NIST's ACVP vectors (key
 * generation from d and z, encapsulation from m, decapsulation of valid
 * and modified ciphertexts) and Wycheproof's edge cases (keys failing the
 * modulus check, the strcmp case); the reductions checked exhaustively;
 * round trips on random seeds; every altered ciphertext gives the
 * implicit-rejection key; a decapsulation key with a bad hash refused. */
#include "harness.h"
#include "crypto/vectors.h"
#include "lib/crypto/mlkem.h"
#include "lib/crypto/mlkem_poly.h"
#include "lib/crypto/sha3.h"
#include <zos/error.h>

#define TEST_RNG_SEED 0x3C768ull
#include "support/rnd.h"

static uint8_t ek[ZOS_MLKEM768_EK_SIZE], dk[ZOS_MLKEM768_DK_SIZE], ct[ZOS_MLKEM768_CT_SIZE];
static uint8_t wek[ZOS_MLKEM768_EK_SIZE], wdk[ZOS_MLKEM768_DK_SIZE], wct[ZOS_MLKEM768_CT_SIZE];

static void test_compress_exact(void)
{
	int bad = 0;

	for (unsigned d = 1; d <= 11; d++)
		for (uint32_t x = 0; x < MLKEM_Q; x++) {
			/* round(2^d x / q) mod 2^d, by plain division */
			uint32_t want = (((x << d) + MLKEM_Q / 2) / MLKEM_Q) & ((1u << d) - 1);
			bad += mlkem_compress((uint16_t)x, d) != want;
		}
	CHECK_EQ(bad, 0);
	/* the quotient the reduction uses, for every x < 2^25 */
	bad = 0;
	for (uint64_t x = 0; x < (1u << 25); x++)
		bad += ((x * 20642679u) >> 36) != x / MLKEM_Q;
	CHECK_EQ(bad, 0);
}

static void keygen_case(const struct vec_rec *r, void *ctx)
{
	uint8_t d[32], z[32];

	(void)ctx;
	CHECK_EQ(vec_hex(r, "d", d, 32), 32);
	CHECK_EQ(vec_hex(r, "z", z, 32), 32);
	CHECK_EQ(vec_hex(r, "ek", wek, sizeof wek), ZOS_MLKEM768_EK_SIZE);
	CHECK_EQ(vec_hex(r, "dk", wdk, sizeof wdk), ZOS_MLKEM768_DK_SIZE);
	zos_mlkem768_keygen(ek, dk, d, z);
	CHECK_MEM(ek, wek, sizeof ek);
	CHECK_MEM(dk, wdk, sizeof dk);
}

static void test_acvp_keygen(void)
{
	CHECK_EQ(vec_each("tests/crypto/vectors/mlkem768_acvp_keygen.txt", keygen_case, 0), 8);
}

struct counts {
	int a, b, c;
};

/* a: encapsulations, b: decapsulations, c: of modified ciphertexts */
static void encapdecap_case(const struct vec_rec *r, void *ctx)
{
	struct counts *n = ctx;
	uint8_t m[32], k[32], ss[32];

	CHECK_EQ(vec_hex(r, "c", wct, sizeof wct), ZOS_MLKEM768_CT_SIZE);
	CHECK_EQ(vec_hex(r, "k", k, 32), 32);
	if (strcmp(vec_str(r, "op"), "encaps") == 0) {
		CHECK_EQ(vec_hex(r, "ek", wek, sizeof wek), ZOS_MLKEM768_EK_SIZE);
		CHECK_EQ(vec_hex(r, "m", m, 32), 32);
		CHECK_EQ(zos_mlkem768_encaps(ct, ss, wek, m), ZOS_OK);
		CHECK_MEM(ct, wct, sizeof ct);
		CHECK_MEM(ss, k, 32);
		n->a++;
		return;
	}
	CHECK_EQ(vec_hex(r, "dk", wdk, sizeof wdk), ZOS_MLKEM768_DK_SIZE);
	CHECK_EQ(zos_mlkem768_decaps(ss, wct, wdk), ZOS_OK);
	CHECK_MEM(ss, k, 32);
	n->b++;
	n->c += strcmp(vec_str(r, "reason"), "no modification") != 0;
}

static void test_acvp_encapdecap(void)
{
	struct counts n = { 0 };

	CHECK_EQ(vec_each("tests/crypto/vectors/mlkem768_acvp_encapdecap.txt", encapdecap_case, &n), 18);
	CHECK_EQ(n.a, 8);
	CHECK_EQ(n.b, 10);
	CHECK(n.c > 0);
}

/* a: encapsulation keys refused, b: seeded cases */
static void wycheproof_case(const struct vec_rec *r, void *ctx)
{
	struct counts *n = ctx;
	uint8_t m[32], seed[64], k[32], ss[32];

	CHECK_EQ(vec_hex(r, "ek", wek, sizeof wek), ZOS_MLKEM768_EK_SIZE);
	if (strcmp(vec_str(r, "op"), "encaps") == 0) {
		CHECK_EQ(vec_hex(r, "m", m, 32), 32);
		CHECK(strcmp(vec_str(r, "result"), "invalid") == 0);
		memset(ss, 0x55, sizeof ss);
		CHECK_EQ(zos_mlkem768_encaps(ct, ss, wek, m), ZOS_ERR_INVALID_ARGUMENT);
		memset(k, 0, sizeof k);
		CHECK_MEM(ss, k, 32);
		n->a++;
		return;
	}
	/* seed = d || z; decapsulating c gives K */
	CHECK_EQ(vec_hex(r, "seed", seed, 64), 64);
	CHECK_EQ(vec_hex(r, "c", wct, sizeof wct), ZOS_MLKEM768_CT_SIZE);
	CHECK_EQ(vec_hex(r, "k", k, 32), 32);
	zos_mlkem768_keygen(ek, dk, seed, seed + 32);
	CHECK_MEM(ek, wek, sizeof ek);
	CHECK_EQ(zos_mlkem768_decaps(ss, wct, dk), ZOS_OK);
	CHECK_MEM(ss, k, 32);
	n->b++;
}

static void test_wycheproof(void)
{
	struct counts n = { 0 };

	CHECK_EQ(vec_each("tests/crypto/vectors/mlkem768_wycheproof.txt", wycheproof_case, &n), 13);
	CHECK_EQ(n.a, 12);
	CHECK_EQ(n.b, 1);
}

/* Random seeds: decaps(encaps) agrees; an altered ciphertext gives exactly
 * J(z || c') (implicit rejection); an altered dk hash is refused. */
static void test_round_trips(void)
{
	int bad = 0, rejects_wrong = 0;

	for (int i = 0; i < 2000; i++) {
		uint8_t d[32], z[32], m[32], k1[32], k2[32], kr[32], in[32 + ZOS_MLKEM768_CT_SIZE];

		fill(d, 32);
		fill(z, 32);
		fill(m, 32);
		zos_mlkem768_keygen(ek, dk, d, z);
		CHECK_EQ(zos_mlkem768_encaps(ct, k1, ek, m), ZOS_OK);
		CHECK_EQ(zos_mlkem768_decaps(k2, ct, dk), ZOS_OK);
		bad += memcmp(k1, k2, 32) != 0;
		ct[rnd(sizeof ct)] ^= (uint8_t)(1u << rnd(8));
		CHECK_EQ(zos_mlkem768_decaps(k2, ct, dk), ZOS_OK);
		memcpy(in, z, 32);
		memcpy(in + 32, ct, sizeof ct);
		zos_shake256(kr, 32, in, sizeof in);
		rejects_wrong += memcmp(k2, kr, 32) != 0;
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(rejects_wrong, 0);
}

static void test_dk_hash_check(void)
{
	uint8_t d[32] = { 1 }, z[32] = { 2 }, m[32] = { 3 }, k[32], zero[32] = { 0 };

	zos_mlkem768_keygen(ek, dk, d, z);
	CHECK_EQ(zos_mlkem768_encaps(ct, k, ek, m), ZOS_OK);
	dk[ZOS_MLKEM768_DK_SIZE - 64] ^= 1; /* first byte of H(ek) */
	CHECK_EQ(zos_mlkem768_decaps(k, ct, dk), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_MEM(k, zero, 32);
	dk[ZOS_MLKEM768_DK_SIZE - 64] ^= 1;
	dk[1152 + 5] ^= 1; /* a byte of the stored ek: the hash no longer matches */
	CHECK_EQ(zos_mlkem768_decaps(k, ct, dk), ZOS_ERR_INVALID_ARGUMENT);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_compress_exact);
	RUN(test_acvp_keygen);
	RUN(test_acvp_encapdecap);
	RUN(test_wycheproof);
	RUN(test_round_trips);
	RUN(test_dk_hash_check);
	return harness_finish("crypto_mlkem");
}
