/*
 * Bounded little-endian byte writer and reader.
 *
 * Every canonical encoding in Zero OS (commits, frames, the state hash) is
 * written with these, so the bytes are the same on every target. Neither
 * side ever runs past its buffer: an overflow sets `err` and later calls do
 * nothing, so a caller checks once at the end.
 */
#ifndef ZOS_LIB_BYTES_H
#define ZOS_LIB_BYTES_H

#include <stddef.h>
#include <stdint.h>

struct zos_wbuf {
	uint8_t *p;   /* may be 0 with cap 0: then only len is counted */
	size_t cap;
	size_t len;
	int err;      /* ZOS_ERR_BUFFER_TOO_SMALL once anything did not fit */
};

struct zos_rbuf {
	const uint8_t *p;
	size_t len;
	size_t pos;
	int err;      /* ZOS_ERR_CORRUPT once a read ran past the end */
};

void zos_wbuf_init(struct zos_wbuf *w, uint8_t *p, size_t cap);
void zos_put_u8(struct zos_wbuf *w, uint8_t v);
void zos_put_u16(struct zos_wbuf *w, uint16_t v);
void zos_put_u32(struct zos_wbuf *w, uint32_t v);
void zos_put_u64(struct zos_wbuf *w, uint64_t v);
void zos_put_bytes(struct zos_wbuf *w, const void *src, size_t n);

void zos_rbuf_init(struct zos_rbuf *r, const uint8_t *p, size_t len);
uint8_t zos_get_u8(struct zos_rbuf *r);
uint16_t zos_get_u16(struct zos_rbuf *r);
uint32_t zos_get_u32(struct zos_rbuf *r);
uint64_t zos_get_u64(struct zos_rbuf *r);
/* Copies n bytes to dst (dst may be 0 to skip). */
void zos_get_bytes(struct zos_rbuf *r, void *dst, size_t n);
size_t zos_rbuf_left(const struct zos_rbuf *r);

/* Plain loads and stores, for fixed headers. */
static inline uint32_t zos_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t zos_le64(const uint8_t *p)
{
	return (uint64_t)zos_le32(p) | (uint64_t)zos_le32(p + 4) << 32;
}
static inline void zos_st32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static inline void zos_st64(uint8_t *p, uint64_t v)
{
	zos_st32(p, (uint32_t)v); zos_st32(p + 4, (uint32_t)(v >> 32));
}

#endif
