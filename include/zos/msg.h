/*
 * Message tags of the user-space protocols.
 *
 * A tag means something only on the endpoint (protocol) it travels on, so
 * each protocol is its own namespace: tags are distinct inside a namespace
 * (checked by tests/test_abi.c), and may repeat across namespaces (the seed
 * uses 0x2001 both for the supervisor's CONSOLE_INPUT and ZeroApp's
 * APP_INPUT). Numbers are the seed's.
 */
#ifndef ZOS_MSG_H
#define ZOS_MSG_H

/* Init's service registry. KILL, SHUTDOWN and their RESPONSE are ours:
 * what a terminal asks of Init, which holds the Process caps. */
#define ZOS_MSG_INIT_LIST(X)               \
	X(REGISTER_SERVICE, 0x1000)        \
	X(LOOKUP_SERVICE, 0x1001)          \
	X(LOOKUP_RESPONSE, 0x1002)         \
	X(SPAWN_SERVICE, 0x1003)           \
	X(SPAWN_RESPONSE, 0x1004)          \
	X(SERVICE_READY, 0x1005)           \
	X(KILL, 0x1006)                    \
	X(KILL_RESPONSE, 0x1007)           \
	X(SHUTDOWN, 0x1008)

/* Every service answers these (ours): PING gets PONG with its name. */
#define ZOS_MSG_COMMON_LIST(X)             \
	X(PING, 0x0F00)                    \
	X(PONG, 0x0F01)

/* Supervisor (platform transport) -> Init. PROCESS_ENDED is ours: the
 * platform tells Init that a process exited, was killed or crashed
 * (struct zos_process_ended), so that Init can restart a core service. */
#define ZOS_MSG_SUPERVISOR_LIST(X)         \
	X(CONSOLE_INPUT, 0x2001)           \
	X(KILL_PROCESS, 0x2002)            \
	X(IPC_DELIVERY, 0x2003)            \
	X(SPAWN_PROCESS, 0x2004)           \
	X(SPAWN_RESPONSE, 0x2005)          \
	X(CREATE_ENDPOINT, 0x2006)         \
	X(ENDPOINT_RESPONSE, 0x2007)       \
	X(GRANT_CAP, 0x2008)               \
	X(CAP_RESPONSE, 0x2009)            \
	X(REVOKE_CAP, 0x2020)              \
	X(PROCESS_ENDED, 0x2021)

/* PermissionService, and the CAP_REVOKED notification to a holder. */
#define ZOS_MSG_PERMISSION_LIST(X)         \
	X(REQUEST_CAPABILITY, 0x2010)      \
	X(REVOKE_CAPABILITY, 0x2011)       \
	X(LIST_MY_CAPS, 0x2012)            \
	X(CAPABILITY_RESPONSE, 0x2013)     \
	X(CAPS_LIST_RESPONSE, 0x2014)      \
	X(CAP_REVOKED, 0x3010)

/* CAP_REVOKED reasons. */
#define ZOS_REVOKE_REASON_LIST(X)          \
	X(EXPLICIT, 1)                     \
	X(EXPIRED, 2)                      \
	X(PROCESS_EXIT, 3)

/* ZeroApp wire protocol (envelope: version u8 = 1, type u16, payload). */
#define ZOS_MSG_APP_LIST(X)                \
	X(APP_STATE, 0x2000)               \
	X(APP_INPUT, 0x2001)               \
	X(UI_READY, 0x2002)                \
	X(APP_FOCUS, 0x2003)               \
	X(APP_ERROR, 0x2004)
#define ZOS_APP_WIRE_VERSION 1

/* Terminal input, and the asynchronous HAL results. */
#define ZOS_MSG_DEVICE_LIST(X)             \
	X(CONSOLE_INPUT, 0x0002)           \
	X(STORAGE_RESULT, 0x80)            \
	X(KEYSTORE_RESULT, 0x81)           \
	X(NET_RESULT, 0x9002)

/* Result kinds carried by STORAGE_RESULT and KEYSTORE_RESULT. */
#define ZOS_STORAGE_RESULT_LIST(X)         \
	X(READ_OK, 0)                      \
	X(WRITE_OK, 1)                     \
	X(NOT_FOUND, 2)                    \
	X(ERROR, 3)                        \
	X(LIST_OK, 4)                      \
	X(EXISTS_OK, 5)

/* IdentityService (JSON bodies): request, response pairs. UPDATE_USER
 * (status, preferences), LOGIN_SIGN (the service signs its own
 * challenge with a machine key it keeps) and LOGIN_SIGNATURE_PART (a
 * pq_hybrid signature handed in parts before LOGIN_VERIFY) are ours. */
#define ZOS_MSG_IDENTITY_LIST(X)           \
	X(CREATE_USER, 0x7000)             \
	X(CREATE_USER_RESPONSE, 0x7001)    \
	X(GET_USER, 0x7002)                \
	X(GET_USER_RESPONSE, 0x7003)       \
	X(LIST_USERS, 0x7004)              \
	X(LIST_USERS_RESPONSE, 0x7005)     \
	X(DELETE_USER, 0x7006)             \
	X(DELETE_USER_RESPONSE, 0x7007)    \
	X(UPDATE_USER, 0x7008)             \
	X(UPDATE_USER_RESPONSE, 0x7009)    \
	X(LOGIN_CHALLENGE, 0x7010)         \
	X(LOGIN_CHALLENGE_RESPONSE, 0x7011) \
	X(LOGIN_VERIFY, 0x7012)            \
	X(LOGIN_VERIFY_RESPONSE, 0x7013)   \
	X(LOGOUT, 0x7014)                  \
	X(LOGOUT_RESPONSE, 0x7015)         \
	X(LOGIN_SIGN, 0x7016)              \
	X(LOGIN_SIGN_RESPONSE, 0x7017)     \
	X(LOGIN_SIGNATURE_PART, 0x7018)    \
	X(LOGIN_SIGNATURE_PART_RESPONSE, 0x7019) \
	X(WHOAMI, 0x7030)                  \
	X(WHOAMI_RESPONSE, 0x7031)         \
	X(NEURAL_KEY_GENERATE, 0x7054)     \
	X(NEURAL_KEY_GENERATE_RESPONSE, 0x7055) \
	X(NEURAL_KEY_RECOVER, 0x7056)      \
	X(NEURAL_KEY_RECOVER_RESPONSE, 0x7057) \
	X(MACHINE_KEY_CREATE, 0x7060)      \
	X(MACHINE_KEY_CREATE_RESPONSE, 0x7061) \
	X(MACHINE_KEY_LIST, 0x7062)        \
	X(MACHINE_KEY_LIST_RESPONSE, 0x7063) \
	X(MACHINE_KEY_ROTATE, 0x7064)      \
	X(MACHINE_KEY_ROTATE_RESPONSE, 0x7065) \
	X(MACHINE_KEY_REVOKE, 0x7066)      \
	X(MACHINE_KEY_REVOKE_RESPONSE, 0x7067)

/* VfsService (JSON bodies). CHECK (the consistency check) and the
 * control requests GRANT, REVOKE, REGISTER are ours; a control request
 * counts only when it carries a cap to VFS's control endpoint
 * (docs/services/vfs.md). */
#define ZOS_MSG_VFS_LIST(X)                \
	X(MKDIR, 0x8000)                   \
	X(MKDIR_RESPONSE, 0x8001)          \
	X(RMDIR, 0x8002)                   \
	X(RMDIR_RESPONSE, 0x8003)          \
	X(READDIR, 0x8004)                 \
	X(READDIR_RESPONSE, 0x8005)        \
	X(WRITE, 0x8010)                   \
	X(WRITE_RESPONSE, 0x8011)          \
	X(READ, 0x8012)                    \
	X(READ_RESPONSE, 0x8013)           \
	X(UNLINK, 0x8014)                  \
	X(UNLINK_RESPONSE, 0x8015)         \
	X(STAT, 0x8020)                    \
	X(STAT_RESPONSE, 0x8021)           \
	X(EXISTS, 0x8022)                  \
	X(EXISTS_RESPONSE, 0x8023)         \
	X(CHECK, 0x8024)                   \
	X(CHECK_RESPONSE, 0x8025)          \
	X(GRANT, 0x8030)                   \
	X(GRANT_RESPONSE, 0x8031)          \
	X(REVOKE, 0x8032)                  \
	X(REVOKE_RESPONSE, 0x8033)         \
	X(REGISTER, 0x8034)                \
	X(REGISTER_RESPONSE, 0x8035)

/* TimeService. */
#define ZOS_MSG_TIME_LIST(X)                    \
	X(GET_TIME_SETTINGS, 0x8100)            \
	X(GET_TIME_SETTINGS_RESPONSE, 0x8101)   \
	X(SET_TIME_SETTINGS, 0x8102)            \
	X(SET_TIME_SETTINGS_RESPONSE, 0x8103)

/* NetworkService. */
#define ZOS_MSG_NETWORK_LIST(X)            \
	X(NET_REQUEST, 0x9000)             \
	X(NET_RESPONSE, 0x9001)            \
	X(NET_RESULT, 0x9002)

/* KeystoreService (JSON bodies). */
#define ZOS_MSG_KEYSTORE_LIST(X)           \
	X(READ, 0xA000)                    \
	X(READ_RESPONSE, 0xA001)           \
	X(WRITE, 0xA002)                   \
	X(WRITE_RESPONSE, 0xA003)          \
	X(DELETE, 0xA004)                  \
	X(DELETE_RESPONSE, 0xA005)         \
	X(EXISTS, 0xA006)                  \
	X(EXISTS_RESPONSE, 0xA007)         \
	X(LIST, 0xA008)                    \
	X(LIST_RESPONSE, 0xA009)

#define ZOS_X_MSG_ENUM(prefix, name, value) prefix##name = (value),
#define ZOS_X_MSG_INIT(n, v) ZOS_X_MSG_ENUM(ZOS_MSG_INIT_, n, v)
#define ZOS_X_MSG_SUP(n, v) ZOS_X_MSG_ENUM(ZOS_MSG_SUP_, n, v)
#define ZOS_X_MSG_PERM(n, v) ZOS_X_MSG_ENUM(ZOS_MSG_PERM_, n, v)
#define ZOS_X_REVOKE(n, v) ZOS_X_MSG_ENUM(ZOS_REVOKE_, n, v)
#define ZOS_X_MSG_APP(n, v) ZOS_X_MSG_ENUM(ZOS_MSG_, n, v)
#define ZOS_X_MSG_DEV(n, v) ZOS_X_MSG_ENUM(ZOS_MSG_DEV_, n, v)
#define ZOS_X_STORE_RES(n, v) ZOS_X_MSG_ENUM(ZOS_STORAGE_RES_, n, v)
#define ZOS_X_MSG_ID(n, v) ZOS_X_MSG_ENUM(ZOS_MSG_ID_, n, v)
#define ZOS_X_MSG_VFS(n, v) ZOS_X_MSG_ENUM(ZOS_MSG_VFS_, n, v)
#define ZOS_X_MSG_TIME(n, v) ZOS_X_MSG_ENUM(ZOS_MSG_TIME_, n, v)
#define ZOS_X_MSG_NET(n, v) ZOS_X_MSG_ENUM(ZOS_MSG_NET_, n, v)
#define ZOS_X_MSG_KS(n, v) ZOS_X_MSG_ENUM(ZOS_MSG_KS_, n, v)
#define ZOS_X_MSG_COMMON(n, v) ZOS_X_MSG_ENUM(ZOS_MSG_, n, v)

enum zos_msg_init { ZOS_MSG_INIT_LIST(ZOS_X_MSG_INIT) };
enum zos_msg_supervisor { ZOS_MSG_SUPERVISOR_LIST(ZOS_X_MSG_SUP) };
enum zos_msg_permission { ZOS_MSG_PERMISSION_LIST(ZOS_X_MSG_PERM) };
enum zos_revoke_reason { ZOS_REVOKE_REASON_LIST(ZOS_X_REVOKE) };
enum zos_msg_app { ZOS_MSG_APP_LIST(ZOS_X_MSG_APP) };
enum zos_msg_device { ZOS_MSG_DEVICE_LIST(ZOS_X_MSG_DEV) };
enum zos_storage_result { ZOS_STORAGE_RESULT_LIST(ZOS_X_STORE_RES) };
enum zos_msg_identity { ZOS_MSG_IDENTITY_LIST(ZOS_X_MSG_ID) };
enum zos_msg_vfs { ZOS_MSG_VFS_LIST(ZOS_X_MSG_VFS) };
enum zos_msg_time { ZOS_MSG_TIME_LIST(ZOS_X_MSG_TIME) };
enum zos_msg_network { ZOS_MSG_NETWORK_LIST(ZOS_X_MSG_NET) };
enum zos_msg_keystore { ZOS_MSG_KEYSTORE_LIST(ZOS_X_MSG_KS) };
enum zos_msg_common { ZOS_MSG_COMMON_LIST(ZOS_X_MSG_COMMON) };

#endif
