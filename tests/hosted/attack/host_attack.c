/*
 * host-attack: a Zero OS program, hosted on Linux only, that tries what a
 * hostile program spawned from the shell would try beyond its
 * capabilities: Linux system calls on the host, straight past the mailbox.
 * Each attempt must be refused (EPERM from the confinement filter,
 * hal/hosted/confine.c) and touch nobody else; the program says so per
 * attempt through its console capability and exits 0 only if every one was
 * refused:
 *
 *   host-attack: refused  shrink the mailbox (ftruncate fd 3)
 *   ...
 *   host-attack: 24 attempts, 24 refused, 0 got through
 *
 * tests/e2e/confine.sh runs it and checks the system afterwards. Nothing
 * here can harm the machine if an attempt got through: signals are signal
 * 0 (an existence probe), the paths are read-only opens, and a fork that
 * succeeded exits at once.
 */
#include <zos/mailbox.h>

#include "zos.h"
#include "hosted/linux_call.h"

/* Linux x86_64 system call numbers and constants (the host ABI, not Zero OS). */
enum {
	L_READ = 0, L_WRITE = 1, L_MMAP = 9, L_MPROTECT = 10, L_IOCTL = 16, L_MREMAP = 25,
	L_SHMGET = 29, L_DUP = 32, L_GETPID = 39, L_SOCKET = 41, L_CLONE = 56, L_FORK = 57,
	L_VFORK = 58, L_EXECVE = 59, L_KILL = 62, L_FCNTL = 72, L_FTRUNCATE = 77,
	L_PTRACE = 101, L_GETPPID = 110, L_PRCTL = 157, L_TKILL = 200, L_OPENAT = 257,
	L_UNSHARE = 272, L_FALLOCATE = 285, L_MEMFD_CREATE = 319, L_BPF = 321,
	L_PROCESS_VM_WRITEV = 311, L_IO_URING_SETUP = 425, L_PIDFD_OPEN = 434,
	L_CLONE3 = 435,
};
#define L_EPERM 1
#define L_AT_FDCWD (-100)
#define L_MAP_PRIVATE_ANON 0x22
#define L_PROT_RWX 7
#define L_F_ADD_SEALS 1033
#define L_SIGKILL_PROBE 0 /* signal 0: asks whether a signal could be sent */

struct attempt {
	const char *what;
	long nr, a, b, c, d, e, f;
};

static const char proc_fd[] = "/proc/1/fd/0";
static const char etc_passwd[] = "/etc/passwd";
static const char bin_sh[] = "/bin/sh";
static const char memfd_name[] = "x";
static char buf[64];

int zos_main(void)
{
	const struct attempt tries[] = {
		{ "shrink the mailbox (ftruncate fd 3)", L_FTRUNCATE, ZOS_HOSTED_MAILBOX_FD, 0 },
		{ "grow the mailbox (fallocate fd 3)", L_FALLOCATE, ZOS_HOSTED_MAILBOX_FD, 0, 0, 1 << 24 },
		{ "unseal the mailbox (fcntl F_ADD_SEALS)", L_FCNTL, ZOS_HOSTED_MAILBOX_FD, L_F_ADD_SEALS, 0 },
		{ "write the mailbox file directly (write fd 3)", L_WRITE, ZOS_HOSTED_MAILBOX_FD, (long)buf, 8 },
		{ "read a host file (openat /etc/passwd)", L_OPENAT, L_AT_FDCWD, (long)etc_passwd, 0 },
		{ "reach zos's fds (openat /proc/1/fd/0)", L_OPENAT, L_AT_FDCWD, (long)proc_fd, 0 },
		{ "read stdin (read fd 0)", L_READ, 0, (long)buf, sizeof buf },
		{ "write stdout (write fd 1)", L_WRITE, 1, (long)buf, 1 },
		{ "copy the mailbox fd (dup fd 3)", L_DUP, ZOS_HOSTED_MAILBOX_FD },
		{ "signal pid 1 (kill, signal 0)", L_KILL, 1, L_SIGKILL_PROBE },
		{ "signal a thread (tkill pid 1, signal 0)", L_TKILL, 1, L_SIGKILL_PROBE },
		{ "find its Linux parent (getppid)", L_GETPPID },
		{ "find its Linux pid (getpid)", L_GETPID },
		{ "open a pidfd (pidfd_open 1)", L_PIDFD_OPEN, 1, 0 },
		{ "fork", L_FORK },
		{ "vfork", L_VFORK },
		{ "clone a process", L_CLONE, 17 /* SIGCHLD */, 0 },
		{ "clone3", L_CLONE3, 0, 0 },
		{ "run a host program (execve /bin/sh)", L_EXECVE, (long)bin_sh, 0, 0 },
		{ "open a socket (AF_INET)", L_SOCKET, 2, 1, 0 },
		{ "trace pid 1 (ptrace attach)", L_PTRACE, 16, 1, 0, 0 },
		{ "write another process's memory (process_vm_writev)", L_PROCESS_VM_WRITEV, 1, 0, 0, 0, 0, 0 },
		{ "map anonymous memory (mmap)", L_MMAP, 0, 4096, L_PROT_RWX, L_MAP_PRIVATE_ANON, -1, 0 },
		{ "make its stack executable (mprotect)", L_MPROTECT, (long)buf & ~4095L, 4096, L_PROT_RWX },
		{ "grow the mailbox mapping (mremap)", L_MREMAP, 0, 4096, 1 << 20, 1 },
		{ "System V shared memory (shmget)", L_SHMGET, 0, 4096, 01000 },
		{ "a new memory file (memfd_create)", L_MEMFD_CREATE, (long)memfd_name, 0 },
		{ "leave its namespaces (unshare)", L_UNSHARE, 0x10000000 /* CLONE_NEWUSER */ },
		{ "change its filter (prctl PR_SET_SECCOMP)", L_PRCTL, 22, 2, 0 },
		{ "load a BPF program (bpf)", L_BPF, 5, 0, 0 },
		{ "io_uring (io_uring_setup)", L_IO_URING_SETUP, 8, (long)buf },
		{ "an ioctl on the doorbell", L_IOCTL, ZOS_HOSTED_DOORBELL_FD, 0x5401, 0 },
	};
	uint32_t n = sizeof tries / sizeof tries[0], refused = 0;

	zos_console_slot = (int32_t)ZOS_SLOT_DEVICE;
	for (uint32_t i = 0; i < n; i++) {
		const struct attempt *t = &tries[i];
		long r = linux_call(t->nr, t->a, t->b, t->c, t->d, t->e, t->f);

		if (r == 0 && (t->nr == L_FORK || t->nr == L_VFORK || t->nr == L_CLONE))
			for (;;) /* the child of a fork that got through: leave at once */
				linux_call(60 /* exit */, 0, 0, 0, 0, 0, 0);
		if (r == -L_EPERM) {
			refused++;
			zos_printf("host-attack: refused  %s\n", t->what);
		} else {
			zos_printf("host-attack: GOT THROUGH (result %ld)  %s\n", r, t->what);
		}
	}
	zos_printf("host-attack: %u attempts, %u refused, %u got through\n", n, refused, n - refused);
	return refused == n ? 0 : 1;
}
