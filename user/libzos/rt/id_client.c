/*
 * The IdentityService client (id_client.h): a CALL to the service, found
 * through Init; the answer is checked to be a JSON object and its error,
 * if any, kept for the caller to show.
 */
#include "id_client.h"

#include "json.h"
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

/* A CALL; when the endpoint is gone (a restart), look it up again once. */
static int64_t call_identity(uint32_t tag, const void *body, uint32_t len, struct zos_msg *reply)
{
	int64_t r = ZOS_ERR_NOT_FOUND;

	for (int attempt = 0; attempt < 2; attempt++) {
		if (id_slot < 0) {
			uint32_t slot;
			r = zos_service_lookup("identity", &slot);
			if (r < 0)
				return r;
			id_slot = (int32_t)slot;
		}
		r = zos_call((uint32_t)id_slot, tag, body, len, reply);
		if (r != ZOS_ERR_OBJECT_NOT_FOUND && r != ZOS_ERR_ENDPOINT_NOT_FOUND &&
		    r != ZOS_ERR_INVALID_SLOT)
			return r;
		zos_cap_delete((uint32_t)id_slot);
		id_slot = -1;
	}
	return r;
}

int64_t zos_id_call(uint32_t tag, const char *body, uint32_t len, struct zos_msg *reply)
{
	static struct zjson_tok toks[512];
	struct zjson_doc doc;
	struct zjson_error err;
	int64_t n = call_identity(tag, body, len, reply);
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
