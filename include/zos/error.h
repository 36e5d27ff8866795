/*
 * Zero OS error codes: the one table of negative results.
 *
 * Every syscall returns >= 0 on success or one of these. Kernel, Axiom, the
 * System and user space share the table, so an error read anywhere means the
 * same thing. NOT_SUPPORTED keeps the seed's value (-3).
 */
#ifndef ZOS_ERROR_H
#define ZOS_ERROR_H

#include <stdint.h>

/* X(name, value, message) */
#define ZOS_ERROR_LIST(X)                                                        \
	X(UNKNOWN_SYSCALL, -1, "unknown syscall number")                         \
	X(INVALID_ARGUMENT, -2, "invalid argument")                              \
	X(NOT_SUPPORTED, -3, "not supported on this platform")                   \
	X(INVALID_SLOT, -4, "no capability in that slot")                        \
	X(WRONG_TYPE, -5, "capability names the wrong kind of object")           \
	X(INSUFFICIENT_RIGHTS, -6, "capability lacks the rights for this")       \
	X(EXPIRED, -7, "capability has expired")                                 \
	X(OBJECT_NOT_FOUND, -8, "capability's object no longer exists")          \
	X(PROCESS_NOT_FOUND, -9, "no such live process")                         \
	X(ENDPOINT_NOT_FOUND, -10, "no such endpoint")                           \
	X(MESSAGE_TOO_LARGE, -11, "message body over 4096 bytes")                \
	X(TOO_MANY_CAPS, -12, "more than 4 capabilities in one message")         \
	X(RESOURCE_EXHAUSTED, -13, "a kernel table is full")                     \
	X(WOULD_BLOCK, -14, "nothing to receive yet")                            \
	X(NOT_FOUND, -15, "not found")                                           \
	X(SPAWN_FAILED, -16, "the platform could not start the process")         \
	X(QUEUE_FULL, -17, "the endpoint's queue is full")                       \
	X(BUFFER_TOO_SMALL, -18, "output buffer too small for the result")       \
	X(IO, -19, "input/output error")                                         \
	X(CORRUPT, -20, "data failed its integrity check")                       \
	X(LOG_FAILED, -21, "the commit log stopped after a failed write")        \
	X(NO_SPACE, -22, "no space left on the storage device")

enum zos_error {
#define ZOS_X_ERROR_ENUM(name, value, msg) ZOS_ERR_##name = (value),
	ZOS_ERROR_LIST(ZOS_X_ERROR_ENUM)
#undef ZOS_X_ERROR_ENUM
};

/* Every function that can fail returns one of these, or ZOS_OK. */
#define ZOS_OK 0

/* "INVALID_SLOT" for ZOS_ERR_INVALID_SLOT; 0 for an unknown code. */
const char *zos_error_name(int64_t err);
/* A sentence for people ("no capability in that slot"). */
const char *zos_error_message(int64_t err);

#endif
