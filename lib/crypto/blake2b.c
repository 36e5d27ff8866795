/*
 * BLAKE2b, RFC 7693 sections 2 and 3: twelve rounds of the G mixing
 * function over a 16-word state per 128-byte block. The last block is
 * compressed only in final (flag f0 set), so update keeps a full block
 * pending rather than compressing it eagerly.
 */
#include "lib/crypto/blake2b.h"

#include <zos/error.h>

#include "lib/crypto/ct.h"

static const uint64_t iv[8] = {
	0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
	0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
};

/* Message word schedule, RFC 7693 section 2.7 (rounds 10 and 11 reuse 0 and 1). */
static const uint8_t sigma[10][16] = {
	{ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 },
	{ 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3 },
	{ 11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4 },
	{ 7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8 },
	{ 9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13 },
	{ 2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9 },
	{ 12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11 },
	{ 13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10 },
	{ 6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5 },
	{ 10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0 },
};

static inline uint64_t rotr64(uint64_t x, int n)
{
	return (x >> n) | (x << (64 - n));
}

static uint64_t load64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

static void wipe_words(volatile uint64_t *w, int n);

#define G(a, b, c, d, x, y)                        \
	do {                                       \
		v[a] = v[a] + v[b] + (x);          \
		v[d] = rotr64(v[d] ^ v[a], 32);    \
		v[c] = v[c] + v[d];                \
		v[b] = rotr64(v[b] ^ v[c], 24);    \
		v[a] = v[a] + v[b] + (y);          \
		v[d] = rotr64(v[d] ^ v[a], 16);    \
		v[c] = v[c] + v[d];                \
		v[b] = rotr64(v[b] ^ v[c], 63);    \
	} while (0)

#define ROUND(r)                                                          \
	do {                                                              \
		G(0, 4, 8, 12, m[sigma[r][0]], m[sigma[r][1]]);           \
		G(1, 5, 9, 13, m[sigma[r][2]], m[sigma[r][3]]);           \
		G(2, 6, 10, 14, m[sigma[r][4]], m[sigma[r][5]]);          \
		G(3, 7, 11, 15, m[sigma[r][6]], m[sigma[r][7]]);          \
		G(0, 5, 10, 15, m[sigma[r][8]], m[sigma[r][9]]);          \
		G(1, 6, 11, 12, m[sigma[r][10]], m[sigma[r][11]]);        \
		G(2, 7, 8, 13, m[sigma[r][12]], m[sigma[r][13]]);         \
		G(3, 4, 9, 14, m[sigma[r][14]], m[sigma[r][15]]);         \
	} while (0)

static void compress(struct zos_blake2b *c, const uint8_t block[128], int last)
{
	uint64_t m[16], v[16];

	for (int i = 0; i < 16; i++)
		m[i] = load64(block + 8 * i);
	for (int i = 0; i < 8; i++) {
		v[i] = c->h[i];
		v[i + 8] = iv[i];
	}
	v[12] ^= c->t[0];
	v[13] ^= c->t[1];
	v[14] ^= 0 - (uint64_t)last;
	/* Rounds written out so sigma's indexes are compile-time constants and
	 * the message words stay in registers. */
	ROUND(0); ROUND(1); ROUND(2); ROUND(3); ROUND(4); ROUND(5);
	ROUND(6); ROUND(7); ROUND(8); ROUND(9); ROUND(0); ROUND(1);
	for (int i = 0; i < 8; i++)
		c->h[i] ^= v[i] ^ v[i + 8];
	wipe_words(m, 16);
	wipe_words(v, 16);
}

/* Per-block scratch is wiped word by word: zos_ct_wipe's byte loop would
 * cost as much as the compression itself. volatile keeps the stores. */
static void wipe_words(volatile uint64_t *w, int n)
{
	for (int i = 0; i < n; i++)
		w[i] = 0;
}

static void add_counter(struct zos_blake2b *c, uint64_t n)
{
	c->t[0] += n;
	c->t[1] += c->t[0] < n;
}

int zos_blake2b_init(struct zos_blake2b *c, size_t outlen, const void *key, size_t keylen)
{
	if (outlen == 0 || outlen > ZOS_BLAKE2B_OUTBYTES || keylen > ZOS_BLAKE2B_KEYBYTES ||
	    (keylen && !key))
		return ZOS_ERR_INVALID_ARGUMENT;
	for (int i = 0; i < 8; i++)
		c->h[i] = iv[i];
	/* Parameter block: digest length, key length, fanout 1, depth 1. */
	c->h[0] ^= 0x01010000ull ^ ((uint64_t)keylen << 8) ^ outlen;
	c->t[0] = c->t[1] = 0;
	c->buflen = 0;
	c->outlen = outlen;
	for (size_t i = 0; i < sizeof c->buf; i++)
		c->buf[i] = 0;
	if (keylen) {
		const uint8_t *k = key;

		for (size_t i = 0; i < keylen; i++)
			c->buf[i] = k[i];
		c->buflen = ZOS_BLAKE2B_BLOCKBYTES; /* the key is a whole first block */
	}
	return ZOS_OK;
}

void zos_blake2b_update(struct zos_blake2b *c, const void *data, size_t n)
{
	const uint8_t *p = data;

	while (n > 0) {
		size_t take;

		if (c->buflen == ZOS_BLAKE2B_BLOCKBYTES) { /* more input: the pending block is not last */
			add_counter(c, ZOS_BLAKE2B_BLOCKBYTES);
			compress(c, c->buf, 0);
			c->buflen = 0;
		}
		if (c->buflen == 0 && n > ZOS_BLAKE2B_BLOCKBYTES) { /* whole blocks, not last */
			add_counter(c, ZOS_BLAKE2B_BLOCKBYTES);
			compress(c, p, 0);
			p += ZOS_BLAKE2B_BLOCKBYTES;
			n -= ZOS_BLAKE2B_BLOCKBYTES;
			continue;
		}
		take = ZOS_BLAKE2B_BLOCKBYTES - c->buflen;
		if (take > n)
			take = n;
		for (size_t i = 0; i < take; i++)
			c->buf[c->buflen + i] = p[i];
		c->buflen += take;
		p += take;
		n -= take;
	}
}

void zos_blake2b_final(struct zos_blake2b *c, uint8_t *out)
{
	add_counter(c, c->buflen);
	for (size_t i = c->buflen; i < ZOS_BLAKE2B_BLOCKBYTES; i++)
		c->buf[i] = 0;
	compress(c, c->buf, 1);
	for (size_t i = 0; i < c->outlen; i++)
		out[i] = (uint8_t)(c->h[i / 8] >> (8 * (i % 8)));
	zos_ct_wipe(c, sizeof *c);
}

int zos_blake2b(uint8_t *out, size_t outlen, const void *data, size_t n, const void *key, size_t keylen)
{
	struct zos_blake2b c;
	int rc = zos_blake2b_init(&c, outlen, key, keylen);

	if (rc != ZOS_OK)
		return rc;
	zos_blake2b_update(&c, data, n);
	zos_blake2b_final(&c, out);
	return ZOS_OK;
}
