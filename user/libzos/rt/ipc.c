/*
 * Messages: send (with or without capabilities), receive, call and reply,
 * and spawning, which needs its input assembled in one buffer.
 */
#include "zos.h"

#include "lib/mem.h"

int64_t zos_send(uint32_t slot, uint32_t tag, const void *body, uint32_t len)
{
	zos_syscall_t sc;

	zos_memset(&sc, 0, sizeof sc);
	sc.num = ZOS_SYS_SEND;
	sc.arg[0] = slot;
	sc.arg[1] = tag;
	sc.in = body;
	sc.in_len = len;
	return zos_syscall(&sc);
}

int64_t zos_send_caps(uint32_t slot, uint32_t tag, const uint32_t *caps, const uint8_t *rights,
		      uint32_t ncaps, const void *body, uint32_t len)
{
	static uint8_t buf[sizeof(struct zos_send_cap_in) + ZOS_MSG_MAX];
	struct zos_send_cap_in h;
	zos_syscall_t sc;

	if (ncaps > ZOS_MSG_MAX_CAPS)
		return ZOS_ERR_TOO_MANY_CAPS;
	if (len > ZOS_MSG_MAX)
		return ZOS_ERR_MESSAGE_TOO_LARGE;
	zos_memset(&h, 0, sizeof h);
	h.ncaps = ncaps;
	zos_memcpy(h.slots, caps, ncaps * sizeof caps[0]);
	if (rights)
		zos_memcpy(h.rights, rights, ncaps);
	zos_memcpy(buf, &h, sizeof h);
	zos_memcpy(buf + sizeof h, body, len);
	zos_memset(&sc, 0, sizeof sc);
	sc.num = ZOS_SYS_SEND_CAP;
	sc.arg[0] = slot;
	sc.arg[1] = tag;
	sc.in = buf;
	sc.in_len = (uint32_t)sizeof h + len;
	return zos_syscall(&sc);
}

int64_t zos_recv(uint32_t slot, struct zos_msg *m, int block)
{
	zos_syscall_t sc;

	zos_memset(&sc, 0, sizeof sc);
	sc.num = ZOS_SYS_RECV;
	sc.arg[0] = slot;
	sc.arg[1] = block ? ZOS_RECV_BLOCK : ZOS_RECV_NONBLOCK;
	sc.out = (uint8_t *)m;
	sc.out_cap = sizeof *m;
	return zos_syscall(&sc);
}

int64_t zos_call(uint32_t slot, uint32_t tag, const void *body, uint32_t len,
		 struct zos_msg *reply)
{
	zos_syscall_t sc;

	if (zos_reply_slot < 0)
		return ZOS_ERR_INVALID_SLOT;
	zos_memset(&sc, 0, sizeof sc);
	sc.num = ZOS_SYS_CALL;
	sc.arg[0] = slot;
	sc.arg[1] = tag;
	sc.arg[2] = (uint32_t)zos_reply_slot;
	sc.in = body;
	sc.in_len = len;
	sc.out = (uint8_t *)reply;
	sc.out_cap = sizeof *reply;
	return zos_syscall(&sc);
}

int64_t zos_reply(uint32_t reply_cap_slot, uint32_t tag, const void *body, uint32_t len)
{
	zos_syscall_t sc;

	zos_memset(&sc, 0, sizeof sc);
	sc.num = ZOS_SYS_REPLY;
	sc.arg[0] = reply_cap_slot;
	sc.arg[1] = tag;
	sc.in = body;
	sc.in_len = len;
	return zos_syscall(&sc);
}

/* Binaries can be large: the spawn input is built in one static buffer
 * (untouched pages cost nothing). */
static uint8_t spawn_buf[1u << 20];

int64_t zos_spawn(uint32_t spawn_slot, uint32_t flags, uint32_t process_slot, const char *name,
		  const void *binary, uint32_t len)
{
	struct zos_spawn_in h;
	uint32_t name_len = (uint32_t)zos_strlen(name);
	zos_syscall_t sc;

	if (name_len > ZOS_NAME_MAX || len > sizeof spawn_buf - sizeof h - name_len)
		return ZOS_ERR_INVALID_ARGUMENT;
	h.name_len = name_len;
	zos_memcpy(spawn_buf, &h, sizeof h);
	zos_memcpy(spawn_buf + sizeof h, name, name_len);
	zos_memcpy(spawn_buf + sizeof h + name_len, binary, len);
	zos_memset(&sc, 0, sizeof sc);
	sc.num = ZOS_SYS_SPAWN_PROCESS;
	sc.arg[0] = spawn_slot;
	sc.arg[1] = flags;
	sc.arg[2] = process_slot;
	sc.in = spawn_buf;
	sc.in_len = (uint32_t)sizeof h + name_len + len;
	return zos_syscall(&sc);
}
