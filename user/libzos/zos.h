/*
 * libzos: what every Zero OS process links. Typed wrappers for each
 * syscall, IPC helpers (send, receive, call and reply), console output, and
 * the service conventions Init establishes.
 *
 * A program defines `int zos_main(void)`; the platform's start-up code runs
 * it and turns its return value into EXIT. Every wrapper returns the
 * syscall's result: >= 0 success, < 0 a ZOS_ERR_* code (zos_strerror says
 * what it means).
 *
 * The CSpace a process starts with, when Init starts it:
 *   ZOS_SLOT_SELF    its own endpoint (full rights): requests arrive here
 *   ZOS_SLOT_INIT    WRITE on Init's inbox: registry, lookups, notices
 *   ZOS_SLOT_DEVICE  the first device Init granted it, if any (the console
 *                    for a terminal, storage for VFS, keystore for the
 *                    keystore service, network for the network service)
 *   then             what else Init gives it: READ on the audit device for
 *                    the console's terminal (slot 3), WRITE on the keystore
 *                    for IdentityService, which has no device of its own
 *                    (slot 2: ZOS_SLOT_KEYSTORE)
 * and the runtime adds a private reply endpoint (zos_reply_slot) for CALLs.
 */
#ifndef ZOS_LIBZOS_H
#define ZOS_LIBZOS_H

#include <stddef.h>
#include <stdint.h>
#include <zos/abi.h>
#include <zos/cap.h>
#include <zos/error.h>
#include <zos/msg.h>
#include <zos/pid.h>
#include <zos/syscall.h>

#define ZOS_SLOT_SELF 0u
#define ZOS_SLOT_INIT 1u
#define ZOS_SLOT_DEVICE 2u
#define ZOS_SLOT_KEYSTORE 2u

/* The program's entry point. */
int zos_main(void);

/* The platform stub: one syscall, buffers included. */
int64_t zos_syscall(zos_syscall_t *sc);
/* The same from plain values, for syscalls without a typed wrapper. */
int64_t zos_sys(uint32_t num, uint64_t a0, uint64_t a1, uint64_t a2, const void *in,
		uint32_t in_len, void *out, uint32_t out_cap);

/* The reply endpoint the runtime created at start-up (or -1). */
extern int32_t zos_reply_slot;
/* Where zos_print writes: a console cap slot, or -1 for DEBUG output. */
extern int32_t zos_console_slot;

/* One received message. */
struct zos_msg {
	struct zos_msg_header h;
	uint8_t body[ZOS_MSG_MAX];
};

/* Misc. */
void zos_debug(const char *msg);
void zos_yield(void);
__attribute__((noreturn)) void zos_exit(int32_t code);
uint64_t zos_time_ns(void);
int64_t zos_wallclock_ms(void);
int64_t zos_random(void *out, uint32_t len);
int64_t zos_console_write(uint32_t slot, const void *buf, uint32_t len);

/* Processes. */
int64_t zos_kill(uint32_t process_slot);
int64_t zos_register_process(uint32_t spawn_slot, const char *name);
int64_t zos_load_binary(uint32_t spawn_slot, const char *name, void *out, uint32_t cap);
int64_t zos_spawn(uint32_t spawn_slot, uint32_t flags, uint32_t process_slot, const char *name,
		  const void *binary, uint32_t len);
int64_t zos_ps(struct zos_ps_entry *out, uint32_t max);

/* Endpoints and messages. */
int64_t zos_create_endpoint(void);
int64_t zos_create_endpoint_for(uint32_t process_slot);
int64_t zos_delete_endpoint(uint32_t slot);
int64_t zos_send(uint32_t slot, uint32_t tag, const void *body, uint32_t len);
/* Sends copies of the caps in `caps`, each with rights[i] (0, or rights
 * == 0: the same rights as ours). */
int64_t zos_send_caps(uint32_t slot, uint32_t tag, const uint32_t *caps, const uint8_t *rights,
		      uint32_t ncaps, const void *body, uint32_t len);
/* Receives into m; block: wait until a message arrives. Result: body size. */
int64_t zos_recv(uint32_t slot, struct zos_msg *m, int block);
/* Sends and waits for the reply (on zos_reply_slot unless reply_slot is
 * given). Result: the reply's body size, the reply in `reply`. */
int64_t zos_call(uint32_t slot, uint32_t tag, const void *body, uint32_t len,
		 struct zos_msg *reply);
int64_t zos_reply(uint32_t reply_cap_slot, uint32_t tag, const void *body, uint32_t len);

/* Capabilities. */
int64_t zos_cap_grant(uint32_t slot, uint32_t process_slot, uint8_t rights);
int64_t zos_cap_revoke(uint32_t slot);
int64_t zos_cap_delete(uint32_t slot);
int64_t zos_cap_inspect(uint32_t slot, struct zos_cap_info *out);
int64_t zos_cap_derive(uint32_t slot, uint8_t rights, uint64_t expires_at);
int64_t zos_cap_list(struct zos_cap_info *out, uint32_t max);

/* Device requests: result (a request id) now, the data later as a message
 * on reply_slot. */
int64_t zos_device(uint32_t num, uint32_t device_slot, uint32_t reply_slot, const void *in,
		   uint32_t len);

/* A storage or keystore request (num: ZOS_SYS_STORAGE_* / KEYSTORE_*),
 * waited for: returns the result kind (ZOS_STORAGE_RES_*) with the whole
 * result message in `result` (struct zos_device_result, then the data), or
 * an error (INVALID_ARGUMENT for anything over the device limits of
 * <zos/param.h>). value is only for WRITE. */
int64_t zos_kv(uint32_t num, uint32_t device_slot, const void *key, uint32_t key_len,
	       const void *value, uint32_t value_len, struct zos_msg *result);

/* Counts this service's starts on its device (ZOS_SLOT_DEVICE) under key:
 * the new count, or an error. */
int64_t zos_boot_counter(uint32_t read_num, uint32_t write_num, const char *key);

/* Console output (to zos_console_slot). Returns bytes written or an error. */
int64_t zos_print(const char *s);
int64_t zos_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *zos_strerror(int64_t err);

/* Services: tell Init our name (what LOOKUP finds), that we are ready, or
 * find another service: on success *slot holds a WRITE cap to its endpoint. */
int64_t zos_service_register(const char *name);
int64_t zos_service_ready(void);
int64_t zos_service_lookup(const char *name, uint32_t *slot);
/* A CALL to service name through *slot (-1: look it up first); when the
 * endpoint is gone (the service restarted) it is looked up again, once.
 * Returns as zos_call. */
int64_t zos_service_call(const char *name, int32_t *slot, uint32_t tag, const void *body,
			 uint32_t len, struct zos_msg *reply);

/* A service's request handler: returns 1 when it answered the message,
 * 0 to have it refused as NOT_SUPPORTED. */
typedef int (*zos_handler)(struct zos_msg *m);
/* Registers as `name`, says ready, and serves ZOS_SLOT_SELF for good.
 * PING is answered with `status` (the name when status is 0). */
int zos_serve(const char *name, const char *status, zos_handler handle);
/* Answers a request that came by CALL (through its reply cap). */
void zos_answer(const struct zos_msg *m, uint32_t tag, const void *body, uint32_t len);

/* Start-up for the platform stub: sets up the reply endpoint. */
void zos_runtime_init(void);

#endif
