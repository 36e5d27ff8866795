/*
 * NetworkService: HTTP and HTTPS requests for the programs allowed to make
 * them, through the network device (its slot 2). Init starts it on demand,
 * the first time a holder of its cap looks it up (PermissionService, and
 * for now the console's terminal); holding a WRITE cap to its endpoint IS
 * the permission to use the network: it has no list of who may.
 *
 * Protocol (JSON bodies; docs/services/network.md):
 *   NET_REQUEST {"url": U, "method": M?, "headers": {N: V, ...}?, "body": B?,
 *                "timeout_ms": T?}
 *   -> NET_RESPONSE {"status": S, "headers": {N: V, ...}, "headers_omitted": K,
 *                    "body": B}   (or "body_base64" when B is not UTF-8 text)
 *   |  NET_RESPONSE {"error": text, "code": C}
 *        C: bad_request, timeout, resolve, connect, too_large, failed, busy
 * Every limit (include/zos/abi.h: URL, method, headers, sizes, timeout) is
 * checked here before the device sees the request, and again by the
 * device. The answer must fit one message: when it would not, the headers
 * are left out first (counted in headers_omitted), then it is a too_large
 * error; a body is never cut.
 *
 * Requests run concurrently: the device's results come back to the
 * service's own endpoint as NET_RESULT messages from the kernel, and each
 * is matched to the waiting caller by its request id. At most
 * NETWORK_MAX_PENDING requests wait at once; more are answered "busy".
 */
#ifndef ZOS_SERVICES_NETWORK_H
#define ZOS_SERVICES_NETWORK_H

#include "lib/net_wire.h"
#include "zos.h"

#define NETWORK_MAX_PENDING 16

/* The service's request handler (for zos_serve). */
int network_handle(struct zos_msg *m);
/* Requests waiting for the device (for tests). */
uint32_t network_pending(void);
/* Forgets every waiting request: for host tests and fuzzers, which run the
 * service many times in one process (a real start begins empty). */
void network_reset(void);

/* request.c: a NET_REQUEST body as the device's input. ZOS_OK with
 * out/len set, or an error with *why set for the caller. */
int network_parse_request(const char *json, uint32_t len, uint8_t *out, uint32_t cap,
			  uint32_t *out_len, uint32_t *timeout_ms, const char **why);

/* reply.c: a NET_RESULT body as the NET_RESPONSE JSON, into out (cap
 * bytes, ZOS_MSG_MAX at most): its length. Never fails: a result that
 * cannot be answered in one message becomes an error answer. */
uint32_t network_reply(const uint8_t *result, uint32_t len, char *out, uint32_t cap);
/* The one error answer (answer.h), {"error": what, "code": code} with
 * code in lower case ("too_large"): its length. */
uint32_t network_error(uint32_t code, const char *what, char *out, uint32_t cap);

#endif
