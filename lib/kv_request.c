/* Storage and keystore requests decoded and answered (see kv_request.h). */
#include "lib/kv_request.h"

#include <zos/abi.h>
#include <zos/error.h>
#include <zos/msg.h>

#include "lib/fmt.h"
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
		return ZOS_OK;
	}
	if (out->op != KV_WRITE) {
		out->key = sc->in;
		out->key_len = sc->in_len;
		return ZOS_OK;
	}
	if (sc->in_len < sizeof hd)
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_memcpy(&hd, sc->in, sizeof hd);
	if (hd.key_len == 0 || hd.key_len > sc->in_len - sizeof hd)
		return ZOS_ERR_INVALID_ARGUMENT;
	out->key = sc->in + sizeof hd;
	out->key_len = hd.key_len;
	out->value = out->key + hd.key_len;
	out->value_len = sc->in_len - (uint32_t)sizeof hd - hd.key_len;
	return ZOS_OK;
}

int kv_op_mutates(uint8_t op)
{
	return op == KV_WRITE || op == KV_DELETE || op == KV_BATCH;
}

/* The bytes of the whole entries of list (u32 count, then u16 length + key
 * each) that fit in one result; *kept says how many. */
static uint32_t fit_list(const uint8_t *list, uint32_t len, uint32_t *kept)
{
	uint32_t count, pos = 4;

	*kept = 0;
	if (len < 4)
		return 0;
	zos_memcpy(&count, list, 4);
	while (*kept < count && pos + 2 <= len) {
		uint16_t klen;

		zos_memcpy(&klen, list + pos, 2);
		if (pos + 2u + klen > ZOS_KV_RESULT_DATA_MAX || pos + 2u + klen > len)
			break;
		pos += 2u + klen;
		(*kept)++;
	}
	return pos;
}

uint32_t kv_result_body(uint8_t *body, uint32_t request, uint8_t kind, uint8_t exists,
			uint8_t truncated, const uint8_t *data, uint32_t len)
{
	struct zos_device_result hd = { request, kind, exists, truncated, 0 };
	uint8_t *out = body + sizeof hd;

	if (kind == ZOS_STORAGE_RES_LIST_OK && len > ZOS_KV_RESULT_DATA_MAX) {
		uint32_t kept;

		len = fit_list(data, len, &kept);
		hd.truncated = 1;
		zos_memcpy(out, &kept, 4);
		if (len > 4)
			zos_memcpy(out + 4, data + 4, len - 4);
		else
			len = 4;
	} else if (len > ZOS_KV_RESULT_DATA_MAX) {
		hd.kind = ZOS_STORAGE_RES_ERROR;
		len = (uint32_t)zos_snprintf((char *)out, ZOS_KV_RESULT_DATA_MAX,
					     "value of %u bytes is larger than one message", len);
	} else if (len) {
		zos_memcpy(out, data, len);
	}
	zos_memcpy(body, &hd, sizeof hd);
	return (uint32_t)sizeof hd + len;
}
