/*
 * Decisions with no process syscall behind them: creating Init at boot, a
 * crash the platform reports, messages the platform sends as pid 0, and the
 * reply capability a device request leaves with pid 0.
 *
 * Pid 0 stands for the kernel and the platform. It holds capabilities like
 * any process (so everything it does is a commit and replays), but it makes
 * no syscalls of its own: the System speaks for it through these functions.
 * At boot it receives one cap, a WRITE cap to Init's inbox (slot
 * ZOS_KERNEL_INIT_SLOT), through which the platform delivers console input
 * and notices; while a device request is pending it holds a WRITE-only copy
 * of the requester's reply endpoint, whose cap id is the request id (cap
 * ids are never reused in an epoch, so a late result can never reach a
 * later requester who happens to get the same slot).
 */
#include "kernel/decide.h"

static void start(struct kstep *step, int64_t result)
{
	step->ncommits = 0;
	step->overflow = 0;
	step->body = 0;
	step->result = result;
}

static void emit_device_caps(struct dctx *d)
{
	static const struct { uint64_t id; uint8_t type; } devs[] = {
#define ZOS_X_DEV_ROW(name, id, obj) { id, ZOS_OBJ_##obj },
		ZOS_DEVICE_LIST(ZOS_X_DEV_ROW)
#undef ZOS_X_DEV_ROW
	};

	for (uint32_t i = 0; i < sizeof devs / sizeof devs[0]; i++) {
		zos_commit_t *c = emit(d, ZOS_COMMIT_CAP_INSERTED);
		c->u.cap_inserted.pid = ZOS_PID_INIT;
		c->u.cap_inserted.slot = ZOS_INIT_DEVICE_SLOT(devs[i].id);
		c->u.cap_inserted.cap_id = d->s->next_cap_id + i;
		c->u.cap_inserted.obj_type = devs[i].type;
		c->u.cap_inserted.obj_id = devs[i].id;
		c->u.cap_inserted.rights = ZOS_RIGHTS_ALL;
	}
}

void kernel_decide_spawn_init(const struct kernel *k, uint64_t now, struct kstep *step)
{
	zos_syscall_t none = { 0 };
	struct dctx d = { k, &k->s, 0, ZOS_PID_KERNEL, &none, now, step };
	zos_commit_t *c;

	start(step, ZOS_ERR_RESOURCE_EXHAUSTED);
	if (!k->s.genesis_done || k->s.next_pid != ZOS_PID_INIT || proc_pick_entry(&k->s) < 0 ||
	    ep_pick_entry(&k->s) < 0)
		return;
	c = emit(&d, ZOS_COMMIT_PROCESS_CREATED);
	c->u.process_created.pid = ZOS_PID_INIT;
	c->u.process_created.parent = ZOS_PID_KERNEL;
	c->u.process_created.name_len = 4;
	kcopy(c->u.process_created.name, "init", 4);
	emit_device_caps(&d);
	/* Init's inbox, and pid 0's way into it */
	emit_endpoint(&d, ZOS_PID_INIT);
	emit_endpoint_cap(&d, ZOS_PID_INIT, ZOS_INIT_INBOX_SLOT, k->s.next_cap_id + ZOS_DEV_COUNT,
			  ZOS_RIGHTS_ALL);
	emit_endpoint_cap(&d, ZOS_PID_KERNEL, ZOS_KERNEL_INIT_SLOT,
			  k->s.next_cap_id + ZOS_DEV_COUNT + 1, ZOS_RIGHT_WRITE);
	step->result = ZOS_PID_INIT;
}

void kernel_decide_fault(const struct kernel *k, uint32_t pid, uint32_t reason, const char *desc,
			 uint32_t desc_len, uint64_t now, struct kstep *step)
{
	zos_syscall_t none = { 0 };
	struct dctx d = { k, &k->s, 0, pid, &none, now, step };
	zos_commit_t *c;

	start(step, ZOS_ERR_PROCESS_NOT_FOUND);
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

void kernel_decide_kernel(const struct kernel *k, zos_syscall_t *sc, uint64_t now,
			  struct kstep *step)
{
	struct dctx d = { k, &k->s, proc_find_alive(&k->s, ZOS_PID_KERNEL), ZOS_PID_KERNEL, sc,
			  now, step };

	start(step, ZOS_ERR_UNKNOWN_SYSCALL);
	sc->out_len = 0;
	if (!d.self)
		step->result = ZOS_ERR_PROCESS_NOT_FOUND;
	else if (sc->num == ZOS_SYS_SEND || sc->num == ZOS_SYS_REPLY || sc->num == ZOS_SYS_CAP_DELETE)
		step->result = dispatch(&d);
	if (step->overflow)
		step->result = ZOS_ERR_RESOURCE_EXHAUSTED;
	if (step->result < 0)
		fail(&d, (int)step->result);
}

void kernel_decide_reply_cap(const struct kernel *k, uint32_t pid, uint64_t slot, uint64_t now,
			     struct kstep *step)
{
	zos_syscall_t none = { 0 };
	struct dctx d = { k, &k->s, proc_find_alive(&k->s, pid), pid, &none, now, step };
	const struct proc *kp = proc_find_alive(&k->s, ZOS_PID_KERNEL);
	const struct cap *ep;
	uint32_t to;
	zos_commit_t *c;
	int err;

	start(step, ZOS_ERR_PROCESS_NOT_FOUND);
	if (!d.self || pid == ZOS_PID_KERNEL || !kp)
		return;
	err = check(&d, slot, ZOS_RIGHT_WRITE | ZOS_RIGHT_GRANT, ZOS_OBJ_ENDPOINT, &ep);
	if (err == ZOS_OK && (ep->depth >= ZOS_DERIVE_DEPTH || cspace_free_slots(kp, 1, &to)))
		err = ZOS_ERR_RESOURCE_EXHAUSTED;
	if (err) {
		step->result = err;
		return;
	}
	c = emit(&d, ZOS_COMMIT_CAP_GRANTED);
	c->u.cap_granted.from_pid = pid;
	c->u.cap_granted.to_pid = ZOS_PID_KERNEL;
	c->u.cap_granted.from_slot = (uint32_t)slot;
	c->u.cap_granted.to_slot = to;
	c->u.cap_granted.new_cap_id = k->s.next_cap_id;
	c->u.cap_granted.rights = ZOS_RIGHT_WRITE;
	step->result = to;
}
