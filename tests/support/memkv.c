/* The in-memory key-value device (see memkv.h). A request is decoded and
 * checked as the platforms do it (lib/kv_request.c), so the services'
 * tests meet the devices' real limits. */
#include "memkv.h"

#include <stdlib.h>
#include <string.h>
#include <zos/abi.h>
#include <zos/error.h>
#include <zos/msg.h>
#include <zos/syscall.h>

#include "lib/kv_batch.h"
#include "lib/kv_request.h"

void memkv_init(struct memkv *kv)
{
	memset(kv, 0, sizeof *kv);
}

void memkv_free(struct memkv *kv)
{
	for (uint32_t i = 0; i < kv->n; i++) {
		free(kv->e[i].key);
		free(kv->e[i].value);
	}
	free(kv->e);
	memset(kv, 0, sizeof *kv);
}

static int cmp(const uint8_t *a, uint32_t al, const uint8_t *b, uint32_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);
	return c ? c : (al > bl) - (al < bl);
}

/* Index of key, or where it would go (*found says which). */
static uint32_t find(const struct memkv *kv, const uint8_t *key, uint32_t len, int *found)
{
	uint32_t lo = 0, hi = kv->n;

	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		int c = cmp(kv->e[mid].key, kv->e[mid].key_len, key, len);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = 0;
	return lo;
}

const struct memkv_entry *memkv_get(const struct memkv *kv, const void *key, uint32_t len)
{
	int found;
	uint32_t i = find(kv, key, len, &found);
	return found ? &kv->e[i] : 0;
}

static void put(struct memkv *kv, const uint8_t *key, uint32_t klen, const uint8_t *val,
		uint32_t vlen)
{
	int found;
	uint32_t i = find(kv, key, klen, &found);
	uint8_t *v = malloc(vlen ? vlen : 1);

	memcpy(v, val, vlen);
	if (found) {
		free(kv->e[i].value);
	} else {
		if (kv->n == kv->cap) {
			kv->cap = kv->cap ? kv->cap * 2 : 64;
			kv->e = realloc(kv->e, kv->cap * sizeof kv->e[0]);
		}
		memmove(&kv->e[i + 1], &kv->e[i], (kv->n - i) * sizeof kv->e[0]);
		kv->e[i].key = malloc(klen ? klen : 1);
		memcpy(kv->e[i].key, key, klen);
		kv->e[i].key_len = klen;
		kv->n++;
	}
	kv->e[i].value = v;
	kv->e[i].value_len = vlen;
	kv->writes++;
}

static void del(struct memkv *kv, const uint8_t *key, uint32_t klen)
{
	int found;
	uint32_t i = find(kv, key, klen, &found);

	if (!found)
		return;
	free(kv->e[i].key);
	free(kv->e[i].value);
	memmove(&kv->e[i], &kv->e[i + 1], (kv->n - i - 1) * sizeof kv->e[0]);
	kv->n--;
	kv->writes++;
}

static uint32_t result(uint8_t *out, uint32_t cap, uint64_t request, uint8_t kind, uint8_t exists,
		       const void *data, uint32_t len)
{
	struct zos_device_result r = { (uint32_t)request, kind, exists, 0, 0 };

	if (sizeof r + len > cap) {
		r.kind = ZOS_STORAGE_RES_ERROR;
		len = 0;
	}
	memcpy(out, &r, sizeof r);
	if (len)
		memcpy(out + sizeof r, data, len);
	return (uint32_t)sizeof r + len;
}

static uint32_t list(struct memkv *kv, uint64_t request, const uint8_t *prefix, uint32_t plen,
		     uint8_t *out, uint32_t cap)
{
	struct zos_device_result r = { (uint32_t)request, ZOS_STORAGE_RES_LIST_OK, 0, 0, 0 };
	uint32_t pos = sizeof r + 4, count = 0;

	for (uint32_t i = 0; i < kv->n; i++) {
		const struct memkv_entry *e = &kv->e[i];
		if (e->key_len < plen || memcmp(e->key, prefix, plen) != 0)
			continue;
		if (pos + 2 + e->key_len > cap || pos + 2 + e->key_len > ZOS_MSG_MAX) {
			r.truncated = 1;
			break;
		}
		uint16_t kl = (uint16_t)e->key_len;
		memcpy(out + pos, &kl, 2);
		memcpy(out + pos + 2, e->key, e->key_len);
		pos += 2 + e->key_len;
		count++;
	}
	memcpy(out, &r, sizeof r);
	memcpy(out + sizeof r, &count, 4);
	return pos;
}

/* A batch kv_call_decode checked: every entry. */
static void batch(struct memkv *kv, const uint8_t *in)
{
	uint32_t count;
	size_t pos = 4;
	struct kv_batch_entry e;

	memcpy(&count, in, 4);
	for (uint32_t i = 0; i < count; i++) {
		kv_batch_next(in, &pos, &e);
		if (e.op == ZOS_KV_BATCH_WRITE)
			put(kv, e.key, e.key_len, e.value, e.value_len);
		else
			del(kv, e.key, e.key_len);
	}
}

uint32_t memkv_request(struct memkv *kv, uint32_t num, uint64_t request, const uint8_t *in,
		       uint32_t in_len, uint8_t *out, uint32_t cap)
{
	zos_syscall_t sc = { .num = num, .in = in, .in_len = in_len };
	const struct memkv_entry *e;
	struct kv_call c;

	/* The platforms' own check of a request, limits and all. */
	if (kv_call_decode(&sc, &c) != ZOS_OK)
		return result(out, cap, request, ZOS_STORAGE_RES_ERROR, 0, "bad request", 11);
	switch (c.op) {
	case KV_READ:
		e = memkv_get(kv, c.key, c.key_len);
		return e ? result(out, cap, request, ZOS_STORAGE_RES_READ_OK, 0, e->value, e->value_len)
			 : result(out, cap, request, ZOS_STORAGE_RES_NOT_FOUND, 0, 0, 0);
	case KV_EXISTS:
		return result(out, cap, request, ZOS_STORAGE_RES_EXISTS_OK,
			      memkv_get(kv, c.key, c.key_len) != 0, 0, 0);
	case KV_DELETE:
		del(kv, c.key, c.key_len);
		return result(out, cap, request, ZOS_STORAGE_RES_WRITE_OK, 0, 0, 0);
	case KV_LIST:
		return list(kv, request, c.key, c.key_len, out, cap);
	case KV_WRITE:
		put(kv, c.key, c.key_len, c.value, c.value_len);
		return result(out, cap, request, ZOS_STORAGE_RES_WRITE_OK, 0, 0, 0);
	default: /* KV_BATCH */
		batch(kv, c.value);
		return result(out, cap, request, ZOS_STORAGE_RES_WRITE_OK, 0, 0, 0);
	}
}
