/*
 * Capability spaces and axiom_check, the single gate for authority.
 *
 * A CSpace is a process's fixed array of slots. axiom_check is how every
 * syscall uses a capability, and it fails closed: an empty or out-of-range
 * slot, the wrong object type, missing rights, an expired cap, or an object
 * that is gone (or reused: the generation differs) is always an error.
 *
 * Derivation is remembered as each cap's list of ancestor ids, so revoking a
 * cap can find everything derived or granted from it even when a cap in
 * between was deleted. Rights only shrink along that list: cap_make_child is
 * the one place a cap is copied, and it refuses any new right.
 *
 * Invariant (checked by tests/support/invariants.c after every step): every
 * cap in a CSpace or in flight names a live object with its generation.
 */
#include "kernel/internal.h"

int axiom_check(const struct kstate *s, const struct proc *p, uint32_t slot, uint8_t rights,
		uint8_t type, uint64_t now, const struct cap **out)
{
	const struct cap *c = cspace_get(p, slot);

	if (!c)
		return ZOS_ERR_INVALID_SLOT;
	if (type != ZOS_OBJ_NONE && c->type != type)
		return ZOS_ERR_WRONG_TYPE;
	if ((c->rights & rights) != rights)
		return ZOS_ERR_INSUFFICIENT_RIGHTS;
	if (c->expires_at != ZOS_CAP_NEVER_EXPIRES && now >= c->expires_at)
		return ZOS_ERR_EXPIRED;
	if (!cap_object_live(s, c->type, c->obj_id, c->generation))
		return ZOS_ERR_OBJECT_NOT_FOUND;
	*out = c;
	return ZOS_OK;
}

const struct cap *cspace_get(const struct proc *p, uint32_t slot)
{
	if (!p || slot >= ZOS_MAX_SLOTS || cap_empty(&p->slots[slot]))
		return 0;
	return &p->slots[slot];
}

int cspace_free_slots(const struct proc *p, uint32_t n, uint32_t *out)
{
	uint32_t found = 0;

	for (uint32_t i = 0; i < ZOS_MAX_SLOTS && found < n; i++)
		if (cap_empty(&p->slots[i]))
			out[found++] = i;
	return found == n ? ZOS_OK : ZOS_ERR_RESOURCE_EXHAUSTED;
}

int cap_object_live(const struct kstate *s, uint8_t type, uint64_t obj_id, uint32_t generation)
{
	switch (type) {
	case ZOS_OBJ_ENDPOINT: {
		const struct endpoint *e = kernel_endpoint(s, obj_id);
		return e && e->generation == generation;
	}
	case ZOS_OBJ_PROCESS: {
		const struct proc *p = obj_id <= 0xFFFFFFFFu ? kernel_proc(s, (uint32_t)obj_id) : 0;
		return p && p->generation == generation;
	}
	case ZOS_OBJ_CONSOLE:
	case ZOS_OBJ_DEVICE:
	case ZOS_OBJ_SPAWN:
		return generation == 0 && device_exists(type, obj_id);
	default:
		return 0; /* Memory, Irq, IoPort: no such objects exist yet */
	}
}

int cap_rights_valid(uint64_t rights)
{
	return (rights & ~(uint64_t)ZOS_RIGHTS_ALL) == 0;
}

int cap_make_child(struct cap *dst, const struct cap *src, uint64_t new_id, uint8_t rights,
		   uint64_t expires_at)
{
	if ((rights & src->rights) != rights)
		return ZOS_ERR_INSUFFICIENT_RIGHTS;
	if (src->depth >= ZOS_DERIVE_DEPTH)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	if (src->expires_at != ZOS_CAP_NEVER_EXPIRES &&
	    (expires_at == ZOS_CAP_NEVER_EXPIRES || expires_at > src->expires_at))
		expires_at = src->expires_at; /* a child never outlives its parent */
	*dst = *src;
	dst->id = new_id;
	dst->rights = rights;
	dst->expires_at = expires_at;
	dst->ancestors[src->depth] = src->id;
	dst->depth = (uint8_t)(src->depth + 1);
	return ZOS_OK;
}

struct object_ref {
	uint8_t type;
	uint64_t id;
};

static int names_object(const struct cap *c, const void *arg)
{
	const struct object_ref *o = arg;
	return c->type == o->type && c->obj_id == o->id;
}

void cap_sweep_object(struct kstate *s, uint8_t type, uint64_t obj_id)
{
	struct object_ref o = { type, obj_id };
	cap_sweep(s, names_object, &o);
}

/* The cap itself or anything derived or granted from it. */
static int descends(const struct cap *c, const void *arg)
{
	uint64_t ancestor = *(const uint64_t *)arg;

	if (c->id == ancestor)
		return 1;
	for (uint8_t i = 0; i < c->depth; i++)
		if (c->ancestors[i] == ancestor)
			return 1;
	return 0;
}

static void msg_drop_cap(struct kmsg *m, uint8_t i)
{
	for (; i + 1 < m->ncaps; i++)
		m->caps[i] = m->caps[i + 1];
	m->ncaps--;
	kzero(&m->caps[m->ncaps], sizeof m->caps[0]);
}

void cap_sweep(struct kstate *s, int (*match)(const struct cap *, const void *), const void *arg)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++) {
		if (s->procs[i].state != ZOS_PROC_ALIVE)
			continue; /* free entries and zombies hold no caps */
		for (int j = 0; j < ZOS_MAX_SLOTS; j++) {
			struct cap *c = &s->procs[i].slots[j];
			if (!cap_empty(c) && match(c, arg))
				kzero(c, sizeof *c);
		}
	}
	for (int i = 0; i < ZOS_MAX_MESSAGES; i++) {
		struct kmsg *m = &s->msgs[i];
		for (uint8_t j = 0; m->used && j < m->ncaps;) {
			if (match(&m->caps[j], arg))
				msg_drop_cap(m, j);
			else
				j++;
		}
	}
}

/* ---- apply: the only writers of CSpaces ---- */

static struct cap *slot_for_write(struct kstate *s, uint32_t pid, uint32_t slot, int want_empty)
{
	struct proc *p = proc_find(s, pid);

	if (!p || p->state != ZOS_PROC_ALIVE || slot >= ZOS_MAX_SLOTS)
		return 0;
	if (cap_empty(&p->slots[slot]) != want_empty)
		return 0;
	return &p->slots[slot];
}

int cap_apply_inserted(struct kstate *s, const struct zos_c_cap_inserted *c)
{
	struct cap *dst = slot_for_write(s, c->pid, c->slot, 1);

	if (!dst || c->cap_id != s->next_cap_id || !cap_rights_valid(c->rights) ||
	    !cap_object_live(s, c->obj_type, c->obj_id, c->generation))
		return ZOS_ERR_CORRUPT;
	kzero(dst, sizeof *dst);
	dst->id = c->cap_id;
	dst->type = c->obj_type;
	dst->obj_id = c->obj_id;
	dst->rights = c->rights;
	dst->generation = c->generation;
	dst->expires_at = c->expires_at;
	s->next_cap_id++;
	return ZOS_OK;
}

int cap_apply_removed(struct kstate *s, const struct zos_c_cap_removed *c)
{
	struct cap *dst = slot_for_write(s, c->pid, c->slot, 0);

	if (!dst)
		return ZOS_ERR_CORRUPT;
	kzero(dst, sizeof *dst);
	return ZOS_OK;
}

static int apply_child(struct kstate *s, uint32_t from_pid, uint32_t from_slot, uint32_t to_pid,
		       uint32_t to_slot, uint64_t new_id, uint8_t rights, uint64_t expires_at)
{
	struct cap *src = slot_for_write(s, from_pid, from_slot, 0);
	struct cap *dst = slot_for_write(s, to_pid, to_slot, 1);
	struct cap child;

	if (!src || !dst || new_id != s->next_cap_id)
		return ZOS_ERR_CORRUPT;
	if (cap_make_child(&child, src, new_id, rights, expires_at) != ZOS_OK)
		return ZOS_ERR_CORRUPT;
	*dst = child;
	s->next_cap_id++;
	return ZOS_OK;
}

int cap_apply_granted(struct kstate *s, const struct zos_c_cap_granted *c)
{
	return apply_child(s, c->from_pid, c->from_slot, c->to_pid, c->to_slot, c->new_cap_id,
			   c->rights, ZOS_CAP_NEVER_EXPIRES);
}

int cap_apply_derived(struct kstate *s, const struct zos_c_cap_derived *c)
{
	return apply_child(s, c->pid, c->from_slot, c->pid, c->new_slot, c->new_cap_id, c->rights,
			   c->expires_at);
}

int cap_apply_revoked(struct kstate *s, const struct zos_c_cap_revoked *c)
{
	struct cap *root = slot_for_write(s, c->pid, c->slot, 0);

	uint64_t id;

	if (!root)
		return ZOS_ERR_CORRUPT;
	id = root->id;
	cap_sweep(s, descends, &id);
	return ZOS_OK;
}
