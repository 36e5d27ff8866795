/* The device-limit cases (see kv_limits.h). */
#include "kv_limits.h"

#include <stdio.h>
#include <string.h>
#include <zos/abi.h>
#include <zos/syscall.h>

#include "lib/bytes.h"
#include "lib/kv_batch.h"

static const uint8_t zeros[ZOS_KV_VALUE_MAX + 1];

uint32_t kv_limit_batch_of(uint8_t *b, uint32_t n)
{
	const uint32_t entry = KV_BATCH_ENTRY_OVERHEAD + 6;
	struct zos_wbuf w;
	uint32_t count = 0, left;
	char k[8];

	if (n < 4 + entry + 2028)
		return 0;
	left = n - 4;
	zos_wbuf_init(&w, b, n);
	zos_put_u32(&w, 0);
	while (left > 0) {
		uint32_t v = left - entry > ZOS_KV_VALUE_MAX ? 2048 : left - entry;
		snprintf(k, sizeof k, "b%05u", count++);
		kv_batch_put(&w, ZOS_KV_BATCH_WRITE, k, 6, zeros, v);
		left -= entry + v;
	}
	zos_st32(b, count);
	return w.err ? 0 : (uint32_t)w.len;
}

/* WRITE input: header, a key of klen bytes ('k's, or "limit/" first), a
 * value of vlen bytes. */
static uint32_t write_in(uint8_t *in, uint32_t klen, uint32_t vlen)
{
	memcpy(in, &klen, 4);
	memset(in + 4, 'k', klen);
	memcpy(in + 4, "limit/", klen < 6 ? klen : 6);
	memset(in + 4 + klen, 'v', vlen);
	return 4 + klen + vlen;
}

static uint32_t key_in(uint8_t *in, uint32_t klen)
{
	memset(in, 'k', klen);
	memcpy(in, "limit/", klen < 6 ? klen : 6);
	return klen;
}

static uint32_t batch_one(uint8_t *in, uint32_t vlen)
{
	struct zos_wbuf w;

	zos_wbuf_init(&w, in, KV_LIMIT_INPUT_MAX);
	zos_put_u32(&w, 1);
	kv_batch_put(&w, ZOS_KV_BATCH_WRITE, "limit/batch", 11, zeros, vlen);
	return (uint32_t)w.len;
}

enum shape { WRITE_VALUE, WRITE_KEY, KEY, BATCH_VALUE, BATCH_BYTES };

static const struct {
	const char *what;
	uint32_t num;
	uint8_t shape;
	uint32_t limit;
} limits[KV_LIMIT_CASES / 2] = {
	{ "WRITE, a value of ZOS_KV_VALUE_MAX", ZOS_SYS_STORAGE_WRITE, WRITE_VALUE, ZOS_KV_VALUE_MAX },
	{ "WRITE, a key of ZOS_KV_KEY_MAX", ZOS_SYS_STORAGE_WRITE, WRITE_KEY, ZOS_KV_KEY_MAX },
	{ "READ, a key of ZOS_KV_KEY_MAX", ZOS_SYS_STORAGE_READ, KEY, ZOS_KV_KEY_MAX },
	{ "LIST, a prefix of ZOS_KV_KEY_MAX", ZOS_SYS_STORAGE_LIST, KEY, ZOS_KV_KEY_MAX },
	{ "BATCH, a value of ZOS_KV_VALUE_MAX", ZOS_SYS_STORAGE_BATCH_WRITE, BATCH_VALUE, ZOS_KV_VALUE_MAX },
	{ "BATCH of ZOS_KV_BATCH_MAX bytes", ZOS_SYS_STORAGE_BATCH_WRITE, BATCH_BYTES, ZOS_KV_BATCH_MAX },
	{ "KEYSTORE WRITE, a value of ZOS_KV_VALUE_MAX", ZOS_SYS_KEYSTORE_WRITE, WRITE_VALUE, ZOS_KV_VALUE_MAX },
};

void kv_limit_case(uint32_t i, uint8_t *in, struct kv_limit_case *c)
{
	uint32_t n = limits[i / 2].limit + (i & 1);

	c->what = limits[i / 2].what;
	c->num = limits[i / 2].num;
	c->within = !(i & 1);
	switch (limits[i / 2].shape) {
	case WRITE_VALUE: c->len = write_in(in, 11, n); break;
	case WRITE_KEY: c->len = write_in(in, n, 1); break;
	case KEY: c->len = key_in(in, n); break;
	case BATCH_VALUE: c->len = batch_one(in, n); break;
	default: c->len = kv_limit_batch_of(in, n); break;
	}
}
