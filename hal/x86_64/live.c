/*
 * Running Zero OS (see live.h). With a system disk the CommitLog is read
 * from it, verified and replayed, and extended with Boot (system_start);
 * a log that does not verify is left untouched on the disk and this boot
 * runs from Genesis in memory with the disks unused. Without a system disk
 * the log is in memory and each boot starts from Genesis. Console input is
 * polled from COM1 between process runs and while idle, and handed to the
 * System, which delivers it to Init's inbox as it does on every platform,
 * with the notices of processes that ended; Init is asked at boot to start
 * the terminal.
 */
#include "hal/x86_64/live.h"

#include <zos/error.h>
#include <zos/msg.h>

#include "hal/x86_64/disks.h"
#include "hal/x86_64/mem/kheap.h"
#include "hal/x86_64/kprint.h"
#include "hal/x86_64/platform.h"
#include "hal/x86_64/prof/prof.h"
#include "hal/x86_64/sched.h"
#include "system/system.h"

static struct x86_platform live;
static struct x86_disks disks;

static int on_pump(void *ctx)
{
	return platform_pump(ctx);
}

/* The System says when: Init ended, or the log failed. */
static int on_stop(void *ctx)
{
	struct x86_platform *p = ctx;
	struct system_status st;

	system_status(p->sys, &st);
	return st.stopping;
}

/* The log on the disk verified and replayed into sys, Boot appended; or,
 * when that cannot be, the in-memory log from Genesis with no disks. */
static void start_system(struct zos_system *sys)
{
	struct log_sink sink = memlog_sink(&live.log);
	struct replay_report rep;
	uint8_t *data = 0;
	uint64_t len = 0, cap = 0;
	int err = ZOS_ERR_NOT_SUPPORTED;

	disks_open(&disks);
	if (disks.have_log) {
		err = disks_read_log(&disks, &data, &len, &cap);
		if (err)
			kprintf("live: the CommitLog cannot be read from the disk: %s\n",
				zos_error_message(err));
	}
	if (!err) {
		sink = disks_log_sink(&disks);
		live.disks = &disks;
		err = system_start(sys, &live.hal, &sink, data, len, &rep);
		if (cap)
			kfree(data, cap);
		if (!err && len) {
			kprintf("Zero OS: the CommitLog on %s verified: %llu commits, %llu earlier boots"
				"%s; Boot appended\n", DISKS_SYSTEM_SERIAL,
				(unsigned long long)rep.commits, (unsigned long long)rep.epochs,
				rep.torn ? ", a torn tail cut" : "");
			return;
		}
		if (!err) {
			kprintf("Zero OS: Genesis, on the new system disk; Init (pid 1) runs in ring 3\n");
			return;
		}
		kprintf("live: the CommitLog on %s does not verify at seq %llu (%s%s%s); it is left "
			"untouched and this boot runs in memory. Replace the disk image to start "
			"afresh.\n", DISKS_SYSTEM_SERIAL, (unsigned long long)rep.bad_seq,
			zos_error_message(err), rep.reason ? ": " : "", rep.reason ? rep.reason : "");
		if (rep.anchor == REPLAY_ANCHOR_FAILED)
			kprintf("live: its anchor says every commit up to seq %llu was made durable\n",
				(unsigned long long)rep.anchor_seq);
		live.disks = 0;
		sink = memlog_sink(&live.log);
	}
	err = system_start(sys, &live.hal, &sink, 0, 0, &rep);
	if (err)
		kpanic("live: the System did not start: %s", zos_error_name(err));
	kprintf("Zero OS: Genesis; Init (pid 1) runs in ring 3 (the log is in memory: nothing "
		"persists)\n");
}

void live_run(void)
{
	struct zos_system *sys = kalloc(sizeof *sys);
	struct sched_hooks hooks = { &live, on_pump, on_stop };
	struct system_status status;
	struct sched_stats st;

	if (!sys || platform_init(&live) != ZOS_OK)
		kpanic("live: no memory for the System");
	live.run_init = 1;
	if (sched_init(sys, &hooks) != ZOS_OK)
		kpanic("live: no memory for the scheduler");
	start_system(sys);
	live.sys = sys;
	system_notify_init(sys, ZOS_MSG_SUP_SPAWN_PROCESS, "terminal", 8);
	sched_run(&st, 1);
	if (live.disks)
		system_flush(sys);
	system_status(sys, &status);
	kprintf("Zero OS: Init ended; %llu commits in the log, %u processes ran, %u syscalls\n",
		(unsigned long long)status.commits, st.started, st.syscalls);
	if (prof_on)
		prof_report(sys);
}
