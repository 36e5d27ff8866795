/*
 * The HAL: what the System asks of the platform it runs on.
 *
 * One table of operations per platform (hosted Linux, x86_64, the browser,
 * and the fake platform of the tests). They are mechanism only: the System
 * decides when each runs. It calls them only after the kernel has checked
 * the caller's capability, so a HAL never decides authority, and only
 * after the log is durable where something leaves the system, so a HAL
 * never flushes the log on its own account. None of them calls back into
 * the System. An operation left null answers ZOS_ERR_NOT_SUPPORTED.
 */
#ifndef ZOS_HAL_H
#define ZOS_HAL_H

#include <stddef.h>
#include <stdint.h>
#include <zos/abi.h>
#include <zos/syscall.h>

/* Bytes a HAL hands over; cap is what to give back to free (0: nothing,
 * the bytes stay the HAL's). */
struct hal_buf {
	uint8_t *data;
	size_t len;
	size_t cap;
};

struct zos_hal {
	void *ctx;
	/* Monotonic nanoseconds since boot; wall clock ms since the Unix epoch. */
	uint64_t (*now_ns)(void *ctx);
	uint64_t (*wallclock_ms)(void *ctx);
	/* len bytes of entropy into out. */
	int (*random)(void *ctx, uint8_t *out, uint32_t len);
	/* Bytes written, or an error. */
	int64_t (*console_write)(void *ctx, const uint8_t *buf, uint32_t len);
	void (*debug)(void *ctx, uint32_t pid, const uint8_t *msg, uint32_t len);
	/* The named binary into out; its size, an error, or NOT_SUPPORTED where
	 * binaries arrive asynchronously (the browser). */
	int64_t (*load_binary)(void *ctx, const char *name, uint32_t name_len, uint8_t *out,
			       uint32_t cap);
	/* Start running process pid from binary (already in the kernel's table). */
	int (*spawn)(void *ctx, uint32_t pid, const char *name, uint32_t name_len,
		     const uint8_t *binary, uint32_t len);
	/* pid is gone (exited, killed, faulted): stop running it. */
	void (*process_ended)(void *ctx, uint32_t pid);
	/* pid, parked in a blocking receive, may now complete: call
	 * system_resume for it. */
	void (*wake)(void *ctx, uint32_t pid);
	/* Storage, keystore and network requests, capabilities already
	 * checked. `request` is the id the caller got back; the platform
	 * answers later with system_device_done(request, ...). ZOS_OK once
	 * queued, or an error (nothing is then pending). */
	int (*device_request)(void *ctx, uint32_t pid, uint64_t request, const zos_syscall_t *sc);
	/* The durable log as the next boot would read it: its framed bytes in
	 * out (the System gives them back with free(out->data, out->cap)). */
	int (*read_log)(void *ctx, struct hal_buf *out);
	/* The seed of the machine's log key (axiom/log_sign.h), made on the
	 * first call and kept where no process can reach it: ZOS_OK, or an
	 * error where the platform keeps none (the log is then unsigned). */
	int (*log_key)(void *ctx, uint8_t seed[32]);
	/* Memory for the System's passing needs (the scratch kernel a
	 * verification replays into): n zeroed bytes, or 0. */
	void *(*alloc)(void *ctx, size_t n);
	void (*free)(void *ctx, void *p, size_t n);
};

#endif
