/*
 * The TimeService client (time_settings.h): one JSON request per call, a
 * CALL to the service found through Init; one request at a time (the
 * buffers are static).
 */
#include "time_settings.h"

#include "answer.h"
#include "lib/json.h"
#include "lib/mem.h"

static struct zos_msg reply;
static char request[256];
static struct zos_refusal last; /* the last call's refusal, or why it failed */
static int32_t time_slot = -1;

const char *zos_time_error(void)
{
	return last.words;
}

/* A CALL to the service; when its endpoint is gone (it was restarted),
 * look it up again once. */
static int64_t call_time(uint32_t tag, const void *body, uint32_t len)
{
	return zos_service_call("time", &time_slot, tag, body, len, &reply);
}

/* Reads a SETTINGS answer (or its error) into out. */
static int64_t read_answer(int64_t n, uint32_t tag, struct zos_time_info *out)
{
	struct zjson_tok toks[16];
	struct zjson_doc doc;
	int64_t off;
	char format[8];
	int r;

	if (n < 0)
		return zos_refusal_say(&last, n, "the time service does not answer");
	if (reply.h.tag != tag + 1)
		return zos_refusal_say(&last, ZOS_ERR_NOT_SUPPORTED,
				       "the time service does not know this request");
	r = zos_answer_read(&doc, reply.body, (size_t)n, toks, 16, "the time service", &last);
	if (r != ZOS_ANSWER_OK)
		return r == ZOS_ANSWER_REFUSED ? ZOS_ERR_INVALID_ARGUMENT : r;
	if (!out)
		return ZOS_OK;
	zos_memset(out, 0, sizeof *out);
	if (zjson_get_str(&doc, 0, "format", format, sizeof format) != ZOS_OK ||
	    zjson_get_str(&doc, 0, "timezone", out->zone, sizeof out->zone) != ZOS_OK ||
	    zjson_get_str(&doc, 0, "now", out->now, sizeof out->now) != ZOS_OK ||
	    zjson_get_int(&doc, 0, "offset_minutes", &off) != ZOS_OK ||
	    zjson_get_int(&doc, 0, "wallclock_ms", &out->wallclock_ms) != ZOS_OK)
		return zos_refusal_say(&last, ZOS_ERR_CORRUPT, "the time service's answer lacks the settings");
	out->hour24 = !zos_strcmp(format, "24h");
	out->offset_minutes = (int32_t)off;
	return ZOS_OK;
}

int64_t zos_time_get(struct zos_time_info *out)
{
	last.code[0] = last.words[0] = 0;
	return read_answer(call_time(ZOS_MSG_TIME_GET_TIME_SETTINGS, "{}", 2),
			   ZOS_MSG_TIME_GET_TIME_SETTINGS, out);
}

int64_t zos_time_set(const char *format, const char *zone, struct zos_time_info *out)
{
	struct zjson_writer w;

	last.code[0] = last.words[0] = 0;
	zjson_writer_init(&w, request, sizeof request);
	zjson_object_begin(&w);
	if (format) {
		zjson_key(&w, "format");
		zjson_string(&w, format);
	}
	if (zone) {
		zjson_key(&w, "timezone");
		zjson_string(&w, zone);
	}
	zjson_object_end(&w);
	if (zjson_finish(&w) != ZOS_OK)
		return zos_refusal_say(&last, ZOS_ERR_INVALID_ARGUMENT, "the zone's name is too long");
	return read_answer(call_time(ZOS_MSG_TIME_SET_TIME_SETTINGS, w.buf, (uint32_t)w.len),
			   ZOS_MSG_TIME_SET_TIME_SETTINGS, out);
}
