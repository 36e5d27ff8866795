/*
 * What the platform and the System tell Init, through pid 0's WRITE cap to
 * Init's inbox (ZOS_KERNEL_INIT_SLOT): console input (CONSOLE_INPUT, an
 * empty one at the end of input), that a process ended (PROCESS_ENDED) and
 * the platform's requests (SPAWN_PROCESS "terminal").
 *
 * Nothing is sent from inside a syscall: notices wait in a bounded queue
 * and console bytes in a buffer until the platform calls system_pump
 * between syscalls. Back-pressure: when Init's inbox is full (QUEUE_FULL,
 * or no message entries left) delivery stops and the rest waits for the
 * next pump, in order; the console takes no more bytes than one message
 * holds until they are delivered. A notice that finds its own queue full
 * is dropped, counted, and the count reported on the console.
 */
#include "system/internal.h"

#include <zos/error.h>
#include <zos/msg.h>

#include "lib/fmt.h"
#include "lib/mem.h"

void system_notify_init(struct zos_system *sys, uint32_t tag, const void *body, uint32_t len)
{
	struct init_notice *n;

	if (sys->n_notices >= ZOS_INIT_NOTICES || len > ZOS_INIT_NOTICE_MAX) {
		sys->notices_dropped++;
		return;
	}
	n = &sys->notices[sys->n_notices++];
	n->tag = tag;
	n->len = len;
	if (len)
		zos_memcpy(n->body, body, len);
}

void inbox_process_ended(struct zos_system *sys, const zos_commit_t *c)
{
	struct zos_process_ended e = { ZOS_PID_NONE, -1, 0, 0 };

	switch (c->type) {
	case ZOS_COMMIT_PROCESS_EXITED:
		e.pid = c->u.process_exited.pid;
		e.code = c->u.process_exited.code;
		break;
	case ZOS_COMMIT_PROCESS_KILLED:
		e.pid = c->u.process_killed.pid;
		e.killed = 1;
		break;
	case ZOS_COMMIT_PROCESS_FAULTED:
		e.pid = c->u.process_faulted.pid;
		e.fault = c->u.process_faulted.reason;
		break;
	default:
		return;
	}
	if (e.pid != ZOS_PID_INIT) {
		system_notify_init(sys, ZOS_MSG_SUP_PROCESS_ENDED, &e, sizeof e);
		return;
	}
	/* Init's end is the system's: an exit of 0 is a clean stop. */
	if (e.code == 0 && !e.fault && !e.killed) {
		system_stop(sys, 0, "");
	} else {
		char why[48];
		zos_snprintf(why, sizeof why, "init ended (code %d)", (int)e.code);
		system_stop(sys, e.code > 0 ? e.code : 1, why);
	}
}

uint32_t system_console_room(const struct zos_system *sys)
{
	return sys->console_eof ? 0 : ZOS_CONSOLE_INPUT_MAX - sys->console_len;
}

uint32_t system_console_input(struct zos_system *sys, const uint8_t *bytes, uint32_t len)
{
	uint32_t room = system_console_room(sys);

	if (len > room)
		len = room;
	if (len)
		zos_memcpy(sys->console_in + sys->console_len, bytes, len);
	sys->console_len += len;
	return len;
}

void system_console_eof(struct zos_system *sys)
{
	if (!sys->console_eof)
		sys->console_eof = 1;
}

static int behind(int64_t r)
{
	return r == ZOS_ERR_QUEUE_FULL || r == ZOS_ERR_RESOURCE_EXHAUSTED;
}

/* Console bytes first, then the end of input once they are all in. */
static int deliver_console(struct zos_system *sys)
{
	int64_t r;

	if (sys->console_len) {
		r = system_kernel_send(sys, ZOS_KERNEL_INIT_SLOT, ZOS_MSG_SUP_CONSOLE_INPUT,
				       sys->console_in, sys->console_len);
		if (behind(r))
			return 0;
		sys->console_len = 0; /* delivered, or Init is gone and nobody will read it */
		return r == ZOS_OK;
	}
	if (sys->console_eof == 1) {
		r = system_kernel_send(sys, ZOS_KERNEL_INIT_SLOT, ZOS_MSG_SUP_CONSOLE_INPUT, 0, 0);
		if (behind(r))
			return 0;
		sys->console_eof = 2;
		return r == ZOS_OK;
	}
	return 0;
}

static int deliver_notices(struct zos_system *sys)
{
	uint32_t i = 0;
	int did = 0;

	for (; i < sys->n_notices; i++) {
		const struct init_notice *n = &sys->notices[i];
		int64_t r = system_kernel_send(sys, ZOS_KERNEL_INIT_SLOT, n->tag, n->body, n->len);
		if (behind(r))
			break; /* Init is behind: the rest next time, in order */
		did |= r == ZOS_OK;
	}
	zos_memmove(sys->notices, sys->notices + i, (sys->n_notices - i) * sizeof sys->notices[0]);
	sys->n_notices -= i;
	return did;
}

int system_pump(struct zos_system *sys)
{
	int did;

	if (sys->ax.log.failed)
		return 0; /* nothing changes any more */
	did = deliver_console(sys);
	did |= deliver_notices(sys);
	if (sys->notices_dropped) {
		char line[96];
		zos_snprintf(line, sizeof line, "zos: %u notices for init were dropped: too many queued\n",
			     (unsigned)sys->notices_dropped);
		sys_say(sys, line);
		sys->notices_dropped = 0;
	}
	return did;
}
