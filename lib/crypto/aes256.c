/*
 * AES-256 per FIPS 197 (key expansion 5.2, cipher 5.1), without tables.
 * SubBytes works on 64-bit words holding eight bytes: GF(2^8) products
 * (poly x^8+x^4+x^3+x+1) by shift-and-mask, the inverse as x^254 by an
 * addition chain, then the affine transformation. The state is column-major
 * as in the standard: byte r + 4c is row r, column c.
 */
#include "lib/crypto/aes256.h"
#include "lib/crypto/ct.h"

#define LO 0x0101010101010101ull

/* Each byte lane times x. */
static uint64_t xtime8(uint64_t a)
{
	return ((a & (0x7F * LO)) << 1) ^ (((a >> 7) & LO) * 0x1B);
}

/* Lane-wise GF(2^8) product of a and b. */
static uint64_t gmul8(uint64_t a, uint64_t b)
{
	uint64_t r = 0;

	for (int i = 0; i < 8; i++) {
		r ^= a & (((b >> i) & LO) * 0xFF);
		a = xtime8(a);
	}
	return r;
}

static uint64_t rotl8(uint64_t b, unsigned n)
{
	uint64_t m = (0xFFu >> n) * LO; /* bits that stay in their byte */
	return ((b & m) << n) | ((b >> (8 - n)) & ((0xFFu >> (8 - n)) * LO));
}

/* The S-box on eight bytes: x^254 (0 maps to 0), then the affine map. */
static uint64_t sub8(uint64_t x)
{
	uint64_t x2 = gmul8(x, x), x3 = gmul8(x2, x), x6 = gmul8(x3, x3), x12 = gmul8(x6, x6);
	uint64_t x15 = gmul8(x12, x3), x30 = gmul8(x15, x15), x60 = gmul8(x30, x30);
	uint64_t x120 = gmul8(x60, x60), x240 = gmul8(x120, x120);
	uint64_t b = gmul8(gmul8(x240, x12), x2); /* x^254 */

	return b ^ rotl8(b, 1) ^ rotl8(b, 2) ^ rotl8(b, 3) ^ rotl8(b, 4) ^ (0x63 * LO);
}

static uint64_t load64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void store64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

static void sub_bytes(uint8_t s[16])
{
	store64(s, sub8(load64(s)));
	store64(s + 8, sub8(load64(s + 8)));
}

void zos_aes256_init(struct zos_aes256 *a, const uint8_t key[ZOS_AES256_KEY])
{
	uint8_t *w = a->rk, rcon = 1;

	for (int i = 0; i < 32; i++)
		w[i] = key[i];
	for (int i = 8; i < 4 * (ZOS_AES256_ROUNDS + 1); i++) {
		uint8_t t[8] = {w[4 * i - 4], w[4 * i - 3], w[4 * i - 2], w[4 * i - 1], 0, 0, 0, 0};

		if (i % 8 == 0) {
			uint8_t r = t[0];
			t[0] = t[1], t[1] = t[2], t[2] = t[3], t[3] = r;
		}
		if (i % 8 == 0 || i % 8 == 4)
			store64(t, sub8(load64(t)));
		if (i % 8 == 0) {
			t[0] ^= rcon;
			rcon = (uint8_t)((rcon << 1) ^ (0x1B & -(rcon >> 7)));
		}
		for (int j = 0; j < 4; j++)
			w[4 * i + j] = w[4 * (i - 8) + j] ^ t[j];
		zos_ct_wipe(t, sizeof t);
	}
}

static void shift_rows(uint8_t s[16])
{
	uint8_t t[16];

	for (int c = 0; c < 4; c++)
		for (int r = 0; r < 4; r++)
			t[r + 4 * c] = s[r + 4 * ((c + r) & 3)];
	for (int i = 0; i < 16; i++)
		s[i] = t[i];
}

static uint8_t xt(uint8_t a) { return (uint8_t)((a << 1) ^ (0x1B & -(a >> 7))); }

static void mix_columns(uint8_t s[16])
{
	for (int c = 0; c < 4; c++) {
		uint8_t *p = s + 4 * c, a0 = p[0], a1 = p[1], a2 = p[2], a3 = p[3];
		uint8_t all = a0 ^ a1 ^ a2 ^ a3;

		/* 2a0 ^ 3a1 ^ a2 ^ a3 = a0 ^ all ^ 2(a0 ^ a1), and so on */
		p[0] = a0 ^ all ^ xt(a0 ^ a1);
		p[1] = a1 ^ all ^ xt(a1 ^ a2);
		p[2] = a2 ^ all ^ xt(a2 ^ a3);
		p[3] = a3 ^ all ^ xt(a3 ^ a0);
	}
}

void zos_aes256_encrypt_block(const struct zos_aes256 *a, const uint8_t in[ZOS_AES_BLOCK],
			      uint8_t out[ZOS_AES_BLOCK])
{
	uint8_t s[16];

	for (int i = 0; i < 16; i++)
		s[i] = in[i] ^ a->rk[i];
	for (int r = 1; r <= ZOS_AES256_ROUNDS; r++) {
		sub_bytes(s);
		shift_rows(s);
		if (r != ZOS_AES256_ROUNDS)
			mix_columns(s);
		for (int i = 0; i < 16; i++)
			s[i] ^= a->rk[16 * r + i];
	}
	for (int i = 0; i < 16; i++)
		out[i] = s[i];
	zos_ct_wipe(s, sizeof s);
}
