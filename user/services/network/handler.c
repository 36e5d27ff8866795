/*
 * NetworkService's messages (network.h): NET_REQUEST from callers, and the
 * network device's NET_RESULT from the kernel (pid 0), which is how the
 * answer to a waiting caller is made. A NET_RESULT from anyone else is
 * refused; a result nobody waits for is dropped.
 */
#include "network.h"

#include "lib/fmt.h"
#include "lib/mem.h"

struct pending {
	uint8_t used;
	uint32_t request;     /* the device's request id */
	uint32_t reply_slot;  /* the caller's reply cap */
};

static struct pending pending[NETWORK_MAX_PENDING];
static uint8_t wire[sizeof(struct zos_net_request_in) + ZOS_NET_URL_MAX +
		    ZOS_NET_REQ_HEADER_BYTES + ZOS_NET_REQ_BODY_MAX];
static char answer[ZOS_MSG_MAX];

uint32_t network_pending(void)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < NETWORK_MAX_PENDING; i++)
		n += pending[i].used;
	return n;
}

void network_reset(void)
{
	zos_memset(pending, 0, sizeof pending);
}

static void drop_extra_caps(const struct zos_msg *m)
{
	for (uint32_t i = 1; i < m->h.ncaps && i < ZOS_MSG_MAX_CAPS; i++)
		zos_cap_delete(m->h.cap_slots[i]);
}

static void fail(const struct zos_msg *m, uint32_t code, const char *what)
{
	uint32_t n = network_error(code, what, answer, sizeof answer);
	zos_answer(m, ZOS_MSG_NET_NET_RESPONSE, answer, n);
}

static void on_request(const struct zos_msg *m)
{
	struct pending *p = 0;
	const char *why = "the request is malformed";
	uint32_t len = 0, timeout_ms = 0;
	int64_t id;

	if (m->h.ncaps == 0)
		return; /* sent, not called: nobody to answer, so nothing is fetched */
	if (network_parse_request((const char *)m->body, m->h.size, wire, sizeof wire, &len,
				  &timeout_ms, &why) != ZOS_OK) {
		fail(m, ZOS_NET_ERR_BAD_REQUEST, why);
		return;
	}
	for (uint32_t i = 0; i < NETWORK_MAX_PENDING && !p; i++)
		if (!pending[i].used)
			p = &pending[i];
	if (!p) {
		fail(m, ZOS_NET_ERR_BUSY, "too many network requests under way; try again");
		return;
	}
	/* the result comes back to our own endpoint, as a NET_RESULT */
	id = zos_device(ZOS_SYS_NETWORK_FETCH, ZOS_SLOT_DEVICE, ZOS_SLOT_SELF, wire, len);
	if (id < 0) {
		char text[96];
		zos_snprintf(text, sizeof text, "the network device refused the request: %s",
			     zos_strerror(id));
		fail(m, id == ZOS_ERR_RESOURCE_EXHAUSTED ? ZOS_NET_ERR_BUSY : ZOS_NET_ERR_FAILED,
		     text);
		return;
	}
	p->used = 1;
	p->request = (uint32_t)id;
	p->reply_slot = m->h.cap_slots[0];
	drop_extra_caps(m);
}

static void on_result(const struct zos_msg *m)
{
	struct zos_device_result hd;
	uint32_t n;

	if (m->h.size < sizeof hd)
		return;
	zos_memcpy(&hd, m->body, sizeof hd);
	for (uint32_t i = 0; i < NETWORK_MAX_PENDING; i++) {
		struct pending *p = &pending[i];
		if (!p->used || p->request != hd.request)
			continue;
		n = network_reply(m->body, m->h.size, answer, sizeof answer);
		if (zos_reply(p->reply_slot, ZOS_MSG_NET_NET_RESPONSE, answer, n) < 0)
			zos_cap_delete(p->reply_slot); /* the caller went away */
		p->used = 0;
		return;
	}
}

int network_handle(struct zos_msg *m)
{
	switch (m->h.tag) {
	case ZOS_MSG_NET_NET_REQUEST:
		on_request(m);
		return 1;
	case ZOS_MSG_NET_NET_RESULT:
		if (m->h.sender != ZOS_PID_KERNEL)
			return 0; /* only the device's results are results */
		on_result(m);
		for (uint32_t i = 0; i < m->h.ncaps && i < ZOS_MSG_MAX_CAPS; i++)
			zos_cap_delete(m->h.cap_slots[i]);
		return 1;
	default:
		return 0;
	}
}
