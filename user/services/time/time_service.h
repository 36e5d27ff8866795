/*
 * TimeService (pid 6): how people want to see the time, 12- or 24-hour and
 * which timezone, kept in /system/settings/time.json through VFS.
 *
 * Protocol (JSON bodies; docs/services/time.md):
 *   GET_TIME_SETTINGS {}                     -> SETTINGS
 *   SET_TIME_SETTINGS {"format"?: "12h"|"24h", "timezone"?: Z}
 *                                            -> SETTINGS | ERROR
 *   ERROR = the one error answer (answer.h), {"error": words, "code": C},
 *           C: invalid, storage (VFS could not store them), too_big
 *   SETTINGS = {"format": F, "timezone": Z, "offset_minutes": N,
 *               "now": "2026-11-28 14:03:05", "wallclock_ms": MS}
 * "now" is the current time formatted per the settings. A zone is a name
 * from the built-in table (zones.c: IANA names at their standard offset,
 * no daylight saving) or an offset "UTC", "UTC+05:30", "UTC-8".
 *
 * Invariant: the settings in memory are always valid (every way in goes
 * through time_settings_apply), and a SET changes them only once VFS has
 * stored them; a missing or damaged file means the defaults (24h, UTC).
 * The file is read at every request: it, not the service, is the truth.
 */
#ifndef ZOS_SERVICES_TIME_H
#define ZOS_SERVICES_TIME_H

#include <stddef.h>

#include "zos.h"

#define TIME_SETTINGS_PATH "/system/settings/time.json"
#define TIME_ZONE_MAX 48         /* bytes of a zone's name */
#define TIME_OFFSET_MIN (-12 * 60)
#define TIME_OFFSET_MAX (14 * 60)
#define TIME_FILE_MAX 512        /* bytes of time.json we accept */

struct time_settings {
	uint8_t hour24;               /* 1: 24-hour clock, 0: 12-hour */
	int32_t offset_minutes;       /* the zone's offset from UTC */
	char zone[TIME_ZONE_MAX + 1]; /* canonical: a table name or "UTC+05:30" */
};

/* zones.c: the zone called name (a table name or a UTC offset): 1 with its
 * canonical name in out and its offset, 0 when there is no such zone. */
int time_zone_lookup(const char *name, char out[TIME_ZONE_MAX + 1], int32_t *offset_minutes);

/* Formatting the time: zos_time_format (libzos clock.h). */

/* settings.c */
void time_settings_default(struct time_settings *s);
/* Changes s per a JSON object {"format"?, "timezone"?}: ZOS_OK, or an
 * error with its reason in why (s unchanged then). need_one: at least one
 * of the two must be there. */
int time_settings_apply(struct time_settings *s, const char *json, size_t len, int need_one,
			char *why, size_t why_cap);
/* s as the JSON stored in time.json; the length or an error. */
int64_t time_settings_json(const struct time_settings *s, char *out, size_t cap);
/* The settings from VFS into s: ZOS_OK (read, or missing: defaults),
 * ZOS_ERR_CORRUPT (damaged: defaults, reason in why), or VFS's error. */
int64_t time_settings_load(struct time_settings *s, char *why, size_t why_cap);
/* Stores s through VFS: ZOS_OK or VFS's error. */
int64_t time_settings_store(const struct time_settings *s);

/* handler.c: the service's request handler (for zos_serve); the settings
 * are read from VFS at each request (so nothing waits for VFS at start). */
int time_handle(struct zos_msg *m);
/* Forget what was loaded (tests: a fresh start). */
void time_reset(void);

#endif
