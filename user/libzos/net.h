/*
 * libzos's client of NetworkService (docs/services/network.md): one call
 * per HTTP request, the answer as the service's JSON.
 *
 * Network access is a WRITE cap to NetworkService's endpoint. The client
 * gets it once, through zos_net_connect, and keeps it; when the service
 * has been restarted (its old endpoint is gone) it gets a new one and
 * tries once more.
 *
 * How the cap is obtained is this one function's business: today a lookup
 * of "network" from Init, which only the service's holders may make
 * (PermissionService; TEMPORARILY also the console's terminal); once
 * PermissionService lands, a REQUEST_CAPABILITY for "network" to it.
 */
#ifndef ZOS_LIBZOS_NET_H
#define ZOS_LIBZOS_NET_H

#include "zos.h"

struct zos_net_req {
	const char *method;       /* "GET" when 0 */
	const char *url;
	const char *const *headers; /* "Name: value" strings, nheaders of them */
	uint32_t nheaders;
	const char *body;         /* 0: none */
	uint32_t timeout_ms;      /* 0: the service's default (10 s) */
};

/* The slot of our cap to NetworkService, obtained if we have none yet. */
int64_t zos_net_connect(uint32_t *slot);
/* Makes the request; the answer (NET_RESPONSE JSON: status, headers, body
 * or error, code) lands in reply. Returns its size, or an error when the
 * service could not be reached or the request could not be written. */
int64_t zos_net_request(const struct zos_net_req *rq, struct zos_msg *reply);

#endif
