/*
 * Polynomials of ML-KEM (FIPS 203): Z_q[X]/(X^256 + 1), q = 3329, internal
 * to mlkem.c. Invariant: every coefficient of a struct mlkem_poly is in
 * [0, q) between calls. Arithmetic reduces with an exact multiply-and-shift
 * quotient and masked subtractions: no division, branch or table index
 * depends on a coefficient, so secret polynomials are safe to handle.
 * Sampling from public seeds (SampleNTT) is the one variable-time step.
 */
#ifndef ZOS_LIB_CRYPTO_MLKEM_POLY_H
#define ZOS_LIB_CRYPTO_MLKEM_POLY_H

#include <stddef.h>
#include <stdint.h>

#define MLKEM_N 256
#define MLKEM_Q 3329

struct mlkem_poly {
	uint16_t c[MLKEM_N];
};

/* FIPS 203 Algorithm 9 and 10 (the inverse includes the factor 1/128). */
void mlkem_ntt(struct mlkem_poly *f);
void mlkem_invntt(struct mlkem_poly *f);
/* acc += f x g in the NTT domain (Algorithm 11, MultiplyNTTs). */
void mlkem_basemul_acc(struct mlkem_poly *acc, const struct mlkem_poly *f, const struct mlkem_poly *g);
void mlkem_poly_add(struct mlkem_poly *r, const struct mlkem_poly *a);
void mlkem_poly_sub(struct mlkem_poly *r, const struct mlkem_poly *a); /* r -= a */

/* Algorithm 7, SampleNTT: uniform coefficients from SHAKE128(rho || i || j). */
void mlkem_sample_ntt(struct mlkem_poly *f, const uint8_t rho[32], uint8_t i, uint8_t j);
/* Algorithm 8 with eta = 2 on PRF(sigma, nonce) = SHAKE256(sigma || nonce, 128). */
void mlkem_sample_cbd2(struct mlkem_poly *f, const uint8_t sigma[32], uint8_t nonce);

/* ByteEncode_d of Compress_d (d = 1, 4, 10), and Decompress_d of
 * ByteDecode_d; out/in hold 32 * d bytes. */
void mlkem_compress_encode(uint8_t *out, const struct mlkem_poly *f, unsigned d);
void mlkem_decode_decompress(struct mlkem_poly *f, const uint8_t *in, unsigned d);
/* ByteEncode_12 / ByteDecode_12 (384 bytes); decode reduces mod q and
 * returns 1 when every 12-bit value was already below q (the modulus
 * check of an encapsulation key), else 0. */
void mlkem_encode12(uint8_t out[384], const struct mlkem_poly *f);
int mlkem_decode12(struct mlkem_poly *f, const uint8_t in[384]);

/* Exposed for the unit test: Compress_d(x) for x in [0, q). */
uint16_t mlkem_compress(uint16_t x, unsigned d);

#endif
