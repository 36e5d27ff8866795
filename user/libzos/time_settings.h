/*
 * The TimeService client: read and change how the time is shown (12- or
 * 24-hour, timezone), and the time now formatted that way
 * (docs/services/time.md). Named time_settings.h, not time.h, so that it
 * never hides the C library's <time.h> from host builds (-Iuser/libzos).
 *
 * TimeService is found through Init (zos_service_lookup("time")) on first
 * use and again if it was restarted. Calls return ZOS_OK or a ZOS_ERR_*
 * code; when the service refused, zos_time_error() holds its reason for
 * people ("unknown timezone: Mars/Olympus").
 */
#ifndef ZOS_LIBZOS_TIME_SETTINGS_H
#define ZOS_LIBZOS_TIME_SETTINGS_H

#include "zos.h"

#define ZOS_TIME_ZONE_MAX 48

struct zos_time_info {
	int hour24;                         /* 1: 24-hour clock, 0: 12-hour */
	int32_t offset_minutes;             /* the zone's offset from UTC */
	int64_t wallclock_ms;               /* when the service answered */
	char zone[ZOS_TIME_ZONE_MAX + 1];   /* "Europe/Paris", "UTC+05:30" */
	char now[48];                       /* the time then, formatted */
};

/* The settings and the time now. */
int64_t zos_time_get(struct zos_time_info *out);
/* Changes the format ("12h" or "24h") and/or the zone (0: keep it); out
 * (if given) gets the settings that now hold. */
int64_t zos_time_set(const char *format, const char *zone, struct zos_time_info *out);
/* The last refusal's reason ("" after a success). */
const char *zos_time_error(void);

#endif
