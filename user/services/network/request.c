/*
 * A NET_REQUEST's JSON, checked and turned into the network device's
 * input (include/zos/abi.h, lib/net_wire.h). Nothing is trusted:
 * every field's type and size is checked, and znet_request_encode checks
 * URL, method, headers, body and timeout against the device's limits.
 */
#include "network.h"

#include "lib/json.h"
#include "lib/mem.h"

#define MAX_TOKENS (8 + 2 * ZOS_NET_REQ_HEADERS_MAX + 8)

static struct zjson_tok toks[MAX_TOKENS];
static char url[ZOS_NET_URL_MAX + 1];
static char body[ZOS_NET_REQ_BODY_MAX + 1];
static uint8_t headers[ZOS_NET_REQ_HEADER_BYTES];

/* The headers object as a header block; 0, or an error with *why. */
static int parse_headers(const struct zjson_doc *doc, int32_t obj, uint32_t *count, uint32_t *used,
			 const char **why)
{
	char line[ZOS_NET_HEADER_MAX + 1];
	uint32_t j = (uint32_t)obj + 1;

	if (doc->toks[obj].type != ZJSON_OBJECT) {
		*why = "headers must be an object of strings";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	if (doc->toks[obj].count > ZOS_NET_REQ_HEADERS_MAX) {
		*why = "more than 16 headers";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	for (uint32_t k = 0; k < doc->toks[obj].count; k++) {
		size_t nl, vl;
		if (zjson_str(doc, (int32_t)j, line, sizeof line - 2, &nl) != ZOS_OK ||
		    zjson_str(doc, (int32_t)j + 1, line + nl + 2, sizeof line - nl - 2, &vl) !=
			    ZOS_OK) {
			*why = "a header is not a string, or longer than 512 bytes";
			return ZOS_ERR_INVALID_ARGUMENT;
		}
		line[nl] = ':';
		line[nl + 1] = ' ';
		if (!znet_header_ok(line, nl + 2 + vl, why))
			return ZOS_ERR_INVALID_ARGUMENT;
		if (znet_header_put(headers, sizeof headers, used, line, (uint32_t)(nl + 2 + vl)) !=
		    ZOS_OK) {
			*why = "more than 1024 bytes of headers";
			return ZOS_ERR_INVALID_ARGUMENT;
		}
		j = doc->toks[j].next;
	}
	*count = doc->toks[obj].count;
	return ZOS_OK;
}

/* An optional string member into out; absent is "". */
static int opt_str(const struct zjson_doc *doc, const char *key, char *out, size_t cap,
		   size_t *len, const char *too_long, const char **why)
{
	int32_t i = zjson_get(doc, 0, key);
	int r;

	*len = 0;
	out[0] = 0;
	if (i < 0)
		return ZOS_OK;
	r = zjson_str(doc, i, out, cap, len);
	if (r == ZOS_ERR_BUFFER_TOO_SMALL)
		*why = too_long;
	else if (r != ZOS_OK)
		*why = "a field that must be a string is not one";
	return r == ZOS_OK ? ZOS_OK : ZOS_ERR_INVALID_ARGUMENT;
}

int network_parse_request(const char *json, uint32_t len, uint8_t *out, uint32_t cap,
			  uint32_t *out_len, uint32_t *timeout_ms, const char **why)
{
	struct zjson_doc doc;
	struct zjson_error err;
	struct znet_request rq;
	char method[16];
	size_t url_len, body_len, method_len;
	int32_t hi, ti;
	int64_t t = 0;
	int r;

	zos_memset(&rq, 0, sizeof rq);
	if (zjson_parse(&doc, json, len, toks, MAX_TOKENS, &err) != ZOS_OK ||
	    doc.toks[0].type != ZJSON_OBJECT) {
		*why = "the request is not a JSON object (or has too many members)";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	if (zjson_get(&doc, 0, "url") < 0) {
		*why = "missing: url";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	if ((r = opt_str(&doc, "url", url, sizeof url, &url_len, "the URL is longer than 1024 bytes",
			 why)) != ZOS_OK ||
	    (r = opt_str(&doc, "method", method, sizeof method, &method_len,
			 "the method is not one of GET, HEAD, POST, PUT, DELETE, PATCH", why)) !=
		    ZOS_OK ||
	    (r = opt_str(&doc, "body", body, sizeof body, &body_len,
			 "the request body is larger than 2048 bytes", why)) != ZOS_OK)
		return r;
	rq.method = method_len ? znet_method_of(method, method_len) : ZOS_NET_GET;
	ti = zjson_get(&doc, 0, "timeout_ms");
	if (ti >= 0 && (zjson_int(&doc, ti, &t) != ZOS_OK || t <= 0 || t > ZOS_NET_TIMEOUT_MAX_MS)) {
		*why = "timeout_ms must be a whole number of milliseconds from 1 to 30000";
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	rq.timeout_ms = (uint32_t)t;
	*timeout_ms = (uint32_t)znet_timeout(rq.timeout_ms);
	hi = zjson_get(&doc, 0, "headers");
	if (hi >= 0 && (r = parse_headers(&doc, hi, &rq.nheaders, &rq.headers_len, why)) != ZOS_OK)
		return r;
	rq.url = url;
	rq.url_len = (uint32_t)url_len;
	rq.headers = headers;
	rq.body = (const uint8_t *)body;
	rq.body_len = (uint32_t)body_len;
	return znet_request_encode(&rq, out, cap, out_len, why);
}
