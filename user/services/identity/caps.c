/*
 * Machine key capabilities as the records write them: an object
 * {"capabilities": ["AUTHENTICATE", ...], "expires_at": null | ms}. The
 * older boolean format ({"can_authenticate": true, "can_encrypt": ...})
 * is still read, so records written by it keep working; it is never
 * written. A request may also give the plain array. An unknown
 * capability string is refused, not ignored: a record that claims
 * something we do not know is not one we understand.
 */
#include "identity.h"

#include "lib/mem.h"

#define ID_X_CAP_NAME(n, v) { #n, v },
static const struct {
	const char *name;
	uint32_t bit;
} cap_names[] = { ID_CAP_LIST(ID_X_CAP_NAME) };
#define NCAPS (sizeof cap_names / sizeof cap_names[0])

/* The legacy booleans and what each grants. */
static const struct {
	const char *name;
	uint32_t bit;
} legacy[] = {
	{ "can_authenticate", ID_CAP_AUTHENTICATE },
	{ "can_encrypt", ID_CAP_ENCRYPT },
	{ "can_sign_messages", ID_CAP_SIGN },
	{ "can_authorize_machines", ID_CAP_AUTHORIZE_MACHINES },
	{ "can_revoke_machines", ID_CAP_REVOKE_MACHINES },
};
#define NLEGACY (sizeof legacy / sizeof legacy[0])

static int strings(const struct zjson_doc *d, int32_t arr, uint32_t *caps)
{
	char s[24];
	int32_t e;

	*caps = 0;
	for (uint32_t i = 0; (e = zjson_at(d, arr, i)) >= 0; i++) {
		uint32_t k;
		if (zjson_str(d, e, s, sizeof s, 0) != ZOS_OK)
			return id_fail("invalid", "capabilities must be strings such as \"AUTHENTICATE\"");
		for (k = 0; k < NCAPS && zos_strcmp(s, cap_names[k].name); k++)
			;
		if (k == NCAPS)
			return id_fail("invalid", "unknown capability: %s", s);
		*caps |= cap_names[k].bit;
	}
	return ZOS_OK;
}

static int booleans(const struct zjson_doc *d, int32_t obj, uint32_t *caps)
{
	int found = 0;

	*caps = 0;
	for (uint32_t k = 0; k < NLEGACY; k++) {
		int32_t v = zjson_get(d, obj, legacy[k].name);
		int b;
		if (v < 0)
			continue;
		if (zjson_bool(d, v, &b) != ZOS_OK)
			return id_fail("invalid", "%s must be true or false", legacy[k].name);
		found = 1;
		if (b)
			*caps |= legacy[k].bit;
	}
	if (!found)
		return id_fail("invalid", "capabilities: neither a \"capabilities\" array nor the boolean format");
	return ZOS_OK;
}

int id_caps_parse(const struct zjson_doc *d, int32_t obj, uint32_t *caps, int64_t *expires)
{
	int32_t arr, ex;
	int r;

	*expires = -1;
	if (obj >= 0 && d->toks[obj].type == ZJSON_ARRAY) /* a request's plain list */
		return strings(d, obj, caps);
	if (obj < 0 || d->toks[obj].type != ZJSON_OBJECT)
		return id_fail("invalid", "capabilities must be an array of strings or an object");
	arr = zjson_get(d, obj, "capabilities");
	if (arr >= 0 && d->toks[arr].type != ZJSON_ARRAY)
		return id_fail("invalid", "capabilities.capabilities must be an array of strings");
	r = arr >= 0 ? strings(d, arr, caps) : booleans(d, obj, caps);
	if (r != ZOS_OK)
		return r;
	ex = zjson_get(d, obj, "expires_at");
	if (ex >= 0 && d->toks[ex].type != ZJSON_NULL &&
	    (zjson_int(d, ex, expires) != ZOS_OK || *expires < 0))
		return id_fail("invalid", "expires_at must be null or a time in ms");
	return ZOS_OK;
}

void id_caps_json(struct zjson_writer *w, uint32_t caps, int64_t expires)
{
	zjson_object_begin(w);
	zjson_key(w, "capabilities");
	zjson_array_begin(w);
	for (uint32_t k = 0; k < NCAPS; k++)
		if (caps & cap_names[k].bit)
			zjson_string(w, cap_names[k].name);
	zjson_array_end(w);
	zjson_key(w, "expires_at");
	if (expires < 0)
		zjson_null(w);
	else
		zjson_int64(w, expires);
	zjson_object_end(w);
}
