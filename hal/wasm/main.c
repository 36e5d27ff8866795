/*
 * kernel.wasm's entry points for what the worker does as pid 0, between
 * syscalls (hal/hosted's main.c, for the browser): boot on the stored
 * log, console input, a process that trapped, the log's transaction that
 * failed, and what the worker reads of the System (status, state hash).
 *
 * Boot: the worker reads the CommitLog from IndexedDB, copies it into
 * memory from zos_wasm_alloc and calls zos_wasm_boot. A log that does not
 * verify is refused with ZOS_ERR_CORRUPT and nothing is appended (the
 * report says at which seq and why); a torn tail is cut off through the
 * sink first. Then, as on Linux, Init is asked for a terminal.
 */
#include <zos/error.h>
#include <zos/msg.h>

#include "hal/wasm/wasm.h"
#include "lib/fmt.h"
#include "lib/mem.h"

struct wasm_platform wasm;
static struct zos_system the_system;
static uint8_t in_buf[ZOS_MAILBOX_DATA];
static uint8_t out_buf[ZOS_MAILBOX_DATA];

/* n bytes for the worker to hand in (the stored log), or 0. */
ZOS_WASM_EXPORT(zos_wasm_alloc) uint8_t *zos_wasm_alloc(uint32_t n);
uint8_t *zos_wasm_alloc(uint32_t n)
{
	return wasm_alloc(n ? n : 1);
}

static void fill_report(struct zos_wasm_boot *b, const struct replay_report *rep, int status)
{
	zos_memset(b, 0, sizeof *b);
	b->status = status;
	b->torn = (uint32_t)rep->torn;
	b->commits = rep->commits;
	b->epochs = rep->epochs;
	b->checkpoints = rep->checkpoints;
	b->bad_seq = rep->bad_seq;
	b->good_bytes = rep->good_bytes;
	zos_memcpy(b->head, rep->head, sizeof b->head);
	if (rep->reason)
		zos_snprintf(b->reason, sizeof b->reason, "%s", rep->reason);
}

static void report_boot(const struct replay_report *rep, uint32_t len, uint64_t us)
{
	char head[17];

	wasm_say("Zero OS (in the browser) - data in this site's IndexedDB\n");
	if (len == 0) {
		wasm_say("axiom: new commit log\n");
		return;
	}
	zos_hex(head, rep->head, 8);
	wasm_say("axiom: %llu commits in %llu epochs verified and replayed in %llu.%llu ms, head %s, "
		 "%llu checkpoints matched\n",
		 (unsigned long long)rep->commits, (unsigned long long)rep->epochs,
		 (unsigned long long)(us / 1000), (unsigned long long)(us / 100 % 10), head,
		 (unsigned long long)rep->checkpoints);
	if (rep->torn)
		wasm_say("axiom: the last record was torn: cut off %llu bytes\n",
			 (unsigned long long)(len - rep->good_bytes));
}

/* Boots on the stored log (len bytes at log, from zos_wasm_alloc; 0: a new
 * log), which it frees. ZOS_OK, CORRUPT, or another error; the report
 * (zos_wasm_boot_report) says what was found. */
ZOS_WASM_EXPORT(zos_wasm_boot) int32_t zos_wasm_boot(uint8_t *log, uint32_t len);
int32_t zos_wasm_boot(uint8_t *log, uint32_t len)
{
	struct wasm_platform *w = &wasm;
	struct replay_report rep;
	struct system_status st;
	double t0;
	int r;

	if (w->booted)
		return ZOS_ERR_INVALID_ARGUMENT;
	w->sys = &the_system;
	w->in_buf = in_buf;
	w->out_buf = out_buf;
	wasm_hal_init(w);
	t0 = zk_now_ms();
	r = system_start(w->sys, &w->hal, &w->sink, log, len, &rep);
	fill_report(&w->boot, &rep, r);
	wasm_free(log);
	if (r != ZOS_OK)
		return r;
	w->booted = 1;
	report_boot(&rep, len, (uint64_t)((zk_now_ms() - t0) * 1000));
	r = system_flush(w->sys);
	system_status(w->sys, &st);
	w->boot.log_commits = st.commits;
	system_state_hash(w->sys, w->boot.state);
	/* the console wants a terminal: Init starts one once it has booted */
	system_notify_init(w->sys, ZOS_MSG_SUP_SPAWN_PROCESS, "terminal", 8);
	return r;
}

ZOS_WASM_EXPORT(zos_wasm_boot_report) struct zos_wasm_boot *zos_wasm_boot_report(void);
struct zos_wasm_boot *zos_wasm_boot_report(void)
{
	return &wasm.boot;
}

ZOS_WASM_EXPORT(zos_wasm_status) struct zos_wasm_status *zos_wasm_status(void);
struct zos_wasm_status *zos_wasm_status(void)
{
	struct zos_wasm_status *s = &wasm.status;
	struct system_status st;

	zos_memset(s, 0, sizeof *s);
	if (!wasm.booted)
		return s;
	system_status(wasm.sys, &st);
	s->commits = st.commits;
	s->unflushed = st.unflushed;
	s->log_failed = st.log_failed;
	s->for_init = st.for_init;
	s->stopping = st.stopping;
	s->exit_code = st.exit_code;
	zos_snprintf(s->why, sizeof s->why, "%s", st.why ? st.why : "");
	return s;
}

ZOS_WASM_EXPORT(zos_wasm_state_hash) uint8_t *zos_wasm_state_hash(void);
uint8_t *zos_wasm_state_hash(void)
{
	if (wasm.booted)
		system_state_hash(wasm.sys, wasm.state_hash);
	return wasm.state_hash;
}

/* Everything appended so far handed to the log (for an export, a stop). */
ZOS_WASM_EXPORT(zos_wasm_flush) int32_t zos_wasm_flush(void);
int32_t zos_wasm_flush(void)
{
	return wasm.booted ? system_flush(wasm.sys) : ZOS_ERR_INVALID_ARGUMENT;
}

ZOS_WASM_EXPORT(zos_wasm_alive) int32_t zos_wasm_alive(uint32_t pid);
int32_t zos_wasm_alive(uint32_t pid)
{
	return wasm.booted && system_alive(wasm.sys, pid);
}

/* Console input: how many bytes the System takes now, and len of them
 * from the scratch area (at most that many). */
ZOS_WASM_EXPORT(zos_wasm_console_room) uint32_t zos_wasm_console_room(void);
uint32_t zos_wasm_console_room(void)
{
	uint32_t room = wasm.booted ? system_console_room(wasm.sys) : 0;

	return room < sizeof wasm.scratch ? room : (uint32_t)sizeof wasm.scratch;
}

ZOS_WASM_EXPORT(zos_wasm_console_input) uint32_t zos_wasm_console_input(uint32_t len);
uint32_t zos_wasm_console_input(uint32_t len)
{
	uint32_t room = zos_wasm_console_room();

	return system_console_input(wasm.sys, wasm.scratch, len < room ? len : room);
}

/* pid's worker trapped, outgrew its memory, or broke the ABI: the scratch
 * area holds its name (name_len bytes) and what happened (desc_len).
 * Said on the console and committed as ProcessFaulted, and its worker
 * terminated; 1 if it was still running. */
ZOS_WASM_EXPORT(zos_wasm_fault) int32_t zos_wasm_fault(uint32_t pid, uint32_t reason,
						       uint32_t name_len, uint32_t desc_len);
int32_t zos_wasm_fault(uint32_t pid, uint32_t reason, uint32_t name_len, uint32_t desc_len)
{
	const char *name = (const char *)wasm.scratch;

	if (!wasm.booted || !wasm_proc(&wasm, pid) || !system_alive(wasm.sys, pid) ||
	    name_len > sizeof wasm.scratch || desc_len > sizeof wasm.scratch - name_len)
		return 0;
	wasm_say("zos: %.*s (pid %u) crashed: %.*s\n", (int)name_len, name, pid, (int)desc_len,
		 name + name_len);
	system_fault(wasm.sys, pid, reason, name + name_len, desc_len);
	wasm_proc_ended(&wasm, pid); /* the System leaves a fault's end to us */
	return 1;
}

/* A log transaction the sink had accepted failed (IndexedDB aborted it,
 * the disk is full): the log stops for good. The worker drops what it
 * held behind it. */
ZOS_WASM_EXPORT(zos_wasm_log_lost) void zos_wasm_log_lost(int32_t err);
void zos_wasm_log_lost(int32_t err)
{
	if (wasm.booted)
		system_log_lost(wasm.sys, err);
}
