/*
 * GF(2^255 - 19) in five 51-bit limbs (see fe25519.h for the bounds).
 *
 * Products of two limbs need 128 bits. Where the compiler has a native
 * 64x64->128 multiply (x86_64, aarch64) unsigned __int128 is used; on
 * 32-bit targets (wasm32, where __int128 would need compiler-rt helpers the
 * freestanding image does not have) a two-word struct with the same four
 * operations stands in, built from 32x32->64 products. Either way there are
 * no branches on the values: reductions are carries and masks, selections
 * are masks.
 *
 * The reduction uses 2^255 = 19 (mod p): a limb product landing at weight
 * 2^(51 k), k >= 5, is folded back to 2^(51 (k-5)) times 19.
 */
#include "lib/crypto/fe25519.h"

#define MASK51 ((1ull << 51) - 1)

/* ZOS_FE_PORTABLE forces the 32-bit path on any target, so the host tests
 * can check it (tests/test_crypto_fe_portable.c). */
#if defined(__SIZEOF_INT128__) && UINTPTR_MAX > 0xFFFFFFFFu && !defined(ZOS_FE_PORTABLE)
typedef unsigned __int128 u128;
static inline u128 mul64(uint64_t a, uint64_t b) { return (u128)a * b; }
static inline u128 add128(u128 a, u128 b) { return a + b; }
static inline uint64_t lo64(u128 a) { return (uint64_t)a; }
static inline uint64_t shr51(u128 a) { return (uint64_t)(a >> 51); }
#else
typedef struct {
	uint64_t lo, hi;
} u128;
static inline u128 mul64(uint64_t a, uint64_t b)
{
	uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
	uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
	uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
	u128 r;

	r.lo = (mid << 32) | (uint32_t)p00;
	r.hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
	return r;
}
static inline u128 add128(u128 a, u128 b)
{
	u128 r;

	r.lo = a.lo + b.lo;
	r.hi = a.hi + b.hi + (r.lo < a.lo); /* a carry flag, not a branch */
	return r;
}
static inline uint64_t lo64(u128 a) { return a.lo; }
static inline uint64_t shr51(u128 a) { return (a.lo >> 51) | (a.hi << 13); }
#endif

void fe_0(fe25519 *h)
{
	for (int i = 0; i < 5; i++)
		h->l[i] = 0;
}

void fe_1(fe25519 *h)
{
	fe_0(h);
	h->l[0] = 1;
}

void fe_copy(fe25519 *h, const fe25519 *f)
{
	for (int i = 0; i < 5; i++)
		h->l[i] = f->l[i];
}

static uint64_t load64_le(const uint8_t *s)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | s[i];
	return v;
}

void fe_frombytes(fe25519 *h, const uint8_t s[32])
{
	uint64_t w0 = load64_le(s), w1 = load64_le(s + 8), w2 = load64_le(s + 16),
		 w3 = load64_le(s + 24);

	h->l[0] = w0 & MASK51;
	h->l[1] = ((w0 >> 51) | (w1 << 13)) & MASK51;
	h->l[2] = ((w1 >> 38) | (w2 << 26)) & MASK51;
	h->l[3] = ((w2 >> 25) | (w3 << 39)) & MASK51;
	h->l[4] = (w3 >> 12) & MASK51; /* drops bit 255 */
}

/* Carries every limb down to 51 bits (plus a small excess in limb 0). */
static void fe_carry(fe25519 *h)
{
	uint64_t c;

	c = h->l[0] >> 51; h->l[0] &= MASK51; h->l[1] += c;
	c = h->l[1] >> 51; h->l[1] &= MASK51; h->l[2] += c;
	c = h->l[2] >> 51; h->l[2] &= MASK51; h->l[3] += c;
	c = h->l[3] >> 51; h->l[3] &= MASK51; h->l[4] += c;
	c = h->l[4] >> 51; h->l[4] &= MASK51; h->l[0] += c * 19;
	c = h->l[0] >> 51; h->l[0] &= MASK51; h->l[1] += c;
}

void fe_tobytes(uint8_t s[32], const fe25519 *f)
{
	fe25519 h;
	uint64_t q, c;

	fe_copy(&h, f);
	fe_carry(&h);
	fe_carry(&h); /* now every limb < 2^51, value < 2^255 */
	/* q = 1 exactly when value >= p: value + 19 carries into bit 255. */
	q = (h.l[0] + 19) >> 51;
	q = (h.l[1] + q) >> 51;
	q = (h.l[2] + q) >> 51;
	q = (h.l[3] + q) >> 51;
	q = (h.l[4] + q) >> 51;
	h.l[0] += 19 * q; /* value - q p = value + 19 q - q 2^255 */
	c = h.l[0] >> 51; h.l[0] &= MASK51; h.l[1] += c;
	c = h.l[1] >> 51; h.l[1] &= MASK51; h.l[2] += c;
	c = h.l[2] >> 51; h.l[2] &= MASK51; h.l[3] += c;
	c = h.l[3] >> 51; h.l[3] &= MASK51; h.l[4] += c;
	h.l[4] &= MASK51;
	uint64_t w[4] = {
		h.l[0] | (h.l[1] << 51),
		(h.l[1] >> 13) | (h.l[2] << 38),
		(h.l[2] >> 26) | (h.l[3] << 25),
		(h.l[3] >> 39) | (h.l[4] << 12),
	};
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 8; j++)
			s[8 * i + j] = (uint8_t)(w[i] >> (8 * j));
}

void fe_add(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
	for (int i = 0; i < 5; i++)
		h->l[i] = f->l[i] + g->l[i];
}

/* f - g + 4p keeps every limb positive for g's limbs below 2^53. */
void fe_sub(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
	h->l[0] = f->l[0] + 0x1FFFFFFFFFFFB4ull - g->l[0];
	for (int i = 1; i < 5; i++)
		h->l[i] = f->l[i] + 0x1FFFFFFFFFFFFCull - g->l[i];
	fe_carry(h);
}

void fe_neg(fe25519 *h, const fe25519 *f)
{
	fe25519 z;

	fe_0(&z);
	fe_sub(h, &z, f);
}

/* Carries a five-word 128-bit product into h. */
static void fe_reduce_wide(fe25519 *h, u128 t0, u128 t1, u128 t2, u128 t3, u128 t4)
{
	uint64_t c;

	c = shr51(t0); h->l[0] = lo64(t0) & MASK51; t1 = add128(t1, mul64(c, 1));
	c = shr51(t1); h->l[1] = lo64(t1) & MASK51; t2 = add128(t2, mul64(c, 1));
	c = shr51(t2); h->l[2] = lo64(t2) & MASK51; t3 = add128(t3, mul64(c, 1));
	c = shr51(t3); h->l[3] = lo64(t3) & MASK51; t4 = add128(t4, mul64(c, 1));
	c = shr51(t4); h->l[4] = lo64(t4) & MASK51;
	/* c may be near 2^64, so c * 19 is formed in 128 bits. */
	t0 = add128(mul64(c, 19), mul64(h->l[0], 1));
	h->l[0] = lo64(t0) & MASK51;
	h->l[1] += shr51(t0);
}

void fe_mul(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
	const uint64_t *a = f->l, *b = g->l;
	uint64_t b1 = b[1] * 19, b2 = b[2] * 19, b3 = b[3] * 19, b4 = b[4] * 19;
	u128 t0, t1, t2, t3, t4;

	t0 = add128(add128(mul64(a[0], b[0]), mul64(a[1], b4)),
		    add128(add128(mul64(a[2], b3), mul64(a[3], b2)), mul64(a[4], b1)));
	t1 = add128(add128(mul64(a[0], b[1]), mul64(a[1], b[0])),
		    add128(add128(mul64(a[2], b4), mul64(a[3], b3)), mul64(a[4], b2)));
	t2 = add128(add128(mul64(a[0], b[2]), mul64(a[1], b[1])),
		    add128(add128(mul64(a[2], b[0]), mul64(a[3], b4)), mul64(a[4], b3)));
	t3 = add128(add128(mul64(a[0], b[3]), mul64(a[1], b[2])),
		    add128(add128(mul64(a[2], b[1]), mul64(a[3], b[0])), mul64(a[4], b4)));
	t4 = add128(add128(mul64(a[0], b[4]), mul64(a[1], b[3])),
		    add128(add128(mul64(a[2], b[2]), mul64(a[3], b[1])), mul64(a[4], b[0])));
	fe_reduce_wide(h, t0, t1, t2, t3, t4);
}

void fe_sq(fe25519 *h, const fe25519 *f)
{
	const uint64_t *a = f->l;
	uint64_t d0 = a[0] * 2, d1 = a[1] * 2, d2 = a[2] * 2 * 19, d3 = a[3] * 19, d4 = a[4] * 19;
	u128 t0, t1, t2, t3, t4;

	t0 = add128(mul64(a[0], a[0]), add128(mul64(d1, d4), mul64(d2, a[3])));
	t1 = add128(mul64(d0, a[1]), add128(mul64(a[2] * 2, d4), mul64(a[3], d3)));
	t2 = add128(mul64(d0, a[2]), add128(mul64(a[1], a[1]), mul64(a[3] * 2, d4)));
	t3 = add128(mul64(d0, a[3]), add128(mul64(d1, a[2]), mul64(a[4], d4)));
	t4 = add128(mul64(d0, a[4]), add128(mul64(d1, a[3]), mul64(a[2], a[2])));
	fe_reduce_wide(h, t0, t1, t2, t3, t4);
}

void fe_mul_small(fe25519 *h, const fe25519 *f, uint32_t n)
{
	u128 t[5];

	for (int i = 0; i < 5; i++)
		t[i] = mul64(f->l[i], n);
	fe_reduce_wide(h, t[0], t[1], t[2], t[3], t[4]);
}

static void fe_sqn(fe25519 *h, const fe25519 *f, int n)
{
	fe_sq(h, f);
	for (int i = 1; i < n; i++)
		fe_sq(h, h);
}

/* Computes z^(2^250 - 1) into t250 and z^11 into z11: the common prefix of
 * the two exponentiations below. */
static void fe_pow_prefix(fe25519 *t250, fe25519 *z11, const fe25519 *z)
{
	fe25519 z2, z9, t, z5, z10, z20, z50, z100;

	fe_sq(&z2, z);                    /* 2 */
	fe_sqn(&t, &z2, 2);               /* 8 */
	fe_mul(&z9, &t, z);               /* 9 */
	fe_mul(z11, &z9, &z2);            /* 11 */
	fe_sq(&t, z11);                   /* 22 */
	fe_mul(&z5, &t, &z9);             /* 2^5 - 1 */
	fe_sqn(&t, &z5, 5);
	fe_mul(&z10, &t, &z5);            /* 2^10 - 1 */
	fe_sqn(&t, &z10, 10);
	fe_mul(&z20, &t, &z10);           /* 2^20 - 1 */
	fe_sqn(&t, &z20, 20);
	fe_mul(&t, &t, &z20);             /* 2^40 - 1 */
	fe_sqn(&t, &t, 10);
	fe_mul(&z50, &t, &z10);           /* 2^50 - 1 */
	fe_sqn(&t, &z50, 50);
	fe_mul(&z100, &t, &z50);          /* 2^100 - 1 */
	fe_sqn(&t, &z100, 100);
	fe_mul(&t, &t, &z100);            /* 2^200 - 1 */
	fe_sqn(&t, &t, 50);
	fe_mul(t250, &t, &z50);           /* 2^250 - 1 */
}

/* z^(p-2) = z^(2^255 - 21) = (z^(2^250-1))^(2^5) * z^11. */
void fe_invert(fe25519 *h, const fe25519 *z)
{
	fe25519 t, z11;

	fe_pow_prefix(&t, &z11, z);
	fe_sqn(&t, &t, 5);
	fe_mul(h, &t, &z11);
}

/* z^((p-5)/8) = z^(2^252 - 3) = (z^(2^250-1))^4 * z. */
void fe_pow22523(fe25519 *h, const fe25519 *z)
{
	fe25519 t, z11;

	fe_pow_prefix(&t, &z11, z);
	fe_sqn(&t, &t, 2);
	fe_mul(h, &t, z);
}

void fe_cswap(fe25519 *f, fe25519 *g, uint64_t b)
{
	uint64_t m = 0 - b;

	for (int i = 0; i < 5; i++) {
		uint64_t x = (f->l[i] ^ g->l[i]) & m;
		f->l[i] ^= x;
		g->l[i] ^= x;
	}
}

void fe_cmov(fe25519 *f, const fe25519 *g, uint64_t b)
{
	uint64_t m = 0 - b;

	for (int i = 0; i < 5; i++)
		f->l[i] ^= (f->l[i] ^ g->l[i]) & m;
}

int fe_iszero(const fe25519 *f)
{
	uint8_t s[32];
	uint32_t acc = 0;

	fe_tobytes(s, f);
	for (int i = 0; i < 32; i++)
		acc |= s[i];
	return (int)(((acc - 1u) >> 8) & 1u);
}

int fe_isnegative(const fe25519 *f)
{
	uint8_t s[32];

	fe_tobytes(s, f);
	return s[0] & 1;
}
