/*
 * Limits of the kernel, Axiom and the devices, in one place, the same on
 * every platform. Every table in the kernel is sized from these; reaching
 * one returns ZOS_ERR_RESOURCE_EXHAUSTED (or the more precise QUEUE_FULL /
 * MESSAGE_TOO_LARGE / TOO_MANY_CAPS), never a crash.
 *
 * Values that shape the commit encoding (ZOS_NAME_MAX, ZOS_FAULT_DESC_MAX,
 * ZOS_MSG_MAX_CAPS) are part of the on-disk format: changing them changes
 * ZOS_ABI_VERSION. Limits that are facts of a wire format stay with the
 * format, in include/zos/abi.h: the data one device result carries
 * (ZOS_KV_RESULT_DATA_MAX) and the network request's bounds (ZOS_NET_*,
 * each checked before a request leaves the system and asserted to fit one
 * message).
 */
#ifndef ZOS_PARAM_H
#define ZOS_PARAM_H

#define ZOS_ABI_VERSION 1u

#define ZOS_MAX_PROCS 64        /* process table entries, live or zombie */
#define ZOS_MAX_SLOTS 64        /* capability slots per process */
#define ZOS_MAX_ENDPOINTS 128   /* endpoints system-wide */
#define ZOS_QUEUE_DEPTH 32      /* messages queued on one endpoint */
#define ZOS_MAX_MESSAGES 256    /* messages queued system-wide */
/* What one process may take of those tables, and what is kept for the
 * System (pid 0) and Init (pid 1), which alone may use the whole of each:
 * so a process holding all it may, even several, leaves room for Init to
 * spawn, for the console's `ps` and `kill`, and for every service's
 * answers (kernel/quota.c). */
#define ZOS_PROC_ENDPOINTS_MAX 16   /* endpoints one process owns */
#define ZOS_ENDPOINTS_RESERVED 16   /* endpoint entries only pid 0 and Init take */
#define ZOS_PROC_MESSAGES_MAX 48    /* messages one process has queued, not yet received */
#define ZOS_MESSAGES_RESERVED 32    /* message entries only pid 0 and Init take */
#define ZOS_MSG_MAX 4096        /* bytes in one message body */
#define ZOS_MSG_MAX_CAPS 4      /* capabilities carried by one message */
#define ZOS_NAME_MAX 32         /* bytes in a process name */
#define ZOS_FAULT_DESC_MAX 96   /* bytes in a ProcessFaulted description */
#define ZOS_DERIVE_DEPTH 8      /* ancestors a capability remembers */

#define ZOS_STEP_MAX_COMMITS 12 /* commits one syscall may produce */
#define ZOS_SYSLOG_DEFAULT 10000 /* SysLog events kept before trimming */

/* Bytes of one syscall's input, and of its output: the hosted and browser
 * mailboxes (ZOS_MAILBOX_DATA) and the x86_64 kernel's bounce buffers
 * (SYSCALL_BOUNCE) are this big. */
#define ZOS_SYSCALL_DATA_MAX (1u << 20)

/*
 * The storage and keystore devices. Every platform's store (hosted SQLite,
 * the x86_64 block store) takes exactly the requests these allow: one
 * check at the door (lib/kv_request.c, kv_call_decode) refuses anything
 * over a limit with INVALID_ARGUMENT from the syscall, before a device
 * sees it, and both stores parse a batch with the same code
 * (lib/kv_batch.c).
 *
 * ZOS_KV_VALUE_MAX: a value comes back in one result message
 *   (struct zos_device_result, 8 bytes, then the value, within
 *   ZOS_MSG_MAX): 4,088 bytes is the most a READ can return, so it is the
 *   most a WRITE may store (a larger value could be written but never read
 *   back). What the services store is well below it: VFS keeps file data
 *   in 2 KiB chunks (VFS_CHUNK), directory listings in 1 KiB, inodes in
 *   under 128 bytes; the Keystore's values arrive in one message.
 * ZOS_KV_BATCH_MAX: one STORAGE_BATCH_WRITE, VFS's unit of all-or-nothing
 *   change (VFS_BATCH_MAX is this). VFS's largest is the unlink or
 *   rewrite of a file of ZOS_VFS_FILE_MAX (16 MiB): 8,192 chunk deletions
 *   of 39 bytes, about 320 KiB; 1 MiB leaves room. It is the syscall's
 *   input (at most ZOS_SYSCALL_DATA_MAX), and the x86_64 block store
 *   writes it as one record (BS_KV_RECORD_MAX, 1 MiB + 512 bytes: that
 *   much kernel memory per store, and a small part of a half of either
 *   disk: 64 MiB of the 256 MiB system disk, 16 MiB of the 32 MiB keystore
 *   disk).
 * ZOS_KV_KEY_MAX: a key or a LIST prefix (VFS's longest key is 8 bytes
 *   and a path of ZOS_VFS_PATH_MAX, 512).
 * A LIST answers, in key order, the matching keys that fit one result
 *   (ZOS_KV_RESULT_DATA_MAX) and says whether it was cut short.
 * How many requests may wait for their results is each platform's own
 * (the hosted store queues ZOS_KV_MAX_PENDING per device in its worker;
 * x86_64 answers at once and holds a few results until they are
 * delivered); past it, RESOURCE_EXHAUSTED, and the caller tries again.
 */
#define ZOS_KV_KEY_MAX 1024                 /* bytes of a key */
#define ZOS_KV_VALUE_MAX (ZOS_MSG_MAX - 8)  /* bytes of a value: 4,088 */
#define ZOS_KV_BATCH_MAX (1u << 20)         /* bytes of one batch write */

_Static_assert(ZOS_KV_BATCH_MAX <= ZOS_SYSCALL_DATA_MAX, "a batch is one syscall's input");
_Static_assert(4 + ZOS_KV_KEY_MAX + ZOS_KV_VALUE_MAX <= ZOS_SYSCALL_DATA_MAX,
	       "a write is one syscall's input");

#endif
