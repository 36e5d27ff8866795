/*
 * Fuzzes NetworkService's message handler on the host (tests/svc/
 * svc_host.h) with the fake network device (tests/svc/net_fake.h):
 * arbitrary tags and bodies (JSON or not, nested, truncated, huge) from a
 * client, and arbitrary bytes as the device's results. Every request must
 * be answered (except those the fake device holds on purpose), every
 * answer must be one JSON object that fits a message, the service must
 * never hand the device a request the device would refuse (the fake
 * aborts on one), and the kernel's invariants must hold.
 *
 * Input: records { u8 selector, u16 length, body }. Selector < 200: a
 * NET_REQUEST; 200-239: the body as a raw device result, through
 * network_reply; else another tag.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "lib/json.h"
#include "support/invariants.h"
#include "svc/net_fake.h"
#include "svc/svc_host.h"
#include "user/services/network/network.h"

/* The fake device, but a request it refuses means the service let a bad
 * one through. */
static int strict_device(uint64_t request, const uint8_t *in, uint32_t len, uint8_t *out,
			 uint32_t *out_len)
{
	int r = net_fake_device(request, in, len, out, out_len);

	if (r == ZOS_ERR_INVALID_ARGUMENT) {
		fprintf(stderr, "fuzz_svc_network: the service sent the device a bad request\n");
		abort();
	}
	return r;
}

/* An answer: one JSON object that fits a message, a success or the one
 * error answer (user/libzos/answer.h). */
static void check_json(const char *text, uint32_t len)
{
	static struct zjson_tok toks[1024];
	static struct zos_refusal r;
	struct zjson_doc doc;

	if (len > ZOS_MSG_MAX || zos_answer_read(&doc, text, len, toks, 1024, 0, &r) < 0) {
		fprintf(stderr, "fuzz_svc_network: an answer is not one JSON object (%s): %.*s\n",
			r.words, (int)(len > 200 ? 200 : len), text);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct svc_host h;
	static struct zos_msg reply;
	static char out[ZOS_MSG_MAX];
	const char *why;
	size_t pos = 0;
	uint32_t client;

	svc_host_boot(&h, "network", ZOS_DEV_NETWORK);
	network_reset();
	h.network = strict_device;
	client = svc_host_client(&h, "terminal");
	while (pos + 3 <= size) {
		uint8_t sel = data[pos];
		uint32_t len = (uint32_t)(data[pos + 1] | data[pos + 2] << 8) % (ZOS_MSG_MAX + 1);
		pos += 3;
		if (len > size - pos)
			len = (uint32_t)(size - pos);
		if (sel >= 200 && sel < 240) {
			uint32_t n = network_reply(data + pos, len, out, sizeof out);
			check_json(out, n);
		} else {
			uint32_t tag = sel < 200 ? ZOS_MSG_NET_NET_REQUEST : 0x9000u + sel;
			uint32_t before = network_pending();
			int64_t r = svc_host_request(&h, client, tag, data + pos, len, network_handle,
						     &reply);
			if (r < 0 && network_pending() == before) {
				fprintf(stderr, "fuzz_svc_network: a request got no answer\n");
				abort();
			}
			if (r >= 0 && tag == ZOS_MSG_NET_NET_REQUEST)
				check_json((const char *)reply.body, (uint32_t)r);
		}
		pos += len;
		if (check_invariants(&h.sys->k.s, &why)) {
			fprintf(stderr, "fuzz_svc_network: invariant broken: %s\n", why);
			abort();
		}
	}
	svc_host_free(&h);
	return 0;
}
