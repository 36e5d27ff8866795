/*
 * Storage device requests on the block key-value store (see kv_device.h).
 * Every input length is checked here or by the store; nothing a process
 * sends can make a result larger than cap or ZOS_MSG_MAX.
 */
#include "lib/blockstore/kv_device.h"

#include <zos/abi.h>
#include <zos/error.h>
#include <zos/msg.h>
#include <zos/syscall.h>

#include "lib/fmt.h"
#include "lib/kv_request.h"
#include "lib/mem.h"

#define HDR ((uint32_t)sizeof(struct zos_device_result))

struct res {
	uint8_t *out;
	uint32_t cap;     /* room for data after the header */
	uint64_t request;
};

static uint32_t finish(const struct res *r, uint8_t kind, uint8_t exists, uint8_t truncated, uint32_t len)
{
	struct zos_device_result h = { (uint32_t)r->request, kind, exists, truncated, 0 };

	zos_memcpy(r->out, &h, HDR);
	return HDR + len;
}

/* ERROR with "<what>: <why>". */
static uint32_t fail(const struct res *r, const char *what, int err)
{
	const char *why = err == ZOS_ERR_RESOURCE_EXHAUSTED ? "the device is full" :
			  err == ZOS_ERR_INVALID_ARGUMENT ? "malformed request, or a key or value too long" :
							    zos_error_message(err);
	int n = zos_snprintf((char *)r->out + HDR, r->cap, "%s: %s", what, why ? why : "failed");

	if (n < 0)
		n = 0;
	return finish(r, ZOS_STORAGE_RES_ERROR, 0, 0, (uint32_t)n < r->cap ? (uint32_t)n : r->cap - 1);
}

static uint32_t do_read(struct bs_kv *kv, const struct res *r, const uint8_t *key, uint32_t klen)
{
	uint32_t len = 0;
	int ret = bs_kv_read(kv, key, klen, r->out + HDR, r->cap, &len);

	if (ret == ZOS_OK)
		return finish(r, ZOS_STORAGE_RES_READ_OK, 0, 0, len);
	if (ret == ZOS_ERR_NOT_FOUND)
		return finish(r, ZOS_STORAGE_RES_NOT_FOUND, 0, 0, 0);
	if (ret == ZOS_ERR_BUFFER_TOO_SMALL) {
		int n = zos_snprintf((char *)r->out + HDR, r->cap, "read: value of %u bytes is larger than one message",
				     len);
		return finish(r, ZOS_STORAGE_RES_ERROR, 0, 0, n > 0 && (uint32_t)n < r->cap ? (uint32_t)n : 0);
	}
	return fail(r, "read", ret);
}

static uint32_t do_list(struct bs_kv *kv, const struct res *r, const uint8_t *prefix, uint32_t plen)
{
	uint32_t len = 0;
	int truncated = 0;
	int ret = bs_kv_list(kv, prefix, plen, r->out + HDR, r->cap, &len, &truncated);

	if (ret != ZOS_OK)
		return fail(r, "list", ret);
	return finish(r, ZOS_STORAGE_RES_LIST_OK, 0, (uint8_t)truncated, len);
}

uint32_t bs_kv_device_request(struct bs_kv *kv, uint32_t num, uint64_t request, const uint8_t *in,
			      uint32_t in_len, uint8_t *out, uint32_t cap)
{
	struct res r = { out, 0, request };
	zos_syscall_t sc;
	struct kv_call c;
	int ret, exists = 0;

	if (cap < HDR + 64)
		return 0;
	if (cap > ZOS_MSG_MAX)
		cap = ZOS_MSG_MAX;
	r.cap = cap - HDR;
	if (!in && in_len)
		return fail(&r, "request", ZOS_ERR_INVALID_ARGUMENT);
	zos_memset(&sc, 0, sizeof sc);
	sc.num = num;
	sc.in = in;
	sc.in_len = in_len;
	ret = kv_call_decode(&sc, &c);
	if (ret)
		return fail(&r, "request", ret);
	switch (c.op) {
	case KV_READ:
		return do_read(kv, &r, c.key, c.key_len);
	case KV_WRITE:
		ret = bs_kv_write(kv, c.key, c.key_len, c.value, c.value_len);
		return ret == ZOS_OK ? finish(&r, ZOS_STORAGE_RES_WRITE_OK, 0, 0, 0) : fail(&r, "write", ret);
	case KV_DELETE:
		ret = bs_kv_delete(kv, c.key, c.key_len);
		return ret == ZOS_OK ? finish(&r, ZOS_STORAGE_RES_WRITE_OK, 0, 0, 0) : fail(&r, "delete", ret);
	case KV_EXISTS:
		ret = bs_kv_exists(kv, c.key, c.key_len, &exists);
		return ret == ZOS_OK ? finish(&r, ZOS_STORAGE_RES_EXISTS_OK, (uint8_t)exists, 0, 0) :
				       fail(&r, "exists", ret);
	case KV_LIST:
		return do_list(kv, &r, c.key, c.key_len);
	default: /* KV_BATCH */
		ret = bs_kv_batch(kv, c.value, c.value_len);
		return ret == ZOS_OK ? finish(&r, ZOS_STORAGE_RES_WRITE_OK, 0, 0, 0) : fail(&r, "batch", ret);
	}
}
