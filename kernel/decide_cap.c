/*
 * Decide for the capability syscalls: CAP_GRANT, CAP_REVOKE, CAP_DELETE,
 * CAP_INSPECT, CAP_DERIVE and CAP_LIST.
 *
 * Granting needs GRANT on the cap and WRITE on a Process cap to the
 * receiver; deriving stays inside one's own CSpace. Both may only keep or
 * drop rights, never add one (asking for more is INSUFFICIENT_RIGHTS, not a
 * silent trim). Revoke and delete need only that the slot holds a cap: a
 * holder may always give up what it holds, expired or not.
 */
#include "kernel/decide.h"

static int slot_held(struct dctx *d, uint64_t slot, const struct cap **c)
{
	*c = slot < ZOS_MAX_SLOTS ? cspace_get(d->self, (uint32_t)slot) : 0;
	return *c ? ZOS_OK : ZOS_ERR_INVALID_SLOT;
}

static int check_new_rights(uint64_t want, const struct cap *from)
{
	if (!cap_rights_valid(want))
		return ZOS_ERR_INVALID_ARGUMENT;
	if ((want & from->rights) != want)
		return ZOS_ERR_INSUFFICIENT_RIGHTS;
	return ZOS_OK;
}

int64_t decide_cap_grant(struct dctx *d)
{
	const struct cap *from, *pc;
	const struct proc *to;
	uint32_t slot;
	zos_commit_t *c;
	int err = step_check_cap(d, d->sc->arg[0], ZOS_RIGHT_GRANT, ZOS_OBJ_NONE, &from);

	if (!err)
		err = step_check_cap(d, d->sc->arg[1], ZOS_RIGHT_WRITE, ZOS_OBJ_PROCESS, &pc);
	if (!err)
		err = check_new_rights(d->sc->arg[2], from);
	if (err)
		return err;
	to = proc_find_alive(d->s, (uint32_t)pc->obj_id);
	if (!to || to->pid == ZOS_PID_KERNEL)
		return ZOS_ERR_PROCESS_NOT_FOUND;
	if (from->depth >= ZOS_DERIVE_DEPTH || cspace_free_slots(to, 1, &slot) != ZOS_OK)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	c = step_emit(d, ZOS_COMMIT_CAP_GRANTED);
	c->u.cap_granted.from_pid = d->pid;
	c->u.cap_granted.to_pid = to->pid;
	c->u.cap_granted.from_slot = (uint32_t)d->sc->arg[0];
	c->u.cap_granted.to_slot = slot;
	c->u.cap_granted.new_cap_id = d->s->next_cap_id;
	c->u.cap_granted.rights = (uint8_t)d->sc->arg[2];
	return slot;
}

int64_t decide_cap_revoke(struct dctx *d)
{
	const struct cap *cap;
	zos_commit_t *c;
	int err = slot_held(d, d->sc->arg[0], &cap);

	if (err)
		return err;
	c = step_emit(d, ZOS_COMMIT_CAP_REVOKED);
	c->u.cap_revoked.pid = d->pid;
	c->u.cap_revoked.slot = (uint32_t)d->sc->arg[0];
	return ZOS_OK;
}

int64_t decide_cap_delete(struct dctx *d)
{
	const struct cap *cap;
	zos_commit_t *c;
	int err = slot_held(d, d->sc->arg[0], &cap);

	if (err)
		return err;
	c = step_emit(d, ZOS_COMMIT_CAP_REMOVED);
	c->u.cap_removed.pid = d->pid;
	c->u.cap_removed.slot = (uint32_t)d->sc->arg[0];
	return ZOS_OK;
}

static void cap_info(struct zos_cap_info *info, const struct cap *c, uint32_t slot)
{
	kzero(info, sizeof *info);
	info->cap_id = c->id;
	info->obj_id = c->obj_id;
	info->expires_at = c->expires_at;
	info->slot = slot;
	info->generation = c->generation;
	info->obj_type = c->type;
	info->rights = c->rights;
	info->depth = c->depth;
}

int64_t decide_cap_inspect(struct dctx *d)
{
	const struct cap *cap;
	struct zos_cap_info info;
	int err = slot_held(d, d->sc->arg[0], &cap);

	if (err)
		return err;
	d->sc->out_len = sizeof info;
	if (!d->sc->out || d->sc->out_cap < sizeof info)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	cap_info(&info, cap, (uint32_t)d->sc->arg[0]);
	kcopy(d->sc->out, &info, sizeof info);
	return ZOS_OK;
}

/* arg2: the new cap's expiry (monotonic ns), 0 for the source's own. */
int64_t decide_cap_derive(struct dctx *d)
{
	const struct cap *from;
	uint64_t expires = d->sc->arg[2];
	uint32_t slot;
	zos_commit_t *c;
	int err = step_check_cap(d, d->sc->arg[0], 0, ZOS_OBJ_NONE, &from);

	if (!err)
		err = check_new_rights(d->sc->arg[1], from);
	if (err)
		return err;
	if (expires != ZOS_CAP_NEVER_EXPIRES &&
	    (expires <= d->now || (from->expires_at && expires > from->expires_at)))
		return ZOS_ERR_INVALID_ARGUMENT; /* already over, or outliving its source */
	if (from->depth >= ZOS_DERIVE_DEPTH || cspace_free_slots(d->self, 1, &slot) != ZOS_OK)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	c = step_emit(d, ZOS_COMMIT_CAP_DERIVED);
	c->u.cap_derived.pid = d->pid;
	c->u.cap_derived.from_slot = (uint32_t)d->sc->arg[0];
	c->u.cap_derived.new_slot = slot;
	c->u.cap_derived.new_cap_id = d->s->next_cap_id;
	c->u.cap_derived.rights = (uint8_t)d->sc->arg[1];
	c->u.cap_derived.expires_at = expires ? expires : from->expires_at;
	return slot;
}

/* One zos_cap_info per held cap of p, by slot, into out. Result: the
 * count, or BUFFER_TOO_SMALL with *out_len the size needed. */
static int64_t list_caps(const struct proc *p, uint8_t *out, uint32_t cap, uint32_t *out_len)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < ZOS_MAX_SLOTS; i++) {
		const struct cap *c = cspace_get(p, i);
		if (!c)
			continue;
		if (out && (n + 1) * sizeof(struct zos_cap_info) <= cap) {
			struct zos_cap_info info;
			cap_info(&info, c, i);
			kcopy(out + n * sizeof info, &info, sizeof info);
		}
		n++;
	}
	*out_len = n * (uint32_t)sizeof(struct zos_cap_info);
	if (*out_len > cap || (n && !out))
		return ZOS_ERR_BUFFER_TOO_SMALL;
	return n;
}

int64_t decide_cap_list(struct dctx *d)
{
	return list_caps(d->self, d->sc->out, d->sc->out_cap, &d->sc->out_len);
}

int64_t kernel_list_caps(const struct kernel *k, uint32_t pid, uint8_t *out, uint32_t cap,
			 uint32_t *out_len)
{
	const struct proc *p = kernel_proc(&k->s, pid);

	*out_len = 0;
	if (!p)
		return ZOS_ERR_PROCESS_NOT_FOUND;
	return list_caps(p, out, cap, out_len);
}
