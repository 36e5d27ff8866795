/*
 * web/src/generated/desktop.ts agrees with include/zos/desktop.h: the
 * generator's writer (tools/desktop/desktop_ts.c) is run into memory and
 * its text read back. Every record field it names sits at the offset the
 * C compiler gives it (offsetof), with the type the compiler sees
 * (_Generic), each record's size is sizeof, and no field is missing or
 * extra; every constant, integer and real, reads back as the C value; no
 * name is exported twice.
 */
#include <stddef.h>
#include <zos/desktop.h>
#include <zos/error.h>

#include "harness.h"
#include "tools/desktop/desktop_ts.h"

static char *ts;

static const char *generated(void)
{
	size_t n;
	FILE *f;

	if (ts)
		return ts;
	f = open_memstream(&ts, &n);
	if (!f || desktop_ts_write(f) != 0 || fclose(f) != 0) {
		fprintf(stderr, "desktop_ts_write failed\n");
		exit(1);
	}
	return ts;
}

/* The text between "export const NAME = {" and "} as const;". */
static int block(const char *name, const char **start, const char **end)
{
	char head[96];

	snprintf(head, sizeof head, "export const %s = {\n", name);
	if (!(*start = strstr(generated(), head)))
		return 0;
	*start += strlen(head);
	*end = strstr(*start, "} as const;");
	return *end != 0;
}

/* The value of "  field: V," in record NAME's block, or -1. */
static long field_value(const char *name, const char *field)
{
	const char *s, *e;
	char key[96];

	if (!block(name, &s, &e))
		return -1;
	snprintf(key, sizeof key, "  %s: ", field);
	for (const char *p = s; p && p < e; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : 0)
		if (strncmp(p, key, strlen(key)) == 0)
			return strtol(p + strlen(key), 0, 10);
	return -1;
}

static const char *field_type(const char *name, const char *field)
{
	static char types[96];
	const char *s, *e;
	char key[96];

	snprintf(types, sizeof types, "%s_TYPES", name);
	if (!block(types, &s, &e))
		return "";
	snprintf(key, sizeof key, "  %s: \"", field);
	for (const char *p = s; p && p < e; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : 0)
		if (strncmp(p, key, strlen(key)) == 0)
			return strncmp(p + strlen(key), "u32", 3) == 0 ? "u32" : "f64";
	return "";
}

static int block_lines(const char *name)
{
	const char *s, *e;
	int n = 0;

	if (!block(name, &s, &e))
		return -1;
	for (const char *p = s; p < e; p++)
		n += *p == '\n';
	return n;
}

/* "export const NAME = V;" as text, or 0. */
static const char *constant(const char *name)
{
	static char want[96];
	const char *p;

	snprintf(want, sizeof want, "\nexport const %s = ", name);
	p = strstr(generated(), want);
	return p ? p + strlen(want) : 0;
}

#define C_TYPE(v) _Generic((v), uint32_t: "u32", double: "f64", default: "?")

/* check_NAME(): every field of record TYPE in the TS block NAME. */
#define RECORD_CHECK(fn, NAME, TYPE, FIELDS)                                               \
	static void fn(void)                                                               \
	{                                                                                  \
		typedef struct TYPE record_t_;                                             \
		const char *record_name_ = NAME, *size_;                                   \
		int nfields_ = 0;                                                          \
		FIELDS(CHECK_ONE_FIELD)                                                    \
		CHECK_EQ(block_lines(NAME), nfields_);                                     \
		CHECK_EQ(block_lines(NAME "_TYPES"), nfields_);                            \
		size_ = constant(NAME "_SIZE");                                            \
		CHECK(size_ && strtol(size_, 0, 10) == (long)sizeof(record_t_));           \
	}
#define CHECK_ONE_FIELD(t, f)                                                                \
	nfields_++;                                                                        \
	if (field_value(record_name_, #f) != (long)offsetof(record_t_, f))                  \
		harness_fail(__FILE__, __LINE__, "%s.%s at %ld in TS, %zu in C", record_name_, \
			     #f, field_value(record_name_, #f), offsetof(record_t_, f));     \
	CHECK(strcmp(field_type(record_name_, #f), C_TYPE(((record_t_ *)0)->f)) == 0);

RECORD_CHECK(check_header, "FRAME_HEADER", dt_frame_header, DT_FRAME_HEADER_FIELDS)
RECORD_CHECK(check_window, "FRAME_WINDOW", dt_frame_window, DT_FRAME_WINDOW_FIELDS)
RECORD_CHECK(check_desktop, "FRAME_DESKTOP", dt_frame_desktop, DT_FRAME_DESKTOP_FIELDS)
RECORD_CHECK(check_event, "EVENT", dt_event, DT_EVENT_FIELDS)

static void test_record_offsets_match_offsetof(void)
{
	check_header();
	check_window();
	check_desktop();
	check_event();
}

static void check_int(const char *name, long long value)
{
	const char *v = constant(name);

	if (!v || strtoll(v, 0, 10) != value)
		harness_fail(__FILE__, __LINE__, "%s: TS %s, C %lld", name, v ? v : "(none)", value);
}

static void check_real(const char *name, double value)
{
	const char *v = constant(name);

	if (!v || strtod(v, 0) != value)
		harness_fail(__FILE__, __LINE__, "%s: TS %s, C %.17g", name, v ? v : "(none)", value);
}

static void test_constants_read_back(void)
{
#define INT_CHECK(name, value) check_int(#name, value);
#define INT_CHECK3(name, value, text) check_int(#name, value);
#define REAL_CHECK(name) check_real(#name, DT_##name);
#define ERR_CHECK(name, value, msg) check_int("ERR_" #name, value);
	DT_LIMITS(INT_CHECK) DT_MODES(INT_CHECK) DT_WINDOW_TYPES(INT_CHECK)
	DT_WINDOW_FLAGS(INT_CHECK) DT_DESKTOP_FLAGS(INT_CHECK) DT_FRAME_FLAGS(INT_CHECK)
	DT_FADES(INT_CHECK) DT_HITS(INT_CHECK) DT_DRAGS(INT_CHECK) DT_CURSORS(INT_CHECK3)
	DT_INPUTS(INT_CHECK) DT_KEYS(INT_CHECK3) DT_MODS(INT_CHECK) DT_BUTTONS(INT_CHECK)
	DT_EVENTS(INT_CHECK) DT_REALS(REAL_CHECK) ZOS_ERROR_LIST(ERR_CHECK)
	check_int("FRAME_MAX", (long long)DT_FRAME_MAX);
	check_int("SNAPSHOT_MAX", DT_SNAPSHOT_MAX);
	check_int("EDGE_E", DT_EDGE_E);
}

static void test_names_are_exported_once(void)
{
	const char *p = generated();
	char names[512][48];
	int n = 0;

	while ((p = strstr(p, "\nexport const ")) != 0 && n < 512) {
		p += strlen("\nexport const ");
		size_t len = strcspn(p, " :=");
		if (len >= sizeof names[0])
			len = sizeof names[0] - 1;
		memcpy(names[n], p, len);
		names[n][len] = 0;
		for (int i = 0; i < n; i++)
			if (strcmp(names[i], names[n]) == 0)
				harness_fail(__FILE__, __LINE__, "%s exported twice", names[n]);
		n++;
	}
	CHECK(n > 100 && n < 512);
}

static void test_key_codes_and_cursors_are_listed(void)
{
	CHECK(strstr(generated(), "  \"Backquote\": 7,\n") != 0);
	CHECK(strstr(generated(), "  \"F3\": 8,\n") != 0);
	CHECK(strstr(generated(), "  [6]: \"nwse-resize\",\n") != 0);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_record_offsets_match_offsetof);
	RUN(test_constants_read_back);
	RUN(test_names_are_exported_once);
	RUN(test_key_codes_and_cursors_are_listed);
	free(ts);
	return harness_finish("desktop_ts");
}
