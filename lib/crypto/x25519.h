/*
 * X25519 Diffie-Hellman (RFC 7748 section 5 and 6.1).
 *
 * zos_x25519(out, scalar, u): out = X25519(scalar, u). The scalar is
 * clamped as the RFC says; the top bit of u is ignored and non-canonical u
 * values are reduced, as the RFC requires. Returns ZOS_OK, or
 * ZOS_ERR_INVALID_ARGUMENT when the result is all zero (u was a point of small
 * order: the shared secret would not depend on our key; RFC 7748 section
 * 6.1 allows, and libsodium does, refusing it). out is still written.
 *
 * zos_x25519_base(pub, secret): the public key, X25519(secret, 9).
 *
 * Constant time in the scalar: a Montgomery ladder with a masked swap.
 */
#ifndef ZOS_LIB_CRYPTO_X25519_H
#define ZOS_LIB_CRYPTO_X25519_H

#include <stdint.h>

#define ZOS_X25519_BYTES 32

int zos_x25519(uint8_t out[32], const uint8_t scalar[32], const uint8_t u[32]);
int zos_x25519_base(uint8_t pub[32], const uint8_t secret[32]);

#endif
