/*
 * What a Zero OS process may do as a Linux process: its mailbox protocol
 * and nothing else.
 *
 * confine_child runs in the forked child just before it becomes the
 * program. After it, the process holds exactly three fds (the mailbox,
 * the doorbell, the binary it is about to run, close-on-exec), has
 * no_new_privs, and runs under a seccomp filter that lets through only
 * what user/libzos/hosted/start.c needs:
 *
 *   mmap of the mailbox fd, write to the doorbell fd, futex, exit and
 *   exit_group, rt_sigreturn, and execveat of the binary's fd (gone once
 *   the exec has happened, so it can run once).
 *
 * Everything else (open, kill, fork and clone, socket, ptrace, ftruncate,
 * memfd_create, ...) fails with EPERM: the process learns it was refused
 * and nobody else is touched. A call from another ABI (x32, i386) kills the
 * process, since its numbers mean other calls. The mailbox memfd is sealed
 * against shrinking and growing besides (procs.c), so even a call that got
 * through could not make the kernel side's mapping fault.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <zos/mailbox.h>

#include "hal/hosted/hosted.h"

#define ARG_LO(n) (offsetof(struct seccomp_data, args) + 8 * (n))
#define ARG_HI(n) (ARG_LO(n) + 4)

#define LOAD(off) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define RET(v) BPF_STMT(BPF_RET | BPF_K, (v))
/* if A == v fall through, else skip `skip` instructions */
#define IF_EQ(v, skip) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (v), 0, (skip))

#define ALLOW RET(SECCOMP_RET_ALLOW)
#define REFUSE RET(SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA))

/* System call `call` allowed only when its argument `arg` is `fd` (all 64 bits),
 * refused with another; any other call goes on to the next rule. Seven
 * instructions, the jumps counted within them. */
#define ALLOW_ON_FD(call, arg, fd) \
	LOAD(offsetof(struct seccomp_data, nr)), IF_EQ((call), 6), LOAD(ARG_HI(arg)), IF_EQ(0, 3), \
		LOAD(ARG_LO(arg)), IF_EQ((fd), 1), ALLOW, REFUSE

static struct sock_filter filter[] = { /* not const: sock_fprog points at it */
	LOAD(offsetof(struct seccomp_data, arch)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
	RET(SECCOMP_RET_KILL_PROCESS),
	LOAD(offsetof(struct seccomp_data, nr)),
	BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u /* x32 */, 0, 1),
	RET(SECCOMP_RET_KILL_PROCESS),
	IF_EQ(SYS_futex, 1),
	ALLOW,
	IF_EQ(SYS_exit_group, 1),
	ALLOW,
	IF_EQ(SYS_exit, 1),
	ALLOW,
	IF_EQ(SYS_rt_sigreturn, 1),
	ALLOW,
	ALLOW_ON_FD(SYS_write, 0, ZOS_HOSTED_DOORBELL_FD),
	/* mmap(0, len, prot, flags, mailbox, 0) */
	ALLOW_ON_FD(SYS_mmap, 4, ZOS_HOSTED_MAILBOX_FD),
	/* execveat(binary, "", argv, envp, AT_EMPTY_PATH): the exec itself */
	ALLOW_ON_FD(SYS_execveat, 0, ZOS_HOSTED_BINARY_FD),
	REFUSE,
};

int confine_child(void)
{
	struct sock_fprog prog = {
		.len = (unsigned short)(sizeof filter / sizeof filter[0]),
		.filter = filter,
	};

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0)
		return -1;
	return 0;
}
