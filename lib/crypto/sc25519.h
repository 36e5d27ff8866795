/*
 * Scalars modulo the order of the edwards25519 base point,
 * L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 5.1).
 * Internal to lib/crypto (Ed25519). Scalars are 32 little-endian bytes.
 *
 * sc_reduce64 and sc_muladd run in time independent of their inputs (the
 * nonce and the secret scalar pass through them); sc_is_canonical is for
 * public values only.
 */
#ifndef ZOS_LIB_CRYPTO_SC25519_H
#define ZOS_LIB_CRYPTO_SC25519_H

#include <stdint.h>

/* out = in mod L, in a 64-byte little-endian number (a SHA-512 digest). */
void sc_reduce64(uint8_t out[32], const uint8_t in[64]);
/* out = (a * b + c) mod L; a, b, c any 256-bit values. */
void sc_muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32], const uint8_t c[32]);
/* 1 when s < L (a canonical scalar), else 0. Not constant time. */
int sc_is_canonical(const uint8_t s[32]);

#endif
