/*
 * The keystore's requests: parse, check, do it on the keystore device,
 * answer. Every request that came by CALL gets an answer, an error when
 * anything about it is wrong.
 */
#include "keystore.h"

#include "answer.h"
#include "lib/json.h"
#include "lib/mem.h"

static struct zos_msg device_result;
static char text[ZOS_MSG_MAX];
static char key[KEYSTORE_KEY_MAX + 1];
static char value[ZOS_MSG_MAX];

static void answer_json(const struct zos_msg *m, uint32_t tag, struct zjson_writer *w)
{
	zos_answer(m, tag, w->buf, zos_answer_finish(w));
}

/* A refusal (answer.h): code, and the words with what they are about
 * (what: 0 when nothing). */
static void answer_error(const struct zos_msg *m, uint32_t tag, const char *code, const char *words,
			 const char *what)
{
	zos_answer(m, tag, text,
		   zos_answer_error(text, sizeof text, code, "%s%s", words, what ? what : ""));
}

/* The device's data after its result header. */
static const uint8_t *result_data(uint32_t *len)
{
	*len = device_result.h.size - (uint32_t)sizeof(struct zos_device_result);
	return device_result.body + sizeof(struct zos_device_result);
}

static int64_t device(uint32_t num, const char *k, const char *v)
{
	return zos_kv(num, ZOS_SLOT_DEVICE, k, (uint32_t)zos_strlen(k), v,
		      v ? (uint32_t)zos_strlen(v) : 0, &device_result);
}

static void do_read(const struct zos_msg *m, uint32_t tag)
{
	struct zjson_writer w;
	uint32_t n;
	const uint8_t *data;
	int64_t kind = device(ZOS_SYS_KEYSTORE_READ, key, 0);

	if (kind == ZOS_STORAGE_RES_NOT_FOUND) {
		answer_error(m, tag, "not_found", "not found: ", key);
		return;
	}
	if (kind != ZOS_STORAGE_RES_READ_OK) {
		answer_error(m, tag, "io", "the keystore device failed", 0);
		return;
	}
	data = result_data(&n);
	zjson_writer_init(&w, text, sizeof text);
	zjson_object_begin(&w);
	zjson_key(&w, "data");
	zjson_string_n(&w, (const char *)data, n);
	zjson_object_end(&w);
	answer_json(m, tag, &w);
}

static void answer_flag(const struct zos_msg *m, uint32_t tag, const char *name, int flag)
{
	struct zjson_writer w;

	zjson_writer_init(&w, text, sizeof text);
	zjson_object_begin(&w);
	zjson_key(&w, name);
	zjson_boolean(&w, flag);
	zjson_object_end(&w);
	answer_json(m, tag, &w);
}

static void do_list(const struct zos_msg *m, uint32_t tag)
{
	struct zjson_writer w;
	uint32_t n, count, pos = 4;
	const uint8_t *data;
	int64_t kind = device(ZOS_SYS_KEYSTORE_LIST, key, 0);

	if (kind != ZOS_STORAGE_RES_LIST_OK) {
		answer_error(m, tag, "io", "the keystore device failed", 0);
		return;
	}
	data = result_data(&n);
	zos_memcpy(&count, data, 4);
	zjson_writer_init(&w, text, sizeof text);
	zjson_object_begin(&w);
	zjson_key(&w, "keys");
	zjson_array_begin(&w);
	for (uint32_t i = 0; i < count && pos + 2 <= n; i++) {
		uint16_t kl;
		zos_memcpy(&kl, data + pos, 2);
		if (pos + 2 + kl > n)
			break;
		zjson_string_n(&w, (const char *)data + pos + 2, kl);
		pos += 2u + kl;
	}
	zjson_array_end(&w);
	zjson_key(&w, "truncated");
	zjson_boolean(&w, ((const struct zos_device_result *)device_result.body)->truncated);
	zjson_object_end(&w);
	answer_json(m, tag, &w);
}

/* Reads the request's fields; 0 with an answer sent when they are wrong. */
static int parse(const struct zos_msg *m, uint32_t tag, int want_value, int is_list)
{
	struct zjson_tok toks[16];
	struct zjson_doc doc;
	struct zjson_error err;

	if (zjson_parse(&doc, (const char *)m->body, m->h.size, toks, 16, &err) != ZOS_OK ||
	    doc.toks[0].type != ZJSON_OBJECT) {
		answer_error(m, tag, "invalid", "the request is not a JSON object", 0);
		return 0;
	}
	if (zjson_get_str(&doc, 0, is_list ? "prefix" : "key", key, sizeof key) != ZOS_OK) {
		answer_error(m, tag, "invalid", "missing or too long: ", is_list ? "prefix" : "key");
		return 0;
	}
	if (is_list ? !keystore_prefix_valid(key, zos_strlen(key))
		    : !keystore_key_valid(key, zos_strlen(key))) {
		answer_error(m, tag, "invalid", "not a keystore key (/keys/{user_id}/...): ", key);
		return 0;
	}
	if (want_value && zjson_get_str(&doc, 0, "value", value, sizeof value) != ZOS_OK) {
		answer_error(m, tag, "invalid", "missing or too long: value", 0);
		return 0;
	}
	return 1;
}

int keystore_handle(struct zos_msg *m)
{
	uint32_t tag = m->h.tag + 1; /* every answer's tag is its request's + 1 */
	int64_t kind;

	switch (m->h.tag) {
	case ZOS_MSG_KS_READ:
		if (parse(m, tag, 0, 0))
			do_read(m, tag);
		return 1;
	case ZOS_MSG_KS_WRITE:
		if (!parse(m, tag, 1, 0))
			return 1;
		kind = device(ZOS_SYS_KEYSTORE_WRITE, key, value);
		if (kind == ZOS_STORAGE_RES_WRITE_OK)
			answer_flag(m, tag, "success", 1);
		else
			answer_error(m, tag, "io", "the keystore device failed to write ", key);
		return 1;
	case ZOS_MSG_KS_DELETE:
		if (!parse(m, tag, 0, 0))
			return 1;
		kind = device(ZOS_SYS_KEYSTORE_DELETE, key, 0);
		if (kind == ZOS_STORAGE_RES_WRITE_OK)
			answer_flag(m, tag, "success", 1);
		else
			answer_error(m, tag, "io", "the keystore device failed to delete ", key);
		return 1;
	case ZOS_MSG_KS_EXISTS:
		if (!parse(m, tag, 0, 0))
			return 1;
		kind = device(ZOS_SYS_KEYSTORE_EXISTS, key, 0);
		if (kind == ZOS_STORAGE_RES_EXISTS_OK)
			answer_flag(m, tag, "exists",
				    ((const struct zos_device_result *)device_result.body)->exists);
		else
			answer_error(m, tag, "io", "the keystore device failed", 0);
		return 1;
	case ZOS_MSG_KS_LIST:
		if (parse(m, tag, 0, 1))
			do_list(m, tag);
		return 1;
	default:
		return 0;
	}
}
