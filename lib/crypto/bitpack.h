/*
 * Bit packing for the lattice schemes (ML-KEM's ByteEncode_d, ML-DSA's
 * SimpleBitPack / BitPack): 256 values of `bits` bits each (1..24), least
 * significant bit first, into 32 * bits bytes. The loops depend only on
 * `bits`, never on the values, so secret coefficients may pass through.
 */
#ifndef ZOS_LIB_CRYPTO_BITPACK_H
#define ZOS_LIB_CRYPTO_BITPACK_H

#include <stdint.h>

#define ZOS_BITPACK_N 256

/* Values must be below 2^bits. */
void zos_bitpack(uint8_t *out, const uint32_t v[ZOS_BITPACK_N], unsigned bits);
void zos_bitunpack(uint32_t v[ZOS_BITPACK_N], const uint8_t *in, unsigned bits);

#endif
