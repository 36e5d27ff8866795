/*
 * Running Zero OS (see live.h). The CommitLog is the in-memory one until
 * virtio-blk lands, so each boot starts from Genesis. Console input is
 * polled from COM1 between process runs and while idle, and delivered to
 * Init's inbox as CONSOLE_INPUT, as the hosted platform does; Init hears of
 * every process that ends (PROCESS_ENDED) and is asked at boot to start the
 * terminal.
 */
#include "hal/x86_64/live.h"

#include <zos/error.h>
#include <zos/msg.h>

#include "hal/x86_64/kheap.h"
#include "hal/x86_64/kprint.h"
#include "hal/x86_64/platform.h"
#include "hal/x86_64/prof.h"
#include "hal/x86_64/sched.h"
#include "system/system.h"

static struct x86_platform live;

static void on_ended(void *ctx, uint32_t pid, int32_t code, uint32_t fault)
{
	platform_process_ended(ctx, pid, code, fault);
}

static int on_pump(void *ctx)
{
	return platform_pump(ctx);
}

static int on_stop(void *ctx)
{
	return ((struct x86_platform *)ctx)->init_ended;
}

void live_run(void)
{
	struct zos_system *sys = kalloc(sizeof *sys);
	struct sched_hooks hooks = { &live, on_ended, on_pump, on_stop };
	struct log_sink sink;
	struct replay_report rep;
	struct sched_stats st;
	int err;

	if (!sys || platform_init(&live) != ZOS_OK)
		kpanic("live: no memory for the System");
	live.run_init = 1;
	sink = memlog_sink(&live.log);
	if (sched_init(sys, &hooks) != ZOS_OK)
		kpanic("live: no memory for the scheduler");
	err = system_start(sys, &live.hal, &sink, 0, 0, &rep);
	if (err)
		kpanic("live: the System did not start: %s", zos_error_name(err));
	live.sys = sys;
	kprintf("Zero OS: Genesis; Init (pid 1) runs in ring 3 (the log is in memory: nothing "
		"persists yet)\n");
	platform_notice(&live, ZOS_MSG_SUP_SPAWN_PROCESS, "terminal", 8);
	sched_run(&st, 1);
	kprintf("Zero OS: Init ended; %llu commits in the log, %u processes ran, %u syscalls\n",
		(unsigned long long)sys->ax.log.next_seq, st.started, st.syscalls);
	if (prof_on)
		prof_report(sys);
}
