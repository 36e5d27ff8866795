/*
 * The shell's network command: `fetch URL`, through NetworkService
 * (user/libzos/net.h). It prints the status, then the body; a failure is
 * said in words ("fetch: timed out after 10 s").
 */
#include "shell.h"

#include "answer.h"
#include "lib/json.h"
#include "lib/mem.h"
#include "net.h"

static struct zos_msg reply;
static struct zjson_tok toks[256];
static char text[ZOS_NET_RESP_BODY_MAX * 2 + 8];

static int usage(void)
{
	zos_print("usage: fetch [-t SECONDS] [-X METHOD] [-d BODY] URL\n");
	return 1;
}

static int show(const char *json, uint32_t len)
{
	static struct zos_refusal refusal;
	struct zjson_doc doc;
	int64_t status, omitted = 0;
	int32_t b;
	size_t n = 0;

	if (zos_answer_read(&doc, json, len, toks, sizeof toks / sizeof toks[0],
			    "the network service", &refusal) != ZOS_ANSWER_OK) {
		zos_printf("fetch: %s\n", refusal.words); /* its refusal, or what is wrong */
		return 1;
	}
	if (zjson_get_int(&doc, 0, "status", &status) != ZOS_OK) {
		zos_print("fetch: the answer has no status\n");
		return 1;
	}
	zjson_get_int(&doc, 0, "headers_omitted", &omitted);
	zos_printf("status %lld\n", (long long)status);
	b = zjson_get(&doc, 0, "body");
	if (b >= 0 && zjson_str(&doc, b, text, sizeof text, &n) == ZOS_OK) {
		zos_console_write((uint32_t)zos_console_slot, text, (uint32_t)n);
		if (n && text[n - 1] != '\n')
			zos_print("\n");
	} else if (zjson_get_str(&doc, 0, "body_base64", text, sizeof text) == ZOS_OK) {
		zos_printf("(a binary body, in base64)\n%s\n", text);
	} else if (b >= 0) {
		zos_print("(a body this terminal cannot show: it has NUL bytes)\n");
	}
	return 0;
}

static int cmd_fetch(int argc, char **argv)
{
	struct zos_net_req rq = { 0 };
	int64_t r;
	uint32_t secs;
	int i = 1;

	for (; i < argc - 1; i += 2) {
		if (!zos_strcmp(argv[i], "-t") && parse_u32(argv[i + 1], &secs) && secs > 0 &&
		    secs <= ZOS_NET_TIMEOUT_MAX_MS / 1000)
			rq.timeout_ms = secs * 1000;
		else if (!zos_strcmp(argv[i], "-X"))
			rq.method = argv[i + 1];
		else if (!zos_strcmp(argv[i], "-d"))
			rq.body = argv[i + 1];
		else
			return usage();
	}
	if (i != argc - 1)
		return usage();
	rq.url = argv[i];
	if (rq.body && !rq.method)
		rq.method = "POST";
	r = zos_net_request(&rq, &reply);
	if (r == ZOS_ERR_NOT_FOUND) {
		zos_print("fetch: this terminal has no network access (the network service is not "
			  "available to it)\n");
		return 1;
	}
	if (r < 0) {
		zos_printf("fetch: %s\n", zos_strerror(r));
		return 1;
	}
	if (reply.h.tag != ZOS_MSG_NET_NET_RESPONSE) {
		zos_print("fetch: the network service refused the request\n");
		return 1;
	}
	return show((const char *)reply.body, reply.h.size);
}

static const struct command commands[] = {
	{ "fetch", "URL", "HTTP(S) request (-t SECONDS, -X METHOD, -d BODY); prints status, body",
	  cmd_fetch },
};

const struct command_set net_commands = { commands, sizeof commands / sizeof commands[0] };
