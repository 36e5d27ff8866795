/*
 * A raw Linux x86_64 system call, for the hosted platform's process
 * start-up (start.c) and for the hosted-only tests that attack it
 * (tests/hosted/). No libc: the registers of the kernel's syscall ABI.
 */
#ifndef ZOS_LIBZOS_HOSTED_LINUX_CALL_H
#define ZOS_LIBZOS_HOSTED_LINUX_CALL_H

static inline long linux_call(long n, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

#endif
