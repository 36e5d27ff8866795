/*
 * Fuzzes KeystoreService's message handler on the host (tests/svc/
 * svc_host.h): arbitrary tags and bodies (JSON or not, nested, truncated,
 * huge) from a client. Every request must be answered, nothing may be
 * written outside the /keys/ convention, nothing may reach the storage
 * device, and the kernel's invariants must hold.
 *
 * Input: records { u8 tag selector, u16 length, body }.
 */
#include <stdio.h>
#include <stdlib.h>

#include "support/invariants.h"
#include "svc/svc_host.h"
#include "user/services/keystore/keystore.h"

static const uint32_t tags[] = { ZOS_MSG_KS_READ, ZOS_MSG_KS_WRITE, ZOS_MSG_KS_DELETE,
				 ZOS_MSG_KS_EXISTS, ZOS_MSG_KS_LIST };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct svc_host h;
	static struct zos_msg reply;
	const char *why;
	size_t pos = 0;
	uint32_t client;

	svc_host_boot(&h, "keystore", ZOS_DEV_KEYSTORE);
	client = svc_host_client(&h, "identity");
	while (pos + 3 <= size) {
		uint8_t sel = data[pos];
		uint32_t len = (uint32_t)(data[pos + 1] | data[pos + 2] << 8) % (ZOS_MSG_MAX + 1);
		uint32_t tag = sel < 250 ? tags[sel % 5] : 0xA000u + sel;
		pos += 3;
		if (len > size - pos)
			len = (uint32_t)(size - pos);
		if (svc_host_request(&h, client, tag, data + pos, len, keystore_handle, &reply) < 0) {
			fprintf(stderr, "fuzz_svc_keystore: a request got no answer\n");
			abort();
		}
		if (reply.h.tag == tag + 1)
			svc_host_check_answer("fuzz_svc_keystore", &reply);
		pos += len;
		if (check_invariants(&h.sys->k.s, &why)) {
			fprintf(stderr, "fuzz_svc_keystore: invariant broken: %s\n", why);
			abort();
		}
	}
	for (uint32_t i = 0; i < h.keystore.n; i++)
		if (!keystore_key_valid((const char *)h.keystore.e[i].key, h.keystore.e[i].key_len)) {
			fprintf(stderr, "fuzz_svc_keystore: stored a key outside the convention\n");
			abort();
		}
	if (h.storage.n) {
		fprintf(stderr, "fuzz_svc_keystore: wrote to the storage device\n");
		abort();
	}
	svc_host_free(&h);
	return 0;
}
