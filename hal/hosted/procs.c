/*
 * Zero OS processes as Linux processes.
 *
 * Spawning writes the binary the kernel was handed into a memfd and runs it
 * with fexecve, so what runs is exactly what SPAWN_PROCESS carried. The
 * child gets its mailbox (a shared memfd, sealed at its size) as fd 3 and
 * its doorbell (an eventfd) as fd 4, no other fd, a fresh session, and
 * dies with the kernel side (PR_SET_PDEATHSIG); confine.c's seccomp filter
 * leaves it its mailbox protocol and nothing else.
 *
 * A process that ends for any reason is killed (if it still runs), reaped
 * through SIGCHLD, and its mailbox unmapped. One that went away while it
 * was still meant to run crashed: procs_reap says so and how, and the loop
 * tells the System. Nothing here calls the System.
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

struct hproc *procs_find(struct hprocs *ps, uint32_t pid)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (ps->procs[i].used && ps->procs[i].pid == pid && !ps->procs[i].ended)
			return &ps->procs[i];
	return 0;
}

static struct hproc *hproc_free(struct hprocs *ps)
{
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (!ps->procs[i].used)
			return &ps->procs[i];
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

/* The child's side of fork: arrange its fds, confine it, and become the
 * program. Exit codes 120-122 say which step failed (procs_reap reports
 * them as a spawn that never ran). */
static void child_exec(int bin_fd, int mb_fd, int bell_fd, const char *name)
{
	char arg0[ZOS_NAME_MAX + 1];
	char *argv[] = { arg0, 0 };
	char *envp[] = { 0 };

	snprintf(arg0, sizeof arg0, "%s", name);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	setsid();
	if (dup2(mb_fd, ZOS_HOSTED_MAILBOX_FD) < 0 || dup2(bell_fd, ZOS_HOSTED_DOORBELL_FD) < 0 ||
	    dup2(bin_fd, ZOS_HOSTED_BINARY_FD) < 0 ||
	    fcntl(ZOS_HOSTED_BINARY_FD, F_SETFD, FD_CLOEXEC) != 0)
		_exit(120);
	/* Nothing but the three: no stdio, no inherited fd of the kernel side. */
	for (int fd = 0; fd < ZOS_HOSTED_MAILBOX_FD; fd++)
		close(fd);
	if (syscall(SYS_close_range, ZOS_HOSTED_BINARY_FD + 1u, ~0u, 0) != 0) /* Linux 5.9+ */
		for (int fd = ZOS_HOSTED_BINARY_FD + 1; fd < 1024; fd++)
			close(fd);
	if (confine_child() != 0)
		_exit(121);
	syscall(SYS_execveat, ZOS_HOSTED_BINARY_FD, "", argv, envp, AT_EMPTY_PATH);
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
	/* Sealed at its size: a process that could resize it would make the
	 * kernel side's mapping fault (SIGBUS) when it reads the mailbox. */
	*mb_fd = memfd_create("zos-mailbox", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (*mb_fd < 0 || ftruncate(*mb_fd, sizeof(struct zos_mailbox)) != 0 ||
	    fcntl(*mb_fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0)
		return -1;
	p->mb = mmap(0, sizeof(struct zos_mailbox), PROT_READ | PROT_WRITE, MAP_SHARED, *mb_fd, 0);
	if (p->mb == MAP_FAILED) {
		p->mb = 0;
		return -1;
	}
	p->doorbell = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	return p->doorbell < 0 ? -1 : 0;
}

static void release(struct hprocs *ps, struct hproc *p)
{
	if (p->doorbell > 0) {
		epoll_ctl(ps->epfd, EPOLL_CTL_DEL, p->doorbell, 0);
		close(p->doorbell);
	}
	if (p->mb)
		munmap(p->mb, sizeof(struct zos_mailbox));
	memset(p, 0, sizeof *p);
}

int procs_spawn(struct hprocs *ps, uint32_t pid, const char *name, uint32_t name_len,
		const uint8_t *binary, uint32_t len)
{
	struct hproc *p = hproc_free(ps);
	int mb_fd = -1, bin_fd = -1, err = ZOS_ERR_SPAWN_FAILED;
	struct epoll_event ev = { .events = EPOLLIN };

	if (procs_find(ps, pid))
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
	ev.data.u64 = (uint64_t)(p - ps->procs);
	if (bin_fd < 0 || epoll_ctl(ps->epfd, EPOLL_CTL_ADD, p->doorbell, &ev) != 0)
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
		release(ps, p);
	return err;
}

void procs_stop(struct hprocs *ps, uint32_t pid)
{
	struct hproc *p = procs_find(ps, pid);

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
	case SIGSYS: *fault = ZOS_FAULT_OTHER; return "a Linux system call of another ABI";
	default: *fault = ZOS_FAULT_OTHER; return "killed by a signal";
	}
}

/* The child's own exit codes (child_exec), else a program that left
 * without the EXIT syscall. */
static const char *exit_reason(int code)
{
	switch (code) {
	case 120: return "never ran: its file descriptors could not be set up";
	case 121: return "never ran: this Linux refused to confine it (seccomp, no_new_privs)";
	case 122: return "never ran: not an executable this machine runs";
	default: return "left without EXIT";
	}
}

/* The Linux process is gone; if it was still meant to run, it crashed
 * (or left without EXIT): say how. */
static void child_gone(struct hprocs *ps, struct hproc *p, int status, struct hproc_exit *out)
{
	memset(out, 0, sizeof *out);
	out->pid = p->pid;
	memcpy(out->name, p->name, sizeof out->name);
	out->unexpected = !p->ended;
	if (WIFSIGNALED(status)) {
		const char *why = signal_reason(WTERMSIG(status), &out->fault);
		snprintf(out->desc, sizeof out->desc, "%s (signal %d)", why, WTERMSIG(status));
	} else {
		out->fault = ZOS_FAULT_PROTOCOL;
		snprintf(out->desc, sizeof out->desc, "%s (status %d)",
			 exit_reason(WEXITSTATUS(status)), WEXITSTATUS(status));
	}
	release(ps, p);
}

int procs_reap(struct hprocs *ps, struct hproc_exit *out)
{
	int status;
	pid_t lp;

	while ((lp = waitpid(-1, &status, WNOHANG)) > 0) {
		for (int i = 0; i < ZOS_MAX_PROCS; i++) {
			struct hproc *p = &ps->procs[i];
			if (p->used && p->linux_pid == lp) {
				child_gone(ps, p, status, out);
				return 1;
			}
		}
	}
	return 0;
}

void procs_kill_all(struct hprocs *ps)
{
	int status;

	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (ps->procs[i].used && ps->procs[i].linux_pid > 0) {
			ps->procs[i].ended = 1;
			kill(ps->procs[i].linux_pid, SIGKILL);
		}
	for (int i = 0; i < ZOS_MAX_PROCS; i++)
		if (ps->procs[i].used) {
			if (ps->procs[i].linux_pid > 0)
				waitpid(ps->procs[i].linux_pid, &status, 0);
			release(ps, &ps->procs[i]);
		}
}
