/*
 * The hosted platform's syscall stub and process start-up, for a Zero OS
 * process running as a Linux process (x86_64).
 *
 * This file is the only place user code touches Linux, and only through
 * raw system calls: mmap of the mailbox the kernel side created (fd
 * ZOS_HOSTED_MAILBOX_FD), write to the doorbell eventfd, futex wait for
 * the answer, exit_group. Everything else a process does goes through
 * zos_syscall, like on every other platform.
 *
 * The protocol is include/zos/mailbox.h: fill the request, publish it with
 * a release store of ZOS_MB_REQUEST, ring the doorbell, wait on the state
 * word until the kernel stores ZOS_MB_RESPONSE. A blocking receive simply
 * waits longer; the futex wait costs no CPU.
 */
#include <zos/mailbox.h>

#include "zos.h"

#include "lib/mem.h"
#include "hosted/linux_call.h"

#define LINUX_WRITE 1
#define LINUX_MMAP 9
#define LINUX_FUTEX 202
#define LINUX_EXIT_GROUP 231
#define LINUX_PROT_RW 3
#define LINUX_MAP_SHARED 1
#define LINUX_FUTEX_WAIT 0
#define LINUX_EINTR 4
#define LINUX_EAGAIN 11

static struct zos_mailbox *mailbox;

static __attribute__((noreturn)) void linux_exit(int code)
{
	for (;;)
		linux_call(LINUX_EXIT_GROUP, code, 0, 0, 0, 0, 0);
}

static void wait_for_answer(void)
{
	while (__atomic_load_n(&mailbox->state, __ATOMIC_ACQUIRE) != ZOS_MB_RESPONSE) {
		long r = linux_call(LINUX_FUTEX, (long)&mailbox->state, LINUX_FUTEX_WAIT,
				    ZOS_MB_REQUEST, 0, 0, 0);
		if (r < 0 && r != -LINUX_EINTR && r != -LINUX_EAGAIN)
			linux_exit(126); /* the mailbox is gone: the kernel side ended */
	}
}

int64_t zos_syscall(zos_syscall_t *sc)
{
	uint64_t ring = 1;
	uint32_t out_len;
	int64_t result;

	if (sc->in_len > ZOS_MAILBOX_DATA || sc->out_cap > ZOS_MAILBOX_DATA ||
	    (sc->in_len && !sc->in))
		return ZOS_ERR_INVALID_ARGUMENT;
	mailbox->num = sc->num;
	zos_memcpy(mailbox->arg, sc->arg, sizeof mailbox->arg);
	mailbox->in_len = sc->in_len;
	if (sc->in_len)
		zos_memcpy(mailbox->in, sc->in, sc->in_len);
	mailbox->out_cap = sc->out ? sc->out_cap : 0;
	__atomic_store_n(&mailbox->state, ZOS_MB_REQUEST, __ATOMIC_RELEASE);
	if (linux_call(LINUX_WRITE, ZOS_HOSTED_DOORBELL_FD, (long)&ring, sizeof ring, 0, 0, 0) < 0)
		linux_exit(126);
	wait_for_answer();
	result = mailbox->result;
	out_len = mailbox->out_len;
	if (out_len > sc->out_cap)
		out_len = sc->out_cap; /* the kernel never writes more; trust nothing */
	if (sc->out && out_len)
		zos_memcpy(sc->out, mailbox->out, out_len);
	sc->out_len = mailbox->out_len;
	__atomic_store_n(&mailbox->state, ZOS_MB_IDLE, __ATOMIC_RELAXED);
	return result;
}

static const char not_hosted[] =
	"this is a Zero OS program: it runs inside Zero OS (start it with zos), not on its own\n";

__attribute__((used, noreturn)) void zos_hosted_start(void);
__attribute__((used, noreturn)) void zos_hosted_start(void)
{
	long p = linux_call(LINUX_MMAP, 0, sizeof(struct zos_mailbox), LINUX_PROT_RW,
			    LINUX_MAP_SHARED, ZOS_HOSTED_MAILBOX_FD, 0);

	if (p < 0 && p > -4096) {
		linux_call(LINUX_WRITE, 2, (long)not_hosted, sizeof not_hosted - 1, 0, 0, 0);
		linux_exit(127);
	}
	mailbox = (struct zos_mailbox *)p;
	zos_runtime_init();
	zos_exit(zos_main());
}

/* The ELF entry: align the stack as the C ABI wants, then start. */
__asm__(".globl _start\n"
	"_start:\n"
	"	xor %rbp, %rbp\n"
	"	and $-16, %rsp\n"
	"	call zos_hosted_start\n"
	"	ud2\n");
