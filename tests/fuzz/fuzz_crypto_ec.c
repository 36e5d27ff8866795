/*
 * fuzz_crypto_ec: hostile bytes into the curve and password-hashing code
 * (lib/crypto: Ed25519, X25519, Argon2id, BLAKE2b). The first input byte
 * picks the operation; the rest is its input, read as it comes.
 *
 * Oracles, any failure aborts with the reason:
 *  - nothing crashes, hangs or trips a sanitizer;
 *  - Ed25519 verify of arbitrary (signature, key, message) answers OK or
 *    CORRUPT, never anything else; a verdict of OK on a signature whose S
 *    is not below L is a bug;
 *  - a key pair made from the input's seed signs the input's message, and
 *    that signature verifies, and fails once any byte of it is changed;
 *  - X25519 on an arbitrary u answers OK or INVALID_ARGUMENT, and the
 *    result does not depend on u's top bit;
 *  - Argon2id with parameters taken from the input either refuses them
 *    with INVALID_ARGUMENT / BUFFER_TOO_SMALL or hashes (memory capped at
 *    64 KiB, passes at 3, so each run stays fast);
 *  - BLAKE2b with input-chosen output and key lengths refuses exactly the
 *    lengths outside 1..64.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/error.h>

#include "lib/crypto/argon2.h"
#include "lib/crypto/blake2b.h"
#include "lib/crypto/ed25519.h"
#include "lib/crypto/x25519.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FAIL(why)                                              \
	do {                                                   \
		fprintf(stderr, "fuzz_crypto_ec: %s\n", (why)); \
		abort();                                       \
	} while (0)

static const uint8_t L_top = 0x10; /* L = 2^252 + ...: S < L needs S[31] <= 0x10 */

static void verify_arbitrary(const uint8_t *d, size_t n)
{
	uint8_t sig[64] = { 0 }, pk[32] = { 0 };
	size_t take = n < 96 ? n : 96;
	int rc;

	memcpy(sig, d, take < 64 ? take : 64);
	if (take > 64)
		memcpy(pk, d + 64, take - 64);
	rc = zos_ed25519_verify(sig, d + take, n - take, pk);
	if (rc != ZOS_OK && rc != ZOS_ERR_CORRUPT)
		FAIL("verify answered neither OK nor CORRUPT");
	if (rc == ZOS_OK && sig[63] > L_top)
		FAIL("verify accepted S >= L");
}

static void sign_round_trip(const uint8_t *d, size_t n)
{
	uint8_t seed[32] = { 0 }, pk[32], sk[64], sig[64];
	size_t take = n < 32 ? n : 32;

	memcpy(seed, d, take);
	zos_ed25519_keypair(pk, sk, seed);
	zos_ed25519_sign(sig, d + take, n - take, sk);
	if (zos_ed25519_verify(sig, d + take, n - take, pk) != ZOS_OK)
		FAIL("a fresh signature did not verify");
	sig[(n * 7) % 64] ^= (uint8_t)(1u << (n % 8));
	if (zos_ed25519_verify(sig, d + take, n - take, pk) == ZOS_OK)
		FAIL("a changed signature verified");
}

static void x25519_arbitrary(const uint8_t *d, size_t n)
{
	uint8_t k[32] = { 0 }, u[32] = { 0 }, a[32], b[32];
	int r1, r2;

	memcpy(k, d, n < 32 ? n : 32);
	if (n > 32)
		memcpy(u, d + 32, n - 32 < 32 ? n - 32 : 32);
	r1 = zos_x25519(a, k, u);
	u[31] ^= 0x80;
	r2 = zos_x25519(b, k, u);
	if ((r1 != ZOS_OK && r1 != ZOS_ERR_INVALID_ARGUMENT) || r1 != r2 || memcmp(a, b, 32) != 0)
		FAIL("X25519 depended on u's top bit or answered oddly");
}

static void argon2_params(const uint8_t *d, size_t n)
{
	static uint64_t mem[64 * 1024 / 8];
	uint8_t out[80];
	struct zos_argon2_params p;
	uint32_t outlen;
	size_t salt_len;
	int rc;

	if (n < 6)
		return;
	p.t_cost = d[0] % 4;
	p.m_kib = (uint32_t)(d[1] % 72);
	p.lanes = d[2] % 5;
	p.secret = d + 6;
	p.secret_len = d[3] % 9 < n - 6 ? d[3] % 9 : 0;
	p.ad = d + 6;
	p.ad_len = n - 6;
	outlen = d[4] % 81;
	salt_len = d[5] % 20 < n - 6 ? d[5] % 20 : n - 6;
	rc = zos_argon2id(out, outlen, d + 6, n - 6, d + 6, salt_len, &p, mem, sizeof mem);
	if (rc != ZOS_OK && rc != ZOS_ERR_INVALID_ARGUMENT && rc != ZOS_ERR_BUFFER_TOO_SMALL)
		FAIL("Argon2id answered an unexpected error");
	if (rc == ZOS_OK && (outlen < 4 || salt_len < 8 || p.t_cost == 0 || p.lanes == 0))
		FAIL("Argon2id accepted invalid parameters");
}

static void blake2b_lengths(const uint8_t *d, size_t n)
{
	uint8_t out[64];
	size_t outlen, keylen;
	int rc;

	if (n < 2)
		return;
	outlen = d[0] % 70;
	keylen = d[1] % 70 < n - 2 ? d[1] % 70 : n - 2;
	rc = zos_blake2b(out, outlen, d + 2, n - 2, d + 2, keylen);
	if ((rc == ZOS_OK) != (outlen >= 1 && outlen <= 64 && keylen <= 64))
		FAIL("BLAKE2b length checks wrong");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	switch (data[0] % 5) {
	case 0: verify_arbitrary(data + 1, size - 1); break;
	case 1: sign_round_trip(data + 1, size - 1); break;
	case 2: x25519_arbitrary(data + 1, size - 1); break;
	case 3: argon2_params(data + 1, size - 1); break;
	default: blake2b_lengths(data + 1, size - 1); break;
	}
	return 0;
}
