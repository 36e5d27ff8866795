/*
 * Wall-clock milliseconds as a civil date and time (clock.h): the
 * proleptic Gregorian calendar from day counts (no libc here), then 12- or
 * 24-hour formatting. Works for any int64 ms a clock can give (dates
 * before 1970 included); nothing here needs leap seconds.
 */
#include "clock.h"

#include "lib/fmt.h"

/* Days since 1970-01-01 to year, month (1-12), day (1-31). The calendar
 * repeats every 400 years (146097 days); "eras" start on March 1st so the
 * leap day falls at the end of each year of the cycle. */
static void civil_from_days(int64_t days, int64_t *year, int *month, int *day)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;                                    /* [0, 146096] */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);              /* [0, 365] */
	int64_t mp = (5 * doy + 2) / 153;                                   /* [0, 11], March first */

	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = yoe + era * 400 + (*month <= 2);
}

/* floor division: times before 1970 land on the right day */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

void zos_time_format(int64_t wallclock_ms, int32_t offset_minutes, int hour24, char *out,
		 size_t cap)
{
	/* seconds first: ms near INT64 limits must not overflow with the offset */
	int64_t secs = floor_div(wallclock_ms, 1000) + (int64_t)offset_minutes * 60;
	int64_t days = floor_div(secs, 86400), year;
	int64_t rem = secs - days * 86400;
	int month, day, h = (int)(rem / 3600), m = (int)(rem / 60 % 60), s = (int)(rem % 60);

	civil_from_days(days, &year, &month, &day);
	if (hour24)
		zos_snprintf(out, cap, "%04lld-%02d-%02d %02d:%02d:%02d", (long long)year, month,
			     day, h, m, s);
	else
		zos_snprintf(out, cap, "%04lld-%02d-%02d %d:%02d:%02d %s", (long long)year, month,
			     day, h % 12 ? h % 12 : 12, m, s, h < 12 ? "AM" : "PM");
}
