/*
 * Capabilities: object types, rights and the device objects created at
 * genesis.
 *
 * A capability names one kernel object (type + object id + the object's
 * generation when the capability was made) with a set of rights and an
 * optional expiry. Rights only ever shrink along a derivation or a grant.
 */
#ifndef ZOS_CAP_H
#define ZOS_CAP_H

#include <stdint.h>

/* X(name, value). 1-6 are the seed's primitive types; 7 and 8 are ours:
 * HAL devices and the authority to create processes are capabilities too,
 * so no syscall ever asks "is the caller PID n?". */
#define ZOS_OBJ_TYPE_LIST(X) \
	X(ENDPOINT, 1)       \
	X(PROCESS, 2)        \
	X(MEMORY, 3)         \
	X(IRQ, 4)            \
	X(IO_PORT, 5)        \
	X(CONSOLE, 6)        \
	X(DEVICE, 7)         \
	X(SPAWN, 8)

enum zos_obj_type {
	ZOS_OBJ_NONE = 0,
#define ZOS_X_OBJ_ENUM(name, value) ZOS_OBJ_##name = (value),
	ZOS_OBJ_TYPE_LIST(ZOS_X_OBJ_ENUM)
#undef ZOS_X_OBJ_ENUM
};

/* Rights, a bit each. */
#define ZOS_RIGHTS_LIST(X) \
	X(READ, 0x1)       \
	X(WRITE, 0x2)      \
	X(GRANT, 0x4)

enum zos_rights {
	ZOS_RIGHT_NONE = 0, /* in a table of needs: no cap needed */
#define ZOS_X_RIGHT_ENUM(name, value) ZOS_RIGHT_##name = (value),
	ZOS_RIGHTS_LIST(ZOS_X_RIGHT_ENUM)
#undef ZOS_X_RIGHT_ENUM
};
#define ZOS_RIGHTS_ALL (ZOS_RIGHT_READ | ZOS_RIGHT_WRITE | ZOS_RIGHT_GRANT)

/*
 * Device objects, created by the Genesis commit with these object ids. The
 * console has its own seed type (CONSOLE); the others are of type DEVICE; the
 * spawn authority is of type SPAWN. Init receives a full capability to each.
 * AUDIT (ours) is the right to read the logs and other processes' CSpaces
 * and to have the log re-verified: what an administrator's shell holds.
 */
#define ZOS_DEVICE_LIST(X)        \
	X(CONSOLE, 1, CONSOLE)    \
	X(STORAGE, 2, DEVICE)     \
	X(KEYSTORE, 3, DEVICE)    \
	X(NETWORK, 4, DEVICE)     \
	X(SPAWN, 5, SPAWN)        \
	X(AUDIT, 6, DEVICE)

enum zos_device_id {
	ZOS_DEV_NONE = 0, /* in a table of needs: no device */
#define ZOS_X_DEV_ENUM(name, id, type) ZOS_DEV_##name = (id),
	ZOS_DEVICE_LIST(ZOS_X_DEV_ENUM)
#undef ZOS_X_DEV_ENUM
	ZOS_DEV_COUNT = 6
};

/* Init starts holding a full capability to device d in slot d - 1, and to
 * its inbox (an endpoint it owns) in the slot after the devices. Pid 0 (the
 * kernel and platform) holds a WRITE cap to that inbox in its slot 0: the
 * platform's way to deliver console input and notices to Init. */
#define ZOS_INIT_DEVICE_SLOT(d) ((uint32_t)(d) - 1u)
#define ZOS_INIT_INBOX_SLOT ((uint32_t)ZOS_DEV_COUNT)
#define ZOS_KERNEL_INIT_SLOT 0u

/* Expiry value meaning "never". */
#define ZOS_CAP_NEVER_EXPIRES 0u

const char *zos_obj_type_name(uint32_t type);

#endif
