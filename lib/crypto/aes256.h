/*
 * AES-256 block encryption (FIPS 197), the portable constant-time version:
 * the S-box is computed (inversion in GF(2^8) then the affine map) on
 * eight bytes at once with masks and shifts, never looked up in a table,
 * so no memory index depends on the key or the data. Only encryption: GCM
 * needs no decryption of blocks. The schedule holds the key: wipe it.
 */
#ifndef ZOS_LIB_CRYPTO_AES256_H
#define ZOS_LIB_CRYPTO_AES256_H

#include <stdint.h>

#define ZOS_AES256_KEY 32
#define ZOS_AES_BLOCK 16
#define ZOS_AES256_ROUNDS 14

struct zos_aes256 {
	uint8_t rk[16 * (ZOS_AES256_ROUNDS + 1)]; /* round keys, FIPS 197 byte order */
};

void zos_aes256_init(struct zos_aes256 *a, const uint8_t key[ZOS_AES256_KEY]);
void zos_aes256_encrypt_block(const struct zos_aes256 *a, const uint8_t in[ZOS_AES_BLOCK],
			      uint8_t out[ZOS_AES_BLOCK]);

#endif
