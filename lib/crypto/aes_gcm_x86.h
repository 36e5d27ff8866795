/*
 * Internal to aes_gcm.c: the x86_64 AES-NI + PCLMULQDQ implementation,
 * present only in hosted x86_64 builds (ZOS_AES_GCM_X86 is then 1).
 */
#ifndef ZOS_LIB_CRYPTO_AES_GCM_X86_H
#define ZOS_LIB_CRYPTO_AES_GCM_X86_H

#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__) && __STDC_HOSTED__ && !defined(ZOS_NO_AESNI)
#define ZOS_AES_GCM_X86 1
/* 1 if the CPU has AES-NI, PCLMULQDQ and SSE4.1. */
int zos_aes_gcm_x86_available(void);
/* Runs GCM over data (encrypt: decrypting=0) and writes the tag, exactly
 * as the portable code in aes_gcm.c does. */
void zos_aes_gcm_x86(const uint8_t key[32], const uint8_t iv[12], const uint8_t *aad, size_t aad_len,
		     const uint8_t *in, size_t n, uint8_t *out, int decrypting, uint8_t tag[16]);
#else
#define ZOS_AES_GCM_X86 0
#endif

#endif
