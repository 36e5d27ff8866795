/*
 * Shamir secret sharing over GF(2^8) (Shamir, "How to Share a Secret",
 * 1979): a secret of 1..64 bytes is split into n shares (2..255), any k of
 * which (2 <= k <= n) rebuild it; fewer reveal nothing about it. Each
 * byte of the secret is the constant term of its own random polynomial of
 * degree k - 1; share i holds the values at x = i (1..n).
 *
 * Checked shares: a 16-byte tag, HMAC-SHA-256 keyed with the secret over
 * a fixed label, k and the length, is appended to the secret and shared
 * with it, so each share holds len + 16 bytes and fewer than k shares
 * reveal nothing about the secret or the tag. Combining rebuilds both
 * from the first k shares and recomputes the tag; any further shares must
 * lie on the same polynomials. A wrong, tampered or mixed-up share gives
 * ZOS_ERR_CORRUPT (a forgery passes with probability 2^-128), never a
 * wrong secret.
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
/* y: the secret's bytes then the tag's, each shared. */
#define ZOS_SHAMIR_MAX_Y (ZOS_SHAMIR_MAX_SECRET + ZOS_SHAMIR_CHECK_SIZE)
/* Encoded share: version, index, threshold, length, y[length + 16]. */
#define ZOS_SHAMIR_ENCODED_MAX (4 + ZOS_SHAMIR_MAX_Y)
#define ZOS_SHAMIR_VERSION 2

struct zos_shamir_share {
	uint8_t index;     /* x, 1..255 */
	uint8_t threshold; /* k */
	uint8_t len;       /* secret length, 1..64 */
	uint8_t y[ZOS_SHAMIR_MAX_Y]; /* len + 16 bytes used */
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
 * is out of range; ZOS_ERR_CORRUPT when the rebuilt tag does not match
 * the rebuilt secret or an extra share is not on the polynomials. On any error out is zeroed and *len is 0.
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
