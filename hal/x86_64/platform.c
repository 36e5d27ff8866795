/*
 * The x86_64 zos_hal operations (see platform.h): clock and wall clock
 * from clock.c, entropy from entropy.c, the console on COM1, storage and
 * keystore requests on the disks, the log read back (from the system disk,
 * or the in-memory one) and kernel heap memory for the System. When the
 * log is made durable is the System's rule, not this file's.
 */
#include "hal/x86_64/platform.h"

#include <zos/cap.h>
#include <zos/error.h>
#include <zos/msg.h>
#include <zos/pid.h>

#include "hal/x86_64/drivers/clock.h"
#include "hal/x86_64/embedded.h"
#include "hal/x86_64/drivers/entropy.h"
#include "hal/x86_64/mem/kheap.h"
#include "hal/x86_64/kprint.h"
#include "hal/x86_64/proc.h"
#include "hal/x86_64/prof/prof.h"
#include "hal/x86_64/drivers/serial.h"
#include "lib/blockstore/kv_device.h"
#include "lib/fmt.h"
#include "lib/kv_request.h"
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
	if (!p->run_init)
		kprintf("platform: process %u ended\n", pid);
}

static void op_wake(void *ctx, uint32_t pid)
{
	struct x86_platform *p = ctx;

	p->n_wakes++;
	uproc_wake(pid);
}

/* A storage or keystore request, done now; its result waits in the queue
 * for platform_pump. Refused (nothing queued) when the queue is full. */
static int op_device_request(void *ctx, uint32_t pid, uint64_t request, const zos_syscall_t *sc)
{
	struct x86_platform *p = ctx;
	struct platform_result *r;
	struct kv_call call;
	struct bs_kv *kv;
	int err = kv_call_decode(sc, &call);

	(void)pid;
	if (err)
		return err;
	if (!p->disks)
		return ZOS_ERR_NOT_SUPPORTED;
	kv = call.keystore ? (p->disks->have_keystore ? &p->disks->keystore : 0)
			   : (p->disks->have_storage ? &p->disks->storage : 0);
	if (!kv)
		return ZOS_ERR_NOT_SUPPORTED;
	if (p->n_results == PLATFORM_RESULTS)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	r = &p->results[p->n_results];
	r->len = bs_kv_device_request(kv, sc->num, request, sc->in, sc->in_len, r->body,
				      sizeof r->body);
	if (r->len == 0)
		return ZOS_ERR_IO;
	r->request = request;
	r->tag = call.keystore ? ZOS_MSG_DEV_KEYSTORE_RESULT : ZOS_MSG_DEV_STORAGE_RESULT;
	p->n_results++;
	return ZOS_OK;
}

/* The log as the disk holds it now (the System flushed it first), or the
 * in-memory one, which stays the platform's. */
static int op_read_log(void *ctx, struct hal_buf *out)
{
	struct x86_platform *p = ctx;
	uint8_t *data = 0;
	uint64_t len = 0, cap = 0;
	int err;

	if (!p->disks || !p->disks->have_log) {
		out->data = p->log.buf;
		out->len = p->log.len;
		out->cap = 0;
		return ZOS_OK;
	}
	err = disks_read_log(p->disks, &data, &len, &cap);
	if (err)
		return err;
	out->data = data;
	out->len = len;
	out->cap = cap;
	return ZOS_OK;
}

static int op_log_key(void *ctx, uint8_t seed[32])
{
	struct x86_platform *p = ctx;

	return p->disks ? disks_log_key(p->disks, seed) : ZOS_ERR_NOT_SUPPORTED;
}

static void *op_alloc(void *ctx, size_t n)
{
	void *m = kalloc(n);

	(void)ctx;
	if (m)
		zos_memset(m, 0, n);
	return m;
}

static void op_free(void *ctx, void *m, size_t n)
{
	(void)ctx;
	kfree(m, n);
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
		.device_request = op_device_request,
		.read_log = op_read_log,
		.log_key = op_log_key,
		.alloc = op_alloc,
		.free = op_free,
	};
	return memlog_init(&p->log, PLATFORM_LOG_BYTES);
}

int platform_pump(struct x86_platform *p)
{
	int did = 0;
	int c;

	if (!p->sys || !p->run_init)
		return 0;
	for (uint32_t j = 0; j < p->n_results; j++) {
		/* NOT_FOUND: the requester, or its endpoint, went away. */
		system_device_done(p->sys, p->results[j].request, p->results[j].tag,
				   p->results[j].body, p->results[j].len);
		did = 1;
	}
	p->n_results = 0;
	while (system_console_room(p->sys) && (c = serial_getc()) >= 0) {
		uint8_t b = (uint8_t)c;
		system_console_input(p->sys, &b, 1);
	}
	return system_pump(p->sys) | did;
}
