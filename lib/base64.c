/* Base64 encoding and strict decoding (see base64.h). */
#include "lib/base64.h"

#include <zos/error.h>

static const char alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int zos_b64_encode(const void *in, size_t n, char *out, size_t cap, size_t *out_len)
{
	const uint8_t *p = in;
	size_t o = 0;

	if (n > (SIZE_MAX - 3) / 4 * 3 || cap < ZOS_B64_LEN(n) + 1)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		out[o++] = alphabet[v >> 18 & 63];
		out[o++] = alphabet[v >> 12 & 63];
		out[o++] = i + 1 < n ? alphabet[v >> 6 & 63] : '=';
		out[o++] = i + 2 < n ? alphabet[v & 63] : '=';
	}
	out[o] = 0;
	*out_len = o;
	return ZOS_OK;
}

/* The 6-bit value of c, or -1. */
static int value_of(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int zos_b64_decode(const char *text, size_t n, void *out, size_t cap, size_t *out_len)
{
	uint8_t *o = out;
	size_t len = 0;

	if (n % 4)
		return ZOS_ERR_INVALID_ARGUMENT;
	for (size_t i = 0; i < n; i += 4) {
		int last = i + 4 == n;
		int pad = last && text[i + 3] == '=' ? (text[i + 2] == '=' ? 2 : 1) : 0;
		int v[4];
		uint32_t bits = 0;
		for (int k = 0; k < 4 - pad; k++) {
			v[k] = value_of(text[i + (size_t)k]);
			if (v[k] < 0)
				return ZOS_ERR_INVALID_ARGUMENT;
			bits = bits << 6 | (uint32_t)v[k];
		}
		bits <<= 6 * pad;
		/* the bits padding leaves unused must be zero: one text per byte string */
		if ((pad == 1 && (bits & 0xFF)) || (pad == 2 && (bits & 0xFFFF)))
			return ZOS_ERR_INVALID_ARGUMENT;
		if (len + 3u - (size_t)pad > cap)
			return ZOS_ERR_BUFFER_TOO_SMALL;
		o[len++] = (uint8_t)(bits >> 16);
		if (pad < 2)
			o[len++] = (uint8_t)(bits >> 8);
		if (pad < 1)
			o[len++] = (uint8_t)bits;
	}
	*out_len = len;
	return ZOS_OK;
}
