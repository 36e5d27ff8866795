/*
 * The NETWORK_FETCH wire format (include/zos/abi.h) and its checks, in one
 * place for everyone who speaks it: NetworkService and its clients encode
 * and check requests with it, the hosted network device decodes and checks
 * them again (it trusts no process), and the service decodes results.
 *
 * Freestanding: no allocation, nothing read past a given length. Every
 * failure returns an error code and, where there is one, a reason for
 * people (a static string).
 */
#ifndef ZOS_LIB_NET_WIRE_H
#define ZOS_LIB_NET_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <zos/abi.h>

/* A request, decoded: pointers into the bytes it was decoded from. */
struct znet_request {
	uint8_t method;          /* enum zos_net_method */
	uint32_t timeout_ms;     /* 0: the default */
	const char *url;
	uint32_t url_len;
	uint32_t nheaders;
	const uint8_t *headers;  /* header block: (u16 length, "Name: value")... */
	uint32_t headers_len;
	const uint8_t *body;
	uint32_t body_len;
};

/* A result's READ_OK data, decoded. */
struct znet_response {
	uint16_t status;
	uint32_t nheaders;
	const uint8_t *headers;
	uint32_t headers_len;
	uint32_t headers_omitted;
	const uint8_t *body;
	uint32_t body_len;
};

/* The method numbered m ("GET"), or 0. */
const char *znet_method_name(uint32_t m);
/* The method called name (exact, upper case), or 0. */
uint8_t znet_method_of(const char *name, size_t len);

/* 1 when url is an http:// or https:// URL with a host, of printable ASCII
 * without spaces, at most ZOS_NET_URL_MAX bytes; else 0 with *why set. */
int znet_url_ok(const char *url, size_t len, const char **why);
/* 1 when "Name: value" is a header we let through: a token name, a value
 * of printable ASCII or tabs (no CR, LF, NUL), at most ZOS_NET_HEADER_MAX. */
int znet_header_ok(const char *h, size_t len, const char **why);
/* The effective timeout of a request asking for ms (0: the default);
 * -1 when ms is over ZOS_NET_TIMEOUT_MAX_MS. */
int64_t znet_timeout(uint32_t ms);

/* Header blocks: appends one entry (ZOS_OK, or ZOS_ERR_BUFFER_TOO_SMALL);
 * walks them: 1 with the next entry in *h / *len, 0 at the end, -1 when the
 * block is malformed. */
int znet_header_put(uint8_t *block, uint32_t cap, uint32_t *used, const char *h, uint32_t len);
int znet_header_next(const uint8_t *block, uint32_t block_len, uint32_t *pos, const char **h,
		     uint16_t *len);

/* A response header as every network device keeps it: appended to block
 * (cap bytes, *used of them taken) and counted in *count while it fits
 * and is "Name: value" in plain ASCII (tabs allowed); else counted in
 * *omitted. h excludes the line's CR LF. */
void znet_response_header(uint8_t *block, uint32_t cap, uint32_t *used, uint32_t *count,
			  uint32_t *omitted, const char *h, uint32_t len);

/* Encodes rq into out (cap bytes): ZOS_OK with *len set, or an error.
 * Checks everything znet_request_decode checks. */
int znet_request_encode(const struct znet_request *rq, uint8_t *out, uint32_t cap,
			uint32_t *len, const char **why);
/* Decodes and checks a NETWORK_FETCH input: ZOS_OK, or
 * ZOS_ERR_INVALID_ARGUMENT with *why set. */
int znet_request_decode(const uint8_t *in, uint32_t len, struct znet_request *rq,
			const char **why);

/* Encodes a NET_RESULT body into body (ZOS_MSG_MAX bytes) for request;
 * returns its length. A response: kind READ_OK with resp's status,
 * headers and body; one whose header block or body is over the limits of
 * include/zos/abi.h becomes a TOO_LARGE error (never a cut body). An
 * error: kind ERROR with code and a message for people (cut to 255
 * bytes). Every network device answers with these. */
uint32_t znet_result_ok(uint8_t *body, uint32_t request, const struct znet_response *resp);
uint32_t znet_result_error(uint8_t *body, uint32_t request, uint32_t code, const char *msg,
			   uint32_t msg_len);

/* Decodes a NET_RESULT body. ZOS_OK: *kind is READ_OK (resp filled) or
 * ERROR (*err_code and the message in *msg / *msg_len). Anything malformed
 * is ZOS_ERR_INVALID_ARGUMENT. */
int znet_result_decode(const uint8_t *body, uint32_t len, uint32_t *request, uint8_t *kind,
		       struct znet_response *resp, uint32_t *err_code, const char **msg,
		       uint32_t *msg_len);

#endif
