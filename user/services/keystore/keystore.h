/*
 * KeystoreService (pid 4): key material, on the keystore device only, which
 * no other service holds; nothing it stores reaches the storage database.
 * Only IdentityService can reach it: Init gives a cap to its endpoint to
 * identity and answers everyone else's lookups with "not found".
 *
 * Protocol (JSON bodies; docs/services/keystore.md):
 *   READ    {"key": K}           -> {"data": V}           | ERROR
 *   WRITE   {"key": K, "value": V} -> {"success": true}   | ERROR
 *   DELETE  {"key": K}           -> {"success": true}     | ERROR
 *   EXISTS  {"key": K}           -> {"exists": B}         | ERROR
 *   LIST    {"prefix": P}        -> {"keys": [...], "truncated": B} | ERROR
 * ERROR is the one error answer (answer.h), {"error": words, "code": C},
 * C: invalid, not_found, io, too_big.
 * Keys follow /keys/{user_id}/{path}: user ids of 1-64 letters, digits,
 * '-' or '_'; path segments of letters, digits, '.', '-', '_' (not "." or
 * ".."), no empty segment; at most KEYSTORE_KEY_MAX bytes.
 */
#ifndef ZOS_SERVICES_KEYSTORE_H
#define ZOS_SERVICES_KEYSTORE_H

#include <stddef.h>

#include "zos.h"

#define KEYSTORE_KEY_MAX 256

/* 1 when key (len bytes) follows the convention (a prefix may end at a
 * segment boundary or inside one: LIST needs only "/keys/"). */
int keystore_key_valid(const char *key, size_t len);
int keystore_prefix_valid(const char *prefix, size_t len);
/* The service's request handler (for zos_serve). */
int keystore_handle(struct zos_msg *m);

#endif
