/*
 * The service skeleton: register with Init, say ready, then answer
 * requests on the service's endpoint until told otherwise. Every service
 * answers PING with PONG and its name; everything else goes to the
 * service's own handler. A request that came by CALL always gets an
 * answer, even an unknown one, so no caller waits forever; capabilities a
 * request carried beyond the reply cap are given back.
 */
#include "zos.h"

#include "lib/mem.h"

void zos_answer(const struct zos_msg *m, uint32_t tag, const void *body, uint32_t len)
{
	if (m->h.ncaps == 0)
		return;
	if (zos_reply(m->h.cap_slots[0], tag, body, len) < 0)
		zos_cap_delete(m->h.cap_slots[0]);
	for (uint32_t i = 1; i < m->h.ncaps && i < ZOS_MSG_MAX_CAPS; i++)
		zos_cap_delete(m->h.cap_slots[i]);
}

int zos_serve(const char *name, const char *status, zos_handler handle)
{
	static struct zos_msg m;
	int64_t r;

	r = zos_service_register(name);
	if (r >= 0)
		r = zos_service_ready();
	if (r < 0) {
		zos_printf("%s: cannot reach init: %s\n", name, zos_strerror(r));
		return 1;
	}
	for (;;) {
		r = zos_recv(ZOS_SLOT_SELF, &m, 1);
		if (r < 0) {
			zos_printf("%s: cannot receive: %s\n", name, zos_strerror(r));
			return 1;
		}
		if (m.h.tag == ZOS_MSG_PING)
			zos_answer(&m, ZOS_MSG_PONG, status ? status : name,
				   (uint32_t)zos_strlen(status ? status : name));
		else if (!handle || !handle(&m)) {
			int64_t err = ZOS_ERR_NOT_SUPPORTED;
			zos_answer(&m, m.h.tag, &err, sizeof err);
		}
	}
}
