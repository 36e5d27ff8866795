/*
 * One network transfer with libcurl (net.h): the request as the device
 * checked it, the limits of include/zos/abi.h enforced while it runs, the
 * outcome as a NET_RESULT body.
 *
 * Only http and https, for the request and for any redirect (at most 5).
 * Connect and total timeouts are curl's own, so a stalled server costs at
 * most the timeout. The response body is collected up to
 * ZOS_NET_RESP_BODY_MAX bytes; one byte more aborts the transfer with
 * TOO_LARGE (a declared Content-Length over the limit stops it before any
 * byte of body). Response headers of the final response are kept whole, in
 * order, while they fit ZOS_NET_RESP_HEADER_BYTES; the others are counted
 * in headers_omitted, and so are headers that are not plain ASCII.
 * Loopback addresses never go through a proxy.
 */
#define _GNU_SOURCE
#include "hal/hosted/net.h"

#include <curl/curl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <zos/error.h>
#include <zos/msg.h>

struct transfer {
	const volatile int *stop;
	uint8_t body[ZOS_NET_RESP_BODY_MAX];
	uint32_t body_len;
	int too_large;
	uint8_t headers[ZOS_NET_RESP_HEADER_BYTES];
	uint32_t headers_len;
	uint32_t nheaders;
	uint32_t omitted;
};

int net_fetch_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void net_fetch_global_cleanup(void)
{
	curl_global_cleanup();
}

void net_result_error(struct net_result *out, uint64_t cookie, uint32_t code, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if (n > (int)sizeof msg - 1)
		n = (int)sizeof msg - 1; /* messages are ours and short; this only guards the buffer */
	out->cookie = cookie;
	out->len = znet_result_error(out->body, (uint32_t)cookie, code, msg, (uint32_t)n);
}

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t len = size * n;

	if (len > sizeof t->body - t->body_len) {
		t->too_large = 1;
		return 0; /* curl stops with a write error */
	}
	memcpy(t->body + t->body_len, data, len);
	t->body_len += (uint32_t)len;
	return len;
}

static size_t on_header(char *data, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t len = size * n, line = len;

	while (line && (data[line - 1] == '\n' || data[line - 1] == '\r'))
		line--;
	if (line >= 5 && !memcmp(data, "HTTP/", 5)) {
		/* a new response (after a redirect or a 100): its headers only */
		t->headers_len = t->nheaders = t->omitted = 0;
		return len;
	}
	if (line == 0)
		return len;
	znet_response_header(t->headers, sizeof t->headers, &t->headers_len, &t->nheaders,
			     &t->omitted, data, (uint32_t)line);
	return len;
}

static int on_progress(void *arg, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
	struct transfer *t = arg;

	(void)a, (void)b, (void)c, (void)d;
	return *t->stop ? 1 : 0;
}

/* Sets the method, body and headers; 0, or -1 when curl refused one. */
static int set_request(CURL *c, const struct znet_request *rq, struct curl_slist **list)
{
	static const char *const none = "";
	char line[ZOS_NET_HEADER_MAX + 1];
	uint32_t pos = 0;
	const char *h;
	uint16_t hl;
	int bad = 0;

	switch (rq->method) {
	case ZOS_NET_GET: break;
	case ZOS_NET_HEAD: bad |= curl_easy_setopt(c, CURLOPT_NOBODY, 1L) != CURLE_OK; break;
	case ZOS_NET_POST: bad |= curl_easy_setopt(c, CURLOPT_POST, 1L) != CURLE_OK; break;
	default:
		bad |= curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, znet_method_name(rq->method)) !=
		       CURLE_OK;
	}
	if (rq->body_len || rq->method == ZOS_NET_POST || rq->method == ZOS_NET_PUT ||
	    rq->method == ZOS_NET_PATCH) {
		bad |= curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)rq->body_len) != CURLE_OK;
		bad |= curl_easy_setopt(c, CURLOPT_POSTFIELDS,
					rq->body_len ? (const char *)rq->body : none) != CURLE_OK;
	}
	while (znet_header_next(rq->headers, rq->headers_len, &pos, &h, &hl) == 1) {
		struct curl_slist *more;
		memcpy(line, h, hl);
		line[hl] = 0;
		more = curl_slist_append(*list, line);
		if (!more)
			return -1;
		*list = more;
	}
	if (*list)
		bad |= curl_easy_setopt(c, CURLOPT_HTTPHEADER, *list) != CURLE_OK;
	return bad ? -1 : 0;
}

static int set_options(CURL *c, const struct znet_request *rq, struct transfer *t, char *url,
		       char *errbuf, long timeout_ms)
{
	int bad = 0;

	memcpy(url, rq->url, rq->url_len);
	url[rq->url_len] = 0;
	bad |= curl_easy_setopt(c, CURLOPT_URL, url) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
				timeout_ms < ZOS_NET_CONNECT_TIMEOUT_MS ? timeout_ms
									 : (long)ZOS_NET_CONNECT_TIMEOUT_MS) !=
	       CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_NOPROXY, "127.0.0.1,localhost,::1") != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_USERAGENT, "ZeroOS-network/1") != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
				(curl_off_t)ZOS_NET_RESP_BODY_MAX) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_WRITEDATA, t) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_HEADERDATA, t) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_XFERINFODATA, t) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L) != CURLE_OK;
	bad |= curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf) != CURLE_OK;
	return bad ? -1 : 0;
}

static void timed_out(struct net_result *out, uint64_t cookie, long ms)
{
	if (ms % 1000 == 0)
		net_result_error(out, cookie, ZOS_NET_ERR_TIMEOUT, "timed out after %ld s", ms / 1000);
	else
		net_result_error(out, cookie, ZOS_NET_ERR_TIMEOUT, "timed out after %ld ms", ms);
}

static void failed(struct net_result *out, uint64_t cookie, CURLcode rc, const struct transfer *t,
		   const char *errbuf, long timeout_ms)
{
	const char *detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);

	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT: timed_out(out, cookie, timeout_ms); return;
	case CURLE_COULDNT_RESOLVE_HOST:
		net_result_error(out, cookie, ZOS_NET_ERR_RESOLVE, "no such host (%s)", detail);
		return;
	case CURLE_COULDNT_CONNECT:
		net_result_error(out, cookie, ZOS_NET_ERR_CONNECT, "could not connect (%s)", detail);
		return;
	case CURLE_FILESIZE_EXCEEDED:
	case CURLE_WRITE_ERROR:
		if (rc == CURLE_FILESIZE_EXCEEDED || t->too_large) {
			net_result_error(out, cookie, ZOS_NET_ERR_TOO_LARGE,
					 "the reply is larger than %u bytes",
					 (unsigned)ZOS_NET_RESP_BODY_MAX);
			return;
		}
		break;
	case CURLE_ABORTED_BY_CALLBACK:
		net_result_error(out, cookie, ZOS_NET_ERR_FAILED, "the system is stopping");
		return;
	case CURLE_UNSUPPORTED_PROTOCOL:
		net_result_error(out, cookie, ZOS_NET_ERR_BAD_REQUEST, "only http and https URLs (%s)",
				 detail);
		return;
	default: break;
	}
	net_result_error(out, cookie, ZOS_NET_ERR_FAILED, "%s", detail);
}

static void success(struct net_result *out, uint64_t cookie, long status, const struct transfer *t)
{
	struct znet_response resp = {
		.status = (uint16_t)status,
		.nheaders = t->nheaders,
		.headers = t->headers,
		.headers_len = t->headers_len,
		.headers_omitted = t->omitted,
		.body = t->body,
		.body_len = t->body_len,
	};

	out->cookie = cookie;
	out->len = znet_result_ok(out->body, (uint32_t)cookie, &resp);
}

void net_fetch(const struct znet_request *rq, uint64_t cookie, const volatile int *stop,
	       struct net_result *out)
{
	static __thread struct transfer t;
	static __thread char url[ZOS_NET_URL_MAX + 1];
	char errbuf[CURL_ERROR_SIZE];
	struct curl_slist *list = 0;
	long timeout_ms = (long)znet_timeout(rq->timeout_ms), status = 0;
	CURLcode rc;
	CURL *c;

	memset(&t, 0, sizeof t);
	t.stop = stop;
	errbuf[0] = 0;
	if (timeout_ms < 0) {
		net_result_error(out, cookie, ZOS_NET_ERR_BAD_REQUEST, "the timeout is too long");
		return;
	}
	c = curl_easy_init();
	if (!c) {
		net_result_error(out, cookie, ZOS_NET_ERR_FAILED, "libcurl could not start a transfer");
		return;
	}
	if (set_options(c, rq, &t, url, errbuf, timeout_ms) != 0 ||
	    set_request(c, rq, &list) != 0) {
		net_result_error(out, cookie, ZOS_NET_ERR_FAILED, "libcurl refused an option");
	} else {
		rc = curl_easy_perform(c);
		if (rc == CURLE_OK) {
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
			success(out, cookie, status, &t);
		} else {
			failed(out, cookie, rc, &t, errbuf, timeout_ms);
		}
	}
	curl_slist_free_all(list);
	curl_easy_cleanup(c);
}
