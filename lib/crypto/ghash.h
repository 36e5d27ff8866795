/*
 * GHASH (NIST SP 800-38D section 6.4), portable and constant time: the
 * product in GF(2^128) is computed bit by bit with masks (Algorithm 1 of
 * the standard without its branches), so no table and no branch depends on
 * H or the data. Internal to gcm.c.
 */
#ifndef ZOS_LIB_CRYPTO_GHASH_H
#define ZOS_LIB_CRYPTO_GHASH_H

#include <stddef.h>
#include <stdint.h>

/* y = (y ^ block) * h for each whole 16-byte block of data[0..16 * nblocks). */
void zos_ghash_blocks(uint8_t y[16], const uint8_t h[16], const uint8_t *data, size_t nblocks);

#endif
