/*
 * A test program with no network access (started by `spawn net-probe`),
 * trying to get some anyway: a lookup of the private "network" service
 * (Init must refuse it: only its holders may), the libzos client (which
 * must fail the same way), and the network device itself through every
 * slot it holds and a few it does not (the kernel must refuse each). It
 * prints what happened and exits 0 when everything was refused.
 */
#include "net.h"
#include "lib/net_wire.h"

int zos_main(void)
{
	static struct zos_msg reply;
	static uint8_t in[256];
	struct znet_request rq = { .method = ZOS_NET_GET, .url = "http://127.0.0.1/",
				   .url_len = 17 };
	struct zos_net_req nrq = { .url = "http://127.0.0.1/" };
	const char *why;
	uint32_t slot, len = 0;
	int allowed = 0;
	int64_t r;

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	r = zos_service_lookup("network", &slot);
	if (r >= 0) {
		zos_print("net-probe: the lookup of network was ALLOWED\n");
		allowed = 1;
	}
	r = zos_net_request(&nrq, &reply);
	if (r >= 0) {
		zos_print("net-probe: a network request was ALLOWED\n");
		allowed = 1;
	}
	if (znet_request_encode(&rq, in, sizeof in, &len, &why) != ZOS_OK)
		return 2;
	for (uint32_t s = 0; s < 8; s++)
		if (zos_device(ZOS_SYS_NETWORK_FETCH, s, ZOS_SLOT_SELF, in, len) >= 0) {
			zos_printf("net-probe: NETWORK_FETCH through slot %u was ALLOWED\n", s);
			allowed = 1;
		}
	zos_print(allowed ? "net-probe: the network is reachable without access\n"
			  : "net-probe: every way to the network was refused\n");
	return allowed;
}
