/*
 * Syscalls in and answers out: hal/hosted's loop.c and mailbox.c for the
 * browser. The kernel worker waits on every process's doorbell with
 * Atomics.waitAsync; a ring becomes zos_wasm_ring(pid), pid being the
 * mailbox it rang on, never anything the mailbox says. After every event
 * the worker calls zos_wasm_pass:
 *
 *   1. resume the receivers the System woke, let it deliver what waits
 *      for Init (system_pump), resume again;
 *   2. the group commit: whatever was appended is flushed (accepted by the
 *      worker, which writes one IndexedDB transaction at a time and holds
 *      the outputs behind it), so no commit waits for a timer;
 *   3. publish the stored answers (never once the log has failed).
 *
 * The mailbox is shared with a process that may write anything into it at
 * any time: its header is copied into kernel memory once and read from
 * that copy only (lib/mailbox.c, the hosted platform's rule too), and
 * just in_len bytes of input are copied after it. A ring while the
 * process has a call parked or an answer pending, or whose header says
 * anything but REQUEST, is a stray: nothing happens.
 */
#include <zos/error.h>

#include "hal/wasm/wasm.h"
#include "lib/bytes.h"
#include "lib/mailbox.h"
#include "lib/mem.h"

struct wproc *wasm_proc(struct wasm_platform *w, uint32_t pid)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (w->procs[i].used && w->procs[i].pid == pid && !w->procs[i].ended)
			return &w->procs[i];
	return 0;
}

void wasm_proc_started(struct wasm_platform *w, uint32_t pid)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (!w->procs[i].used) {
			zos_memset(&w->procs[i], 0, sizeof w->procs[i]);
			w->procs[i].used = 1;
			w->procs[i].pid = pid;
			return;
		}
}

/* Its worker is terminated and its record freed at once: a browser
 * process has nothing left to reap. */
void wasm_proc_ended(struct wasm_platform *w, uint32_t pid)
{
	struct wproc *p = wasm_proc(w, pid);

	if (!p)
		return;
	zos_memset(p, 0, sizeof *p);
	zk_process_ended(pid);
}

/* The answer into p's mailbox (result and out_len, then the output), not
 * yet visible to p. */
static void store(struct wproc *p, const zos_syscall_t *sc, int64_t r)
{
	uint32_t n = mailbox_answer_len(sc);
	uint8_t tail[12];

	zos_st64(tail, (uint64_t)r);
	zos_st32(tail + 8, sc->out_len);
	if (n)
		zk_mb_write(p->pid, ZOS_WASM_MB(out), wasm.out_buf, n);
	zk_mb_write(p->pid, ZOS_WASM_MB(result), tail, sizeof tail);
	p->answer_ready = 1;
}

_Static_assert(offsetof(struct zos_mailbox, out_len) == offsetof(struct zos_mailbox, result) + 8,
	       "the answer's result and out_len are stored as one run of 12 bytes");

static void finish(struct wasm_platform *w, uint32_t pid, const zos_syscall_t *sc,
		   enum system_outcome o, int64_t r)
{
	struct wproc *p = wasm_proc(w, pid);

	if (!p)
		return; /* it ended during the call (the System said so already) */
	if (o == SYS_DONE) {
		store(p, sc, r);
	} else if (o == SYS_PARKED) {
		p->parked = 1;
		p->out_cap = sc->out_cap;
	} else { /* SYS_GONE: it exited (or killed itself) */
		wasm_proc_ended(w, pid);
	}
}

/* The request in p's mailbox, copied into kernel memory: 1, or 0 when
 * its header holds none. */
static int take(struct wasm_platform *w, struct wproc *p, zos_syscall_t *sc)
{
	zk_mb_read(p->pid, 0, w->head, sizeof w->head);
	if (!mailbox_request(w->head, sc, w->in_buf, w->out_buf))
		return 0;
	if (sc->in_len)
		zk_mb_read(p->pid, ZOS_WASM_MB(in), w->in_buf, sc->in_len);
	return 1;
}

/* A doorbell rang on pid's mailbox: 1 when a syscall was served. */
ZOS_WASM_EXPORT(zos_wasm_ring) int32_t zos_wasm_ring(uint32_t pid);
int32_t zos_wasm_ring(uint32_t pid)
{
	struct wasm_platform *w = &wasm;
	struct wproc *p = wasm_proc(w, pid);
	zos_syscall_t sc;
	enum system_outcome o;
	int64_t r = 0;

	if (!w->booted || !p || p->parked || p->answer_ready || !take(w, p, &sc))
		return 0; /* a stray ring: nothing new to do */
	o = system_syscall(w->sys, pid, &sc, &r);
	finish(w, pid, &sc, o, r);
	return 1;
}

static void resume_woken(struct wasm_platform *w)
{
	for (uint32_t i = 0; i < w->nwoken; i++) {
		struct wproc *p = wasm_proc(w, w->woken[i]);
		enum system_outcome o;
		zos_syscall_t sc;
		int64_t r = 0;

		if (!p || !p->parked)
			continue;
		zos_memset(&sc, 0, sizeof sc);
		sc.out = w->out_buf;
		sc.out_cap = p->out_cap;
		p->parked = 0;
		o = system_resume(w->sys, p->pid, &sc, &r);
		finish(w, w->woken[i], &sc, o, r);
	}
	w->nwoken = 0;
}

/* The answers, after the pass's commits were handed to the log. None
 * goes out after the log failed. */
static void answer_all(struct wasm_platform *w)
{
	struct system_status st;

	system_status(w->sys, &st);
	if (st.unflushed && !st.log_failed)
		system_flush(w->sys);
	system_status(w->sys, &st);
	if (st.log_failed)
		return;
	for (int i = 0; i < ZOS_MAX_PROCS; i++) {
		struct wproc *p = &w->procs[i];
		if (p->used && p->answer_ready && !p->ended) {
			zk_mb_publish(p->pid);
			p->answer_ready = 0;
		}
	}
}

/* The end of a pass (see the top of the file). Returns 1 when the
 * platform must stop (zos_wasm_status says with what). */
ZOS_WASM_EXPORT(zos_wasm_pass) int32_t zos_wasm_pass(void);
int32_t zos_wasm_pass(void)
{
	struct wasm_platform *w = &wasm;
	struct system_status st;

	if (!w->booted)
		return 0;
	resume_woken(w);
	system_pump(w->sys);
	resume_woken(w);
	answer_all(w);
	system_status(w->sys, &st);
	return st.stopping ? 1 : 0;
}
