/*
 * ML-DSA-65 (FIPS 204), the module-lattice signature scheme: k = 6,
 * l = 5, eta = 4, tau = 49, gamma1 = 2^19, gamma2 = (q - 1) / 32,
 * omega = 55, 48-byte challenge hash.
 *
 * Keys come from a 32-byte seed xi (Algorithm 6, ML-DSA.KeyGen_internal).
 * Signing is ML-DSA.Sign (Algorithm 2, "pure" ML-DSA with a context string
 * of 0..255 bytes): hedged with 32 fresh random bytes (the default FIPS 204
 * recommends), or deterministic (rnd = 0). Verification is ML-DSA.Verify
 * (Algorithm 3). The _internal forms take M' as it is (no context prefix),
 * as NIST's ACVP vectors exercise them.
 *
 * Constant time in the secret key and in rnd, apart from what FIPS 204's
 * rejection loop makes public anyway: how many attempts a signature took
 * (see mldsa.c). Secret temporaries are wiped. No allocation. The loop is
 * bounded: after ZOS_MLDSA65_MAX_ATTEMPTS (probability far below 2^-128)
 * signing gives up with ZOS_ERR_RESOURCE_EXHAUSTED.
 *
 * Stack, measured on x86_64 (gcc -O2): keygen 16.1 KiB, signing 14.2 KiB,
 * verification 13.7 KiB; the matrix A is regenerated entry by entry
 * instead of stored (it would take 30 KiB). Kernel-side code must not
 * call these on a small stack; user processes (64 KiB stacks on x86_64)
 * can.
 *
 * Errors: ZOS_ERR_INVALID_ARGUMENT for a context over 255 bytes;
 * ZOS_ERR_CORRUPT for a signature that does not verify (including one of
 * the wrong length or with a malformed hint encoding).
 */
#ifndef ZOS_LIB_CRYPTO_MLDSA_H
#define ZOS_LIB_CRYPTO_MLDSA_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_MLDSA65_PK_SIZE 1952
#define ZOS_MLDSA65_SK_SIZE 4032
#define ZOS_MLDSA65_SIG_SIZE 3309
#define ZOS_MLDSA65_SEED_SIZE 32
#define ZOS_MLDSA65_RND_SIZE 32
#define ZOS_MLDSA65_MAX_CTX 255
#define ZOS_MLDSA65_MAX_ATTEMPTS 1000

/* pk, sk from the secret seed xi. */
void zos_mldsa65_keygen(uint8_t pk[ZOS_MLDSA65_PK_SIZE], uint8_t sk[ZOS_MLDSA65_SK_SIZE],
			const uint8_t seed[ZOS_MLDSA65_SEED_SIZE]);

/* Hedged signature of msg under context ctx (ctx may be 0 when ctx_len
 * is 0), with rnd from the caller's CSPRNG. ZOS_OK, or the errors above
 * (sig zeroed). */
int zos_mldsa65_sign(uint8_t sig[ZOS_MLDSA65_SIG_SIZE], const void *msg, size_t len, const void *ctx,
		     size_t ctx_len, const uint8_t sk[ZOS_MLDSA65_SK_SIZE], const uint8_t rnd[ZOS_MLDSA65_RND_SIZE]);

/* The same with rnd = 0: the same inputs always give the same signature. */
int zos_mldsa65_sign_deterministic(uint8_t sig[ZOS_MLDSA65_SIG_SIZE], const void *msg, size_t len,
				   const void *ctx, size_t ctx_len, const uint8_t sk[ZOS_MLDSA65_SK_SIZE]);

/* ZOS_OK when sig (sig_len bytes) is pk's signature of msg under ctx,
 * else ZOS_ERR_CORRUPT (or ZOS_ERR_INVALID_ARGUMENT for ctx_len > 255). */
int zos_mldsa65_verify(const uint8_t *sig, size_t sig_len, const void *msg, size_t len, const void *ctx,
		       size_t ctx_len, const uint8_t pk[ZOS_MLDSA65_PK_SIZE]);

/* Sign_internal / Verify_internal (Algorithms 7 and 8) on M' itself. */
int zos_mldsa65_sign_internal(uint8_t sig[ZOS_MLDSA65_SIG_SIZE], const void *mprime, size_t len,
			      const uint8_t sk[ZOS_MLDSA65_SK_SIZE], const uint8_t rnd[ZOS_MLDSA65_RND_SIZE]);
int zos_mldsa65_verify_internal(const uint8_t *sig, size_t sig_len, const void *mprime, size_t len,
				const uint8_t pk[ZOS_MLDSA65_PK_SIZE]);

#endif
