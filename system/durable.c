/*
 * The output-commit rule, written once for every platform.
 *
 * Commits reach the sink as they are appended (commitlog.c) but are
 * durable only once the sink's flush has returned: the group commit. The
 * log is made durable before anything leaves the system, since only what
 * leaves can outlive a crash: before a console write and before a device
 * request that changes a store or goes out (platform_calls.c), before the
 * log is read back for the audit device (audit.c), at shutdown (the
 * platform calls system_flush), and in any case once the oldest unflushed
 * commit is ZOS_FLUSH_LAG_NS old (the platform asks system_flush_due when
 * to wake for it). Answers between processes do not wait for the disk: a
 * crash ends every process (the next boot's Boot commit resets them all),
 * so a crash loses at most a tail nothing outside ever saw.
 *
 * A failed write or flush stops the log for good (never retried; see
 * commitlog.h): the System says so once, refuses every change after it
 * (door.c), and tells the platform to stop with exit status 3.
 */
#include "system/internal.h"

#include <zos/error.h>

#include "lib/fmt.h"
#include "lib/mem.h"

void sys_say(struct zos_system *sys, const char *text)
{
	const struct zos_hal *h = sys->hal;

	if (h && h->console_write)
		h->console_write(h->ctx, (const uint8_t *)text, (uint32_t)zos_strlen(text));
}

void system_stop(struct zos_system *sys, int code, const char *why)
{
	if (sys->stopping)
		return;
	sys->stopping = 1;
	sys->exit_code = code;
	zos_snprintf(sys->stop_why, sizeof sys->stop_why, "%s", why ? why : "");
}

void durable_log_stopped(struct zos_system *sys, int err)
{
	char line[160];

	if (sys->log_stop_said)
		return;
	sys->log_stop_said = 1;
	zos_snprintf(line, sizeof line,
		     "zos: the commit log could not be written (%s); stopping, and nothing that "
		     "was not saved leaves the system\n",
		     zos_error_message(err) ? zos_error_message(err) : "error");
	sys_say(sys, line);
	system_stop(sys, 3, "");
}

void durable_appended(struct zos_system *sys, uint64_t was_unflushed)
{
	if (!was_unflushed && sys->ax.log.unflushed && !sys->dirty_since)
		sys->dirty_since = sys_now(sys) | 1; /* 0 means clean */
}

int system_flush(struct zos_system *sys)
{
	int err = commitlog_flush(&sys->ax.log);

	/* Here, when err is ZOS_OK, every commit appended so far is durable. */
	if (err) {
		durable_log_stopped(sys, err);
		return err;
	}
	sys->dirty_since = 0;
	return ZOS_OK;
}

int durable_before_output(struct zos_system *sys)
{
	return system_flush(sys) == ZOS_OK ? ZOS_OK : ZOS_ERR_LOG_FAILED;
}

uint64_t system_flush_due(const struct zos_system *sys, uint64_t now)
{
	uint64_t age;

	if (!sys->dirty_since || sys->ax.log.failed)
		return UINT64_MAX;
	age = now > sys->dirty_since ? now - sys->dirty_since : 0;
	return age >= ZOS_FLUSH_LAG_NS ? 0 : ZOS_FLUSH_LAG_NS - age;
}

void system_log_lost(struct zos_system *sys, int err)
{
	commitlog_stop(&sys->ax.log);
	durable_log_stopped(sys, err ? err : ZOS_ERR_IO);
}
