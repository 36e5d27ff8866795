/*
 * The hosted platform's network device: HTTP and HTTPS requests through
 * libcurl, run by a few worker threads so that the kernel thread never
 * waits for the network (one slow server holds one worker, not the system).
 *
 * The kernel thread submits requests (net_submit: the NETWORK_FETCH input,
 * decoded and checked by lib/net_wire.c before anything is queued)
 * and collects results (net_take) when the device's eventfd is readable.
 * Each result is the complete body of the NET_RESULT message (include/zos/
 * abi.h): a response whose body and headers fit the limits there, or an
 * error with a code and a message; never a truncated body. Results may
 * finish in any order: the cookie says whose each is.
 *
 * Bounds: at most ZOS_NET_MAX_PENDING requests in flight (more is
 * ZOS_ERR_RESOURCE_EXHAUSTED), from net_submit until net_take hands back
 * the result; every transfer ends by its timeout (connect and total); at
 * net_close the transfers under way are aborted, not waited for.
 */
#ifndef ZOS_HAL_HOSTED_NET_H
#define ZOS_HAL_HOSTED_NET_H

#include <stddef.h>
#include <stdint.h>
#include <zos/param.h>

#include "lib/net_wire.h"

#define ZOS_NET_WORKERS 4
#define ZOS_NET_MAX_PENDING 16

struct net_result {
	uint64_t cookie;
	uint32_t len;               /* bytes of body */
	uint8_t body[ZOS_MSG_MAX];  /* the NET_RESULT message body */
};

struct netdev;

/* Starts the device's workers. On failure returns 0 with a reason in err. */
struct netdev *net_open(char *err, size_t cap);
/* Aborts transfers under way, stops the workers, frees what is left. */
void net_close(struct netdev *nd);
/* Checks and queues a request: ZOS_OK, ZOS_ERR_INVALID_ARGUMENT (the
 * request breaks the format or a limit; *why says which) or
 * ZOS_ERR_RESOURCE_EXHAUSTED. */
int net_submit(struct netdev *nd, uint64_t cookie, const uint8_t *in, uint32_t len,
	       const char **why);
/* An fd that is readable while results wait (for epoll). */
int net_event_fd(const struct netdev *nd);
/* Takes a finished result: 1 if one was taken, 0 if none. */
int net_take(struct netdev *nd, struct net_result *out);

/* net_fetch.c: one transfer, start to end, on the calling thread; the
 * result (a NET_RESULT body for request id (uint32_t)cookie) goes to out.
 * It gives up early when *stop becomes non-zero. */
void net_fetch(const struct znet_request *rq, uint64_t cookie, const volatile int *stop,
	       struct net_result *out);
/* An ERROR result with code and a message. */
void net_result_error(struct net_result *out, uint64_t cookie, uint32_t code, const char *fmt,
		      ...) __attribute__((format(printf, 4, 5)));
/* Once per process, before any net_fetch (net_open calls it). */
int net_fetch_global_init(void);
void net_fetch_global_cleanup(void);

#endif
