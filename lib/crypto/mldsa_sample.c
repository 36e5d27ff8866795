/*
 * ML-DSA's samplers (FIPS 204 section 7.3; declared in mldsa_poly.h).
 *
 * RejNTTPoly and SampleInBall read public seeds (rho from the public key,
 * the challenge hash that goes into the signature) and branch freely.
 * RejBoundedPoly reads the secret seed rho': which half-bytes it rejects
 * (values 9..15) is independent of the accepted ones, so each accept bit
 * is declared public with zos_ct_declassify (the valgrind check sees the
 * rest stay secret) and the accepted value is mapped without a branch.
 * ExpandMask has no rejection: it unpacks 20-bit values.
 */
#include "lib/crypto/bitpack.h"
#include "lib/crypto/ct.h"
#include "lib/crypto/mldsa_poly.h"
#include "lib/crypto/sha3.h"

void mldsa_sample_uniform(struct mldsa_poly *f, const uint8_t rho[32], uint8_t r, uint8_t s)
{
	struct zos_keccak x;
	uint8_t b[ZOS_SHAKE128_RATE], idx[2] = { s, r };
	unsigned n = 0;

	zos_shake128_init(&x);
	zos_keccak_absorb(&x, rho, 32);
	zos_keccak_absorb(&x, idx, 2);
	while (n < MLDSA_N) {
		zos_keccak_squeeze(&x, b, sizeof b);
		for (unsigned k = 0; k + 3 <= sizeof b && n < MLDSA_N; k += 3) {
			uint32_t z = b[k] | (uint32_t)b[k + 1] << 8 | (uint32_t)(b[k + 2] & 0x7f) << 16;
			if (z < MLDSA_Q)
				f->c[n++] = z;
		}
	}
}

/* SHAKE256(rho || IntegerToBytes(nonce, 2)), ready to squeeze */
static void shake256_nonce(struct zos_keccak *x, const uint8_t rho[64], uint16_t nonce)
{
	uint8_t le[2] = { (uint8_t)nonce, (uint8_t)(nonce >> 8) };

	zos_shake256_init(x);
	zos_keccak_absorb(x, rho, 64);
	zos_keccak_absorb(x, le, 2);
}

void mldsa_sample_eta(struct mldsa_poly *f, const uint8_t rho[64], uint16_t nonce)
{
	struct zos_keccak x;
	uint8_t b[ZOS_SHAKE256_RATE];
	unsigned n = 0;

	shake256_nonce(&x, rho, nonce);
	while (n < MLDSA_N) {
		zos_keccak_squeeze(&x, b, sizeof b);
		for (unsigned k = 0; k < 2 * sizeof b && n < MLDSA_N; k++) {
			uint32_t v = (uint32_t)(b[k / 2] >> (4 * (k % 2))) & 15;
			uint32_t accept = (v - 9) >> 31; /* v < 9 */

			zos_ct_declassify(&accept, sizeof accept);
			if (accept)
				f->c[n++] = mldsa_from_signed(MLDSA_ETA - (int32_t)v);
		}
	}
	zos_ct_wipe(b, sizeof b);
	zos_keccak_wipe(&x);
}

void mldsa_sample_mask(struct mldsa_poly *f, const uint8_t rho[64], uint16_t nonce)
{
	struct zos_keccak x;
	uint8_t b[32 * 20];

	shake256_nonce(&x, rho, nonce);
	zos_keccak_squeeze(&x, b, sizeof b);
	zos_keccak_wipe(&x);
	zos_bitunpack(f->c, b, 20);
	for (unsigned i = 0; i < MLDSA_N; i++)
		f->c[i] = mldsa_from_signed(MLDSA_GAMMA1 - (int32_t)f->c[i]);
	zos_ct_wipe(b, sizeof b);
}

void mldsa_sample_in_ball(struct mldsa_poly *c, const uint8_t *c_tilde, size_t len)
{
	struct zos_keccak x;
	uint8_t s[8], j;
	uint64_t signs = 0;

	zos_shake256_init(&x);
	zos_keccak_absorb(&x, c_tilde, len);
	zos_keccak_squeeze(&x, s, 8);
	for (int i = 7; i >= 0; i--)
		signs = signs << 8 | s[i];
	mldsa_poly_zero(c);
	for (unsigned i = MLDSA_N - MLDSA_TAU; i < MLDSA_N; i++) {
		do
			zos_keccak_squeeze(&x, &j, 1);
		while (j > i);
		c->c[i] = c->c[j];
		c->c[j] = (signs & 1) ? MLDSA_Q - 1 : 1;
		signs >>= 1;
	}
}
