/*
 * AES-256 encryption (FIPS 197; see aes.h), with no secret-dependent
 * branch or memory index.
 *
 * SubBytes: each byte b becomes A(b^254) ^ 0x63, A the affine map
 * b ^ rotl(b,1) ^ rotl(b,2) ^ rotl(b,3) ^ rotl(b,4). The inversion is an
 * addition chain of GF(2^8) products (mod x^8 + x^4 + x^3 + x + 1), each
 * done with masks on eight bytes packed in a uint64_t ("SIMD within a
 * register"); 0 maps to 0 as the standard requires. MixColumns works on a
 * column as a little-endian uint32_t, xtime applied to all four bytes at
 * once.
 */
#include "lib/crypto/aes.h"

#include "lib/crypto/ct.h"

#define LSB8 0x0101010101010101ull

/* Multiplies by x each of the eight bytes of a. */
static uint64_t xtime64(uint64_t a)
{
	return ((a & 0x7f7f7f7f7f7f7f7full) << 1) ^ (((a >> 7) & LSB8) * 0x1b);
}

/* The eight byte-wise GF(2^8) products a_i * b_i. */
static uint64_t gmul64(uint64_t a, uint64_t b)
{
	uint64_t r = 0;

	for (int i = 0; i < 8; i++) {
		r ^= a & (((b >> i) & LSB8) * 0xff);
		a = xtime64(a);
	}
	return r;
}

/* Rotates each byte left by k (1..7). */
static uint64_t rotb(uint64_t x, unsigned k)
{
	uint64_t hi = (0xffu << k) & 0xffu, lo = 0xffu >> (8 - k);

	return ((x << k) & hi * LSB8) | ((x >> (8 - k)) & lo * LSB8);
}

/* The S-box on each of eight packed bytes. */
static uint64_t sbox64(uint64_t x)
{
	uint64_t x2 = gmul64(x, x), x3 = gmul64(x2, x), x6 = gmul64(x3, x3);
	uint64_t x12 = gmul64(x6, x6), x15 = gmul64(x12, x3), t = x15;

	for (int i = 0; i < 4; i++)
		t = gmul64(t, t); /* x^240 */
	t = gmul64(t, x12);       /* x^252 */
	t = gmul64(t, x2);        /* x^254 = x^-1 (and 0 -> 0) */
	return t ^ rotb(t, 1) ^ rotb(t, 2) ^ rotb(t, 3) ^ rotb(t, 4) ^ 0x63 * LSB8;
}

static uint64_t load_le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void store_le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void sub_bytes(uint8_t s[16])
{
	store_le64(s, sbox64(load_le64(s)));
	store_le64(s + 8, sbox64(load_le64(s + 8)));
}

/* Row r moves left by r: s[r + 4c] = old s[r + 4((c + r) mod 4)]. */
static void shift_rows(uint8_t s[16])
{
	uint8_t t[16];

	for (int c = 0; c < 4; c++)
		for (int r = 0; r < 4; r++)
			t[r + 4 * c] = s[r + 4 * ((c + r) & 3)];
	for (int i = 0; i < 16; i++)
		s[i] = t[i];
}

static uint32_t xtime32(uint32_t a)
{
	return ((a & 0x7f7f7f7fu) << 1) ^ (((a >> 7) & 0x01010101u) * 0x1b);
}

static uint32_t rotr32(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

/* out_i = 2a_i ^ 3a_{i+1} ^ a_{i+2} ^ a_{i+3}, per column. */
static void mix_columns(uint8_t s[16])
{
	for (int c = 0; c < 4; c++) {
		uint8_t *p = s + 4 * c;
		uint32_t w = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
		uint32_t r1 = rotr32(w, 8), r2 = rotr32(w, 16), r3 = rotr32(w, 24);
		uint32_t o = xtime32(w ^ r1) ^ r1 ^ r2 ^ r3;

		for (int i = 0; i < 4; i++)
			p[i] = (uint8_t)(o >> (8 * i));
	}
}

static void add_round_key(uint8_t s[16], const uint8_t *k)
{
	for (int i = 0; i < 16; i++)
		s[i] ^= k[i];
}

void zos_aes256_init(struct zos_aes256 *a, const uint8_t key[ZOS_AES256_KEY_SIZE])
{
	uint8_t *w = a->rk; /* 60 words of 4 bytes */
	uint8_t rcon = 1;

	for (int i = 0; i < 32; i++)
		w[i] = key[i];
	for (int i = 8; i < 60; i++) {
		uint8_t t[4] = { w[4 * i - 4], w[4 * i - 3], w[4 * i - 2], w[4 * i - 1] };

		if (i % 8 == 0 || i % 8 == 4) {
			uint8_t r[4] = { t[0], t[1], t[2], t[3] };
			uint64_t v;

			if (i % 8 == 0) { /* RotWord */
				r[0] = t[1];
				r[1] = t[2];
				r[2] = t[3];
				r[3] = t[0];
			}
			v = sbox64((uint64_t)r[0] | (uint64_t)r[1] << 8 | (uint64_t)r[2] << 16 |
				   (uint64_t)r[3] << 24);
			for (int j = 0; j < 4; j++)
				t[j] = (uint8_t)(v >> (8 * j));
			if (i % 8 == 0) {
				t[0] ^= rcon;
				rcon = (uint8_t)(rcon << 1); /* never past 0x40 for AES-256 */
			}
			zos_ct_wipe(r, sizeof r);
		}
		for (int j = 0; j < 4; j++)
			w[4 * i + j] = (uint8_t)(w[4 * i - 32 + j] ^ t[j]);
		zos_ct_wipe(t, sizeof t);
	}
}

void zos_aes256_encrypt(const struct zos_aes256 *a, const uint8_t in[ZOS_AES_BLOCK_SIZE],
			uint8_t out[ZOS_AES_BLOCK_SIZE])
{
	uint8_t s[16];

	for (int i = 0; i < 16; i++)
		s[i] = in[i];
	add_round_key(s, a->rk);
	for (int r = 1; r < ZOS_AES256_ROUNDS; r++) {
		sub_bytes(s);
		shift_rows(s);
		mix_columns(s);
		add_round_key(s, a->rk + 16 * r);
	}
	sub_bytes(s);
	shift_rows(s);
	add_round_key(s, a->rk + 16 * ZOS_AES256_ROUNDS);
	for (int i = 0; i < 16; i++)
		out[i] = s[i];
	zos_ct_wipe(s, sizeof s);
}
