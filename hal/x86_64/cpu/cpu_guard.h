/*
 * Supervisor-mode protections, turned on at boot when the CPU has them
 * (CPUID leaf 7): SMEP, so the kernel never executes a page a process can
 * write, and SMAP, so the kernel touches user memory only between
 * user_access_begin and user_access_end, around copies of ranges it has
 * checked with uspace_check. A stray kernel pointer into user space then
 * faults instead of reading or running what a process put there.
 *
 * Every trap entry clears RFLAGS.AC (isr.S; SFMASK for `syscall`), so a
 * process cannot carry SMAP's override into the kernel.
 */
#ifndef ZOS_X86_CPU_GUARD_H
#define ZOS_X86_CPU_GUARD_H

/* 1 once SMAP is on: stac/clac exist (they are invalid opcodes otherwise).
 * Read by isr.S. */
extern int cpu_smap_on;

struct cpu_guard {
	int smep, smap; /* each: on (the CPU has it) */
};

void cpu_guard_init(struct cpu_guard *out);

static inline void user_access_begin(void)
{
	if (cpu_smap_on)
		__asm__ volatile("stac" ::: "memory");
}

static inline void user_access_end(void)
{
	if (cpu_smap_on)
		__asm__ volatile("clac" ::: "memory");
}

#endif
