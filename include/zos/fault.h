/*
 * Why a process was faulted (ProcessFaulted.reason). The platform reports
 * the fault; the kernel records it and reclaims the process.
 */
#ifndef ZOS_FAULT_H
#define ZOS_FAULT_H

#define ZOS_FAULT_LIST(X)        \
	X(MEMORY, 1)             \
	X(ILLEGAL_INSTRUCTION, 2)\
	X(ARITHMETIC, 3)         \
	X(ABORTED, 4)            \
	X(SPAWN_FAILED, 5)       \
	X(PROTOCOL, 6)           \
	X(OTHER, 7)

enum zos_fault_reason {
#define ZOS_X_FAULT_ENUM(name, value) ZOS_FAULT_##name = (value),
	ZOS_FAULT_LIST(ZOS_X_FAULT_ENUM)
#undef ZOS_X_FAULT_ENUM
};

#endif
