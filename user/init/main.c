/*
 * Init's main loop: start the first core service, then serve the inbox.
 * Boot proceeds one service at a time: the next starts when the previous
 * has said it is ready (or has failed), so pids follow the boot order.
 */
#include "init.h"

#include "lib/mem.h"



int zos_main(void)
{
	static struct zos_msg m;

	zos_console_slot = (int32_t)ZOS_INIT_DEVICE_SLOT(ZOS_DEV_CONSOLE);
	init.boot_start_ns = zos_time_ns();
	zos_print("init: starting the core services\n");
	boot_next_service();
	while (!init.stopping) {
		int64_t len = zos_recv(ZOS_INIT_INBOX_SLOT, &m, 1);
		if (len < 0) {
			zos_printf("init: cannot receive on my inbox: %s\n", zos_strerror(len));
			return 1;
		}
		handle_message(&m, len);
	}
	return init.exit_code;
}
