/*
 * ChaCha20 (RFC 8439; see chacha20.h). The state is the four constants,
 * the key, the counter and the nonce as little-endian words; 20 rounds
 * (10 column + diagonal double rounds), then the input state is added.
 */
#include "lib/crypto/chacha20.h"

#include <zos/error.h>

#include "lib/crypto/ct.h"

static uint32_t rotl(uint32_t x, unsigned n)
{
	return (x << n) | (x >> (32 - n));
}

static uint32_t load_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#define QR(a, b, c, d)                       \
	do {                                 \
		a += b; d = rotl(d ^ a, 16); \
		c += d; b = rotl(b ^ c, 12); \
		a += b; d = rotl(d ^ a, 8);  \
		c += d; b = rotl(b ^ c, 7);  \
	} while (0)

static void setup(uint32_t s[16], const uint8_t key[32], uint32_t counter, const uint8_t nonce[12])
{
	/* "expand 32-byte k" as four little-endian words. */
	s[0] = 0x61707865u;
	s[1] = 0x3320646eu;
	s[2] = 0x79622d32u;
	s[3] = 0x6b206574u;
	for (int i = 0; i < 8; i++)
		s[4 + i] = load_le32(key + 4 * i);
	s[12] = counter;
	for (int i = 0; i < 3; i++)
		s[13 + i] = load_le32(nonce + 4 * i);
}

/* One block from the state s (whose counter the caller sets). */
static void block_words(uint32_t x[16], const uint32_t s[16])
{
	for (int i = 0; i < 16; i++)
		x[i] = s[i];
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
	for (int i = 0; i < 16; i++)
		x[i] += s[i];
}

void zos_chacha20_block(uint8_t out[ZOS_CHACHA20_BLOCK_SIZE], const uint8_t key[ZOS_CHACHA20_KEY_SIZE],
			uint32_t counter, const uint8_t nonce[ZOS_CHACHA20_NONCE_SIZE])
{
	uint32_t s[16], x[16];

	setup(s, key, counter, nonce);
	block_words(x, s);
	for (int i = 0; i < 16; i++)
		for (int j = 0; j < 4; j++)
			out[4 * i + j] = (uint8_t)(x[i] >> (8 * j));
	zos_ct_wipe(s, sizeof s);
	zos_ct_wipe(x, sizeof x);
}

#if defined(__GNUC__)
/*
 * Four blocks at once: word i of blocks b..b+3 in one 4-lane vector (GNU C
 * vector extension; SSE2 / wasm SIMD where the target has it, plain
 * scalar code where it does not, such as the SSE-less kernel build). Same
 * rounds, same output as block_words on each lane.
 */
typedef uint32_t v4u32 __attribute__((vector_size(16)));

#define V_ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define V_QR(a, b, c, d)                          \
	do {                                      \
		a += b; d = V_ROTL(d ^ a, 16);    \
		c += d; b = V_ROTL(b ^ c, 12);    \
		a += b; d = V_ROTL(d ^ a, 8);     \
		c += d; b = V_ROTL(b ^ c, 7);     \
	} while (0)

/* out[0..256) = in ^ four key-stream blocks from s (counter s[12]); x and
 * o are the caller's scratch, wiped once at its end (a wipe per call
 * cost more than the rounds). */
static void four_blocks(uint8_t *out, const uint8_t *in, const uint32_t s[16], v4u32 x[16], v4u32 o[16])
{

	for (int i = 0; i < 16; i++) {
		v4u32 v = { s[i], s[i], s[i], s[i] };
		o[i] = v;
	}
	o[12] += (v4u32){ 0, 1, 2, 3 };
	for (int i = 0; i < 16; i++)
		x[i] = o[i];
	for (int r = 0; r < 10; r++) {
		V_QR(x[0], x[4], x[8], x[12]);
		V_QR(x[1], x[5], x[9], x[13]);
		V_QR(x[2], x[6], x[10], x[14]);
		V_QR(x[3], x[7], x[11], x[15]);
		V_QR(x[0], x[5], x[10], x[15]);
		V_QR(x[1], x[6], x[11], x[12]);
		V_QR(x[2], x[7], x[8], x[13]);
		V_QR(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++)
		x[i] += o[i];
	for (int b = 0; b < 4; b++)
		for (int i = 0; i < 16; i++) {
			uint32_t w = x[i][b];
			uint8_t *p = out + 64 * b + 4 * i;

			if (in)
				w ^= load_le32(in + 64 * b + 4 * i);
			p[0] = (uint8_t)w;
			p[1] = (uint8_t)(w >> 8);
			p[2] = (uint8_t)(w >> 16);
			p[3] = (uint8_t)(w >> 24);
		}
}
#endif

int zos_chacha20_xor(uint8_t *out, const uint8_t *in, size_t n, const uint8_t key[ZOS_CHACHA20_KEY_SIZE],
		     const uint8_t nonce[ZOS_CHACHA20_NONCE_SIZE], uint32_t counter)
{
	uint32_t s[16], x[16];
	uint64_t blocks = ((uint64_t)n + 63) / 64;

	if (blocks > (1ull << 32) - counter)
		return ZOS_ERR_INVALID_ARGUMENT;
	setup(s, key, counter, nonce);
#if defined(__GNUC__)
	if (n >= 256) {
		v4u32 vx[16], vo[16];

		for (; n >= 256; n -= 256, out += 256, in = in ? in + 256 : 0, s[12] += 4)
			four_blocks(out, in, s, vx, vo);
		zos_ct_wipe(vx, sizeof vx);
		zos_ct_wipe(vo, sizeof vo);
	}
#endif
	while (n > 0) {
		size_t take = n < 64 ? n : 64;

		block_words(x, s);
		for (size_t i = 0; i < take; i++) {
			uint8_t k = (uint8_t)(x[i / 4] >> (8 * (i % 4)));
			out[i] = in ? (uint8_t)(in[i] ^ k) : k;
		}
		s[12]++;
		out += take;
		if (in)
			in += take;
		n -= take;
	}
	zos_ct_wipe(s, sizeof s);
	zos_ct_wipe(x, sizeof x);
	return ZOS_OK;
}
