/*
 * ML-KEM-768 (FIPS 203), the module-lattice key encapsulation mechanism:
 * k = 3, eta1 = eta2 = 2, du = 10, dv = 4. Keys from the seeds d and z
 * (Algorithm 16, ML-KEM.KeyGen_internal), encapsulation from a given
 * 32-byte m (Algorithm 17; the caller draws m from its CSPRNG), and
 * decapsulation with implicit rejection (Algorithm 18): a ciphertext that
 * does not re-encrypt to itself yields J(z || c), a key unrelated to the
 * sender's, chosen by mask, not by branch.
 *
 * Constant time in every secret (the decapsulation key, m, the shared
 * key); temporaries holding secrets are wiped. No allocation. Stack,
 * measured on x86_64 (gcc -O2): keygen 4.0 KiB, encaps 6.4 KiB, decaps
 * 8.5 KiB.
 *
 * Errors: ZOS_ERR_INVALID_ARGUMENT for an encapsulation key whose
 * coefficients are not all below q (FIPS 203 7.2's modulus check) and for
 * a decapsulation key whose stored hash H(ek) does not match (7.3's hash
 * check); outputs are then zeroed. Lengths are fixed by the types.
 */
#ifndef ZOS_LIB_CRYPTO_MLKEM_H
#define ZOS_LIB_CRYPTO_MLKEM_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_MLKEM768_EK_SIZE 1184
#define ZOS_MLKEM768_DK_SIZE 2400
#define ZOS_MLKEM768_CT_SIZE 1088
#define ZOS_MLKEM768_SS_SIZE 32
#define ZOS_MLKEM768_SEED_SIZE 32 /* each of d, z and m */

/* ek, dk from d and z (both secret, from the CSPRNG). */
void zos_mlkem768_keygen(uint8_t ek[ZOS_MLKEM768_EK_SIZE], uint8_t dk[ZOS_MLKEM768_DK_SIZE],
			 const uint8_t d[32], const uint8_t z[32]);

/* ct and the shared key ss for ek, from the random m. ZOS_OK, or
 * ZOS_ERR_INVALID_ARGUMENT (modulus check failed; ct and ss zeroed). */
int zos_mlkem768_encaps(uint8_t ct[ZOS_MLKEM768_CT_SIZE], uint8_t ss[ZOS_MLKEM768_SS_SIZE],
			const uint8_t ek[ZOS_MLKEM768_EK_SIZE], const uint8_t m[32]);

/* ss from ct (ZOS_OK also for a tampered ct: implicit rejection), or
 * ZOS_ERR_INVALID_ARGUMENT when dk fails its hash check (ss zeroed). */
int zos_mlkem768_decaps(uint8_t ss[ZOS_MLKEM768_SS_SIZE], const uint8_t ct[ZOS_MLKEM768_CT_SIZE],
			const uint8_t dk[ZOS_MLKEM768_DK_SIZE]);

#endif
