/*
 * Bringing the System up: Genesis on an empty log, or the log verified,
 * replayed and extended with Boot; then Init. Each of these is a step pid
 * 0 makes through the door, like every other change.
 */
#include "system/internal.h"

#include <zos/error.h>

#include "lib/mem.h"

/* A System step with no syscall behind it (no SysLog event, no cause). */
static int64_t own_step(struct zos_system *sys, uint32_t num, struct kstep *st)
{
	zos_syscall_t sc = { .num = num };

	return door_step(sys, ZOS_PID_KERNEL, &sc, ZOS_CAUSE_NONE, st);
}

/* Verify and replay before anything is appended: a broken chain is never
 * extended, and neither is one after a torn record, nor one that lost
 * what its anchor says was made durable (axiom/anchor.h). */
static int resume_log(struct zos_system *sys, const struct log_sink *sink, const uint8_t *log,
		      size_t len, struct replay_report *rep)
{
	struct log_anchor a;
	int have = sink && sink->read_anchor ? sink->read_anchor(sink->ctx, &a) : ZOS_ERR_NOT_SUPPORTED;

	if (have != ZOS_OK && have != ZOS_ERR_NOT_FOUND && have != ZOS_ERR_NOT_SUPPORTED) {
		zos_memset(rep, 0, sizeof *rep);
		rep->status = have;
		rep->reason = "the anchor of the durable head cannot be read";
		return have;
	}
	if (replay_records_probe(&sys->k, log, len, have == ZOS_OK ? a.seq : UINT64_MAX, rep) != ZOS_OK)
		return rep->status;
	if (have == ZOS_OK) {
		if (anchor_check(&a, rep) != ZOS_OK)
			return rep->status;
	} else if (have == ZOS_ERR_NOT_FOUND) {
		rep->anchor = REPLAY_ANCHOR_ABSENT;
	}
	if (rep->commits == 0)
		return ZOS_ERR_CORRUPT; /* only a torn first record: nothing to trust */
	if (rep->torn && (!sink || !sink->truncate ||
			  sink->truncate(sink->ctx, rep->good_bytes) != ZOS_OK))
		return ZOS_ERR_IO;
	commitlog_resume(&sys->ax.log, rep->next_seq, rep->head);
	return ZOS_OK;
}

int system_start(struct zos_system *sys, const struct zos_hal *hal, const struct log_sink *sink,
		 const uint8_t *log, size_t len, struct replay_report *rep)
{
	struct kstep st;
	int64_t r;
	int err;

	if (!hal)
		return ZOS_ERR_INVALID_ARGUMENT;
	zos_memset(sys->parked, 0, sizeof sys->parked);
	sys->n_notices = sys->notices_dropped = 0;
	sys->console_len = 0;
	sys->console_eof = 0;
	sys->dirty_since = 0;
	sys->stopping = sys->log_stop_said = 0;
	sys->exit_code = 0;
	sys->stop_why[0] = 0;
	sys->hal = hal;
	axiom_init(&sys->ax, sys->events, ZOS_SYSLOG_DEFAULT, sys->window, ZOS_COMMIT_WINDOW, sink);
	zos_memset(rep, 0, sizeof *rep);
	kernel_reset(&sys->k);
	if (!log || len == 0) {
		struct log_anchor a;
		if (sink && sink->read_anchor && sink->read_anchor(sink->ctx, &a) == ZOS_OK) {
			/* No log, yet an anchor: the log was lost, not never begun. */
			rep->status = ZOS_ERR_CORRUPT;
			rep->bad_seq = 0;
			rep->reason = "the log is empty but its anchor says commits were made durable";
			rep->anchor_seq = a.seq;
			rep->anchor = REPLAY_ANCHOR_FAILED;
			return ZOS_ERR_CORRUPT;
		}
		r = own_step(sys, ZOS_SYS_KERNEL_GENESIS, &st);
	} else {
		err = resume_log(sys, sink, log, len, rep);
		if (err)
			return err;
		r = own_step(sys, ZOS_SYS_KERNEL_BOOT, &st);
	}
	if (r < 0)
		return (int)r;
	r = own_step(sys, ZOS_SYS_KERNEL_SPAWN_INIT, &st);
	if (r < 0)
		return (int)r;
	r = system_start_process(sys, &st.next, ZOS_CAUSE_NONE, r);
	return r < 0 ? (int)r : ZOS_OK;
}
