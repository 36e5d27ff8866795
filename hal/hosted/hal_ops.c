/*
 * The hosted platform's HAL operations (hal/hal.h): clocks, entropy, the
 * console, binaries from build/hosted/bin, starting and stopping
 * processes, wakes for parked receivers, device requests, reading the log
 * back, and memory.
 *
 * The System calls these in the middle of a syscall. None of them calls
 * back into the System: a wake is queued and resumed by the loop after.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <stdlib.h>
#include <zos/error.h>
#include <zos/param.h>


#include "hal/hosted/hosted.h"
#include "hal/hosted/kvstore.h"

uint64_t hosted_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t op_now(void *ctx)
{
	struct hosted *h = ctx;
	return hosted_now_ns() - h->start_ns;
}

static uint64_t op_wallclock(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000ull + (uint64_t)ts.tv_nsec / 1000000ull;
}

static int op_random(void *ctx, uint8_t *out, uint32_t len)
{
	uint32_t got = 0;

	(void)ctx;
	while (got < len) {
		ssize_t n = getrandom(out + got, len - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return ZOS_ERR_IO;
		got += (uint32_t)n;
	}
	return ZOS_OK;
}

static int64_t op_console_write(void *ctx, const uint8_t *buf, uint32_t len)
{
	struct hosted *h = ctx;

	return console_write(&h->console, buf, len);
}

static void op_debug(void *ctx, uint32_t pid, const uint8_t *msg, uint32_t len)
{
	struct hosted *h = ctx;
	struct hproc *p = procs_find(&h->procs, pid);

	if (h->verbose)
		fprintf(stderr, "[%s %u] %.*s\n", p ? p->name : "?", pid, (int)len, (const char *)msg);
}

/* A program name is a plain file name: no path, nothing hidden. */
static int name_ok(const char *name, uint32_t len)
{
	if (len == 0 || len > ZOS_NAME_MAX || name[0] == '.')
		return 0;
	for (uint32_t i = 0; i < len; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
		      name[i] == '-' || name[i] == '_'))
			return 0;
	return 1;
}

static int64_t op_load_binary(void *ctx, const char *name, uint32_t name_len, uint8_t *out,
			      uint32_t cap)
{
	struct hosted *h = ctx;
	char path[PATH_MAX + ZOS_NAME_MAX + 2];
	struct stat st;
	int64_t got = 0;
	int fd;

	if (!name_ok(name, name_len))
		return ZOS_ERR_INVALID_ARGUMENT;
	snprintf(path, sizeof path, "%s/%.*s", h->procs.bin_dir, (int)name_len, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? ZOS_ERR_NOT_FOUND : ZOS_ERR_IO;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return ZOS_ERR_NOT_FOUND;
	}
	if ((uint64_t)st.st_size > cap) {
		close(fd);
		return ZOS_ERR_BUFFER_TOO_SMALL;
	}
	while (got < st.st_size) {
		ssize_t n = read(fd, out + got, (size_t)(st.st_size - got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += n;
	}
	close(fd);
	return got == st.st_size ? got : ZOS_ERR_IO;
}

/* Init is started by the platform itself, from its binary on disk; every
 * other process from the binary its SPAWN_PROCESS carried. */
static int op_spawn(void *ctx, uint32_t pid, const char *name, uint32_t name_len,
		    const uint8_t *binary, uint32_t len)
{
	static uint8_t own[ZOS_MAILBOX_DATA];
	struct hosted *h = ctx;
	int64_t n;

	if (binary)
		return procs_spawn(&h->procs, pid, name, name_len, binary, len);
	n = op_load_binary(ctx, name, name_len, own, sizeof own);
	if (n < 0) {
		console_say(&h->console, "zos: cannot load %.*s from %s: %s\n", (int)name_len, name,
			    h->procs.bin_dir, zos_error_message(n));
		return ZOS_ERR_SPAWN_FAILED;
	}
	return procs_spawn(&h->procs, pid, name, name_len, own, (uint32_t)n);
}

static void op_process_ended(void *ctx, uint32_t pid)
{
	struct hosted *h = ctx;

	procs_stop(&h->procs, pid);
}

static void op_wake(void *ctx, uint32_t pid)
{
	struct hosted *h = ctx;

	if (h->nwoken < sizeof h->woken / sizeof h->woken[0])
		h->woken[h->nwoken++] = pid;
}

static int op_device_request(void *ctx, uint32_t pid, uint64_t request, const zos_syscall_t *sc)
{
	struct hosted *h = ctx;

	(void)pid;
	return devices_request(&h->devices, request, sc);
}

/* The log file as it is on the disk (the System flushed it first). */
static int op_read_log(void *ctx, struct hal_buf *out)
{
	struct hosted *h = ctx;
	uint8_t *data = 0;
	size_t len = 0;
	int err = logfile_read(&h->log, &data, &len);

	if (err)
		return err;
	out->data = data;
	out->len = len;
	out->cap = len ? len : 1; /* malloc'd: the System gives it back */
	return ZOS_OK;
}

static void *op_alloc(void *ctx, size_t n)
{
	(void)ctx;
	return calloc(1, n);
}

/* The machine's log key: a reserved record of keystore.db, made at the
 * first boot (axiom/log_sign.h). */
static int op_log_key(void *ctx, uint8_t seed[32])
{
	struct hosted *h = ctx;
	char path[PATH_MAX + 16];

	if (snprintf(path, sizeof path, "%s/keystore.db", h->data_dir) >= (int)sizeof path)
		return ZOS_ERR_INVALID_ARGUMENT;
	return kv_platform_secret(path, ZOS_LOG_KEY_NAME, seed, 32, op_random, h);
}

static void op_free(void *ctx, void *p, size_t n)
{
	(void)ctx, (void)n;
	free(p);
}

void hosted_hal_init(struct hosted *h)
{
	h->hal = (struct zos_hal){
		.ctx = h,
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
}
