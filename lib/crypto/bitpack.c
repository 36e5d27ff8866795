/*
 * Bit packing (see bitpack.h). The accumulator holds fewer than 8 bits
 * between values, so with at most 24 bits a value it never overflows 32.
 */
#include "lib/crypto/bitpack.h"

void zos_bitpack(uint8_t *out, const uint32_t v[ZOS_BITPACK_N], unsigned bits)
{
	uint32_t acc = 0;
	unsigned have = 0, o = 0;

	for (unsigned i = 0; i < ZOS_BITPACK_N; i++) {
		acc |= v[i] << have;
		have += bits;
		while (have >= 8) {
			out[o++] = (uint8_t)acc;
			acc >>= 8;
			have -= 8;
		}
	}
}

void zos_bitunpack(uint32_t v[ZOS_BITPACK_N], const uint8_t *in, unsigned bits)
{
	uint32_t acc = 0;
	unsigned have = 0, o = 0;

	for (unsigned i = 0; i < ZOS_BITPACK_N; i++) {
		while (have < bits) {
			acc |= (uint32_t)in[o++] << have;
			have += 8;
		}
		v[i] = acc & ((1u << bits) - 1);
		acc >>= bits;
		have -= bits;
	}
}
