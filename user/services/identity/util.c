/*
 * IdentityService's small tools: the reason a request failed, the CSPRNG
 * (seeded once from the RANDOM syscall, the platform's entropy; reseeded
 * at every restart), ids as hex, and checked reads of request fields.
 * Every field read here is bounded and validated before anyone uses it.
 */
#include "identity.h"

#include "lib/crypto/csprng.h"
#include "lib/crypto/ct.h"
#include "lib/fmt.h"
#include "lib/mem.h"

static char why[320];
static const char *code = "";
static struct zos_csprng rng;

int id_fail(const char *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	zos_vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	code = c;
	return ZOS_ERR_INVALID_ARGUMENT;
}

const char *id_why(void)
{
	return why;
}

const char *id_code(void)
{
	return code;
}

int id_random_init(void)
{
	uint8_t seed[64];
	int64_t r = zos_random(seed, sizeof seed);
	int err;

	if (r != (int64_t)sizeof seed) {
		zos_ct_wipe(seed, sizeof seed);
		return r < 0 ? (int)r : ZOS_ERR_IO;
	}
	err = zos_csprng_init(&rng, seed, sizeof seed);
	zos_ct_wipe(seed, sizeof seed);
	return err;
}

struct zos_csprng *id_rng(void)
{
	return &rng;
}

int id_random(void *out, size_t n)
{
	if (zos_csprng_bytes(&rng, out, n) != ZOS_OK)
		return id_fail("random", "no randomness: the service's generator is not seeded");
	return ZOS_OK;
}

int id_new(uint8_t id[ID_BYTES])
{
	static const uint8_t zero[ID_BYTES];

	do {
		int r = id_random(id, ID_BYTES);
		if (r != ZOS_OK)
			return r;
	} while (!zos_memcmp(id, zero, ID_BYTES)); /* 0 is reserved for the system */
	return ZOS_OK;
}

void id_to_hex(char out[ID_HEX + 1], const uint8_t id[ID_BYTES])
{
	zos_hex(out, id, ID_BYTES);
}

int64_t id_now_ms(void)
{
	return zos_wallclock_ms();
}

int id_get_hex(const struct zjson_doc *d, int32_t obj, const char *key, uint8_t *out, size_t n)
{
	char text[2 * 128 + 1];
	size_t len;
	int32_t v = zjson_get(d, obj, key);

	if (v < 0)
		return id_fail("invalid", "missing: %s", key);
	if (2 * n >= sizeof text || zjson_str(d, v, text, sizeof text, &len) != ZOS_OK ||
	    zos_hex_decode(out, n, text, len) != 0)
		return id_fail("invalid", "%s must be %u hex digits", key, (unsigned)(2 * n));
	zos_ct_wipe(text, sizeof text); /* it may have been a secret */
	return ZOS_OK;
}

int id_get_id(const struct zjson_doc *d, int32_t obj, const char *key, uint8_t id[ID_BYTES])
{
	static const uint8_t zero[ID_BYTES];
	int r = id_get_hex(d, obj, key, id, ID_BYTES);

	if (r != ZOS_OK)
		return r;
	if (!zos_memcmp(id, zero, ID_BYTES))
		return id_fail("invalid", "%s 0 is reserved for the system", key);
	return ZOS_OK;
}

int id_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == ' ';
}

int id_get_text(const struct zjson_doc *d, int32_t obj, const char *key, char *out, size_t max,
		int (*ok)(char c), const char *allowed)
{
	size_t len;
	int32_t v = zjson_get(d, obj, key);
	int r;

	if (v < 0)
		return id_fail("invalid", "missing: %s", key);
	if (d->toks[v].type != ZJSON_STRING)
		return id_fail("invalid", "%s must be a string", key);
	r = zjson_str(d, v, out, max + 1, &len);
	if (r == ZOS_ERR_BUFFER_TOO_SMALL)
		return id_fail("invalid", "%s is longer than %u bytes", key, (unsigned)max);
	if (r != ZOS_OK || len == 0)
		return id_fail("invalid", "%s must not be empty", key);
	for (size_t i = 0; i < len; i++)
		if (!ok(out[i]))
			return id_fail("invalid", "%s may hold only %s", key, allowed);
	if (out[0] == ' ' || out[len - 1] == ' ')
		return id_fail("invalid", "%s must not begin or end with a space", key);
	return ZOS_OK;
}
