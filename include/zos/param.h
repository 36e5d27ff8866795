/*
 * Limits of the kernel and Axiom, in one place. Every table in the kernel is
 * sized from these; reaching one returns ZOS_ERR_RESOURCE_EXHAUSTED (or the
 * more precise QUEUE_FULL / MESSAGE_TOO_LARGE / TOO_MANY_CAPS), never a crash.
 *
 * Values that shape the commit encoding (ZOS_NAME_MAX, ZOS_FAULT_DESC_MAX,
 * ZOS_MSG_MAX_CAPS) are part of the on-disk format: changing them changes
 * ZOS_ABI_VERSION.
 */
#ifndef ZOS_PARAM_H
#define ZOS_PARAM_H

#define ZOS_ABI_VERSION 1u

#define ZOS_MAX_PROCS 64        /* process table entries, live or zombie */
#define ZOS_MAX_SLOTS 64        /* capability slots per process */
#define ZOS_MAX_ENDPOINTS 128   /* endpoints system-wide */
#define ZOS_QUEUE_DEPTH 32      /* messages queued on one endpoint */
#define ZOS_MAX_MESSAGES 256    /* messages queued system-wide */
#define ZOS_MSG_MAX 4096        /* bytes in one message body */
#define ZOS_MSG_MAX_CAPS 4      /* capabilities carried by one message */
#define ZOS_NAME_MAX 32         /* bytes in a process name */
#define ZOS_FAULT_DESC_MAX 96   /* bytes in a ProcessFaulted description */
#define ZOS_DERIVE_DEPTH 8      /* ancestors a capability remembers */

#define ZOS_STEP_MAX_COMMITS 12 /* commits one syscall may produce */
#define ZOS_SYSLOG_DEFAULT 10000 /* SysLog events kept before trimming */

#endif
