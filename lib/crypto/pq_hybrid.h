/*
 * The PqHybrid machine-key scheme: a classical and a post-quantum
 * primitive side by side, so a key stays safe while either one holds.
 *
 * Signing: Ed25519 + ML-DSA-65. Both sign the same 64-byte digest
 *   D = SHA3-512("Zero OS PqHybrid sig v1" || ed_pk || tr || M),
 * tr = SHAKE256(mldsa_pk, 64) (FIPS 204's hash of the public key), and
 * ML-DSA signs it under the context string "Zero OS PqHybrid sig v1". A
 * hybrid signature is valid only if both halves verify. Neither half is a
 * valid signature of M on its own (each signed D, not M), so one cannot be
 * stripped off and passed as a plain Ed25519 or ML-DSA signature of M.
 *
 * Key encapsulation: X25519 + ML-KEM-768, combined with HKDF-SHA-256:
 *   prk = HKDF-Extract(salt = "Zero OS PqHybrid kem v1", ikm = ss_mlkem || ss_x25519)
 *   ss  = HKDF-Expand(prk, info = ct || pk, 32)
 * where ct = the ephemeral X25519 public key || the ML-KEM ciphertext and
 * pk = the recipient's X25519 public key || ML-KEM encapsulation key. The
 * shared key depends on both secrets and on the whole transcript, so it
 * stays secret (and bound to this ciphertext and recipient) if either
 * X25519 or ML-KEM-768 does.
 *
 * Keys come from one 32-byte secret seed: HKDF-SHA-256(salt = none, ikm =
 * seed, info = "Zero OS PqHybrid sig v1 keygen" / "... kem v1 keygen")
 * gives the component seeds (32 bytes for Ed25519 and 32 for ML-DSA; 32
 * for X25519 and d, z for ML-KEM). Layouts: every composite is the
 * classical part followed by the post-quantum part. Secrets are wiped.
 * Stack, measured on x86_64 (gcc -O2): signing keygen 16.2 KiB, sign
 * 14.3 KiB, verify 13.9 KiB; KEM keygen 4.1 KiB, encaps 6.6 KiB, decaps
 * 8.7 KiB.
 *
 * Errors: ZOS_ERR_CORRUPT for a signature that does not verify;
 * ZOS_ERR_INVALID_ARGUMENT for an X25519 share of small order (the shared
 * point would be all zero), an ML-KEM key failing its checks, or a
 * signing attempt limit reached (see mldsa.h); outputs are then zeroed.
 */
#ifndef ZOS_LIB_CRYPTO_PQ_HYBRID_H
#define ZOS_LIB_CRYPTO_PQ_HYBRID_H

#include <stddef.h>
#include <stdint.h>

#include "lib/crypto/mldsa.h"
#include "lib/crypto/mlkem.h"

#define ZOS_PQH_SEED_SIZE 32
#define ZOS_PQH_SIGN_PK_SIZE (32 + ZOS_MLDSA65_PK_SIZE)  /* 1984 */
#define ZOS_PQH_SIGN_SK_SIZE (64 + ZOS_MLDSA65_SK_SIZE)  /* 4096 */
#define ZOS_PQH_SIG_SIZE (64 + ZOS_MLDSA65_SIG_SIZE)     /* 3373 */
#define ZOS_PQH_KEM_PK_SIZE (32 + ZOS_MLKEM768_EK_SIZE)  /* 1216 */
#define ZOS_PQH_KEM_SK_SIZE (32 + ZOS_MLKEM768_DK_SIZE)  /* 2432 */
#define ZOS_PQH_KEM_CT_SIZE (32 + ZOS_MLKEM768_CT_SIZE)  /* 1120 */
#define ZOS_PQH_KEM_RAND_SIZE 64 /* ephemeral X25519 secret || ML-KEM m */
#define ZOS_PQH_SS_SIZE 32

void zos_pqh_sign_keygen(uint8_t pk[ZOS_PQH_SIGN_PK_SIZE], uint8_t sk[ZOS_PQH_SIGN_SK_SIZE],
			 const uint8_t seed[ZOS_PQH_SEED_SIZE]);
/* Signs msg; rnd: 32 random bytes for ML-DSA's hedging, or 0 for the
 * deterministic variant. ZOS_OK, or an error (sig zeroed). */
int zos_pqh_sign(uint8_t sig[ZOS_PQH_SIG_SIZE], const void *msg, size_t len,
		 const uint8_t sk[ZOS_PQH_SIGN_SK_SIZE], const uint8_t *rnd);
/* ZOS_OK when both halves verify, else ZOS_ERR_CORRUPT. */
int zos_pqh_verify(const uint8_t *sig, size_t sig_len, const void *msg, size_t len,
		   const uint8_t pk[ZOS_PQH_SIGN_PK_SIZE]);

void zos_pqh_kem_keygen(uint8_t pk[ZOS_PQH_KEM_PK_SIZE], uint8_t sk[ZOS_PQH_KEM_SK_SIZE],
			const uint8_t seed[ZOS_PQH_SEED_SIZE]);
/* ct and ss for pk, from 64 random bytes. */
int zos_pqh_kem_encaps(uint8_t ct[ZOS_PQH_KEM_CT_SIZE], uint8_t ss[ZOS_PQH_SS_SIZE],
		       const uint8_t pk[ZOS_PQH_KEM_PK_SIZE], const uint8_t rand[ZOS_PQH_KEM_RAND_SIZE]);
/* ss from ct. A tampered ML-KEM part gives an unrelated key (implicit
 * rejection), as does a tampered X25519 part through the combiner. */
int zos_pqh_kem_decaps(uint8_t ss[ZOS_PQH_SS_SIZE], const uint8_t ct[ZOS_PQH_KEM_CT_SIZE],
		       const uint8_t sk[ZOS_PQH_KEM_SK_SIZE]);

#endif
