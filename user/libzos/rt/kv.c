/*
 * Key-value requests to a storage or keystore device, made synchronous for
 * the caller: send the request with our reply endpoint, then wait there for
 * the result whose request id is ours (results come from pid 0).
 */
#include "zos.h"

#include "lib/mem.h"

static uint8_t request_buf[sizeof(struct zos_kv_write_in) + ZOS_KV_KEY_MAX + ZOS_KV_VALUE_MAX];

static int is_result_for(const struct zos_msg *m, uint64_t request)
{
	struct zos_device_result r;

	if (m->h.sender != ZOS_PID_KERNEL || m->h.size < sizeof r)
		return 0;
	zos_memcpy(&r, m->body, sizeof r);
	return r.request == (uint32_t)request;
}

int64_t zos_kv(uint32_t num, uint32_t device_slot, const void *key, uint32_t key_len,
	       const void *value, uint32_t value_len, struct zos_msg *result)
{
	struct zos_kv_write_in h = { key_len };
	const void *in = key;
	uint32_t len = key_len;
	int64_t request;

	if (zos_reply_slot < 0)
		return ZOS_ERR_INVALID_SLOT;
	if (num == ZOS_SYS_STORAGE_WRITE || num == ZOS_SYS_KEYSTORE_WRITE) {
		/* The device's own answer, without asking it. */
		if (key_len > ZOS_KV_KEY_MAX || value_len > ZOS_KV_VALUE_MAX)
			return ZOS_ERR_INVALID_ARGUMENT;
		zos_memcpy(request_buf, &h, sizeof h);
		zos_memcpy(request_buf + sizeof h, key, key_len);
		zos_memcpy(request_buf + sizeof h + key_len, value, value_len);
		in = request_buf;
		len = (uint32_t)sizeof h + key_len + value_len;
	}
	request = zos_device(num, device_slot, (uint32_t)zos_reply_slot, in, len);
	if (request < 0)
		return request;
	for (;;) {
		int64_t r = zos_recv((uint32_t)zos_reply_slot, result, 1);
		if (r < 0)
			return r;
		if (is_result_for(result, (uint64_t)request))
			return ((const struct zos_device_result *)result->body)->kind;
	}
}
