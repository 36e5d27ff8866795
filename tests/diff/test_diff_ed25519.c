/*
 * Differential test: our Ed25519 (lib/crypto/ed25519.c) against libsodium's
 * crypto_sign_* (and OpenSSL's EVP Ed25519 for signing) on thousands of
 * random seeds and messages: same public keys, same signatures, same
 * verdicts. Then the edge cases where verifiers are known to disagree,
 * which must get libsodium's verdict: every small-order point and every
 * non-canonical encoding (y >= p) as public key and as R, both sign bits;
 * S >= L; random bytes as signatures; and mixed-order public keys.
 */
#include <openssl/evp.h>
#include <sodium.h>

#include "diff/diff.h"
#include "harness.h"
#include "lib/crypto/ed25519.h"
#include "zos/error.h"

#define TEST_RNG_SEED 0xED25519ull
#include "support/rnd.h"

static int openssl_sign(uint8_t sig[64], const uint8_t seed[32], const uint8_t *m, size_t n)
{
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t len = 64;
	int ok = k && ctx && EVP_DigestSignInit(ctx, NULL, NULL, NULL, k) == 1 &&
		 EVP_DigestSign(ctx, sig, &len, m, n) == 1 && len == 64;

	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(k);
	return ok;
}

static int same_verdict(const uint8_t sig[64], const uint8_t *m, size_t n, const uint8_t pk[32])
{
	int ours = zos_ed25519_verify(sig, m, n, pk) == ZOS_OK;
	int sod = crypto_sign_verify_detached(sig, m, n, pk) == 0;

	return ours == sod;
}

static void test_random_keys_and_messages(void)
{
	static uint8_t msg[600];
	int key_mm = 0, sig_mm = 0, ver_mm = 0, ossl_mm = 0;

	for (int i = 0; i < 3000; i++) {
		uint8_t seed[32], pk[32], sk[64], spk[32], ssk[64], sig[64], ssig[64], osig[64];
		size_t n = i < 200 ? (size_t)i : (size_t)(rnd8() * 2 + rnd8() % 89);

		fill(seed, 32);
		fill(msg, n);
		zos_ed25519_keypair(pk, sk, seed);
		crypto_sign_seed_keypair(spk, ssk, seed);
		key_mm += memcmp(pk, spk, 32) != 0 || memcmp(sk, ssk, 64) != 0;
		zos_ed25519_sign(sig, msg, n, sk);
		crypto_sign_detached(ssig, NULL, msg, n, ssk);
		sig_mm += memcmp(sig, ssig, 64) != 0;
		if (i % 4 == 0)
			ossl_mm += !openssl_sign(osig, seed, msg, n) || memcmp(sig, osig, 64) != 0;
		ver_mm += zos_ed25519_verify(sig, msg, n, pk) != ZOS_OK;
		/* a corrupted copy: one random bit of signature, message or key */
		int which = rnd8() % 3, bit = rnd8();
		if (which == 0)
			sig[bit % 64] ^= (uint8_t)(1u << (bit % 8));
		else if (which == 1 && n)
			msg[bit % n] ^= (uint8_t)(1u << (bit % 8));
		else
			pk[bit % 32] ^= (uint8_t)(1u << (bit % 8));
		ver_mm += !same_verdict(sig, msg, n, pk);
	}
	CHECK_EQ(key_mm, 0);
	CHECK_EQ(sig_mm, 0);
	CHECK_EQ(ossl_mm, 0);
	CHECK_EQ(ver_mm, 0);
}

/* The y-coordinates of the eight points of small order: 1 (identity),
 * p - 1 (order 2), 0 (order 4, two points, by the sign bit), and the two
 * y values of the order-8 points; with both sign bits each. */
static const char *small_order_y[] = {
	"0100000000000000000000000000000000000000000000000000000000000000",
	"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	"0000000000000000000000000000000000000000000000000000000000000000",
	"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
	"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
};

static void edge_encodings(uint8_t out[][32], int *count)
{
	int n = 0;

	for (size_t i = 0; i < sizeof small_order_y / sizeof small_order_y[0]; i++) {
		sodium_hex2bin(out[n], 32, small_order_y[i], 64, NULL, NULL, NULL);
		memcpy(out[n + 1], out[n], 32);
		out[n + 1][31] |= 0x80;
		n += 2;
	}
	/* y = p + k for k = 0..18: the non-canonical encodings of 0..18 */
	for (int k = 0; k < 19; k++) {
		memset(out[n], 0xFF, 32);
		out[n][0] = (uint8_t)(0xED + k);
		out[n][31] = 0x7F;
		memcpy(out[n + 1], out[n], 32);
		out[n + 1][31] |= 0x80;
		n += 2;
	}
	*count = n;
}

static void test_edge_cases_agree(void)
{
	uint8_t enc[64][32], seed[32], pk[32], sk[64], sig[64], bad[64];
	int n, disagree = 0, checked = 0;

	edge_encodings(enc, &n);
	fill(seed, 32);
	zos_ed25519_keypair(pk, sk, seed);
	zos_ed25519_sign(sig, "edge", 4, sk);
	for (int i = 0; i < n; i++) {
		/* as the public key, with a real signature and with S = 0 */
		disagree += !same_verdict(sig, (const uint8_t *)"edge", 4, enc[i]);
		memcpy(bad, enc[i], 32);
		memset(bad + 32, 0, 32);
		for (int j = 0; j < n; j++, checked++)
			disagree += !same_verdict(bad, (const uint8_t *)"edge", 4, enc[j]);
		/* as R with the real key */
		memcpy(bad, enc[i], 32);
		memcpy(bad + 32, sig + 32, 32);
		disagree += !same_verdict(bad, (const uint8_t *)"edge", 4, pk);
		checked += 2;
	}
	CHECK_EQ(disagree, 0);
	CHECK(checked > 1000);
}

/* S = L - 1, L, L + 1, 2^253 - 1, and high bits set: only S < L may pass. */
static void test_large_s_agree(void)
{
	static const uint8_t L[32] = {
		0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
	};
	uint8_t seed[32], pk[32], sk[64], sig[64], s[64];
	int disagree = 0;

	for (int i = 0; i < 200; i++) {
		unsigned carry = 0;

		fill(seed, 32);
		zos_ed25519_keypair(pk, sk, seed);
		zos_ed25519_sign(sig, "s", 1, sk);
		memcpy(s, sig, 64);
		for (int j = 0; j < 32; j++) { /* S + L */
			unsigned v = s[32 + j] + L[j] + carry;
			s[32 + j] = (uint8_t)v;
			carry = v >> 8;
		}
		disagree += !same_verdict(s, (const uint8_t *)"s", 1, pk);
		memcpy(s, sig, 64);
		s[63] |= (uint8_t)(0x20 << (i % 3)); /* bits 253..255 */
		disagree += !same_verdict(s, (const uint8_t *)"s", 1, pk);
		memcpy(s + 32, L, 32);
		s[32] = (uint8_t)(s[32] + (i % 3) - 1);
		disagree += !same_verdict(s, (const uint8_t *)"s", 1, pk);
	}
	CHECK_EQ(disagree, 0);
}

/* Random bytes as signature and key: almost always refused by both. */
static void test_random_garbage_agree(void)
{
	uint8_t sig[64], pk[32], m[16];
	int disagree = 0;

	for (int i = 0; i < 3000; i++) {
		fill(sig, 64);
		fill(pk, 32);
		fill(m, 16);
		if (i % 2)
			sig[63] &= 0x0F; /* S below 2^252: gets past the S check */
		disagree += !same_verdict(sig, m, 16, pk);
	}
	CHECK_EQ(disagree, 0);
}

/* A + T for T of order 8: a key with a small-order component. Both
 * verifiers are cofactorless: A's signatures do not verify under it. */
static void test_mixed_order_keys_agree(void)
{
	uint8_t seed[32], pk[32], sk[64], sig[64], t8[32], mixed[32];
	int disagree = 0;

	sodium_hex2bin(t8, 32, small_order_y[3], 64, NULL, NULL, NULL);
	for (int i = 0; i < 200; i++) {
		fill(seed, 32);
		zos_ed25519_keypair(pk, sk, seed);
		zos_ed25519_sign(sig, "mixed", 5, sk);
		CHECK_EQ(crypto_core_ed25519_add(mixed, pk, t8), 0);
		disagree += !same_verdict(sig, (const uint8_t *)"mixed", 5, mixed);
		disagree += zos_ed25519_verify(sig, "mixed", 5, mixed) == ZOS_OK;
	}
	CHECK_EQ(disagree, 0);
}

int main(int argc, char **argv)
{
	diff_start(argc, argv);
	RUN(test_random_keys_and_messages);
	RUN(test_edge_cases_agree);
	RUN(test_large_s_agree);
	RUN(test_random_garbage_agree);
	RUN(test_mixed_order_keys_agree);
	return harness_finish("diff_ed25519");
}
