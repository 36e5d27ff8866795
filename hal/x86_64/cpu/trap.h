/*
 * The IDT and what a trap looks like to C: isr.S saves every register into
 * a struct trap_frame and calls trap_dispatch with it.
 */
#ifndef ZOS_X86_TRAP_H
#define ZOS_X86_TRAP_H

#include <stdint.h>

struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	/* pushed by the CPU */
	uint64_t rip, cs, rflags, rsp, ss;
};

#define TRAP_EXCEPTIONS 32
#define TRAP_SYSCALL 0x100 /* the vector syscall_entry.S gives a syscall */

/* The top of the stack entries from ring 3 land on (TSS rsp0, syscall). */
extern uint64_t trap_stack_top;

void idt_init(void);
void trap_dispatch(struct trap_frame *f);

#endif
