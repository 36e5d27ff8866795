/*
 * The field arithmetic's 32-bit path (no unsigned __int128: what wasm32
 * builds use), run on the host. The Makefile compiles lib/crypto/fe25519.c
 * a second time with -DZOS_FE_PORTABLE (fe25519-portable.o) and links it
 * into this test ahead of libzos-core.a, so its fe_* definitions are the
 * ones X25519 and Ed25519 link against (the archive's fe25519.o is then
 * never pulled in); the RFC vectors must still come out right.
 */
#include "harness.h"
#include "crypto/vectors.h"
#include "lib/crypto/ed25519.h"
#include "lib/crypto/x25519.h"

static void test_x25519_vectors_portable(void)
{
	FILE *f = vec_open("tests/crypto/vectors/x25519_rfc7748.txt");
	struct vec_rec r = { 0 };
	int seen = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	while (vec_next(f, &r)) {
		uint8_t k[32], u[32], want[32], got[32];

		vec_hex(&r, "scalar", k, 32);
		vec_hex(&r, "u", u, 32);
		vec_hex(&r, "out", want, 32);
		CHECK_EQ(zos_x25519(got, k, u), 0);
		CHECK_MEM(got, want, 32);
		seen++;
	}
	vec_clear(&r);
	fclose(f);
	CHECK_EQ(seen, 6);
}

static void test_ed25519_vectors_portable(void)
{
	FILE *f = vec_open("tests/crypto/vectors/ed25519_rfc8032.txt");
	struct vec_rec r = { 0 };
	int seen = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	while (vec_next(f, &r)) {
		uint8_t seed[32], pk_want[32], sig_want[64], msg[256], pk[32], sk[64], sig[64];
		long n = vec_hex(&r, "message", msg, sizeof msg);

		vec_hex(&r, "secret", seed, 32);
		vec_hex(&r, "public", pk_want, 32);
		vec_hex(&r, "signature", sig_want, 64);
		zos_ed25519_keypair(pk, sk, seed);
		CHECK_MEM(pk, pk_want, 32);
		zos_ed25519_sign(sig, msg, (size_t)n, sk);
		CHECK_MEM(sig, sig_want, 64);
		CHECK_EQ(zos_ed25519_verify(sig, msg, (size_t)n, pk), 0);
		seen++;
	}
	vec_clear(&r);
	fclose(f);
	CHECK_EQ(seen, 4);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_x25519_vectors_portable);
	RUN(test_ed25519_vectors_portable);
	return harness_finish("crypto_fe_portable");
}
