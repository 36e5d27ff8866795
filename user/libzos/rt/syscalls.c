/*
 * Typed syscall wrappers (see zos.h): each builds one zos_syscall_t and
 * hands it to the platform stub. No wrapper interprets a result; errors go
 * back to the caller as they came.
 */
#include "zos.h"

#include "lib/mem.h"

int64_t zos_sys(uint32_t num, uint64_t a0, uint64_t a1, uint64_t a2, const void *in,
		uint32_t in_len, void *out, uint32_t out_cap)
{
	zos_syscall_t sc;

	zos_memset(&sc, 0, sizeof sc);
	sc.num = num;
	sc.arg[0] = a0;
	sc.arg[1] = a1;
	sc.arg[2] = a2;
	sc.in = in;
	sc.in_len = in_len;
	sc.out = out;
	sc.out_cap = out_cap;
	return zos_syscall(&sc);
}

static int64_t call0(uint32_t num, uint64_t a0, uint64_t a1, uint64_t a2)
{
	return zos_sys(num, a0, a1, a2, 0, 0, 0, 0);
}

static int64_t call_in(uint32_t num, uint64_t a0, uint64_t a1, uint64_t a2, const void *in,
		       uint32_t len)
{
	return zos_sys(num, a0, a1, a2, in, len, 0, 0);
}

static int64_t call_out(uint32_t num, uint64_t a0, uint64_t a1, void *out, uint32_t cap)
{
	return zos_sys(num, a0, a1, 0, 0, 0, out, cap);
}

void zos_debug(const char *msg)
{
	call_in(ZOS_SYS_DEBUG, 0, 0, 0, msg, (uint32_t)zos_strlen(msg));
}

void zos_yield(void)
{
	call0(ZOS_SYS_YIELD, 0, 0, 0);
}

void zos_exit(int32_t code)
{
	call0(ZOS_SYS_EXIT, (uint64_t)(uint32_t)code, 0, 0);
	for (;;) /* the platform never returns from EXIT; if it did, stay put */
		call0(ZOS_SYS_YIELD, 0, 0, 0);
}

uint64_t zos_time_ns(void)
{
	int64_t r = call0(ZOS_SYS_TIME, 0, 0, 0);
	return r < 0 ? 0 : (uint64_t)r;
}

int64_t zos_wallclock_ms(void)
{
	return call0(ZOS_SYS_WALLCLOCK, 0, 0, 0);
}

int64_t zos_random(void *out, uint32_t len)
{
	return call_out(ZOS_SYS_RANDOM, len, 0, out, len);
}

int64_t zos_console_write(uint32_t slot, const void *buf, uint32_t len)
{
	return call_in(ZOS_SYS_CONSOLE_WRITE, slot, 0, 0, buf, len);
}

int64_t zos_kill(uint32_t process_slot)
{
	return call0(ZOS_SYS_KILL, process_slot, 0, 0);
}

int64_t zos_register_process(uint32_t spawn_slot, const char *name)
{
	return call_in(ZOS_SYS_REGISTER_PROCESS, spawn_slot, 0, 0, name, (uint32_t)zos_strlen(name));
}

int64_t zos_load_binary(uint32_t spawn_slot, const char *name, void *out, uint32_t cap)
{
	return zos_sys(ZOS_SYS_LOAD_BINARY, spawn_slot, 0, 0, name, (uint32_t)zos_strlen(name), out,
		       cap);
}

int64_t zos_ps(struct zos_ps_entry *out, uint32_t max)
{
	return call_out(ZOS_SYS_PS, 0, 0, out, max * (uint32_t)sizeof *out);
}

int64_t zos_create_endpoint(void)
{
	return call0(ZOS_SYS_CREATE_ENDPOINT, 0, 0, 0);
}

int64_t zos_create_endpoint_for(uint32_t process_slot)
{
	return call0(ZOS_SYS_CREATE_ENDPOINT_FOR, process_slot, 0, 0);
}

int64_t zos_delete_endpoint(uint32_t slot)
{
	return call0(ZOS_SYS_DELETE_ENDPOINT, slot, 0, 0);
}

int64_t zos_cap_grant(uint32_t slot, uint32_t process_slot, uint8_t rights)
{
	return call0(ZOS_SYS_CAP_GRANT, slot, process_slot, rights);
}

int64_t zos_cap_revoke(uint32_t slot)
{
	return call0(ZOS_SYS_CAP_REVOKE, slot, 0, 0);
}

int64_t zos_cap_delete(uint32_t slot)
{
	return call0(ZOS_SYS_CAP_DELETE, slot, 0, 0);
}

int64_t zos_cap_inspect(uint32_t slot, struct zos_cap_info *out)
{
	return call_out(ZOS_SYS_CAP_INSPECT, slot, 0, out, sizeof *out);
}

int64_t zos_cap_derive(uint32_t slot, uint8_t rights, uint64_t expires_at)
{
	return call0(ZOS_SYS_CAP_DERIVE, slot, rights, expires_at);
}

int64_t zos_cap_list(struct zos_cap_info *out, uint32_t max)
{
	return call_out(ZOS_SYS_CAP_LIST, 0, 0, out, max * (uint32_t)sizeof *out);
}

int64_t zos_device(uint32_t num, uint32_t device_slot, uint32_t reply_slot, const void *in,
		   uint32_t len)
{
	return call_in(num, device_slot, reply_slot, 0, in, len);
}
