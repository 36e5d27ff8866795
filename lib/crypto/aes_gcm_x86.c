/*
 * AES-256-GCM with AES-NI and PCLMULQDQ (x86_64 hosted builds only; the
 * dispatcher in aes_gcm.c calls it when cpuid reports the instructions).
 * AES: the key schedule with AESKEYGENASSIST, 14 rounds of AESENC, four
 * counter blocks in flight. GHASH: GCM's bit order (the first bit of a
 * block is the coefficient of x^0, held in a byte's top bit) is turned
 * into plain polynomial order by reversing the bits of each byte (PSHUFB
 * on nibbles, no memory lookups); then a 128x128 carry-less product and a
 * reduction modulo x^128 + x^7 + x^2 + x + 1 by folding the top half
 * twice with the constant 0x87. Everything is data-independent in time.
 */
#include "lib/crypto/aes_gcm_x86.h"

#if ZOS_AES_GCM_X86
#include <cpuid.h>
#include <immintrin.h>

#include "lib/crypto/ct.h"

#define TARGET __attribute__((target("aes,pclmul,ssse3,sse4.1")))

int zos_aes_gcm_x86_available(void)
{
	unsigned a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d))
		return 0;
	return (c & bit_AES) && (c & bit_PCLMUL) && (c & bit_SSSE3) && (c & bit_SSE4_1);
}

TARGET static __m128i expand(__m128i k)
{
	k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
	k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
	return _mm_xor_si128(k, _mm_slli_si128(k, 4));
}

#define ROUND_PAIR(i, rcon)                                                                     \
	do {                                                                                    \
		k1 = _mm_xor_si128(expand(k1), _mm_shuffle_epi32(_mm_aeskeygenassist_si128(k2, rcon), 0xFF)); \
		rk[i] = k1;                                                                     \
		if (i < 14) {                                                                   \
			k2 = _mm_xor_si128(expand(k2), _mm_shuffle_epi32(_mm_aeskeygenassist_si128(k1, 0), 0xAA)); \
			rk[(i) + 1] = k2;                                               \
		}                                                                               \
	} while (0)

TARGET static void key_schedule(const uint8_t key[32], __m128i rk[15])
{
	__m128i k1 = _mm_loadu_si128((const __m128i *)(const void *)key);
	__m128i k2 = _mm_loadu_si128((const __m128i *)(const void *)(key + 16));

	rk[0] = k1;
	rk[1] = k2;
	ROUND_PAIR(2, 0x01);
	ROUND_PAIR(4, 0x02);
	ROUND_PAIR(6, 0x04);
	ROUND_PAIR(8, 0x08);
	ROUND_PAIR(10, 0x10);
	ROUND_PAIR(12, 0x20);
	ROUND_PAIR(14, 0x40);
	k1 = k2 = _mm_setzero_si128();
}

TARGET static __m128i aes_block(const __m128i rk[15], __m128i x)
{
	x = _mm_xor_si128(x, rk[0]);
	for (int r = 1; r < 14; r++)
		x = _mm_aesenc_si128(x, rk[r]);
	return _mm_aesenclast_si128(x, rk[14]);
}

/* Reverses the bits of every byte: GCM order <-> polynomial order. */
TARGET static __m128i bitrev_bytes(__m128i x)
{
	const __m128i tbl = _mm_setr_epi8(0x0, 0x8, 0x4, 0xC, 0x2, 0xA, 0x6, 0xE, 0x1, 0x9, 0x5, 0xD, 0x3, 0xB, 0x7, 0xF);
	const __m128i nib = _mm_set1_epi8(0x0F);
	__m128i lo = _mm_and_si128(x, nib), hi = _mm_and_si128(_mm_srli_epi16(x, 4), nib);

	return _mm_or_si128(_mm_slli_epi16(_mm_shuffle_epi8(tbl, lo), 4), _mm_shuffle_epi8(tbl, hi));
}

/* a * b mod (x^128 + x^7 + x^2 + x + 1), both in polynomial order. */
TARGET static __m128i gf_mul(__m128i a, __m128i b)
{
	const __m128i k = _mm_set_epi64x(0, 0x87);
	__m128i m00 = _mm_clmulepi64_si128(a, b, 0x00), m11 = _mm_clmulepi64_si128(a, b, 0x11);
	__m128i m01 = _mm_xor_si128(_mm_clmulepi64_si128(a, b, 0x01), _mm_clmulepi64_si128(a, b, 0x10));
	__m128i lo = _mm_xor_si128(m00, _mm_slli_si128(m01, 8)), hi = _mm_xor_si128(m11, _mm_srli_si128(m01, 8));
	__m128i t0 = _mm_clmulepi64_si128(hi, k, 0x00), t1 = _mm_clmulepi64_si128(hi, k, 0x01);

	lo = _mm_xor_si128(lo, _mm_xor_si128(t0, _mm_slli_si128(t1, 8)));
	return _mm_xor_si128(lo, _mm_clmulepi64_si128(_mm_srli_si128(t1, 8), k, 0x00));
}

TARGET static __m128i ghash_pad(__m128i y, __m128i h, const uint8_t *p, size_t n)
{
	while (n >= 16) {
		y = gf_mul(_mm_xor_si128(y, bitrev_bytes(_mm_loadu_si128((const __m128i *)(const void *)p))), h);
		p += 16;
		n -= 16;
	}
	if (n > 0) {
		uint8_t b[16] = {0};
		for (size_t i = 0; i < n; i++)
			b[i] = p[i];
		y = gf_mul(_mm_xor_si128(y, bitrev_bytes(_mm_loadu_si128((const __m128i *)(const void *)b))), h);
		zos_ct_wipe(b, sizeof b);
	}
	return y;
}

static void put_ctr(uint8_t ctr[16], const uint8_t iv[12], uint32_t c)
{
	for (int i = 0; i < 12; i++)
		ctr[i] = iv[i];
	ctr[12] = (uint8_t)(c >> 24), ctr[13] = (uint8_t)(c >> 16), ctr[14] = (uint8_t)(c >> 8), ctr[15] = (uint8_t)c;
}

TARGET static __m128i ctr_block(const uint8_t iv[12], uint32_t c)
{
	uint8_t b[16];

	put_ctr(b, iv, c);
	return _mm_loadu_si128((const __m128i *)(const void *)b);
}

TARGET void zos_aes_gcm_x86(const uint8_t key[32], const uint8_t iv[12], const uint8_t *aad, size_t aad_len,
			    const uint8_t *in, size_t n, uint8_t *out, int decrypting, uint8_t tag[16])
{
	__m128i rk[15], h, y = _mm_setzero_si128(), ks;
	uint8_t lens[16];
	uint32_t c = 2; /* inc32(J0) */
	size_t off = 0;

	key_schedule(key, rk);
	h = bitrev_bytes(aes_block(rk, _mm_setzero_si128()));
	y = ghash_pad(y, h, aad, aad_len);
	if (decrypting)
		y = ghash_pad(y, h, in, n);
	for (; n - off >= 64; off += 64, c += 4) {
		__m128i b0 = _mm_xor_si128(ctr_block(iv, c), rk[0]), b1 = _mm_xor_si128(ctr_block(iv, c + 1), rk[0]);
		__m128i b2 = _mm_xor_si128(ctr_block(iv, c + 2), rk[0]), b3 = _mm_xor_si128(ctr_block(iv, c + 3), rk[0]);

		for (int r = 1; r < 14; r++) {
			b0 = _mm_aesenc_si128(b0, rk[r]);
			b1 = _mm_aesenc_si128(b1, rk[r]);
			b2 = _mm_aesenc_si128(b2, rk[r]);
			b3 = _mm_aesenc_si128(b3, rk[r]);
		}
		b0 = _mm_aesenclast_si128(b0, rk[14]);
		b1 = _mm_aesenclast_si128(b1, rk[14]);
		b2 = _mm_aesenclast_si128(b2, rk[14]);
		b3 = _mm_aesenclast_si128(b3, rk[14]);
		const __m128i *src = (const __m128i *)(const void *)(in + off);
		__m128i *dst = (__m128i *)(void *)(out + off);
		_mm_storeu_si128(dst, _mm_xor_si128(b0, _mm_loadu_si128(src)));
		_mm_storeu_si128(dst + 1, _mm_xor_si128(b1, _mm_loadu_si128(src + 1)));
		_mm_storeu_si128(dst + 2, _mm_xor_si128(b2, _mm_loadu_si128(src + 2)));
		_mm_storeu_si128(dst + 3, _mm_xor_si128(b3, _mm_loadu_si128(src + 3)));
	}
	for (; off < n; off += 16, c++) {
		uint8_t k[16];
		size_t take = n - off < 16 ? n - off : 16;

		ks = aes_block(rk, ctr_block(iv, c));
		_mm_storeu_si128((__m128i *)(void *)k, ks);
		for (size_t i = 0; i < take; i++)
			out[off + i] = in[off + i] ^ k[i];
		zos_ct_wipe(k, sizeof k);
	}
	if (!decrypting)
		y = ghash_pad(y, h, out, n);
	for (int i = 0; i < 8; i++) {
		lens[7 - i] = (uint8_t)(((uint64_t)aad_len * 8) >> (8 * i));
		lens[15 - i] = (uint8_t)(((uint64_t)n * 8) >> (8 * i));
	}
	y = ghash_pad(y, h, lens, 16);
	ks = aes_block(rk, ctr_block(iv, 1));
	_mm_storeu_si128((__m128i *)(void *)tag, _mm_xor_si128(bitrev_bytes(y), ks));
	zos_ct_wipe(rk, sizeof rk);
	h = y = ks = _mm_setzero_si128();
}
#else
/* Not an x86_64 hosted build: aes_gcm.c uses the portable code only. */
typedef int zos_aes_gcm_x86_unused;
#endif
