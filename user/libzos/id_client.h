/*
 * The IdentityService client: one JSON request, its answer
 * (docs/services/identity.md). IdentityService is found through Init
 * (zos_service_lookup("identity")) on first use and again if it was
 * restarted. A call returns the answer's size (the answer, a JSON object,
 * in `reply`), or an error code; when the service refused, zos_id_error()
 * holds its reason in words and zos_id_code() its short code ("expired",
 * "wrong_password", ...). One request at a time: the buffers are static.
 */
#ifndef ZOS_LIBZOS_ID_CLIENT_H
#define ZOS_LIBZOS_ID_CLIENT_H

#include "zos.h"

/* Ids (users, machine keys, sessions) are 128-bit, written as 32 hex
 * digits; display and machine names are at most 64 bytes. */
#define ZOS_ID_BYTES 16
#define ZOS_ID_HEX (2 * ZOS_ID_BYTES)
#define ZOS_ID_NAME_MAX 64
/* A login challenge's bytes; its signature is Ed25519's 64. */
#define ZOS_ID_CHALLENGE_BYTES 32
#define ZOS_ID_SIGNATURE_BYTES 64

int64_t zos_id_call(uint32_t tag, const char *body, uint32_t len, struct zos_msg *reply);
const char *zos_id_error(void);
const char *zos_id_code(void);

#endif
