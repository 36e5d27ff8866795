/*
 * Exception entry stubs: each pushes a zero where the CPU pushes no error
 * code, then its vector, and jumps to the common path, which saves every
 * general register (struct trap_frame in trap.h, in reverse order) and
 * calls trap_dispatch. If trap_dispatch returns, the registers are restored
 * and iretq resumes.
 */

	.text
	.code64

.macro STUB v
isr_\v:
	.if !((\v == 8) || ((\v >= 10) && (\v <= 14)) || (\v == 17) || (\v == 21) || (\v == 29) || (\v == 30))
	pushq $0
	.endif
	pushq $\v
	jmp isr_common
.endm

.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	STUB \v
.endr

	.global isr_common
/* The APIC timer (vector 32) and the APIC's spurious vector (255). */
	.global isr_timer
isr_timer:
	pushq $0
	pushq $32
	jmp isr_common
	.global isr_spurious
isr_spurious:
	pushq $0
	pushq $255
	jmp isr_common

isr_common:
	cld
	/* RFLAGS.AC from ring 3 would switch SMAP off in the kernel. */
	testl $1, cpu_smap_on(%rip)
	jz 1f
	clac
1:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	mov %rsp, %rdi
	/* Align the stack for the C call; rbx is callee-saved. */
	mov %rsp, %rbx
	and $-16, %rsp
	call trap_dispatch
	mov %rbx, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	add $16, %rsp
	iretq

	.section .rodata
	.balign 8
	.global isr_stubs
isr_stubs:
.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad isr_\v
.endr
