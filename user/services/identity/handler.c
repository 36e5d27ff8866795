/*
 * IdentityService's requests: parse the body as a JSON object, run the
 * operation its tag names, answer (tag + 1) with the operation's object
 * or the one error answer (answer.h), {"error": why, "code": short-code}.
 * Every request that came by CALL gets an answer. Request and answer
 * buffers may hold passwords, shards or a master secret: both are wiped
 * once the answer is sent.
 *
 * Init's LOOKUP_RESPONSE carrying a cap to a restarted keystore also
 * arrives here; it counts only when Init (the kernel-attested sender)
 * sent it.
 */
#include "identity.h"

#include "answer.h"
#include "lib/crypto/ct.h"
#include "lib/mem.h"

typedef int (*id_op)(const struct zjson_doc *req, struct zjson_writer *w);

static const struct {
	uint32_t tag;
	id_op run;
} ops[] = {
	{ ZOS_MSG_ID_CREATE_USER, id_create_user },
	{ ZOS_MSG_ID_GET_USER, id_get_user },
	{ ZOS_MSG_ID_LIST_USERS, id_list_users },
	{ ZOS_MSG_ID_DELETE_USER, id_delete_user },
	{ ZOS_MSG_ID_UPDATE_USER, id_update_user },
	{ ZOS_MSG_ID_LOGIN_CHALLENGE, id_login_challenge },
	{ ZOS_MSG_ID_LOGIN_SIGN, id_login_sign },
	{ ZOS_MSG_ID_LOGIN_VERIFY, id_login_verify },
	{ ZOS_MSG_ID_LOGIN_SIGNATURE_PART, id_login_signature_part },
	{ ZOS_MSG_ID_LOGOUT, id_logout },
	{ ZOS_MSG_ID_WHOAMI, id_whoami },
	{ ZOS_MSG_ID_NEURAL_KEY_GENERATE, id_neural_generate },
	{ ZOS_MSG_ID_NEURAL_KEY_RECOVER, id_neural_recover },
	{ ZOS_MSG_ID_MACHINE_KEY_CREATE, id_machine_create },
	{ ZOS_MSG_ID_MACHINE_KEY_LIST, id_machine_list },
	{ ZOS_MSG_ID_MACHINE_KEY_ROTATE, id_machine_rotate },
	{ ZOS_MSG_ID_MACHINE_KEY_REVOKE, id_machine_revoke },
};
#define NOPS (sizeof ops / sizeof ops[0])

static char text[ZOS_MSG_MAX];
static struct zjson_tok toks[ID_TOKENS];

/* The refusal id_fail recorded (answer.h). */
static void answer_error(const struct zos_msg *m, uint32_t tag)
{
	zos_answer(m, tag, text, zos_answer_error(text, sizeof text, id_code(), "%s", id_why()));
}

static void run(struct zos_msg *m, id_op op)
{
	struct zjson_doc req;
	struct zjson_error err;
	struct zjson_writer w;
	uint32_t tag = m->h.tag + 1; /* every answer's tag is its request's + 1 */
	int r;

	/* an empty body is an empty object (LIST_USERS has no fields) */
	if (m->h.size == 0)
		r = zjson_parse(&req, "{}", 2, toks, ID_TOKENS, &err);
	else
		r = zjson_parse(&req, (const char *)m->body, m->h.size, toks, ID_TOKENS, &err);
	if (r != ZOS_OK || req.toks[0].type != ZJSON_OBJECT) {
		id_fail("invalid", "the request is not a JSON object");
		answer_error(m, tag);
		return;
	}
	zjson_writer_init(&w, text, sizeof text);
	zjson_object_begin(&w);
	r = op(&req, &w);
	zjson_object_end(&w);
	if (r == ZOS_OK)
		zos_answer(m, tag, w.buf, zos_answer_finish(&w));
	else
		answer_error(m, tag);
}

/* Init's new cap to a restarted keystore (docs/services/keystore.md): 1
 * when m was that. Anything else with the tag (from another process, or
 * not shaped like it) is 0: the serve loop answers it as an unknown
 * request, so a CALL that borrowed the tag still gets its answer. */
static int renewal(struct zos_msg *m)
{
	static const char name[] = "keystore";

	if (m->h.sender != ZOS_PID_INIT || m->h.ncaps != 1 || m->h.size != sizeof name - 1 ||
	    zos_memcmp(m->body, name, sizeof name - 1))
		return 0;
	id_keystore_renew(m->h.cap_slots[0]);
	return 1;
}

int identity_handle(struct zos_msg *m)
{
	if (m->h.tag == ZOS_MSG_INIT_LOOKUP_RESPONSE)
		return renewal(m);
	for (uint32_t i = 0; i < NOPS; i++) {
		if (ops[i].tag != m->h.tag)
			continue;
		run(m, ops[i].run);
		zos_ct_wipe(m->body, m->h.size < sizeof m->body ? m->h.size : sizeof m->body);
		zos_ct_wipe(text, sizeof text);
		return 1;
	}
	return 0;
}

int identity_reset(void)
{
	id_challenges_forget(0);
	return id_random_init();
}
