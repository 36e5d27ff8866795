/*
 * AES-256-GCM with AES-NI and PCLMULQDQ (see gcm_x86.h), hosted x86_64
 * only; elsewhere this file compiles to nothing.
 *
 * GHASH: blocks are byte-reversed so the field element sits in a 128-bit
 * register with GCM's first bit at the top; a carry-less 128x128 product
 * (four PCLMULQDQ) is then shifted left by one bit (GCM's bit order is
 * reflected) and reduced modulo x^128 + x^7 + x^2 + x + 1 with shifts
 * (Gueron and Kounavis, "Intel Carry-Less Multiplication Instruction and
 * its Usage for Computing the GCM Mode"). Four blocks are folded per
 * reduction: Y' = (Y ^ X1)H^4 ^ X2 H^3 ^ X3 H^2 ^ X4 H, the products summed
 * unreduced (reduction is linear). CTR runs eight AES blocks at a time.
 * No table, no secret-dependent branch: the instructions are constant time.
 */
#include "lib/crypto/gcm_x86.h"

#ifdef ZOS_GCM_X86

#include <cpuid.h>
#include <immintrin.h>

#define TARGET __attribute__((target("aes,pclmul,ssse3,sse2")))

int zos_gcm_x86_available(void)
{
	unsigned a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d))
		return 0;
	/* ECX: bit 1 PCLMULQDQ, bit 9 SSSE3, bit 25 AES */
	return (c >> 1 & 1) && (c >> 9 & 1) && (c >> 25 & 1);
}

TARGET static inline __m128i bswap(__m128i x)
{
	return _mm_shuffle_epi8(x, _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
}

/* [hi:lo] ^= a * b, carry-less, unreduced. */
TARGET static inline void clmul_acc(__m128i a, __m128i b, __m128i *lo, __m128i *hi)
{
	__m128i t0 = _mm_clmulepi64_si128(a, b, 0x00), t3 = _mm_clmulepi64_si128(a, b, 0x11);
	__m128i t1 = _mm_xor_si128(_mm_clmulepi64_si128(a, b, 0x10), _mm_clmulepi64_si128(a, b, 0x01));

	*lo = _mm_xor_si128(*lo, _mm_xor_si128(t0, _mm_slli_si128(t1, 8)));
	*hi = _mm_xor_si128(*hi, _mm_xor_si128(t3, _mm_srli_si128(t1, 8)));
}

/* The 256-bit product [hi:lo], shifted left one bit for the reflected
 * order, reduced to 128 bits. */
TARGET static inline __m128i reduce(__m128i lo, __m128i hi)
{
	__m128i c0 = _mm_srli_epi32(lo, 31), c1 = _mm_srli_epi32(hi, 31), c2, a, b, t;

	lo = _mm_slli_epi32(lo, 1);
	hi = _mm_slli_epi32(hi, 1);
	c2 = _mm_srli_si128(c0, 12); /* lo's top bit crosses into hi */
	c0 = _mm_slli_si128(c0, 4);
	c1 = _mm_slli_si128(c1, 4);
	lo = _mm_or_si128(lo, c0);
	hi = _mm_or_si128(_mm_or_si128(hi, c1), c2);
	/* first phase: multiply the low half by x^63 + x^62 + x^57 */
	a = _mm_xor_si128(_mm_xor_si128(_mm_slli_epi32(lo, 31), _mm_slli_epi32(lo, 30)), _mm_slli_epi32(lo, 25));
	b = _mm_srli_si128(a, 4);
	a = _mm_slli_si128(a, 12);
	lo = _mm_xor_si128(lo, a);
	/* second phase */
	t = _mm_xor_si128(_mm_xor_si128(_mm_srli_epi32(lo, 1), _mm_srli_epi32(lo, 2)), _mm_srli_epi32(lo, 7));
	t = _mm_xor_si128(t, b);
	lo = _mm_xor_si128(lo, t);
	return _mm_xor_si128(hi, lo);
}

TARGET static __m128i gfmul(__m128i a, __m128i b)
{
	__m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128();

	clmul_acc(a, b, &lo, &hi);
	return reduce(lo, hi);
}

TARGET void zos_gcm_x86_hpowers(uint8_t hpow[64], const uint8_t h[16])
{
	__m128i h1 = bswap(_mm_loadu_si128((const __m128i *)h)), p = h1;

	for (int i = 0; i < 4; i++) {
		_mm_storeu_si128((__m128i *)(hpow + 16 * i), p);
		p = gfmul(p, h1);
	}
}

TARGET void zos_gcm_x86_ghash(uint8_t y[16], const uint8_t hpow[64], const uint8_t *data, size_t nblocks)
{
	const __m128i h1 = _mm_loadu_si128((const __m128i *)hpow);
	const __m128i h2 = _mm_loadu_si128((const __m128i *)(hpow + 16));
	const __m128i h3 = _mm_loadu_si128((const __m128i *)(hpow + 32));
	const __m128i h4 = _mm_loadu_si128((const __m128i *)(hpow + 48));
	__m128i acc = bswap(_mm_loadu_si128((const __m128i *)y));

	for (; nblocks >= 4; nblocks -= 4, data += 64) {
		__m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128();
		__m128i x1 = bswap(_mm_loadu_si128((const __m128i *)data));
		__m128i x2 = bswap(_mm_loadu_si128((const __m128i *)(data + 16)));
		__m128i x3 = bswap(_mm_loadu_si128((const __m128i *)(data + 32)));
		__m128i x4 = bswap(_mm_loadu_si128((const __m128i *)(data + 48)));

		clmul_acc(_mm_xor_si128(acc, x1), h4, &lo, &hi);
		clmul_acc(x2, h3, &lo, &hi);
		clmul_acc(x3, h2, &lo, &hi);
		clmul_acc(x4, h1, &lo, &hi);
		acc = reduce(lo, hi);
	}
	for (; nblocks > 0; nblocks--, data += 16)
		acc = gfmul(_mm_xor_si128(acc, bswap(_mm_loadu_si128((const __m128i *)data))), h1);
	_mm_storeu_si128((__m128i *)y, bswap(acc));
}

TARGET void zos_gcm_x86_ctr(const uint8_t rk[240], uint8_t ctr[16], const uint8_t *in, uint8_t *out, size_t n)
{
	__m128i k[15], c = bswap(_mm_loadu_si128((const __m128i *)ctr)); /* counter in lane 0 */
	const __m128i one = _mm_set_epi32(0, 0, 0, 1);

	for (int i = 0; i < 15; i++)
		k[i] = _mm_loadu_si128((const __m128i *)(rk + 16 * i));
	/* Eight blocks in flight, written out so the compiler keeps them in
	 * registers (as arrays they went through the stack each round). */
	for (; n >= 128; n -= 128, in += 128, out += 128) {
		__m128i b0, b1, b2, b3, b4, b5, b6, b7;

#define NEXT(b)                                          \
	do {                                             \
		b = _mm_xor_si128(bswap(c), k[0]);       \
		c = _mm_add_epi32(c, one); /* inc32 */   \
	} while (0)
#define ROUND(f, key)                                                                    \
	do {                                                                             \
		b0 = f(b0, key); b1 = f(b1, key); b2 = f(b2, key); b3 = f(b3, key);     \
		b4 = f(b4, key); b5 = f(b5, key); b6 = f(b6, key); b7 = f(b7, key);     \
	} while (0)
#define OUT(j, b)                                                                                  \
	_mm_storeu_si128((__m128i *)(out + 16 * (j)),                                             \
			 _mm_xor_si128(b, _mm_loadu_si128((const __m128i *)(in + 16 * (j)))))
		NEXT(b0); NEXT(b1); NEXT(b2); NEXT(b3);
		NEXT(b4); NEXT(b5); NEXT(b6); NEXT(b7);
		for (int r = 1; r < 14; r++)
			ROUND(_mm_aesenc_si128, k[r]);
		ROUND(_mm_aesenclast_si128, k[14]);
		OUT(0, b0); OUT(1, b1); OUT(2, b2); OUT(3, b3);
		OUT(4, b4); OUT(5, b5); OUT(6, b6); OUT(7, b7);
#undef NEXT
#undef ROUND
#undef OUT
	}
	while (n > 0) {
		size_t take = n < 16 ? n : 16;
		uint8_t ks[16];
		__m128i b = _mm_xor_si128(bswap(c), k[0]);

		c = _mm_add_epi32(c, one);
		for (int r = 1; r < 14; r++)
			b = _mm_aesenc_si128(b, k[r]);
		_mm_storeu_si128((__m128i *)ks, _mm_aesenclast_si128(b, k[14]));
		for (size_t i = 0; i < take; i++)
			out[i] = in[i] ^ ks[i];
		for (size_t i = 0; i < 16; i++)
			((volatile uint8_t *)ks)[i] = 0;
		in += take;
		out += take;
		n -= take;
	}
	_mm_storeu_si128((__m128i *)ctr, bswap(c));
	for (int i = 0; i < 15; i++)
		k[i] = _mm_setzero_si128();
}

#else
typedef int zos_gcm_x86_unused; /* keeps this translation unit non-empty */
#endif
