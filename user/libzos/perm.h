/*
 * Talking to PermissionService (docs/services/permission.md): ask for a
 * capability, give one back, approve or revoke for another app (callers
 * whose manifest holds perm:admin: the shell), and list who holds what.
 *
 * Capability names: "network", "fs:PATH:read", "fs:PATH:write",
 * "perm:admin"; at most PERM_CAP_MAX bytes. The service is found by a
 * lookup of "permission" from Init, kept for later calls.
 */
#ifndef ZOS_LIBZOS_PERM_H
#define ZOS_LIBZOS_PERM_H

#include "zos.h"

#define PERM_CAP_MAX 96

/* Where the record of grants lives in VFS. */
#define PERM_RECORD_PATH "/system/config/grants.json"

/* REQUEST_CAPABILITY of cap for ourselves. notice: an endpoint slot of
 * ours where a CAP_REVOKED notice should arrive, or -1. Result: the slot
 * the granted cap landed in (-1 when the grant carries none, as fs grants:
 * VFS knows), or an error with the service's words in zos_perm_error(). */
int64_t zos_perm_request(const char *cap, int32_t notice, int32_t *slot);
/* REVOKE_CAPABILITY of cap: ours (app 0), or app's (perm:admin). */
int64_t zos_perm_revoke(const char *cap, const char *app);
/* Approves cap for app (perm:admin; the shell's `grant`). */
int64_t zos_perm_approve(const char *app, const char *cap);
/* LIST_MY_CAPS: ours (app 0, all 0), app's, or everyone's (all). The JSON
 * answer lands in reply. */
int64_t zos_perm_list(const char *app, int all, struct zos_msg *reply);
/* The last refusal's words ("" after a success). */
const char *zos_perm_error(void);

#endif
