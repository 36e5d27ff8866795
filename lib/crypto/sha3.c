/*
 * Keccak-f[1600] and the sponge of FIPS 202 (see sha3.h).
 *
 * The state is 25 64-bit lanes A[x + 5y]; a message byte at offset i of a
 * block is XORed into lane i / 8 at bit 8 * (i % 8) (FIPS 202's bit order
 * makes lanes little-endian). Each round: theta (column parities), rho
 * and pi (rotate every lane by its fixed offset and move it to
 * (y, 2x + 3y)), chi (the one nonlinear step), iota (a round constant into
 * lane 0). Offsets and positions are public constants: no index depends
 * on the data.
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

/* rho and pi folded into one gather: lane d of the result is lane
 * pi_source[d] of the input rotated left by pi_rotation[d] (FIPS 202's pi
 * sends (x, y) to (y, 2x + 3y); the rotation is rho's offset for (x, y)). */
static const uint8_t pi_source[25] = {
	0, 6, 12, 18, 24, 3, 9, 10, 16, 22, 1, 7, 13, 19, 20, 4, 5, 11, 17, 23, 2, 8, 14, 15, 21,
};
static const uint8_t pi_rotation[25] = {
	0, 44, 43, 21, 14, 28, 20, 3, 45, 61, 1, 6, 25, 8, 18, 27, 36, 10, 15, 56, 62, 55, 39, 41, 2,
};

static inline uint64_t rotl(uint64_t v, unsigned r)
{
	return (v << r) | (v >> ((64 - r) & 63));
}

void zos_keccak_f1600(uint64_t a[25])
{
	uint64_t b[25];

	for (int round = 0; round < 24; round++) {
		/* theta: each lane takes the parities of its two neighbouring columns */
		uint64_t c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20], c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21];
		uint64_t c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22], c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23];
		uint64_t c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24];
		uint64_t d[5] = { c4 ^ rotl(c1, 1), c0 ^ rotl(c2, 1), c1 ^ rotl(c3, 1), c2 ^ rotl(c4, 1),
				  c3 ^ rotl(c0, 1) };

		for (int i = 0; i < 25; i++)
			a[i] ^= d[i % 5];
		for (int i = 0; i < 25; i++)
			b[i] = rotl(a[pi_source[i]], pi_rotation[i]);
		/* chi, row by row */
		for (int y = 0; y < 25; y += 5) {
			a[y + 0] = b[y + 0] ^ (~b[y + 1] & b[y + 2]);
			a[y + 1] = b[y + 1] ^ (~b[y + 2] & b[y + 3]);
			a[y + 2] = b[y + 2] ^ (~b[y + 3] & b[y + 4]);
			a[y + 3] = b[y + 3] ^ (~b[y + 4] & b[y + 0]);
			a[y + 4] = b[y + 4] ^ (~b[y + 0] & b[y + 1]);
		}
		a[0] ^= round_constants[round];
	}
	zos_ct_wipe(b, sizeof b);
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
