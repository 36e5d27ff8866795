/*
 * Fuzzes Init's message handler on the host: the real user/init code runs
 * as pid 1 of a System on the fake platform (its syscalls go straight to
 * system_syscall), and the fuzz input becomes messages in its inbox from a
 * stranger process, from a program Init started (the console's terminal)
 * and from the platform (pid 0): any tag, any body, with or without a reply
 * capability. After each message: Init did not crash (the sanitizers
 * watch), every message that came with a reply capability was answered
 * (or, a holder's lookup of an on-demand service, kept to be answered),
 * and the kernel's invariants hold.
 *
 * Input: a sequence of records { u8 who, u8 how, u16 tag selector,
 * u16 length, body }.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/fake_platform.h"
#include "support/invariants.h"
#include "user/init/init.h"

static struct fake_platform fp;
static struct zos_system *sys;
static uint32_t caller = ZOS_PID_INIT;

/* Init's syscalls, as the platform would carry them. */
int64_t zos_syscall(zos_syscall_t *sc)
{
	int64_t r = 0;
	enum system_outcome o = system_syscall(sys, caller, sc, &r);

	if (o == SYS_PARKED) { /* Init only blocks in a CALL; nothing will answer here */
		fprintf(stderr, "fuzz_init: pid %u blocked on a syscall %s\n", caller,
			zos_syscall_name(sc->num));
		abort();
	}
	return o == SYS_GONE ? 0 : r;
}

static int64_t as(uint32_t pid, zos_syscall_t *sc)
{
	uint32_t saved = caller;
	int64_t r;

	caller = pid;
	r = zos_syscall(sc);
	caller = saved;
	return r;
}

struct peer {
	uint32_t pid;
	uint32_t own_slot;  /* its endpoint (replies from Init land here) */
	uint32_t inbox;     /* its WRITE cap to Init's inbox */
};
static struct peer stranger;

static void boot(void)
{
	fake_init(&fp);
	sys = fake_system(&fp);
	memset(&init, 0, sizeof init);
	zos_runtime_init();
	zos_console_slot = -1;
	init.booted = 1;
	/* the console's terminal, started by Init's own code */
	console_start_terminal();
	/* a stranger: registered by hand, with an endpoint and the inbox */
	int64_t r = zos_register_process(ZOS_INIT_DEVICE_SLOT(ZOS_DEV_SPAWN), "stranger");
	stranger.pid = ZOS_UNPACK_ID(r);
	zos_create_endpoint_for(ZOS_UNPACK_SLOT(r));
	zos_cap_grant(ZOS_INIT_INBOX_SLOT, ZOS_UNPACK_SLOT(r), ZOS_RIGHT_WRITE);
	stranger.own_slot = 0;
	stranger.inbox = 1;
}

static void teardown(void)
{
	fake_system_free(sys);
	fake_free(&fp);
}

static const uint32_t tags[] = {
	ZOS_MSG_INIT_REGISTER_SERVICE, ZOS_MSG_INIT_LOOKUP_SERVICE, ZOS_MSG_INIT_SPAWN_SERVICE,
	ZOS_MSG_INIT_SERVICE_READY,    ZOS_MSG_INIT_KILL,           ZOS_MSG_INIT_SHUTDOWN,
	ZOS_MSG_SUP_CONSOLE_INPUT,     ZOS_MSG_SUP_PROCESS_ENDED,   ZOS_MSG_SUP_SPAWN_PROCESS,
};

/* Who sent the last message, and where its answer would arrive. */
static uint32_t last_pid, last_own;

/* Puts one message in Init's inbox. Returns 1 when it carries a reply cap. */
static int deliver(uint8_t who, uint8_t how, uint32_t tag, const uint8_t *body, uint32_t len)
{
	const struct program *term = 0;
	zos_syscall_t sc;
	struct {
		struct zos_send_cap_in h;
		uint8_t body[ZOS_MSG_MAX];
	} in;
	uint32_t pid = stranger.pid, inbox = stranger.inbox, own = stranger.own_slot;

	for (int i = 0; i < INIT_MAX_PROGRAMS; i++)
		if (init.progs[i].used && init.progs[i].console && init.progs[i].running)
			term = &init.progs[i];
	if (who % 3 == 0) {
		system_kernel_send(sys, ZOS_KERNEL_INIT_SLOT, tag, body, len);
		return 0;
	}
	if (who % 3 == 2 && term) { /* the console's terminal: slots 0 self, 1 inbox */
		pid = term->pid;
		inbox = ZOS_SLOT_INIT;
		own = ZOS_SLOT_SELF;
	}
	last_pid = pid;
	last_own = own;
	memset(&sc, 0, sizeof sc);
	sc.arg[0] = inbox;
	sc.arg[1] = tag;
	if (how & 1) { /* as a call: carry a WRITE cap to our own endpoint */
		memset(&in.h, 0, sizeof in.h);
		in.h.ncaps = 1 + (how >> 1) % 2;
		in.h.slots[0] = own;
		in.h.slots[1] = own;
		in.h.rights[0] = ZOS_RIGHT_WRITE;
		memcpy(in.body, body, len);
		sc.num = ZOS_SYS_SEND_CAP;
		sc.in = (const uint8_t *)&in;
		sc.in_len = (uint32_t)sizeof in.h + len;
	} else {
		sc.num = ZOS_SYS_SEND;
		sc.in = body;
		sc.in_len = len;
	}
	return as(pid, &sc) == ZOS_OK && (how & 1);
}

/* The caller's side of a CALL: its answer must be there. Takes it (and
 * gives back any capability it carried), so queues never fill up. */
static void expect_answer(void)
{
	static struct zos_msg m;
	zos_syscall_t sc;

	if (!kernel_proc(&sys->k.s, last_pid) ||
	    kernel_proc(&sys->k.s, last_pid)->state != ZOS_PROC_ALIVE)
		return; /* the request was to kill the caller itself */
	memset(&sc, 0, sizeof sc);
	sc.num = ZOS_SYS_RECV;
	sc.arg[0] = last_own;
	sc.out = (uint8_t *)&m;
	sc.out_cap = sizeof m;
	if (as(last_pid, &sc) < 0) {
		fprintf(stderr, "fuzz_init: a call to init was not answered\n");
		abort();
	}
	for (uint32_t i = 0; i < m.h.ncaps && i < ZOS_MSG_MAX_CAPS; i++) {
		zos_syscall_t del = { .num = ZOS_SYS_CAP_DELETE, .arg = { m.h.cap_slots[i] } };
		as(last_pid, &del);
	}
}

/* Init's loop, one message at a time, without blocking. */
static void serve_one(void)
{
	static struct zos_msg m;
	int64_t len = zos_recv(ZOS_INIT_INBOX_SLOT, &m, 0);

	if (len >= 0)
		handle_message(&m, len);
}

static void check(void)
{
	const char *why;

	if (check_invariants(&sys->k.s, &why)) {
		fprintf(stderr, "fuzz_init: invariant broken: %s\n", why);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t pos = 0;

	boot();
	while (pos + 6 <= size && !init.stopping) {
		uint8_t who = data[pos], how = data[pos + 1];
		uint16_t sel = (uint16_t)(data[pos + 2] | data[pos + 3] << 8);
		uint32_t len = (uint32_t)(data[pos + 4] | data[pos + 5] << 8) % (ZOS_MSG_MAX + 1);
		uint32_t tag = sel < 0x8000 ? tags[sel % (sizeof tags / sizeof tags[0])] : sel;
		pos += 6;
		if (len > size - pos)
			len = (uint32_t)(size - pos);
		int called = deliver(who, how, tag, data + pos, len);
		uint32_t waiting = on_demand_waiting();
		pos += len;
		serve_one();
		/* a holder's lookup of an on-demand service is answered once the
		 * service is ready (never, here: nothing runs it); Init keeps it */
		if (called && on_demand_waiting() == waiting)
			expect_answer();
		check();
	}
	teardown();
	return 0;
}
