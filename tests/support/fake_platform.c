/* The fake platform for host tests (see fake_platform.h). */
#include "fake_platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zos/error.h>

static uint64_t f_now(void *ctx)
{
	struct fake_platform *f = ctx;
	f->now += f->tick;
	return f->now;
}

static uint64_t f_wall(void *ctx)
{
	(void)ctx;
	return 1700000000000ull;
}

static int f_random(void *ctx, uint8_t *out, uint32_t len)
{
	(void)ctx;
	for (uint32_t i = 0; i < len; i++)
		out[i] = (uint8_t)(i * 37 + 11);
	return ZOS_OK;
}

static int64_t f_console(void *ctx, const uint8_t *buf, uint32_t len)
{
	struct fake_platform *f = ctx;
	size_t room = sizeof f->console - f->console_len;
	size_t n = len < room ? len : room;
	if (n)
		memcpy(f->console + f->console_len, buf, n);
	f->console_len += n;
	return (int64_t)len;
}

static int64_t f_load(void *ctx, const char *name, uint32_t name_len, uint8_t *out, uint32_t cap)
{
	(void)ctx;
	if (name_len == 4 && memcmp(name, "none", 4) == 0)
		return ZOS_ERR_NOT_FOUND;
	if (cap < 4)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	memcpy(out, "\x7f" "ELF", 4);
	return 4;
}

static int f_spawn(void *ctx, uint32_t pid, const char *name, uint32_t name_len,
		   const uint8_t *bin, uint32_t len)
{
	struct fake_platform *f = ctx;
	(void)name;
	(void)name_len;
	(void)bin;
	(void)len;
	if (f->fail_spawn)
		return ZOS_ERR_SPAWN_FAILED;
	if (f->n_spawned < FAKE_MAX_EVENTS)
		f->spawned[f->n_spawned++] = pid;
	return ZOS_OK;
}

static void f_ended(void *ctx, uint32_t pid)
{
	struct fake_platform *f = ctx;
	if (f->n_ended < FAKE_MAX_EVENTS)
		f->ended[f->n_ended++] = pid;
}

static void f_wake(void *ctx, uint32_t pid)
{
	struct fake_platform *f = ctx;
	if (f->n_wakes < FAKE_MAX_EVENTS)
		f->wakes[f->n_wakes++] = pid;
}

static int f_device(void *ctx, uint32_t pid, uint64_t request, const zos_syscall_t *sc)
{
	struct fake_platform *f = ctx;
	if (f->fail_device)
		return ZOS_ERR_IO;
	if (f->n_requests < FAKE_MAX_EVENTS) {
		f->requests[f->n_requests].pid = pid;
		f->requests[f->n_requests].request = request;
		f->requests[f->n_requests].num = sc->num;
		f->n_requests++;
	}
	return ZOS_OK;
}

static int sink_write(void *ctx, const uint8_t *data, size_t len)
{
	struct fake_platform *f = ctx;
	if (f->fail_write) {
		f->fail_write = 0;
		return ZOS_ERR_IO;
	}
	if (f->log_len + len > f->log_cap) {
		size_t cap = f->log_cap ? f->log_cap * 2 : 65536;
		while (cap < f->log_len + len)
			cap *= 2;
		f->log = realloc(f->log, cap);
		if (!f->log) {
			fprintf(stderr, "fake sink: out of memory\n");
			abort();
		}
		f->log_cap = cap;
	}
	memcpy(f->log + f->log_len, data, len);
	f->log_len += len;
	return ZOS_OK;
}

static int sink_flush(void *ctx)
{
	struct fake_platform *f = ctx;
	if (f->fail_flush) {
		f->fail_flush = 0;
		return ZOS_ERR_IO;
	}
	f->flushes++;
	f->durable_len = f->log_len;
	return ZOS_OK;
}

static int sink_truncate(void *ctx, size_t len)
{
	struct fake_platform *f = ctx;
	if (len > f->log_len)
		return ZOS_ERR_INVALID_ARGUMENT;
	f->log_len = len;
	f->truncations++;
	return ZOS_OK;
}

static int sink_anchor(void *ctx, const struct log_anchor *a)
{
	struct fake_platform *f = ctx;
	if (f->fail_anchor) {
		f->fail_anchor = 0;
		return ZOS_ERR_IO;
	}
	anchor_encode(a, f->anchor_slots[anchor_slot_for(a->seq)]);
	f->anchors++;
	return ZOS_OK;
}

static int sink_read_anchor(void *ctx, struct log_anchor *a)
{
	struct fake_platform *f = ctx;
	return anchor_pick((const uint8_t(*)[ZOS_ANCHOR_SLOT_SIZE])f->anchor_slots, a);
}

void fake_keep_anchor(struct fake_platform *f)
{
	f->anchoring = 1;
	memset(f->anchor_slots, 0, sizeof f->anchor_slots);
	f->sink.anchor = sink_anchor;
	f->sink.read_anchor = sink_read_anchor;
}

/* The durable part of the log, as a boot would read it back. */
static int f_read_log(void *ctx, struct hal_buf *out)
{
	struct fake_platform *f = ctx;

	if (!f->readback)
		return ZOS_ERR_NOT_SUPPORTED;
	out->data = f->log;
	out->len = f->durable_len;
	out->cap = 0; /* the sink's own buffer: not the System's to free */
	return ZOS_OK;
}

static void *f_alloc(void *ctx, size_t n)
{
	(void)ctx;
	return calloc(1, n);
}

static void f_free(void *ctx, void *p, size_t n)
{
	(void)ctx, (void)n;
	free(p);
}

void fake_init(struct fake_platform *f)
{
	memset(f, 0, sizeof *f);
	f->tick = 1000;
	f->hal = (struct zos_hal){
		.ctx = f,
		.now_ns = f_now,
		.wallclock_ms = f_wall,
		.random = f_random,
		.console_write = f_console,
		.load_binary = f_load,
		.spawn = f_spawn,
		.process_ended = f_ended,
		.wake = f_wake,
		.device_request = f_device,
		.read_log = f_read_log,
		.alloc = f_alloc,
		.free = f_free,
	};
	f->sink = (struct log_sink){
		.write = sink_write, .flush = sink_flush, .truncate = sink_truncate, .ctx = f };
}

void fake_free(struct fake_platform *f)
{
	free(f->log);
	f->log = 0;
}

int fake_system_boot(struct fake_platform *f, const uint8_t *log, size_t len,
		     struct zos_system **out, struct replay_report *rep)
{
	struct zos_system *s = calloc(1, sizeof *s);
	int err;

	if (!s) {
		fprintf(stderr, "fake_system: out of memory\n");
		abort();
	}
	err = system_start(s, &f->hal, &f->sink, log, len, rep);
	if (err) {
		free(s);
		*out = 0;
		return err;
	}
	*out = s;
	return ZOS_OK;
}

struct zos_system *fake_system(struct fake_platform *f)
{
	struct replay_report rep;
	struct zos_system *s;

	if (fake_system_boot(f, 0, 0, &s, &rep) != ZOS_OK) {
		fprintf(stderr, "fake_system: system_start failed\n");
		abort();
	}
	return s;
}

void fake_system_free(struct zos_system *sys)
{
	free(sys);
}

static int64_t run(struct zos_system *s, uint32_t pid, zos_syscall_t *sc)
{
	int64_t r = ZOS_ERR_WOULD_BLOCK;
	enum system_outcome o = system_syscall(s, pid, sc, &r);
	if (o == SYS_PARKED)
		return ZOS_ERR_WOULD_BLOCK;
	if (o == SYS_GONE)
		return ZOS_OK;
	return r;
}

int64_t sc0(struct zos_system *s, uint32_t pid, uint32_t num, uint64_t a0, uint64_t a1,
	    uint64_t a2)
{
	zos_syscall_t sc = { .num = num, .arg = { a0, a1, a2, 0 } };
	return run(s, pid, &sc);
}

int64_t sc_in(struct zos_system *s, uint32_t pid, uint32_t num, uint64_t a0, uint64_t a1,
	      uint64_t a2, const void *in, uint32_t in_len)
{
	zos_syscall_t sc = { .num = num, .arg = { a0, a1, a2, 0 }, .in = in, .in_len = in_len };
	return run(s, pid, &sc);
}

int64_t sc_out(struct zos_system *s, uint32_t pid, uint32_t num, uint64_t a0, uint64_t a1,
	       void *out, uint32_t out_cap, uint32_t *out_len)
{
	zos_syscall_t sc = { .num = num, .arg = { a0, a1, 0, 0 }, .out = out, .out_cap = out_cap };
	int64_t r = run(s, pid, &sc);
	if (out_len)
		*out_len = sc.out_len;
	return r;
}

int64_t spawn_child(struct zos_system *s, uint32_t parent, uint32_t spawn_slot, const char *name)
{
	uint8_t in[64];
	uint32_t n = (uint32_t)strlen(name);
	memcpy(in, &n, 4);
	memcpy(in + 4, name, n);
	memcpy(in + 4 + n, "BIN", 3);
	return sc_in(s, parent, ZOS_SYS_SPAWN_PROCESS, spawn_slot, 0, 0, in, 4 + n + 3);
}
