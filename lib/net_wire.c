/*
 * The NETWORK_FETCH wire format and its checks (net_wire.h). Lengths from
 * a peer are compared against what is left before anything is read.
 */
#include "lib/net_wire.h"

#include <zos/error.h>
#include <zos/msg.h>

#include "lib/mem.h"

static const struct {
	const char *name;
	uint8_t value;
} methods[] = {
#define ZOS_X_NET_METHOD_ROW(name, value) { #name, value },
	ZOS_NET_METHOD_LIST(ZOS_X_NET_METHOD_ROW)
#undef ZOS_X_NET_METHOD_ROW
};
#define NMETHODS (sizeof methods / sizeof methods[0])

const char *znet_method_name(uint32_t m)
{
	for (uint32_t i = 0; i < NMETHODS; i++)
		if (methods[i].value == m)
			return methods[i].name;
	return 0;
}

uint8_t znet_method_of(const char *name, size_t len)
{
	for (uint32_t i = 0; i < NMETHODS; i++)
		if (zos_strlen(methods[i].name) == len && !zos_memcmp(methods[i].name, name, len))
			return methods[i].value;
	return 0;
}

static int starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = zos_strlen(prefix);
	return len >= n && !zos_memcmp(s, prefix, n);
}

int znet_url_ok(const char *url, size_t len, const char **why)
{
	size_t host;

	if (len > ZOS_NET_URL_MAX) {
		*why = "the URL is longer than 1024 bytes";
		return 0;
	}
	if (starts_with(url, len, "http://"))
		host = 7;
	else if (starts_with(url, len, "https://"))
		host = 8;
	else {
		*why = "only http and https URLs";
		return 0;
	}
	for (size_t i = 0; i < len; i++)
		if (url[i] <= ' ' || url[i] > '~') {
			*why = "the URL has spaces or characters outside printable ASCII";
			return 0;
		}
	if (host == len || url[host] == '/' || url[host] == '?' || url[host] == '#' ||
	    url[host] == ':' || url[host] == '@') {
		*why = "the URL has no host";
		return 0;
	}
	return 1;
}

static int token_char(char c)
{
	static const char extra[] = "!#$%&'*+-.^_`|~";

	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return 1;
	for (size_t i = 0; extra[i]; i++)
		if (c == extra[i])
			return 1;
	return 0;
}

static int same_name(const char *a, size_t n, const char *b)
{
	if (zos_strlen(b) != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] + 32) : a[i];
		if (x != b[i])
			return 0;
	}
	return 1;
}

/* Headers the device writes itself: a client's own would let it frame the
 * request differently from what the device sends. */
static const char *const reserved[] = { "host", "content-length", "transfer-encoding",
					 "connection", "expect", "upgrade" };

int znet_header_ok(const char *h, size_t len, const char **why)
{
	size_t colon = 0;

	if (len == 0 || len > ZOS_NET_HEADER_MAX) {
		*why = "a header is empty or longer than 512 bytes";
		return 0;
	}
	while (colon < len && token_char(h[colon]))
		colon++;
	if (colon == 0 || colon == len || h[colon] != ':') {
		*why = "a header is not \"Name: value\"";
		return 0;
	}
	for (size_t i = colon + 1; i < len; i++)
		if ((h[i] < ' ' && h[i] != '\t') || h[i] > '~') {
			*why = "a header value has control or non-ASCII characters";
			return 0;
		}
	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
		if (same_name(h, colon, reserved[i])) {
			*why = "a header the network device sets itself (Host, Content-Length, ...)";
			return 0;
		}
	return 1;
}

int64_t znet_timeout(uint32_t ms)
{
	if (ms == 0)
		return ZOS_NET_TIMEOUT_DEFAULT_MS;
	return ms > ZOS_NET_TIMEOUT_MAX_MS ? -1 : (int64_t)ms;
}

int znet_header_put(uint8_t *block, uint32_t cap, uint32_t *used, const char *h, uint32_t len)
{
	uint16_t n = (uint16_t)len;

	if (len > 0xFFFFu || *used > cap || cap - *used < 2u + len)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	zos_memcpy(block + *used, &n, 2);
	zos_memcpy(block + *used + 2, h, len);
	*used += 2u + len;
	return ZOS_OK;
}

int znet_header_next(const uint8_t *block, uint32_t block_len, uint32_t *pos, const char **h,
		     uint16_t *len)
{
	uint16_t n;

	if (*pos == block_len)
		return 0;
	if (*pos > block_len || block_len - *pos < 2)
		return -1;
	zos_memcpy(&n, block + *pos, 2);
	if (block_len - *pos - 2 < n)
		return -1;
	*h = (const char *)block + *pos + 2;
	*len = n;
	*pos += 2u + n;
	return 1;
}

static int plain_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((s[i] < ' ' && s[i] != '\t') || s[i] > '~')
			return 0;
	return 1;
}

void znet_response_header(uint8_t *block, uint32_t cap, uint32_t *used, uint32_t *count,
			  uint32_t *omitted, const char *h, uint32_t len)
{
	int colon = 0;

	for (uint32_t i = 0; i < len && !colon; i++)
		colon = h[i] == ':';
	if (!colon || !plain_ascii(h, len) || znet_header_put(block, cap, used, h, len) != ZOS_OK)
		(*omitted)++;
	else
		(*count)++;
}

/* The checks shared by encode and decode. */
static int check(const struct znet_request *rq, const char **why)
{
	uint32_t pos = 0, count = 0;
	const char *h;
	uint16_t hl;
	int r;

	if (!znet_method_name(rq->method)) {
		*why = "the method is not one of GET, HEAD, POST, PUT, DELETE, PATCH";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	if (znet_timeout(rq->timeout_ms) < 0) {
		*why = "the timeout is longer than 30 s";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	if (!znet_url_ok(rq->url, rq->url_len, why))
		return ZOS_ERR_INVALID_ARGUMENT;
	if (rq->nheaders > ZOS_NET_REQ_HEADERS_MAX || rq->headers_len > ZOS_NET_REQ_HEADER_BYTES) {
		*why = "more than 16 headers or 1024 bytes of them";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	while ((r = znet_header_next(rq->headers, rq->headers_len, &pos, &h, &hl)) == 1) {
		if (!znet_header_ok(h, hl, why))
			return ZOS_ERR_INVALID_ARGUMENT;
		count++;
	}
	if (r < 0 || count != rq->nheaders) {
		*why = "the header block is malformed";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	if (rq->body_len > ZOS_NET_REQ_BODY_MAX) {
		*why = "the request body is larger than 2048 bytes";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	if (rq->body_len && (rq->method == ZOS_NET_GET || rq->method == ZOS_NET_HEAD)) {
		*why = "GET and HEAD requests have no body";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	return ZOS_OK;
}

int znet_request_encode(const struct znet_request *rq, uint8_t *out, uint32_t cap,
			uint32_t *len, const char **why)
{
	struct zos_net_request_in hd;
	uint32_t total;
	int err = check(rq, why);

	if (err)
		return err;
	total = (uint32_t)sizeof hd + rq->url_len + rq->headers_len + rq->body_len;
	if (total > cap) {
		*why = "the request does not fit its buffer";
		return ZOS_ERR_BUFFER_TOO_SMALL;
	}
	zos_memset(&hd, 0, sizeof hd);
	hd.method = rq->method;
	hd.nheaders = (uint8_t)rq->nheaders;
	hd.url_len = (uint16_t)rq->url_len;
	hd.timeout_ms = rq->timeout_ms;
	hd.headers_len = rq->headers_len;
	hd.body_len = rq->body_len;
	zos_memcpy(out, &hd, sizeof hd);
	zos_memcpy(out + sizeof hd, rq->url, rq->url_len);
	if (rq->headers_len)
		zos_memcpy(out + sizeof hd + rq->url_len, rq->headers, rq->headers_len);
	if (rq->body_len)
		zos_memcpy(out + sizeof hd + rq->url_len + rq->headers_len, rq->body, rq->body_len);
	*len = total;
	return ZOS_OK;
}

int znet_request_decode(const uint8_t *in, uint32_t len, struct znet_request *rq,
			const char **why)
{
	struct zos_net_request_in hd;
	uint64_t need;

	if (!in || len < sizeof hd) {
		*why = "the request is shorter than its header";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	zos_memcpy(&hd, in, sizeof hd);
	need = (uint64_t)sizeof hd + hd.url_len + hd.headers_len + hd.body_len;
	if (need != len) {
		*why = "the request's lengths do not add up to its size";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	rq->method = hd.method;
	rq->timeout_ms = hd.timeout_ms;
	rq->url = (const char *)in + sizeof hd;
	rq->url_len = hd.url_len;
	rq->nheaders = hd.nheaders;
	rq->headers = in + sizeof hd + hd.url_len;
	rq->headers_len = hd.headers_len;
	rq->body = rq->headers + hd.headers_len;
	rq->body_len = hd.body_len;
	return check(rq, why);
}

#define ZNET_MSG_MAX 255u /* bytes of an error's message */

uint32_t znet_result_error(uint8_t *body, uint32_t request, uint32_t code, const char *msg,
			   uint32_t msg_len)
{
	struct zos_device_result hd = { request, ZOS_STORAGE_RES_ERROR, 0, 0, 0 };
	struct zos_net_error e = { code };
	uint32_t at = (uint32_t)(sizeof hd + sizeof e);

	if (msg_len > ZNET_MSG_MAX)
		msg_len = ZNET_MSG_MAX;
	zos_memcpy(body, &hd, sizeof hd);
	zos_memcpy(body + sizeof hd, &e, sizeof e);
	if (msg_len)
		zos_memcpy(body + at, msg, msg_len);
	return at + msg_len;
}

uint32_t znet_result_ok(uint8_t *body, uint32_t request, const struct znet_response *resp)
{
	struct zos_device_result hd = { request, ZOS_STORAGE_RES_READ_OK, 0, 0, 0 };
	struct zos_net_result nr;
	uint32_t at = (uint32_t)(sizeof hd + sizeof nr);
	static const char too_large[] = "the reply is larger than the network device carries";

	if (resp->headers_len > ZOS_NET_RESP_HEADER_BYTES || resp->body_len > ZOS_NET_RESP_BODY_MAX)
		return znet_result_error(body, request, ZOS_NET_ERR_TOO_LARGE, too_large,
					 sizeof too_large - 1);
	zos_memset(&nr, 0, sizeof nr);
	nr.status = resp->status;
	nr.nheaders = (uint16_t)resp->nheaders;
	nr.headers_len = (uint16_t)resp->headers_len;
	nr.headers_omitted =
		(uint16_t)(resp->headers_omitted > 0xFFFFu ? 0xFFFFu : resp->headers_omitted);
	nr.body_len = resp->body_len;
	zos_memcpy(body, &hd, sizeof hd);
	zos_memcpy(body + sizeof hd, &nr, sizeof nr);
	if (resp->headers_len)
		zos_memcpy(body + at, resp->headers, resp->headers_len);
	if (resp->body_len)
		zos_memcpy(body + at + resp->headers_len, resp->body, resp->body_len);
	return at + resp->headers_len + resp->body_len;
}

int znet_result_decode(const uint8_t *body, uint32_t len, uint32_t *request, uint8_t *kind,
		       struct znet_response *resp, uint32_t *err_code, const char **msg,
		       uint32_t *msg_len)
{
	struct zos_device_result dr;
	struct zos_net_result nr;
	struct zos_net_error ne;
	uint32_t pos = sizeof dr, count = 0;
	const char *h;
	uint16_t hl;
	int r;

	if (len < sizeof dr)
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_memcpy(&dr, body, sizeof dr);
	*request = dr.request;
	*kind = dr.kind;
	if (dr.kind == ZOS_STORAGE_RES_ERROR) {
		if (len - pos < sizeof ne)
			return ZOS_ERR_INVALID_ARGUMENT;
		zos_memcpy(&ne, body + pos, sizeof ne);
		*err_code = ne.code;
		*msg = (const char *)body + pos + sizeof ne;
		*msg_len = len - pos - (uint32_t)sizeof ne;
		return ZOS_OK;
	}
	if (dr.kind != ZOS_STORAGE_RES_READ_OK || len - pos < sizeof nr)
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_memcpy(&nr, body + pos, sizeof nr);
	pos += (uint32_t)sizeof nr;
	if ((uint64_t)nr.headers_len + nr.body_len != len - pos)
		return ZOS_ERR_INVALID_ARGUMENT;
	resp->status = nr.status;
	resp->nheaders = nr.nheaders;
	resp->headers = body + pos;
	resp->headers_len = nr.headers_len;
	resp->headers_omitted = nr.headers_omitted;
	resp->body = body + pos + nr.headers_len;
	resp->body_len = nr.body_len;
	pos = 0;
	while ((r = znet_header_next(resp->headers, resp->headers_len, &pos, &h, &hl)) == 1)
		count++;
	if (r < 0 || count != nr.nheaders)
		return ZOS_ERR_INVALID_ARGUMENT;
	return ZOS_OK;
}
