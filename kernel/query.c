/*
 * Read-only queries for the System, tools and tests (see kernel.h): they
 * look at the state and change nothing, so they live apart from apply.
 */
#include "kernel/internal.h"

int kernel_check_device(const struct kernel *k, uint32_t pid, uint64_t slot, uint32_t dev,
			uint8_t rights, uint64_t now)
{
	const struct proc *p = proc_find_alive(&k->s, pid);
	uint8_t type = device_type(dev);
	const struct cap *c;
	int err;

	if (!p)
		return ZOS_ERR_PROCESS_NOT_FOUND;
	if (slot >= ZOS_MAX_SLOTS)
		return ZOS_ERR_INVALID_SLOT;
	if (type == ZOS_OBJ_NONE)
		return ZOS_ERR_INVALID_ARGUMENT; /* a table naming no device: a System bug */
	err = axiom_check(&k->s, p, (uint32_t)slot, rights, type, now, &c);
	if (err != ZOS_OK)
		return err;
	return c->obj_id == dev ? ZOS_OK : ZOS_ERR_WRONG_TYPE;
}

uint64_t kernel_slot_endpoint(const struct kernel *k, uint32_t pid, uint32_t slot)
{
	const struct cap *c = cspace_get(proc_find_alive(&k->s, pid), slot);
	return c && c->type == ZOS_OBJ_ENDPOINT ? c->obj_id : 0;
}

uint64_t kernel_slot_cap_id(const struct kernel *k, uint32_t pid, uint32_t slot)
{
	const struct cap *c = cspace_get(proc_find_alive(&k->s, pid), slot);
	return c ? c->id : 0;
}

int kernel_find_cap(const struct kernel *k, uint32_t pid, uint64_t cap_id)
{
	const struct proc *p = proc_find_alive(&k->s, pid);

	for (int i = 0; p && cap_id && i < ZOS_MAX_SLOTS; i++)
		if (p->slots[i].id == cap_id)
			return i;
	return -1;
}

static int writes_to(const struct cap *c, uint64_t ep)
{
	return c->id && c->type == ZOS_OBJ_ENDPOINT && c->obj_id == ep && (c->rights & ZOS_RIGHT_WRITE);
}

int kernel_endpoint_can_hear(const struct kernel *k, uint64_t ep, uint32_t except)
{
	const struct kstate *s = &k->s;
	const struct endpoint *e = kernel_endpoint(s, ep);

	if (!e)
		return 0;
	if (e->count)
		return 1;
	for (int i = 0; i < ZOS_MAX_PROCS; i++) {
		const struct proc *p = &s->procs[i];
		if (p->state != ZOS_PROC_ALIVE || p->pid == except)
			continue;
		for (int j = 0; j < ZOS_MAX_SLOTS; j++)
			if (writes_to(&p->slots[j], ep))
				return 1;
	}
	for (int i = 0; i < ZOS_MAX_MESSAGES; i++)
		for (int j = 0; s->msgs[i].used && j < s->msgs[i].ncaps; j++)
			if (writes_to(&s->msgs[i].caps[j], ep))
				return 1;
	return 0;
}
