/*
 * hal/hosted/net.c and net_fetch.c: the hosted network device, against the
 * test HTTP server (tests/support/httpd.h) on 127.0.0.1 in this process.
 * Never any other address: the one test of a failing connection uses a
 * loopback port nobody listens on.
 *
 * Results are awaited with poll() on net_event_fd with a deadline, so a
 * lost result fails the test instead of hanging it.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <zos/error.h>
#include <zos/msg.h>

#include "hal/hosted/net.h"
#include "harness.h"
#include "support/httpd.h"

#define WAIT_MS 8000

static struct httpd srv;
static struct netdev *nd;
static struct net_result res;

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void up(void)
{
	char err[256];

	if (httpd_start(&srv, 0) != 0)
		harness_fail(__FILE__, __LINE__, "the test server would not start");
	nd = net_open(err, sizeof err);
	if (!nd)
		harness_fail(__FILE__, __LINE__, "net_open: %s", err);
}

static void down(void)
{
	net_close(nd);
	httpd_stop(&srv);
}

/* Encodes a request for path on the test server (or url when it has a
 * scheme) and submits it; returns net_submit's result. */
static int submit(uint64_t cookie, uint8_t method, const char *path, const char *header,
		  const char *body, uint32_t timeout_ms)
{
	static uint8_t in[8192];
	uint8_t hdrs[1024];
	char url[2048];
	struct znet_request rq = { 0 };
	uint32_t len, hl = 0;
	const char *why = 0;

	if (strstr(path, "://"))
		snprintf(url, sizeof url, "%s", path);
	else
		snprintf(url, sizeof url, "http://127.0.0.1:%u%s", srv.port, path);
	if (header) {
		znet_header_put(hdrs, sizeof hdrs, &hl, header, (uint32_t)strlen(header));
		rq.nheaders = 1;
	}
	rq.method = method;
	rq.timeout_ms = timeout_ms;
	rq.url = url;
	rq.url_len = (uint32_t)strlen(url);
	rq.headers = hdrs;
	rq.headers_len = hl;
	rq.body = (const uint8_t *)body;
	rq.body_len = body ? (uint32_t)strlen(body) : 0;
	if (znet_request_encode(&rq, in, sizeof in, &len, &why) != ZOS_OK) {
		/* hand the device something that breaks the same rule anyway */
		struct zos_net_request_in hd = { method, (uint8_t)rq.nheaders, (uint16_t)rq.url_len,
						 timeout_ms, hl, rq.body_len };
		memcpy(in, &hd, sizeof hd);
		memcpy(in + sizeof hd, url, rq.url_len);
		memcpy(in + sizeof hd + rq.url_len, hdrs, hl);
		if (rq.body_len)
			memcpy(in + sizeof hd + rq.url_len + hl, body, rq.body_len);
		len = (uint32_t)sizeof hd + rq.url_len + hl + rq.body_len;
	}
	return net_submit(nd, cookie, in, len, &why);
}

/* Waits for the next result. */
static int take(void)
{
	uint64_t end = now_ms() + WAIT_MS;

	while (now_ms() < end) {
		struct pollfd p = { .fd = net_event_fd(nd), .events = POLLIN };
		if (net_take(nd, &res))
			return 1;
		poll(&p, 1, 100);
	}
	harness_fail(__FILE__, __LINE__, "no result within %d ms", WAIT_MS);
	return 0;
}

struct decoded {
	uint32_t request;
	uint8_t kind;
	struct znet_response r;
	uint32_t code;
	char msg[300];
};

static int decode(struct decoded *d)
{
	const char *m = 0;
	uint32_t ml = 0;

	memset(d, 0, sizeof *d);
	if (znet_result_decode(res.body, res.len, &d->request, &d->kind, &d->r, &d->code, &m, &ml) !=
	    ZOS_OK)
		return 0;
	if (m)
		snprintf(d->msg, sizeof d->msg, "%.*s", (int)ml, m);
	return 1;
}

/* A header of the response, or 0. */
static int has_header(const struct decoded *d, const char *want)
{
	uint32_t pos = 0;
	const char *h;
	uint16_t hl;

	while (znet_header_next(d->r.headers, d->r.headers_len, &pos, &h, &hl) == 1)
		if (hl == strlen(want) && !memcmp(h, want, hl))
			return 1;
	return 0;
}

static void test_hello_and_404(void)
{
	struct decoded d;

	up();
	CHECK_EQ(submit(7, ZOS_NET_GET, "/hello", 0, 0, 0), ZOS_OK);
	if (take() && decode(&d)) {
		CHECK_EQ(res.cookie, 7);
		CHECK_EQ(d.request, 7);
		CHECK_EQ(d.kind, ZOS_STORAGE_RES_READ_OK);
		CHECK_EQ(d.r.status, 200);
		CHECK_EQ(d.r.body_len, 27);
		CHECK(!memcmp(d.r.body, "hello from the test server\n", 27));
		CHECK(has_header(&d, "Content-Type: text/plain"));
		CHECK_EQ(d.r.headers_omitted, 0);
	}
	CHECK_EQ(submit(8, ZOS_NET_GET, "/no/such/page", 0, 0, 0), ZOS_OK);
	if (take() && decode(&d)) {
		CHECK_EQ(d.kind, ZOS_STORAGE_RES_READ_OK);
		CHECK_EQ(d.r.status, 404);
		CHECK(d.r.body_len == 10 && !memcmp(d.r.body, "not found\n", 10));
	}
	down();
}

static void test_timeout(void)
{
	struct decoded d;
	uint64_t t0;

	up();
	t0 = now_ms();
	CHECK_EQ(submit(1, ZOS_NET_GET, "/slow", 0, 0, 700), ZOS_OK);
	if (take() && decode(&d)) {
		CHECK_EQ(d.kind, ZOS_STORAGE_RES_ERROR);
		CHECK_EQ(d.code, ZOS_NET_ERR_TIMEOUT);
		CHECK(!strcmp(d.msg, "timed out after 700 ms"));
	}
	CHECK(now_ms() - t0 >= 600 && now_ms() - t0 < 3000);
	CHECK_EQ(submit(2, ZOS_NET_GET, "/slow", 0, 0, 1000), ZOS_OK);
	if (take() && decode(&d))
		CHECK(!strcmp(d.msg, "timed out after 1 s"));
	down();
}

static void test_body_limit(void)
{
	struct decoded d;
	char path[64];

	up();
	snprintf(path, sizeof path, "/size/%u", ZOS_NET_RESP_BODY_MAX);
	CHECK_EQ(submit(1, ZOS_NET_GET, path, 0, 0, 0), ZOS_OK);
	if (take() && decode(&d)) {
		CHECK_EQ(d.kind, ZOS_STORAGE_RES_READ_OK);
		CHECK_EQ(d.r.body_len, ZOS_NET_RESP_BODY_MAX);
		CHECK(res.len <= ZOS_MSG_MAX);
	}
	/* one byte more, with a length ahead, and with none (chunked) */
	snprintf(path, sizeof path, "/size/%u", ZOS_NET_RESP_BODY_MAX + 1);
	CHECK_EQ(submit(2, ZOS_NET_GET, path, 0, 0, 0), ZOS_OK);
	if (take() && decode(&d)) {
		CHECK_EQ(d.code, ZOS_NET_ERR_TOO_LARGE);
		CHECK(!strcmp(d.msg, "the reply is larger than 3072 bytes"));
	}
	CHECK_EQ(submit(3, ZOS_NET_GET, "/stream/100000", 0, 0, 0), ZOS_OK);
	if (take() && decode(&d)) {
		CHECK_EQ(d.kind, ZOS_STORAGE_RES_ERROR);
		CHECK_EQ(d.code, ZOS_NET_ERR_TOO_LARGE);
	}
	CHECK_EQ(submit(4, ZOS_NET_GET, "/stream/100", 0, 0, 0), ZOS_OK);
	if (take() && decode(&d)) {
		CHECK_EQ(d.r.status, 200);
		CHECK_EQ(d.r.body_len, 100);
	}
	down();
}

static void test_methods_headers_body(void)
{
	struct decoded d;
	const char *want = "POST /echo\nX-Zero: os\nthe body";

	up();
	CHECK_EQ(submit(1, ZOS_NET_POST, "/echo", "X-Zero: os", "the body", 0), ZOS_OK);
	if (take() && decode(&d)) {
		CHECK_EQ(d.r.status, 200);
		CHECK(d.r.body_len == strlen(want) && !memcmp(d.r.body, want, strlen(want)));
	}
	CHECK_EQ(submit(2, ZOS_NET_DELETE, "/echo", 0, 0, 0), ZOS_OK);
	if (take() && decode(&d))
		CHECK(d.r.body_len == 13 && !memcmp(d.r.body, "DELETE /echo\n", 13));
	CHECK_EQ(submit(3, ZOS_NET_HEAD, "/hello", 0, 0, 0), ZOS_OK);
	if (take() && decode(&d)) {
		CHECK_EQ(d.r.status, 200);
		CHECK_EQ(d.r.body_len, 0);
	}
	CHECK_EQ(submit(4, ZOS_NET_GET, "/redirect", 0, 0, 0), ZOS_OK);
	if (take() && decode(&d)) {
		CHECK_EQ(d.r.status, 200);
		CHECK_EQ(d.r.body_len, 27);
	}
	/* more headers than fit: whole ones kept, the rest counted */
	CHECK_EQ(submit(5, ZOS_NET_GET, "/many-headers", 0, 0, 0), ZOS_OK);
	if (take() && decode(&d)) {
		CHECK_EQ(d.r.status, 200);
		CHECK(d.r.headers_omitted > 0);
		CHECK(d.r.headers_len <= ZOS_NET_RESP_HEADER_BYTES);
		CHECK(has_header(&d, "X-Filler-00: abcdefghijklmnopqrstuvwxyz"));
		CHECK(d.r.body_len == 3 && !memcmp(d.r.body, "ok\n", 3));
	}
	down();
}

static void test_bad_requests_refused(void)
{
	char longurl[ZOS_NET_URL_MAX + 64];
	char bigbody[ZOS_NET_REQ_BODY_MAX + 2];
	static const char *const bad_urls[] = { "ftp://127.0.0.1/x", "file:///etc/passwd",
						"gopher://127.0.0.1/", "http://", "http:///x",
						"http://127.0.0.1/a b", "HTTP://127.0.0.1/",
						"http://@/", "javascript://alert(1)" };

	up();
	for (size_t i = 0; i < sizeof bad_urls / sizeof *bad_urls; i++)
		if (submit(1, ZOS_NET_GET, bad_urls[i], 0, 0, 0) != ZOS_ERR_INVALID_ARGUMENT)
			harness_fail(__FILE__, __LINE__, "accepted %s", bad_urls[i]);
	snprintf(longurl, sizeof longurl, "http://127.0.0.1/");
	memset(longurl + 17, 'a', ZOS_NET_URL_MAX);
	longurl[ZOS_NET_URL_MAX + 1] = 0;
	CHECK_EQ(submit(1, ZOS_NET_GET, longurl, 0, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(submit(1, 0, "/hello", 0, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(submit(1, 99, "/hello", 0, 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(submit(1, ZOS_NET_GET, "/hello", "X-A: b\r\nX-Evil: 1", 0, 0),
		 ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(submit(1, ZOS_NET_GET, "/hello", "Host: elsewhere", 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(submit(1, ZOS_NET_GET, "/hello", "no colon", 0, 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(submit(1, ZOS_NET_GET, "/hello", 0, "a body", 0), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(submit(1, ZOS_NET_GET, "/hello", 0, 0, ZOS_NET_TIMEOUT_MAX_MS + 1),
		 ZOS_ERR_INVALID_ARGUMENT);
	memset(bigbody, 'x', sizeof bigbody - 1);
	bigbody[sizeof bigbody - 1] = 0;
	CHECK_EQ(submit(1, ZOS_NET_POST, "/echo", 0, bigbody, 0), ZOS_ERR_INVALID_ARGUMENT);
	/* lengths that do not add up, and a truncated header */
	{
		const char *why;
		uint8_t in[64] = { ZOS_NET_GET, 0, 200, 0 };
		CHECK_EQ(net_submit(nd, 1, in, 40, &why), ZOS_ERR_INVALID_ARGUMENT);
		CHECK_EQ(net_submit(nd, 1, in, 3, &why), ZOS_ERR_INVALID_ARGUMENT);
		CHECK_EQ(net_submit(nd, 1, 0, 0, &why), ZOS_ERR_INVALID_ARGUMENT);
	}
	/* nothing refused ever produced a result */
	CHECK_EQ(net_take(nd, &res), 0);
	down();
}

static void test_connection_refused(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof a;
	char url[64];
	struct decoded d;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	up();
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* a loopback port that was free a moment ago and has no listener */
	CHECK(bind(fd, (struct sockaddr *)&a, sizeof a) == 0);
	CHECK(getsockname(fd, (struct sockaddr *)&a, &len) == 0);
	close(fd);
	snprintf(url, sizeof url, "http://127.0.0.1:%u/", ntohs(a.sin_port));
	CHECK_EQ(submit(1, ZOS_NET_GET, url, 0, 0, 0), ZOS_OK);
	if (take() && decode(&d)) {
		CHECK_EQ(d.kind, ZOS_STORAGE_RES_ERROR);
		CHECK_EQ(d.code, ZOS_NET_ERR_CONNECT);
	}
	down();
}

/* A slow server holds one worker, never the others. */
static void test_slow_does_not_block_others(void)
{
	struct decoded d;
	uint64_t t0;

	up();
	CHECK_EQ(submit(1, ZOS_NET_GET, "/slow", 0, 0, 5000), ZOS_OK);
	CHECK_EQ(submit(2, ZOS_NET_GET, "/slow", 0, 0, 5000), ZOS_OK);
	t0 = now_ms();
	CHECK_EQ(submit(3, ZOS_NET_GET, "/hello", 0, 0, 0), ZOS_OK);
	if (take() && decode(&d)) {
		CHECK_EQ(res.cookie, 3);
		CHECK_EQ(d.r.status, 200);
	}
	CHECK(now_ms() - t0 < 2000);
	down();
}

/* In flight is bounded, and closing aborts stalled transfers at once. */
static void test_pending_bound_and_close(void)
{
	uint64_t t0;

	up();
	for (int i = 0; i < ZOS_NET_MAX_PENDING; i++)
		CHECK_EQ(submit((uint64_t)i, ZOS_NET_GET, "/slow", 0, 0, 20000), ZOS_OK);
	CHECK_EQ(submit(99, ZOS_NET_GET, "/hello", 0, 0, 0), ZOS_ERR_RESOURCE_EXHAUSTED);
	t0 = now_ms();
	net_close(nd);
	CHECK(now_ms() - t0 < 3000);
	httpd_stop(&srv);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_hello_and_404);
	RUN(test_timeout);
	RUN(test_body_limit);
	RUN(test_methods_headers_body);
	RUN(test_bad_requests_refused);
	RUN(test_connection_refused);
	RUN(test_slow_does_not_block_others);
	RUN(test_pending_bound_and_close);
	return harness_finish("hosted/net");
}
