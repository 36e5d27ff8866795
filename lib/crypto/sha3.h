/*
 * SHA-3 and SHAKE (FIPS 202): the Keccak-f[1600] sponge. Fixed-output
 * SHA3-256 and SHA3-512, and the extendable-output functions SHAKE128 and
 * SHAKE256 (absorb, then squeeze any number of bytes, in pieces). ML-KEM
 * and ML-DSA build on these.
 *
 * Constant time in the data (the permutation has no branch or table index
 * on the state); zos_keccak_wipe clears a context that held secrets.
 * Invariant of struct zos_keccak: pos < rate; while absorbing, pos bytes
 * of the current block have been XORed in; after zos_keccak_finish, pos
 * bytes of the current output block have been handed out.
 */
#ifndef ZOS_LIB_CRYPTO_SHA3_H
#define ZOS_LIB_CRYPTO_SHA3_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_SHA3_256_SIZE 32
#define ZOS_SHA3_512_SIZE 64
#define ZOS_SHAKE128_RATE 168
#define ZOS_SHAKE256_RATE 136
#define ZOS_SHA3_256_RATE 136
#define ZOS_SHA3_512_RATE 72

struct zos_keccak {
	uint64_t s[25]; /* the state, lane x + 5y, bytes little-endian */
	uint32_t rate;  /* bytes per block: 200 - 2 * security bytes */
	uint32_t pos;   /* bytes absorbed into / squeezed from this block */
	uint8_t pad;    /* domain bits and first padding bit: 0x06 SHA-3, 0x1f SHAKE */
	uint8_t squeezing;
};

/* The permutation itself (24 rounds). */
void zos_keccak_f1600(uint64_t s[25]);

void zos_shake128_init(struct zos_keccak *c);
void zos_shake256_init(struct zos_keccak *c);
void zos_sha3_256_init(struct zos_keccak *c);
void zos_sha3_512_init(struct zos_keccak *c);
/* Absorbs n bytes; only before the first squeeze. */
void zos_keccak_absorb(struct zos_keccak *c, const void *data, size_t n);
/* Squeezes n more bytes (pads on the first call). For SHA3-256/512 call it
 * once with the digest size. */
void zos_keccak_squeeze(struct zos_keccak *c, uint8_t *out, size_t n);
void zos_keccak_wipe(struct zos_keccak *c);

/* One-shot forms. */
void zos_sha3_256(uint8_t out[ZOS_SHA3_256_SIZE], const void *data, size_t n);
void zos_sha3_512(uint8_t out[ZOS_SHA3_512_SIZE], const void *data, size_t n);
void zos_shake128(uint8_t *out, size_t out_len, const void *data, size_t n);
void zos_shake256(uint8_t *out, size_t out_len, const void *data, size_t n);

#endif
