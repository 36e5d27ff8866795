/*
 * Keccak-f[1600] and the sponge of FIPS 202 (see sha3.h).
 *
 * The state is 25 64-bit lanes A[x + 5y]; a message byte at offset i of a
 * block is XORed into lane i / 8 at bit 8 * (i % 8) (FIPS 202's bit order
 * makes lanes little-endian). Each round: theta (column parities), rho
 * and pi (rotate every lane by its fixed offset and move it to
 * (y, 2x + 3y)), chi (the one nonlinear step), iota (a round constant into
 * lane 0). Offsets and positions are constants: no index depends on the
 * data.
 */
#include "lib/crypto/sha3.h"

#include "lib/crypto/ct.h"

static const uint64_t round_constants[24] = {
	0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
	0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
	0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
	0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
	0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
	0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull,
};

static inline uint64_t rotl(uint64_t v, unsigned r)
{
	return (v << r) | (v >> ((64 - r) & 63));
}

/* chi on one row of five lanes */
static inline void chi(uint64_t *row, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4)
{
	row[0] = x0 ^ (~x1 & x2);
	row[1] = x1 ^ (~x2 & x3);
	row[2] = x2 ^ (~x3 & x4);
	row[3] = x3 ^ (~x4 & x0);
	row[4] = x4 ^ (~x0 & x1);
}

/*
 * One round per pass: theta's column parities c and corrections d; then
 * theta's XOR, rho and pi as one gather (lane b_i of the result row is
 * input lane (x, y) moved by pi to (y, 2x + 3y), rotated by rho's offset
 * for (x, y): the constants below are those positions and offsets); then
 * chi row by row and iota. Written out so that every rotation is a
 * constant and the lanes can stay in registers.
 */
void zos_keccak_f1600(uint64_t a[25])
{
	for (int round = 0; round < 24; round++) {
		uint64_t c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20], c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21];
		uint64_t c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22], c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23];
		uint64_t c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24];
		uint64_t d0 = c4 ^ rotl(c1, 1), d1 = c0 ^ rotl(c2, 1), d2 = c1 ^ rotl(c3, 1);
		uint64_t d3 = c2 ^ rotl(c4, 1), d4 = c3 ^ rotl(c0, 1);
		uint64_t b0 = a[0] ^ d0, b1 = rotl(a[6] ^ d1, 44), b2 = rotl(a[12] ^ d2, 43);
		uint64_t b3 = rotl(a[18] ^ d3, 21), b4 = rotl(a[24] ^ d4, 14);
		uint64_t b5 = rotl(a[3] ^ d3, 28), b6 = rotl(a[9] ^ d4, 20), b7 = rotl(a[10] ^ d0, 3);
		uint64_t b8 = rotl(a[16] ^ d1, 45), b9 = rotl(a[22] ^ d2, 61);
		uint64_t b10 = rotl(a[1] ^ d1, 1), b11 = rotl(a[7] ^ d2, 6), b12 = rotl(a[13] ^ d3, 25);
		uint64_t b13 = rotl(a[19] ^ d4, 8), b14 = rotl(a[20] ^ d0, 18);
		uint64_t b15 = rotl(a[4] ^ d4, 27), b16 = rotl(a[5] ^ d0, 36), b17 = rotl(a[11] ^ d1, 10);
		uint64_t b18 = rotl(a[17] ^ d2, 15), b19 = rotl(a[23] ^ d3, 56);
		uint64_t b20 = rotl(a[2] ^ d2, 62), b21 = rotl(a[8] ^ d3, 55), b22 = rotl(a[14] ^ d4, 39);
		uint64_t b23 = rotl(a[15] ^ d0, 41), b24 = rotl(a[21] ^ d1, 2);

		chi(a, b0, b1, b2, b3, b4);
		chi(a + 5, b5, b6, b7, b8, b9);
		chi(a + 10, b10, b11, b12, b13, b14);
		chi(a + 15, b15, b16, b17, b18, b19);
		chi(a + 20, b20, b21, b22, b23, b24);
		a[0] ^= round_constants[round];
	}
}

static void init(struct zos_keccak *c, uint32_t rate, uint8_t pad)
{
	for (int i = 0; i < 25; i++)
		c->s[i] = 0;
	c->rate = rate;
	c->pos = 0;
	c->pad = pad;
	c->squeezing = 0;
}

void zos_shake128_init(struct zos_keccak *c)
{
	init(c, ZOS_SHAKE128_RATE, 0x1f);
}

void zos_shake256_init(struct zos_keccak *c)
{
	init(c, ZOS_SHAKE256_RATE, 0x1f);
}

void zos_sha3_256_init(struct zos_keccak *c)
{
	init(c, ZOS_SHA3_256_RATE, 0x06);
}

void zos_sha3_512_init(struct zos_keccak *c)
{
	init(c, ZOS_SHA3_512_RATE, 0x06);
}

static inline void xor_byte(struct zos_keccak *c, uint32_t i, uint8_t v)
{
	c->s[i / 8] ^= (uint64_t)v << (8 * (i % 8));
}

static inline uint64_t load64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

void zos_keccak_absorb(struct zos_keccak *c, const void *data, size_t n)
{
	const uint8_t *p = data;

	while (n) {
		/* whole lanes when aligned to one: the common case for long inputs */
		if (c->pos % 8 == 0 && n >= 8 && c->pos + 8 <= c->rate) {
			c->s[c->pos / 8] ^= load64(p);
			c->pos += 8;
			p += 8;
			n -= 8;
		} else {
			xor_byte(c, c->pos++, *p++);
			n--;
		}
		if (c->pos == c->rate) {
			zos_keccak_f1600(c->s);
			c->pos = 0;
		}
	}
}

void zos_keccak_squeeze(struct zos_keccak *c, uint8_t *out, size_t n)
{
	if (!c->squeezing) {
		xor_byte(c, c->pos, c->pad);
		xor_byte(c, c->rate - 1, 0x80);
		zos_keccak_f1600(c->s);
		c->pos = 0;
		c->squeezing = 1;
	}
	while (n) {
		if (c->pos == c->rate) {
			zos_keccak_f1600(c->s);
			c->pos = 0;
		}
		if (c->pos % 8 == 0 && n >= 8 && c->pos + 8 <= c->rate) {
			uint64_t v = c->s[c->pos / 8]; /* a whole lane at once */

			for (int i = 0; i < 8; i++)
				out[i] = (uint8_t)(v >> (8 * i));
			out += 8;
			c->pos += 8;
			n -= 8;
			continue;
		}
		*out++ = (uint8_t)(c->s[c->pos / 8] >> (8 * (c->pos % 8)));
		c->pos++;
		n--;
	}
}

void zos_keccak_wipe(struct zos_keccak *c)
{
	zos_ct_wipe(c, sizeof *c);
}

static void oneshot(struct zos_keccak *c, uint8_t *out, size_t out_len, const void *data, size_t n)
{
	zos_keccak_absorb(c, data, n);
	zos_keccak_squeeze(c, out, out_len);
	zos_keccak_wipe(c);
}

void zos_sha3_256(uint8_t out[ZOS_SHA3_256_SIZE], const void *data, size_t n)
{
	struct zos_keccak c;

	zos_sha3_256_init(&c);
	oneshot(&c, out, ZOS_SHA3_256_SIZE, data, n);
}

void zos_sha3_512(uint8_t out[ZOS_SHA3_512_SIZE], const void *data, size_t n)
{
	struct zos_keccak c;

	zos_sha3_512_init(&c);
	oneshot(&c, out, ZOS_SHA3_512_SIZE, data, n);
}

void zos_shake128(uint8_t *out, size_t out_len, const void *data, size_t n)
{
	struct zos_keccak c;

	zos_shake128_init(&c);
	oneshot(&c, out, out_len, data, n);
}

void zos_shake256(uint8_t *out, size_t out_len, const void *data, size_t n)
{
	struct zos_keccak c;

	zos_shake256_init(&c);
	oneshot(&c, out, out_len, data, n);
}
