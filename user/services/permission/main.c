/*
 * PermissionService's process: the real sources of what it delegates. The
 * network service's endpoint comes from Init (a private lookup only this
 * service may make; Init starts the service on demand), VFS's control cap
 * arrives from Init as a message (handler.c), and the record and app
 * manifests go through the libzos VFS client. Nothing here blocks before
 * the service is READY: VFS starts after this service.
 */
#include "permission.h"

#include "answer.h"
#include "lib/fmt.h"
#include "lib/json.h"
#include "lib/mem.h"
#include "vfs.h"

static int64_t network(uint32_t *slot)
{
	return zos_service_lookup("network", slot);
}

/* A control request is a call whose second cap is VFS's control cap. */
static int64_t vfs_control(uint32_t tag, const char *body, char *why, uint32_t cap)
{
	static struct zos_msg reply;
	static struct zjson_tok toks[16];
	static struct zos_refusal refusal;
	static int32_t vfs = -1;
	struct zjson_doc doc;
	uint32_t caps[2];
	uint8_t rights[2] = { ZOS_RIGHT_WRITE, 0 };
	int64_t r;

	if (vfs < 0) {
		uint32_t s;
		r = zos_service_lookup("vfs", &s);
		if (r < 0) {
			zos_strlcpy(why, "VFS cannot be reached", cap);
			return r;
		}
		vfs = (int32_t)s;
	}
	caps[0] = (uint32_t)zos_reply_slot;
	caps[1] = (uint32_t)perm.control_slot;
	r = zos_send_caps((uint32_t)vfs, tag, caps, rights, 2, body, (uint32_t)zos_strlen(body));
	if (r < 0) {
		zos_cap_delete((uint32_t)vfs);
		vfs = -1; /* VFS restarted: look it up again next time */
		zos_strlcpy(why, "VFS cannot be reached", cap);
		return r;
	}
	r = zos_recv((uint32_t)zos_reply_slot, &reply, 1);
	if (r < 0) {
		zos_strlcpy(why, "VFS did not answer", cap);
		return r;
	}
	r = zos_answer_read(&doc, reply.body, reply.h.size, toks, 16, "VFS", &refusal);
	if (r == ZOS_ANSWER_OK)
		return ZOS_OK;
	zos_strlcpy(why, refusal.words, cap); /* its refusal, or what is wrong with it */
	return r == ZOS_ANSWER_REFUSED ? ZOS_ERR_INSUFFICIENT_RIGHTS : r;
}

static int64_t save(const char *json, uint32_t len)
{
	zos_vfs_mkdir("/system/config", 1);
	return zos_vfs_write(PERM_RECORD_PATH, json, len);
}

static int64_t read_manifest(const char *id, char *out, uint32_t cap)
{
	char path[96];
	int64_t n;

	if (zos_snprintf(path, sizeof path, "/apps/%s/manifest.json", id) >= (int)sizeof path)
		return ZOS_ERR_INVALID_ARGUMENT;
	n = zos_vfs_read(path, 0, out, cap - 1, 0);
	if (n >= 0)
		out[n] = 0;
	return n;
}

int zos_main(void)
{
	static const struct perm_ops ops = { network, vfs_control, save, read_manifest };

	perm_init(&ops);
	return zos_serve("permission", 0, perm_handle);
}
