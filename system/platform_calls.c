/*
 * Platform-class syscalls: those the HAL carries out (time, entropy, the
 * console, binaries, storage, keystore, network). Each that touches a device
 * first has its capability checked by the kernel: which object type, which
 * device and which right each needs is the table below, nowhere else.
 */
#include "system/internal.h"

#include <zos/cap.h>
#include <zos/error.h>

#define ZOS_RANDOM_MAX 4096 /* bytes one RANDOM call may ask for */

struct device_need {
	uint32_t num;
	uint8_t type;
	uint8_t device;
	uint8_t rights;
};

static const struct device_need needs[] = {
	{ ZOS_SYS_CONSOLE_WRITE, ZOS_OBJ_CONSOLE, ZOS_DEV_CONSOLE, ZOS_RIGHT_WRITE },
	{ ZOS_SYS_LOAD_BINARY, ZOS_OBJ_SPAWN, ZOS_DEV_SPAWN, ZOS_RIGHT_READ },
	{ ZOS_SYS_STORAGE_READ, ZOS_OBJ_DEVICE, ZOS_DEV_STORAGE, ZOS_RIGHT_READ },
	{ ZOS_SYS_STORAGE_WRITE, ZOS_OBJ_DEVICE, ZOS_DEV_STORAGE, ZOS_RIGHT_WRITE },
	{ ZOS_SYS_STORAGE_DELETE, ZOS_OBJ_DEVICE, ZOS_DEV_STORAGE, ZOS_RIGHT_WRITE },
	{ ZOS_SYS_STORAGE_LIST, ZOS_OBJ_DEVICE, ZOS_DEV_STORAGE, ZOS_RIGHT_READ },
	{ ZOS_SYS_STORAGE_EXISTS, ZOS_OBJ_DEVICE, ZOS_DEV_STORAGE, ZOS_RIGHT_READ },
	{ ZOS_SYS_STORAGE_BATCH_WRITE, ZOS_OBJ_DEVICE, ZOS_DEV_STORAGE, ZOS_RIGHT_WRITE },
	{ ZOS_SYS_KEYSTORE_READ, ZOS_OBJ_DEVICE, ZOS_DEV_KEYSTORE, ZOS_RIGHT_READ },
	{ ZOS_SYS_KEYSTORE_WRITE, ZOS_OBJ_DEVICE, ZOS_DEV_KEYSTORE, ZOS_RIGHT_WRITE },
	{ ZOS_SYS_KEYSTORE_DELETE, ZOS_OBJ_DEVICE, ZOS_DEV_KEYSTORE, ZOS_RIGHT_WRITE },
	{ ZOS_SYS_KEYSTORE_LIST, ZOS_OBJ_DEVICE, ZOS_DEV_KEYSTORE, ZOS_RIGHT_READ },
	{ ZOS_SYS_KEYSTORE_EXISTS, ZOS_OBJ_DEVICE, ZOS_DEV_KEYSTORE, ZOS_RIGHT_READ },
	{ ZOS_SYS_NETWORK_FETCH, ZOS_OBJ_DEVICE, ZOS_DEV_NETWORK, ZOS_RIGHT_WRITE },
	{ ZOS_SYS_AUDIT_COMMITS, ZOS_OBJ_DEVICE, ZOS_DEV_AUDIT, ZOS_RIGHT_READ },
	{ ZOS_SYS_AUDIT_SYSLOG, ZOS_OBJ_DEVICE, ZOS_DEV_AUDIT, ZOS_RIGHT_READ },
	{ ZOS_SYS_AUDIT_VERIFY, ZOS_OBJ_DEVICE, ZOS_DEV_AUDIT, ZOS_RIGHT_READ },
	{ ZOS_SYS_AUDIT_CAPS, ZOS_OBJ_DEVICE, ZOS_DEV_AUDIT, ZOS_RIGHT_READ },
};

int is_kernel_call(uint32_t num)
{
	switch (num) {
#define ZOS_X_IS_K(name, n, cls) case n: return ZOS_SYSCALL_CLASS_##cls;
		ZOS_SYSCALL_LIST(ZOS_X_IS_K)
#undef ZOS_X_IS_K
	default: return 1; /* unknown numbers: the kernel answers UNKNOWN_SYSCALL */
	}
}

static const struct device_need *need_of(uint32_t num)
{
	for (uint32_t i = 0; i < sizeof needs / sizeof needs[0]; i++)
		if (needs[i].num == num)
			return &needs[i];
	return 0;
}

static int64_t load_binary(struct zos_system *sys, zos_syscall_t *sc)
{
	int64_t n;

	if (!sys->hal->load_binary)
		return ZOS_ERR_NOT_SUPPORTED;
	if (!sc->in || sc->in_len == 0 || sc->in_len > ZOS_NAME_MAX)
		return ZOS_ERR_INVALID_ARGUMENT;
	n = sys->hal->load_binary(sys->hal->ctx, (const char *)sc->in, sc->in_len, sc->out,
				  sc->out ? sc->out_cap : 0);
	if (n >= 0)
		sc->out_len = (uint32_t)n;
	return n;
}

static int64_t random_bytes(struct zos_system *sys, zos_syscall_t *sc)
{
	uint64_t len = sc->arg[0];

	if (!sys->hal->random)
		return ZOS_ERR_NOT_SUPPORTED;
	if (len > ZOS_RANDOM_MAX)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (!sc->out || sc->out_cap < len) {
		sc->out_len = (uint32_t)len;
		return ZOS_ERR_BUFFER_TOO_SMALL;
	}
	if (sys->hal->random(sys->hal->ctx, sc->out, (uint32_t)len) != ZOS_OK)
		return ZOS_ERR_IO;
	sc->out_len = (uint32_t)len;
	return (int64_t)len;
}

/* A storage, keystore or network request: pid 0 takes a reply cap to the
 * requester's endpoint (arg1), whose cap id is the request id, then the
 * HAL queues the work. If the HAL refuses, the reply cap is given back. */
static int64_t device_request(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc)
{
	const struct zos_hal *h = sys->hal;
	struct kstep st;
	uint32_t slot;
	uint64_t request;
	int err;

	if (!h->device_request)
		return ZOS_ERR_NOT_SUPPORTED;
	kernel_decide_reply_cap(&sys->k, pid, sc->arg[1], sys_now(sys), &st);
	if (st.result < 0)
		return st.result;
	err = axiom_commit_step(&sys->ax, &sys->k, &st, sys->current_request);
	if (err)
		return err;
	slot = (uint32_t)st.result;
	request = kernel_slot_cap_id(&sys->k, ZOS_PID_KERNEL, slot);
	err = h->device_request(h->ctx, pid, request, sc);
	if (err) {
		drop_kernel_cap(sys, slot);
		return err;
	}
	return (int64_t)request;
}

static int64_t run(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc)
{
	const struct zos_hal *h = sys->hal;

	switch (sc->num) {
	case ZOS_SYS_DEBUG:
		if (h->debug && sc->in)
			h->debug(h->ctx, pid, sc->in, sc->in_len);
		return ZOS_OK;
	case ZOS_SYS_YIELD: return ZOS_OK;
	case ZOS_SYS_TIME: return (int64_t)(sys_now(sys) & 0x7FFFFFFFFFFFFFFFull);
	case ZOS_SYS_WALLCLOCK:
		return h->wallclock_ms ? (int64_t)(h->wallclock_ms(h->ctx) & 0x7FFFFFFFFFFFFFFFull)
				       : ZOS_ERR_NOT_SUPPORTED;
	case ZOS_SYS_RANDOM: return random_bytes(sys, sc);
	case ZOS_SYS_CONSOLE_WRITE:
		if (!h->console_write)
			return ZOS_ERR_NOT_SUPPORTED;
		if (sc->in_len && !sc->in)
			return ZOS_ERR_INVALID_ARGUMENT;
		return sc->in_len ? h->console_write(h->ctx, sc->in, sc->in_len) : 0;
	case ZOS_SYS_LOAD_BINARY: return load_binary(sys, sc);
	case ZOS_SYS_AUDIT_COMMITS:
	case ZOS_SYS_AUDIT_SYSLOG:
	case ZOS_SYS_AUDIT_VERIFY:
	case ZOS_SYS_AUDIT_CAPS: return audit_call(sys, sc);
	default:
		return device_request(sys, pid, sc);
	}
}

int64_t platform_call(struct zos_system *sys, uint32_t pid, zos_syscall_t *sc)
{
	const struct device_need *need = need_of(sc->num);
	const struct proc *p = kernel_proc(&sys->k.s, pid);

	sc->out_len = 0;
	if (!p || p->state != ZOS_PROC_ALIVE || pid == ZOS_PID_KERNEL)
		return ZOS_ERR_PROCESS_NOT_FOUND;
	if (need) {
		int err = sc->arg[0] >= ZOS_MAX_SLOTS
				  ? ZOS_ERR_INVALID_SLOT
				  : kernel_check_device(&sys->k, pid, (uint32_t)sc->arg[0], need->type,
							need->device, need->rights, sys_now(sys));
		if (err)
			return err;
	}
	return run(sys, pid, sc);
}
