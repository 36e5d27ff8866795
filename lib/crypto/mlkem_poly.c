/*
 * ML-KEM polynomial arithmetic (see mlkem_poly.h).
 *
 * Reduction: for x < 2^25, floor(x / q) = (x * 20642679) >> 36 exactly
 * (checked for every such x by tests/test_crypto_mlkem.c), so x mod q
 * needs no division instruction, whose time can vary with its operands.
 * The same trick with other constants gives Compress_d. zetas[i] is
 * 17^BitRev7(i) mod q (17 is the primitive 256th root of unity FIPS 203
 * fixes); the base-case products use gamma_i = 17^(2 BitRev7(i) + 1),
 * which is zetas[64 + i/2] for even i and its negative for odd i.
 */
#include "lib/crypto/mlkem_poly.h"

#include "lib/crypto/bitpack.h"
#include "lib/crypto/ct.h"
#include "lib/crypto/sha3.h"

static const uint16_t zetas[128] = {
	1, 1729, 2580, 3289, 2642, 630, 1897, 848, 1062, 1919, 193, 797, 2786, 3260, 569, 1746,
	296, 2447, 1339, 1476, 3046, 56, 2240, 1333, 1426, 2094, 535, 2882, 2393, 2879, 1974, 821,
	289, 331, 3253, 1756, 1197, 2304, 2277, 2055, 650, 1977, 2513, 632, 2865, 33, 1320, 1915,
	2319, 1435, 807, 452, 1438, 2868, 1534, 2402, 2647, 2617, 1481, 648, 2474, 3110, 1227, 910,
	17, 2761, 583, 2649, 1637, 723, 2288, 1100, 1409, 2662, 3281, 233, 756, 2156, 3015, 3050,
	1703, 1651, 2789, 1789, 1847, 952, 1461, 2687, 939, 2308, 2437, 2388, 733, 2337, 268, 641,
	1584, 2298, 2037, 3220, 375, 2549, 2090, 1645, 1063, 319, 2773, 757, 2099, 561, 2466, 2594,
	2804, 1092, 403, 1026, 1143, 2150, 2775, 886, 1722, 1212, 1874, 1029, 2110, 2935, 885, 2154,
};

/* x mod q for x < 2^25 */
static inline uint16_t reduce(uint32_t x)
{
	uint32_t quot = (uint32_t)(((uint64_t)x * 20642679u) >> 36);

	return (uint16_t)(x - quot * MLKEM_Q);
}

static inline uint16_t fq_mul(uint16_t a, uint16_t b)
{
	return reduce((uint32_t)a * b);
}

/* a + b mod q, and a - b mod q, for a, b < q: one masked subtraction */
static inline uint16_t fq_add(uint16_t a, uint16_t b)
{
	uint32_t r = (uint32_t)a + b - MLKEM_Q;

	return (uint16_t)(r + (MLKEM_Q & (0u - (r >> 31))));
}

static inline uint16_t fq_sub(uint16_t a, uint16_t b)
{
	uint32_t r = (uint32_t)a - b;

	return (uint16_t)(r + (MLKEM_Q & (0u - (r >> 31))));
}

void mlkem_ntt(struct mlkem_poly *f)
{
	unsigned k = 1;

	for (unsigned len = 128; len >= 2; len /= 2)
		for (unsigned start = 0; start < MLKEM_N; start += 2 * len) {
			uint16_t zeta = zetas[k++];
			for (unsigned j = start; j < start + len; j++) {
				uint16_t t = fq_mul(zeta, f->c[j + len]);
				f->c[j + len] = fq_sub(f->c[j], t);
				f->c[j] = fq_add(f->c[j], t);
			}
		}
}

void mlkem_invntt(struct mlkem_poly *f)
{
	unsigned k = 127;

	for (unsigned len = 2; len <= 128; len *= 2)
		for (unsigned start = 0; start < MLKEM_N; start += 2 * len) {
			uint16_t zeta = zetas[k--];
			for (unsigned j = start; j < start + len; j++) {
				uint16_t t = f->c[j];
				f->c[j] = fq_add(t, f->c[j + len]);
				f->c[j + len] = fq_mul(zeta, fq_sub(f->c[j + len], t));
			}
		}
	for (unsigned j = 0; j < MLKEM_N; j++)
		f->c[j] = fq_mul(f->c[j], 3303); /* 128^-1 mod q */
}

void mlkem_basemul_acc(struct mlkem_poly *acc, const struct mlkem_poly *f, const struct mlkem_poly *g)
{
	for (unsigned i = 0; i < 128; i++) {
		uint16_t gamma = zetas[64 + i / 2];
		uint16_t a0 = f->c[2 * i], a1 = f->c[2 * i + 1], b0 = g->c[2 * i], b1 = g->c[2 * i + 1];
		uint16_t t;

		if (i & 1) /* i is a public loop index */
			gamma = (uint16_t)(MLKEM_Q - gamma);
		t = fq_add(fq_mul(a0, b0), fq_mul(fq_mul(a1, b1), gamma));
		acc->c[2 * i] = fq_add(acc->c[2 * i], t);
		t = fq_add(fq_mul(a0, b1), fq_mul(a1, b0));
		acc->c[2 * i + 1] = fq_add(acc->c[2 * i + 1], t);
	}
}

void mlkem_poly_add(struct mlkem_poly *r, const struct mlkem_poly *a)
{
	for (unsigned i = 0; i < MLKEM_N; i++)
		r->c[i] = fq_add(r->c[i], a->c[i]);
}

void mlkem_poly_sub(struct mlkem_poly *r, const struct mlkem_poly *a)
{
	for (unsigned i = 0; i < MLKEM_N; i++)
		r->c[i] = fq_sub(r->c[i], a->c[i]);
}

void mlkem_sample_ntt(struct mlkem_poly *f, const uint8_t rho[32], uint8_t i, uint8_t j)
{
	struct zos_keccak x;
	uint8_t in[34], b[ZOS_SHAKE128_RATE];
	unsigned n = 0;

	for (unsigned k = 0; k < 32; k++)
		in[k] = rho[k];
	in[32] = i;
	in[33] = j;
	zos_shake128_init(&x);
	zos_keccak_absorb(&x, in, sizeof in);
	/* rho is public: rejecting values >= q may branch */
	while (n < MLKEM_N) {
		zos_keccak_squeeze(&x, b, sizeof b);
		for (unsigned k = 0; k + 3 <= sizeof b && n < MLKEM_N; k += 3) {
			uint16_t d1 = (uint16_t)(b[k] | (b[k + 1] & 15) << 8);
			uint16_t d2 = (uint16_t)(b[k + 1] >> 4 | b[k + 2] << 4);
			if (d1 < MLKEM_Q)
				f->c[n++] = d1;
			if (d2 < MLKEM_Q && n < MLKEM_N)
				f->c[n++] = d2;
		}
	}
}

void mlkem_sample_cbd2(struct mlkem_poly *f, const uint8_t sigma[32], uint8_t nonce)
{
	struct zos_keccak x;
	uint8_t b[128];

	zos_shake256_init(&x);
	zos_keccak_absorb(&x, sigma, 32);
	zos_keccak_absorb(&x, &nonce, 1);
	zos_keccak_squeeze(&x, b, sizeof b);
	zos_keccak_wipe(&x);
	/* each byte gives two coefficients: (bit0 + bit1) - (bit2 + bit3) */
	for (unsigned i = 0; i < 128; i++)
		for (unsigned h = 0; h < 2; h++) {
			unsigned v = b[i] >> (4 * h);
			uint16_t x1 = (uint16_t)((v & 1) + (v >> 1 & 1)), y1 = (uint16_t)((v >> 2 & 1) + (v >> 3 & 1));
			f->c[2 * i + h] = fq_sub(x1, y1);
		}
	zos_ct_wipe(b, sizeof b);
}

uint16_t mlkem_compress(uint16_t x, unsigned d)
{
	/* round(2^d x / q) = floor((2^d x + q/2) / q), then mod 2^d */
	uint32_t y = ((uint32_t)x << d) + MLKEM_Q / 2;
	uint32_t quot = (uint32_t)(((uint64_t)y * 20642679u) >> 36);

	return (uint16_t)(quot & ((1u << d) - 1));
}

static uint16_t decompress(uint16_t y, unsigned d)
{
	return (uint16_t)(((uint32_t)y * MLKEM_Q + (1u << (d - 1))) >> d);
}

void mlkem_compress_encode(uint8_t *out, const struct mlkem_poly *f, unsigned d)
{
	uint32_t v[MLKEM_N];

	for (unsigned i = 0; i < MLKEM_N; i++)
		v[i] = mlkem_compress(f->c[i], d);
	zos_bitpack(out, v, d);
	zos_ct_wipe(v, sizeof v);
}

void mlkem_decode_decompress(struct mlkem_poly *f, const uint8_t *in, unsigned d)
{
	uint32_t v[MLKEM_N];

	zos_bitunpack(v, in, d);
	for (unsigned i = 0; i < MLKEM_N; i++)
		f->c[i] = decompress((uint16_t)v[i], d);
	zos_ct_wipe(v, sizeof v);
}

void mlkem_encode12(uint8_t out[384], const struct mlkem_poly *f)
{
	uint32_t v[MLKEM_N];

	for (unsigned i = 0; i < MLKEM_N; i++)
		v[i] = f->c[i];
	zos_bitpack(out, v, 12);
	zos_ct_wipe(v, sizeof v);
}

int mlkem_decode12(struct mlkem_poly *f, const uint8_t in[384])
{
	uint32_t v[MLKEM_N], over = 0;

	zos_bitunpack(v, in, 12);
	for (unsigned i = 0; i < MLKEM_N; i++) {
		uint32_t r = v[i] - MLKEM_Q; /* top bit set when v < q */
		over |= ~r >> 31;
		f->c[i] = (uint16_t)(r + (MLKEM_Q & (0u - (r >> 31))));
	}
	zos_ct_wipe(v, sizeof v);
	return (int)(over ^ 1);
}
