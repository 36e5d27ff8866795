/*
 * TimeService's start: it serves at once (time_service.h); the settings
 * are read from VFS on the first request, so a VFS that is still starting
 * delays nothing.
 */
#include "time_service.h"

int zos_main(void)
{
	return zos_serve("time", 0, time_handle);
}
