/*
 * BLAKE2b (RFC 7693): a hash with 1..64 bytes of output and an optional
 * key of up to 64 bytes (keyed hashing, a MAC). Used by Argon2id (RFC 9106)
 * and usable on its own.
 *
 * Constant time in the data and the key (no branch or index on them).
 * Contexts hold key material when keyed: zos_blake2b_final wipes its
 * context.
 */
#ifndef ZOS_LIB_CRYPTO_BLAKE2B_H
#define ZOS_LIB_CRYPTO_BLAKE2B_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_BLAKE2B_OUTBYTES 64
#define ZOS_BLAKE2B_KEYBYTES 64
#define ZOS_BLAKE2B_BLOCKBYTES 128

struct zos_blake2b {
	uint64_t h[8];
	uint64_t t[2];                       /* bytes compressed so far */
	uint8_t buf[ZOS_BLAKE2B_BLOCKBYTES]; /* pending input, buflen bytes */
	size_t buflen;
	size_t outlen;
};

/* ZOS_OK, or ZOS_ERR_INVALID_ARGUMENT when outlen is not 1..64 or keylen
 * over 64. key may be null when keylen is 0. */
int zos_blake2b_init(struct zos_blake2b *c, size_t outlen, const void *key, size_t keylen);
void zos_blake2b_update(struct zos_blake2b *c, const void *data, size_t n);
/* Writes c->outlen bytes and wipes c. */
void zos_blake2b_final(struct zos_blake2b *c, uint8_t *out);
/* One call: out[0..outlen) = BLAKE2b(key, data). */
int zos_blake2b(uint8_t *out, size_t outlen, const void *data, size_t n, const void *key, size_t keylen);

#endif
