/*
 * Bounded little-endian writer and reader (see bytes.h).
 *
 * Invariants: a writer with a buffer keeps len <= cap, a reader keeps
 * pos <= len, and each value goes in or out whole or not at all. The first
 * overflow sets err and every later call does nothing (a reader then
 * returns 0), so an encoder or decoder runs straight through and checks
 * err once at the end.
 *
 * A writer made with p == 0 and cap == 0 only measures: it counts len and
 * never sets err, so the same encoder sizes a buffer before filling it.
 */
#include "lib/bytes.h"

#include <zos/error.h>

void zos_wbuf_init(struct zos_wbuf *w, uint8_t *p, size_t cap)
{
	w->p = p;
	w->cap = cap;
	w->len = 0;
	w->err = 0;
}

/* 1 when n more bytes are to be stored at w->p + w->len. */
static int wroom(struct zos_wbuf *w, size_t n)
{
	if (w->err)
		return 0;
	if (!w->p && w->cap == 0) {
		w->len += n; /* measuring only */
		return 0;
	}
	if (n > w->cap - w->len) {
		w->err = ZOS_ERR_BUFFER_TOO_SMALL;
		return 0;
	}
	return 1;
}

void zos_put_u8(struct zos_wbuf *w, uint8_t v)
{
	if (wroom(w, 1))
		w->p[w->len++] = v;
}

void zos_put_u16(struct zos_wbuf *w, uint16_t v)
{
	if (!wroom(w, 2))
		return;
	w->p[w->len++] = (uint8_t)v;
	w->p[w->len++] = (uint8_t)(v >> 8);
}

void zos_put_u32(struct zos_wbuf *w, uint32_t v)
{
	if (!wroom(w, 4))
		return;
	zos_st32(w->p + w->len, v);
	w->len += 4;
}

void zos_put_u64(struct zos_wbuf *w, uint64_t v)
{
	if (!wroom(w, 8))
		return;
	zos_st64(w->p + w->len, v);
	w->len += 8;
}

void zos_put_bytes(struct zos_wbuf *w, const void *src, size_t n)
{
	const uint8_t *s = src;
	if (!wroom(w, n))
		return;
	for (size_t i = 0; i < n; i++)
		w->p[w->len + i] = s[i];
	w->len += n;
}

void zos_rbuf_init(struct zos_rbuf *r, const uint8_t *p, size_t len)
{
	r->p = p;
	r->len = len;
	r->pos = 0;
	r->err = 0;
}

size_t zos_rbuf_left(const struct zos_rbuf *r)
{
	return r->len - r->pos;
}

/* 1 when n more bytes can be read at r->p + r->pos. */
static int rroom(struct zos_rbuf *r, size_t n)
{
	if (r->err)
		return 0;
	if (n > r->len - r->pos) {
		r->err = ZOS_ERR_CORRUPT;
		return 0;
	}
	return 1;
}

uint8_t zos_get_u8(struct zos_rbuf *r)
{
	return rroom(r, 1) ? r->p[r->pos++] : 0;
}

uint16_t zos_get_u16(struct zos_rbuf *r)
{
	uint16_t v;
	if (!rroom(r, 2))
		return 0;
	v = (uint16_t)(r->p[r->pos] | r->p[r->pos + 1] << 8);
	r->pos += 2;
	return v;
}

uint32_t zos_get_u32(struct zos_rbuf *r)
{
	uint32_t v;
	if (!rroom(r, 4))
		return 0;
	v = zos_le32(r->p + r->pos);
	r->pos += 4;
	return v;
}

uint64_t zos_get_u64(struct zos_rbuf *r)
{
	uint64_t v;
	if (!rroom(r, 8))
		return 0;
	v = zos_le64(r->p + r->pos);
	r->pos += 8;
	return v;
}

void zos_get_bytes(struct zos_rbuf *r, void *dst, size_t n)
{
	uint8_t *d = dst;
	if (!rroom(r, n))
		return;
	if (d)
		for (size_t i = 0; i < n; i++)
			d[i] = r->p[r->pos + i];
	r->pos += n;
}
