/*
 * The kernel thread's loop (see hosted.h). One pass:
 *
 *   1. sleep in epoll_wait until something is ready, or until the System
 *      wants its unflushed tail written (system_flush_due);
 *   2. hand each ready thing to the System: a doorbell's syscall, a
 *      signal (a child gone: system_fault if it crashed), console input
 *      (as far as the System has room), device results;
 *   3. resume the receivers the System woke, let it deliver what waits
 *      for Init (system_pump), resume again;
 *   4. write the tail if it is due, then publish the answers (never after
 *      the log failed), and stop when the System says so.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <unistd.h>
#include <zos/error.h>

#include "hal/hosted/hosted.h"

void hosted_stop(struct hosted *h, int code, const char *why)
{
	if (h->stopping)
		return;
	h->stopping = 1;
	h->exit_code = code;
	if (why && why[0])
		console_say(&h->console, "zos: %s: shutting down\n", why);
}

/* What the System said about a syscall, as the process will see it. */
static void finish(struct hosted *h, struct hproc *p, const zos_syscall_t *sc,
		   enum system_outcome o, int64_t r)
{
	if (o == SYS_DONE) {
		mailbox_store(p, sc, h->out_buf, r);
	} else if (o == SYS_PARKED) {
		p->parked = 1;
		p->out_cap = sc->out_cap;
	} else { /* SYS_GONE: it exited (or killed itself) */
		procs_stop(&h->procs, p->pid);
	}
}

static void serve(struct hosted *h, struct hproc *p)
{
	uint64_t rings;
	zos_syscall_t sc;
	enum system_outcome o;
	int64_t r = 0;

	while (read(p->doorbell, &rings, sizeof rings) < 0 && errno == EINTR)
		;
	if (p->ended || p->parked || p->answer_ready || !mailbox_take(p, &sc, h->in_buf, h->out_buf))
		return; /* a stray ring: nothing new to do */
	o = system_syscall(h->sys, p->pid, &sc, &r);
	finish(h, p, &sc, o, r);
}

static void resume_woken(struct hosted *h)
{
	for (uint32_t i = 0; i < h->nwoken; i++) {
		struct hproc *p = procs_find(&h->procs, h->woken[i]);
		enum system_outcome o;
		zos_syscall_t sc;
		int64_t r = 0;

		if (!p || !p->parked)
			continue;
		memset(&sc, 0, sizeof sc);
		sc.out = h->out_buf;
		sc.out_cap = p->out_cap;
		p->parked = 0;
		o = system_resume(h->sys, p->pid, &sc, &r);
		finish(h, p, &sc, o, r);
	}
	h->nwoken = 0;
}

/* Children gone: a crash is the System's to commit, and Init's to hear of. */
static void on_children(struct hosted *h)
{
	struct hproc_exit e;

	while (procs_reap(&h->procs, &e)) {
		if (!e.unexpected || !system_alive(h->sys, e.pid))
			continue;
		console_say(&h->console, "zos: %s (pid %u) crashed: %s\n", e.name, e.pid, e.desc);
		system_fault(h->sys, e.pid, e.fault, e.desc, (uint32_t)strlen(e.desc));
	}
}

static void on_signal(struct hosted *h)
{
	struct signalfd_siginfo si;

	while (read(h->sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (si.ssi_signo == SIGCHLD)
			on_children(h);
		else
			hosted_stop(h, 0, strsignal((int)si.ssi_signo));
	}
}

/* Console bytes, as many as the System can take now. */
static void on_console(struct hosted *h)
{
	uint8_t buf[ZOS_CONSOLE_INPUT_MAX];
	uint32_t n = console_read(&h->console, buf, system_console_room(h->sys));

	if (n)
		system_console_input(h->sys, buf, n); /* took all: n was within its room */
	if (h->console.at_end)
		system_console_eof(h->sys);
}

static void on_device(struct hosted *h, uint64_t key)
{
	static struct hdevice_result res;

	/* NOT_FOUND: the requester, or its endpoint, went away. */
	while (devices_result(&h->devices, key, &res))
		system_device_done(h->sys, res.request, res.tag, res.body, res.len);
}

static void dispatch(struct hosted *h, uint64_t key)
{
	if (key < ZOS_MAX_PROCS)
		serve(h, &h->procs.procs[key]);
	else if (key == KEY_SIGNAL)
		on_signal(h);
	else if (key == KEY_CONSOLE)
		on_console(h);
	else
		on_device(h, key);
}

/* After a pass: the tail if due, then the answers. Answers may run ahead
 * of the disk (system/durable.c says why); none goes out after the log
 * failed. */
static void answer_all(struct hosted *h)
{
	struct system_status st;

	if (system_flush_due(h->sys, h->hal.now_ns(h)) == 0)
		system_flush(h->sys);
	system_status(h->sys, &st);
	if (st.stopping)
		hosted_stop(h, st.exit_code, st.why);
	if (st.log_failed)
		return;
	for (int i = 0; i < ZOS_MAX_PROCS; i++) {
		struct hproc *p = &h->procs.procs[i];
		if (p->used && p->answer_ready && !p->ended)
			mailbox_publish(p);
	}
}

/* How long epoll may sleep: until the unwritten tail is due, or for good
 * (10 ms while something waits for room in Init's inbox). */
static int sleep_ms(struct hosted *h, int waiting)
{
	uint64_t due = system_flush_due(h->sys, h->hal.now_ns(h));
	uint64_t ms = due == UINT64_MAX ? UINT64_MAX : (due + 999999) / 1000000;

	if (waiting && ms > 10)
		ms = 10;
	return ms == UINT64_MAX ? -1 : (int)ms;
}

static int setup_events(struct hosted *h)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = KEY_SIGNAL };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, 0) != 0)
		return -1;
	h->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (h->sigfd < 0 || epoll_ctl(h->epfd, EPOLL_CTL_ADD, h->sigfd, &ev) != 0)
		return -1;
	return devices_watch(&h->devices, h->epfd);
}

int hosted_run(struct hosted *h)
{
	struct epoll_event evs[64];

	if (setup_events(h) != 0) {
		console_say(&h->console, "zos: cannot set up the event loop: %s\n", strerror(errno));
		return 2;
	}
	while (!h->stopping) {
		uint32_t room = system_console_room(h->sys);
		/* A file is always readable: no epoll for it, just read. */
		int file_input = h->console.in_is_file && !h->console.at_end && room;
		struct system_status st;
		int n;

		system_status(h->sys, &st);

		console_watch(&h->console, room > 0);
		n = epoll_wait(h->epfd, evs, 64, file_input ? 0 : sleep_ms(h, st.for_init));
		if (n < 0 && errno != EINTR) {
			console_say(&h->console, "zos: epoll_wait: %s\n", strerror(errno));
			return 2;
		}
		for (int i = 0; i < n; i++)
			dispatch(h, evs[i].data.u64);
		if (file_input)
			on_console(h);
		resume_woken(h);
		system_pump(h->sys);
		resume_woken(h);
		answer_all(h);
	}
	return h->exit_code;
}
