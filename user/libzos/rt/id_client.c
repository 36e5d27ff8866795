/*
 * The IdentityService client (id_client.h): a CALL to the service, found
 * through Init; the answer is checked to be a JSON object and its error,
 * if any, kept for the caller to show.
 */
#include "id_client.h"

#include "answer.h"
#include "lib/mem.h"

static struct zos_refusal last; /* the last call's refusal, or why it failed */
static int32_t id_slot = -1;

const char *zos_id_error(void)
{
	return last.words;
}

const char *zos_id_code(void)
{
	return last.code;
}

int64_t zos_id_call(uint32_t tag, const char *body, uint32_t len, struct zos_msg *reply)
{
	static struct zjson_tok toks[512];
	struct zjson_doc doc;
	int64_t n = zos_service_call("identity", &id_slot, tag, body, len, reply);
	int r;

	last.code[0] = last.words[0] = 0;
	if (n < 0)
		return zos_refusal_say(&last, n, "the identity service does not answer");
	if (reply->h.tag != tag + 1)
		return zos_refusal_say(&last, ZOS_ERR_NOT_SUPPORTED,
				       "the identity service does not know this request");
	r = zos_answer_read(&doc, reply->body, (size_t)n, toks, 512, "the identity service", &last);
	if (r == ZOS_ANSWER_OK)
		return n;
	return r == ZOS_ANSWER_REFUSED ? ZOS_ERR_INVALID_ARGUMENT : r;
}
