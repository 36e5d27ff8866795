/*
 * The service conventions Init establishes: register a name, say ready,
 * look another service up. Lookups are calls to Init's inbox; the answer
 * carries a WRITE cap to the service's endpoint. zos_service_call is the
 * CALL every client makes, looking the service up again when it was
 * restarted.
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

int64_t zos_service_call(const char *name, int32_t *slot, uint32_t tag, const void *body,
			 uint32_t len, struct zos_msg *reply)
{
	int64_t r = ZOS_ERR_NOT_FOUND;

	for (int attempt = 0; attempt < 2; attempt++) {
		if (*slot < 0) {
			uint32_t s;
			r = zos_service_lookup(name, &s);
			if (r < 0)
				return r;
			*slot = (int32_t)s;
		}
		r = zos_call((uint32_t)*slot, tag, body, len, reply);
		if (r != ZOS_ERR_OBJECT_NOT_FOUND && r != ZOS_ERR_ENDPOINT_NOT_FOUND &&
		    r != ZOS_ERR_INVALID_SLOT)
			return r;
		zos_cap_delete((uint32_t)*slot);
		*slot = -1;
	}
	return r;
}
