/*
 * Civil time for people: wall-clock milliseconds since 1970 at a UTC
 * offset, as "YYYY-MM-DD HH:MM:SS" (24-hour) or "YYYY-MM-DD h:MM:SS AM"
 * (12-hour). Used by TimeService (its "now") and the shell (`stat`).
 */
#ifndef ZOS_LIBZOS_CLOCK_H
#define ZOS_LIBZOS_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* out gets at least 32 bytes to hold any date (years of 1 to 12 digits). */
void zos_time_format(int64_t wallclock_ms, int32_t offset_minutes, int hour24, char *out,
		     size_t cap);

#endif
