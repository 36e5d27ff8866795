/*
 * The shell's `time`: the time now as the settings want it, and changing
 * them (TimeService, through libzos time_settings.h).
 */
#include "shell.h"

#include "lib/mem.h"
#include "time_settings.h"

static void show(const struct zos_time_info *t)
{
	int32_t off = t->offset_minutes < 0 ? -t->offset_minutes : t->offset_minutes;

	/* a zone given as an offset is its own name */
	if (!zos_memcmp(t->zone, "UTC", 3))
		zos_printf("%s  %s, %s clock\n", t->now, t->zone, t->hour24 ? "24-hour" : "12-hour");
	else
		zos_printf("%s  %s (UTC%c%02d:%02d), %s clock\n", t->now, t->zone,
			   t->offset_minutes < 0 ? '-' : '+', off / 60, off % 60,
			   t->hour24 ? "24-hour" : "12-hour");
}

static int fail(int64_t r)
{
	zos_printf("time: %s\n", zos_time_error()[0] ? zos_time_error() : zos_strerror(r));
	return 1;
}

static int cmd_time(int argc, char **argv)
{
	struct zos_time_info t;
	int64_t r;

	if (argc == 1)
		r = zos_time_get(&t);
	else if (argc == 3 && !zos_strcmp(argv[1], "format")) {
		if (zos_strcmp(argv[2], "12") && zos_strcmp(argv[2], "24") &&
		    zos_strcmp(argv[2], "12h") && zos_strcmp(argv[2], "24h")) {
			zos_print("time: the format is 12 or 24\n");
			return 1;
		}
		r = zos_time_set(argv[2][0] == '1' ? "12h" : "24h", 0, &t);
	} else if (argc == 3 && !zos_strcmp(argv[1], "zone"))
		r = zos_time_set(0, argv[2], &t);
	else {
		zos_print("usage: time | time format 12|24 | time zone ZONE\n"
			  "  ZONE: a name like Europe/Paris, America/New_York, Asia/Kolkata,\n"
			  "        or an offset like UTC, UTC+05:30, UTC-8 (no daylight saving)\n");
		return 1;
	}
	if (r < 0)
		return fail(r);
	show(&t);
	return 0;
}

static const struct command commands[] = {
	{ "time", "[format|zone]", "the time now; time format 12|24; time zone ZONE",
	  cmd_time },
};

const struct command_set time_commands = { commands, sizeof commands / sizeof commands[0] };
