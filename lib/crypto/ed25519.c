/*
 * Ed25519 (RFC 8032 5.1.5 key generation, 5.1.6 signing, 5.1.7
 * verification; see ed25519.h for the strict rules). Built on ge25519
 * (points), sc25519 (scalars mod L) and SHA-512.
 */
#include "lib/crypto/ed25519.h"

#include <zos/error.h>

#include "lib/crypto/ct.h"
#include "lib/crypto/ge25519.h"
#include "lib/crypto/sc25519.h"
#include "lib/crypto/sha512.h"

/* h = SHA-512(seed); a = clamp(h[0..32)); h[32..64) is the nonce prefix. */
static void expand_seed(uint8_t h[64], const uint8_t seed[32])
{
	zos_sha512(seed, 32, h);
	h[0] &= 248;
	h[31] &= 127;
	h[31] |= 64;
}

void zos_ed25519_keypair(uint8_t pk[32], uint8_t sk[64], const uint8_t seed[32])
{
	uint8_t h[64];
	ge_p3 A;

	expand_seed(h, seed);
	ge_scalarmult_base(&A, h);
	ge_tobytes(pk, &A);
	for (int i = 0; i < 32; i++) {
		sk[i] = seed[i];
		sk[32 + i] = pk[i];
	}
	zos_ct_wipe(h, sizeof h);
	zos_ct_wipe(&A, sizeof A);
}

/* out = SHA-512(a || b || msg) mod L. */
static void hash_to_scalar(uint8_t out[32], const uint8_t *a, size_t alen, const uint8_t *b,
			   size_t blen, const void *msg, size_t len)
{
	struct zos_sha512 c;
	uint8_t d[64];

	zos_sha512_init(&c);
	zos_sha512_update(&c, a, alen);
	if (blen)
		zos_sha512_update(&c, b, blen);
	zos_sha512_update(&c, msg, len);
	zos_sha512_final(&c, d);
	sc_reduce64(out, d);
	zos_ct_wipe(d, sizeof d);
	zos_ct_wipe(&c, sizeof c);
}

void zos_ed25519_sign(uint8_t sig[64], const void *msg, size_t len, const uint8_t sk[64])
{
	uint8_t h[64], r[32], k[32];
	ge_p3 R;

	expand_seed(h, sk);
	hash_to_scalar(r, h + 32, 32, 0, 0, msg, len);
	ge_scalarmult_base(&R, r);
	ge_tobytes(sig, &R);
	hash_to_scalar(k, sig, 32, sk + 32, 32, msg, len);
	sc_muladd(sig + 32, k, h, r); /* S = r + k a */
	zos_ct_wipe(h, sizeof h);
	zos_ct_wipe(r, sizeof r);
	zos_ct_wipe(&R, sizeof R);
}

int zos_ed25519_verify(const uint8_t sig[64], const void *msg, size_t len, const uint8_t pk[32])
{
	uint8_t k[32], check[32];
	ge_p3 A, R, X;

	if (!sc_is_canonical(sig + 32))
		return ZOS_ERR_CORRUPT;
	if (ge_frombytes_vartime(&A, pk) != 0 || ge_has_small_order_vartime(&A))
		return ZOS_ERR_CORRUPT;
	if (ge_frombytes_vartime(&R, sig) != 0 || ge_has_small_order_vartime(&R))
		return ZOS_ERR_CORRUPT;
	hash_to_scalar(k, sig, 32, pk, 32, msg, len);
	ge_neg(&A, &A);
	ge_double_scalarmult_vartime(&X, k, &A, sig + 32); /* [S] B - [k] A */
	ge_tobytes(check, &X);
	return zos_ct_equal(check, sig, 32) ? ZOS_OK : ZOS_ERR_CORRUPT;
}
