/*
 * Devices on the hosted platform: the storage and keystore key-value stores
 * (two separate SQLite files in the data directory) and the network device
 * (libcurl, net.h) behind the device syscalls. The kernel has already checked the caller's capability and
 * taken its reply cap; here a request becomes a kvstore job, and a finished
 * job becomes the result message on the requester's reply endpoint.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/abi.h>
#include <zos/error.h>
#include <zos/msg.h>

#include "hal/hosted/hosted.h"

int hosted_devices_open(struct hosted *h, char *err, size_t cap)
{
	char path[PATH_MAX + 32], why[256];

	snprintf(path, sizeof path, "%s/storage.db", h->data_dir);
	h->storage = kv_open(path, why, sizeof why);
	if (!h->storage) {
		snprintf(err, cap, "storage database %s: %s", path, why);
		return ZOS_ERR_IO;
	}
	snprintf(path, sizeof path, "%s/keystore.db", h->data_dir);
	h->keystore = kv_open(path, why, sizeof why);
	if (!h->keystore) {
		snprintf(err, cap, "keystore database %s: %s", path, why);
		return ZOS_ERR_IO;
	}
	h->network = net_open(why, sizeof why);
	if (!h->network) {
		snprintf(err, cap, "network device: %s", why);
		return ZOS_ERR_IO;
	}
	return ZOS_OK;
}

void hosted_devices_close(struct hosted *h)
{
	if (h->storage)
		kv_close(h->storage);
	if (h->keystore)
		kv_close(h->keystore);
	net_close(h->network);
	h->storage = h->keystore = 0;
	h->network = 0;
}

static int kv_op_of(uint32_t num, uint8_t *op, int *keystore)
{
	*keystore = num >= ZOS_SYS_KEYSTORE_READ && num <= ZOS_SYS_KEYSTORE_EXISTS;
	switch (num) {
	case ZOS_SYS_STORAGE_READ: case ZOS_SYS_KEYSTORE_READ: *op = KV_READ; return 1;
	case ZOS_SYS_STORAGE_WRITE: case ZOS_SYS_KEYSTORE_WRITE: *op = KV_WRITE; return 1;
	case ZOS_SYS_STORAGE_DELETE: case ZOS_SYS_KEYSTORE_DELETE: *op = KV_DELETE; return 1;
	case ZOS_SYS_STORAGE_LIST: case ZOS_SYS_KEYSTORE_LIST: *op = KV_LIST; return 1;
	case ZOS_SYS_STORAGE_EXISTS: case ZOS_SYS_KEYSTORE_EXISTS: *op = KV_EXISTS; return 1;
	case ZOS_SYS_STORAGE_BATCH_WRITE: *op = KV_BATCH; return 1;
	default: return 0;
	}
}

/* Splits a WRITE input into key and value. */
static int split_write(struct kv_request *rq, const uint8_t *in, uint32_t len)
{
	struct zos_kv_write_in hd;

	if (len < sizeof hd)
		return ZOS_ERR_INVALID_ARGUMENT;
	memcpy(&hd, in, sizeof hd);
	if (hd.key_len == 0 || hd.key_len > len - sizeof hd)
		return ZOS_ERR_INVALID_ARGUMENT;
	rq->key = in + sizeof hd;
	rq->key_len = hd.key_len;
	rq->value = rq->key + hd.key_len;
	rq->value_len = len - (uint32_t)sizeof hd - hd.key_len;
	return ZOS_OK;
}

/* A request leaves the system: the log must be ahead of it, as for a
 * database write. A request the device refuses never leaves. */
static int net_request(struct hosted *h, uint64_t request, const zos_syscall_t *sc)
{
	const char *why = 0;
	int err;

	if (!h->network)
		return ZOS_ERR_NOT_SUPPORTED;
	if (hosted_make_durable(h) != ZOS_OK)
		return ZOS_ERR_LOG_FAILED;
	err = net_submit(h->network, request, sc->in, sc->in_len, &why);
	if (err && h->verbose)
		console_say(h, "zos: network request refused: %s\n", why ? why : "?");
	return err;
}

int hosted_device_request(void *ctx, uint32_t pid, uint64_t request, const zos_syscall_t *sc)
{
	struct hosted *h = ctx;
	struct kv_request rq;
	int keystore;

	(void)pid;
	if (sc->num == ZOS_SYS_NETWORK_FETCH)
		return net_request(h, request, sc);
	memset(&rq, 0, sizeof rq);
	if (!kv_op_of(sc->num, &rq.op, &keystore))
		return ZOS_ERR_NOT_SUPPORTED;
	rq.id = (uint32_t)request;
	rq.cookie = request;
	if (rq.op == KV_WRITE) {
		int err = split_write(&rq, sc->in, sc->in_len);
		if (err)
			return err;
	} else if (rq.op == KV_BATCH) {
		rq.value = sc->in;
		rq.value_len = sc->in_len;
	} else {
		rq.key = sc->in;
		rq.key_len = sc->in_len;
	}
	if ((keystore ? h->keystore : h->storage) == 0)
		return ZOS_ERR_NOT_SUPPORTED;
	/* A database is outside the log: the log must be ahead of what is
	 * written to it. A read changes nothing outside, and what it leads to
	 * leaves the system only as output, which waits for the log anyway. */
	if (rq.op != KV_READ && rq.op != KV_EXISTS && rq.op != KV_LIST &&
	    hosted_make_durable(h) != ZOS_OK)
		return ZOS_ERR_LOG_FAILED;
	return kv_submit(keystore ? h->keystore : h->storage, &rq);
}

/* A key list longer than one message keeps the whole entries that fit
 * (u32 count, then u16 length + key each) and says it was cut short. */
static uint32_t fit_list(uint8_t *list, uint32_t len, uint8_t *truncated)
{
	uint32_t count, kept = 0, pos = 4;

	if (len < 4)
		return len;
	memcpy(&count, list, 4);
	while (kept < count && pos + 2 <= len) {
		uint16_t klen;
		memcpy(&klen, list + pos, 2);
		if (pos + 2 + klen > ZOS_KV_RESULT_DATA_MAX || pos + 2 + klen > len)
			break;
		pos += 2u + klen;
		kept++;
	}
	if (kept < count) {
		*truncated = 1;
		memcpy(list, &kept, 4);
	}
	return pos;
}

/* One result as the message the requester receives. */
static void deliver(struct hosted *h, const struct kv_result *res, uint32_t tag)
{
	static uint8_t body[ZOS_MSG_MAX];
	struct zos_device_result hd = { (uint32_t)res->cookie, res->kind, res->exists,
					res->truncated, 0 };
	uint32_t n = res->data_len;
	const uint8_t *data = res->data;
	char why[96];

	if (res->kind == ZOS_STORAGE_RES_LIST_OK && n > ZOS_KV_RESULT_DATA_MAX)
		n = fit_list(res->data, n, &hd.truncated);
	if (n > ZOS_KV_RESULT_DATA_MAX) {
		hd.kind = ZOS_STORAGE_RES_ERROR;
		n = (uint32_t)snprintf(why, sizeof why, "value of %u bytes is larger than one message",
				       res->data_len);
		data = (const uint8_t *)why;
	}
	memcpy(body, &hd, sizeof hd);
	if (n)
		memcpy(body + sizeof hd, data, n);
	/* NOT_FOUND here means the requester (or its endpoint) went away. */
	system_device_done(h->sys, res->cookie, tag, body, (uint32_t)sizeof hd + n);
}

void hosted_device_results(struct hosted *h, struct kvstore *kv, uint32_t tag)
{
	struct kv_result res;

	if (!kv)
		return;
	while (kv_take(kv, &res)) {
		deliver(h, &res, tag);
		kv_result_free(&res);
	}
}

void hosted_net_results(struct hosted *h)
{
	static struct net_result res;

	if (!h->network)
		return;
	while (net_take(h->network, &res))
		system_device_done(h->sys, res.cookie, ZOS_MSG_DEV_NET_RESULT, res.body, res.len);
}
