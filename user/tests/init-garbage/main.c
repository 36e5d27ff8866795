/*
 * A test program that sends Init garbage: random tags, empty, truncated
 * and oversized bodies, bodies that look like names but are not, calls
 * that expect an answer, and capabilities nobody asked for. Init must
 * answer calls with errors and keep serving: at the end this program looks
 * a service up through Init, which must still work. Exit 0 when it does.
 */
#include "zos.h"

#include "lib/mem.h"

static uint64_t rng = 0x2545F4914F6CDD1Dull;

static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

static void one(uint8_t *body)
{
	static struct zos_msg reply;
	static const uint32_t tags[] = { ZOS_MSG_INIT_REGISTER_SERVICE, ZOS_MSG_INIT_LOOKUP_SERVICE,
					 ZOS_MSG_INIT_SPAWN_SERVICE,   ZOS_MSG_INIT_SERVICE_READY,
					 ZOS_MSG_INIT_KILL,            ZOS_MSG_INIT_SHUTDOWN,
					 ZOS_MSG_SUP_CONSOLE_INPUT,    ZOS_MSG_SUP_PROCESS_ENDED };
	uint32_t tag = next() % 3 ? tags[next() % 8] : next();
	uint32_t len = next() % 5 == 0 ? ZOS_MSG_MAX : next() % 64;
	uint32_t caps[1] = { ZOS_SLOT_SELF };

	for (uint32_t i = 0; i < len; i++)
		body[i] = (uint8_t)next();
	switch (next() % 3) {
	case 0: zos_send(ZOS_SLOT_INIT, tag, body, len); break;
	case 1: zos_call(ZOS_SLOT_INIT, tag, body, len, &reply); break;
	default: zos_send_caps(ZOS_SLOT_INIT, tag, caps, 0, 1, body, len); break;
	}
}

int zos_main(void)
{
	static uint8_t body[ZOS_MSG_MAX];
	uint32_t slot;
	int64_t r;

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	for (int i = 0; i < 2000; i++)
		one(body);
	r = zos_service_lookup("time", &slot);
	zos_printf("init-garbage: 2000 malformed messages sent; init %s\n",
		   r == ZOS_OK ? "still answers lookups" : "NO LONGER ANSWERS");
	return r == ZOS_OK ? 0 : 1;
}
