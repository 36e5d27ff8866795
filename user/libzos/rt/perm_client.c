/*
 * The PermissionService client (perm.h). A request is sent with the reply
 * cap first and, when the caller gives one, a WRITE cap to its notice
 * endpoint second; the answer comes back on the reply endpoint, with the
 * granted cap when there is one.
 */
#include "perm.h"

#include "answer.h"
#include "lib/json.h"
#include "lib/mem.h"

static int32_t perm_slot = -1;
static struct zos_refusal last; /* the last request's refusal */
static struct zos_msg answer;
/* Enough for the largest answer, a LIST_MY_CAPS of every grant (32, of 7
 * tokens each) and approval (16, of 5): 32 tokens cut longer lists. */
#define PERM_ANSWER_TOKENS 320
static struct zjson_tok toks[PERM_ANSWER_TOKENS];

const char *zos_perm_error(void)
{
	return last.words;
}

static int64_t body_of(char *out, uint32_t cap, const char *capability, const char *app, int all)
{
	struct zjson_writer w;

	zjson_writer_init(&w, out, cap);
	zjson_object_begin(&w);
	if (capability) {
		zjson_key(&w, "capability");
		zjson_string(&w, capability);
	}
	if (app) {
		zjson_key(&w, "app");
		zjson_string(&w, app);
	}
	if (all) {
		zjson_key(&w, "all");
		zjson_boolean(&w, 1);
	}
	zjson_object_end(&w);
	if (zjson_finish(&w) != ZOS_OK)
		return ZOS_ERR_INVALID_ARGUMENT;
	return (int64_t)w.len;
}

/* Sends and waits for the answer in `out`; a refusal's words go to last
 * (ZOS_ERR_INSUFFICIENT_RIGHTS, for a malformed answer too). */
static int64_t perm_call(uint32_t tag, const char *capability, const char *app, int all,
			 int32_t notice, struct zos_msg *out)
{
	char body[256];
	uint32_t caps[2];
	uint8_t rights[2] = { ZOS_RIGHT_WRITE, ZOS_RIGHT_WRITE };
	struct zjson_doc doc;
	int64_t r, len = body_of(body, sizeof body, capability, app, all);

	last.code[0] = last.words[0] = 0;
	if (len < 0 || zos_reply_slot < 0)
		return ZOS_ERR_INVALID_ARGUMENT;
	for (int attempt = 0; attempt < 2; attempt++) {
		if (perm_slot < 0) {
			uint32_t s;
			r = zos_service_lookup("permission", &s);
			if (r < 0)
				return r;
			perm_slot = (int32_t)s;
		}
		caps[0] = (uint32_t)zos_reply_slot;
		caps[1] = notice >= 0 ? (uint32_t)notice : 0;
		r = zos_send_caps((uint32_t)perm_slot, tag, caps, rights, notice >= 0 ? 2 : 1, body,
				  (uint32_t)len);
		if (r >= 0)
			break;
		zos_cap_delete((uint32_t)perm_slot);
		perm_slot = -1;
	}
	if (r < 0)
		return r;
	r = zos_recv((uint32_t)zos_reply_slot, out, 1);
	if (r < 0)
		return r;
	r = zos_answer_read(&doc, out->body, out->h.size, toks, PERM_ANSWER_TOKENS, "PermissionService",
			    &last);
	if (r == ZOS_ANSWER_OK)
		return ZOS_OK;
	for (uint32_t i = 0; i < out->h.ncaps && i < ZOS_MSG_MAX_CAPS; i++)
		zos_cap_delete(out->h.cap_slots[i]); /* no grant comes with a refusal */
	return r == ZOS_ANSWER_REFUSED ? ZOS_ERR_INSUFFICIENT_RIGHTS : ZOS_ERR_INVALID_ARGUMENT;
}

int64_t zos_perm_request(const char *cap, int32_t notice, int32_t *slot)
{
	int64_t r = perm_call(ZOS_MSG_PERM_REQUEST_CAPABILITY, cap, 0, 0, notice, &answer);

	if (r < 0)
		return r;
	*slot = answer.h.ncaps >= 1 ? (int32_t)answer.h.cap_slots[0] : -1;
	return ZOS_OK;
}

int64_t zos_perm_revoke(const char *cap, const char *app)
{
	return perm_call(ZOS_MSG_PERM_REVOKE_CAPABILITY, cap, app, 0, -1, &answer);
}

int64_t zos_perm_approve(const char *app, const char *cap)
{
	return perm_call(ZOS_MSG_PERM_REQUEST_CAPABILITY, cap, app, 0, -1, &answer);
}

int64_t zos_perm_list(const char *app, int all, struct zos_msg *reply)
{
	return perm_call(ZOS_MSG_PERM_LIST_MY_CAPS, 0, app, all, -1, reply);
}
