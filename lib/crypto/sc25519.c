/*
 * Arithmetic modulo L = 2^252 + c (see sc25519.h), c below 2^125.
 *
 * Numbers are held in signed 64-bit limbs of 21 bits, limb i at weight
 * 2^(21 i); limb 12 sits at 2^252. Reduction folds a limb k >= 12 down
 * with 2^252 = -c (mod L): x 2^(21 k) = -x c 2^(21 (k-12)), c itself being
 * six 21-bit limbs. Folding from the top limb down, with a carry pass after
 * each fold, keeps every limb far below 2^63. What is left is a value
 * below 2^253 in thirteen limbs; one masked subtraction of L makes it
 * canonical. No branch or index depends on the values, only on positions.
 *
 * (Right shifts of negative limbs are arithmetic on every compiler we
 * build with; the carries rely on that, and the unit tests and the
 * differential tests against libsodium would catch a compiler that differs.)
 */
#include "lib/crypto/sc25519.h"

#include "lib/crypto/ct.h"

#define NLIMBS 26

static const int64_t c21[6] = { 1430509, 1626855, 1442968, 997804, 1960495, 683900 };
static const uint8_t Lbytes[32] = {
	0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
};

/* Bits [21 i, 21 i + 21) of the len-byte little-endian number s. */
static int64_t bits21(const uint8_t *s, int len, int i)
{
	int bit = 21 * i, byte = bit >> 3;
	uint64_t v = 0;

	for (int b = 3; b >= 0; b--)
		if (byte + b < len)
			v = (v << 8) | s[byte + b];
		else
			v <<= 8;
	return (int64_t)((v >> (bit & 7)) & 0x1FFFFF);
}

/* Floor carries from limb `from` up to limb `to`, each left in [0, 2^21). */
static void carry(int64_t *t, int from, int to)
{
	for (int i = from; i < to; i++) {
		int64_t c = t[i] >> 21;
		t[i] -= c * (1ll << 21);
		t[i + 1] += c;
	}
}

static void fold(int64_t *t, int k)
{
	for (int j = 0; j < 6; j++)
		t[k - 12 + j] -= t[k] * c21[j];
	t[k] = 0;
}

/* t[0..NLIMBS) (limbs below 2^47 in size, value below 2^525) -> out. */
static void reduce(uint8_t out[32], int64_t *t)
{
	uint8_t d[32];
	int64_t neg;
	uint32_t borrow = 0, mask;

	carry(t, 0, NLIMBS - 1);
	for (int k = NLIMBS - 2; k >= 12; k--) {
		fold(t, k);
		carry(t, k - 12, k);
		fold(t, k);
	}
	carry(t, 0, 12);
	fold(t, 12);
	carry(t, 0, 12);
	/* t[12] is now -1, 0 or 1; where -1, add L (that is: c, and 1 to t[12]). */
	neg = (int64_t)((uint64_t)t[12] >> 63);
	for (int j = 0; j < 6; j++)
		t[j] += c21[j] & -neg;
	t[12] += neg;
	carry(t, 0, 12);
	for (int i = 0; i < 32; i++)
		out[i] = 0;
	for (int i = 0; i <= 12; i++) {
		int off = 21 * i;
		uint64_t v = (uint64_t)t[i] << (off & 7);

		for (int b = 0; b < 4; b++)
			if ((off >> 3) + b < 32)
				out[(off >> 3) + b] |= (uint8_t)(v >> (8 * b));
	}
	/* The value is below 2^253 < 2 L: subtract L once where it fits. */
	for (int i = 0; i < 32; i++) {
		uint32_t x = (uint32_t)out[i] - Lbytes[i] - borrow;
		d[i] = (uint8_t)x;
		borrow = (x >> 8) & 1;
	}
	mask = borrow - 1; /* all ones when out >= L */
	for (int i = 0; i < 32; i++)
		out[i] = (uint8_t)((d[i] & mask) | (out[i] & ~mask));
	zos_ct_wipe(d, sizeof d);
	zos_ct_wipe(t, NLIMBS * sizeof *t);
}

void sc_reduce64(uint8_t out[32], const uint8_t in[64])
{
	int64_t t[NLIMBS] = { 0 };

	for (int i = 0; i < 25; i++)
		t[i] = bits21(in, 64, i);
	reduce(out, t);
}

void sc_muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32], const uint8_t c[32])
{
	int64_t t[NLIMBS] = { 0 }, x[13], y[13];

	for (int i = 0; i < 13; i++) {
		x[i] = bits21(a, 32, i);
		y[i] = bits21(b, 32, i);
		t[i] = bits21(c, 32, i);
	}
	for (int i = 0; i < 13; i++)
		for (int j = 0; j < 13; j++)
			t[i + j] += x[i] * y[j];
	reduce(out, t);
	zos_ct_wipe(x, sizeof x);
	zos_ct_wipe(y, sizeof y);
}

int sc_is_canonical(const uint8_t s[32])
{
	for (int i = 31; i >= 0; i--) {
		if (s[i] < Lbytes[i])
			return 1;
		if (s[i] > Lbytes[i])
			return 0;
	}
	return 0; /* s == L */
}
