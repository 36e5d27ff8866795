/*
 * Device objects: the console, storage, keystore and network devices and the
 * spawn authority. They exist from genesis with fixed ids (ZOS_DEVICE_LIST)
 * and generation 0, are never destroyed, and carry no kernel state: the
 * kernel only checks capabilities to them, the HAL does the work.
 */
#include "kernel/internal.h"

uint8_t device_type(uint64_t obj_id)
{
#define ZOS_X_DEV_TYPE(name, id, obj) \
	if (obj_id == (id)) \
		return ZOS_OBJ_##obj;
	ZOS_DEVICE_LIST(ZOS_X_DEV_TYPE)
#undef ZOS_X_DEV_TYPE
	return ZOS_OBJ_NONE;
}

int device_exists(uint8_t type, uint64_t obj_id)
{
#define ZOS_X_DEV_MATCH(name, id, obj) \
	if (obj_id == (id) && type == ZOS_OBJ_##obj) \
		return 1;
	ZOS_DEVICE_LIST(ZOS_X_DEV_MATCH)
#undef ZOS_X_DEV_MATCH
	return 0;
}
