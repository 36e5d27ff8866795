/*
 * TimeService's start: it serves at once (time_service.h); the settings
 * are read from VFS on the first request, so a VFS that is still starting
 * delays nothing. Init gives it WRITE on the console (slot 2) so that a
 * damaged settings file is reported where a person sees it.
 */
#include "time_service.h"

int zos_main(void)
{
	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	return zos_serve("time", 0, time_handle);
}
