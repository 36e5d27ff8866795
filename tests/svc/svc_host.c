/* The service host (see svc_host.h). */
#include "svc_host.h"

#include "answer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct svc_host *host;
static uint32_t playing = ZOS_PID_INIT;

/* Device results produced during a syscall, delivered right after it (the
 * System is never re-entered from inside a HAL call). */
struct pending {
	uint64_t request;
	uint32_t tag;
	uint32_t len;
	uint8_t body[ZOS_MSG_MAX];
};
static struct pending pending[ZOS_MAX_SLOTS];
static uint32_t npending;

static int device(void *ctx, uint32_t pid, uint64_t request, const zos_syscall_t *sc)
{
	struct svc_host *h = ctx ? host : host;
	int keystore = sc->num >= ZOS_SYS_KEYSTORE_READ && sc->num <= ZOS_SYS_KEYSTORE_EXISTS;
	struct pending *p;

	(void)pid;
	if (npending >= ZOS_MAX_SLOTS)
		return ZOS_ERR_NOT_SUPPORTED;
	if (sc->num == ZOS_SYS_NETWORK_FETCH) {
		int err;
		if (!h->network)
			return ZOS_ERR_NOT_SUPPORTED;
		p = &pending[npending];
		err = h->network(request, sc->in, sc->in_len, p->body, &p->len);
		if (err)
			return err;
		p->request = request;
		p->tag = ZOS_MSG_DEV_NET_RESULT;
		npending++;
		return ZOS_OK;
	}
	p = &pending[npending++];
	p->request = request;
	p->tag = keystore ? ZOS_MSG_DEV_KEYSTORE_RESULT : ZOS_MSG_DEV_STORAGE_RESULT;
	p->len = memkv_request(keystore ? &h->keystore : &h->storage, sc->num, request, sc->in,
			       sc->in_len, p->body, sizeof p->body);
	return ZOS_OK;
}

static void deliver_pending(void)
{
	for (uint32_t i = 0; i < npending; i++)
		system_device_done(host->sys, pending[i].request, pending[i].tag, pending[i].body,
				   pending[i].len);
	npending = 0;
}

int64_t zos_syscall(zos_syscall_t *sc)
{
	int64_t r = 0;
	enum system_outcome o = system_syscall(host->sys, playing, sc, &r);

	deliver_pending();
	if (o == SYS_PARKED) {
		/* a service may only wait for what is already on its way */
		fprintf(stderr, "svc_host: pid %u would block forever in %s\n", playing,
			zos_syscall_name(sc->num));
		abort();
	}
	return o == SYS_GONE ? 0 : r;
}

void svc_host_as(struct svc_host *h, uint32_t pid)
{
	host = h;
	playing = pid;
}

void svc_host_boot(struct svc_host *h, const char *name, uint8_t device_id)
{
	int64_t r;

	memset(h, 0, sizeof *h);
	fake_init(&h->fp);
	h->fp.hal.device_request = device;
	memkv_init(&h->storage);
	memkv_init(&h->keystore);
	h->sys = fake_system(&h->fp);
	svc_host_as(h, ZOS_PID_INIT);
	r = zos_register_process(ZOS_INIT_DEVICE_SLOT(ZOS_DEV_SPAWN), name);
	h->svc_pid = ZOS_UNPACK_ID(r);
	h->svc_ep = ZOS_UNPACK_SLOT(zos_create_endpoint_for(ZOS_UNPACK_SLOT(r)));
	zos_cap_grant(ZOS_INIT_INBOX_SLOT, ZOS_UNPACK_SLOT(r), ZOS_RIGHT_WRITE);
	if (device_id)
		zos_cap_grant(ZOS_INIT_DEVICE_SLOT(device_id), ZOS_UNPACK_SLOT(r), ZOS_RIGHTS_ALL);
	svc_host_as(h, h->svc_pid);
	zos_runtime_init();
}

void svc_host_free(struct svc_host *h)
{
	memkv_free(&h->storage);
	memkv_free(&h->keystore);
	fake_system_free(h->sys);
	fake_free(&h->fp);
}

uint32_t svc_host_client(struct svc_host *h, const char *name)
{
	uint32_t saved = playing;
	int64_t r;

	svc_host_as(h, ZOS_PID_INIT);
	r = zos_register_process(ZOS_INIT_DEVICE_SLOT(ZOS_DEV_SPAWN), name);
	zos_create_endpoint_for(ZOS_UNPACK_SLOT(r));
	zos_cap_grant(h->svc_ep, ZOS_UNPACK_SLOT(r), ZOS_RIGHT_WRITE);
	svc_host_as(h, saved);
	return ZOS_UNPACK_ID(r);
}

int64_t svc_host_request(struct svc_host *h, uint32_t client, uint32_t tag, const void *body,
			 uint32_t len, zos_handler handle, struct zos_msg *reply)
{
	static struct zos_msg m;
	uint32_t self = ZOS_SLOT_SELF;
	uint8_t w = ZOS_RIGHT_WRITE;
	int64_t r;

	svc_host_as(h, client);
	r = zos_send_caps(1, tag, &self, &w, 1, body, len);
	if (r < 0)
		return r;
	svc_host_as(h, h->svc_pid);
	while (zos_recv(ZOS_SLOT_SELF, &m, 0) >= 0)
		if (!handle || !handle(&m)) {
			int64_t err = ZOS_ERR_NOT_SUPPORTED;
			zos_answer(&m, m.h.tag, &err, sizeof err);
		}
	svc_host_as(h, client);
	r = zos_recv(ZOS_SLOT_SELF, reply, 0);
	svc_host_as(h, h->svc_pid);
	return r;
}

const char *svc_host_ask(struct svc_host *h, uint32_t client, uint32_t tag, const char *body,
			 zos_handler handle, struct zos_msg *reply)
{
	static char text[ZOS_MSG_MAX + 1];
	int64_t n = svc_host_request(h, client, tag, body, (uint32_t)strlen(body), handle, reply);

	if (n < 0) {
		snprintf(text, sizeof text, "(no answer: %lld)", (long long)n);
		return text;
	}
	if (reply->h.tag == tag + 1 && !svc_host_answer_ok(reply)) {
		snprintf(text, sizeof text, "(a malformed answer: %.*s)", (int)n,
			 (const char *)reply->body);
		return text;
	}
	memcpy(text, reply->body, (size_t)n);
	text[n] = 0;
	return text;
}

int svc_host_answer_ok(const struct zos_msg *reply)
{
	static struct zjson_tok toks[ZOS_MSG_MAX / 2 + 1]; /* a token takes 2 bytes at least */
	static struct zos_refusal r;
	struct zjson_doc doc;
	uint32_t n = reply->h.size < ZOS_MSG_MAX ? reply->h.size : ZOS_MSG_MAX;

	return zos_answer_read(&doc, reply->body, n, toks, ZOS_MSG_MAX / 2 + 1, 0, &r) >= 0;
}

void svc_host_check_answer(const char *fuzzer, const struct zos_msg *reply)
{
	if (svc_host_answer_ok(reply))
		return;
	fprintf(stderr, "%s: an answer is not the one answer shape: %.*s\n", fuzzer,
		(int)(reply->h.size > 200 ? 200 : reply->h.size), (const char *)reply->body);
	abort();
}
