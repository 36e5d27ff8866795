/*
 * ChaCha20 per RFC 8439: the state is the four constants, the key as eight
 * little-endian words, the counter and the nonce as three words; 20 rounds
 * (10 column + diagonal double rounds); the input state is added back.
 * The working state and key-stream block are wiped after use.
 */
#include "lib/crypto/chacha20.h"
#include "lib/crypto/ct.h"

static uint32_t load_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t rol(uint32_t x, unsigned n) { return (x << n) | (x >> (32 - n)); }

#define QR(a, b, c, d)                       \
	do {                                 \
		a += b, d ^= a, d = rol(d, 16); \
		c += d, b ^= c, b = rol(b, 12); \
		a += b, d ^= a, d = rol(d, 8);  \
		c += d, b ^= c, b = rol(b, 7);  \
	} while (0)

void zos_chacha20_block(const uint8_t key[ZOS_CHACHA20_KEY], uint32_t counter,
			const uint8_t nonce[ZOS_CHACHA20_NONCE], uint8_t out[ZOS_CHACHA20_BLOCK])
{
	uint32_t in[16], x[16];

	in[0] = 0x61707865, in[1] = 0x3320646e, in[2] = 0x79622d32, in[3] = 0x6b206574;
	for (int i = 0; i < 8; i++)
		in[4 + i] = load_le32(key + 4 * i);
	in[12] = counter;
	for (int i = 0; i < 3; i++)
		in[13 + i] = load_le32(nonce + 4 * i);
	for (int i = 0; i < 16; i++)
		x[i] = in[i];
	for (int r = 0; r < 10; r++) {
		QR(x[0], x[4], x[8], x[12]);
		QR(x[1], x[5], x[9], x[13]);
		QR(x[2], x[6], x[10], x[14]);
		QR(x[3], x[7], x[11], x[15]);
		QR(x[0], x[5], x[10], x[15]);
		QR(x[1], x[6], x[11], x[12]);
		QR(x[2], x[7], x[8], x[13]);
		QR(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++) {
		uint32_t v = x[i] + in[i];
		out[4 * i] = (uint8_t)v;
		out[4 * i + 1] = (uint8_t)(v >> 8);
		out[4 * i + 2] = (uint8_t)(v >> 16);
		out[4 * i + 3] = (uint8_t)(v >> 24);
	}
	zos_ct_wipe(in, sizeof in);
	zos_ct_wipe(x, sizeof x);
}

void zos_chacha20_xor(const uint8_t key[ZOS_CHACHA20_KEY], uint32_t counter,
		      const uint8_t nonce[ZOS_CHACHA20_NONCE], const uint8_t *in, uint8_t *out, size_t n)
{
	uint8_t ks[ZOS_CHACHA20_BLOCK];

	while (n > 0) {
		size_t take = n < sizeof ks ? n : sizeof ks;

		zos_chacha20_block(key, counter++, nonce, ks);
		for (size_t i = 0; i < take; i++)
			out[i] = in[i] ^ ks[i];
		in += take;
		out += take;
		n -= take;
	}
	zos_ct_wipe(ks, sizeof ks);
}
