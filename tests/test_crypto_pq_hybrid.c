/* PqHybrid (lib/crypto/pq_hybrid.c): Ed25519 + ML-DSA-65 signatures are
 * valid only when both halves are; neither half alone verifies as a plain
 * signature of the message; the X25519 + ML-KEM-768 KEM agrees, its
 * combiner is HKDF-SHA-256 as documented (recomputed here from the
 * components), and tampering with either half of the ciphertext changes
 * the key; keys are deterministic in the seed. */
#include "harness.h"
#include "lib/crypto/ed25519.h"
#include "lib/crypto/hkdf.h"
#include "lib/crypto/pq_hybrid.h"
#include "lib/crypto/x25519.h"
#include <zos/error.h>

#define TEST_RNG_SEED 0x9B1Dull
#include "support/rnd.h"

static uint8_t pk[ZOS_PQH_SIGN_PK_SIZE], sk[ZOS_PQH_SIGN_SK_SIZE], pk2[ZOS_PQH_SIGN_PK_SIZE],
	sk2[ZOS_PQH_SIGN_SK_SIZE];
static uint8_t sig[ZOS_PQH_SIG_SIZE], sig2[ZOS_PQH_SIG_SIZE], msg[300];
static uint8_t kpk[ZOS_PQH_KEM_PK_SIZE], ksk[ZOS_PQH_KEM_SK_SIZE], ct[ZOS_PQH_KEM_CT_SIZE];

static void test_sign_round_trips(void)
{
	int bad = 0;

	for (int i = 0; i < 100; i++) {
		uint8_t seed[32], noise[32];
		size_t n = rnd(sizeof msg);

		fill(seed, 32);
		fill(noise, 32);
		fill(msg, n);
		zos_pqh_sign_keygen(pk, sk, seed);
		bad += zos_pqh_sign(sig, msg, n, sk, i % 2 ? noise : 0) != ZOS_OK;
		bad += zos_pqh_verify(sig, sizeof sig, msg, n, pk) != ZOS_OK;
		/* every bit of either half matters */
		memcpy(sig2, sig, sizeof sig);
		sig2[i % 2 ? rnd(64) : 64 + rnd(ZOS_MLDSA65_SIG_SIZE)] ^= (uint8_t)(1u << rnd(8));
		bad += zos_pqh_verify(sig2, sizeof sig2, msg, n, pk) != ZOS_ERR_CORRUPT;
		if (n) {
			msg[rnd((uint32_t)n)] ^= 1;
			bad += zos_pqh_verify(sig, sizeof sig, msg, n, pk) != ZOS_ERR_CORRUPT;
		}
	}
	CHECK_EQ(bad, 0);
}

static void test_sign_halves_bound(void)
{
	uint8_t seed[32] = { 9 }, other[32] = { 10 };

	zos_pqh_sign_keygen(pk, sk, seed);
	zos_pqh_sign_keygen(pk2, sk2, other);
	CHECK_EQ(zos_pqh_sign(sig, "hello", 5, sk, 0), ZOS_OK);
	/* deterministic variant repeats; keys repeat from the seed */
	CHECK_EQ(zos_pqh_sign(sig2, "hello", 5, sk, 0), ZOS_OK);
	CHECK_MEM(sig, sig2, sizeof sig);
	zos_pqh_sign_keygen(pk2, sk2, seed);
	CHECK_MEM(pk, pk2, sizeof pk);
	zos_pqh_sign_keygen(pk2, sk2, other);
	/* a half is not a plain signature of the message */
	CHECK_EQ(zos_ed25519_verify(sig, "hello", 5, pk), ZOS_ERR_CORRUPT);
	CHECK_EQ(zos_mldsa65_verify(sig + 64, ZOS_MLDSA65_SIG_SIZE, "hello", 5, 0, 0, pk + 32), ZOS_ERR_CORRUPT);
	/* one half from another key: refused, whichever half is swapped */
	CHECK_EQ(zos_pqh_sign(sig2, "hello", 5, sk2, 0), ZOS_OK);
	memcpy(sig2, sig, 64);
	CHECK_EQ(zos_pqh_verify(sig2, sizeof sig2, "hello", 5, pk), ZOS_ERR_CORRUPT);
	CHECK_EQ(zos_pqh_verify(sig2, sizeof sig2, "hello", 5, pk2), ZOS_ERR_CORRUPT);
	/* a key whose halves come from two key pairs */
	memcpy(pk2 + 32, pk + 32, ZOS_MLDSA65_PK_SIZE);
	CHECK_EQ(zos_pqh_verify(sig, sizeof sig, "hello", 5, pk2), ZOS_ERR_CORRUPT);
	CHECK_EQ(zos_pqh_verify(sig, sizeof sig - 1, "hello", 5, pk), ZOS_ERR_CORRUPT);
}

/* The combiner recomputed from the parts with the library's HKDF. */
static void expected_ss(uint8_t ss[32], const uint8_t ss_ml[32], const uint8_t ss_x[32])
{
	static uint8_t info[ZOS_PQH_KEM_CT_SIZE + ZOS_PQH_KEM_PK_SIZE];
	uint8_t ikm[64];
	const char *salt = "Zero OS PqHybrid kem v1";

	memcpy(ikm, ss_ml, 32);
	memcpy(ikm + 32, ss_x, 32);
	memcpy(info, ct, ZOS_PQH_KEM_CT_SIZE);
	memcpy(info + ZOS_PQH_KEM_CT_SIZE, kpk, ZOS_PQH_KEM_PK_SIZE);
	CHECK_EQ(zos_hkdf_sha256(ss, 32, salt, strlen(salt), ikm, 64, info, sizeof info), ZOS_OK);
}

static void test_kem(void)
{
	int bad = 0;

	for (int i = 0; i < 200; i++) {
		uint8_t seed[32], rand[64], s1[32], s2[32], want[32], ss_ml[32], ss_x[32];

		fill(seed, 32);
		fill(rand, 64);
		zos_pqh_kem_keygen(kpk, ksk, seed);
		bad += zos_pqh_kem_encaps(ct, s1, kpk, rand) != ZOS_OK;
		bad += zos_pqh_kem_decaps(s2, ct, ksk) != ZOS_OK;
		bad += memcmp(s1, s2, 32) != 0;
		/* the components, by hand */
		bad += zos_x25519(ss_x, rand, kpk) != ZOS_OK;
		bad += zos_mlkem768_decaps(ss_ml, ct + 32, ksk + 32) != ZOS_OK;
		expected_ss(want, ss_ml, ss_x);
		bad += memcmp(s1, want, 32) != 0;
		/* either half tampered: a different key */
		ct[i % 2 ? rnd(32) : 32 + rnd(ZOS_MLKEM768_CT_SIZE)] ^= (uint8_t)(1u << rnd(8));
		if (zos_pqh_kem_decaps(s2, ct, ksk) == ZOS_OK)
			bad += memcmp(s1, s2, 32) == 0;
	}
	CHECK_EQ(bad, 0);
}

static void test_kem_refusals(void)
{
	uint8_t seed[32] = { 3 }, rand[64] = { 4 }, ss[32], zero[32] = { 0 };

	zos_pqh_kem_keygen(kpk, ksk, seed);
	memset(kpk, 0, 32); /* X25519 share of small order (u = 0) */
	CHECK_EQ(zos_pqh_kem_encaps(ct, ss, kpk, rand), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_MEM(ss, zero, 32);
	zos_pqh_kem_keygen(kpk, ksk, seed);
	CHECK_EQ(zos_pqh_kem_encaps(ct, ss, kpk, rand), ZOS_OK);
	memset(ct, 0, 32);
	CHECK_EQ(zos_pqh_kem_decaps(ss, ct, ksk), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_MEM(ss, zero, 32);
	memset(kpk + 32, 0xff, 384); /* ML-KEM coefficients >= q */
	CHECK_EQ(zos_pqh_kem_encaps(ct, ss, kpk, rand), ZOS_ERR_INVALID_ARGUMENT);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_sign_round_trips);
	RUN(test_sign_halves_bound);
	RUN(test_kem);
	RUN(test_kem_refusals);
	return harness_finish("crypto_pq_hybrid");
}
