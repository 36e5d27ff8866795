/*
 * The IdentityService client (id_client.h): a CALL to the service, found
 * through Init; the answer is checked to be a JSON object and its error,
 * if any, kept for the caller to show.
 */
#include "id_client.h"

#include "lib/json.h"
#include "lib/mem.h"

static char error_text[320];
static char error_code[32];
static int32_t id_slot = -1;

const char *zos_id_error(void)
{
	return error_text;
}

const char *zos_id_code(void)
{
	return error_code;
}

static int64_t refuse(int64_t err, const char *why)
{
	zos_strlcpy(error_text, why, sizeof error_text);
	return err;
}

int64_t zos_id_call(uint32_t tag, const char *body, uint32_t len, struct zos_msg *reply)
{
	static struct zjson_tok toks[512];
	struct zjson_doc doc;
	struct zjson_error err;
	int64_t n = zos_service_call("identity", &id_slot, tag, body, len, reply);
	int32_t e;

	error_text[0] = error_code[0] = 0;
	if (n < 0)
		return refuse(n, "the identity service does not answer");
	if (reply->h.tag != tag + 1)
		return refuse(ZOS_ERR_NOT_SUPPORTED, "the identity service does not know this request");
	if (zjson_parse(&doc, (const char *)reply->body, (size_t)n, toks, 512, &err) != ZOS_OK ||
	    doc.toks[0].type != ZJSON_OBJECT)
		return refuse(ZOS_ERR_CORRUPT, "the identity service's answer is not a JSON object");
	e = zjson_get(&doc, 0, "error");
	if (e < 0)
		return n;
	if (zjson_str(&doc, e, error_text, sizeof error_text, 0) != ZOS_OK)
		zos_strlcpy(error_text, "the identity service refused", sizeof error_text);
	if (zjson_get_str(&doc, 0, "code", error_code, sizeof error_code) != ZOS_OK)
		error_code[0] = 0;
	return ZOS_ERR_INVALID_ARGUMENT;
}
