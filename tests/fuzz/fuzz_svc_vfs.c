/*
 * Fuzzes VfsService's message handler on the host (tests/svc/svc_host.h):
 * arbitrary tags and bodies (JSON or not, nested, truncated, huge, odd
 * paths) from a root client, a confined app, an unregistered process and
 * a holder of VFS's control capability. Every request must be answered,
 * the kernel's invariants must hold after each, and at the end the
 * filesystem must pass its consistency check.
 *
 * Input: records { u8 tag selector, u8 client selector, u16 length, body }.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/invariants.h"
#include "svc/svc_host.h"
#include "user/services/vfs/vfs_service.h"

static const uint32_t tags[] = { ZOS_MSG_VFS_MKDIR,   ZOS_MSG_VFS_RMDIR,   ZOS_MSG_VFS_READDIR,
				 ZOS_MSG_VFS_WRITE,   ZOS_MSG_VFS_READ,    ZOS_MSG_VFS_UNLINK,
				 ZOS_MSG_VFS_STAT,    ZOS_MSG_VFS_EXISTS,  ZOS_MSG_VFS_CHECK,
				 ZOS_MSG_VFS_GRANT,   ZOS_MSG_VFS_REVOKE,  ZOS_MSG_VFS_REGISTER };
#define NTAGS (sizeof tags / sizeof tags[0])

static struct svc_host h;
static struct zos_msg reply, m;

static uint32_t pslot_of(uint32_t pid)
{
	static struct zos_cap_info caps[ZOS_MAX_SLOTS];
	int64_t n;

	svc_host_as(&h, ZOS_PID_INIT);
	n = zos_cap_list(caps, ZOS_MAX_SLOTS);
	for (int64_t i = 0; i < n; i++)
		if (caps[i].obj_type == ZOS_OBJ_PROCESS && caps[i].obj_id == pid)
			return caps[i].slot;
	abort();
}

/* A request carrying a cap (the control token) besides the reply cap. */
static int64_t with_cap(uint32_t client, uint32_t slot, uint32_t tag, const uint8_t *body,
			uint32_t len)
{
	uint32_t caps[2] = { ZOS_SLOT_SELF, slot };
	uint8_t rights[2] = { ZOS_RIGHT_WRITE, 0 };
	int64_t r;

	svc_host_as(&h, client);
	r = zos_send_caps(1, tag, caps, rights, 2, body, len);
	if (r < 0)
		return r;
	svc_host_as(&h, h.svc_pid);
	if (zos_recv(ZOS_SLOT_SELF, &m, 0) >= 0 && !vfs_handle(&m)) {
		int64_t err = ZOS_ERR_NOT_SUPPORTED;
		zos_answer(&m, m.h.tag, &err, sizeof err);
	}
	svc_host_as(&h, client);
	r = zos_recv(ZOS_SLOT_SELF, &reply, 0);
	svc_host_as(&h, h.svc_pid);
	return r;
}

static void registered(uint32_t init_ctl, uint32_t pid, const char *name, int root)
{
	char body[96];
	int n = snprintf(body, sizeof body, "{\"pid\":%u,\"name\":\"%s\",\"root\":%s}", pid, name,
			 root ? "true" : "false");

	svc_host_as(&h, ZOS_PID_INIT);
	if (zos_send_caps(h.svc_ep, ZOS_MSG_VFS_REGISTER, &init_ctl, 0, 1, body, (uint32_t)n) < 0)
		abort();
	svc_host_as(&h, h.svc_pid);
	if (zos_recv(ZOS_SLOT_SELF, &m, 0) < 0 || !vfs_handle(&m))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vfs_check_report rep;
	uint32_t clients[4], init_ctl, perm_ctl = 0;
	const char *why;
	size_t pos = 0;
	int64_t r;

	svc_host_boot(&h, "vfs", ZOS_DEV_STORAGE);
	svc_host_as(&h, ZOS_PID_INIT);
	r = zos_create_endpoint_for(pslot_of(h.svc_pid));
	if (r < 0)
		abort();
	init_ctl = ZOS_UNPACK_SLOT(r);
	svc_host_as(&h, h.svc_pid);
	if (vfs_start() != VFS_OK)
		abort();
	clients[0] = svc_host_client(&h, "terminal");
	clients[1] = svc_host_client(&h, "fz");
	clients[2] = svc_host_client(&h, "stranger");
	clients[3] = svc_host_client(&h, "permission");
	registered(init_ctl, clients[0], "terminal", 1);
	registered(init_ctl, clients[1], "fz", 0);
	registered(init_ctl, clients[3], "permission", 1);
	svc_host_as(&h, ZOS_PID_INIT);
	r = zos_cap_grant(init_ctl, pslot_of(clients[3]), ZOS_RIGHT_WRITE | ZOS_RIGHT_GRANT);
	if (r < 0)
		abort();
	{
		static struct zos_cap_info caps[ZOS_MAX_SLOTS];
		int64_t n;
		svc_host_as(&h, clients[3]);
		n = zos_cap_list(caps, ZOS_MAX_SLOTS);
		for (int64_t i = 0; i < n; i++)
			if (caps[i].obj_type == ZOS_OBJ_ENDPOINT && caps[i].slot > 1 &&
			    caps[i].rights == (ZOS_RIGHT_WRITE | ZOS_RIGHT_GRANT))
				perm_ctl = caps[i].slot;
	}
	while (pos + 4 <= size) {
		uint8_t sel = data[pos], who = data[pos + 1];
		uint32_t len = (uint32_t)(data[pos + 2] | data[pos + 3] << 8) % (ZOS_MSG_MAX + 1);
		uint32_t tag = sel < 240 ? tags[sel % NTAGS] : 0x8000u + sel;
		uint32_t client = clients[who % 4];
		pos += 4;
		if (len > size - pos)
			len = (uint32_t)(size - pos);
		if (client == clients[3] && perm_ctl)
			r = with_cap(client, perm_ctl, tag, data + pos, len);
		else
			r = svc_host_request(&h, client, tag, data + pos, len, vfs_handle, &reply);
		if (r < 0) {
			fprintf(stderr, "fuzz_svc_vfs: a request got no answer (%lld)\n", (long long)r);
			abort();
		}
		if (reply.h.tag == tag + 1)
			svc_host_check_answer("fuzz_svc_vfs", &reply);
		pos += len;
		if (check_invariants(&h.sys->k.s, &why)) {
			fprintf(stderr, "fuzz_svc_vfs: invariant broken: %s\n", why);
			abort();
		}
	}
	svc_host_as(&h, h.svc_pid);
	if (vfs_check(&rep, 1) != VFS_OK || rep.problems) {
		fprintf(stderr, "fuzz_svc_vfs: inconsistent: %u problems, first: %s\n", rep.problems,
			rep.first[0]);
		abort();
	}
	svc_host_free(&h);
	return 0;
}
