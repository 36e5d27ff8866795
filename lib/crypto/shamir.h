/*
 * Shamir secret sharing over GF(2^8) (Shamir, "How to Share a Secret",
 * 1979): a secret of 1..64 bytes is split into n shares (2..255), any k of
 * which (2 <= k <= n) rebuild it; fewer reveal nothing about it. Each
 * byte of the secret is the constant term of its own random polynomial of
 * degree k - 1; share i holds the values at x = i (1..n).
 *
 * Checked shares: every share carries the threshold, the secret's length
 * and a 16-byte check, HMAC-SHA-256 keyed with the secret over a fixed
 * label, k and the length. Combining rebuilds the secret from the first k
 * shares, recomputes the check, and also verifies any further shares lie
 * on the same polynomials: a wrong, tampered or mixed-up share gives
 * ZOS_ERR_CORRUPT, never a wrong secret. (The check is a one-way function
 * of the secret: meant for high-entropy secrets such as keys, since with a
 * guessable secret one share would let an attacker test guesses.)
 *
 * Constant time in the secret and the share values: GF(2^8) products use
 * masks, no tables. Randomness comes from the caller's CSPRNG.
 */
#ifndef ZOS_LIB_CRYPTO_SHAMIR_H
#define ZOS_LIB_CRYPTO_SHAMIR_H

#include <stddef.h>
#include <stdint.h>

#include "lib/crypto/csprng.h"

#define ZOS_SHAMIR_MAX_SECRET 64
#define ZOS_SHAMIR_CHECK_SIZE 16
#define ZOS_SHAMIR_MAX_SHARES 255
/* Encoded share: version, index, threshold, length, y[length], check. */
#define ZOS_SHAMIR_ENCODED_MAX (4 + ZOS_SHAMIR_MAX_SECRET + ZOS_SHAMIR_CHECK_SIZE)
#define ZOS_SHAMIR_VERSION 1

struct zos_shamir_share {
	uint8_t index;     /* x, 1..255 */
	uint8_t threshold; /* k */
	uint8_t len;       /* secret length, 1..64 */
	uint8_t y[ZOS_SHAMIR_MAX_SECRET];
	uint8_t check[ZOS_SHAMIR_CHECK_SIZE];
};

/*
 * shares[0..n) = the shares of secret[0..len) with threshold k (indices
 * 1..n). ZOS_ERR_INVALID_ARGUMENT for len outside 1..64, k < 2, k > n or
 * n > 255; the CSPRNG's error when it is unseeded (shares are then wiped).
 */
int zos_shamir_split(struct zos_shamir_share *shares, unsigned n, unsigned k, const uint8_t *secret,
		     size_t len, struct zos_csprng *rng);

/*
 * Rebuilds the secret into out[0..*len) (out holds 64 bytes) from count
 * shares. ZOS_ERR_INVALID_ARGUMENT when count < the threshold, shares
 * disagree on threshold or length, an index is 0 or repeated, or a field
 * is out of range; ZOS_ERR_CORRUPT when the check fails or an extra share
 * is not on the polynomial. On any error out is zeroed and *len is 0.
 */
int zos_shamir_combine(uint8_t out[ZOS_SHAMIR_MAX_SECRET], size_t *len, const struct zos_shamir_share *shares,
		       size_t count);

/* A share as bytes (for storage or display): returns the byte count
 * written to out (ZOS_SHAMIR_ENCODED_MAX bytes of room), or
 * ZOS_ERR_INVALID_ARGUMENT for a share with an out-of-range length. */
int zos_shamir_share_encode(uint8_t out[ZOS_SHAMIR_ENCODED_MAX], const struct zos_shamir_share *s);

/* Parses an encoded share; ZOS_ERR_INVALID_ARGUMENT when the version,
 * index, threshold or length is wrong or n does not match the length. */
int zos_shamir_share_decode(struct zos_shamir_share *s, const uint8_t *in, size_t n);

#endif
