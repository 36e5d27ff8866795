/*
 * A stand-in for KeystoreService, for host tests and fuzzers of
 * IdentityService: installed as its keystore transport, it answers the
 * keystore's JSON protocol (READ, WRITE, DELETE, EXISTS, LIST) from
 * entries held in memory, checking every key with the keystore's own
 * convention (user/services/keystore/keys.c, which the Makefile links
 * into the programs that use this). `down` makes it act as if the keystore did not answer.
 * Header-only: each test program includes it once.
 */
#ifndef ZOS_TEST_FAKE_KEYSTORE_H
#define ZOS_TEST_FAKE_KEYSTORE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/json.h"
#include "user/libzos/answer.h"
#include "user/services/keystore/keystore.h"

#define FAKE_KS_ENTRIES 64

struct fake_ks_entry {
	char key[KEYSTORE_KEY_MAX + 1];
	char value[ZOS_MSG_MAX];
};

static struct {
	struct fake_ks_entry e[FAKE_KS_ENTRIES];
	uint32_t n;
	int down;
} fake_ks;

static void fake_ks_reset(void)
{
	memset(&fake_ks, 0, sizeof fake_ks);
}

static struct fake_ks_entry *fake_ks_find(const char *key)
{
	for (uint32_t i = 0; i < fake_ks.n; i++)
		if (!strcmp(fake_ks.e[i].key, key))
			return &fake_ks.e[i];
	return 0;
}

static int64_t fake_ks_json(struct zos_msg *reply, uint32_t tag, struct zjson_writer *w)
{
	zjson_object_end(w);
	if (zjson_finish(w) != ZOS_OK)
		abort();
	reply->h.tag = tag + 1;
	reply->h.size = (uint32_t)w->len;
	memcpy(reply->body, w->buf, w->len);
	return (int64_t)w->len;
}

/* The keystore's refusal, in the one error answer. */
static int64_t fake_ks_refuse(struct zos_msg *reply, uint32_t tag, const char *code,
			      const char *words)
{
	reply->h.tag = tag + 1;
	reply->h.size = zos_answer_error((char *)reply->body, sizeof reply->body, code, "%s", words);
	return reply->h.size;
}

static int64_t fake_ks_transport(uint32_t tag, const void *body, uint32_t len,
				 struct zos_msg *reply)
{
	static char text[ZOS_MSG_MAX + 1], key[KEYSTORE_KEY_MAX + 1], value[ZOS_MSG_MAX];
	struct zjson_tok toks[16];
	struct zjson_doc doc;
	struct zjson_error err;
	struct zjson_writer w;
	struct fake_ks_entry *e;
	int list = tag == ZOS_MSG_KS_LIST;

	if (fake_ks.down)
		return ZOS_ERR_ENDPOINT_NOT_FOUND;
	zjson_writer_init(&w, text, sizeof text);
	zjson_object_begin(&w);
	if (zjson_parse(&doc, body, len, toks, 16, &err) != ZOS_OK ||
	    zjson_get_str(&doc, 0, list ? "prefix" : "key", key, sizeof key) != ZOS_OK ||
	    !(list ? keystore_prefix_valid(key, strlen(key)) : keystore_key_valid(key, strlen(key)))) {
		return fake_ks_refuse(reply, tag, "invalid", "not a keystore key");
	}
	e = fake_ks_find(key);
	if (tag == ZOS_MSG_KS_READ && e) {
		zjson_key(&w, "data");
		zjson_string(&w, e->value);
	} else if (tag == ZOS_MSG_KS_READ) {
		return fake_ks_refuse(reply, tag, "not_found", "not found: ");
	} else if (tag == ZOS_MSG_KS_WRITE) {
		if (zjson_get_str(&doc, 0, "value", value, sizeof value) != ZOS_OK)
			abort(); /* the service must always send a value */
		if (!e && fake_ks.n == FAKE_KS_ENTRIES) {
			return fake_ks_refuse(reply, tag, "io",
					      "the keystore device failed to write (the fake is full)");
		}
		if (!e)
			e = &fake_ks.e[fake_ks.n++];
		snprintf(e->key, sizeof e->key, "%s", key);
		snprintf(e->value, sizeof e->value, "%s", value);
		zjson_key(&w, "success");
		zjson_boolean(&w, 1);
	} else if (tag == ZOS_MSG_KS_DELETE) {
		if (e)
			*e = fake_ks.e[--fake_ks.n];
		zjson_key(&w, "success");
		zjson_boolean(&w, 1);
	} else if (tag == ZOS_MSG_KS_EXISTS) {
		zjson_key(&w, "exists");
		zjson_boolean(&w, e != 0);
	} else if (list) {
		zjson_key(&w, "keys");
		zjson_array_begin(&w);
		for (uint32_t i = 0; i < fake_ks.n; i++)
			if (!strncmp(fake_ks.e[i].key, key, strlen(key)))
				zjson_string(&w, fake_ks.e[i].key);
		zjson_array_end(&w);
		zjson_key(&w, "truncated");
		zjson_boolean(&w, 0);
	} else {
		return fake_ks_refuse(reply, tag, "not_supported", "unknown request");
	}
	return fake_ks_json(reply, tag, &w);
}

#endif
