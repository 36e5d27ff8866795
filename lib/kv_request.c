/* Storage and keystore requests decoded and answered (see kv_request.h). */
#include "lib/kv_request.h"

#include <zos/abi.h>
#include <zos/error.h>
#include <zos/msg.h>

#include "lib/fmt.h"
#include "lib/kv_batch.h"
#include "lib/mem.h"

int kv_call_decode(const zos_syscall_t *sc, struct kv_call *out)
{
	struct zos_kv_write_in hd;

	zos_memset(out, 0, sizeof *out);
	out->keystore = sc->num >= ZOS_SYS_KEYSTORE_READ && sc->num <= ZOS_SYS_KEYSTORE_EXISTS;
	switch (sc->num) {
	case ZOS_SYS_STORAGE_READ: case ZOS_SYS_KEYSTORE_READ: out->op = KV_READ; break;
	case ZOS_SYS_STORAGE_WRITE: case ZOS_SYS_KEYSTORE_WRITE: out->op = KV_WRITE; break;
	case ZOS_SYS_STORAGE_DELETE: case ZOS_SYS_KEYSTORE_DELETE: out->op = KV_DELETE; break;
	case ZOS_SYS_STORAGE_LIST: case ZOS_SYS_KEYSTORE_LIST: out->op = KV_LIST; break;
	case ZOS_SYS_STORAGE_EXISTS: case ZOS_SYS_KEYSTORE_EXISTS: out->op = KV_EXISTS; break;
	case ZOS_SYS_STORAGE_BATCH_WRITE: out->op = KV_BATCH; break;
	default: return ZOS_ERR_NOT_SUPPORTED;
	}
	if (out->op == KV_BATCH) {
		out->value = sc->in;
		out->value_len = sc->in_len;
	} else if (out->op != KV_WRITE) {
		out->key = sc->in;
		out->key_len = sc->in_len;
	} else {
		if (sc->in_len < sizeof hd)
			return ZOS_ERR_INVALID_ARGUMENT;
		zos_memcpy(&hd, sc->in, sizeof hd);
		if (hd.key_len == 0 || hd.key_len > sc->in_len - sizeof hd)
			return ZOS_ERR_INVALID_ARGUMENT;
		out->key = sc->in + sizeof hd;
		out->key_len = hd.key_len;
		out->value = out->key + hd.key_len;
		out->value_len = sc->in_len - (uint32_t)sizeof hd - hd.key_len;
	}
	return kv_call_check(out);
}

/* A process's batch: well formed, and naming no reserved key. (The stores
 * check their own records with kv_batch_check alone: a platform's reserved
 * record is theirs to keep.) */
static int batch_check(const uint8_t *p, uint32_t len)
{
	struct kv_batch_sum sum;
	struct kv_batch_entry e;
	size_t pos = 4;
	int err = kv_batch_check(p, len, ZOS_KV_VALUE_MAX, &sum);

	for (uint32_t i = 0; err == ZOS_OK && i < sum.count; i++) {
		kv_batch_next(p, &pos, &e);
		if (kv_key_reserved(e.key, e.key_len))
			err = ZOS_ERR_INVALID_ARGUMENT;
	}
	return err;
}

int kv_call_check(const struct kv_call *c)
{
	if (c->op < KV_READ || c->op > KV_BATCH)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (c->key_len > ZOS_KV_KEY_MAX || (c->key_len && !c->key))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (c->op != KV_LIST && c->op != KV_BATCH && kv_key_reserved(c->key, c->key_len))
		return ZOS_ERR_INVALID_ARGUMENT; /* the platform's own (ZOS_KV_RESERVED_PREFIX) */
	if (c->op == KV_WRITE && (c->value_len > ZOS_KV_VALUE_MAX || (c->value_len && !c->value)))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (c->op == KV_BATCH)
		return batch_check(c->value, c->value_len);
	return ZOS_OK;
}

int kv_op_mutates(uint8_t op)
{
	return op == KV_WRITE || op == KV_DELETE || op == KV_BATCH;
}

int kv_list_add(uint8_t *out, uint32_t cap, uint32_t *len, uint32_t *count, const uint8_t *key,
		uint32_t klen)
{
	if (kv_key_reserved(key, klen))
		return 1; /* the platform's own: never listed, never counted */
	if (*len > cap || 2 + klen > cap - *len)
		return 0;
	out[*len] = (uint8_t)klen;
	out[*len + 1] = (uint8_t)(klen >> 8);
	if (klen)
		zos_memcpy(out + *len + 2, key, klen); /* an empty key may be a null pointer */
	*len += 2 + klen;
	(*count)++;
	return 1;
}

uint32_t kv_result_body(uint8_t *body, uint32_t request, uint8_t kind, uint8_t exists,
			uint8_t truncated, const uint8_t *data, uint32_t len)
{
	struct zos_device_result hd = { request, kind, exists, truncated, 0 };
	uint8_t *out = body + sizeof hd;

	if (len > ZOS_KV_RESULT_DATA_MAX) {
		hd.truncated = 0;
		hd.kind = ZOS_STORAGE_RES_ERROR;
		len = (uint32_t)zos_snprintf((char *)out, ZOS_KV_RESULT_DATA_MAX,
					     "value of %u bytes is larger than one message", len);
	} else if (len) {
		zos_memcpy(out, data, len);
	}
	zos_memcpy(body, &hd, sizeof hd);
	return (uint32_t)sizeof hd + len;
}
