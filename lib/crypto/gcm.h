/*
 * AES-256-GCM (NIST SP 800-38D): authenticated encryption with a 128-bit
 * tag. IVs of any length from 1 byte (12 bytes is the fast, recommended
 * case); messages up to 2^36 - 32 bytes.
 *
 * Two paths, same results: the portable constant-time code (aes.c,
 * ghash.c) everywhere, and on hosted x86_64 AES-NI + PCLMULQDQ, chosen at
 * run time with cpuid (gcm_x86.c). Decryption checks the tag in constant
 * time before any plaintext is written; on failure the output is zeroed.
 * The context holds the expanded key: wipe it when done.
 */
#ifndef ZOS_LIB_CRYPTO_GCM_H
#define ZOS_LIB_CRYPTO_GCM_H

#include <stddef.h>
#include <stdint.h>

#include "lib/crypto/aes.h"

#define ZOS_GCM_TAG_SIZE 16
#define ZOS_GCM_IV_SIZE 12

struct zos_aes256_gcm {
	struct zos_aes256 aes;
	uint8_t h[16];    /* E(K, 0^128) */
	uint8_t hpow[64]; /* H..H^4 for the PCLMULQDQ path */
	uint32_t hw;      /* 1: use AES-NI + PCLMULQDQ */
};

/* Expands the key; uses the CPU's instructions when it has them. */
void zos_aes256_gcm_init(struct zos_aes256_gcm *g, const uint8_t key[32]);
/* The same, forcing the portable code (tests compare the two). */
void zos_aes256_gcm_init_portable(struct zos_aes256_gcm *g, const uint8_t key[32]);
/* 1 when this build on this CPU has the AES-NI + PCLMULQDQ path. */
int zos_aes256_gcm_hw_available(void);

/* ct[0..n) and tag from pt[0..n) (ct may equal pt). ZOS_ERR_INVALID_ARGUMENT
 * for an empty IV or n over 2^36 - 32. */
int zos_aes256_gcm_encrypt(const struct zos_aes256_gcm *g, uint8_t *ct, uint8_t tag[ZOS_GCM_TAG_SIZE],
			   const uint8_t *pt, size_t n, const uint8_t *iv, size_t iv_len,
			   const uint8_t *aad, size_t aad_len);

/* pt[0..n) from ct when the tag verifies: ZOS_OK. Otherwise
 * ZOS_ERR_CORRUPT and pt is zeroed (left as it was when pt == ct): no
 * plaintext is released. ZOS_ERR_INVALID_ARGUMENT as for encrypt. */
int zos_aes256_gcm_decrypt(const struct zos_aes256_gcm *g, uint8_t *pt, const uint8_t *ct, size_t n,
			   const uint8_t tag[ZOS_GCM_TAG_SIZE], const uint8_t *iv, size_t iv_len,
			   const uint8_t *aad, size_t aad_len);

void zos_aes256_gcm_wipe(struct zos_aes256_gcm *g);

#endif
