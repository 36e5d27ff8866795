/*
 * Portable GHASH (see ghash.h). A block is the bit string x0..x127 with x0
 * the top bit of byte 0; here it is two big-endian uint64_t, hi = bits
 * 0..63. Algorithm 1 of SP 800-38D: for each bit x_i of X, Z ^= V when
 * x_i is set, then V = V >> 1, XORed with R = 0xe1 || 0^120 when the bit
 * shifted out was set. Both conditions become all-ones/all-zero masks.
 */
#include "lib/crypto/ghash.h"

#include "lib/crypto/ct.h"

static uint64_t load_be64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void store_be64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (56 - 8 * i));
}

/* (*xh, *xl) = X * H in GF(2^128). */
static void gf_mul(uint64_t *xh, uint64_t *xl, uint64_t hh, uint64_t hl)
{
	uint64_t zh = 0, zl = 0, vh = hh, vl = hl;

	for (int i = 0; i < 128; i++) {
		uint64_t bit = i < 64 ? *xh >> (63 - i) : *xl >> (127 - i);
		uint64_t m = 0 - (bit & 1), c = 0 - (vl & 1);

		zh ^= vh & m;
		zl ^= vl & m;
		vl = (vl >> 1) | (vh << 63);
		vh = (vh >> 1) ^ (0xe100000000000000ull & c);
	}
	*xh = zh;
	*xl = zl;
}

void zos_ghash_blocks(uint8_t y[16], const uint8_t h[16], const uint8_t *data, size_t nblocks)
{
	uint64_t yh = load_be64(y), yl = load_be64(y + 8);
	uint64_t hh = load_be64(h), hl = load_be64(h + 8);

	for (size_t b = 0; b < nblocks; b++, data += 16) {
		yh ^= load_be64(data);
		yl ^= load_be64(data + 8);
		gf_mul(&yh, &yl, hh, hl);
	}
	store_be64(y, yh);
	store_be64(y + 8, yl);
	zos_ct_wipe(&hh, sizeof hh);
	zos_ct_wipe(&hl, sizeof hl);
}
