/*
 * The device's NET_RESULT as the NET_RESPONSE JSON a caller gets. A reply
 * must fit one message: first with its headers, then without them (their
 * count goes to headers_omitted), else it is a too_large error. The body
 * goes as a JSON string when it is UTF-8 text, as base64 otherwise.
 */
#include "network.h"

#include "answer.h"
#include "lib/base64.h"
#include "lib/json.h"
#include "lib/mem.h"

static const char *const code_names[] = {
#define ZOS_X_NET_CODE_NAME(name, value) [value] = #name,
	ZOS_NET_ERROR_LIST(ZOS_X_NET_CODE_NAME)
#undef ZOS_X_NET_CODE_NAME
};

/* "TOO_LARGE" as "too_large". */
static void code_name(uint32_t code, char *out, size_t cap)
{
	const char *n = code < sizeof code_names / sizeof code_names[0] && code_names[code]
				? code_names[code]
				: "FAILED";
	size_t i = 0;

	for (; n[i] && i + 1 < cap; i++)
		out[i] = n[i] >= 'A' && n[i] <= 'Z' ? (char)(n[i] + 32) : n[i];
	out[i] = 0;
}

uint32_t network_error(uint32_t code, const char *what, char *out, uint32_t cap)
{
	char name[16];

	code_name(code, name, sizeof name);
	return zos_answer_error(out, cap, name, "%s", what);
}

/* base64 of the body, into the writer as one string. */
static void base64_string(struct zjson_writer *w, const uint8_t *p, uint32_t n)
{
	static char text[ZOS_B64_LEN(ZOS_NET_RESP_BODY_MAX) + 1];
	size_t len;

	if (n > ZOS_NET_RESP_BODY_MAX || zos_b64_encode(p, n, text, sizeof text, &len) != ZOS_OK) {
		zjson_string_n(w, "\xff", 1); /* refused by the writer: the answer fails */
		return;
	}
	zjson_string_n(w, text, len);
}

static void write_headers(struct zjson_writer *w, const struct znet_response *r)
{
	uint32_t pos = 0;
	const char *h;
	uint16_t hl;

	zjson_object_begin(w);
	while (znet_header_next(r->headers, r->headers_len, &pos, &h, &hl) == 1) {
		char name[ZOS_NET_RESP_HEADER_BYTES + 1];
		uint32_t colon = 0, v;
		while (colon < hl && h[colon] != ':')
			colon++;
		if (colon == hl)
			continue; /* the device keeps only "Name: value" lines */
		zos_memcpy(name, h, colon);
		name[colon] = 0;
		for (v = colon + 1; v < hl && (h[v] == ' ' || h[v] == '\t'); v++)
			;
		zjson_key(w, name);
		zjson_string_n(w, h + v, hl - v);
	}
	zjson_object_end(w);
}

/* The response as JSON; ZOS_OK or the writer's error (it did not fit). */
static int write_response(const struct znet_response *r, int with_headers, char *out, uint32_t cap,
			  uint32_t *len)
{
	struct zjson_writer w;
	int text = zjson_utf8_valid((const char *)r->body, r->body_len);

	zjson_writer_init(&w, out, cap);
	zjson_object_begin(&w);
	zjson_key(&w, "status");
	zjson_uint64(&w, r->status);
	zjson_key(&w, "headers");
	if (with_headers) {
		write_headers(&w, r);
	} else {
		zjson_object_begin(&w);
		zjson_object_end(&w);
	}
	zjson_key(&w, "headers_omitted");
	zjson_uint64(&w, r->headers_omitted + (with_headers ? 0 : r->nheaders));
	zjson_key(&w, text ? "body" : "body_base64");
	if (text)
		zjson_string_n(&w, (const char *)r->body, r->body_len);
	else
		base64_string(&w, r->body, r->body_len);
	zjson_object_end(&w);
	if (zjson_finish(&w) != ZOS_OK)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	*len = (uint32_t)w.len;
	return ZOS_OK;
}

uint32_t network_reply(const uint8_t *result, uint32_t len, char *out, uint32_t cap)
{
	struct znet_response r;
	uint32_t request, code = 0, msg_len = 0, n;
	const char *msg = 0;
	uint8_t kind;
	char text[300];

	if (znet_result_decode(result, len, &request, &kind, &r, &code, &msg, &msg_len) != ZOS_OK)
		return network_error(ZOS_NET_ERR_FAILED, "the network device sent a malformed result",
				     out, cap);
	if (kind == ZOS_STORAGE_RES_ERROR) {
		if (msg_len >= sizeof text)
			msg_len = sizeof text - 1; /* the device's own short message */
		zos_memcpy(text, msg, msg_len);
		text[msg_len] = 0;
		if (!zjson_utf8_valid(text, msg_len))
			zos_strlcpy(text, "the network request failed", sizeof text);
		return network_error(code, text, out, cap);
	}
	if (write_response(&r, 1, out, cap, &n) == ZOS_OK ||
	    write_response(&r, 0, out, cap, &n) == ZOS_OK)
		return n;
	return network_error(ZOS_NET_ERR_TOO_LARGE,
			     "the reply does not fit in one message (its body has too many bytes "
			     "that JSON must escape, or is binary and over 2900 bytes)",
			     out, cap);
}
