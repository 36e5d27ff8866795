/*
 * Syscall dispatch for the kernel class: decode the number, make sure the
 * caller is alive, and hand over to the object's decide function. Also the
 * kernel-internal decisions (Genesis, Boot, spawning Init, platform faults).
 *
 * Error precedence, the same for every syscall: caller alive, then the
 * capabilities in argument order (slot, type, rights, expiry, object), then
 * the other arguments, then resources (slots, tables, queue room).
 */
#include "kernel/decide.h"

zos_commit_t *emit(struct dctx *d, uint16_t type)
{
	zos_commit_t *c;

	if (d->st->ncommits >= ZOS_STEP_MAX_COMMITS) {
		d->st->overflow = 1;
		c = &d->st->spill;
	} else {
		c = &d->st->commits[d->st->ncommits++];
	}
	kzero(c, sizeof *c);
	c->type = type;
	c->timestamp = d->now;
	return c;
}

int64_t fail(struct dctx *d, int err)
{
	d->st->ncommits = 0;
	if (err != ZOS_ERR_BUFFER_TOO_SMALL)
		d->sc->out_len = 0; /* BUFFER_TOO_SMALL leaves the size needed */
	return err;
}

int check(struct dctx *d, uint64_t slot, uint8_t rights, uint8_t type, const struct cap **c)
{
	if (slot >= ZOS_MAX_SLOTS)
		return ZOS_ERR_INVALID_SLOT;
	return axiom_check(d->s, d->self, (uint32_t)slot, rights, type, d->now, c);
}

static int64_t dispatch(struct dctx *d)
{
	switch (d->sc->num) {
	case ZOS_SYS_EXIT: return decide_exit(d);
	case ZOS_SYS_KILL: return decide_kill(d);
	case ZOS_SYS_REGISTER_PROCESS: return decide_register_process(d);
	case ZOS_SYS_SPAWN_PROCESS: return decide_spawn_process(d);
	case ZOS_SYS_PS: return decide_ps(d);
	case ZOS_SYS_CREATE_ENDPOINT: return decide_create_endpoint(d);
	case ZOS_SYS_CREATE_ENDPOINT_FOR: return decide_create_endpoint_for(d);
	case ZOS_SYS_DELETE_ENDPOINT: return decide_delete_endpoint(d);
	case ZOS_SYS_SEND: return decide_send(d);
	case ZOS_SYS_SEND_CAP: return decide_send_cap(d);
	case ZOS_SYS_RECV: return decide_recv(d);
	case ZOS_SYS_CALL: return decide_call(d);
	case ZOS_SYS_REPLY: return decide_reply(d);
	case ZOS_SYS_CAP_GRANT: return decide_cap_grant(d);
	case ZOS_SYS_CAP_REVOKE: return decide_cap_revoke(d);
	case ZOS_SYS_CAP_DELETE: return decide_cap_delete(d);
	case ZOS_SYS_CAP_INSPECT: return decide_cap_inspect(d);
	case ZOS_SYS_CAP_DERIVE: return decide_cap_derive(d);
	case ZOS_SYS_CAP_LIST: return decide_cap_list(d);
	default: return ZOS_ERR_UNKNOWN_SYSCALL;
	}
}

void kernel_decide(const struct kernel *k, uint32_t pid, zos_syscall_t *sc, uint64_t now,
		   struct kstep *step)
{
	struct dctx d = { k, &k->s, 0, pid, sc, now, step };

	step->ncommits = 0;
	step->overflow = 0;
	sc->out_len = 0;
	d.self = proc_find_alive(&k->s, pid);
	if (!k->s.genesis_done || !d.self || pid == ZOS_PID_KERNEL)
		step->result = ZOS_ERR_PROCESS_NOT_FOUND;
	else
		step->result = dispatch(&d);
	if (step->overflow)
		step->result = ZOS_ERR_RESOURCE_EXHAUSTED;
	if (step->result < 0)
		fail(&d, (int)step->result);
}

void kernel_genesis_commit(zos_commit_t *c)
{
	kzero(c, sizeof *c);
	c->type = ZOS_COMMIT_GENESIS;
	c->u.genesis.abi_version = ZOS_ABI_VERSION;
}

void kernel_boot_commit(const struct kernel *k, zos_commit_t *c)
{
	kzero(c, sizeof *c);
	c->type = ZOS_COMMIT_BOOT;
	c->u.boot.epoch = k->s.epoch + 1;
}

void kernel_decide_spawn_init(const struct kernel *k, uint64_t now, struct kstep *step)
{
	static const struct { uint64_t id; uint8_t type; } devs[] = {
#define ZOS_X_DEV_ROW(name, id, obj) { id, ZOS_OBJ_##obj },
		ZOS_DEVICE_LIST(ZOS_X_DEV_ROW)
#undef ZOS_X_DEV_ROW
	};
	zos_syscall_t none = { 0 };
	struct dctx d = { k, &k->s, 0, ZOS_PID_KERNEL, &none, now, step };
	zos_commit_t *c;

	step->ncommits = 0;
	step->overflow = 0;
	step->result = ZOS_ERR_RESOURCE_EXHAUSTED;
	if (!k->s.genesis_done || k->s.next_pid != ZOS_PID_INIT || proc_pick_entry(&k->s) < 0)
		return;
	c = emit(&d, ZOS_COMMIT_PROCESS_CREATED);
	c->u.process_created.pid = ZOS_PID_INIT;
	c->u.process_created.parent = ZOS_PID_KERNEL;
	c->u.process_created.name_len = 4;
	kcopy(c->u.process_created.name, "init", 4);
	for (uint32_t i = 0; i < sizeof devs / sizeof devs[0]; i++) {
		c = emit(&d, ZOS_COMMIT_CAP_INSERTED);
		c->u.cap_inserted.pid = ZOS_PID_INIT;
		c->u.cap_inserted.slot = ZOS_INIT_DEVICE_SLOT(devs[i].id);
		c->u.cap_inserted.cap_id = k->s.next_cap_id + i;
		c->u.cap_inserted.obj_type = devs[i].type;
		c->u.cap_inserted.obj_id = devs[i].id;
		c->u.cap_inserted.rights = ZOS_RIGHTS_ALL;
	}
	step->result = ZOS_PID_INIT;
}

void kernel_decide_fault(const struct kernel *k, uint32_t pid, uint32_t reason, const char *desc,
			 uint32_t desc_len, uint64_t now, struct kstep *step)
{
	zos_syscall_t none = { 0 };
	struct dctx d = { k, &k->s, 0, pid, &none, now, step };
	zos_commit_t *c;

	step->ncommits = 0;
	step->overflow = 0;
	step->result = ZOS_ERR_PROCESS_NOT_FOUND;
	if (!proc_find_alive(&k->s, pid) || pid == ZOS_PID_KERNEL)
		return;
	if (desc_len > ZOS_FAULT_DESC_MAX)
		desc_len = ZOS_FAULT_DESC_MAX; /* a description, not data: shortening is safe */
	c = emit(&d, ZOS_COMMIT_PROCESS_FAULTED);
	c->u.process_faulted.pid = pid;
	c->u.process_faulted.reason = reason;
	c->u.process_faulted.desc_len = (uint8_t)desc_len;
	if (desc_len)
		kcopy(c->u.process_faulted.desc, desc, desc_len);
	step->result = ZOS_OK;
}
