/*
 * Parsing and writing the batch encoding (see kv_batch.h). kv_batch_check
 * reads through a bounded reader and trusts nothing; kv_batch_next is only
 * ever called on bytes kv_batch_check accepted and have not changed since.
 */
#include "lib/kv_batch.h"

#include <zos/abi.h>
#include <zos/error.h>
#include <zos/param.h>

#include "lib/mem.h"

static int entry_read(struct zos_rbuf *r, uint32_t value_max, struct kv_batch_entry *e)
{
	e->op = zos_get_u8(r);
	e->key_len = zos_get_u16(r);
	e->key = r->p + r->pos;
	zos_get_bytes(r, 0, e->key_len);
	e->value_len = zos_get_u32(r);
	e->value_off = (uint32_t)r->pos;
	e->value = r->p + r->pos;
	if (r->err || e->key_len > ZOS_KV_KEY_MAX || e->value_len > value_max)
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_get_bytes(r, 0, e->value_len);
	if (r->err)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (e->op == ZOS_KV_BATCH_WRITE || (e->op == ZOS_KV_BATCH_DELETE && e->value_len == 0))
		return ZOS_OK;
	return ZOS_ERR_INVALID_ARGUMENT;
}

int kv_key_reserved(const uint8_t *key, uint32_t len)
{
	static const char prefix[] = ZOS_KV_RESERVED_PREFIX;

	return len >= sizeof prefix - 1 && zos_memcmp(key, prefix, sizeof prefix - 1) == 0;
}

int kv_batch_check(const uint8_t *p, size_t len, uint32_t value_max, struct kv_batch_sum *sum)
{
	struct zos_rbuf r;
	struct kv_batch_entry e;

	sum->count = sum->writes = 0;
	sum->write_key_bytes = 0;
	if (!p || len > ZOS_KV_BATCH_MAX)
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_rbuf_init(&r, p, len);
	sum->count = zos_get_u32(&r);
	if (r.err)
		return ZOS_ERR_INVALID_ARGUMENT;
	/* Each entry takes at least 7 bytes, so a lying count fails fast. */
	for (uint32_t i = 0; i < sum->count; i++) {
		if (entry_read(&r, value_max, &e) != ZOS_OK)
			return ZOS_ERR_INVALID_ARGUMENT;
		if (e.op == ZOS_KV_BATCH_WRITE) {
			sum->writes++;
			sum->write_key_bytes += e.key_len;
		}
	}
	return zos_rbuf_left(&r) == 0 ? ZOS_OK : ZOS_ERR_INVALID_ARGUMENT;
}

void kv_batch_next(const uint8_t *p, size_t *pos, struct kv_batch_entry *e)
{
	e->op = p[*pos];
	e->key_len = (uint16_t)(p[*pos + 1] | p[*pos + 2] << 8);
	e->key = p + *pos + 3;
	e->value_len = zos_le32(p + *pos + 3 + e->key_len);
	e->value_off = (uint32_t)(*pos + 7 + e->key_len);
	e->value = p + e->value_off;
	*pos = e->value_off + e->value_len;
}

void kv_batch_put(struct zos_wbuf *w, uint8_t op, const void *key, uint32_t key_len, const void *value,
		  uint32_t value_len)
{
	zos_put_u8(w, op);
	zos_put_u16(w, (uint16_t)key_len);
	zos_put_bytes(w, key, key_len);
	zos_put_u32(w, value_len);
	zos_put_bytes(w, value, value_len);
}
