/*
 * The kernel thread's loop (see hosted.h): serve doorbells, signals,
 * console input and storage results; resume woken receivers; deliver
 * queued notices; make the commits durable; then answer.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <zos/error.h>
#include <zos/msg.h>
#include <zos/pid.h>

#include "hal/hosted/hosted.h"


void hosted_notice(struct hosted *h, uint32_t tag, const void *body, uint32_t len)
{
	struct notice *n;

	if (h->nnotices >= sizeof h->notices / sizeof h->notices[0] || len > sizeof n->body) {
		console_say(h, "zos: dropped a notice for init (tag 0x%x): too many queued\n", tag);
		return;
	}
	n = &h->notices[h->nnotices++];
	n->tag = tag;
	n->len = len;
	memcpy(n->body, body, len);
}

void hosted_process_ended(struct hosted *h, uint32_t pid, int32_t code, uint32_t fault)
{
	/* code -1 without a fault: it did not exit by itself */
	struct zos_process_ended e = { pid, code, fault, code == -1 && fault == 0 };

	if (pid == ZOS_PID_INIT) {
		char why[64];
		snprintf(why, sizeof why, "init ended (code %d)", code);
		hosted_stop(h, code < 0 ? 1 : code, code == 0 ? 0 : why);
		return;
	}
	hosted_notice(h, ZOS_MSG_SUP_PROCESS_ENDED, &e, sizeof e);
}

void hosted_stop(struct hosted *h, int code, const char *why)
{
	if (h->stopping)
		return;
	h->stopping = 1;
	h->exit_code = code;
	if (why)
		console_say(h, "zos: %s: shutting down\n", why);
}

static void futex_wake(uint32_t *word)
{
	syscall(SYS_futex, word, FUTEX_WAKE, INT_MAX, 0, 0, 0);
}

/* The answer is in the mailbox; the process may see it once it is durable. */
static void publish(struct hproc *p)
{
	__atomic_store_n(&p->mb->state, ZOS_MB_RESPONSE, __ATOMIC_RELEASE);
	futex_wake(&p->mb->state);
	p->answer_ready = 0;
}

static void store_answer(struct hosted *h, struct hproc *p, const zos_syscall_t *sc, int64_t r)
{
	uint32_t n = sc->out_len <= sc->out_cap ? sc->out_len : sc->out_cap;

	if (n)
		memcpy(p->mb->out, h->out_buf, n);
	p->mb->out_len = sc->out_len;
	p->mb->result = r;
	p->answer_ready = 1;
}

static void finish(struct hosted *h, struct hproc *p, zos_syscall_t *sc, enum system_outcome o,
		   int64_t r)
{
	if (o == SYS_DONE) {
		store_answer(h, p, sc, r);
	} else if (o == SYS_PARKED) {
		p->parked = 1;
		p->out_cap = sc->out_cap;
	} else { /* SYS_GONE: it exited (or killed itself) */
		uint32_t pid = p->pid;
		int32_t code = (int32_t)sc->arg[0];
		hosted_end_process(h, pid);
		hosted_process_ended(h, pid, sc->num == ZOS_SYS_EXIT ? code : -1, 0);
	}
}

/* Copies the request out of shared memory before anything looks at it. */
static int take_request(struct hosted *h, struct hproc *p, zos_syscall_t *sc)
{
	struct zos_mailbox *mb = p->mb;

	if (__atomic_load_n(&mb->state, __ATOMIC_ACQUIRE) != ZOS_MB_REQUEST)
		return 0;
	memset(sc, 0, sizeof *sc);
	sc->num = mb->num;
	memcpy(sc->arg, mb->arg, sizeof sc->arg);
	sc->in_len = mb->in_len;
	sc->out_cap = mb->out_cap;
	if (sc->in_len > ZOS_MAILBOX_DATA)
		sc->in_len = ZOS_MAILBOX_DATA; /* the process lied; the kernel reads no further */
	if (sc->out_cap > ZOS_MAILBOX_DATA)
		sc->out_cap = ZOS_MAILBOX_DATA;
	memcpy(h->in_buf, mb->in, sc->in_len);
	sc->in = h->in_buf;
	sc->out = h->out_buf;
	return 1;
}

static void serve(struct hosted *h, struct hproc *p)
{
	uint64_t rings;
	zos_syscall_t sc;
	int64_t r = 0;

	while (read(p->doorbell, &rings, sizeof rings) < 0 && errno == EINTR)
		;
	enum system_outcome o;

	if (p->ended || p->parked || p->answer_ready || !take_request(h, p, &sc))
		return; /* a stray ring: nothing new to do */
	o = system_syscall(h->sys, p->pid, &sc, &r);
	finish(h, p, &sc, o, r);
}

static void resume_woken(struct hosted *h)
{
	for (uint32_t i = 0; i < h->nwoken; i++) {
		struct hproc *p = hproc_of(h, h->woken[i]);
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

static void deliver_notices(struct hosted *h)
{
	uint32_t i = 0;

	for (; i < h->nnotices; i++) {
		int64_t r = system_kernel_send(h->sys, ZOS_KERNEL_INIT_SLOT, h->notices[i].tag,
					       h->notices[i].body, h->notices[i].len);
		if (r == ZOS_ERR_QUEUE_FULL || r == ZOS_ERR_RESOURCE_EXHAUSTED)
			break; /* Init is behind: keep the rest for the next pass */
	}
	memmove(h->notices, h->notices + i, (h->nnotices - i) * sizeof h->notices[0]);
	h->nnotices -= i;
}

static void on_signal(struct hosted *h)
{
	struct signalfd_siginfo si;

	while (read(h->sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (si.ssi_signo == SIGCHLD)
			hosted_reap(h);
		else
			hosted_stop(h, 0, strsignal((int)si.ssi_signo));
	}
}

static void dispatch(struct hosted *h, uint64_t key)
{
	if (key < ZOS_MAX_PROCS)
		serve(h, &h->procs[key]);
	else if (key == KEY_SIGNAL)
		on_signal(h);
	else if (key == KEY_CONSOLE)
		console_readable(h);
	else if (key == KEY_STORAGE)
		hosted_device_results(h, h->storage, ZOS_MSG_DEV_STORAGE_RESULT);
	else if (key == KEY_KEYSTORE)
		hosted_device_results(h, h->keystore, ZOS_MSG_DEV_KEYSTORE_RESULT);
	else if (key == KEY_NETWORK)
		hosted_net_results(h);
}

int hosted_make_durable(struct hosted *h)
{
	int err = system_flush(h->sys);

	if (err) {
		console_say(h, "zos: the commit log could not be written (%s); stopping, "
			       "and nothing that was not saved leaves the system\n",
			    zos_error_message(err));
		hosted_stop(h, 3, 0);
	}
	h->dirty_since_ns = 0;
	return err;
}

/* After a pass: answer. The answers may run ahead of the disk: only output
 * that leaves the system waits for it (hosted.h); a tail older than
 * ZOS_HOSTED_FLUSH_MS is written anyway, so the audit trail never lags far. */
static void answer_all(struct hosted *h)
{
	uint64_t now = hosted_now_ns();

	if (h->sys->ax.log.unflushed && !h->dirty_since_ns)
		h->dirty_since_ns = now;
	if (h->dirty_since_ns && now - h->dirty_since_ns >= ZOS_HOSTED_FLUSH_MS * 1000000ull)
		hosted_make_durable(h);
	if (h->sys->ax.log.failed)
		return; /* stopping: nobody is answered after the log failed */
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (h->procs[i].used && h->procs[i].answer_ready && !h->procs[i].ended)
			publish(&h->procs[i]);
}

/* How long epoll may sleep: until the unwritten tail is due, or for good. */
static int sleep_ms(struct hosted *h, int busy)
{
	uint64_t waited;

	if (!h->dirty_since_ns)
		return busy ? 10 : -1;
	waited = (hosted_now_ns() - h->dirty_since_ns) / 1000000ull;
	return waited >= ZOS_HOSTED_FLUSH_MS ? 0 : (int)(ZOS_HOSTED_FLUSH_MS - waited);
}

static int watch(struct hosted *h, int fd, uint64_t key)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = key };
	return fd < 0 ? 0 : epoll_ctl(h->epfd, EPOLL_CTL_ADD, fd, &ev);
}

static int setup_events(struct hosted *h)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, 0) != 0)
		return -1;
	h->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (h->sigfd < 0 || watch(h, h->sigfd, KEY_SIGNAL) != 0 ||
	    (!h->in_is_file && watch(h, h->in_fd, KEY_CONSOLE) != 0))
		return -1;
	if (h->storage && watch(h, kv_event_fd(h->storage), KEY_STORAGE) != 0)
		return -1;
	if (h->keystore && watch(h, kv_event_fd(h->keystore), KEY_KEYSTORE) != 0)
		return -1;
	if (h->network && watch(h, net_event_fd(h->network), KEY_NETWORK) != 0)
		return -1;
	return 0;
}

int hosted_run(struct hosted *h)
{
	struct epoll_event evs[64];

	if (setup_events(h) != 0) {
		console_say(h, "zos: cannot set up the event loop: %s\n", strerror(errno));
		return 2;
	}
	while (!h->stopping) {
		int file_input = h->in_is_file && !h->in_eof;
		int pending = h->nnotices || h->in_pending_len || h->in_eof == 1 || file_input;
		int n = epoll_wait(h->epfd, evs, 64, sleep_ms(h, pending));

		if (n < 0 && errno != EINTR) {
			console_say(h, "zos: epoll_wait: %s\n", strerror(errno));
			return 2;
		}
		for (int i = 0; i < n; i++)
			dispatch(h, evs[i].data.u64);
		if (file_input)
			console_readable(h); /* a file is always readable: no epoll for it */
		resume_woken(h);
		console_deliver(h);
		deliver_notices(h);
		resume_woken(h);
		answer_all(h);
	}
	return h->exit_code;
}
