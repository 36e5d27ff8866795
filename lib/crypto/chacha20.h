/*
 * ChaCha20 (RFC 8439 section 2.3-2.4): the 256-bit-key stream cipher with a
 * 96-bit nonce and a 32-bit block counter. Constant time (additions,
 * rotations and XORs only); the working state is wiped after use.
 */
#ifndef ZOS_LIB_CRYPTO_CHACHA20_H
#define ZOS_LIB_CRYPTO_CHACHA20_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_CHACHA20_KEY_SIZE 32
#define ZOS_CHACHA20_NONCE_SIZE 12
#define ZOS_CHACHA20_BLOCK_SIZE 64

/* out = the 64-byte key-stream block number `counter`. */
void zos_chacha20_block(uint8_t out[ZOS_CHACHA20_BLOCK_SIZE], const uint8_t key[ZOS_CHACHA20_KEY_SIZE],
			uint32_t counter, const uint8_t nonce[ZOS_CHACHA20_NONCE_SIZE]);

/*
 * out[i] = in[i] ^ key stream from block `counter` on (out may equal in;
 * in == 0 writes the bare key stream). Returns ZOS_OK, or
 * ZOS_ERR_INVALID_ARGUMENT when n bytes would run the 32-bit counter past
 * its end (the stream would repeat); nothing is written then.
 */
int zos_chacha20_xor(uint8_t *out, const uint8_t *in, size_t n, const uint8_t key[ZOS_CHACHA20_KEY_SIZE],
		     const uint8_t nonce[ZOS_CHACHA20_NONCE_SIZE], uint32_t counter);

#endif
