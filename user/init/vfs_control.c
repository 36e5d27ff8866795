/*
 * VFS's control endpoint, and telling VFS who each program is.
 *
 * When Init starts VFS it creates a second endpoint for it (VFS's slot 3,
 * in place before VFS runs): VFS never receives on it, it is a token.
 * A control request to VFS (REGISTER, GRANT, REVOKE) is obeyed only when
 * it carries a cap to that endpoint, and only Init holds one, and
 * PermissionService, to which Init hands a copy (in a LOOKUP_RESPONSE
 * whose body is "vfs-control") when either of them starts.
 *
 * Init registers every program with VFS before the program runs (the
 * REGISTER is queued on VFS's endpoint ahead of anything the program can
 * send): its name and whether it sees the whole tree (the core services
 * and the console's terminal do; programs started by `spawn` do not).
 * Init sends, never calls: it never waits on VFS.
 */
#include "init.h"

#include "lib/json.h"
#include "lib/mem.h"

static int64_t send_register(const struct program *vfs, uint32_t pid, const char *name, int root)
{
	struct zjson_writer w;
	char body[128];

	zjson_writer_init(&w, body, sizeof body);
	zjson_object_begin(&w);
	zjson_key(&w, "pid");
	zjson_uint64(&w, pid);
	zjson_key(&w, "name");
	zjson_string(&w, name);
	zjson_key(&w, "root");
	zjson_boolean(&w, root);
	zjson_object_end(&w);
	if (zjson_finish(&w) != ZOS_OK)
		return ZOS_ERR_INVALID_ARGUMENT;
	return zos_send_caps(vfs->ep, ZOS_MSG_VFS_REGISTER, &vfs->control, 0, 1, body,
			     (uint32_t)w.len);
}

static void register_program(const struct program *vfs, const struct program *p)
{
	int64_t r = send_register(vfs, p->pid, p->name, p->core || p->console);

	if (r < 0)
		zos_printf("init: could not tell vfs who %s is: %s\n", p->name, zos_strerror(r));
}

static void hand_control(const struct program *vfs, const struct program *perm)
{
	static const char what[] = "vfs-control";

	if (zos_send_caps(perm->ep, ZOS_MSG_INIT_LOOKUP_RESPONSE, &vfs->control, 0, 1, what,
			  sizeof what - 1) < 0)
		zos_printf("init: could not hand permission vfs's control capability\n");
}

int64_t vfs_control_equip(struct program *p)
{
	struct program *vfs = program_by_name("vfs"), *perm;

	if (!zos_strcmp(p->name, "vfs") && p->device == ZOS_DEV_STORAGE) {
		int64_t r = zos_create_endpoint_for(p->pslot);
		if (r < 0)
			return r;
		p->control = ZOS_UNPACK_SLOT(r);
		if (send_register(p, ZOS_PID_INIT, "init", 1) < 0)
			zos_print("init: could not register with vfs\n");
		for (int i = 0; i < INIT_MAX_PROGRAMS; i++)
			if (init.progs[i].used && init.progs[i].running && &init.progs[i] != p)
				register_program(p, &init.progs[i]);
		perm = program_by_name("permission");
		if (perm && perm->ep)
			hand_control(p, perm);
		return ZOS_OK;
	}
	if (!vfs || !vfs->control || !vfs->ep)
		return ZOS_OK; /* VFS registers it when VFS starts */
	register_program(vfs, p);
	if (!zos_strcmp(p->name, "permission") && p->core)
		hand_control(vfs, p);
	return ZOS_OK;
}
