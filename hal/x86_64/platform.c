/*
 * The x86_64 zos_hal operations (see platform.h): clock and wall clock
 * from clock.c, entropy from entropy.c, the console on COM1, and the
 * audit device's log re-verification over the in-memory log.
 */
#include "hal/x86_64/platform.h"

#include <zos/cap.h>
#include <zos/error.h>
#include <zos/msg.h>
#include <zos/pid.h>

#include "axiom/replay.h"
#include "axiom/state_hash.h"
#include "hal/x86_64/clock.h"
#include "hal/x86_64/embedded.h"
#include "hal/x86_64/entropy.h"
#include "hal/x86_64/kheap.h"
#include "hal/x86_64/kprint.h"
#include "hal/x86_64/proc.h"
#include "hal/x86_64/prof.h"
#include "hal/x86_64/serial.h"
#include "kernel/kernel.h"
#include "lib/fmt.h"
#include "lib/mem.h"
#include "system/system.h"

static uint64_t op_now(void *ctx)
{
	(void)ctx;
	return clock_now_ns();
}

static uint64_t op_wallclock(void *ctx)
{
	(void)ctx;
	return clock_wall_ms();
}

static int op_random(void *ctx, uint8_t *out, uint32_t len)
{
	(void)ctx;
	return entropy_fill(out, len);
}

static int64_t op_console_write(void *ctx, const uint8_t *buf, uint32_t len)
{
	(void)ctx;
	if (prof_on)
		prof_console_write(buf, len);
	else
		serial_write((const char *)buf, len);
	return (int64_t)len;
}

static void op_debug(void *ctx, uint32_t pid, const uint8_t *msg, uint32_t len)
{
	(void)ctx;
	kprintf("[pid %u] %.*s\n", pid, (int)len, (const char *)msg);
}

static int64_t op_load_binary(void *ctx, const char *name, uint32_t name_len, uint8_t *out,
			      uint32_t cap)
{
	const struct embedded_binary *b = embedded_find(name, name_len);

	(void)ctx;
	if (!b)
		return ZOS_ERR_NOT_FOUND;
	if (b->len > cap)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	zos_memcpy(out, b->start, b->len);
	return (int64_t)b->len;
}

/* An ELF image runs in ring 3. Init comes with no image: with run_init it
 * is the embedded "init"; otherwise (the kernel-driven self-test) it is
 * recorded and runs no code, as is a stand-in image too short to be ELF. */
static int op_spawn(void *ctx, uint32_t pid, const char *name, uint32_t name_len,
		    const uint8_t *bin, uint32_t len)
{
	struct x86_platform *p = ctx;
	int err = ZOS_OK;

	if (p->run_init && len == 0 && name_len == 4 && zos_memcmp(name, "init", 4) == 0) {
		const struct embedded_binary *b = embedded_find("init", 4);

		if (!b)
			return ZOS_ERR_SPAWN_FAILED;
		bin = b->start;
		len = (uint32_t)b->len;
	}
	if (p->n_spawned == PLATFORM_MAX_SPAWNS && !p->run_init)
		return ZOS_ERR_SPAWN_FAILED;
	if (len >= 64) {
		err = uproc_create(pid, name, name_len, bin, len);
		if (err == ZOS_OK && !p->run_init)
			kprintf("platform: process %u (%.*s) loaded into its own address space, "
				"ready for ring 3\n",
				pid, (int)name_len, name);
	} else {
		kprintf("platform: process %u (%.*s) recorded; it runs no code of its own\n", pid,
			(int)name_len, name);
	}
	if (err == ZOS_OK && p->n_spawned < PLATFORM_MAX_SPAWNS)
		p->spawned[p->n_spawned++] = pid;
	return err;
}

static void op_process_ended(void *ctx, uint32_t pid)
{
	struct x86_platform *p = ctx;

	p->n_ended++;
	uproc_ended(pid);
	if (p->run_init)
		platform_process_ended(p, pid, -1, 0);
	else
		kprintf("platform: process %u ended\n", pid);
}

static void op_wake(void *ctx, uint32_t pid)
{
	struct x86_platform *p = ctx;

	p->n_wakes++;
	uproc_wake(pid);
}

/* Replays the whole in-memory log into a scratch kernel and compares. */
static int op_verify_log(void *ctx, const uint8_t live[32], struct zos_audit_verify *v)
{
	struct x86_platform *p = ctx;
	struct kernel *k = kalloc(sizeof *k);
	struct replay_report rep;
	uint8_t h[32];

	if (!k)
		return v->disk_status = ZOS_ERR_RESOURCE_EXHAUSTED;
	v->disk_status = replay_records(k, p->log.buf, p->log.len, &rep);
	v->disk_commits = rep.commits;
	v->epochs = rep.epochs;
	v->checkpoints = rep.checkpoints;
	v->torn = (uint8_t)rep.torn;
	zos_memcpy(v->head, rep.head, 32);
	if (rep.status) {
		v->bad_seq = rep.bad_seq;
		zos_snprintf(v->reason, sizeof v->reason, "%s", rep.reason ? rep.reason : "");
	}
	state_hash(&k->s, h);
	v->matches_live = zos_memcmp(h, live, 32) == 0;
	kfree(k, sizeof *k);
	return v->disk_status;
}

int platform_init(struct x86_platform *p)
{
	zos_memset(p, 0, sizeof *p);
	p->hal = (struct zos_hal){
		.ctx = p,
		.now_ns = op_now,
		.wallclock_ms = op_wallclock,
		.random = op_random,
		.console_write = op_console_write,
		.debug = op_debug,
		.load_binary = op_load_binary,
		.spawn = op_spawn,
		.process_ended = op_process_ended,
		.wake = op_wake,
		.verify_log = op_verify_log,
	};
	return memlog_init(&p->log, PLATFORM_LOG_BYTES);
}

void platform_notice(struct x86_platform *p, uint32_t tag, const void *body, uint32_t len)
{
	struct platform_notice *n;

	if (p->n_notices == PLATFORM_NOTICES || len > PLATFORM_NOTICE_MAX) {
		kprintf("platform: dropped a notice for init (tag 0x%x)\n", tag);
		return;
	}
	n = &p->notices[p->n_notices++];
	n->tag = tag;
	n->len = len;
	zos_memcpy(n->body, body, len);
}

void platform_process_ended(struct x86_platform *p, uint32_t pid, int32_t code, uint32_t fault)
{
	struct zos_process_ended e = { pid, code, fault, code == -1 && fault == 0 };

	if (!p->run_init)
		return;
	if (pid == ZOS_PID_INIT) {
		p->init_ended = 1;
		return;
	}
	platform_notice(p, ZOS_MSG_SUP_PROCESS_ENDED, &e, sizeof e);
}

int platform_pump(struct x86_platform *p)
{
	uint32_t i = 0;
	int did = 0;
	int c;

	if (!p->sys || !p->run_init)
		return 0;
	for (; i < p->n_notices; i++) {
		int64_t r = system_kernel_send(p->sys, ZOS_KERNEL_INIT_SLOT, p->notices[i].tag,
					       p->notices[i].body, p->notices[i].len);
		if (r == ZOS_ERR_QUEUE_FULL || r == ZOS_ERR_RESOURCE_EXHAUSTED)
			break; /* Init is behind: the rest next time */
		did = 1;
	}
	zos_memmove(p->notices, p->notices + i, (p->n_notices - i) * sizeof p->notices[0]);
	p->n_notices -= i;
	while (p->input_len < sizeof p->input && (c = serial_getc()) >= 0)
		p->input[p->input_len++] = (uint8_t)c;
	if (p->input_len) {
		int64_t r = system_kernel_send(p->sys, ZOS_KERNEL_INIT_SLOT, ZOS_MSG_SUP_CONSOLE_INPUT,
					       p->input, p->input_len);
		if (r == ZOS_OK) {
			p->input_len = 0;
			did = 1;
		}
	}
	return did;
}
