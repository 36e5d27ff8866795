/*
 * SHA-256 (FIPS 180-4), streaming and one-shot. Used for the CommitLog hash
 * chain and the kernel state hash; freestanding, no allocation.
 */
#ifndef ZOS_LIB_SHA256_H
#define ZOS_LIB_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define ZOS_SHA256_SIZE 32
#define ZOS_SHA256_BLOCK 64

struct zos_sha256 {
	uint32_t h[8];
	uint64_t total;               /* bytes hashed so far */
	uint8_t buf[ZOS_SHA256_BLOCK];
	uint32_t buf_len;
};

void zos_sha256_init(struct zos_sha256 *c);
void zos_sha256_update(struct zos_sha256 *c, const void *data, size_t n);
void zos_sha256_final(struct zos_sha256 *c, uint8_t out[ZOS_SHA256_SIZE]);
void zos_sha256(const void *data, size_t n, uint8_t out[ZOS_SHA256_SIZE]);

#endif
