/* The in-memory key-value device (see memkv.h). */
#include "memkv.h"

#include <stdlib.h>
#include <string.h>
#include <zos/abi.h>
#include <zos/msg.h>
#include <zos/syscall.h>

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

/* The batch encoding of <zos/abi.h>; all or nothing. */
static int batch(struct memkv *kv, const uint8_t *in, uint32_t len)
{
	uint32_t count, pos = 4;

	if (len < 4)
		return 0;
	memcpy(&count, in, 4);
	for (int apply = 0; apply < 2; apply++) {
		pos = 4;
		for (uint32_t i = 0; i < count; i++) {
			uint8_t op;
			uint16_t kl;
			uint32_t vl;
			if (pos + 3 > len)
				return 0;
			op = in[pos];
			memcpy(&kl, in + pos + 1, 2);
			if (pos + 3 + kl + 4 > len)
				return 0;
			memcpy(&vl, in + pos + 3 + kl, 4);
			if ((op != 2 && op != 3) || pos + 7 + kl + vl > len)
				return 0;
			if (apply && op == 2)
				put(kv, in + pos + 3, kl, in + pos + 7 + kl, vl);
			else if (apply)
				del(kv, in + pos + 3, kl);
			pos += 7u + kl + vl;
		}
		if (pos != len)
			return 0;
	}
	return 1;
}

uint32_t memkv_request(struct memkv *kv, uint32_t num, uint64_t request, const uint8_t *in,
		       uint32_t in_len, uint8_t *out, uint32_t cap)
{
	const struct memkv_entry *e;
	struct zos_kv_write_in w;

	switch (num) {
	case ZOS_SYS_STORAGE_READ:
	case ZOS_SYS_KEYSTORE_READ:
		e = memkv_get(kv, in, in_len);
		return e ? result(out, cap, request, ZOS_STORAGE_RES_READ_OK, 0, e->value, e->value_len)
			 : result(out, cap, request, ZOS_STORAGE_RES_NOT_FOUND, 0, 0, 0);
	case ZOS_SYS_STORAGE_EXISTS:
	case ZOS_SYS_KEYSTORE_EXISTS:
		return result(out, cap, request, ZOS_STORAGE_RES_EXISTS_OK,
			      memkv_get(kv, in, in_len) != 0, 0, 0);
	case ZOS_SYS_STORAGE_DELETE:
	case ZOS_SYS_KEYSTORE_DELETE:
		del(kv, in, in_len);
		return result(out, cap, request, ZOS_STORAGE_RES_WRITE_OK, 0, 0, 0);
	case ZOS_SYS_STORAGE_LIST:
	case ZOS_SYS_KEYSTORE_LIST:
		return list(kv, request, in, in_len, out, cap);
	case ZOS_SYS_STORAGE_WRITE:
	case ZOS_SYS_KEYSTORE_WRITE:
		if (in_len < sizeof w)
			break;
		memcpy(&w, in, sizeof w);
		if (w.key_len == 0 || w.key_len > in_len - sizeof w)
			break;
		put(kv, in + sizeof w, w.key_len, in + sizeof w + w.key_len,
		    in_len - (uint32_t)sizeof w - w.key_len);
		return result(out, cap, request, ZOS_STORAGE_RES_WRITE_OK, 0, 0, 0);
	case ZOS_SYS_STORAGE_BATCH_WRITE:
		if (batch(kv, in, in_len))
			return result(out, cap, request, ZOS_STORAGE_RES_WRITE_OK, 0, 0, 0);
		break;
	default:
		break;
	}
	return result(out, cap, request, ZOS_STORAGE_RES_ERROR, 0, "bad request", 11);
}
