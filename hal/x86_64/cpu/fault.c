/*
 * Every trap from isr.S lands here: syscalls and timer ticks from ring 3
 * go to the scheduler. On a CPU exception: a report on the console — which
 * exception, its error code (decoded for page faults), rip, cr2, every
 * register, and whose it is — then a process's fault goes to the
 * scheduler (sched_fault: that process only is ended, ProcessFaulted), and
 * a fault in the kernel stops the machine.
 */
#include <zos/fault.h>

#include "hal/x86_64/cpu/apic.h"
#include "hal/x86_64/cpu/cpu.h"
#include "hal/x86_64/kprint.h"
#include "hal/x86_64/sched.h"
#include "hal/x86_64/cpu/trap.h"

#define VEC_PAGE_FAULT 14

static const char *const names[TRAP_EXCEPTIONS] = {
	"divide error", "debug", "non-maskable interrupt", "breakpoint", "overflow",
	"bound range exceeded", "invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack-segment fault", "general protection fault", "page fault", "reserved (15)",
	"x87 floating-point error", "alignment check", "machine check",
	"SIMD floating-point error", "virtualization exception", "control protection",
	"reserved (22)", "reserved (23)", "reserved (24)", "reserved (25)", "reserved (26)",
	"reserved (27)", "hypervisor injection", "VMM communication", "security exception",
	"reserved (31)",
};

static void page_fault_detail(uint64_t err)
{
	kprintf("  page fault: %s, %s access from %s mode%s%s\n",
		(err & 1) ? "protection violation" : "page not present",
		(err & 16) ? "instruction fetch" : (err & 2) ? "write" : "read",
		(err & 4) ? "user" : "kernel", (err & 8) ? ", reserved bit set" : "",
		(err & 32) ? ", protection key" : "");
}

static uint32_t fault_reason(uint64_t vector)
{
	switch (vector) {
	case 0: case 16: case 19: return ZOS_FAULT_ARITHMETIC;
	case 6: return ZOS_FAULT_ILLEGAL_INSTRUCTION;
	case 12: case 13: case 14: case 17: return ZOS_FAULT_MEMORY;
	default: return ZOS_FAULT_OTHER;
	}
}

void trap_dispatch(struct trap_frame *f)
{
	uint64_t cr2 = read_cr2();
	const char *name = f->vector < TRAP_EXCEPTIONS ? names[f->vector] : "unknown vector";
	int user = (f->cs & 3) == 3;
	const struct uproc *p = user ? sched_running() : 0;

	if (f->vector == TRAP_SYSCALL && user)
		sched_syscall(f);
	if (f->vector == VEC_SPURIOUS)
		return; /* no EOI for a spurious interrupt */
	if (f->vector == VEC_TIMER) {
		apic_eoi();
		if (user)
			sched_preempt(f);
		return; /* the kernel runs with interrupts off: a stale tick */
	}

	kprintf("\n*** CPU exception %llu (%s), error code 0x%llx\n", (unsigned long long)f->vector,
		name, (unsigned long long)f->error);
	if (p)
		kprintf("  in: process %u (%s), ring 3\n", p->pid, p->name);
	else
		kprintf("  in: %s\n", user ? "ring 3, no process known" : "the kernel (no process)");
	kprintf("  rip %016llx  cs %04llx  rflags %016llx\n", (unsigned long long)f->rip,
		(unsigned long long)f->cs, (unsigned long long)f->rflags);
	kprintf("  rsp %016llx  ss %04llx  cr2 %016llx  cr3 %016llx\n", (unsigned long long)f->rsp,
		(unsigned long long)f->ss, (unsigned long long)cr2, (unsigned long long)read_cr3());
	if (f->vector == VEC_PAGE_FAULT)
		page_fault_detail(f->error);
	kprintf("  rax %016llx  rbx %016llx  rcx %016llx  rdx %016llx\n",
		(unsigned long long)f->rax, (unsigned long long)f->rbx, (unsigned long long)f->rcx,
		(unsigned long long)f->rdx);
	kprintf("  rsi %016llx  rdi %016llx  rbp %016llx  r8  %016llx\n",
		(unsigned long long)f->rsi, (unsigned long long)f->rdi, (unsigned long long)f->rbp,
		(unsigned long long)f->r8);
	kprintf("  r9  %016llx  r10 %016llx  r11 %016llx  r12 %016llx\n",
		(unsigned long long)f->r9, (unsigned long long)f->r10, (unsigned long long)f->r11,
		(unsigned long long)f->r12);
	kprintf("  r13 %016llx  r14 %016llx  r15 %016llx\n", (unsigned long long)f->r13,
		(unsigned long long)f->r14, (unsigned long long)f->r15);
	if (user)
		sched_fault(f, fault_reason(f->vector), name);
	kpanic("a fault in the kernel is fatal");
}
