/*
 * Device objects: the console, storage, keystore and network devices and the
 * spawn authority. They exist from genesis with fixed ids (ZOS_DEVICE_LIST)
 * and generation 0, are never destroyed, and carry no kernel state: the
 * kernel only checks capabilities to them, the HAL does the work.
 */
#include "kernel/internal.h"

int device_exists(uint8_t type, uint64_t obj_id)
{
#define ZOS_X_DEV_MATCH(name, id, obj) \
	if (obj_id == (id) && type == ZOS_OBJ_##obj) \
		return 1;
	ZOS_DEVICE_LIST(ZOS_X_DEV_MATCH)
#undef ZOS_X_DEV_MATCH
	return 0;
}

int kernel_check_device(const struct kernel *k, uint32_t pid, uint32_t slot, uint8_t type,
			uint64_t obj_id, uint8_t rights, uint64_t now)
{
	const struct proc *p = proc_find_alive(&k->s, pid);
	const struct cap *c;
	int err;

	if (!p)
		return ZOS_ERR_PROCESS_NOT_FOUND;
	err = axiom_check(&k->s, p, slot, rights, type, now, &c);
	if (err != ZOS_OK)
		return err;
	return c->obj_id == obj_id ? ZOS_OK : ZOS_ERR_WRONG_TYPE;
}
