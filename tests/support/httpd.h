/*
 * A tiny HTTP/1.1 server for the network tests: it listens on 127.0.0.1
 * only (never any other address), on a port the kernel picks, and answers
 * each connection on its own thread, so a stalled route never holds up
 * another. One request per connection; the answer ends the connection.
 *
 * Routes:
 *   GET  /hello         200, "hello from the test server\n" (HEAD too)
 *   ANY  /echo          200, "METHOD /echo\n", then the request's X-*
 *                       headers one a line, then the request body
 *   GET  /size/N        200 with N bytes of 'a' (Content-Length given)
 *   GET  /stream/N      200 with N bytes of 'b', chunked (no length ahead)
 *   GET  /slow          sends nothing for 60 s (or until stopped), then 200
 *   GET  /redirect      302 to /hello
 *   GET  /many-headers  200 with 60 headers of about 40 bytes each
 *   anything else       404, "not found\n"
 */
#ifndef ZOS_TEST_HTTPD_H
#define ZOS_TEST_HTTPD_H

#include <stdint.h>

struct httpd {
	int fd;              /* the listening socket */
	uint16_t port;
	volatile int stopping;
	volatile int active; /* connections being answered */
	void *thread;        /* the accepting thread (pthread_t *) */
};

/* Starts listening on 127.0.0.1 (port 0: any free port). 0, or -1 with
 * errno set. */
int httpd_start(struct httpd *s, uint16_t port);
/* Stops accepting, cuts stalled answers short, waits for the threads. */
void httpd_stop(struct httpd *s);

#endif
