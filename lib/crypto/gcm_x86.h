/*
 * The AES-NI + PCLMULQDQ path of AES-256-GCM (internal to gcm.c). Built
 * only for hosted x86_64 (the Linux host, tests and the hosted platform):
 * the freestanding kernel build has no SSE, and wasm32 has no such
 * instructions; there ZOS_GCM_X86 is undefined and gcm.c uses the
 * portable code alone. zos_gcm_x86_available() asks cpuid at run time.
 */
#ifndef ZOS_LIB_CRYPTO_GCM_X86_H
#define ZOS_LIB_CRYPTO_GCM_X86_H

#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__) && defined(__STDC_HOSTED__) && __STDC_HOSTED__ == 1 && defined(__GNUC__)
#define ZOS_GCM_X86 1

/* 1 when the CPU has AES-NI, PCLMULQDQ and SSSE3. */
int zos_gcm_x86_available(void);

/* hpow[16 * i] = H^(i + 1), i = 0..3, in the byte-reversed form the
 * multiply uses; h is the standard H = E(K, 0). */
void zos_gcm_x86_hpowers(uint8_t hpow[64], const uint8_t h[16]);

/* y = GHASH over nblocks whole blocks (y in the standard byte order). */
void zos_gcm_x86_ghash(uint8_t y[16], const uint8_t hpow[64], const uint8_t *data, size_t nblocks);

/* out = in ^ AES-CTR key stream from counter block ctr (inc32 after each
 * block); ctr is advanced past the blocks used. rk: 15 round keys. */
void zos_gcm_x86_ctr(const uint8_t rk[240], uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t n);
#endif

#endif
