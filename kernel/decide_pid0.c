/*
 * The System's own steps (class S in ZOS_SYSCALL_LIST), which pid 0 makes:
 * Genesis and Boot, creating Init, a crash the platform reports, and the
 * reply capability a device request leaves with pid 0.
 *
 * Pid 0 stands for the kernel and the platform. It holds capabilities like
 * any process (so everything it does is a commit and replays), but it makes
 * no syscalls of its own: the System speaks for it. At boot it receives one
 * cap, a WRITE cap to Init's inbox (slot ZOS_KERNEL_INIT_SLOT), through
 * which the platform delivers console input and notices; while a device
 * request is pending it holds a WRITE-only copy of the requester's reply
 * endpoint, whose cap id is the request id (cap ids are never reused in an
 * epoch, so a late result can never reach a later requester who happens to
 * get the same slot).
 */
#include "kernel/decide.h"

int64_t decide_genesis(struct dctx *d)
{
	zos_commit_t *c = step_emit(d, ZOS_COMMIT_GENESIS);

	c->u.genesis.abi_version = ZOS_ABI_VERSION;
	return ZOS_OK;
}

/* Every process of the previous boot is gone; the next epoch begins. */
int64_t decide_boot(struct dctx *d)
{
	zos_commit_t *c = step_emit(d, ZOS_COMMIT_BOOT);

	c->u.boot.epoch = d->s->epoch + 1;
	return ZOS_OK;
}

static void emit_device_caps(struct dctx *d)
{
	static const struct { uint64_t id; uint8_t type; } devs[] = {
#define ZOS_X_DEV_ROW(name, id, obj) { id, ZOS_OBJ_##obj },
		ZOS_DEVICE_LIST(ZOS_X_DEV_ROW)
#undef ZOS_X_DEV_ROW
	};

	for (uint32_t i = 0; i < sizeof devs / sizeof devs[0]; i++) {
		zos_commit_t *c = step_emit(d, ZOS_COMMIT_CAP_INSERTED);
		c->u.cap_inserted.pid = ZOS_PID_INIT;
		c->u.cap_inserted.slot = ZOS_INIT_DEVICE_SLOT(devs[i].id);
		c->u.cap_inserted.cap_id = d->s->next_cap_id + i;
		c->u.cap_inserted.obj_type = devs[i].type;
		c->u.cap_inserted.obj_id = devs[i].id;
		c->u.cap_inserted.rights = ZOS_RIGHTS_ALL;
	}
}

/* Init (pid 1, child of 0) with a full cap to every genesis device (its
 * slot for device d is ZOS_INIT_DEVICE_SLOT(d)) and to its inbox
 * (ZOS_INIT_INBOX_SLOT), to which pid 0 gets a WRITE cap in
 * ZOS_KERNEL_INIT_SLOT. The platform then runs its own copy of Init. */
int64_t decide_spawn_init(struct dctx *d)
{
	const struct kstate *s = d->s;
	zos_commit_t *c;

	if (s->next_pid != ZOS_PID_INIT || proc_pick_entry(s) < 0 || ep_pick_entry(s) < 0)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	c = step_emit(d, ZOS_COMMIT_PROCESS_CREATED);
	c->u.process_created.pid = ZOS_PID_INIT;
	c->u.process_created.parent = ZOS_PID_KERNEL;
	c->u.process_created.name_len = 4;
	kcopy(c->u.process_created.name, "init", 4);
	emit_device_caps(d);
	/* Init's inbox, and pid 0's way into it */
	step_emit_endpoint(d, ZOS_PID_INIT);
	step_emit_endpoint_cap(d, ZOS_PID_INIT, ZOS_INIT_INBOX_SLOT, s->next_cap_id + ZOS_DEV_COUNT,
			       ZOS_RIGHTS_ALL);
	step_emit_endpoint_cap(d, ZOS_PID_KERNEL, ZOS_KERNEL_INIT_SLOT,
			       s->next_cap_id + ZOS_DEV_COUNT + 1, ZOS_RIGHT_WRITE);
	step_start(d, ZOS_PID_INIT, 0, "init", 4, 0, 0);
	return ZOS_PID_INIT;
}

/* arg0 crashed for reason arg1; the input describes it. */
int64_t decide_fault(struct dctx *d)
{
	const zos_syscall_t *sc = d->sc;
	uint32_t desc_len = sc->in ? sc->in_len : 0;
	zos_commit_t *c;

	if (sc->arg[0] == ZOS_PID_KERNEL || sc->arg[0] > 0xFFFFFFFFu ||
	    !proc_find_alive(d->s, (uint32_t)sc->arg[0]))
		return ZOS_ERR_PROCESS_NOT_FOUND;
	if (desc_len > ZOS_FAULT_DESC_MAX)
		desc_len = ZOS_FAULT_DESC_MAX; /* a description, not data: shortening is safe */
	c = step_emit(d, ZOS_COMMIT_PROCESS_FAULTED);
	c->u.process_faulted.pid = (uint32_t)sc->arg[0];
	c->u.process_faulted.reason = (uint32_t)sc->arg[1];
	c->u.process_faulted.desc_len = (uint8_t)desc_len;
	if (desc_len)
		kcopy(c->u.process_faulted.desc, sc->in, desc_len);
	return ZOS_OK;
}

/* Process arg0 makes a device request that will answer on its endpoint at
 * slot arg1: pid 0 receives a WRITE-only copy of that endpoint cap; the
 * result is its slot in pid 0's CSpace, and the copy's cap id is the
 * request id. */
int64_t decide_reply_cap(struct dctx *d)
{
	const zos_syscall_t *sc = d->sc;
	struct dctx rq = *d;
	const struct cap *ep;
	uint32_t to;
	zos_commit_t *c;
	int err;

	if (sc->arg[0] == ZOS_PID_KERNEL || sc->arg[0] > 0xFFFFFFFFu)
		return ZOS_ERR_PROCESS_NOT_FOUND;
	rq.pid = (uint32_t)sc->arg[0];
	rq.self = proc_find_alive(d->s, rq.pid);
	if (!rq.self)
		return ZOS_ERR_PROCESS_NOT_FOUND;
	err = step_check_cap(&rq, sc->arg[1], ZOS_RIGHT_WRITE | ZOS_RIGHT_GRANT, ZOS_OBJ_ENDPOINT,
			     &ep);
	if (err == ZOS_OK && (ep->depth >= ZOS_DERIVE_DEPTH || cspace_free_slots(d->self, 1, &to)))
		err = ZOS_ERR_RESOURCE_EXHAUSTED;
	if (err)
		return err;
	c = step_emit(d, ZOS_COMMIT_CAP_GRANTED);
	c->u.cap_granted.from_pid = rq.pid;
	c->u.cap_granted.to_pid = ZOS_PID_KERNEL;
	c->u.cap_granted.from_slot = (uint32_t)sc->arg[1];
	c->u.cap_granted.to_slot = to;
	c->u.cap_granted.new_cap_id = d->s->next_cap_id;
	c->u.cap_granted.rights = ZOS_RIGHT_WRITE;
	return to;
}
