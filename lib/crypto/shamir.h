/*
 * Shamir secret sharing over GF(2^8) (the AES field, x^8+x^4+x^3+x+1):
 * split a secret into n shares of which any k rebuild it; fewer reveal
 * nothing. Shares are checked two ways: each carries a 4-byte checksum
 * (SHA-256 of its own bytes, catches typos and a wrong share pasted in),
 * and the secret is shared together with 16 bytes of SHA-256 over it, so a
 * set of well-formed shares that rebuilds the wrong secret (a forged or a
 * foreign share) is refused too. Field arithmetic is constant-time.
 *
 * A share is ZOS_SHAMIR_SHARE_LEN(secret_len) bytes:
 *   [0] version 1, [1] k, [2] x (1..255), [3] secret length,
 *   then secret_len + 16 bytes of y, then the 4-byte checksum.
 */
#ifndef ZOS_LIB_CRYPTO_SHAMIR_H
#define ZOS_LIB_CRYPTO_SHAMIR_H

#include <stddef.h>
#include <stdint.h>

#include "lib/crypto/csprng.h"

#define ZOS_SHAMIR_MAX_SECRET 64
#define ZOS_SHAMIR_TAG 16
#define ZOS_SHAMIR_SHARE_LEN(secret_len) (4 + (secret_len) + ZOS_SHAMIR_TAG + 4)
#define ZOS_SHAMIR_MAX_SHARE ZOS_SHAMIR_SHARE_LEN(ZOS_SHAMIR_MAX_SECRET)

/* Writes n shares, share i at shares + i * ZOS_SHAMIR_SHARE_LEN(len), with
 * x = i + 1. ZOS_ERR_INVALID_ARGUMENT unless 2 <= k <= n <= 255 and
 * 1 <= len <= ZOS_SHAMIR_MAX_SECRET; errors from the CSPRNG pass through. */
int zos_shamir_split(const uint8_t *secret, size_t len, unsigned k, unsigned n, struct zos_csprng *rng,
		     uint8_t *shares);

/* Rebuilds the secret from count shares of share_len bytes each into
 * secret (share_len - ZOS_SHAMIR_SHARE_LEN(0) bytes, also written to
 * *secret_len). ZOS_ERR_CORRUPT for a share whose checksum fails or a
 * rebuilt secret whose tag does not match (wrong or tampered share);
 * ZOS_ERR_INVALID_ARGUMENT for malformed input, mixed k or lengths,
 * duplicate x, or fewer than k shares. On error secret is zeroed. */
int zos_shamir_combine(const uint8_t *const *shares, size_t count, size_t share_len, uint8_t *secret,
		       size_t *secret_len);

#endif
