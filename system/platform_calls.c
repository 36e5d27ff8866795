/*
 * Platform syscalls (class P: time, entropy, the console, binaries, audit)
 * and device requests (class D: storage, keystore, network). Both tables
 * below are generated from ZOS_SYSCALL_LIST: which capability a call
 * needs, and which handler carries a P call out (platform_<stem>), are
 * written there and nowhere else.
 *
 * The output-commit rule applies here, the one place calls leave the
 * system: a console write, and a device request that needs WRITE (it
 * changes a store, or sends a request out), run only once the log is
 * durable up to them (durable_before_output).
 */
#include "system/internal.h"

#include <zos/cap.h>
#include <zos/error.h>

#define ZOS_RANDOM_MAX 4096 /* bytes one RANDOM call may ask for */

typedef int64_t (*platform_fn)(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc);

struct platform_row {
	platform_fn run;     /* 0: a device request */
	uint8_t cls;         /* ZOS_SYSCALL_CLASS_P or _D; 0: not ours */
	uint8_t device;      /* the cap needed in arg0 (ZOS_DEV_NONE: none) */
	uint8_t rights;
};

static int64_t platform_debug(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc)
{
	const struct zos_hal *h = sys->hal;

	if (h->debug && sc->in)
		h->debug(h->ctx, pid, sc->in, sc->in_len);
	return ZOS_OK;
}

static int64_t platform_yield(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc)
{
	(void)sys, (void)pid, (void)sc;
	return ZOS_OK;
}

static int64_t platform_time(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc)
{
	(void)pid, (void)sc;
	return (int64_t)(sys_now(sys) & 0x7FFFFFFFFFFFFFFFull);
}

static int64_t platform_wallclock(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc)
{
	const struct zos_hal *h = sys->hal;

	(void)pid, (void)sc;
	if (!h->wallclock_ms)
		return ZOS_ERR_NOT_SUPPORTED;
	return (int64_t)(h->wallclock_ms(h->ctx) & 0x7FFFFFFFFFFFFFFFull);
}

static int64_t platform_random(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc)
{
	const struct zos_hal *h = sys->hal;
	uint64_t len = sc->arg[0];

	(void)pid;
	if (!h->random)
		return ZOS_ERR_NOT_SUPPORTED;
	if (len > ZOS_RANDOM_MAX)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!sc->out || sc->out_cap < len) {
		sc->out_len = (uint32_t)len;
		return ZOS_ERR_BUFFER_TOO_SMALL;
	}
	if (h->random(h->ctx, sc->out, (uint32_t)len) != ZOS_OK)
		return ZOS_ERR_IO;
	sc->out_len = (uint32_t)len;
	return (int64_t)len;
}

static int64_t platform_console_write(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc)
{
	const struct zos_hal *h = sys->hal;

	(void)pid;
	if (!h->console_write)
		return ZOS_ERR_NOT_SUPPORTED;
	if (sc->in_len && !sc->in)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (sc->in_len == 0)
		return 0;
	if (durable_before_output(sys) != ZOS_OK)
		return ZOS_ERR_LOG_FAILED;
	return h->console_write(h->ctx, sc->in, sc->in_len);
}

static int64_t platform_load_binary(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc)
{
	const struct zos_hal *h = sys->hal;
	int64_t n;

	(void)pid;
	if (!h->load_binary)
		return ZOS_ERR_NOT_SUPPORTED;
	if (!sc->in || sc->in_len == 0 || sc->in_len > ZOS_NAME_MAX)
		return ZOS_ERR_INVALID_ARGUMENT;
	n = h->load_binary(h->ctx, (const char *)sc->in, sc->in_len, sc->out,
			   sc->out ? sc->out_cap : 0);
	if (n >= 0)
		sc->out_len = (uint32_t)n;
	return n;
}

#define ZOS_X_PLATFORM_ROW(name, stem, num, cls, dev, right) ZOS_X_PLATFORM_ROW_##cls(stem, num, dev, right)
#define ZOS_X_PLATFORM_ROW_P(stem, num, dev, right) \
	[num] = { platform_##stem, ZOS_SYSCALL_CLASS_P, ZOS_DEV_##dev, ZOS_RIGHT_##right },
#define ZOS_X_PLATFORM_ROW_D(stem, num, dev, right) \
	[num] = { 0, ZOS_SYSCALL_CLASS_D, ZOS_DEV_##dev, ZOS_RIGHT_##right },
#define ZOS_X_PLATFORM_ROW_K(stem, num, dev, right)
#define ZOS_X_PLATFORM_ROW_S(stem, num, dev, right)
static const struct platform_row rows[ZOS_SYSCALL_TABLE_SIZE] = {
	ZOS_SYSCALL_LIST(ZOS_X_PLATFORM_ROW)
};
#undef ZOS_X_PLATFORM_ROW

/* A storage, keystore or network request: pid 0 takes a reply cap to the
 * requester's endpoint (arg1), whose cap id is the request id, then the
 * HAL queues the work. If the HAL refuses, the reply cap is given back. */
static int64_t device_request(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc,
			      const struct platform_row *row)
{
	const struct zos_hal *h = sys->hal;
	zos_syscall_t rc = { .num = ZOS_SYS_KERNEL_REPLY_CAP, .arg = { pid, sc->arg[1] } };
	struct kstep st;
	uint64_t request;
	uint32_t slot;
	int64_t r;
	int err;

	if (!h->device_request)
		return ZOS_ERR_NOT_SUPPORTED;
	r = door_step(sys, ZOS_PID_KERNEL, &rc, sys->current_request, &st);
	if (r < 0)
		return r;
	slot = (uint32_t)r;
	request = kernel_slot_cap_id(&sys->k, ZOS_PID_KERNEL, slot);
	err = row->rights & ZOS_RIGHT_WRITE ? durable_before_output(sys) : ZOS_OK;
	if (!err)
		err = h->device_request(h->ctx, pid, request, sc);
	if (err) {
		door_drop_kernel_cap(sys, slot);
		return err;
	}
	return (int64_t)request;
}

int64_t platform_call(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc)
{
	const struct platform_row *row = sc->num < ZOS_SYSCALL_TABLE_SIZE ? &rows[sc->num] : 0;

	sc->out_len = 0;
	if (!row || !row->cls)
		return ZOS_ERR_UNKNOWN_SYSCALL;
	if (row->device != ZOS_DEV_NONE) {
		int err = kernel_check_device(&sys->k, pid, sc->arg[0], row->device, row->rights,
					      sys_now(sys));
		if (err)
			return err;
	}
	return row->run ? row->run(sys, pid, sc) : device_request(sys, pid, sc, row);
}
