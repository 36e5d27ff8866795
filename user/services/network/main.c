/*
 * NetworkService's start: Init starts it on demand with the network device
 * in its slot 2; it serves until it is stopped (network.h).
 */
#include "network.h"

int zos_main(void)
{
	return zos_serve("network", "network (HTTP and HTTPS through the network device)",
			 network_handle);
}
