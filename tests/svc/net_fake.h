/*
 * A fake network device for NetworkService's host tests and fuzzer
 * (tests/svc/svc_host.h): it checks each request exactly as the hosted
 * device does (lib/net_wire.c) and answers by the URL's path:
 *   /hello    200, Content-Type: text/plain, "hello\n"
 *   /404      404, "not found\n"
 *   /slow     TIMEOUT error, "timed out after N s" (N: the request's timeout)
 *   /big      TOO_LARGE error
 *   /binary   200, 1024 bytes 0x00..0xff (not UTF-8)
 *   /escapes  200, 3000 quote characters (too big once escaped for JSON)
 *   /headers  200, 20 long headers and a 3072-byte body with 300 newlines
 *   /echo     200, "METHOD URL timeout=T\n", the headers a line each, the body
 *   /hold     no result for this request (the caller keeps waiting)
 *   else      CONNECT error
 */
#ifndef ZOS_TEST_NET_FAKE_H
#define ZOS_TEST_NET_FAKE_H

#include <stdint.h>

extern uint32_t net_fake_requests; /* requests the device accepted */

int net_fake_device(uint64_t request, const uint8_t *in, uint32_t len, uint8_t *out,
		    uint32_t *out_len);

#endif
