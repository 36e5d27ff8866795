/*
 * Namespaces: who a client is, and the subtrees it may see.
 *
 * The sender's pid in every message header is attested by the kernel;
 * VFS uses it as a badge to tell its clients apart, never as authority.
 * What a pid may see comes from control requests (REGISTER from Init,
 * GRANT and REVOKE from PermissionService), each obeyed only when it
 * carried a cap to VFS's control endpoint (handler.c checks that). Pids
 * are never reused while the system runs, so what VFS learns about a pid
 * stays true.
 *
 * A registered root client (the core services, the console's terminal)
 * sees "/" and is not held to modes. Every other process sees its own
 * /apps/<name> and /tmp, where modes apply, plus what PermissionService
 * granted it (a subtree, read-only or not). A process Init has not
 * registered is "pid-<pid>", with no root: it sees only /tmp.
 */
#include "vfs_service.h"

#include "lib/fmt.h"
#include "lib/mem.h"

static struct vfs_client clients[VFS_MAX_CLIENTS];

void vfs_ns_reset(void)
{
	zos_memset(clients, 0, sizeof clients);
}

static void name_client(struct vfs_client *c, const char *name, size_t len, int root)
{
	if (len == 0 || len > ZOS_NAME_MAX || !vfs_name_valid(name, len)) {
		zos_snprintf(c->name, sizeof c->name, "pid-%u", c->pid);
	} else {
		zos_memcpy(c->name, name, len);
		c->name[len] = 0;
	}
	c->root = (uint8_t)root;
	zos_snprintf(c->home, sizeof c->home, "/apps/%s", c->name);
}

/* Frees the slots of processes that have ended (a full table only). */
static void forget_ended(void)
{
	static struct zos_ps_entry ps[ZOS_MAX_PROCS];
	int64_t n = zos_ps(ps, ZOS_MAX_PROCS);

	for (uint32_t k = 0; k < VFS_MAX_CLIENTS; k++) {
		int alive = 0;
		for (int64_t i = 0; i < n; i++)
			alive |= ps[i].pid == clients[k].pid && ps[i].state == ZOS_PROC_ALIVE;
		if (!alive)
			zos_memset(&clients[k], 0, sizeof clients[k]);
	}
}

static struct vfs_client *slot_for(uint32_t pid, int create)
{
	struct vfs_client *free_slot = 0;

	for (int pass = 0; pass < 2; pass++) {
		for (uint32_t k = 0; k < VFS_MAX_CLIENTS; k++) {
			if (clients[k].used && clients[k].pid == pid)
				return &clients[k];
			if (!clients[k].used && !free_slot)
				free_slot = &clients[k];
		}
		if (free_slot || !create)
			break;
		forget_ended();
	}
	if (!free_slot || !create)
		return 0;
	zos_memset(free_slot, 0, sizeof *free_slot);
	free_slot->used = 1;
	free_slot->pid = pid;
	return free_slot;
}

struct vfs_client *vfs_client_of(uint32_t pid)
{
	struct vfs_client *c = slot_for(pid, 0);

	if (c)
		return c;
	c = slot_for(pid, 1);
	if (c)
		name_client(c, "", 0, 0);
	return c;
}

int vfs_ns_register(uint32_t pid, const char *name, int root)
{
	struct vfs_client *c = slot_for(pid, 1);

	if (!c)
		return VFS_E_TOOBIG;
	name_client(c, name, zos_strlen(name), root);
	c->registered = 1;
	return VFS_OK;
}

int vfs_ns_grant(uint32_t pid, const char *path, int write)
{
	struct vfs_client *c = vfs_client_of(pid);

	if (!c)
		return VFS_E_TOOBIG;
	for (uint32_t i = 0; i < c->ngrants; i++)
		if (!zos_strcmp(c->grants[i].path, path)) {
			c->grants[i].write = (uint8_t)write;
			return VFS_OK;
		}
	if (c->ngrants == VFS_MAX_GRANTS)
		return VFS_E_TOOBIG;
	zos_strlcpy(c->grants[c->ngrants].path, path, sizeof c->grants[0].path);
	c->grants[c->ngrants++].write = (uint8_t)write;
	return VFS_OK;
}

int vfs_ns_revoke(uint32_t pid, const char *path)
{
	struct vfs_client *c = slot_for(pid, 0);

	for (uint32_t i = 0; c && i < c->ngrants; i++)
		if (!zos_strcmp(c->grants[i].path, path)) {
			c->grants[i] = c->grants[--c->ngrants];
			return VFS_OK;
		}
	return VFS_E_NOENT;
}

void vfs_ns_access(const struct vfs_client *c, const char *path, int *by_default, int *by_grant)
{
	*by_default = 0;
	*by_grant = 0;
	if (c->root) {
		*by_grant = 2;
		return;
	}
	*by_default = vfs_path_within(path, c->home) || vfs_path_within(path, "/tmp");
	for (uint32_t i = 0; i < c->ngrants; i++)
		if (vfs_path_within(path, c->grants[i].path) && *by_grant < 1 + c->grants[i].write)
			*by_grant = 1 + c->grants[i].write;
}
