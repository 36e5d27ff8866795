/*
 * Well-known process ids. PIDs are assigned in boot order, so these hold on
 * every platform and after every reboot (a Boot commit resets the pid
 * counter to genesis). NetworkService and terminals take the next free pid.
 */
#ifndef ZOS_PID_H
#define ZOS_PID_H

#define ZOS_PID_LIST(X)          \
	X(KERNEL, 0)             \
	X(INIT, 1)               \
	X(PERMISSION, 2)         \
	X(VFS, 3)                \
	X(KEYSTORE, 4)           \
	X(IDENTITY, 5)           \
	X(TIME, 6)

enum zos_well_known_pid {
#define ZOS_X_PID_ENUM(name, value) ZOS_PID_##name = (value),
	ZOS_PID_LIST(ZOS_X_PID_ENUM)
#undef ZOS_X_PID_ENUM
};

/* "no process" in commit fields such as ProcessKilled.by */
#define ZOS_PID_NONE 0xFFFFFFFFu

#endif
