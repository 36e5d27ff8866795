/*
 * Fuzzes TimeService's message handler on the host (tests/svc/svc_host.h,
 * VFS played by tests/svc/fake_vfs.h): arbitrary tags and bodies (JSON or
 * not, nested, truncated, huge) from a client, a settings file that may
 * start damaged, and a VFS that comes and goes. Every request must be
 * answered, what the service stores must always be settings it would
 * accept, and the kernel's invariants must hold.
 *
 * Input: a u8 length and that many bytes of a starting time.json (when the
 * length is not 0), then records { u8 tag selector, u16 length, body };
 * selectors 240-247 flip VFS between up, down and failing writes.
 */
#include <stdio.h>
#include <stdlib.h>

#include "support/invariants.h"
#include "svc/fake_vfs.h"
#include "svc/svc_host.h"
#include "user/services/time/time_service.h"

static const uint32_t tags[] = { ZOS_MSG_TIME_GET_TIME_SETTINGS, ZOS_MSG_TIME_SET_TIME_SETTINGS };

static void check_stored(void)
{
	struct fake_vfs_file *f = fake_vfs_find(TIME_SETTINGS_PATH, 0);
	struct time_settings s;
	char why[160];

	time_settings_default(&s);
	if (f && fake_vfs.writes &&
	    time_settings_apply(&s, (const char *)f->data, f->len, 0, why, sizeof why) != ZOS_OK) {
		fprintf(stderr, "fuzz_svc_time: stored settings it would refuse: %s\n", why);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct svc_host h;
	static struct zos_msg reply;
	const char *why;
	size_t pos = 0;
	uint32_t client;

	fake_vfs_reset();
	zos_vfs_use_transport(fake_vfs_transport);
	time_reset();
	if (size && data[0] && (size_t)data[0] + 1 <= size) {
		fake_vfs_put(TIME_SETTINGS_PATH, data + 1, data[0]);
		pos = (size_t)data[0] + 1;
	} else if (size) {
		pos = 1;
	}
	svc_host_boot(&h, "time", 0);
	client = svc_host_client(&h, "terminal");
	while (pos + 3 <= size) {
		uint8_t sel = data[pos];
		uint32_t len = (uint32_t)(data[pos + 1] | data[pos + 2] << 8) % (ZOS_MSG_MAX + 1);
		uint32_t tag = sel < 240 ? tags[sel % 2] : 0x8100u + sel;
		pos += 3;
		if (sel >= 240 && sel < 248) {
			fake_vfs.down = sel & 1;
			fake_vfs.fail_writes = (sel >> 1) & 1;
			continue;
		}
		if (len > size - pos)
			len = (uint32_t)(size - pos);
		if (svc_host_request(&h, client, tag, data + pos, len, time_handle, &reply) < 0) {
			fprintf(stderr, "fuzz_svc_time: a request got no answer\n");
			abort();
		}
		if (reply.h.tag == tag + 1)
			svc_host_check_answer("fuzz_svc_time", &reply);
		pos += len;
		check_stored();
		if (check_invariants(&h.sys->k.s, &why)) {
			fprintf(stderr, "fuzz_svc_time: invariant broken: %s\n", why);
			abort();
		}
	}
	svc_host_free(&h);
	return 0;
}
