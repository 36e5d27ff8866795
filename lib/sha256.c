/*
 * SHA-256, written from FIPS 180-4 (see sha256.h).
 *
 * The round constants are the first 32 bits of the fractional parts of the
 * cube roots of the first 64 primes, the initial hash those of the square
 * roots of the first 8; both tables were computed, not copied.
 *
 * Invariant between calls: buf holds buf_len < 64 bytes that have not yet
 * been compressed, and total counts every byte given to update, so the
 * result never depends on how the input was split into chunks. final
 * consumes the context: call init again before reusing it.
 */
#include "lib/sha256.h"

#include "lib/mem.h"

static const uint32_t K[64] = {
	0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u,
	0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
	0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u,
	0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
	0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu,
	0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
	0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u,
	0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
	0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u,
	0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
	0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u,
	0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
	0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u,
	0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
	0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u,
	0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

static const uint32_t H0[8] = {
	0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
	0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};

static uint32_t ror(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static uint32_t load_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The message schedule, FIPS 180-4 section 6.2.2 step 1. */
static void schedule(uint32_t w[64], const uint8_t block[ZOS_SHA256_BLOCK])
{
	for (int t = 0; t < 16; t++)
		w[t] = load_be32(block + 4 * t);
	for (int t = 16; t < 64; t++) {
		uint32_t s0 = ror(w[t - 15], 7) ^ ror(w[t - 15], 18) ^ (w[t - 15] >> 3);
		uint32_t s1 = ror(w[t - 2], 17) ^ ror(w[t - 2], 19) ^ (w[t - 2] >> 10);
		w[t] = s1 + w[t - 7] + s0 + w[t - 16];
	}
}

/* One block into the hash state; a..h are the standard's working variables. */
static void compress(uint32_t state[8], const uint8_t block[ZOS_SHA256_BLOCK])
{
	uint32_t w[64], a, b, c, d, e, f, g, h;

	schedule(w, block);
	a = state[0]; b = state[1]; c = state[2]; d = state[3];
	e = state[4]; f = state[5]; g = state[6]; h = state[7];
	for (int t = 0; t < 64; t++) {
		uint32_t t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
		uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		h = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	state[0] += a; state[1] += b; state[2] += c; state[3] += d;
	state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

void zos_sha256_init(struct zos_sha256 *c)
{
	for (int i = 0; i < 8; i++)
		c->h[i] = H0[i];
	c->total = 0;
	c->buf_len = 0;
}

void zos_sha256_update(struct zos_sha256 *c, const void *data, size_t n)
{
	const uint8_t *p = data;

	if (n == 0)
		return; /* data may be null then: no pointer arithmetic on it */
	c->total += n;
	if (c->buf_len) {
		/* One copy, not a byte loop: a commit's hash always starts with a
		 * 14-byte domain, so its whole body passes through here. */
		size_t take = ZOS_SHA256_BLOCK - c->buf_len < n ? ZOS_SHA256_BLOCK - c->buf_len : n;

		zos_memcpy(c->buf + c->buf_len, p, take);
		c->buf_len += (uint32_t)take;
		p += take;
		n -= take;
		if (c->buf_len < ZOS_SHA256_BLOCK)
			return;
		compress(c->h, c->buf);
		c->buf_len = 0;
	}
	/* Whole blocks straight from the caller's memory: no copy. */
	for (; n >= ZOS_SHA256_BLOCK; n -= ZOS_SHA256_BLOCK, p += ZOS_SHA256_BLOCK)
		compress(c->h, p);
	zos_memcpy(c->buf, p, n);
	c->buf_len += (uint32_t)n;
}

static void zero_to(struct zos_sha256 *c, uint32_t end)
{
	if (c->buf_len < end) {
		zos_memset(c->buf + c->buf_len, 0, end - c->buf_len);
		c->buf_len = end;
	}
}

/* Padding (section 5.1.1): a 1 bit, zeros, and the message length in bits
 * as the last 8 bytes of a block; a second block is needed when fewer than
 * 8 bytes are left after the 1 bit. */
static void pad(struct zos_sha256 *c)
{
	uint64_t bits = c->total * 8;

	c->buf[c->buf_len++] = 0x80;
	if (c->buf_len > ZOS_SHA256_BLOCK - 8) {
		zero_to(c, ZOS_SHA256_BLOCK);
		compress(c->h, c->buf);
		c->buf_len = 0;
	}
	zero_to(c, ZOS_SHA256_BLOCK - 8);
	for (int i = 7; i >= 0; i--)
		c->buf[c->buf_len++] = (uint8_t)(bits >> (8 * i));
	compress(c->h, c->buf);
	c->buf_len = 0;
}

void zos_sha256_final(struct zos_sha256 *c, uint8_t out[ZOS_SHA256_SIZE])
{
	pad(c);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (uint8_t)(c->h[i] >> 24);
		out[4 * i + 1] = (uint8_t)(c->h[i] >> 16);
		out[4 * i + 2] = (uint8_t)(c->h[i] >> 8);
		out[4 * i + 3] = (uint8_t)c->h[i];
	}
}

void zos_sha256(const void *data, size_t n, uint8_t out[ZOS_SHA256_SIZE])
{
	struct zos_sha256 c;

	zos_sha256_init(&c);
	zos_sha256_update(&c, data, n);
	zos_sha256_final(&c, out);
}
