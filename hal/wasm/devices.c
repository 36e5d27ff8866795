/*
 * The browser's devices: storage and keystore (one IndexedDB database
 * each) and the network (fetch). The System has checked the caller's
 * capability and taken its reply cap; here a request is decoded and
 * checked with the parsers every platform uses (lib/kv_request.c,
 * lib/kv_batch.c, lib/net_wire.c) and handed to the worker as plain
 * operations, and a finished one comes back through the exports below,
 * shaped into its result message with the encoders every platform uses
 * (kv_result_body, kv_list_add, znet_result_ok/error) for
 * system_device_done. The worker sees no syscall bytes and builds no
 * message: it only stores, looks up and fetches.
 *
 * The worker hands data in through the scratch area (zos_wasm_scratch,
 * ZOS_WASM_SCRATCH bytes); every length it passes is checked against it.
 */
#include <zos/error.h>
#include <zos/msg.h>

#include "hal/wasm/wasm.h"
#include "lib/bytes.h"
#include "lib/kv_batch.h"
#include "lib/kv_request.h"
#include "lib/mem.h"
#include "lib/net_wire.h"

/* A LIST result under construction (zos_wasm_list_*). */
static struct {
	uint8_t data[ZOS_KV_RESULT_DATA_MAX];
	uint32_t len, count;
	uint8_t truncated;
} list;

/* Response headers under construction (zos_wasm_net_header). */
static struct {
	uint8_t block[ZOS_NET_RESP_HEADER_BYTES];
	uint32_t len, count, omitted;
} headers;

static void each_batch_entry(const struct kv_call *c)
{
	struct kv_batch_entry e;
	uint32_t count = zos_le32(c->value);
	size_t pos = 4;

	/* kv_call_decode checked the whole batch: these reads stay inside. */
	for (uint32_t i = 0; i < count; i++) {
		kv_batch_next(c->value, &pos, &e);
		zk_kv_entry(e.op, e.key, e.key_len, e.value, e.value_len);
	}
}

static int kv_request(uint64_t request, const zos_syscall_t *sc)
{
	struct kv_call c;
	int err = kv_call_decode(sc, &c);

	if (err)
		return err;
	err = zk_kv_begin((uint32_t)request, (uint32_t)(request >> 32), c.keystore, c.op);
	if (err)
		return err;
	if (c.op == KV_BATCH)
		each_batch_entry(&c);
	else
		zk_kv_entry(c.op, c.key, c.key_len, c.value, c.op == KV_WRITE ? c.value_len : 0);
	zk_kv_end((uint32_t)kv_op_mutates(c.op));
	return ZOS_OK;
}

static int net_request(uint64_t request, const zos_syscall_t *sc)
{
	struct znet_request rq;
	const char *why = 0, *h;
	uint32_t pos = 0;
	uint16_t hl;
	int err = znet_request_decode(sc->in, sc->in_len, &rq, &why);

	if (err)
		return err;
	err = zk_net_begin((uint32_t)request, (uint32_t)(request >> 32), rq.method,
			   (uint32_t)znet_timeout(rq.timeout_ms), (const uint8_t *)rq.url, rq.url_len,
			   rq.body, rq.body_len);
	if (err)
		return err;
	while (znet_header_next(rq.headers, rq.headers_len, &pos, &h, &hl) == 1)
		zk_net_header((const uint8_t *)h, hl);
	zk_net_end();
	return ZOS_OK;
}

int wasm_device_request(uint64_t request, const zos_syscall_t *sc)
{
	if (sc->num == ZOS_SYS_NETWORK_FETCH)
		return net_request(request, sc);
	return kv_request(request, sc);
}

static uint64_t request_id(uint32_t lo, uint32_t hi)
{
	return (uint64_t)lo | (uint64_t)hi << 32;
}

static void deliver(uint64_t request, uint32_t tag, const uint8_t *body, uint32_t len)
{
	/* NOT_FOUND: the requester, or its endpoint, went away meanwhile. */
	system_device_done(wasm.sys, request, tag, body, len);
}

ZOS_WASM_EXPORT(zos_wasm_scratch) uint8_t *zos_wasm_scratch(void);
uint8_t *zos_wasm_scratch(void)
{
	return wasm.scratch;
}

ZOS_WASM_EXPORT(zos_wasm_list_begin) void zos_wasm_list_begin(void);
void zos_wasm_list_begin(void)
{
	list.len = 4; /* the count goes here once known */
	list.count = 0;
	list.truncated = 0;
}

/* The next matching key (key_len bytes in the scratch area), in key order:
 * 1, or 0 when it did not fit (the list is then cut short here). */
ZOS_WASM_EXPORT(zos_wasm_list_add) int32_t zos_wasm_list_add(uint32_t key_len);
int32_t zos_wasm_list_add(uint32_t key_len)
{
	if (list.truncated || key_len > ZOS_KV_KEY_MAX ||
	    !kv_list_add(list.data, sizeof list.data, &list.len, &list.count, wasm.scratch, key_len)) {
		list.truncated = 1;
		return 0;
	}
	return 1;
}

/* A storage or keystore request finished: kind (ZOS_STORAGE_RES_*), with
 * data_len bytes of data in the scratch area (a value, or an error's
 * text); LIST_OK takes the list built since zos_wasm_list_begin (more:
 * the store had keys beyond those it offered). */
ZOS_WASM_EXPORT(zos_wasm_kv_done) void zos_wasm_kv_done(uint32_t lo, uint32_t hi,
							uint32_t keystore, uint32_t kind,
							uint32_t exists, uint32_t more,
							uint32_t data_len);
void zos_wasm_kv_done(uint32_t lo, uint32_t hi, uint32_t keystore, uint32_t kind, uint32_t exists,
		      uint32_t more, uint32_t data_len)
{
	static uint8_t body[ZOS_MSG_MAX];
	uint32_t tag = keystore ? ZOS_MSG_DEV_KEYSTORE_RESULT : ZOS_MSG_DEV_STORAGE_RESULT;
	const uint8_t *data = wasm.scratch;
	uint8_t truncated = 0;
	uint32_t len;

	if (data_len > sizeof wasm.scratch)
		data_len = sizeof wasm.scratch; /* kv_result_body refuses what is too long */
	if (kind == ZOS_STORAGE_RES_LIST_OK) {
		zos_st32(list.data, list.count);
		data = list.data;
		data_len = list.len;
		truncated = list.truncated || more;
	}
	len = kv_result_body(body, lo, (uint8_t)kind, (uint8_t)(exists != 0), truncated, data,
			     data_len);
	deliver(request_id(lo, hi), tag, body, len);
}

ZOS_WASM_EXPORT(zos_wasm_net_begin) void zos_wasm_net_begin(void);
void zos_wasm_net_begin(void)
{
	headers.len = headers.count = headers.omitted = 0;
}

/* One response header ("Name: value", len bytes in the scratch area), in
 * order: kept while it fits and is plain ASCII, else counted as omitted. */
ZOS_WASM_EXPORT(zos_wasm_net_header) void zos_wasm_net_header(uint32_t len);
void zos_wasm_net_header(uint32_t len)
{
	if (len > sizeof wasm.scratch) {
		headers.omitted++;
		return;
	}
	znet_response_header(headers.block, sizeof headers.block, &headers.len, &headers.count,
			     &headers.omitted, (const char *)wasm.scratch, len);
}

/* A response: status, the headers given since zos_wasm_net_begin, and
 * body_len bytes of body in the scratch area (more than the device
 * carries: the result is TOO_LARGE). */
ZOS_WASM_EXPORT(zos_wasm_net_ok) void zos_wasm_net_ok(uint32_t lo, uint32_t hi, uint32_t status,
						      uint32_t body_len);
void zos_wasm_net_ok(uint32_t lo, uint32_t hi, uint32_t status, uint32_t body_len)
{
	static uint8_t body[ZOS_MSG_MAX];
	struct znet_response resp = {
		.status = (uint16_t)status,
		.nheaders = headers.count,
		.headers = headers.block,
		.headers_len = headers.len,
		.headers_omitted = headers.omitted,
		.body = wasm.scratch,
		.body_len = body_len > sizeof wasm.scratch ? sizeof wasm.scratch : body_len,
	};
	uint32_t len = znet_result_ok(body, lo, &resp);

	deliver(request_id(lo, hi), ZOS_MSG_DEV_NET_RESULT, body, len);
}

/* A request that failed: code (ZOS_NET_ERR_*) and msg_len bytes of a
 * message for people in the scratch area. */
ZOS_WASM_EXPORT(zos_wasm_net_error) void zos_wasm_net_error(uint32_t lo, uint32_t hi,
							    uint32_t code, uint32_t msg_len);
void zos_wasm_net_error(uint32_t lo, uint32_t hi, uint32_t code, uint32_t msg_len)
{
	static uint8_t body[ZOS_MSG_MAX];
	uint32_t len = znet_result_error(body, lo, code, (const char *)wasm.scratch,
					 msg_len > sizeof wasm.scratch ? sizeof wasm.scratch : msg_len);

	deliver(request_id(lo, hi), ZOS_MSG_DEV_NET_RESULT, body, len);
}
