/*
 * AES-256-GCM (NIST SP 800-38D) with 96-bit IVs and 128-bit tags. The
 * portable path (aes256.c and a bit-serial GHASH with masks) is
 * constant-time everywhere; on x86_64 host builds, AES-NI and PCLMULQDQ
 * are used when cpuid reports them (aes_gcm_x86.c). Both give identical
 * results and both are tested against the vectors.
 * A (key, IV) pair must never encrypt twice: callers draw IVs from the
 * CSPRNG or a counter.
 */
#ifndef ZOS_LIB_CRYPTO_AES_GCM_H
#define ZOS_LIB_CRYPTO_AES_GCM_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_AES256_GCM_KEY 32
#define ZOS_AES256_GCM_IV 12
#define ZOS_AES256_GCM_TAG 16
/* SP 800-38D: at most 2^39 - 256 bits of plaintext. */
#define ZOS_AES256_GCM_MAX ((((uint64_t)1) << 36) - 32)

/* ct = E(pt) (may be the same buffer), tag over aad and ct.
 * ZOS_ERR_INVALID_ARGUMENT if n exceeds ZOS_AES256_GCM_MAX. */
int zos_aes256_gcm_encrypt(const uint8_t key[ZOS_AES256_GCM_KEY], const uint8_t iv[ZOS_AES256_GCM_IV],
			   const void *aad, size_t aad_len, const void *pt, size_t n, uint8_t *ct,
			   uint8_t tag[ZOS_AES256_GCM_TAG]);
/* Checks the tag (in constant time) before releasing anything: ZOS_OK and
 * pt, or ZOS_ERR_CORRUPT and pt zeroed. */
int zos_aes256_gcm_decrypt(const uint8_t key[ZOS_AES256_GCM_KEY], const uint8_t iv[ZOS_AES256_GCM_IV],
			   const void *aad, size_t aad_len, const void *ct, size_t n,
			   const uint8_t tag[ZOS_AES256_GCM_TAG], uint8_t *pt);

/* Which implementation runs: 1 hardware (AES-NI + PCLMULQDQ), 0 portable.
 * zos_aes_gcm_force_portable(1) pins the portable path (tests, benches). */
int zos_aes_gcm_hw_active(void);
void zos_aes_gcm_force_portable(int on);

#endif
