/*
 * The twisted Edwards curve edwards25519, -x^2 + y^2 = 1 + d x^2 y^2 over
 * GF(2^255 - 19) (RFC 8032 5.1), in extended coordinates (X:Y:Z:T) with
 * x = X/Z, y = Y/Z, x y = T/Z. Internal to lib/crypto (Ed25519).
 *
 * ge_scalarmult_base is constant time in its scalar (signing uses it with
 * the secret scalar and the secret nonce). Everything named _vartime is
 * for public values only (verification).
 */
#ifndef ZOS_LIB_CRYPTO_GE25519_H
#define ZOS_LIB_CRYPTO_GE25519_H

#include "lib/crypto/fe25519.h"

typedef struct {
	fe25519 X, Y, Z, T;
} ge_p3;

/* A point ready to be added: (Y+X, Y-X, Z, 2dT). */
typedef struct {
	fe25519 YplusX, YminusX, Z, T2d;
} ge_cached;

/* An affine point ready to be added: (y+x, y-x, 2dxy), z = 1. */
typedef struct {
	fe25519 yplusx, yminusx, xy2d;
} ge_precomp;

void ge_identity(ge_p3 *p);
void ge_base(ge_p3 *p);
void ge_add(ge_p3 *r, const ge_p3 *p, const ge_cached *q);
void ge_dbl(ge_p3 *r, const ge_p3 *p);
void ge_to_cached(ge_cached *c, const ge_p3 *p);
void ge_neg(ge_p3 *r, const ge_p3 *p);
/* p in affine precomputed form (one inversion). */
void ge_to_precomp(ge_precomp *q, const ge_p3 *p);
/* r = p + q for an affine q (the mixed addition: one multiplication less). */
void ge_madd(ge_p3 *r, const ge_p3 *p, const ge_precomp *q);
/* The 32-byte encoding of RFC 8032 5.1.2. */
void ge_tobytes(uint8_t s[32], const ge_p3 *p);
/* Strict decoding (RFC 8032 5.1.3): refuses y >= p, points off the curve
 * and x = 0 with the sign bit set. 0 on success, -1 on refusal. */
int ge_frombytes_vartime(ge_p3 *p, const uint8_t s[32]);
/* 1 when [8] p is the identity (p has small order). */
int ge_has_small_order_vartime(const ge_p3 *p);
/* r = [a] B, a any 256-bit scalar. Constant time in a. */
void ge_scalarmult_base(ge_p3 *r, const uint8_t a[32]);
/* r = [a] A + [b] B. Not constant time. */
void ge_double_scalarmult_vartime(ge_p3 *r, const uint8_t a[32], const ge_p3 *A, const uint8_t b[32]);

#endif
