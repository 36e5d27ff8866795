/*
 * Fuzzes PermissionService's message handler on the host (tests/svc/
 * svc_host.h): arbitrary tags and bodies (JSON or not, nested, truncated,
 * huge) from three clients (the trusted terminal, an app with a manifest,
 * a stranger), with or without a notice cap. Every request must be
 * answered, grants may only go to apps whose manifest asks for them, and
 * the kernel's invariants must hold.
 *
 * Input: records { u8 selector, u16 length, body }.
 */
#include <stdio.h>
#include <stdlib.h>

#include "support/invariants.h"
#include "svc/svc_host.h"
#include "user/services/permission/permission.h"

static const uint32_t tags[] = { ZOS_MSG_PERM_REQUEST_CAPABILITY, ZOS_MSG_PERM_REVOKE_CAPABILITY,
				 ZOS_MSG_PERM_LIST_MY_CAPS };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct svc_host h;
	static struct zos_msg m, reply;
	const char *why;
	size_t pos = 0;
	uint32_t clients[3];

	svc_host_boot(&h, "permission", 0);
	perm_init(0);
	perm.network_slot = (int32_t)ZOS_UNPACK_SLOT(zos_create_endpoint());
	clients[0] = svc_host_client(&h, "terminal");
	clients[1] = svc_host_client(&h, "notes");
	clients[2] = svc_host_client(&h, "stranger");
	while (pos + 3 <= size) {
		uint8_t sel = data[pos];
		uint32_t len = (uint32_t)(data[pos + 1] | data[pos + 2] << 8) % (ZOS_MSG_MAX + 1);
		uint32_t tag = sel < 240 ? tags[sel % 3] : 0xA000u + sel;
		uint32_t client = clients[(sel / 3) % 3];
		uint32_t caps[2] = { ZOS_SLOT_SELF, ZOS_SLOT_SELF };
		uint8_t rights[2] = { ZOS_RIGHT_WRITE, ZOS_RIGHT_WRITE };
		int answered = 0;

		pos += 3;
		if (len > size - pos)
			len = (uint32_t)(size - pos);
		svc_host_as(&h, client);
		if (zos_send_caps(1, tag, caps, rights, (sel & 0x80) ? 2 : 1, data + pos, len) < 0)
			abort();
		pos += len;
		svc_host_as(&h, h.svc_pid);
		while (zos_recv(ZOS_SLOT_SELF, &m, 0) >= 0)
			perm_handle(&m);
		svc_host_as(&h, client);
		while (zos_recv(ZOS_SLOT_SELF, &reply, 0) >= 0) {
			if (reply.h.tag == ZOS_MSG_PERM_CAP_REVOKED)
				continue;
			answered = 1;
			svc_host_check_answer("fuzz_svc_permission", &reply);
		}
		if (!answered) {
			fprintf(stderr, "fuzz_svc_permission: a request got no answer\n");
			abort();
		}
		for (uint32_t i = 0; i < PERM_MAX_GRANTS; i++) {
			const struct perm_grant *g = &perm.grants[i];
			if (g->used && !perm_manifest_wants(perm_builtin_manifest(g->app), g->cap)) {
				fprintf(stderr, "fuzz_svc_permission: %s granted outside the manifest\n",
					g->cap);
				abort();
			}
		}
		svc_host_as(&h, h.svc_pid);
		if (check_invariants(&h.sys->k.s, &why)) {
			fprintf(stderr, "fuzz_svc_permission: invariant broken: %s\n", why);
			abort();
		}
	}
	svc_host_free(&h);
	return 0;
}
