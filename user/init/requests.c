/*
 * What arrives in Init's inbox, and the answers.
 *
 * From pid 0 (the platform): console input, processes that ended, a
 * request for a console terminal. From services: register, ready,
 * lookups. From the console's terminal only (the one process acting for
 * the person at the console): spawn, kill, shutdown. Anything else is
 * refused with a reason, and capabilities a message carried are never
 * kept by accident.
 */
#include "init.h"

#include "lib/mem.h"

static void drop_carried(const struct zos_msg *m, uint32_t from)
{
	for (uint32_t i = from; i < m->h.ncaps && i < ZOS_MSG_MAX_CAPS; i++)
		zos_cap_delete(m->h.cap_slots[i]);
}

void answer(const struct zos_msg *m, uint32_t tag, const void *body, uint32_t len)
{
	if (m->h.ncaps == 0)
		return; /* sent, not called: nowhere to answer */
	if (zos_reply(m->h.cap_slots[0], tag, body, len) < 0)
		zos_cap_delete(m->h.cap_slots[0]);
	drop_carried(m, 1);
}

static void answer_result(const struct zos_msg *m, uint32_t tag, int64_t result)
{
	answer(m, tag, &result, sizeof result);
}

/* The body as a name: printable, at most ZOS_NAME_MAX bytes. */
static int body_name(const struct zos_msg *m, char *out)
{
	uint32_t n = m->h.size;

	if (n == 0 || n > ZOS_NAME_MAX)
		return 0;
	for (uint32_t i = 0; i < n; i++)
		if (m->body[i] <= ' ' || m->body[i] > '~')
			return 0;
	zos_memcpy(out, m->body, n);
	out[n] = 0;
	return 1;
}

/* Only a program Init started may register, and only under its own name. */
static int64_t on_register(const struct zos_msg *m)
{
	struct program *p = program_by_pid(m->h.sender);
	char name[ZOS_NAME_MAX + 1];

	if (!p || !body_name(m, name) || zos_strcmp(name, p->name) != 0) {
		zos_debug("init: refused a registration under someone else's name");
		return ZOS_ERR_INSUFFICIENT_RIGHTS;
	}
	return ZOS_OK;
}

static int64_t on_ready(const struct zos_msg *m)
{
	struct program *p = program_by_pid(m->h.sender);

	if (!p)
		return ZOS_ERR_INSUFFICIENT_RIGHTS;
	service_ready(p);
	return ZOS_OK;
}

static void on_lookup(const struct zos_msg *m)
{
	char name[ZOS_NAME_MAX + 1];
	int named = body_name(m, name);
	struct program *p = named ? program_by_name(name) : 0;
	uint8_t found = 1, rights = ZOS_RIGHT_WRITE;

	if (m->h.ncaps == 0)
		return;
	if (named && is_private_service(name) && private_lookup(m, name)) {
		drop_carried(m, 1); /* answered, or its reply cap kept until the service is ready */
		return;
	}
	if (!p || !p->ready || !p->ep || is_private_service(name)) {
		found = 0;
		answer(m, ZOS_MSG_INIT_LOOKUP_RESPONSE, &found, 1);
		return;
	}
	/* the caller gets a WRITE-only copy of the service's endpoint cap */
	if (zos_send_caps(m->h.cap_slots[0], ZOS_MSG_INIT_LOOKUP_RESPONSE, &p->ep, &rights, 1, &found,
			  1) < 0) {
		found = 0;
		answer(m, ZOS_MSG_INIT_LOOKUP_RESPONSE, &found, 1);
		return;
	}
	zos_cap_delete(m->h.cap_slots[0]);
	drop_carried(m, 1);
}

static int from_console(const struct zos_msg *m)
{
	struct program *p = program_by_pid(m->h.sender);
	return p && p->console;
}

static void on_spawn(const struct zos_msg *m)
{
	char name[ZOS_NAME_MAX + 1];
	struct program *p;

	if (!body_name(m, name)) {
		answer_result(m, ZOS_MSG_INIT_SPAWN_RESPONSE, ZOS_ERR_INVALID_ARGUMENT);
		return;
	}
	/* like a command started from a shell, it may write to the console */
	p = start_program(name, ZOS_DEV_CONSOLE, 0, 0);
	answer_result(m, ZOS_MSG_INIT_SPAWN_RESPONSE, p ? (int64_t)p->pid : ZOS_ERR_SPAWN_FAILED);
}

static void on_kill(const struct zos_msg *m)
{
	uint32_t pid;
	struct program *p;

	if (m->h.size != sizeof pid) {
		answer_result(m, ZOS_MSG_INIT_KILL_RESPONSE, ZOS_ERR_INVALID_ARGUMENT);
		return;
	}
	zos_memcpy(&pid, m->body, sizeof pid);
	if (pid == ZOS_PID_INIT || pid == ZOS_PID_KERNEL) {
		answer_result(m, ZOS_MSG_INIT_KILL_RESPONSE, ZOS_ERR_INSUFFICIENT_RIGHTS);
		return;
	}
	p = program_by_pid(pid);
	if (!p || !p->running) {
		answer_result(m, ZOS_MSG_INIT_KILL_RESPONSE, ZOS_ERR_PROCESS_NOT_FOUND);
		return;
	}
	answer_result(m, ZOS_MSG_INIT_KILL_RESPONSE, zos_kill(p->pslot));
}

static void from_platform(const struct zos_msg *m)
{
	struct zos_process_ended e;

	switch (m->h.tag) {
	case ZOS_MSG_SUP_CONSOLE_INPUT:
		console_input(m->body, m->h.size);
		break;
	case ZOS_MSG_SUP_PROCESS_ENDED:
		if (m->h.size == sizeof e) {
			zos_memcpy(&e, m->body, sizeof e);
			program_ended(&e);
		}
		break;
	case ZOS_MSG_SUP_SPAWN_PROCESS:
		init.terminal_wanted = 1;
		if (init.booted)
			console_start_terminal();
		break;
	default:
		break;
	}
}

static void from_console_terminal(const struct zos_msg *m)
{
	switch (m->h.tag) {
	case ZOS_MSG_INIT_SPAWN_SERVICE: on_spawn(m); return;
	case ZOS_MSG_INIT_KILL: on_kill(m); return;
	case ZOS_MSG_INIT_SHUTDOWN:
		zos_print("init: shutting down\n");
		answer_result(m, ZOS_MSG_INIT_SHUTDOWN, ZOS_OK);
		init.exit_code = 0;
		init.stopping = 1;
		return;
	default:
		answer_result(m, m->h.tag, ZOS_ERR_NOT_SUPPORTED);
	}
}

/* Every request is answered when it came by CALL (it carries a reply cap):
 * nobody waits forever on Init, whatever they sent. */
void handle_message(struct zos_msg *m, int64_t len)
{
	(void)len;
	if (m->h.sender == ZOS_PID_KERNEL) {
		from_platform(m);
		drop_carried(m, 0);
		return;
	}
	switch (m->h.tag) {
	case ZOS_MSG_INIT_REGISTER_SERVICE:
		answer_result(m, m->h.tag, on_register(m));
		return;
	case ZOS_MSG_INIT_SERVICE_READY:
		answer_result(m, m->h.tag, on_ready(m));
		return;
	case ZOS_MSG_INIT_LOOKUP_SERVICE: on_lookup(m); return;
	case ZOS_MSG_INIT_SPAWN_SERVICE:
	case ZOS_MSG_INIT_KILL:
	case ZOS_MSG_INIT_SHUTDOWN:
		if (from_console(m))
			from_console_terminal(m);
		else
			answer_result(m, m->h.tag, ZOS_ERR_INSUFFICIENT_RIGHTS);
		return;
	default:
		answer_result(m, m->h.tag, ZOS_ERR_NOT_SUPPORTED);
		return;
	}
}
