/*
 * ChaCha20 (RFC 8439 section 2.3/2.4): 256-bit key, 96-bit nonce, 32-bit
 * block counter. The base of the CSPRNG. Only add, rotate and xor on
 * 32-bit words: constant-time by construction.
 */
#ifndef ZOS_LIB_CRYPTO_CHACHA20_H
#define ZOS_LIB_CRYPTO_CHACHA20_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_CHACHA20_KEY 32
#define ZOS_CHACHA20_NONCE 12
#define ZOS_CHACHA20_BLOCK 64

/* One 64-byte block of key stream for (key, counter, nonce). */
void zos_chacha20_block(const uint8_t key[ZOS_CHACHA20_KEY], uint32_t counter,
			const uint8_t nonce[ZOS_CHACHA20_NONCE], uint8_t out[ZOS_CHACHA20_BLOCK]);
/* out = in ^ key stream starting at block `counter`; in may equal out. The
 * caller keeps n below (2^32 - counter) blocks; the counter wraps otherwise,
 * as RFC 8439 leaves it undefined. */
void zos_chacha20_xor(const uint8_t key[ZOS_CHACHA20_KEY], uint32_t counter,
		      const uint8_t nonce[ZOS_CHACHA20_NONCE], const uint8_t *in, uint8_t *out, size_t n);

#endif
