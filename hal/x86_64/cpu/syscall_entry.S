/*
 * The `syscall` instruction's landing point. The CPU put the user rip in
 * rcx and rflags in r11 and masked IF (SFMASK); rsp is still the user's.
 * This builds the same struct trap_frame an exception makes, on the trap
 * stack (the TSS rsp0 stack), with vector TRAP_SYSCALL, and joins the
 * common trap path (isr.S), which hands it to proc_syscall.
 */
#include "hal/x86_64/mem/layout.h"

#define TRAP_SYSCALL 0x100
#define SEL_UDATA (0x18 | 3)
#define SEL_UCODE (0x20 | 3)

	.text
	.code64
	.global syscall_entry
syscall_entry:
	mov %rsp, user_rsp_scratch(%rip)
	mov trap_stack_top(%rip), %rsp
	pushq $SEL_UDATA
	pushq user_rsp_scratch(%rip)
	pushq %r11
	pushq $SEL_UCODE
	pushq %rcx
	pushq $0
	pushq $TRAP_SYSCALL
	jmp isr_common

	.bss
	.balign 8
user_rsp_scratch:
	.quad 0
