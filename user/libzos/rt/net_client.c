/*
 * The NetworkService client (net.h): the request as JSON, one CALL, and
 * one retry with a fresh cap when the service's endpoint has gone away
 * (the service exited and Init will start it again on the next lookup).
 */
#include "net.h"
#include "perm.h"

#include "lib/json.h"
#include "lib/mem.h"

static int32_t net_slot = -1;

int64_t zos_net_connect(uint32_t *slot)
{
	uint32_t s;
	int64_t r;

	if (net_slot >= 0) {
		*slot = (uint32_t)net_slot;
		return ZOS_OK;
	}
	/* The one place that knows how network access is obtained (net.h):
	 * PermissionService grants it (a copy of its cap to the service),
	 * when the caller's manifest and the policy allow it. */
	int32_t granted;
	r = zos_perm_request("network", -1, &granted);
	if (r < 0)
		return r;
	if (granted < 0)
		return ZOS_ERR_NOT_FOUND;
	s = (uint32_t)granted;
	net_slot = (int32_t)s;
	*slot = s;
	return ZOS_OK;
}

static int64_t encode(const struct zos_net_req *rq, char *out, uint32_t cap)
{
	struct zjson_writer w;

	zjson_writer_init(&w, out, cap);
	zjson_object_begin(&w);
	zjson_key(&w, "url");
	zjson_string(&w, rq->url ? rq->url : "");
	zjson_key(&w, "method");
	zjson_string(&w, rq->method ? rq->method : "GET");
	if (rq->nheaders) {
		zjson_key(&w, "headers");
		zjson_object_begin(&w);
		for (uint32_t i = 0; i < rq->nheaders; i++) {
			char name[ZOS_NET_HEADER_MAX + 1];
			const char *h = rq->headers[i], *colon = h;
			const char *v;
			while (*colon && *colon != ':')
				colon++;
			if (!*colon || (size_t)(colon - h) >= sizeof name)
				return ZOS_ERR_INVALID_ARGUMENT;
			zos_memcpy(name, h, (size_t)(colon - h));
			name[colon - h] = 0;
			for (v = colon + 1; *v == ' '; v++)
				;
			zjson_key(&w, name);
			zjson_string(&w, v);
		}
		zjson_object_end(&w);
	}
	if (rq->body) {
		zjson_key(&w, "body");
		zjson_string(&w, rq->body);
	}
	if (rq->timeout_ms) {
		zjson_key(&w, "timeout_ms");
		zjson_uint64(&w, rq->timeout_ms);
	}
	zjson_object_end(&w);
	if (zjson_finish(&w) != ZOS_OK)
		return ZOS_ERR_MESSAGE_TOO_LARGE;
	return (int64_t)w.len;
}

static int gone(int64_t r)
{
	return r == ZOS_ERR_ENDPOINT_NOT_FOUND || r == ZOS_ERR_INVALID_SLOT ||
	       r == ZOS_ERR_OBJECT_NOT_FOUND || r == ZOS_ERR_EXPIRED;
}

int64_t zos_net_request(const struct zos_net_req *rq, struct zos_msg *reply)
{
	static char text[ZOS_MSG_MAX];
	int64_t len = encode(rq, text, sizeof text), r = 0;
	uint32_t slot;

	if (len < 0)
		return len;
	for (int attempt = 0; attempt < 2; attempt++) {
		r = zos_net_connect(&slot);
		if (r < 0)
			return r;
		r = zos_call(slot, ZOS_MSG_NET_NET_REQUEST, text, (uint32_t)len, reply);
		if (!gone(r))
			return r;
		zos_cap_delete(slot); /* a cap to an endpoint that is no more */
		net_slot = -1;
	}
	return r;
}
