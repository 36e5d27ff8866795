/*
 * NetworkService's own code on the host (tests/svc/svc_host.h) with a fake
 * network device (tests/svc/net_fake.h): answers for success, HTTP errors,
 * timeouts, oversized and binary replies; every validation a request goes
 * through before the device sees it; concurrency bounds; and that nothing
 * but the kernel can pass a result off as the device's.
 */
#include "harness.h"
#include "lib/json.h"
#include "svc/net_fake.h"
#include "svc/svc_host.h"
#include "user/services/network/network.h"

static struct svc_host h;
static struct zos_msg reply;

static const char *ask_tag(uint32_t client, uint32_t tag, const char *body)
{
	return svc_host_ask(&h, client, tag, body, network_handle, &reply);
}

static const char *ask(uint32_t client, const char *body)
{
	return ask_tag(client, ZOS_MSG_NET_NET_REQUEST, body);
}

static uint32_t boot(void)
{
	svc_host_boot(&h, "network", ZOS_DEV_NETWORK);
	network_reset();
	h.network = net_fake_device;
	net_fake_requests = 0;
	return svc_host_client(&h, "terminal");
}

#define EXPECT(got, want)                                                                \
	do {                                                                             \
		const char *g_ = (got);                                                  \
		if (strcmp(g_, want) != 0)                                               \
			harness_fail(__FILE__, __LINE__, "got %s, want %s", g_, want);   \
	} while (0)

#define EXPECT_HAS(got, part)                                                            \
	do {                                                                             \
		const char *g_ = (got);                                                  \
		if (!strstr(g_, part))                                                   \
			harness_fail(__FILE__, __LINE__, "got %s, want it to contain %s", g_, \
				     part);                                              \
	} while (0)

static void test_success_and_http_errors(void)
{
	uint32_t c = boot();

	EXPECT(ask(c, "{\"url\":\"http://127.0.0.1/hello\"}"),
	       "{\"status\":200,\"headers\":{\"Content-Type\":\"text/plain\"},"
	       "\"headers_omitted\":0,\"body\":\"hello\\n\"}");
	CHECK_EQ(reply.h.tag, ZOS_MSG_NET_NET_RESPONSE);
	EXPECT(ask(c, "{\"url\":\"http://127.0.0.1/404\",\"method\":\"GET\"}"),
	       "{\"status\":404,\"headers\":{},\"headers_omitted\":0,\"body\":\"not found\\n\"}");
	CHECK_EQ(network_pending(), 0);
	svc_host_free(&h);
}

static void test_device_errors(void)
{
	uint32_t c = boot();

	EXPECT(ask(c, "{\"url\":\"http://127.0.0.1/slow\"}"),
	       "{\"error\":\"timed out after 10 s\",\"code\":\"timeout\"}");
	EXPECT(ask(c, "{\"url\":\"http://127.0.0.1/slow\",\"timeout_ms\":2000}"),
	       "{\"error\":\"timed out after 2 s\",\"code\":\"timeout\"}");
	EXPECT(ask(c, "{\"url\":\"http://127.0.0.1/big\"}"),
	       "{\"error\":\"the reply is larger than 3072 bytes\",\"code\":\"too_large\"}");
	EXPECT(ask(c, "{\"url\":\"http://127.0.0.1:1/\"}"),
	       "{\"error\":\"could not connect\",\"code\":\"connect\"}");
	svc_host_free(&h);
}

static void test_replies_that_barely_fit(void)
{
	uint32_t c = boot();
	const char *a;

	/* not UTF-8: base64 */
	a = ask(c, "{\"url\":\"http://127.0.0.1/binary\"}");
	EXPECT_HAS(a, "\"body_base64\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g");
	CHECK(!strstr(a, "\"body\""));
	/* too big once escaped: an error, not a cut body */
	EXPECT_HAS(ask(c, "{\"url\":\"http://127.0.0.1/escapes\"}"),
		   "\"code\":\"too_large\"");
	/* the headers do not fit beside the body: left out, and counted */
	a = ask(c, "{\"url\":\"http://127.0.0.1/headers\"}");
	EXPECT_HAS(a, "\"headers\":{},\"headers_omitted\":20,\"body\":\"\\naaaa");
	CHECK(reply.h.size <= ZOS_MSG_MAX);
	svc_host_free(&h);
}

static void test_request_fields_reach_the_device(void)
{
	uint32_t c = boot();

	EXPECT(ask(c, "{\"url\":\"https://127.0.0.1/echo\",\"method\":\"POST\",\"headers\":"
		      "{\"X-A\":\"b\",\"Accept\":\"text/plain\"},\"body\":\"hi \\\"there\\\"\","
		      "\"timeout_ms\":1500}"),
	       "{\"status\":200,\"headers\":{},\"headers_omitted\":0,\"body\":\"POST "
	       "https://127.0.0.1/echo timeout=1500\\nX-A: b\\nAccept: text/plain\\nhi "
	       "\\\"there\\\"\"}");
	EXPECT_HAS(ask(c, "{\"url\":\"http://127.0.0.1/echo\",\"method\":\"DELETE\"}"),
		   "\"body\":\"DELETE http://127.0.0.1/echo timeout=0\\n\"");
	svc_host_free(&h);
}

static void test_bad_requests_never_reach_the_device(void)
{
	static const struct {
		const char *body;
		const char *error;
	} bad[] = {
		{ "", "the request is not a JSON object" },
		{ "[1,2]", "the request is not a JSON object" },
		{ "{\"url\":", "the request is not a JSON object" },
		{ "{}", "missing: url" },
		{ "{\"url\":7}", "a field that must be a string is not one" },
		{ "{\"url\":\"ftp://127.0.0.1/\"}", "only http and https URLs" },
		{ "{\"url\":\"file:///etc/passwd\"}", "only http and https URLs" },
		{ "{\"url\":\"http://\"}", "the URL has no host" },
		{ "{\"url\":\"http://127.0.0.1/a b\"}", "the URL has spaces" },
		{ "{\"url\":\"http://127.0.0.1/\",\"method\":\"TRACE\"}", "the method is not one of" },
		{ "{\"url\":\"http://127.0.0.1/\",\"method\":\"get\"}", "the method is not one of" },
		{ "{\"url\":\"http://127.0.0.1/\",\"method\":\"GETGETGETGETGETGETGET\"}",
		  "the method is not one of" },
		{ "{\"url\":\"http://127.0.0.1/\",\"body\":\"x\"}", "GET and HEAD requests have no body" },
		{ "{\"url\":\"http://127.0.0.1/\",\"timeout_ms\":0}", "timeout_ms must be" },
		{ "{\"url\":\"http://127.0.0.1/\",\"timeout_ms\":-5}", "timeout_ms must be" },
		{ "{\"url\":\"http://127.0.0.1/\",\"timeout_ms\":30001}", "timeout_ms must be" },
		{ "{\"url\":\"http://127.0.0.1/\",\"timeout_ms\":1.5}", "timeout_ms must be" },
		{ "{\"url\":\"http://127.0.0.1/\",\"timeout_ms\":\"5\"}", "timeout_ms must be" },
		{ "{\"url\":\"http://127.0.0.1/\",\"headers\":[]}", "headers must be an object" },
		{ "{\"url\":\"http://127.0.0.1/\",\"headers\":{\"X\":1}}", "a header is not a string" },
		{ "{\"url\":\"http://127.0.0.1/\",\"headers\":{\"X\":\"a\\r\\nEvil: 1\"}}",
		  "control or non-ASCII" },
		{ "{\"url\":\"http://127.0.0.1/\",\"headers\":{\"Bad Name\":\"a\"}}",
		  "not \\\"Name: value\\\"" },
		{ "{\"url\":\"http://127.0.0.1/\",\"headers\":{\"Host\":\"evil\"}}",
		  "a header the network device sets itself" },
		{ "{\"url\":\"http://127.0.0.1/\",\"headers\":{\"content-length\":\"5\"}}",
		  "a header the network device sets itself" },
	};
	uint32_t c = boot();
	char big[ZOS_MSG_MAX];
	int n;

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *a = ask(c, bad[i].body);
		if (!strstr(a, bad[i].error) || !strstr(a, "\"code\":\"bad_request\""))
			harness_fail(__FILE__, __LINE__, "%s: got %s, want %s", bad[i].body, a,
				     bad[i].error);
	}
	/* 17 headers; a body over 2048 bytes; a URL over 1024 bytes */
	n = snprintf(big, sizeof big, "{\"url\":\"http://127.0.0.1/\",\"headers\":{");
	for (int i = 0; i < 17; i++)
		n += snprintf(big + n, sizeof big - (size_t)n, "%s\"X-%d\":\"v\"", i ? "," : "", i);
	snprintf(big + n, sizeof big - (size_t)n, "}}");
	EXPECT_HAS(ask(c, big), "more than 16 headers");
	n = snprintf(big, sizeof big, "{\"url\":\"http://127.0.0.1/\",\"method\":\"POST\",\"body\":\"");
	memset(big + n, 'x', 2049);
	snprintf(big + n + 2049, sizeof big - (size_t)n - 2049, "\"}");
	EXPECT_HAS(ask(c, big), "the request body is larger than 2048 bytes");
	n = snprintf(big, sizeof big, "{\"url\":\"http://127.0.0.1/");
	memset(big + n, 'u', 1100);
	snprintf(big + n + 1100, sizeof big - (size_t)n - 1100, "\"}");
	EXPECT_HAS(ask(c, big), "the URL is longer than 1024 bytes");
	CHECK_EQ(net_fake_requests, 0);
	svc_host_free(&h);
}

static void test_unknown_and_forged(void)
{
	uint32_t c = boot();
	int64_t err;
	uint8_t forged[64] = { 0 };

	/* an unknown tag: NOT_SUPPORTED */
	CHECK_EQ(svc_host_request(&h, c, 0x9999, "{}", 2, network_handle, &reply), 8);
	memcpy(&err, reply.body, 8);
	CHECK_EQ(err, ZOS_ERR_NOT_SUPPORTED);
	/* a client's NET_RESULT is no result: refused, and a waiting caller still waits */
	EXPECT(ask(c, "{\"url\":\"http://127.0.0.1/hold\"}"), "(no answer: -14)"); /* WOULD_BLOCK */
	CHECK_EQ(network_pending(), 1);
	CHECK_EQ(svc_host_request(&h, c, ZOS_MSG_NET_NET_RESULT, forged, sizeof forged,
				  network_handle, &reply),
		 8);
	memcpy(&err, reply.body, 8);
	CHECK_EQ(err, ZOS_ERR_NOT_SUPPORTED);
	CHECK_EQ(network_pending(), 1);
	svc_host_free(&h);
}

/* Requests wait concurrently, at most NETWORK_MAX_PENDING of them. */
static void test_busy(void)
{
	uint32_t c = boot();

	for (int i = 0; i < NETWORK_MAX_PENDING; i++)
		ask(c, "{\"url\":\"http://127.0.0.1/hold\"}");
	CHECK_EQ(network_pending(), NETWORK_MAX_PENDING);
	EXPECT_HAS(ask(c, "{\"url\":\"http://127.0.0.1/hello\"}"), "\"code\":\"busy\"");
	svc_host_free(&h);
}

/* The answer to any device result is one JSON object that fits a message. */
static void test_hostile_results(void)
{
	static const uint8_t junk[][24] = { { 0 }, { 1, 0, 0, 0, 0 }, { 1, 0, 0, 0, 3, 0, 0, 0, 9 },
					     { 1, 0, 0, 0, 0, 0, 0, 0, 200, 0, 5, 0, 99, 0 } };
	char out[ZOS_MSG_MAX];
	struct zjson_tok toks[64];
	struct zjson_doc doc;
	struct zjson_error e;

	for (size_t i = 0; i < sizeof junk / sizeof *junk; i++)
		for (uint32_t len = 0; len <= sizeof junk[i]; len++) {
			uint32_t n = network_reply(junk[i], len, out, sizeof out);
			CHECK(n < sizeof out);
			CHECK(zjson_parse(&doc, out, n, toks, 64, &e) == ZOS_OK);
		}
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_success_and_http_errors);
	RUN(test_device_errors);
	RUN(test_replies_that_barely_fit);
	RUN(test_request_fields_reach_the_device);
	RUN(test_bad_requests_never_reach_the_device);
	RUN(test_unknown_and_forged);
	RUN(test_busy);
	RUN(test_hostile_results);
	return harness_finish("svc/network");
}
