/*
 * The browser platform's HAL operations (hal/hal.h) and the CommitLog's
 * sink, each over the worker's imports (imports.h): clocks, entropy, the
 * console, binaries from the verified set, starting and stopping
 * processes, wakes for parked receivers, device requests, reading the log
 * back, and memory.
 *
 * The System calls these in the middle of a syscall. None of them calls
 * back into the System: a wake is queued and resumed at the end of the
 * pass (serve.c).
 */
#include <stdarg.h>
#include <zos/error.h>

#include "hal/wasm/wasm.h"
#include "lib/fmt.h"

static uint64_t op_now(void *ctx)
{
	double ms = zk_now_ms();

	(void)ctx;
	return ms > 0 ? (uint64_t)(ms * 1e6) : 0;
}

static uint64_t op_wallclock(void *ctx)
{
	double ms = zk_wallclock_ms();

	(void)ctx;
	return ms > 0 ? (uint64_t)ms : 0;
}

static int op_random(void *ctx, uint8_t *out, uint32_t len)
{
	(void)ctx;
	return zk_random(out, len) == ZOS_OK ? ZOS_OK : ZOS_ERR_IO;
}

static int64_t op_console_write(void *ctx, const uint8_t *buf, uint32_t len)
{
	(void)ctx;
	return zk_console_write(buf, len);
}

static void op_debug(void *ctx, uint32_t pid, const uint8_t *msg, uint32_t len)
{
	(void)ctx;
	zk_debug(pid, msg, len);
}

static int64_t op_load_binary(void *ctx, const char *name, uint32_t name_len, uint8_t *out,
			      uint32_t cap)
{
	(void)ctx;
	return zk_load_binary((const uint8_t *)name, name_len, out, cap);
}

/* Init is started from the verified binary of its name; every other
 * process from the binary its SPAWN_PROCESS carried. */
static int op_spawn(void *ctx, uint32_t pid, const char *name, uint32_t name_len,
		    const uint8_t *binary, uint32_t len)
{
	struct wasm_platform *w = ctx;
	int err;

	if (wasm_proc(w, pid))
		return ZOS_ERR_INVALID_ARGUMENT; /* already running */
	if (binary && len == 0)
		return ZOS_ERR_SPAWN_FAILED;
	err = zk_spawn(pid, (const uint8_t *)name, name_len, binary, binary ? len : 0);
	if (err)
		return ZOS_ERR_SPAWN_FAILED;
	wasm_proc_started(w, pid);
	return ZOS_OK;
}

static void op_process_ended(void *ctx, uint32_t pid)
{
	wasm_proc_ended(ctx, pid);
}

static void op_wake(void *ctx, uint32_t pid)
{
	struct wasm_platform *w = ctx;

	if (w->nwoken < sizeof w->woken / sizeof w->woken[0])
		w->woken[w->nwoken++] = pid;
}

static int op_device_request(void *ctx, uint32_t pid, uint64_t request, const zos_syscall_t *sc)
{
	(void)ctx, (void)pid;
	return wasm_device_request(request, sc);
}

/* Every record the sink accepted, as the next boot will read it once the
 * transactions under way have committed (or the log stops). */
static int op_read_log(void *ctx, struct hal_buf *out)
{
	uint32_t len = zk_log_size();
	uint8_t *data = wasm_alloc(len ? len : 1);

	(void)ctx;
	if (!data)
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	zk_log_read(data, len);
	out->data = data;
	out->len = len;
	out->cap = len ? len : 1;
	return ZOS_OK;
}

static void *op_alloc(void *ctx, size_t n)
{
	(void)ctx;
	return wasm_alloc(n);
}

static void op_free(void *ctx, void *p, size_t n)
{
	(void)ctx, (void)n;
	wasm_free(p);
}

static int sink_write(void *ctx, const uint8_t *data, size_t n)
{
	(void)ctx;
	return n > UINT32_MAX ? ZOS_ERR_INVALID_ARGUMENT : zk_log_append(data, (uint32_t)n);
}

/* The group commit point, as this platform has it: the records so far
 * become one IndexedDB transaction (strict durability), and the worker
 * holds every output after this until it has committed. A transaction
 * that fails later stops the log then (zos_wasm_log_lost). */
static int sink_flush(void *ctx)
{
	(void)ctx;
	return zk_log_flush();
}

static int sink_truncate(void *ctx, size_t len)
{
	(void)ctx;
	return len > UINT32_MAX ? ZOS_ERR_INVALID_ARGUMENT : zk_log_truncate((uint32_t)len);
}

void wasm_say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = zos_vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof line - 1)
		n = (int)sizeof line - 1;
	if (n > 0)
		zk_console_write((const uint8_t *)line, (uint32_t)n);
}

void wasm_hal_init(struct wasm_platform *w)
{
	w->hal = (struct zos_hal){
		.ctx = w,
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
		.alloc = op_alloc,
		.free = op_free,
	};
	w->sink = (struct log_sink){ .write = sink_write, .flush = sink_flush, .truncate = sink_truncate, .ctx = w };
}
