/*
 * The time settings: their defaults, checking and applying a JSON change
 * (the same code reads SET requests and time.json, so what is stored is
 * always something SET would accept), and keeping them in VFS.
 */
#include "time_service.h"

#include "lib/json.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "vfs.h"

void time_settings_default(struct time_settings *s)
{
	zos_memset(s, 0, sizeof *s);
	s->hour24 = 1;
	zos_strlcpy(s->zone, "UTC", sizeof s->zone);
}

static int refuse(char *why, size_t cap, const char *what, const char *detail)
{
	zos_snprintf(why, cap, "%s%s", what, detail ? detail : "");
	return ZOS_ERR_INVALID_ARGUMENT;
}

int time_settings_apply(struct time_settings *s, const char *json, size_t len, int need_one,
			char *why, size_t why_cap)
{
	struct zjson_tok toks[16];
	struct zjson_doc doc;
	struct zjson_error err;
	struct time_settings next = *s;
	char format[8], zone[TIME_ZONE_MAX + 2];
	int32_t f, z;

	if (zjson_parse(&doc, json, len, toks, 16, &err) != ZOS_OK ||
	    doc.toks[0].type != ZJSON_OBJECT)
		return refuse(why, why_cap, "not a JSON object", 0);
	f = zjson_get(&doc, 0, "format");
	z = zjson_get(&doc, 0, "timezone");
	if (need_one && f < 0 && z < 0)
		return refuse(why, why_cap, "nothing to change: give \"format\" or \"timezone\"", 0);
	if (f >= 0) {
		if (zjson_str(&doc, f, format, sizeof format, 0) != ZOS_OK ||
		    (zos_strcmp(format, "12h") && zos_strcmp(format, "24h")))
			return refuse(why, why_cap, "format must be \"12h\" or \"24h\"", 0);
		next.hour24 = format[0] == '2';
	}
	if (z >= 0) {
		if (zjson_str(&doc, z, zone, sizeof zone, 0) != ZOS_OK)
			return refuse(why, why_cap, "timezone must be a zone name (at most 48 bytes)", 0);
		if (!time_zone_lookup(zone, next.zone, &next.offset_minutes))
			return refuse(why, why_cap, "unknown timezone: ", zone);
	}
	*s = next;
	return ZOS_OK;
}

int64_t time_settings_json(const struct time_settings *s, char *out, size_t cap)
{
	struct zjson_writer w;

	zjson_writer_init(&w, out, cap);
	zjson_object_begin(&w);
	zjson_key(&w, "format");
	zjson_string(&w, s->hour24 ? "24h" : "12h");
	zjson_key(&w, "timezone");
	zjson_string(&w, s->zone);
	zjson_object_end(&w);
	if (zjson_finish(&w) != ZOS_OK)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	return (int64_t)w.len;
}

int64_t time_settings_load(struct time_settings *s, char *why, size_t why_cap)
{
	static char file[TIME_FILE_MAX + 1];
	uint64_t size = 0;
	int64_t n;
	struct time_settings loaded;

	time_settings_default(s);
	n = zos_vfs_read(TIME_SETTINGS_PATH, 0, file, TIME_FILE_MAX + 1, &size);
	if (n == ZOS_ERR_NOT_FOUND)
		return ZOS_OK;
	if (n < 0) {
		zos_snprintf(why, why_cap, "cannot read %s: %s", TIME_SETTINGS_PATH,
			     zos_vfs_error()[0] ? zos_vfs_error() : zos_strerror(n));
		return n;
	}
	if (size > TIME_FILE_MAX) {
		zos_snprintf(why, why_cap, "%s is damaged: %llu bytes is too large", TIME_SETTINGS_PATH,
			     (unsigned long long)size);
		return ZOS_ERR_CORRUPT;
	}
	time_settings_default(&loaded);
	if (time_settings_apply(&loaded, file, (size_t)n, 0, why, why_cap) != ZOS_OK) {
		char reason[128];
		zos_strlcpy(reason, why, sizeof reason);
		zos_snprintf(why, why_cap, "%s is damaged (%s)", TIME_SETTINGS_PATH, reason);
		return ZOS_ERR_CORRUPT;
	}
	*s = loaded;
	return ZOS_OK;
}

int64_t time_settings_store(const struct time_settings *s)
{
	char json[128];
	int64_t n = time_settings_json(s, json, sizeof json);

	if (n < 0)
		return n;
	/* one WRITE request (far below ZOS_VFS_IO_MAX): VFS replaces the file
	 * atomically, so a crash leaves the old settings or the new ones */
	n = zos_vfs_write(TIME_SETTINGS_PATH, json, (uint32_t)n);
	return n < 0 ? n : ZOS_OK;
}
