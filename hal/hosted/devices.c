/*
 * Devices on the hosted platform: the storage and keystore key-value stores
 * (two separate SQLite files in the data directory, kvstore.c) and the
 * network device (libcurl, net.c) behind the device syscalls. The System
 * has checked the caller's capability, taken its reply cap and made the log
 * durable where the request changes a store or leaves the system; here a
 * request becomes a job, and a finished job the result message the loop
 * hands to system_device_done.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <zos/abi.h>
#include <zos/error.h>
#include <zos/msg.h>

#include "hal/hosted/hosted.h"
#include "lib/kv_request.h"

int devices_open(struct hdevices *d, const char *data_dir, char *err, size_t cap)
{
	char path[PATH_MAX + 32], why[256];

	snprintf(path, sizeof path, "%s/storage.db", data_dir);
	d->storage = kv_open(path, why, sizeof why);
	if (!d->storage) {
		snprintf(err, cap, "storage database %s: %s", path, why);
		return ZOS_ERR_IO;
	}
	snprintf(path, sizeof path, "%s/keystore.db", data_dir);
	d->keystore = kv_open(path, why, sizeof why);
	if (!d->keystore) {
		snprintf(err, cap, "keystore database %s: %s", path, why);
		return ZOS_ERR_IO;
	}
	d->network = net_open(why, sizeof why);
	if (!d->network) {
		snprintf(err, cap, "network device: %s", why);
		return ZOS_ERR_IO;
	}
	return ZOS_OK;
}

void devices_close(struct hdevices *d)
{
	if (d->storage)
		kv_close(d->storage);
	if (d->keystore)
		kv_close(d->keystore);
	net_close(d->network);
	d->storage = d->keystore = 0;
	d->network = 0;
}

static int watch(int epfd, int fd, uint64_t key)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = key };
	return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
}

int devices_watch(const struct hdevices *d, int epfd)
{
	if (d->storage && watch(epfd, kv_event_fd(d->storage), KEY_STORAGE) != 0)
		return -1;
	if (d->keystore && watch(epfd, kv_event_fd(d->keystore), KEY_KEYSTORE) != 0)
		return -1;
	if (d->network && watch(epfd, net_event_fd(d->network), KEY_NETWORK) != 0)
		return -1;
	return 0;
}

static int net_request(struct hdevices *d, uint64_t request, const zos_syscall_t *sc)
{
	const char *why = 0;
	int err;

	if (!d->network)
		return ZOS_ERR_NOT_SUPPORTED;
	err = net_submit(d->network, request, sc->in, sc->in_len, &why);
	if (err && d->verbose && d->say)
		console_say(d->say, "zos: network request refused: %s\n", why ? why : "?");
	return err;
}

int devices_request(struct hdevices *d, uint64_t request, const zos_syscall_t *sc)
{
	struct kv_request rq;
	struct kv_call call;
	struct kvstore *kv;
	int err;

	if (sc->num == ZOS_SYS_NETWORK_FETCH)
		return net_request(d, request, sc);
	err = kv_call_decode(sc, &call);
	if (err)
		return err;
	kv = call.keystore ? d->keystore : d->storage;
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
	return kv_submit(kv, &rq);
}

static int kv_next(struct kvstore *kv, uint32_t tag, struct hdevice_result *out)
{
	struct kv_result res;

	if (!kv || !kv_take(kv, &res))
		return 0;
	out->request = res.cookie;
	out->tag = tag;
	out->len = kv_result_body(out->body, (uint32_t)res.cookie, res.kind, res.exists,
				  res.truncated, res.data, res.data_len);
	kv_result_free(&res);
	return 1;
}

int devices_result(struct hdevices *d, uint64_t key, struct hdevice_result *out)
{
	static struct net_result res;

	switch (key) {
	case KEY_STORAGE: return kv_next(d->storage, ZOS_MSG_DEV_STORAGE_RESULT, out);
	case KEY_KEYSTORE: return kv_next(d->keystore, ZOS_MSG_DEV_KEYSTORE_RESULT, out);
	case KEY_NETWORK:
		if (!d->network || !net_take(d->network, &res))
			return 0;
		if (res.len > sizeof out->body)
			res.len = sizeof out->body; /* net.c never makes one longer than a message */
		out->request = res.cookie;
		out->tag = ZOS_MSG_DEV_NET_RESULT;
		out->len = res.len;
		memcpy(out->body, res.body, res.len);
		return 1;
	default: return 0;
	}
}
