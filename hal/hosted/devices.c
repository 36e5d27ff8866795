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
	struct kv_call call;
	struct kvstore *kv;
	int err;

	(void)pid;
	if (sc->num == ZOS_SYS_NETWORK_FETCH)
		return net_request(h, request, sc);
	err = kv_call_decode(sc, &call);
	if (err)
		return err;
	kv = call.keystore ? h->keystore : h->storage;
	if (!kv)
		return ZOS_ERR_NOT_SUPPORTED;
	memset(&rq, 0, sizeof rq);
	rq.id = (uint32_t)request;
	rq.cookie = request;
	rq.op = call.op;
	rq.key = call.key;
	rq.key_len = call.key_len;
	rq.value = call.value;
	rq.value_len = call.value_len;
	/* A database is outside the log: the log must be ahead of what is
	 * written to it. A read changes nothing outside, and what it leads to
	 * leaves the system only as output, which waits for the log anyway. */
	if (kv_op_mutates(call.op) && hosted_make_durable(h) != ZOS_OK)
		return ZOS_ERR_LOG_FAILED;
	return kv_submit(kv, &rq);
}

/* One result as the message the requester receives. NOT_FOUND from
 * system_device_done means the requester (or its endpoint) went away. */
static void deliver(struct hosted *h, const struct kv_result *res, uint32_t tag)
{
	static uint8_t body[ZOS_MSG_MAX];
	uint32_t n = kv_result_body(body, (uint32_t)res->cookie, res->kind, res->exists,
				    res->truncated, res->data, res->data_len);

	system_device_done(h->sys, res->cookie, tag, body, n);
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
