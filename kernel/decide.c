/*
 * Syscall dispatch for the kernel class: decode the number, make sure the
 * caller is alive, and hand over to the object's decide function. Also the
 * Genesis and Boot commits; the other decisions with no syscall behind them
 * are in decide_internal.c.
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

int64_t dispatch(struct dctx *d)
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
