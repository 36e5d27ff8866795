/*
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of
 * on-disk log frames. It catches torn and flipped bytes cheaply; tampering is
 * the hash chain's job, not this one's.
 */
#ifndef ZOS_LIB_CRC32C_H
#define ZOS_LIB_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/* Start with crc = 0; feed chunks by passing the previous result back. */
uint32_t zos_crc32c(uint32_t crc, const void *data, size_t n);

#endif
