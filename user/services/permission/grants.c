/*
 * The grants, the user's approvals, and the record of both.
 *
 * A network grant: from the network service's endpoint cap (the base, which
 * Init gives only to this service), the service derives one intermediate
 * cap for this grant alone and sends the holder a copy of it. Revoking the
 * intermediate (the kernel's CAP_REVOKE) removes every cap derived or
 * passed on from it, in CSpaces and in flight, and nothing of any other
 * grant. An fs grant is VFS's GRANT of a subtree to the holder's pid,
 * taken back with VFS's REVOKE. A grant lives while its holder does: the
 * sweep before each request drops those of ended processes.
 */
#include "permission.h"

#include "lib/json.h"
#include "lib/mem.h"

struct perm_state perm;

void perm_init(const struct perm_ops *ops)
{
	zos_memset(&perm, 0, sizeof perm);
	perm.network_slot = -1;
	perm.control_slot = -1;
	if (ops)
		perm.ops = *ops;
	zos_strlcpy(perm.record_note, "no grants yet", sizeof perm.record_note);
}

static struct zos_ps_entry ps[ZOS_MAX_PROCS];

const char *perm_proc_name(uint32_t pid, char *out, uint32_t cap)
{
	int64_t n = zos_ps(ps, ZOS_MAX_PROCS);

	for (int64_t i = 0; i < n; i++) {
		if (ps[i].pid != pid || ps[i].state != ZOS_PROC_ALIVE)
			continue;
		if (ps[i].name_len == 0 || ps[i].name_len > ZOS_NAME_MAX || ps[i].name_len >= cap)
			return 0;
		zos_memcpy(out, ps[i].name, ps[i].name_len);
		out[ps[i].name_len] = 0;
		return out;
	}
	return 0;
}

void perm_sweep(void)
{
	char name[ZOS_NAME_MAX + 1];
	int changed = 0;

	for (uint32_t i = 0; i < PERM_MAX_GRANTS; i++) {
		struct perm_grant *g = &perm.grants[i];
		const char *now;
		if (!g->used)
			continue;
		now = perm_proc_name(g->pid, name, sizeof name);
		if (now && !zos_strcmp(now, g->app))
			continue;
		perm_grant_revoke(g, ZOS_REVOKE_PROCESS_EXIT);
		changed = 1;
	}
	if (changed)
		perm_record_save();
}

struct perm_grant *perm_grant_find(uint32_t pid, const char *cap)
{
	for (uint32_t i = 0; i < PERM_MAX_GRANTS; i++)
		if (perm.grants[i].used && perm.grants[i].pid == pid &&
		    !zos_strcmp(perm.grants[i].cap, cap))
			return &perm.grants[i];
	return 0;
}

struct perm_grant *perm_grant_new(void)
{
	for (uint32_t i = 0; i < PERM_MAX_GRANTS; i++)
		if (!perm.grants[i].used) {
			zos_memset(&perm.grants[i], 0, sizeof perm.grants[i]);
			perm.grants[i].slot = -1;
			perm.grants[i].notice = -1;
			return &perm.grants[i];
		}
	return 0;
}

static int64_t derive_network(struct perm_grant *g)
{
	int64_t r = ZOS_ERR_NOT_FOUND;

	/* The network service exits when idle and Init starts it again: a base
	 * that no longer derives is looked up afresh, once. */
	for (int attempt = 0; attempt < 2; attempt++) {
		if (perm.network_slot < 0) {
			uint32_t slot;
			if (!perm.ops.network)
				return ZOS_ERR_NOT_FOUND;
			r = perm.ops.network(&slot);
			if (r < 0)
				return r;
			perm.network_slot = (int32_t)slot;
		}
		r = zos_cap_derive((uint32_t)perm.network_slot, ZOS_RIGHT_WRITE | ZOS_RIGHT_GRANT, 0);
		if (r >= 0) {
			struct zos_cap_info ci;
			g->slot = (int32_t)r;
			if (zos_cap_inspect((uint32_t)r, &ci) == ZOS_OK)
				g->cap_id = ci.cap_id;
			return ZOS_OK;
		}
		zos_cap_delete((uint32_t)perm.network_slot);
		perm.network_slot = -1;
	}
	return r;
}

static int64_t vfs_request(uint32_t tag, const struct perm_grant *g, int with_write, char *why,
			   uint32_t cap)
{
	struct perm_name pn;
	struct zjson_writer w;
	char body[256];

	if (perm_name_parse(g->cap, &pn) != ZOS_OK)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!perm.ops.vfs_control || perm.control_slot < 0) {
		zos_strlcpy(why, "VFS is not available to make file grants", cap);
		return ZOS_ERR_NOT_FOUND;
	}
	zjson_writer_init(&w, body, sizeof body);
	zjson_object_begin(&w);
	zjson_key(&w, "pid");
	zjson_uint64(&w, g->pid);
	zjson_key(&w, "path");
	zjson_string(&w, pn.path);
	if (with_write) {
		zjson_key(&w, "write");
		zjson_boolean(&w, pn.write);
	}
	zjson_object_end(&w);
	if (zjson_finish(&w) != ZOS_OK)
		return ZOS_ERR_INVALID_ARGUMENT;
	return perm.ops.vfs_control(tag, body, why, cap);
}

int64_t perm_grant_make(struct perm_grant *g, char *why, uint32_t cap)
{
	struct perm_name pn;
	int64_t r;

	why[0] = 0;
	if (perm_name_parse(g->cap, &pn) != ZOS_OK) {
		zos_strlcpy(why, "not a capability name", cap);
		return ZOS_ERR_INVALID_ARGUMENT;
	}
	switch (pn.kind) {
	case PERM_KIND_NETWORK:
		r = derive_network(g);
		if (r < 0)
			zos_strlcpy(why, "the network service cannot be reached", cap);
		return r;
	case PERM_KIND_FS:
		return vfs_request(ZOS_MSG_VFS_GRANT, g, 1, why, cap);
	default:
		return ZOS_OK; /* perm:admin is a line in the record, no cap */
	}
}

int perm_grant_live(const struct perm_grant *g)
{
	struct zos_cap_info ci;

	return g->slot >= 0 && zos_cap_inspect((uint32_t)g->slot, &ci) == ZOS_OK &&
	       ci.cap_id == g->cap_id;
}

void perm_grant_revoke(struct perm_grant *g, uint32_t reason)
{
	char why[96];

	if (perm_grant_live(g)) {
		/* Every copy derived from or passed on from ours goes with it. */
		zos_cap_revoke((uint32_t)g->slot);
		zos_cap_delete((uint32_t)g->slot);
	} else if (g->slot < 0 && zos_strnlen(g->cap, 3) == 3 && !zos_memcmp(g->cap, "fs:", 3)) {
		vfs_request(ZOS_MSG_VFS_REVOKE, g, 0, why, sizeof why);
	}
	if (g->notice >= 0) {
		struct zjson_writer w;
		char body[192];
		zjson_writer_init(&w, body, sizeof body);
		zjson_object_begin(&w);
		zjson_key(&w, "capability");
		zjson_string(&w, g->cap);
		zjson_key(&w, "reason");
		zjson_uint64(&w, reason);
		zjson_object_end(&w);
		if (zjson_finish(&w) == ZOS_OK)
			zos_send((uint32_t)g->notice, ZOS_MSG_PERM_CAP_REVOKED, body, (uint32_t)w.len);
		zos_cap_delete((uint32_t)g->notice);
	}
	zos_memset(g, 0, sizeof *g);
}

int perm_approved(const char *app, const char *cap)
{
	for (uint32_t i = 0; i < PERM_MAX_APPROVALS; i++)
		if (perm.approvals[i].used && !zos_strcmp(perm.approvals[i].app, app) &&
		    perm_name_covers(perm.approvals[i].cap, cap))
			return 1;
	return 0;
}

int perm_approve(const char *app, const char *cap)
{
	struct perm_approval *free_one = 0;

	for (uint32_t i = 0; i < PERM_MAX_APPROVALS; i++) {
		struct perm_approval *a = &perm.approvals[i];
		if (a->used && !zos_strcmp(a->app, app) && !zos_strcmp(a->cap, cap))
			return ZOS_OK;
		if (!a->used && !free_one)
			free_one = a;
	}
	if (!free_one)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	free_one->used = 1;
	zos_strlcpy(free_one->app, app, sizeof free_one->app);
	zos_strlcpy(free_one->cap, cap, sizeof free_one->cap);
	return ZOS_OK;
}

void perm_unapprove(const char *app, const char *cap)
{
	for (uint32_t i = 0; i < PERM_MAX_APPROVALS; i++)
		if (perm.approvals[i].used && !zos_strcmp(perm.approvals[i].app, app) &&
		    !zos_strcmp(perm.approvals[i].cap, cap))
			zos_memset(&perm.approvals[i], 0, sizeof perm.approvals[i]);
}

int perm_grants_json(char *out, uint32_t cap, uint32_t pid, const char *app, uint32_t *len)
{
	struct zjson_writer w;

	zjson_writer_init(&w, out, cap);
	zjson_object_begin(&w);
	zjson_key(&w, "grants");
	zjson_array_begin(&w);
	for (uint32_t i = 0; i < PERM_MAX_GRANTS; i++) {
		const struct perm_grant *g = &perm.grants[i];
		if (!g->used || (pid && g->pid != pid) || (app && zos_strcmp(app, g->app)))
			continue;
		zjson_object_begin(&w);
		zjson_key(&w, "pid");
		zjson_uint64(&w, g->pid);
		zjson_key(&w, "app");
		zjson_string(&w, g->app);
		zjson_key(&w, "capability");
		zjson_string(&w, g->cap);
		zjson_object_end(&w);
	}
	zjson_array_end(&w);
	zjson_key(&w, "approved");
	zjson_array_begin(&w);
	for (uint32_t i = 0; i < PERM_MAX_APPROVALS; i++) {
		const struct perm_approval *a = &perm.approvals[i];
		if (!a->used || (pid && !app) || (app && zos_strcmp(app, a->app)))
			continue;
		zjson_object_begin(&w);
		zjson_key(&w, "app");
		zjson_string(&w, a->app);
		zjson_key(&w, "capability");
		zjson_string(&w, a->cap);
		zjson_object_end(&w);
	}
	zjson_array_end(&w);
	zjson_object_end(&w);
	if (zjson_finish(&w) != ZOS_OK)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	*len = (uint32_t)w.len;
	return ZOS_OK;
}

void perm_record_save(void)
{
	static char text[ZOS_MSG_MAX];
	uint32_t len;
	int64_t r;

	if (!perm.ops.save)
		return;
	if (perm_grants_json(text, sizeof text, 0, 0, &len) != ZOS_OK) {
		zos_strlcpy(perm.record_note, "the record is too large to save", sizeof perm.record_note);
		return;
	}
	r = perm.ops.save(text, len);
	zos_strlcpy(perm.record_note, r < 0 ? "the record could not be saved" : "saved",
		    sizeof perm.record_note);
}
