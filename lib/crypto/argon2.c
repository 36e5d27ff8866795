/*
 * Argon2id, RFC 9106, step for step:
 *   H0 from the inputs (3.2 step 1); the first two blocks of each lane from
 *   H' (the variable-length hash of 3.3); every later block the compression
 *   function G (3.5, built on the BLAKE2b round with the multiply-hardened
 *   GB of 3.6) of the previous block and a reference block chosen as in
 *   3.4 (data-independent addresses in the first two slices of the first
 *   pass, data-dependent after); the tag H' of the XOR of the lanes' last
 *   blocks.
 * Blocks are 128 little-endian 64-bit words; the state lives in the
 * caller's buffer as lanes * q consecutive blocks, lane-major.
 */
#include "lib/crypto/argon2.h"

#include <zos/error.h>

#include "lib/crypto/blake2b.h"
#include "lib/crypto/ct.h"

#define QWORDS 128
#define SLICES 4
#define ARGON2_VERSION 0x13
#define ARGON2_ID 2

typedef struct {
	uint64_t v[QWORDS];
} block;

struct run {
	block *mem;
	uint32_t lanes, q, seglen, passes, mprime;
};

static void store32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void hash_le32(struct zos_blake2b *c, uint32_t v)
{
	uint8_t b[4];

	store32(b, v);
	zos_blake2b_update(c, b, 4);
}

/* H'^T(in1 || in2), RFC 9106 3.3. */
static void hprime(uint8_t *out, uint32_t outlen, const uint8_t *in1, size_t n1, const uint8_t *in2,
		   size_t n2)
{
	struct zos_blake2b c;
	uint8_t v[64];

	zos_blake2b_init(&c, outlen <= 64 ? outlen : 64, 0, 0);
	hash_le32(&c, outlen);
	zos_blake2b_update(&c, in1, n1);
	zos_blake2b_update(&c, in2, n2);
	if (outlen <= 64) {
		zos_blake2b_final(&c, out);
		return;
	}
	zos_blake2b_final(&c, v);
	uint32_t r = (outlen + 31) / 32 - 2, pos = 0;
	for (uint32_t i = 0; i < 32; i++)
		out[pos++] = v[i];
	for (uint32_t i = 2; i <= r; i++) {
		zos_blake2b(v, 64, v, 64, 0, 0);
		for (uint32_t j = 0; j < 32; j++)
			out[pos++] = v[j];
	}
	zos_blake2b(out + pos, outlen - 32 * r, v, 64, 0, 0);
	zos_ct_wipe(v, sizeof v);
}

static inline uint64_t rotr64(uint64_t x, int n)
{
	return (x >> n) | (x << (64 - n));
}

static inline uint64_t fBlaMka(uint64_t x, uint64_t y)
{
	return x + y + 2 * (uint64_t)(uint32_t)x * (uint32_t)y;
}

#define GB(a, b, c, d)                               \
	do {                                         \
		a = fBlaMka(a, b);                   \
		d = rotr64(d ^ a, 32);               \
		c = fBlaMka(c, d);                   \
		b = rotr64(b ^ c, 24);               \
		a = fBlaMka(a, b);                   \
		d = rotr64(d ^ a, 16);               \
		c = fBlaMka(c, d);                   \
		b = rotr64(b ^ c, 63);               \
	} while (0)

/* The permutation P of RFC 9106 3.6 on sixteen 64-bit words, named as
 * lvalues so rows and columns are permuted in place. */
#define PERMUTE(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15) \
	do {                                                                           \
		GB(v0, v4, v8, v12);                                                   \
		GB(v1, v5, v9, v13);                                                   \
		GB(v2, v6, v10, v14);                                                  \
		GB(v3, v7, v11, v15);                                                  \
		GB(v0, v5, v10, v15);                                                  \
		GB(v1, v6, v11, v12);                                                  \
		GB(v2, v7, v8, v13);                                                   \
		GB(v3, v4, v9, v14);                                                   \
	} while (0)

/* out = G(x, y), or out ^= G(x, y) when xor_into (passes after the first). */
static void compress(block *out, const block *x, const block *y, int xor_into)
{
	block r, z;
	uint64_t *w = z.v;

	for (int i = 0; i < QWORDS; i++)
		r.v[i] = z.v[i] = x->v[i] ^ y->v[i];
	for (int i = 0; i < 8; i++) { /* rows: registers 8 i .. 8 i + 7, words 16 i .. 16 i + 15 */
		uint64_t *q = w + 16 * i;
		PERMUTE(q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[7], q[8], q[9], q[10], q[11], q[12],
			q[13], q[14], q[15]);
	}
	for (int i = 0; i < 8; i++) { /* columns: registers i, i + 8, ..., words 2 i + 16 j (+1) */
		uint64_t *q = w + 2 * i;
		PERMUTE(q[0], q[1], q[16], q[17], q[32], q[33], q[48], q[49], q[64], q[65], q[80], q[81],
			q[96], q[97], q[112], q[113]);
	}
	if (xor_into)
		for (int i = 0; i < QWORDS; i++)
			out->v[i] ^= z.v[i] ^ r.v[i];
	else
		for (int i = 0; i < QWORDS; i++)
			out->v[i] = z.v[i] ^ r.v[i];
}

static void block_from_bytes(block *b, const uint8_t *p)
{
	for (int i = 0; i < QWORDS; i++) {
		uint64_t v = 0;
		for (int j = 7; j >= 0; j--)
			v = (v << 8) | p[8 * i + j];
		b->v[i] = v;
	}
}

static void block_to_bytes(uint8_t *p, const block *b)
{
	for (int i = 0; i < QWORDS; i++)
		for (int j = 0; j < 8; j++)
			p[8 * i + j] = (uint8_t)(b->v[i] >> (8 * j));
}

/* The next block of pseudo-random addresses (3.4.1.2): G(0, G(0, Z)). */
static void next_addresses(block *addr, block *input)
{
	block zero, tmp;

	for (int i = 0; i < QWORDS; i++)
		zero.v[i] = 0;
	input->v[6]++;
	compress(&tmp, &zero, input, 0);
	compress(addr, &zero, &tmp, 0);
}

/* Fills one segment (lane `lane`, slice `slice` of pass `pass`). */
static void fill_segment(const struct run *w, uint32_t pass, uint32_t lane, uint32_t slice)
{
	block addr, input;
	int indep = pass == 0 && slice < SLICES / 2;
	uint32_t start = (pass == 0 && slice == 0) ? 2 : 0;

	if (indep) {
		for (int i = 0; i < QWORDS; i++)
			input.v[i] = 0;
		input.v[0] = pass;
		input.v[1] = lane;
		input.v[2] = slice;
		input.v[3] = w->mprime;
		input.v[4] = w->passes;
		input.v[5] = ARGON2_ID;
		if (start != 0)
			next_addresses(&addr, &input);
	}
	for (uint32_t i = start; i < w->seglen; i++) {
		uint32_t col = slice * w->seglen + i;
		uint32_t prev = col == 0 ? w->q - 1 : col - 1;
		block *cur = &w->mem[(size_t)lane * w->q + col];
		const block *pb = &w->mem[(size_t)lane * w->q + prev];
		uint64_t rnd, area, x, y, rel, startpos;
		uint32_t ref_lane;

		if (indep) {
			if (i % QWORDS == 0)
				next_addresses(&addr, &input);
			rnd = addr.v[i % QWORDS];
		} else {
			rnd = pb->v[0];
		}
		ref_lane = (uint32_t)((rnd >> 32) % w->lanes);
		if (pass == 0 && slice == 0)
			ref_lane = lane;
		if (ref_lane == lane)
			area = (pass == 0 ? slice * w->seglen : w->q - w->seglen) + i - 1;
		else
			area = (pass == 0 ? slice * w->seglen : w->q - w->seglen) - (i == 0 ? 1 : 0);
		x = ((rnd & 0xFFFFFFFFull) * (rnd & 0xFFFFFFFFull)) >> 32;
		y = (area * x) >> 32;
		rel = area - 1 - y;
		startpos = (pass == 0 || slice == SLICES - 1) ? 0 : (uint64_t)(slice + 1) * w->seglen;
		const block *ref = &w->mem[(size_t)ref_lane * w->q + (uint32_t)((startpos + rel) % w->q)];
		compress(cur, pb, ref, pass > 0);
	}
}

/*
 * The blocks compress and fill_segment keep on the stack (about 6 KiB)
 * hold password-derived data after the last call. Each call reuses the
 * same stack region, so wiping a larger frame at the same depth once, at
 * the end, removes what the last one left.
 */
__attribute__((noinline)) static void scrub_stack(void)
{
	volatile uint64_t frame[8 * 1024 / 8];

	for (size_t i = 0; i < sizeof frame / sizeof frame[0]; i++)
		frame[i] = 0;
}

size_t zos_argon2id_memory_bytes(uint32_t m_kib, uint32_t lanes)
{
	if (lanes == 0 || lanes > ZOS_ARGON2_MAX_LANES || m_kib < 8 * lanes)
		return 0;
	return (size_t)(m_kib / (4 * lanes)) * 4 * lanes * ZOS_ARGON2_BLOCK_BYTES;
}

static int check_args(uint32_t outlen, size_t pwd_len, size_t salt_len,
		      const struct zos_argon2_params *p)
{
	if (!p || outlen < 4 || salt_len < 8 || p->t_cost == 0)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (zos_argon2id_memory_bytes(p->m_kib, p->lanes) == 0)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (pwd_len > 0xFFFFFFFFu || salt_len > 0xFFFFFFFFu || p->secret_len > 0xFFFFFFFFu ||
	    p->ad_len > 0xFFFFFFFFu || (p->secret_len && !p->secret) || (p->ad_len && !p->ad))
		return ZOS_ERR_INVALID_ARGUMENT;
	return ZOS_OK;
}

/* H0, RFC 9106 3.2 step 1. */
static void initial_hash(uint8_t h0[64], uint32_t outlen, const void *pwd, size_t pwd_len,
			 const void *salt, size_t salt_len, const struct zos_argon2_params *p)
{
	struct zos_blake2b c;

	zos_blake2b_init(&c, 64, 0, 0);
	hash_le32(&c, p->lanes);
	hash_le32(&c, outlen);
	hash_le32(&c, p->m_kib);
	hash_le32(&c, p->t_cost);
	hash_le32(&c, ARGON2_VERSION);
	hash_le32(&c, ARGON2_ID);
	hash_le32(&c, (uint32_t)pwd_len);
	zos_blake2b_update(&c, pwd, pwd_len);
	hash_le32(&c, (uint32_t)salt_len);
	zos_blake2b_update(&c, salt, salt_len);
	hash_le32(&c, (uint32_t)p->secret_len);
	zos_blake2b_update(&c, p->secret, p->secret_len);
	hash_le32(&c, (uint32_t)p->ad_len);
	zos_blake2b_update(&c, p->ad, p->ad_len);
	zos_blake2b_final(&c, h0);
}

int zos_argon2id(uint8_t *out, uint32_t outlen, const void *pwd, size_t pwd_len, const void *salt,
		 size_t salt_len, const struct zos_argon2_params *p, void *mem, size_t memlen)
{
	struct run w;
	uint8_t h0[64], tail[8], bytes[ZOS_ARGON2_BLOCK_BYTES];
	size_t need;
	block acc;
	int rc = check_args(outlen, pwd_len, salt_len, p);

	if (rc != ZOS_OK)
		return rc;
	need = zos_argon2id_memory_bytes(p->m_kib, p->lanes);
	if (!mem || memlen < need)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	w.mem = mem;
	w.lanes = p->lanes;
	w.mprime = (uint32_t)(need / ZOS_ARGON2_BLOCK_BYTES);
	w.q = w.mprime / p->lanes;
	w.seglen = w.q / SLICES;
	w.passes = p->t_cost;
	initial_hash(h0, outlen, pwd, pwd_len, salt, salt_len, p);
	for (uint32_t l = 0; l < w.lanes; l++)
		for (uint32_t j = 0; j < 2; j++) {
			store32(tail, j);
			store32(tail + 4, l);
			hprime(bytes, ZOS_ARGON2_BLOCK_BYTES, h0, 64, tail, 8);
			block_from_bytes(&w.mem[(size_t)l * w.q + j], bytes);
		}
	for (uint32_t pass = 0; pass < w.passes; pass++)
		for (uint32_t s = 0; s < SLICES; s++)
			for (uint32_t l = 0; l < w.lanes; l++)
				fill_segment(&w, pass, l, s);
	acc = w.mem[w.q - 1];
	for (uint32_t l = 1; l < w.lanes; l++)
		for (int i = 0; i < QWORDS; i++)
			acc.v[i] ^= w.mem[(size_t)l * w.q + w.q - 1].v[i];
	block_to_bytes(bytes, &acc);
	hprime(out, outlen, bytes, sizeof bytes, 0, 0);
	zos_ct_wipe(mem, need);
	zos_ct_wipe(h0, sizeof h0);
	zos_ct_wipe(bytes, sizeof bytes);
	zos_ct_wipe(&acc, sizeof acc);
	scrub_stack();
	return ZOS_OK;
}
