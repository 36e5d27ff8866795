/*
 * TimeService's own code on the host (tests/svc/svc_host.h), with VFS
 * played by tests/svc/fake_vfs.h: the calendar and 12/24-hour formatting,
 * zones by name and by offset, GET and SET, persistence in
 * /system/settings/time.json, a damaged or missing file, a VFS that
 * fails, and hostile bodies.
 */
#include "clock.h"
#include "harness.h"
#include "svc/fake_vfs.h"
#include "svc/svc_host.h"
#include "user/services/time/time_service.h"

static struct svc_host h;
static struct zos_msg reply;

static const char *ask(uint32_t client, uint32_t tag, const char *body)
{
	return svc_host_ask(&h, client, tag, body, time_handle, &reply);
}

/* A fresh service (nothing loaded) over a fresh fake VFS. */
static uint32_t boot(void)
{
	fake_vfs_reset();
	zos_vfs_use_transport(fake_vfs_transport);
	time_reset();
	svc_host_boot(&h, "time", 0);
	return svc_host_client(&h, "terminal");
}

#define EXPECT(got, want)                                                                \
	do {                                                                             \
		const char *g_ = (got);                                                  \
		if (strcmp(g_, want) != 0)                                               \
			harness_fail(__FILE__, __LINE__, "got %s, want %s", g_, want);   \
	} while (0)

static const char *fmt(int64_t ms, int32_t off, int hour24)
{
	static char out[48];

	zos_time_format(ms, off, hour24, out, sizeof out);
	return out;
}

static void test_calendar_and_formats(void)
{
	EXPECT(fmt(0, 0, 1), "1970-01-01 00:00:00");
	EXPECT(fmt(0, 0, 0), "1970-01-01 12:00:00 AM");
	EXPECT(fmt(-1, 0, 1), "1969-12-31 23:59:59");
	EXPECT(fmt(951782400000LL, 0, 1), "2000-02-29 00:00:00");      /* a leap day */
	EXPECT(fmt(1709210096000LL, 0, 1), "2024-02-29 12:34:56");
	EXPECT(fmt(1709210096000LL, 0, 0), "2024-02-29 12:34:56 PM");
	EXPECT(fmt(1709210096000LL, 330, 1), "2024-02-29 18:04:56");   /* India */
	EXPECT(fmt(1709210096000LL, -600, 0), "2024-02-29 2:34:56 AM"); /* Honolulu */
	EXPECT(fmt(1709210096000LL, -780, 1), "2024-02-28 23:34:56");
	EXPECT(fmt(4102444799000LL, 0, 1), "2099-12-31 23:59:59");
	EXPECT(fmt(4107542400000LL, 0, 1), "2100-03-01 00:00:00");     /* 2100 is not leap */
	/* the clock's extremes never overflow */
	zos_time_format(INT64_MAX, TIME_OFFSET_MAX, 1, (char[48]){ 0 }, 48);
	zos_time_format(INT64_MIN, TIME_OFFSET_MIN, 0, (char[48]){ 0 }, 48);
}

static void test_zones(void)
{
	char name[TIME_ZONE_MAX + 1];
	int32_t off;
	static const char *bad[] = { "", "Mars/Olympus", "utc", "UTC+", "UTC+15", "UTC-13",
				     "UTC+05:07", "UTC+5:3", "UTC+05:300", "UTC+123", "UTC 5",
				     "Europe/paris", "UTC+05:60" };

	CHECK(time_zone_lookup("Europe/Paris", name, &off));
	EXPECT(name, "Europe/Paris");
	CHECK_EQ(off, 60);
	CHECK(time_zone_lookup("Asia/Kathmandu", name, &off) && off == 345);
	CHECK(time_zone_lookup("UTC+05:30", name, &off) && off == 330);
	EXPECT(name, "UTC+05:30");
	CHECK(time_zone_lookup("UTC-8", name, &off) && off == -480);
	EXPECT(name, "UTC-08:00");
	CHECK(time_zone_lookup("GMT+0545", name, &off) && off == 345);
	EXPECT(name, "UTC+05:45");
	CHECK(time_zone_lookup("UTC+00:00", name, &off) && off == 0);
	EXPECT(name, "UTC");
	CHECK(time_zone_lookup("UTC+14", name, &off) && off == 840);
	CHECK(time_zone_lookup("UTC-12:00", name, &off) && off == -720);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (time_zone_lookup(bad[i], name, &off))
			harness_fail(__FILE__, __LINE__, "accepted zone %s", bad[i]);
	char longname[200];
	memset(longname, 'A', sizeof longname - 1);
	longname[sizeof longname - 1] = 0;
	CHECK(!time_zone_lookup(longname, name, &off));
}

static void test_defaults_then_set_persists(void)
{
	uint32_t c = boot();

	CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_GET_TIME_SETTINGS, "{}"),
		 "{\"format\":\"24h\",\"timezone\":\"UTC\",\"offset_minutes\":0,\"now\":\"");
	CHECK_EQ(reply.h.tag, ZOS_MSG_TIME_GET_TIME_SETTINGS_RESPONSE);
	CHECK_EQ(fake_vfs.writes, 0); /* reading never writes */
	CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, "{\"format\":\"12h\"}"),
		 "{\"format\":\"12h\",\"timezone\":\"UTC\",\"offset_minutes\":0,");
	CHECK_EQ(reply.h.tag, ZOS_MSG_TIME_SET_TIME_SETTINGS_RESPONSE);
	CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, "{\"timezone\":\"Asia/Kolkata\"}"),
		 "{\"format\":\"12h\",\"timezone\":\"Asia/Kolkata\",\"offset_minutes\":330,");
	struct fake_vfs_file *f = fake_vfs_find(TIME_SETTINGS_PATH, 0);
	CHECK(f != 0);
	CHECK_EQ(f->len, strlen("{\"format\":\"12h\",\"timezone\":\"Asia/Kolkata\"}"));
	CHECK_MEM(f->data, "{\"format\":\"12h\",\"timezone\":\"Asia/Kolkata\"}", f->len);
	/* a restart reads them back */
	time_reset();
	CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_GET_TIME_SETTINGS, ""),
		 "{\"format\":\"12h\",\"timezone\":\"Asia/Kolkata\",\"offset_minutes\":330,");
	/* both at once, an offset zone */
	CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, "{\"format\":\"24h\",\"timezone\":\"UTC-3:30\"}"),
		 "{\"format\":\"24h\",\"timezone\":\"UTC-03:30\",\"offset_minutes\":-210,");
	svc_host_free(&h);
}

static void test_the_file_is_the_truth(void)
{
	static const char tokyo[] = "{\"format\":\"24h\",\"timezone\":\"Asia/Tokyo\"}";
	uint32_t c = boot();

	CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, "{\"format\":\"12h\"}"), "{\"format\":\"12h\",");
	/* changed in VFS by other means: the next request sees it */
	fake_vfs_put(TIME_SETTINGS_PATH, tokyo, sizeof tokyo - 1);
	CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_GET_TIME_SETTINGS, "{}"),
		 "{\"format\":\"24h\",\"timezone\":\"Asia/Tokyo\",\"offset_minutes\":540,");
	/* VFS gone: the last settings read stand */
	fake_vfs.down = 1;
	CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_GET_TIME_SETTINGS, "{}"), "\"timezone\":\"Asia/Tokyo\",");
	/* removed: the defaults */
	fake_vfs.down = 0;
	fake_vfs_reset();
	zos_vfs_use_transport(fake_vfs_transport);
	CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_GET_TIME_SETTINGS, "{}"), "{\"format\":\"24h\",\"timezone\":\"UTC\",");
	svc_host_free(&h);
}

static void test_bad_settings_are_refused_and_change_nothing(void)
{
	uint32_t c = boot();

	EXPECT(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, "{\"timezone\":\"Mars/Olympus\"}"),
	       "{\"error\":\"unknown timezone: Mars/Olympus\",\"code\":\"invalid\"}");
	EXPECT(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, "{\"format\":\"13h\"}"),
	       "{\"error\":\"format must be \\\"12h\\\" or \\\"24h\\\"\",\"code\":\"invalid\"}");
	EXPECT(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, "{\"format\":24}"),
	       "{\"error\":\"format must be \\\"12h\\\" or \\\"24h\\\"\",\"code\":\"invalid\"}");
	/* one bad field spoils the whole request */
	EXPECT(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, "{\"format\":\"12h\",\"timezone\":\"Nowhere\"}"),
	       "{\"error\":\"unknown timezone: Nowhere\",\"code\":\"invalid\"}");
	EXPECT(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, "{}"),
	       "{\"error\":\"nothing to change: give \\\"format\\\" or \\\"timezone\\\"\",\"code\":\"invalid\"}");
	EXPECT(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, "{\"timezone\":7}"),
	       "{\"error\":\"timezone must be a zone name (at most 48 bytes)\",\"code\":\"invalid\"}");
	CHECK_EQ(fake_vfs.writes, 0);
	CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_GET_TIME_SETTINGS, "{}"), "{\"format\":\"24h\",\"timezone\":\"UTC\",");
	svc_host_free(&h);
}

static void test_vfs_failures(void)
{
	uint32_t c = boot();

	/* VFS not there: GET still answers (the defaults), SET says why it failed */
	fake_vfs.down = 1;
	CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_GET_TIME_SETTINGS, "{}"), "{\"format\":\"24h\",\"timezone\":\"UTC\",");
	EXPECT(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, "{\"format\":\"12h\"}"),
	       "{\"error\":\"cannot store the settings: VFS does not answer\",\"code\":\"storage\"}");
	/* VFS back, holding settings written earlier: they are read then */
	fake_vfs.down = 0;
	static const char berlin[] = "{\"format\":\"12h\",\"timezone\":\"Europe/Berlin\"}";
	fake_vfs_put(TIME_SETTINGS_PATH, berlin, sizeof berlin - 1);
	CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_GET_TIME_SETTINGS, "{}"),
		 "{\"format\":\"12h\",\"timezone\":\"Europe/Berlin\",\"offset_minutes\":60,");
	/* a failed write leaves the settings as they were */
	fake_vfs.fail_writes = 1;
	EXPECT(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, "{\"format\":\"24h\"}"),
	       "{\"error\":\"cannot store the settings: the storage device failed\",\"code\":\"storage\"}");
	CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_GET_TIME_SETTINGS, "{}"), "{\"format\":\"12h\",");
	svc_host_free(&h);
}

static void test_damaged_file_means_defaults(void)
{
	static const char *damaged[] = { "{\"format\":\"12h\",\"timezone\":\"Atlantis\"}", "not json",
					 "[1]", "{\"format\":", "{\"format\":\"7h\"}" };

	for (size_t i = 0; i < sizeof damaged / sizeof *damaged; i++) {
		uint32_t c = boot();
		fake_vfs_put(TIME_SETTINGS_PATH, damaged[i], (uint32_t)strlen(damaged[i]));
		CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_GET_TIME_SETTINGS, "{}"),
			 "{\"format\":\"24h\",\"timezone\":\"UTC\",");
		/* the next SET writes good settings over it */
		CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, "{\"timezone\":\"Asia/Tokyo\"}"),
			 "{\"format\":\"24h\",\"timezone\":\"Asia/Tokyo\",");
		svc_host_free(&h);
	}
	/* too large to be ours */
	uint32_t c = boot();
	static char big[FAKE_VFS_FILE_MAX];
	memset(big, ' ', sizeof big);
	big[0] = '{';
	big[sizeof big - 1] = '}';
	fake_vfs_put(TIME_SETTINGS_PATH, big, sizeof big);
	CHECK_CONTAINS(ask(c, ZOS_MSG_TIME_GET_TIME_SETTINGS, "{}"), "{\"format\":\"24h\",\"timezone\":\"UTC\",");
	svc_host_free(&h);
}

static void test_hostile_requests_get_errors(void)
{
	uint32_t c = boot();
	char deep[200];

	EXPECT(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, ""), "{\"error\":\"not a JSON object\",\"code\":\"invalid\"}");
	EXPECT(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, "[\"12h\"]"), "{\"error\":\"not a JSON object\",\"code\":\"invalid\"}");
	EXPECT(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, "{\"format\":\"12h\\u0000\"}"),
	       "{\"error\":\"format must be \\\"12h\\\" or \\\"24h\\\"\",\"code\":\"invalid\"}");
	EXPECT(ask(c, ZOS_MSG_TIME_GET_TIME_SETTINGS, "{\"x\":"),
	       "{\"error\":\"the request is not a JSON object\",\"code\":\"invalid\"}");
	memset(deep, '{', sizeof deep - 1);
	deep[sizeof deep - 1] = 0;
	EXPECT(ask(c, ZOS_MSG_TIME_SET_TIME_SETTINGS, deep), "{\"error\":\"not a JSON object\",\"code\":\"invalid\"}");
	EXPECT(ask(c, ZOS_MSG_TIME_GET_TIME_SETTINGS, deep),
	       "{\"error\":\"the request is not a JSON object\",\"code\":\"invalid\"}");
	int64_t n = svc_host_request(&h, c, 0x81F0, "{}", 2, time_handle, &reply);
	CHECK_EQ(n, 8); /* NOT_SUPPORTED, as a result code */
	CHECK_EQ(fake_vfs.writes, 0);
	svc_host_free(&h);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_calendar_and_formats);
	RUN(test_zones);
	RUN(test_defaults_then_set_persists);
	RUN(test_the_file_is_the_truth);
	RUN(test_bad_settings_are_refused_and_change_nothing);
	RUN(test_vfs_failures);
	RUN(test_damaged_file_means_defaults);
	RUN(test_hostile_requests_get_errors);
	return harness_finish("svc/time");
}
