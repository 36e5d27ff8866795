/*
 * Timezones: a built-in table of IANA names with their standard offsets,
 * and "UTC+HH:MM" style offsets. Daylight saving is not applied: a zone is
 * one fixed offset (docs/services/time.md says so to users). Offsets run
 * from UTC-12:00 to UTC+14:00, in quarter hours, like every real zone.
 */
#include "time_service.h"

#include "lib/fmt.h"
#include "lib/mem.h"

struct zone {
	const char *name;
	int16_t offset; /* minutes east of UTC */
};

static const struct zone zones[] = {
	{ "UTC", 0 },
	{ "Etc/UTC", 0 },
	{ "Europe/London", 0 },
	{ "Europe/Dublin", 0 },
	{ "Europe/Lisbon", 0 },
	{ "Africa/Abidjan", 0 },
	{ "Atlantic/Reykjavik", 0 },
	{ "Europe/Paris", 60 },
	{ "Europe/Berlin", 60 },
	{ "Europe/Madrid", 60 },
	{ "Europe/Rome", 60 },
	{ "Europe/Amsterdam", 60 },
	{ "Europe/Brussels", 60 },
	{ "Europe/Zurich", 60 },
	{ "Europe/Vienna", 60 },
	{ "Europe/Stockholm", 60 },
	{ "Europe/Oslo", 60 },
	{ "Europe/Warsaw", 60 },
	{ "Europe/Prague", 60 },
	{ "Africa/Lagos", 60 },
	{ "Europe/Athens", 120 },
	{ "Europe/Helsinki", 120 },
	{ "Europe/Kyiv", 120 },
	{ "Africa/Cairo", 120 },
	{ "Africa/Johannesburg", 120 },
	{ "Asia/Jerusalem", 120 },
	{ "Europe/Istanbul", 180 },
	{ "Europe/Moscow", 180 },
	{ "Africa/Nairobi", 180 },
	{ "Asia/Riyadh", 180 },
	{ "Asia/Tehran", 210 },
	{ "Asia/Dubai", 240 },
	{ "Asia/Kabul", 270 },
	{ "Asia/Karachi", 300 },
	{ "Asia/Tashkent", 300 },
	{ "Asia/Kolkata", 330 },
	{ "Asia/Kathmandu", 345 },
	{ "Asia/Dhaka", 360 },
	{ "Asia/Yangon", 390 },
	{ "Asia/Bangkok", 420 },
	{ "Asia/Jakarta", 420 },
	{ "Asia/Shanghai", 480 },
	{ "Asia/Hong_Kong", 480 },
	{ "Asia/Singapore", 480 },
	{ "Asia/Taipei", 480 },
	{ "Australia/Perth", 480 },
	{ "Asia/Tokyo", 540 },
	{ "Asia/Seoul", 540 },
	{ "Australia/Darwin", 570 },
	{ "Australia/Adelaide", 570 },
	{ "Australia/Brisbane", 600 },
	{ "Australia/Sydney", 600 },
	{ "Australia/Melbourne", 600 },
	{ "Pacific/Noumea", 660 },
	{ "Pacific/Auckland", 720 },
	{ "Pacific/Fiji", 720 },
	{ "Pacific/Tongatapu", 780 },
	{ "Pacific/Kiritimati", 840 },
	{ "Atlantic/Azores", -60 },
	{ "Atlantic/South_Georgia", -120 },
	{ "America/Sao_Paulo", -180 },
	{ "America/Argentina/Buenos_Aires", -180 },
	{ "America/St_Johns", -210 },
	{ "America/Halifax", -240 },
	{ "America/Caracas", -240 },
	{ "America/Santiago", -240 },
	{ "America/New_York", -300 },
	{ "America/Toronto", -300 },
	{ "America/Bogota", -300 },
	{ "America/Lima", -300 },
	{ "America/Chicago", -360 },
	{ "America/Mexico_City", -360 },
	{ "America/Denver", -420 },
	{ "America/Phoenix", -420 },
	{ "America/Los_Angeles", -480 },
	{ "America/Vancouver", -480 },
	{ "America/Anchorage", -540 },
	{ "Pacific/Honolulu", -600 },
	{ "Pacific/Pago_Pago", -660 },
	{ "Etc/GMT+12", -720 },
};

/* Up to two digits at *p: their value, or -1 when there is none. */
static int digits(const char **p, int max)
{
	int v = -1, n = 0;

	while (n < max && **p >= '0' && **p <= '9') {
		v = (v < 0 ? 0 : v * 10) + (**p - '0');
		(*p)++;
		n++;
	}
	return v;
}

/* "UTC", "UTC+5", "UTC-08", "UTC+05:30", "UTC+0530" (also "GMT..."):
 * 1 with the offset, 0 when s is not one. */
static int parse_offset(const char *s, int32_t *offset)
{
	int sign, h, m = 0;

	/* byte by byte: s may be shorter than the prefix */
	if (!((s[0] == 'U' && s[1] == 'T' && s[2] == 'C') || (s[0] == 'G' && s[1] == 'M' && s[2] == 'T')))
		return 0;
	s += 3;
	if (!*s) {
		*offset = 0;
		return 1;
	}
	if (*s != '+' && *s != '-')
		return 0;
	sign = *s++ == '-' ? -1 : 1;
	h = digits(&s, 2);
	if (h < 0)
		return 0;
	if (*s == ':')
		s++;
	if (*s) {
		const char *start = s;
		m = digits(&s, 2);
		if (s - start != 2 || *s)
			return 0;
	}
	if (m % 15 || m >= 60)
		return 0;
	*offset = sign * (h * 60 + m);
	return *offset >= TIME_OFFSET_MIN && *offset <= TIME_OFFSET_MAX;
}

int time_zone_lookup(const char *name, char out[TIME_ZONE_MAX + 1], int32_t *offset_minutes)
{
	int32_t off;

	if (zos_strnlen(name, TIME_ZONE_MAX + 1) > TIME_ZONE_MAX)
		return 0;
	for (uint32_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
		if (!zos_strcmp(zones[i].name, name)) {
			zos_strlcpy(out, zones[i].name, TIME_ZONE_MAX + 1);
			*offset_minutes = zones[i].offset;
			return 1;
		}
	if (!parse_offset(name, &off))
		return 0;
	if (off == 0)
		zos_strlcpy(out, "UTC", TIME_ZONE_MAX + 1);
	else
		zos_snprintf(out, TIME_ZONE_MAX + 1, "UTC%c%02d:%02d", off < 0 ? '-' : '+',
			     (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
	*offset_minutes = off;
	return 1;
}
