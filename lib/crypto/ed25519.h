/*
 * Ed25519 signatures (RFC 8032 section 5.1), pure EdDSA over edwards25519
 * with SHA-512.
 *
 * Keys: a 32-byte seed is the secret; the secret key as stored is
 * seed || public key (64 bytes, the layout libsodium uses too), the public
 * key the 32-byte encoding of [a] B.
 *
 * Verification is strict, with the rules libsodium applies: S must be
 * canonical (S < L); A must be a canonical encoding of a point on the
 * curve and not of small order; R must not be a point of small order; and
 * the check is the cofactorless [S] B = R + [k] A, by comparing encodings
 * (so a non-canonical R never verifies).
 *
 * Keygen and signing run in time independent of the secret key and the
 * nonce (checked under valgrind, tests/ct/); verification handles only
 * public data and is not constant time. Secrets are wiped after use.
 */
#ifndef ZOS_LIB_CRYPTO_ED25519_H
#define ZOS_LIB_CRYPTO_ED25519_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_ED25519_SEED_BYTES 32
#define ZOS_ED25519_PUBLIC_BYTES 32
#define ZOS_ED25519_SECRET_BYTES 64
#define ZOS_ED25519_SIG_BYTES 64

/* pk and sk (seed || pk) from a 32-byte random seed. */
void zos_ed25519_keypair(uint8_t pk[32], uint8_t sk[64], const uint8_t seed[32]);
/* sig = R || S over msg[0..len). */
void zos_ed25519_sign(uint8_t sig[64], const void *msg, size_t len, const uint8_t sk[64]);
/* ZOS_OK when sig is a valid signature of msg by pk, ZOS_ERR_CORRUPT when not. */
int zos_ed25519_verify(const uint8_t sig[64], const void *msg, size_t len, const uint8_t pk[32]);

#endif
