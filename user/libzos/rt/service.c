/*
 * The service conventions Init establishes: register a name, say ready,
 * look another service up. Lookups are calls to Init's inbox; the answer
 * carries a WRITE cap to the service's endpoint.
 */
#include "zos.h"

#include "lib/mem.h"

int32_t zos_reply_slot = -1;

void zos_runtime_init(void)
{
	int64_t r = zos_create_endpoint();

	zos_reply_slot = r < 0 ? -1 : (int32_t)ZOS_UNPACK_SLOT(r);
}

int64_t zos_service_register(const char *name)
{
	return zos_send(ZOS_SLOT_INIT, ZOS_MSG_INIT_REGISTER_SERVICE, name,
			(uint32_t)zos_strlen(name));
}

int64_t zos_service_ready(void)
{
	return zos_send(ZOS_SLOT_INIT, ZOS_MSG_INIT_SERVICE_READY, 0, 0);
}

int64_t zos_service_lookup(const char *name, uint32_t *slot)
{
	static struct zos_msg reply;
	int64_t r = zos_call(ZOS_SLOT_INIT, ZOS_MSG_INIT_LOOKUP_SERVICE, name,
			     (uint32_t)zos_strlen(name), &reply);

	if (r < 0)
		return r;
	if (reply.h.tag != ZOS_MSG_INIT_LOOKUP_RESPONSE || reply.h.ncaps != 1)
		return ZOS_ERR_NOT_FOUND;
	*slot = reply.h.cap_slots[0];
	return ZOS_OK;
}
