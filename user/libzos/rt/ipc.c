/*
 * Messages: send (with or without capabilities), receive, call and reply,
 * and spawning, which needs its input assembled in one buffer.
 */
#include "zos.h"

#include "lib/mem.h"

int64_t zos_send(uint32_t slot, uint32_t tag, const void *body, uint32_t len)
{
	return zos_sys(ZOS_SYS_SEND, slot, tag, 0, body, len, 0, 0);
}

int64_t zos_send_caps(uint32_t slot, uint32_t tag, const uint32_t *caps, const uint8_t *rights,
		      uint32_t ncaps, const void *body, uint32_t len)
{
	static uint8_t buf[sizeof(struct zos_send_cap_in) + ZOS_MSG_MAX];
	struct zos_send_cap_in h;

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
	return zos_sys(ZOS_SYS_SEND_CAP, slot, tag, 0, buf, (uint32_t)sizeof h + len, 0, 0);
}

int64_t zos_recv(uint32_t slot, struct zos_msg *m, int block)
{
	return zos_sys(ZOS_SYS_RECV, slot, block ? ZOS_RECV_BLOCK : ZOS_RECV_NONBLOCK, 0, 0, 0, m,
		       sizeof *m);
}

int64_t zos_call(uint32_t slot, uint32_t tag, const void *body, uint32_t len,
		 struct zos_msg *reply)
{
	if (zos_reply_slot < 0)
		return ZOS_ERR_INVALID_SLOT;
	return zos_sys(ZOS_SYS_CALL, slot, tag, (uint32_t)zos_reply_slot, body, len, reply,
		       sizeof *reply);
}

int64_t zos_reply(uint32_t reply_cap_slot, uint32_t tag, const void *body, uint32_t len)
{
	return zos_sys(ZOS_SYS_REPLY, reply_cap_slot, tag, 0, body, len, 0, 0);
}

/* Binaries can be large: the spawn input is built in one static buffer
 * (untouched pages cost nothing). */
static uint8_t spawn_buf[1u << 20];

int64_t zos_spawn(uint32_t spawn_slot, uint32_t flags, uint32_t process_slot, const char *name,
		  const void *binary, uint32_t len)
{
	struct zos_spawn_in h;
	uint32_t name_len = (uint32_t)zos_strlen(name);

	if (name_len > ZOS_NAME_MAX || len > sizeof spawn_buf - sizeof h - name_len)
		return ZOS_ERR_INVALID_ARGUMENT;
	h.name_len = name_len;
	zos_memcpy(spawn_buf, &h, sizeof h);
	zos_memcpy(spawn_buf + sizeof h, name, name_len);
	zos_memcpy(spawn_buf + sizeof h + name_len, binary, len);
	return zos_sys(ZOS_SYS_SPAWN_PROCESS, spawn_slot, flags, process_slot, spawn_buf,
		       (uint32_t)sizeof h + name_len + len, 0, 0);
}
