/*
 * Polynomials of ML-DSA (FIPS 204): Z_q[X]/(X^256 + 1), q = 8380417,
 * internal to mldsa.c. Invariant: every coefficient of a struct mldsa_poly
 * is in [0, q) between calls (a negative value v is stored as q + v).
 * Products reduce by Montgomery's method (R = 2^32) and masked
 * subtractions; rounding (Power2Round, Decompose) divides by a
 * multiply-and-shift: no division, branch or table index depends on a
 * coefficient. Sampling from public seeds (the matrix A, the challenge)
 * may branch; rejection sampling of the secret vectors declares only its
 * accept/reject bits public (see mldsa_sample.c).
 */
#ifndef ZOS_LIB_CRYPTO_MLDSA_POLY_H
#define ZOS_LIB_CRYPTO_MLDSA_POLY_H

#include <stddef.h>
#include <stdint.h>

#define MLDSA_N 256
#define MLDSA_Q 8380417
#define MLDSA_D 13
#define MLDSA_GAMMA1 (1 << 19)
#define MLDSA_GAMMA2 ((MLDSA_Q - 1) / 32)
#define MLDSA_ETA 4
#define MLDSA_TAU 49
#define MLDSA_BETA (MLDSA_TAU * MLDSA_ETA)
#define MLDSA_OMEGA 55

struct mldsa_poly {
	uint32_t c[MLDSA_N];
};

void mldsa_ntt(struct mldsa_poly *f);    /* FIPS 204 Algorithm 41 */
void mldsa_invntt(struct mldsa_poly *f); /* Algorithm 42, times 1/256 */
/* acc += f o g (coefficient-wise, NTT domain) */
void mldsa_pointwise_acc(struct mldsa_poly *acc, const struct mldsa_poly *f, const struct mldsa_poly *g);
void mldsa_poly_zero(struct mldsa_poly *f);
void mldsa_poly_add(struct mldsa_poly *r, const struct mldsa_poly *a);
void mldsa_poly_sub(struct mldsa_poly *r, const struct mldsa_poly *a); /* r -= a */
/* 1 when some coefficient's centred absolute value is >= bound, else 0;
 * reads every coefficient, no early exit. */
uint32_t mldsa_poly_exceeds(const struct mldsa_poly *f, int32_t bound);
/* v mod q for |v| < q, as stored */
uint32_t mldsa_from_signed(int32_t v);

/* Power2Round (Algorithm 35): t = t1 * 2^13 + t0, t0 in (-2^12, 2^12]. */
void mldsa_power2round(uint32_t *t1, int32_t *t0, uint32_t r);
/* Decompose (Algorithm 36) for gamma2 = (q - 1) / 32: r1 in [0, 16). */
void mldsa_decompose(uint32_t *r1, int32_t *r0, uint32_t r);
/* UseHint (Algorithm 40), public data only. */
uint32_t mldsa_use_hint(uint32_t h, uint32_t r);


/* Sampling (mldsa_sample.c). */
/* A_hat[r][s] = RejNTTPoly(rho || s || r) (Algorithm 30 inside 32). */
void mldsa_sample_uniform(struct mldsa_poly *f, const uint8_t rho[32], uint8_t r, uint8_t s);
/* RejBoundedPoly(rho' || IntegerToBytes(nonce, 2)) for eta = 4 (Algorithm 31). */
void mldsa_sample_eta(struct mldsa_poly *f, const uint8_t rho[64], uint16_t nonce);
/* y = ExpandMask's polynomial for counter kappa + r (Algorithm 34). */
void mldsa_sample_mask(struct mldsa_poly *f, const uint8_t rho[64], uint16_t nonce);
/* c = SampleInBall(c_tilde) (Algorithm 29), tau = 49. */
void mldsa_sample_in_ball(struct mldsa_poly *c, const uint8_t *c_tilde, size_t len);

#endif
