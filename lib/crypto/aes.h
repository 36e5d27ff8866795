/*
 * AES-256 block encryption (FIPS 197), portable and constant time: the
 * S-box is computed (inversion in GF(2^8) as x^254, then the affine map)
 * on eight bytes at once in a 64-bit word, so no table is indexed by a
 * secret. Only the forward direction exists: GCM (gcm.h) needs no more.
 * Slow next to AES-NI (see docs/crypto.md); gcm.c uses the CPU's
 * instructions when it has them.
 */
#ifndef ZOS_LIB_CRYPTO_AES_H
#define ZOS_LIB_CRYPTO_AES_H

#include <stdint.h>

#define ZOS_AES256_KEY_SIZE 32
#define ZOS_AES_BLOCK_SIZE 16
#define ZOS_AES256_ROUNDS 14

/* The expanded key: 15 round keys of 16 bytes, in the byte order AddRoundKey
 * XORs them (also the layout AES-NI loads). */
struct zos_aes256 {
	uint8_t rk[(ZOS_AES256_ROUNDS + 1) * ZOS_AES_BLOCK_SIZE];
};

void zos_aes256_init(struct zos_aes256 *a, const uint8_t key[ZOS_AES256_KEY_SIZE]);
void zos_aes256_encrypt(const struct zos_aes256 *a, const uint8_t in[ZOS_AES_BLOCK_SIZE],
			uint8_t out[ZOS_AES_BLOCK_SIZE]);

#endif
