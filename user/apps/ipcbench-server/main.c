/*
 * ipcbench-server: the far end of the IPC round-trip benchmark (see
 * ipcbench.h, ipcbench-client and bench/ipc_roundtrip.c).
 *
 * It registers as a service and answers every ECHO call at once with the
 * body it carried. Per round trip it makes exactly two syscalls, REPLY and
 * the next blocking RECV (zos_serve's loop), and does no work of its own,
 * so what the client measures is the kernel's call and reply path.
 */
#include "zos.h"

#include "user/apps/ipcbench-server/ipcbench.h"

static int echo(struct zos_msg *m)
{
	if (m->h.tag != IPCBENCH_MSG_ECHO)
		return 0; /* zos_serve refuses it as NOT_SUPPORTED */
	zos_answer(m, IPCBENCH_MSG_ECHO_REPLY, m->body, m->h.size);
	return 1;
}

int zos_main(void)
{
	ipcbench_use_console();
	return zos_serve(IPCBENCH_SERVICE, 0, echo);
}
