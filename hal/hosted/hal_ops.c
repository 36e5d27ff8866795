/*
 * The hosted platform's HAL operations (hal/hal.h): clocks, entropy, the
 * console, binaries from build/hosted/bin, starting and ending processes,
 * wakes for parked receivers, and device requests.
 *
 * The System calls these in the middle of a syscall. None of them calls
 * back into the System: anything that needs the System again (a wake to
 * resume, a notice for Init) is queued and done by the loop afterwards.
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


#include "hal/hosted/hosted.h"

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
	uint32_t done = 0;

	/* Output leaves the system: what led to it must be on the disk first. */
	if (hosted_make_durable(h) != ZOS_OK)
		return ZOS_ERR_LOG_FAILED;

	while (done < len) {
		ssize_t n = write(h->out_fd, buf + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return ZOS_ERR_IO;
		done += (uint32_t)n;
	}
	return len;
}

static void op_debug(void *ctx, uint32_t pid, const uint8_t *msg, uint32_t len)
{
	struct hosted *h = ctx;
	struct hproc *p = hproc_of(h, pid);

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
	snprintf(path, sizeof path, "%s/%.*s", h->bin_dir, (int)name_len, name);
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
	int64_t n;

	if (binary)
		return hosted_spawn(ctx, pid, name, name_len, binary, len);
	n = op_load_binary(ctx, name, name_len, own, sizeof own);
	if (n < 0) {
		console_say(ctx, "zos: cannot load %.*s from %s: %s\n", (int)name_len, name,
			    ((struct hosted *)ctx)->bin_dir, zos_error_message(n));
		return ZOS_ERR_SPAWN_FAILED;
	}
	return hosted_spawn(ctx, pid, name, name_len, own, (uint32_t)n);
}

static void op_process_ended(void *ctx, uint32_t pid)
{
	struct hosted *h = ctx;

	hosted_end_process(h, pid);
	hosted_process_ended(h, pid, -1, 0);
}

static void op_wake(void *ctx, uint32_t pid)
{
	struct hosted *h = ctx;

	if (h->nwoken < sizeof h->woken / sizeof h->woken[0])
		h->woken[h->nwoken++] = pid;
}

/* The audit device's re-verification: make everything durable, read the
 * log back from the disk as a boot would, replay it into a scratch kernel
 * and compare with the live state. */
static int op_verify_log(void *ctx, const uint8_t live[32], struct zos_audit_verify *v)
{
	struct hosted *h = ctx;
	struct kernel *k = calloc(1, sizeof *k);
	uint8_t *data = 0;
	size_t len = 0;
	int err = logfile_flush(&h->log);

	if (!err)
		err = logfile_read(&h->log, &data, &len);
	if (!k || err) {
		free(k);
		free(data);
		v->disk_status = err ? err : ZOS_ERR_RESOURCE_EXHAUSTED;
		return v->disk_status;
	}
	system_verify_records(k, data, len, live, v);
	free(k);
	free(data);
	return v->disk_status;
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
		.device_request = hosted_device_request,
		.verify_log = op_verify_log,
	};
}
