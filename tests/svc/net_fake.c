/* The fake network device (net_fake.h). */
#include "svc/net_fake.h"

#include <stdio.h>
#include <string.h>

#include <zos/abi.h>
#include <zos/error.h>
#include <zos/msg.h>

#include "lib/net_wire.h"

uint32_t net_fake_requests;

static uint32_t error(uint64_t request, uint32_t code, const char *msg, uint8_t *out)
{
	struct zos_device_result hd = { (uint32_t)request, ZOS_STORAGE_RES_ERROR, 0, 0, 0 };
	struct zos_net_error e = { code };

	memcpy(out, &hd, sizeof hd);
	memcpy(out + sizeof hd, &e, sizeof e);
	memcpy(out + sizeof hd + sizeof e, msg, strlen(msg));
	return (uint32_t)(sizeof hd + sizeof e + strlen(msg));
}

struct resp {
	uint16_t status;
	uint8_t headers[ZOS_NET_RESP_HEADER_BYTES];
	uint32_t headers_len, nheaders;
	uint8_t body[ZOS_NET_RESP_BODY_MAX];
	uint32_t body_len;
};

static void header(struct resp *r, const char *h)
{
	if (znet_header_put(r->headers, sizeof r->headers, &r->headers_len, h,
			    (uint32_t)strlen(h)) == ZOS_OK)
		r->nheaders++;
}

static void text(struct resp *r, const char *t)
{
	size_t n = strlen(t);

	if (n > sizeof r->body - r->body_len)
		n = sizeof r->body - r->body_len;
	memcpy(r->body + r->body_len, t, n);
	r->body_len += (uint32_t)n;
}

static uint32_t ok(uint64_t request, const struct resp *r, uint8_t *out)
{
	struct zos_device_result hd = { (uint32_t)request, ZOS_STORAGE_RES_READ_OK, 0, 0, 0 };
	struct zos_net_result nr = { r->status, (uint16_t)r->nheaders, (uint16_t)r->headers_len, 0,
				     r->body_len };
	uint32_t at = (uint32_t)(sizeof hd + sizeof nr);

	memcpy(out, &hd, sizeof hd);
	memcpy(out + sizeof hd, &nr, sizeof nr);
	memcpy(out + at, r->headers, r->headers_len);
	memcpy(out + at + r->headers_len, r->body, r->body_len);
	return at + r->headers_len + r->body_len;
}

static int ends(const struct znet_request *rq, const char *path)
{
	size_t n = strlen(path);
	return rq->url_len >= n && !memcmp(rq->url + rq->url_len - n, path, n);
}

int net_fake_device(uint64_t request, const uint8_t *in, uint32_t len, uint8_t *out,
		    uint32_t *out_len)
{
	static struct resp r;
	struct znet_request rq;
	const char *why;
	char line[700];

	if (znet_request_decode(in, len, &rq, &why) != ZOS_OK)
		return ZOS_ERR_INVALID_ARGUMENT;
	net_fake_requests++;
	memset(&r, 0, sizeof r);
	r.status = 200;
	if (ends(&rq, "/hello")) {
		header(&r, "Content-Type: text/plain");
		text(&r, "hello\n");
	} else if (ends(&rq, "/404")) {
		r.status = 404;
		text(&r, "not found\n");
	} else if (ends(&rq, "/slow")) {
		snprintf(line, sizeof line, "timed out after %u s",
			 (unsigned)(znet_timeout(rq.timeout_ms) / 1000));
		*out_len = error(request, ZOS_NET_ERR_TIMEOUT, line, out);
		return ZOS_OK;
	} else if (ends(&rq, "/big")) {
		*out_len = error(request, ZOS_NET_ERR_TOO_LARGE, "the reply is larger than 3072 bytes",
				 out);
		return ZOS_OK;
	} else if (ends(&rq, "/binary")) {
		for (uint32_t i = 0; i < 1024; i++)
			r.body[i] = (uint8_t)i;
		r.body_len = 1024;
	} else if (ends(&rq, "/escapes")) {
		memset(r.body, '"', 3000);
		r.body_len = 3000;
	} else if (ends(&rq, "/headers")) {
		for (int i = 0; i < 20; i++) {
			snprintf(line, sizeof line, "X-Header-%02d: %s", i,
				 "01234567890123456789");
			header(&r, line);
		}
		memset(r.body, 'a', sizeof r.body);
		for (int i = 0; i < 300; i++)
			r.body[i * 10] = '\n';
		r.body_len = sizeof r.body;
	} else if (ends(&rq, "/echo")) {
		uint32_t pos = 0;
		const char *h;
		uint16_t hl;
		snprintf(line, sizeof line, "%s %.*s timeout=%u\n", znet_method_name(rq.method),
			 (int)rq.url_len, rq.url, (unsigned)rq.timeout_ms);
		text(&r, line);
		while (znet_header_next(rq.headers, rq.headers_len, &pos, &h, &hl) == 1) {
			snprintf(line, sizeof line, "%.*s\n", (int)hl, h);
			text(&r, line);
		}
		if (rq.body_len <= sizeof r.body - r.body_len) {
			memcpy(r.body + r.body_len, rq.body, rq.body_len);
			r.body_len += rq.body_len;
		}
	} else if (ends(&rq, "/hold")) {
		/* a result for a request nobody made: the caller keeps waiting */
		*out_len = error(request + 100000, ZOS_NET_ERR_FAILED, "not for you", out);
		return ZOS_OK;
	} else {
		*out_len = error(request, ZOS_NET_ERR_CONNECT, "could not connect", out);
		return ZOS_OK;
	}
	*out_len = ok(request, &r, out);
	return ZOS_OK;
}
