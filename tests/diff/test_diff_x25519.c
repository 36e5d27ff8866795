/*
 * Differential test: our X25519 (lib/crypto/x25519.c) against libsodium's
 * crypto_scalarmult and OpenSSL's EVP X25519 on thousands of random scalars
 * and u-coordinates, including non-canonical u (>= p) and the top bit set,
 * which all three must reduce or ignore the same way.
 */
#include <openssl/evp.h>
#include <sodium.h>

#include "diff/diff.h"
#include "harness.h"
#include "lib/crypto/x25519.h"
#include "zos/error.h"

#define TEST_RNG_SEED 0x7725519ull
#include "support/rnd.h"

static int openssl_x25519(uint8_t out[32], const uint8_t k[32], const uint8_t u[32])
{
	EVP_PKEY *priv = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, k, 32);
	EVP_PKEY *peer = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, u, 32);
	EVP_PKEY_CTX *ctx = priv ? EVP_PKEY_CTX_new(priv, NULL) : NULL;
	size_t len = 32;
	int ok = ctx && peer && EVP_PKEY_derive_init(ctx) == 1 && EVP_PKEY_derive_set_peer(ctx, peer) == 1 &&
		 EVP_PKEY_derive(ctx, out, &len) == 1 && len == 32;

	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(priv);
	EVP_PKEY_free(peer);
	return ok;
}

static void test_random_match(void)
{
	int mismatches = 0, ossl_mismatches = 0;

	for (int i = 0; i < 3000; i++) {
		uint8_t k[32], u[32], ours[32], sod[32], ossl[32];
		int rc, src;

		for (int j = 0; j < 32; j++) {
			k[j] = rnd8();
			u[j] = rnd8();
		}
		if (i % 10 == 1) { /* a non-canonical u: p .. 2^255 - 1, top bit random */
			for (int j = 1; j < 31; j++)
				u[j] = 0xFF;
			u[0] = (uint8_t)(0xED + rnd8() % 0x13);
			u[31] = (uint8_t)(0x7F | (rnd8() & 0x80));
		}
		rc = zos_x25519(ours, k, u);
		src = crypto_scalarmult(sod, k, u);
		mismatches += (rc == ZOS_OK) != (src == 0) || memcmp(ours, sod, 32) != 0;
		if (i % 3 == 0) { /* OpenSSL refuses an all-zero result too */
			int ok;

			u[31] &= 0x7F;
			rc = zos_x25519(ours, k, u);
			ok = openssl_x25519(ossl, k, u);
			ossl_mismatches += (rc == ZOS_OK) != ok || (ok && memcmp(ours, ossl, 32) != 0);
		}
	}
	CHECK_EQ(mismatches, 0);
	CHECK_EQ(ossl_mismatches, 0);
}

static void test_base_matches(void)
{
	int mismatches = 0;

	for (int i = 0; i < 1000; i++) {
		uint8_t k[32], ours[32], sod[32];

		for (int j = 0; j < 32; j++)
			k[j] = rnd8();
		CHECK_EQ(zos_x25519_base(ours, k), ZOS_OK);
		CHECK_EQ(crypto_scalarmult_base(sod, k), 0);
		mismatches += memcmp(ours, sod, 32) != 0;
	}
	CHECK_EQ(mismatches, 0);
}

/* Small-order u values (0, 1, p - 1, and p, a non-canonical 0): both
 * refuse them, because the output is all zero. */
static void test_small_order_agree(void)
{
	uint8_t k[32], u[32], ours[32], sod[32];

	for (int j = 0; j < 32; j++)
		k[j] = rnd8();
	for (int v = 0; v < 2; v++) {
		memset(u, 0, 32);
		u[0] = (uint8_t)v;
		CHECK_EQ(zos_x25519(ours, k, u) == ZOS_OK, crypto_scalarmult(sod, k, u) == 0);
	}
	memset(u, 0xFF, 32);
	u[31] = 0x7F;
	u[0] = 0xEC;
	CHECK_EQ(zos_x25519(ours, k, u) == ZOS_OK, crypto_scalarmult(sod, k, u) == 0);
	u[0] = 0xED;
	CHECK_EQ(zos_x25519(ours, k, u) == ZOS_OK, crypto_scalarmult(sod, k, u) == 0);
}

int main(int argc, char **argv)
{
	diff_start(argc, argv);
	RUN(test_random_match);
	RUN(test_base_matches);
	RUN(test_small_order_agree);
	return harness_finish("diff_x25519");
}
