/*
 * Ring-3 test programs for x86_64, one source built once per MODE:
 *
 *   r3hello   (MODE 0) makes syscalls (DEBUG, TIME, RANDOM, CREATE_ENDPOINT,
 *             SEND, RECV), passes bad pointers (a kernel address as the
 *             record, as the input, as the output; an unmapped page) and
 *             checks each is refused with INVALID_ARGUMENT, times 1000
 *             YIELDs (a null syscall, logged by Axiom) in TSC cycles, exits 0.
 *   r3kread   (MODE 1) reads kernel memory: must be killed.
 *   r3rowrite (MODE 2) writes to its own (read-only) code: must be killed.
 *   r3null    (MODE 3) writes to an unmapped page: must be killed.
 *   r3div     (MODE 4) divides by zero: must be killed.
 *   r3spin    (MODE 5) computes for ~2.5e8 TSC cycles (~100 ms, ten ticks)
 *             without a syscall, then exits: only the timer lets the others
 *             run meanwhile. Long enough for r3hello's work several times
 *             over, short enough not to dominate the boot (it runs in every
 *             boot's checks).
 *   r3fpu     (MODE 6) runs an x87 instruction: must be killed (hal/x86_64/cpu/fpu.h).
 *   r3sse     (MODE 7) runs an SSE instruction: must be killed.
 *
 * The syscall stub is the x86_64 ABI: `syscall` with rdi = the address of
 * a zos_syscall_t; the result comes back in rax.
 */
#include <stdint.h>
#include <zos/error.h>
#include <zos/syscall.h>

#ifndef MODE
#error "build with -DMODE=0..7"
#endif

/* The kernel image in the direct map: always mapped, supervisor-only. */
#define KERNEL_ADDR 0xffff800000100000ull
#define UNMAPPED_ADDR 0x10ull

void _start(void);

static int64_t sys(zos_syscall_t *sc)
{
	int64_t r;

	__asm__ volatile("syscall" : "=a"(r) : "D"(sc) : "rcx", "r11", "memory");
	return r;
}

static __attribute__((unused)) int64_t sys_raw(uint64_t sc_addr)
{
	int64_t r;

	__asm__ volatile("syscall" : "=a"(r) : "D"(sc_addr) : "rcx", "r11", "memory");
	return r;
}

static uint32_t len(const char *s)
{
	uint32_t n = 0;
	while (s[n])
		n++;
	return n;
}

static void say(const char *s)
{
	zos_syscall_t sc = { .num = ZOS_SYS_DEBUG, .in = (const uint8_t *)s, .in_len = len(s) };
	sys(&sc);
}

static __attribute__((noreturn)) void leave(int32_t code)
{
	zos_syscall_t sc = { .num = ZOS_SYS_EXIT, .arg = { (uint64_t)(int64_t)code } };
	for (;;)
		sys(&sc);
}

static int failures;

static __attribute__((unused)) void check(const char *what, int ok)
{
	say(what);
	if (!ok) {
		say("  ^ FAILED");
		failures++;
	}
}

#if MODE == 0 || MODE == 5
static uint64_t tsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}
#endif

#if MODE == 0
#define NULL_CALLS 1000u

/* "WHAT: N" through DEBUG (N: cycles per call). */
static void say_cycles(const char *what, uint64_t cycles)
{
	char line[80];
	char digits[24];
	uint32_t n = 0, d = 0;

	while (*what && n < sizeof line - sizeof digits - 1)
		line[n++] = *what++;
	do {
		digits[d++] = (char)('0' + cycles % 10);
		cycles /= 10;
	} while (cycles && d < sizeof digits);
	while (d)
		line[n++] = digits[--d];
	line[n] = 0;
	say(line);
}

static void run(void)
{
	uint8_t buf[64];
	zos_syscall_t sc;
	int64_t r;
	uint32_t slot;

	say("hello from ring 3");
	sc = (zos_syscall_t){ .num = ZOS_SYS_TIME };
	check("TIME from ring 3", sys(&sc) > 0);
	sc = (zos_syscall_t){ .num = ZOS_SYS_RANDOM, .arg = { 16 }, .out = buf, .out_cap = 16 };
	check("RANDOM into my buffer", sys(&sc) == 16 && sc.out_len == 16);
	sc = (zos_syscall_t){ .num = ZOS_SYS_CREATE_ENDPOINT };
	r = sys(&sc);
	check("CREATE_ENDPOINT", r >= 0);
	slot = (uint32_t)((uint64_t)r >> 32);
	sc = (zos_syscall_t){ .num = ZOS_SYS_SEND, .arg = { slot, 7 }, .in = (const uint8_t *)"ping",
			      .in_len = 4 };
	check("SEND to myself", sys(&sc) == ZOS_OK);
	sc = (zos_syscall_t){ .num = ZOS_SYS_RECV, .arg = { slot, 0 }, .out = buf, .out_cap = sizeof buf };
	r = sys(&sc);
	check("RECV it back", r >= 0 && sc.out_len == 32 + 4 && buf[32] == 'p' && buf[35] == 'g');
	check("a kernel address as the record: refused",
	      sys_raw(KERNEL_ADDR) == ZOS_ERR_INVALID_ARGUMENT);
	check("an unmapped address as the record: refused",
	      sys_raw(UNMAPPED_ADDR) == ZOS_ERR_INVALID_ARGUMENT);
	sc = (zos_syscall_t){ .num = ZOS_SYS_DEBUG, .in = (const uint8_t *)KERNEL_ADDR, .in_len = 16 };
	check("a kernel address as input: refused", sys(&sc) == ZOS_ERR_INVALID_ARGUMENT);
	sc = (zos_syscall_t){ .num = ZOS_SYS_RANDOM, .arg = { 16 }, .out = (uint8_t *)KERNEL_ADDR,
			      .out_cap = 16 };
	check("a kernel address as output: refused", sys(&sc) == ZOS_ERR_INVALID_ARGUMENT);
	sc = (zos_syscall_t){ .num = ZOS_SYS_RANDOM, .arg = { 16 }, .out = (uint8_t *)(uintptr_t)_start,
			      .out_cap = 16 };
	check("my read-only code as output: refused", sys(&sc) == ZOS_ERR_INVALID_ARGUMENT);
	sc = (zos_syscall_t){ .num = ZOS_SYS_DEBUG, .in = buf, .in_len = 0xFFFFFFF0u };
	check("an input length past my memory: refused", sys(&sc) == ZOS_ERR_INVALID_ARGUMENT);
	{
		uint64_t t0 = tsc();
		for (uint32_t i = 0; i < NULL_CALLS; i++) {
			sc = (zos_syscall_t){ .num = ZOS_SYS_YIELD };
			sys(&sc);
		}
		say_cycles("null syscall (YIELD, logged): ", (tsc() - t0) / NULL_CALLS);
		/* The bare path: trap in, the record refused, back out; no System. */
		t0 = tsc();
		for (uint32_t i = 0; i < NULL_CALLS; i++)
			sys_raw(UNMAPPED_ADDR);
		say_cycles("bare syscall (record refused, no System): ", (tsc() - t0) / NULL_CALLS);
	}
	say(failures ? "ring-3 checks FAILED" : "ring-3 checks passed");
	leave(failures ? 1 : 0);
}
#elif MODE == 1
static void run(void)
{
	say("reading kernel memory (must be killed)");
	say(*(volatile const uint64_t *)KERNEL_ADDR ? "read it: WRONG" : "read zero: WRONG");
	leave(1);
}
#elif MODE == 2
static void run(void)
{
	say("writing to my own code (must be killed)");
	*(volatile uint8_t *)(uintptr_t)_start = 0xC3;
	say("wrote it: WRONG");
	leave(1);
}
#elif MODE == 3
static void run(void)
{
	say("writing to an unmapped page (must be killed)");
	*(volatile uint64_t *)UNMAPPED_ADDR = 1;
	say("wrote it: WRONG");
	leave(1);
}
#elif MODE == 6
static void run(void)
{
	say("an x87 instruction (must be killed: the FPU is off)");
	__asm__ volatile("fld1");
	say("fld1 ran: WRONG");
	leave(1);
}
#elif MODE == 7
static void run(void)
{
	say("an SSE instruction (must be killed: SSE is off)");
	__asm__ volatile("xorps %xmm0, %xmm0");
	say("xorps ran: WRONG");
	leave(1);
}
#elif MODE == 5
static void run(void)
{
	uint64_t end;

	say("spinning without syscalls");
	end = tsc() + 250000000ull;
	while (tsc() < end)
		__asm__ volatile("pause");
	say("spin done");
	leave(0);
}
#else
static volatile int zero;
static volatile int quotient;
static void run(void)
{
	say("dividing by zero (must be killed)");
	quotient = 100 / zero;
	say("divided: WRONG");
	leave(1);
}
#endif

void _start(void)
{
	run();
}
