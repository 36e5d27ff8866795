/*
 * Talking to PermissionService (pid 2, docs/services/permission.md): ask
 * for a capability, give one back, list who holds what, and read the
 * CAP_REVOKED notices it sends.
 *
 * A request may carry, besides the reply cap, two more caps, and that is
 * why these calls are not plain zos_call: the console's authority token
 * (to act for another pid) and a WRITE cap to an endpoint of the caller's
 * where CAP_REVOKED notices should arrive. The service keeps the notice
 * cap; the token it only looks at.
 *
 * Capability names: "network", "service:NAME", "fs:PATH" (PATH absolute,
 * segments of letters, digits, '.', '-', '_', never "." or ".."), at most
 * PERM_CAP_MAX bytes.
 */
#ifndef ZOS_LIBZOS_PERM_H
#define ZOS_LIBZOS_PERM_H

#include "zos.h"

#define PERM_CAP_MAX 96

/* Init -> PermissionService: a WRITE+GRANT cap to a service's endpoint,
 * body {"service": NAME}. Not yet in include/zos/msg.h (this service's
 * issue may not change it): it belongs in ZOS_MSG_PERMISSION_LIST as
 * X(PROVIDE_CAPABILITY, 0x2015), and this line goes away. */
#define ZOS_MSG_PERM_PROVIDE_CAPABILITY 0x2015

/* Where the record of grants lives in VFS. */
#define PERM_RECORD_PATH "/system/permissions/grants.json"

/* Who a request speaks as, beyond its sender pid: the authority token's
 * slot and a notice endpoint's slot (WRITE is what travels), -1 for none. */
struct perm_creds {
	int32_t authority;
	int32_t notice;
};

/* The console's authority token in our CSpace (an endpoint cap whose only
 * right is GRANT: nothing else has that shape), or -1. */
int32_t perm_find_authority(void);

/* Sends a request with its JSON body to the permission service (slot) and
 * waits for the answer in reply. Result: the answer's body size, or an
 * error. */
int64_t perm_call(uint32_t slot, uint32_t tag, const char *json, const struct perm_creds *cr,
		  struct zos_msg *reply);

/* REQUEST_CAPABILITY for cap, for pid (0: ourselves). Result: the slot the
 * granted cap landed in, 0-based; PERM_APPROVED_ONLY when the console
 * approved it for another pid (no cap travels); or an error, with the
 * service's reason in reply's body ({"error": ...}). */
#define PERM_APPROVED_ONLY ((int64_t)ZOS_MAX_SLOTS)
int64_t perm_request(uint32_t slot, const char *cap, uint32_t pid, const struct perm_creds *cr,
		     struct zos_msg *reply);
/* REVOKE_CAPABILITY of cap from pid (0: ourselves). ZOS_OK or an error. */
int64_t perm_revoke(uint32_t slot, const char *cap, uint32_t pid, const struct perm_creds *cr,
		    struct zos_msg *reply);
/* LIST_MY_CAPS: pid's grants (pid 0: ours; all: everyone's). ZOS_OK with
 * the JSON in reply, or an error. */
int64_t perm_list(uint32_t slot, uint32_t pid, int all, const struct perm_creds *cr,
		  struct zos_msg *reply);

/* The text of {"error": ...} in a reply, into out (cap bytes); 1 if there
 * was one. */
int perm_reply_error(const struct zos_msg *reply, char *out, uint32_t cap);

#endif
