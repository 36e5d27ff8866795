/*
 * The IPC round-trip benchmark's protocol, shared by ipcbench-server and
 * ipcbench-client (and read by bench/ipc_roundtrip.c, which parses the
 * client's console lines).
 *
 * The client CALLs the server with ECHO and a small body; the server
 * answers at once with ECHO_REPLY and the same body. The tags are this
 * endpoint's own namespace (see include/zos/msg.h); PING stays the
 * service convention's.
 *
 * Init's registry names a service after its program, so the service is
 * "ipcbench-server": the name a client looks up.
 */
#ifndef ZOS_IPCBENCH_H
#define ZOS_IPCBENCH_H

#include "zos.h"

#define IPCBENCH_SERVICE "ipcbench-server"
#define IPCBENCH_MSG_ECHO 0xB001u
#define IPCBENCH_MSG_ECHO_REPLY 0xB002u

/* Prints on the console when slot 2 holds a cap to it (programs started
 * with the shell's `spawn` get one); otherwise output stays DEBUG output
 * (shown by `zos --verbose`). */
static inline void ipcbench_use_console(void)
{
	struct zos_cap_info ci;

	if (zos_cap_inspect(ZOS_SLOT_DEVICE, &ci) >= 0 && ci.obj_type == ZOS_OBJ_CONSOLE &&
	    (ci.rights & ZOS_RIGHT_WRITE))
		zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
}

#endif
