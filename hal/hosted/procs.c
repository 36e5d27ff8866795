/*
 * Zero OS processes as Linux processes.
 *
 * Spawning writes the binary the kernel was handed into a memfd and runs it
 * with fexecve, so what runs is exactly what SPAWN_PROCESS carried. The
 * child gets its mailbox (a shared memfd) as fd 3 and its doorbell (an
 * eventfd) as fd 4, /dev/null on 0-2, nothing else, a fresh session, and
 * dies with the kernel side (PR_SET_PDEATHSIG).
 *
 * A process that ends for any reason is killed (if it still runs), reaped
 * through SIGCHLD, and its mailbox unmapped. If the kernel still thought it
 * alive, it crashed: the fault is committed and reported.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zos/error.h>
#include <zos/fault.h>
#include <zos/msg.h>
#include <zos/pid.h>

#include "hal/hosted/hosted.h"

struct hproc *hproc_of(struct hosted *h, uint32_t pid)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (h->procs[i].used && h->procs[i].pid == pid && !h->procs[i].ended)
			return &h->procs[i];
	return 0;
}

static struct hproc *hproc_free(struct hosted *h)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (!h->procs[i].used)
			return &h->procs[i];
	return 0;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The child's side of fork: arrange its fds and become the program. */
static void child_exec(int bin_fd, int mb_fd, int bell_fd, const char *name)
{
	char arg0[ZOS_NAME_MAX + 1];
	char *argv[] = { arg0, 0 };
	char *envp[] = { 0 };
	int null_fd = open("/dev/null", O_RDWR);

	snprintf(arg0, sizeof arg0, "%s", name);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	setsid();
	if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(null_fd, 1) < 0 || dup2(null_fd, 2) < 0)
		_exit(120);
	if (dup2(mb_fd, ZOS_HOSTED_MAILBOX_FD) < 0 || dup2(bell_fd, ZOS_HOSTED_DOORBELL_FD) < 0 ||
	    dup2(bin_fd, 5) < 0)
		_exit(121);
	if (syscall(SYS_close_range, 6u, ~0u, 0) != 0) /* Linux 5.9+; else one by one */
		for (int fd = 6; fd < 1024; fd++)
			close(fd);
	if (null_fd > 5)
		close(null_fd);
	fexecve(5, argv, envp);
	_exit(122); /* not an executable the kernel could run */
}

static int make_binary_fd(const char *name, const uint8_t *binary, uint32_t len)
{
	int fd = memfd_create(name, MFD_CLOEXEC);

	if (fd < 0)
		return -1;
	if (write_all(fd, binary, len) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int make_mailbox(struct hproc *p, int *mb_fd)
{
	*mb_fd = memfd_create("zos-mailbox", MFD_CLOEXEC);
	if (*mb_fd < 0 || ftruncate(*mb_fd, sizeof(struct zos_mailbox)) != 0)
		return -1;
	p->mb = mmap(0, sizeof(struct zos_mailbox), PROT_READ | PROT_WRITE, MAP_SHARED, *mb_fd, 0);
	if (p->mb == MAP_FAILED) {
		p->mb = 0;
		return -1;
	}
	p->doorbell = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	return p->doorbell < 0 ? -1 : 0;
}

static void release(struct hosted *h, struct hproc *p)
{
	if (p->doorbell > 0) {
		epoll_ctl(h->epfd, EPOLL_CTL_DEL, p->doorbell, 0);
		close(p->doorbell);
	}
	if (p->mb)
		munmap(p->mb, sizeof(struct zos_mailbox));
	memset(p, 0, sizeof *p);
}

int hosted_spawn(struct hosted *h, uint32_t pid, const char *name, uint32_t name_len,
		 const uint8_t *binary, uint32_t len)
{
	struct hproc *p = hproc_free(h);
	int mb_fd = -1, bin_fd = -1, err = ZOS_ERR_SPAWN_FAILED;
	struct epoll_event ev = { .events = EPOLLIN };

	if (hproc_of(h, pid))
		return ZOS_ERR_INVALID_ARGUMENT; /* already running */
	if (!p || !binary || len < 4 || memcmp(binary, "\x7f" "ELF", 4) != 0 ||
	    name_len > ZOS_NAME_MAX)
		return ZOS_ERR_SPAWN_FAILED;
	memset(p, 0, sizeof *p);
	p->used = 1;
	p->pid = pid;
	memcpy(p->name, name, name_len);
	if (make_mailbox(p, &mb_fd) != 0)
		goto out;
	bin_fd = make_binary_fd(p->name, binary, len);
	ev.data.u64 = (uint64_t)(p - h->procs);
	if (bin_fd < 0 || epoll_ctl(h->epfd, EPOLL_CTL_ADD, p->doorbell, &ev) != 0)
		goto out;
	p->linux_pid = fork();
	if (p->linux_pid == 0)
		child_exec(bin_fd, mb_fd, p->doorbell, p->name);
	if (p->linux_pid > 0)
		err = ZOS_OK;
out:
	if (mb_fd >= 0)
		close(mb_fd);
	if (bin_fd >= 0)
		close(bin_fd);
	if (err)
		release(h, p);
	return err;
}

void hosted_end_process(struct hosted *h, uint32_t pid)
{
	struct hproc *p = hproc_of(h, pid);

	if (!p)
		return;
	p->ended = 1;
	p->parked = 0;
	p->answer_ready = 0;
	if (p->linux_pid > 0)
		kill(p->linux_pid, SIGKILL);
}

static const char *signal_reason(int sig, uint32_t *fault)
{
	switch (sig) {
	case SIGSEGV:
	case SIGBUS: *fault = ZOS_FAULT_MEMORY; return "memory fault";
	case SIGILL: *fault = ZOS_FAULT_ILLEGAL_INSTRUCTION; return "illegal instruction";
	case SIGFPE: *fault = ZOS_FAULT_ARITHMETIC; return "arithmetic fault";
	case SIGABRT: *fault = ZOS_FAULT_ABORTED; return "aborted";
	default: *fault = ZOS_FAULT_OTHER; return "killed by a signal";
	}
}

/* The Linux process is gone. If the kernel still counts it alive, it
 * crashed (or left without EXIT): commit the fault and say so. */
static void child_gone(struct hosted *h, struct hproc *p, int status)
{
	uint32_t pid = p->pid, fault = ZOS_FAULT_OTHER;
	const struct proc *kp = kernel_proc(&h->sys->k.s, pid);
	char desc[96];
	const char *why;

	if (!p->ended && kp && kp->state == ZOS_PROC_ALIVE) {
		if (WIFSIGNALED(status)) {
			why = signal_reason(WTERMSIG(status), &fault);
			snprintf(desc, sizeof desc, "%s (signal %d)", why, WTERMSIG(status));
		} else {
			fault = ZOS_FAULT_PROTOCOL;
			snprintf(desc, sizeof desc, "left without EXIT (status %d)",
				 WEXITSTATUS(status));
		}
		console_say(h, "zos: %s (pid %u) crashed: %s\n", p->name, pid, desc);
		p->ended = 1;
		system_fault(h->sys, pid, fault, desc, (uint32_t)strlen(desc));
		hosted_process_ended(h, pid, -1, fault);
	}
	release(h, p);
}

void hosted_reap(struct hosted *h)
{
	int status;
	pid_t lp;

	while ((lp = waitpid(-1, &status, WNOHANG)) > 0) {
		for (int i = 0; i < ZOS_MAX_PROCS; i++) {
			struct hproc *p = &h->procs[i];
			if (p->used && p->linux_pid == lp) {
				child_gone(h, p, status);
				break;
			}
		}
	}
}

void hosted_kill_all(struct hosted *h)
{
	int status;

	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (h->procs[i].used && h->procs[i].linux_pid > 0) {
			h->procs[i].ended = 1;
			kill(h->procs[i].linux_pid, SIGKILL);
		}
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (h->procs[i].used) {
			if (h->procs[i].linux_pid > 0)
				waitpid(h->procs[i].linux_pid, &status, 0);
			release(h, &h->procs[i]);
		}
}
