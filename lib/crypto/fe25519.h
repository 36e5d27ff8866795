/*
 * Arithmetic in the field GF(2^255 - 19), the base field of Curve25519 and
 * edwards25519 (RFC 7748 section 4.1, RFC 8032 section 5.1). Internal to
 * lib/crypto: X25519 and Ed25519 are built on it.
 *
 * An element is five unsigned 51-bit limbs, value = sum l[i] * 2^(51 i).
 * Limbs may exceed 51 bits between operations ("loose"): fe_mul and fe_sq
 * accept limbs below 2^54 and return limbs below 2^52; fe_add of two such
 * results stays below 2^54. fe_sub adds a multiple of p first so it never
 * goes negative. Only fe_tobytes reduces fully, to the canonical value.
 *
 * Every function here runs in time independent of the values (no branch
 * or memory index on them), except the ones named _vartime.
 */
#ifndef ZOS_LIB_CRYPTO_FE25519_H
#define ZOS_LIB_CRYPTO_FE25519_H

#include <stdint.h>

typedef struct {
	uint64_t l[5];
} fe25519;

void fe_0(fe25519 *h);
void fe_1(fe25519 *h);
void fe_copy(fe25519 *h, const fe25519 *f);
/* Reads 32 little-endian bytes, ignoring the top bit (RFC 7748 decodeUCoordinate). */
void fe_frombytes(fe25519 *h, const uint8_t s[32]);
/* Writes the canonical encoding (value reduced below p). */
void fe_tobytes(uint8_t s[32], const fe25519 *h);
void fe_add(fe25519 *h, const fe25519 *f, const fe25519 *g);
void fe_sub(fe25519 *h, const fe25519 *f, const fe25519 *g);
void fe_neg(fe25519 *h, const fe25519 *f);
void fe_mul(fe25519 *h, const fe25519 *f, const fe25519 *g);
void fe_sq(fe25519 *h, const fe25519 *f);
/* h = f * n for a small constant n (< 2^13). */
void fe_mul_small(fe25519 *h, const fe25519 *f, uint32_t n);
void fe_invert(fe25519 *h, const fe25519 *f);
/* h = f^((p-5)/8), the core of the square root (RFC 8032 5.1.3). */
void fe_pow22523(fe25519 *h, const fe25519 *f);
/* If b (0 or 1): swap f and g; else leave them. No branch on b. */
void fe_cswap(fe25519 *f, fe25519 *g, uint64_t b);
/* If b (0 or 1): f = g. No branch on b. */
void fe_cmov(fe25519 *f, const fe25519 *g, uint64_t b);
/* 1 when f is 0 mod p, else 0. */
int fe_iszero(const fe25519 *f);
/* The low bit of the canonical value: the "sign" of RFC 8032. */
int fe_isnegative(const fe25519 *f);

#endif
