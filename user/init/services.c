/*
 * Starting programs and keeping them running.
 *
 * A program is started in steps so that it runs with its CSpace already in
 * place: load its binary, register the process, give it its endpoint
 * (its slot 0), a WRITE cap to Init's inbox (slot 1) and its device, if it
 * has one (slot 2), and only then start it. A core service that crashes is
 * started again, at most INIT_MAX_RESTARTS times, and the console says so.
 */
#include "init.h"

#include "lib/mem.h"

#define SPAWN_SLOT ZOS_INIT_DEVICE_SLOT(ZOS_DEV_SPAWN)

struct init init;

/* The core services, in boot order (their pids are 2..6). */
static const struct {
	const char *name;
	uint8_t device;
} core[] = {
	{ "permission", 0 },
	{ "vfs", ZOS_DEV_STORAGE },
	{ "keystore", ZOS_DEV_KEYSTORE },
	{ "identity", 0 },
	{ "time", ZOS_DEV_CONSOLE }, /* write-only: to say its settings file is damaged */
};
#define NCORE (sizeof core / sizeof core[0])

static uint8_t binary[1u << 20];

struct program *program_by_pid(uint32_t pid)
{
	for (int i = 0; i < INIT_MAX_PROGRAMS; i++)
		if (init.progs[i].used && init.progs[i].pid == pid)
			return &init.progs[i];
	return 0;
}

struct program *program_by_name(const char *name)
{
	for (int i = 0; i < INIT_MAX_PROGRAMS; i++)
		if (init.progs[i].used && init.progs[i].running && !zos_strcmp(init.progs[i].name, name))
			return &init.progs[i];
	return 0;
}

static struct program *free_program(void)
{
	for (int i = 0; i < INIT_MAX_PROGRAMS; i++)
		if (!init.progs[i].used)
			return &init.progs[i];
	return 0;
}

/* Gives the new process what it starts with. */
static int64_t equip(struct program *p)
{
	int64_t r = zos_create_endpoint_for(p->pslot);

	if (r < 0)
		return r;
	p->ep = ZOS_UNPACK_SLOT(r);
	r = zos_cap_grant(ZOS_INIT_INBOX_SLOT, p->pslot, ZOS_RIGHT_WRITE);
	if (r >= 0 && p->device)
		r = zos_cap_grant(ZOS_INIT_DEVICE_SLOT(p->device), p->pslot,
				  p->device == ZOS_DEV_CONSOLE ? ZOS_RIGHT_WRITE : ZOS_RIGHTS_ALL);
	if (r >= 0 && p->console)
		r = zos_cap_grant(ZOS_INIT_DEVICE_SLOT(ZOS_DEV_AUDIT), p->pslot, ZOS_RIGHT_READ);
	if (r >= 0)
		r = give_private_services(p);
	if (r >= 0)
		r = vfs_control_equip(p);
	return r;
}

static void forget(struct program *p)
{
	if (p->ep)
		zos_cap_delete(p->ep); /* gone already if its endpoint died with it */
	if (p->control)
		zos_cap_delete(p->control);
	zos_cap_delete(p->pslot);
	zos_memset(p, 0, sizeof *p);
}

static int64_t launch(struct program *p, uint32_t len)
{
	int64_t r = zos_register_process(SPAWN_SLOT, p->name);

	if (r < 0)
		return r;
	p->pslot = ZOS_UNPACK_SLOT(r);
	p->pid = ZOS_UNPACK_ID(r);
	r = equip(p);
	if (r >= 0)
		r = zos_spawn(SPAWN_SLOT, ZOS_SPAWN_START, p->pslot, p->name, binary, len);
	if (r < 0)
		zos_kill(p->pslot);
	return r;
}

struct program *start_program(const char *name, uint8_t device, uint8_t core_service, int console)
{
	struct program *p = free_program();
	int64_t len, r;

	if (!p) {
		zos_printf("init: cannot start %s: too many programs\n", name);
		return 0;
	}
	len = zos_load_binary(SPAWN_SLOT, name, binary, sizeof binary);
	if (len < 0) {
		zos_printf("init: cannot load %s: %s\n", name, zos_strerror(len));
		return 0;
	}
	zos_memset(p, 0, sizeof *p);
	p->used = 1;
	zos_strlcpy(p->name, name, sizeof p->name);
	p->device = device;
	p->core = core_service;
	p->console = (uint8_t)console;
	r = launch(p, (uint32_t)len);
	if (r < 0) {
		zos_printf("init: cannot start %s: %s\n", name, zos_strerror(r));
		forget(p);
		return 0;
	}
	p->running = 1;
	p->started_ns = zos_time_ns();
	return p;
}

static void boot_done(void)
{
	uint32_t ready = 0;

	for (int i = 0; i < INIT_MAX_PROGRAMS; i++)
		ready += init.progs[i].used && init.progs[i].core && init.progs[i].ready;
	init.booted = 1;
	zos_printf("init: boot complete: %u of %u core services ready in %llu ms\n", ready,
		   (unsigned)NCORE,
		   (unsigned long long)((zos_time_ns() - init.boot_start_ns) / 1000000));
	if (init.terminal_wanted)
		console_start_terminal();
}

/* Starts the next core service; called again when it is ready or failed. */
void boot_next_service(void)
{
	while (init.boot_next < NCORE) {
		uint32_t i = init.boot_next++;
		struct program *p = start_program(core[i].name, core[i].device, 1, 0);
		if (p) {
			zos_printf("init: started %s (pid %u)\n", p->name, p->pid);
			init.boot_wait = p->pid;
			return; /* the rest waits for its SERVICE_READY */
		}
	}
	init.boot_wait = 0;
	if (!init.booted)
		boot_done();
}

void service_ready(struct program *p)
{
	p->ready = 1;
	if (p->restarts)
		zos_printf("init: %s is ready again (pid %u)\n", p->name, p->pid);
	if (p->restarts && is_private_service(p->name))
		renew_private_service(p);
	on_demand_ready(p);
	if (!init.booted && p->pid == init.boot_wait)
		boot_next_service();
	else if (p->console)
		console_terminal_ready();
}

/* Returns the new program, or 0 when it is not started again. */
static struct program *restart(struct program *p)
{
	char name[ZOS_NAME_MAX + 1];
	uint8_t device = p->device, restarts = p->restarts;
	struct program *again;

	zos_strlcpy(name, p->name, sizeof name);
	forget(p);
	if (restarts >= INIT_MAX_RESTARTS) {
		zos_printf("init: %s failed %u times; not starting it again\n", name,
			   (unsigned)restarts + 1);
		return 0;
	}
	again = start_program(name, device, 1, 0);
	if (again) {
		again->restarts = (uint8_t)(restarts + 1);
		zos_printf("init: restarted %s as pid %u (restart %u of %u)\n", name, again->pid,
			   (unsigned)again->restarts, INIT_MAX_RESTARTS);
	}
	return again;
}

void program_ended(const struct zos_process_ended *e)
{
	struct program *p = program_by_pid(e->pid), *again;
	int awaited = e->pid == init.boot_wait;

	if (!p)
		return;
	p->running = 0;
	if (p->console) {
		if (e->fault == 0) {
			/* the console's session is over: so is the system's */
			init.exit_code = e->code;
			init.stopping = 1;
			forget(p);
			return;
		}
		forget(p);
		if (++init.terminal_crashes > INIT_MAX_RESTARTS) {
			/* a console with no shell is of no use to anyone: stop */
			zos_printf("init: the terminal crashed %u times; stopping\n",
				   (unsigned)init.terminal_crashes);
			init.exit_code = 1;
			init.stopping = 1;
			return;
		}
		zos_printf("init: the terminal crashed; starting a new one\n");
		console_start_terminal();
		return;
	}
	if (!p->core)
		on_demand_ended(p->name); /* lookups waiting for it get "not found" */
	if (!p->core || init.stopping) {
		/* A program someone started: say how it ended, in one write so
		 * that no other output lands inside the line. */
		if (!init.stopping && (e->fault || e->killed))
			zos_printf("init: %s (pid %u) %s\n", p->name, p->pid,
				   e->fault ? "crashed" : "was killed");
		else if (!init.stopping)
			zos_printf("init: %s (pid %u) exited with code %d\n", p->name, p->pid,
				   e->code);
		forget(p);
		return;
	}
	zos_printf("init: %s (pid %u) %s\n", p->name, p->pid,
		   e->fault ? "crashed" : e->killed ? "was killed" : "exited");
	again = restart(p);
	if (awaited) { /* boot was waiting for it */
		if (again)
			init.boot_wait = again->pid;
		else
			boot_next_service();
	}
}
