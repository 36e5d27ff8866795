/* ML-DSA-65 (lib/crypto/mldsa.c) against NIST's ACVP vectors (key
 * generation, Sign_internal deterministic and hedged, Verify_internal on
 * valid and altered signatures) and Wycheproof's (ML-DSA.Sign with
 * contexts, ML-DSA.Verify on malformed hints, norm limits, wrong lengths,
 * bad contexts); rounding checked exhaustively against its definition;
 * round trips on random keys with tampered signatures refused. */
#include "harness.h"
#include "crypto/vectors.h"
#include "lib/crypto/mldsa.h"
#include "lib/crypto/mldsa_poly.h"
#include <zos/error.h>

#define TEST_RNG_SEED 0xD5A65ull
#include "support/rnd.h"

/* Round trips: 1,000 in the optimised build; fewer under ASan, which is
 * about four times slower here and runs the same code paths. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ROUND_TRIPS 300
#endif
#endif
#ifndef ROUND_TRIPS
#define ROUND_TRIPS 1000
#endif

static uint8_t pk[ZOS_MLDSA65_PK_SIZE], sk[ZOS_MLDSA65_SK_SIZE], sig[ZOS_MLDSA65_SIG_SIZE + 8];
static uint8_t wpk[ZOS_MLDSA65_PK_SIZE], wsk[ZOS_MLDSA65_SK_SIZE], wsig[ZOS_MLDSA65_SIG_SIZE + 8];
static uint8_t msg[16384], cstr[300]; /* a context string */

static void test_rounding_exact(void)
{
	int bad = 0;

	for (uint32_t r = 0; r < MLDSA_Q; r++) {
		uint32_t r1, t1;
		int32_t r0, t0, want0;

		/* Decompose by its definition: r0 = r mod+- 2 gamma2 */
		want0 = (int32_t)(r % (2 * MLDSA_GAMMA2));
		if (want0 > MLDSA_GAMMA2)
			want0 -= 2 * MLDSA_GAMMA2;
		mldsa_decompose(&r1, &r0, r);
		if ((int32_t)r - want0 == MLDSA_Q - 1)
			bad += r1 != 0 || r0 != want0 - 1;
		else
			bad += r0 != want0 || r1 != (uint32_t)(((int32_t)r - want0) / (2 * MLDSA_GAMMA2));
		mldsa_power2round(&t1, &t0, r);
		want0 = (int32_t)(r % 8192);
		if (want0 > 4096)
			want0 -= 8192;
		bad += t0 != want0 || t1 != (uint32_t)(((int32_t)r - want0) / 8192);
	}
	CHECK_EQ(bad, 0);
}

static void keygen_case(const struct vec_rec *r, void *arg)
{
	uint8_t seed[32];

	(void)arg;
	CHECK_EQ(vec_hex(r, "seed", seed, 32), 32);
	CHECK_EQ(vec_hex(r, "pk", wpk, sizeof wpk), ZOS_MLDSA65_PK_SIZE);
	CHECK_EQ(vec_hex(r, "sk", wsk, sizeof wsk), ZOS_MLDSA65_SK_SIZE);
	zos_mldsa65_keygen(pk, sk, seed);
	CHECK_MEM(pk, wpk, sizeof pk);
	CHECK_MEM(sk, wsk, sizeof sk);
}

static void test_acvp_keygen(void)
{
	CHECK_EQ(vec_each("tests/crypto/vectors/mldsa65_acvp_keygen.txt", keygen_case, 0), 6);
}

struct counts {
	int a, b;
};

/* a: deterministic, b: hedged */
static void siggen_case(const struct vec_rec *r, void *arg)
{
	struct counts *c = arg;
	uint8_t rnd[32] = { 0 };
	long n = vec_hex(r, "message", msg, sizeof msg);

	CHECK(n >= 0);
	CHECK_EQ(vec_hex(r, "sk", wsk, sizeof wsk), ZOS_MLDSA65_SK_SIZE);
	CHECK_EQ(vec_hex(r, "signature", wsig, sizeof wsig), ZOS_MLDSA65_SIG_SIZE);
	if (vec_has(r, "rnd")) {
		CHECK_EQ(vec_hex(r, "rnd", rnd, 32), 32);
		c->b++;
	} else {
		c->a++;
	}
	CHECK_EQ(zos_mldsa65_sign_internal(sig, msg, (size_t)n, wsk, rnd), ZOS_OK);
	CHECK_MEM(sig, wsig, ZOS_MLDSA65_SIG_SIZE);
}

static void test_acvp_siggen(void)
{
	struct counts c = { 0 };

	CHECK_EQ(vec_each("tests/crypto/vectors/mldsa65_acvp_siggen.txt", siggen_case, &c), 6);
	CHECK_EQ(c.a, 3);
	CHECK_EQ(c.b, 3);
}

/* A record with pk only sets the key; a: accepted, b: refused as expected.
 */
static void verdict_case(const struct vec_rec *r, struct counts *c, int rc, int valid)
{
	if (valid && rc != ZOS_OK)
		harness_fail(__FILE__, __LINE__, "tc %s (%s) refused", vec_str(r, "tc"), vec_str(r, "reason"));
	if (!valid && rc == ZOS_OK)
		harness_fail(__FILE__, __LINE__, "tc %s (%s) verified", vec_str(r, "tc"), vec_str(r, "reason"));
	if (valid)
		c->a++;
	else
		c->b++;
}

static void sigver_case(const struct vec_rec *r, void *arg)
{
	long n;

	if (!vec_has(r, "tc")) {
		CHECK_EQ(vec_hex(r, "pk", wpk, sizeof wpk), ZOS_MLDSA65_PK_SIZE);
		return;
	}
	n = vec_hex(r, "message", msg, sizeof msg);
	CHECK(n >= 0);
	CHECK_EQ(vec_hex(r, "signature", wsig, sizeof wsig), ZOS_MLDSA65_SIG_SIZE);
	verdict_case(r, arg, zos_mldsa65_verify_internal(wsig, ZOS_MLDSA65_SIG_SIZE, msg, (size_t)n, wpk),
		     vec_num(r, "passed") == 1);
}

static void test_acvp_sigver(void)
{
	struct counts c = { 0 };

	CHECK_EQ(vec_each("tests/crypto/vectors/mldsa65_acvp_sigver.txt", sigver_case, &c), 16);
	CHECK(c.a > 0);
	CHECK(c.b > 0);
	CHECK_EQ(c.a + c.b, 15);
}

/* a: signatures made, b: with a non-empty context, plus refusals in c */
struct sign_counts {
	int a, b, c;
};

static void sign_case(const struct vec_rec *r, void *arg)
{
	struct sign_counts *c = arg;
	uint8_t seed[32];
	long n = vec_hex(r, "msg", msg, sizeof msg), cn = 0;
	int rc;

	CHECK(n >= 0);
	CHECK_EQ(vec_hex(r, "seed", seed, 32), 32);
	if (vec_has(r, "ctx")) {
		cn = vec_hex(r, "ctx", cstr, sizeof cstr);
		c->b += cn > 0;
	}
	zos_mldsa65_keygen(pk, sk, seed);
	rc = zos_mldsa65_sign_deterministic(sig, msg, (size_t)n, cstr, (size_t)cn, sk);
	if (strcmp(vec_str(r, "result"), "valid") != 0) {
		CHECK(rc != ZOS_OK);
		c->c++;
		return;
	}
	CHECK_EQ(rc, ZOS_OK);
	CHECK_EQ(vec_hex(r, "sig", wsig, sizeof wsig), ZOS_MLDSA65_SIG_SIZE);
	CHECK_MEM(sig, wsig, ZOS_MLDSA65_SIG_SIZE);
	CHECK_EQ(zos_mldsa65_verify(sig, ZOS_MLDSA65_SIG_SIZE, msg, (size_t)n, cstr, (size_t)cn, pk), ZOS_OK);
	c->a++;
}

static void test_wycheproof_sign(void)
{
	struct sign_counts c = { 0 };

	CHECK_EQ(vec_each("tests/crypto/vectors/mldsa65_wycheproof_sign.txt", sign_case, &c), 24);
	CHECK(c.a >= 20);
	CHECK(c.b > 0);
	CHECK(c.c > 0);
}

static void verify_case(const struct vec_rec *r, void *arg)
{
	long n, sn, cn = 0;

	if (!vec_has(r, "tc")) {
		CHECK_EQ(vec_hex(r, "pk", wpk, sizeof wpk), ZOS_MLDSA65_PK_SIZE);
		return;
	}
	n = vec_hex(r, "msg", msg, sizeof msg);
	sn = vec_hex(r, "sig", wsig, sizeof wsig);
	if (vec_has(r, "ctx"))
		cn = vec_hex(r, "ctx", cstr, sizeof cstr);
	CHECK(n >= 0 && sn >= 0 && cn >= 0);
	verdict_case(r, arg, zos_mldsa65_verify(wsig, (size_t)sn, msg, (size_t)n, cstr, (size_t)cn, wpk),
		     strcmp(vec_str(r, "result"), "valid") == 0);
}

static void test_wycheproof_verify(void)
{
	struct counts c = { 0 };

	CHECK(vec_each("tests/crypto/vectors/mldsa65_wycheproof_verify.txt", verify_case, &c) > 0);
	CHECK(c.a > 10);
	CHECK(c.b > 10);
}

/* Random keys: signatures verify (hedged and deterministic, with and
 * without a context), deterministic ones repeat, hedged ones differ;
 * a flipped bit in the signature, message, context or key is refused. */
static void tamper(int kind, size_t *n, size_t *cn)
{
	if (kind == 1 && *n == 0)
		kind = 2; /* an empty message has no bit to flip */
	if (kind == 0)
		sig[rnd(ZOS_MLDSA65_SIG_SIZE)] ^= (uint8_t)(1u << rnd(8));
	else if (kind == 1)
		msg[rnd((uint32_t)*n)] ^= (uint8_t)(1u << rnd(8));
	else if (kind == 2 && *cn)
		cstr[rnd((uint32_t)*cn)] ^= (uint8_t)(1u << rnd(8));
	else if (kind == 2)
		cstr[0] = 0, *cn = 1; /* a context that was not signed */
	else
		pk[rnd(ZOS_MLDSA65_PK_SIZE)] ^= (uint8_t)(1u << rnd(8));
}

static void test_round_trips(void)
{
	int bad = 0, forged = 0;

	for (int i = 0; i < ROUND_TRIPS; i++) {
		uint8_t seed[32], noise[32], sig2[ZOS_MLDSA65_SIG_SIZE];
		size_t n = rnd(200), cn = rnd(4) == 0 ? 0 : rnd(256);

		fill(seed, 32);
		fill(noise, 32);
		fill(msg, n);
		fill(cstr, cn);
		zos_mldsa65_keygen(pk, sk, seed);
		bad += zos_mldsa65_sign(sig, msg, n, cstr, cn, sk, noise) != ZOS_OK;
		bad += zos_mldsa65_verify(sig, ZOS_MLDSA65_SIG_SIZE, msg, n, cstr, cn, pk) != ZOS_OK;
		bad += zos_mldsa65_sign_deterministic(sig2, msg, n, cstr, cn, sk) != ZOS_OK;
		bad += zos_mldsa65_verify(sig2, ZOS_MLDSA65_SIG_SIZE, msg, n, cstr, cn, pk) != ZOS_OK;
		bad += memcmp(sig, sig2, ZOS_MLDSA65_SIG_SIZE) == 0;
		tamper(i % 4, &n, &cn);
		forged += zos_mldsa65_verify(sig, ZOS_MLDSA65_SIG_SIZE, msg, n, cstr, cn, pk) == ZOS_OK;
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(forged, 0);
}

static void test_arguments(void)
{
	uint8_t seed[32] = { 7 }, zero[ZOS_MLDSA65_SIG_SIZE] = { 0 };

	zos_mldsa65_keygen(pk, sk, seed);
	memset(sig, 0x55, sizeof sig);
	CHECK_EQ(zos_mldsa65_sign_deterministic(sig, "m", 1, cstr, 256, sk), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_MEM(sig, zero, ZOS_MLDSA65_SIG_SIZE);
	CHECK_EQ(zos_mldsa65_sign_deterministic(sig, "m", 1, 0, 0, sk), ZOS_OK);
	CHECK_EQ(zos_mldsa65_verify(sig, ZOS_MLDSA65_SIG_SIZE, "m", 1, 0, 0, pk), ZOS_OK);
	CHECK_EQ(zos_mldsa65_verify(sig, ZOS_MLDSA65_SIG_SIZE, "m", 1, cstr, 256, pk), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_mldsa65_verify(sig, ZOS_MLDSA65_SIG_SIZE - 1, "m", 1, 0, 0, pk), ZOS_ERR_CORRUPT);
	CHECK_EQ(zos_mldsa65_verify(sig, ZOS_MLDSA65_SIG_SIZE + 1, "m", 1, 0, 0, pk), ZOS_ERR_CORRUPT);
	/* an empty context given explicitly is the same as none */
	CHECK_EQ(zos_mldsa65_verify(sig, ZOS_MLDSA65_SIG_SIZE, "m", 1, cstr, 0, pk), ZOS_OK);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_rounding_exact);
	RUN(test_acvp_keygen);
	RUN(test_acvp_siggen);
	RUN(test_acvp_sigver);
	RUN(test_wycheproof_sign);
	RUN(test_wycheproof_verify);
	RUN(test_round_trips);
	RUN(test_arguments);
	return harness_finish("crypto_mldsa");
}
