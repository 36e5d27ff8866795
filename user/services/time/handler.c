/*
 * TimeService's requests: GET answers the settings and the time now; SET
 * checks the change, has VFS store it, and only then takes it. Every
 * request that came by CALL gets an answer, an error when anything about
 * it is wrong.
 */
#include "time_service.h"

#include "answer.h"
#include "clock.h"
#include "lib/json.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "vfs.h"

static struct time_settings current; /* the last settings read or stored */
static int damaged;                  /* time.json was damaged when last read */
static char text[512];

void time_reset(void)
{
	damaged = 0;
	time_settings_default(&current);
}

/* The file is the truth: it is read at every request, so a change made
 * to it through VFS by other means counts at once. While VFS cannot answer,
 * the last settings read stand (the defaults at first). A damaged file
 * means the defaults, and is reported on the console when it becomes
 * damaged, not at every request; the next SET writes good settings over it. */
static void refresh(void)
{
	struct time_settings s;
	char why[256];
	int64_t r = time_settings_load(&s, why, sizeof why);

	if (r == ZOS_OK || r == ZOS_ERR_CORRUPT)
		current = s;
	if (r == ZOS_ERR_CORRUPT && !damaged)
		zos_printf("time: %s; using 24h, UTC until the settings are set again\n", why);
	if (r == ZOS_OK || r == ZOS_ERR_CORRUPT)
		damaged = r == ZOS_ERR_CORRUPT;
}

/* A refusal (answer.h). */
static void answer_error(const struct zos_msg *m, uint32_t tag, const char *code, const char *why)
{
	zos_answer(m, tag, text, zos_answer_error(text, sizeof text, code, "%s", why));
}

static void answer_settings(const struct zos_msg *m, uint32_t tag)
{
	struct zjson_writer w;
	char now[48];
	int64_t ms = zos_wallclock_ms();

	zos_time_format(ms, current.offset_minutes, current.hour24, now, sizeof now);
	zjson_writer_init(&w, text, sizeof text);
	zjson_object_begin(&w);
	zjson_key(&w, "format");
	zjson_string(&w, current.hour24 ? "24h" : "12h");
	zjson_key(&w, "timezone");
	zjson_string(&w, current.zone);
	zjson_key(&w, "offset_minutes");
	zjson_int64(&w, current.offset_minutes);
	zjson_key(&w, "now");
	zjson_string(&w, now);
	zjson_key(&w, "wallclock_ms");
	zjson_int64(&w, ms);
	zjson_object_end(&w);
	zos_answer(m, tag, text, zos_answer_finish(&w));
}

static void do_get(const struct zos_msg *m, uint32_t tag)
{
	struct zjson_tok toks[4];
	struct zjson_doc doc;
	struct zjson_error err;

	/* no fields: an empty body or any JSON object */
	if (m->h.size && (zjson_parse(&doc, (const char *)m->body, m->h.size, toks, 4, &err) != ZOS_OK ||
			  doc.toks[0].type != ZJSON_OBJECT)) {
		answer_error(m, tag, "invalid", "the request is not a JSON object");
		return;
	}
	refresh();
	answer_settings(m, tag);
}

static void do_set(const struct zos_msg *m, uint32_t tag)
{
	struct time_settings next;
	char why[160];
	int64_t r;

	refresh();
	next = current;
	if (time_settings_apply(&next, (const char *)m->body, m->h.size, 1, why, sizeof why) !=
	    ZOS_OK) {
		answer_error(m, tag, "invalid", why);
		return;
	}
	r = time_settings_store(&next);
	if (r < 0) {
		zos_snprintf(why, sizeof why, "cannot store the settings: %s",
			     zos_vfs_error()[0] ? zos_vfs_error() : zos_strerror(r));
		answer_error(m, tag, "storage", why);
		return;
	}
	/* durable in VFS: now they are the settings */
	current = next;
	damaged = 0;
	answer_settings(m, tag);
}

int time_handle(struct zos_msg *m)
{
	uint32_t tag = m->h.tag + 1; /* every answer's tag is its request's + 1 */

	if (!current.zone[0]) /* the first request: nothing read yet */
		time_settings_default(&current);
	switch (m->h.tag) {
	case ZOS_MSG_TIME_GET_TIME_SETTINGS:
		do_get(m, tag);
		return 1;
	case ZOS_MSG_TIME_SET_TIME_SETTINGS:
		do_set(m, tag);
		return 1;
	default:
		return 0;
	}
}
